"""Demo content: earlier, finished rounds with approved and published cooperation documents: ALKE 2025 (in
follow-up) and, so the follow-up report and the feedback survey compare rounds, a smaller ALKE 2024 (in the
feedback phase) for three of the same regions.

Two loaders: the conclusions (order 60), then, after the funding app has agreed the funded entities on
them (61), the documents (62), which are approved and published with the funding in them.
Everything here is invented and flagged `is_demo`. Idempotent: a region whose demo conclusions or
document already exist is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db import transaction

from alke.accounts.models import User
from alke.agreements import services
from alke.agreements.models import Conclusion, CooperationDocument
from alke.regions.models import Ministry, Region
from alke.rounds.models import Phase, Round

DEMO_YEAR = 2025

# region code -> (regional official's username, background, own themes, conclusions, indicators); the
# funded entities of each region are the funding app's demo (alke.funding.demo)
# conclusion: (text_fi, text_sv, ministries, region responsible, other parties, deadline, budget decision)
# indicator: (conclusion index, indicator code, target as a change from the baseline) — indicators the
# statistics snapshot has data for, so the follow-up shows a baseline, the latest value and a target.
DEMO: dict[str, dict] = {
    "MK02": {
        "user": "varsinais-suomi",
        "background": (
            "Varsinais-Suomen teollisuus, erityisesti meri- ja valmistava teollisuus, on kasvanut nopeasti, ja "
            "osaavan työvoiman saatavuus on kasvun pullonkaula. Väestö kasvaa maakuntakeskuksessa mutta vähenee "
            "osassa saaristo- ja maaseutukuntia."
        ),
        "own_themes": "Uudistuva teollisuus ja sen osaajatarpeet\n\nSaariston saavutettavuus",
        "conclusions": [
            (
                "Valtio ja maakunta laativat yhdessä meri- ja valmistavan teollisuuden osaajatarpeiden "
                "ennakointimallin, jota käytetään koulutuksen aloituspaikkojen kohdentamisessa.",
                "",
                ["OKM", "TEM"],
                True,
                "",
                date(2026, 6, 30),
                False,
            ),
            (
                "Turun ja Uudenkaupungin välisen raideyhteyden jatkosuunnittelun rahoitus selvitetään "
                "talousarvioesityksen valmistelussa.",
                "",
                ["LVM"],
                False,
                "Varsinais-Suomen ELY-keskus",
                date(2026, 3, 31),
                True,
            ),
            (
                "Kansainvälisten osaajien kotoutumista tuetaan alueellisella palvelumallilla yhdessä "
                "keskuskaupunkien kanssa.",
                "",
                ["TEM", "OKM"],
                True,
                "Turun kaupunki",
                date(2026, 12, 31),
                False,
            ),
        ],
        "indicators": [
            (0, "unemployment-rate", Decimal("-1.0")),
            (2, "population-change-5y", Decimal("0.5")),
        ],
    },
    "MK04": {
        "user": "satakunta",
        "background": (
            "Satakunnan vahvuuksia ovat energia-, metalli- ja prosessiteollisuus sekä akkumineraalien "
            "arvoketju. Väestö ikääntyy nopeasti, ja nuorten poismuutto on maakunnan keskeinen haaste."
        ),
        "own_themes": "Ympäristön kannalta kestävä elinkeinoelämän uudistuminen\n\nVetovoima ja hyvinvointi",
        "conclusions": [
            (
                "Akkuteollisuuden investointien edellyttämät sähköverkon ja satamien vahvistukset kootaan "
                "yhteiseksi tilannekuvaksi ja viedään ministeriöiden investointisuunnitteluun.",
                "",
                ["TEM", "LVM"],
                True,
                "",
                date(2026, 5, 31),
                True,
            ),
            (
                "Korkeakoulujen yhteistä koulutustarjontaa Porissa vahvistetaan tekniikan alalla.",
                "",
                ["OKM"],
                True,
                "Porin yliopistokeskus",
                date(2026, 8, 31),
                True,
            ),
            (
                "Nuorten paluumuuttoa tuetaan maakunnan vetovoimaohjelmalla.",
                "",
                [],
                True,
                "",
                date(2026, 12, 31),
                False,
            ),
        ],
        "indicators": [
            (1, "unemployment-rate", Decimal("-1.0")),
            (2, "population-change-5y", Decimal("1.0")),
        ],
    },
    "MK15": {
        "user": "pohjanmaa",
        "background": (
            "Pohjanmaa on kaksikielinen vientimaakunta, jonka energiateknologian keskittymä on Pohjoismaiden "
            "suurimpia. Työvoiman saatavuus ja kansainvälisten osaajien kotoutuminen ratkaisevat kasvun."
        ),
        "background_sv": (
            "Österbotten är ett tvåspråkigt exportlandskap vars energiteknologiska kluster hör till de största i "
            "Norden. Tillgången på arbetskraft och integreringen av internationella experter avgör tillväxten."
        ),
        "own_themes": "Energiasiirtymä ja vientiteollisuus\n\nKaksikielinen koulutus ja osaaminen",
        "own_themes_sv": "Energiomställningen och exportindustrin\n\nTvåspråkig utbildning och kompetens",
        "conclusions": [
            (
                "Energiateknologian keskittymän osaajatarpeisiin vastataan ruotsin- ja suomenkielisen "
                "koulutuksen yhteisellä suunnitelmalla.",
                "Kompetensbehoven inom energiteknologiska klustret möts med en gemensam plan för svensk- och "
                "finskspråkig utbildning.",
                ["OKM"],
                True,
                "Vasa universitet",
                date(2026, 6, 30),
                False,
            ),
            (
                "Vaasan ja Uumajan välisen laivaliikenteen ja Merenkurkun liikennekäytävän kehittämistä "
                "edistetään osana EU:n liikenneverkkoa.",
                "Utvecklingen av fartygstrafiken mellan Vasa och Umeå och transportkorridoren över Kvarken "
                "främjas som en del av EU:s transportnät.",
                ["LVM", "UM"],
                True,
                "",
                date(2026, 12, 31),
                True,
            ),
        ],
        "indicators": [(0, "unemployment-rate", Decimal("-0.8"))],
    },
    "MK19": {
        "user": "lappi",
        "background": (
            "Lapin matkailu on palautunut vahvasti, ja teollisuusinvestoinnit kasvattavat työvoiman tarvetta. "
            "Pitkät etäisyydet ja harva asutus korostavat saavutettavuutta ja palvelujen turvaamista."
        ),
        "own_themes": "Arktinen matkailu ja saavutettavuus\n\nTeollisuusinvestointien työvoima",
        "conclusions": [
            (
                "Lapin lentoliikenteen ympärivuotinen saavutettavuus turvataan, ja ratkaisut käsitellään "
                "liikenneverkon investointiohjelmassa.",
                "",
                ["LVM"],
                True,
                "Finavia Oyj",
                date(2026, 4, 30),
                True,
            ),
            (
                "Teollisuusinvestointien työvoimatarpeisiin vastataan alueellisella rekrytointi- ja "
                "koulutusmallilla.",
                "",
                ["TEM", "OKM"],
                True,
                "Lapin ELY-keskus",
                date(2026, 10, 31),
                False,
            ),
        ],
        "indicators": [
            (1, "unemployment-rate", Decimal("-1.5")),
            (1, "vacancies-per-unemployed", Decimal("0.10")),
        ],
    },
}

# The round before: fewer regions and conclusions, no indicator links.
EARLIER_YEAR = 2024
EARLIER: dict[str, dict] = {
    "MK02": {
        "user": "varsinais-suomi",
        "background": (
            "Varsinais-Suomen meriteollisuuden tilauskanta on vahva, ja alihankintaverkoston osaajatarve kasvaa. "
            "Saariston palvelujen ja liikenteen turvaaminen on maakunnan pysyvä kysymys."
        ),
        "own_themes": "Meriteollisuuden alihankintaverkosto\n\nSaariston palvelut",
        "conclusions": [
            (
                "Meriteollisuuden alihankintayritysten rekrytointia tuetaan yhteisellä osaajakampanjalla "
                "ja muuntokoulutuksella.",
                "",
                ["TEM", "OKM"],
                True,
                "",
                date(2025, 3, 31),
                False,
            ),
            (
                "Saariston yhteysalusliikenteen palvelutaso arvioidaan yhdessä ministeriön ja maakunnan kanssa.",
                "",
                ["LVM"],
                True,
                "Varsinais-Suomen ELY-keskus",
                date(2025, 6, 30),
                False,
            ),
        ],
    },
    "MK04": {
        "user": "satakunta",
        "background": (
            "Satakunnan akkumineraalien arvoketjuun kohdistuu suuria investointisuunnitelmia. Maakunnan "
            "väestö vähenee, ja nuorten koulutusmahdollisuudet ratkaisevat, jäävätkö he maakuntaan."
        ),
        "own_themes": "Akkuarvoketjun investoinnit\n\nNuorten koulutuspolut",
        "conclusions": [
            (
                "Akkuarvoketjun investointien lupaprosessien sujuvuutta edistetään yhteisellä "
                "ennakkoneuvonnalla.",
                "",
                ["TEM", "YM"],
                True,
                "",
                date(2025, 4, 30),
                False,
            ),
            (
                "Toisen asteen koulutuksen saavutettavuus turvataan maakunnan reuna-alueilla.",
                "",
                ["OKM"],
                True,
                "",
                date(2025, 8, 31),
                True,
            ),
        ],
    },
    "MK19": {
        "user": "lappi",
        "background": (
            "Lapin matkailun kansainvälinen kysyntä kasvaa, ja kausityövoiman saatavuus ja asuminen "
            "rajoittavat kasvua. Kaivos- ja biotalousinvestoinnit lisäävät liikenneverkon tarpeita."
        ),
        "own_themes": "Matkailun kausityövoima\n\nTeollisuuden liikenneyhteydet",
        "conclusions": [
            (
                "Matkailun kausityövoiman asumisen ja rekrytoinnin ratkaisut kootaan alueelliseksi "
                "toimintamalliksi.",
                "",
                ["TEM"],
                True,
                "Lapin ELY-keskus",
                date(2025, 2, 28),
                False,
            ),
            (
                "Teollisuusinvestointeja palvelevan tieverkon korjausvelka arvioidaan liikenneverkon "
                "investointiohjelman valmistelussa.",
                "",
                ["LVM"],
                False,
                "Väylävirasto",
                date(2025, 9, 30),
                True,
            ),
        ],
    },
}


def _coordinator(say: Callable[[str], None]) -> User | None:
    coordinator = User.objects.filter(username="koordinaattori").first()
    if coordinator is None:
        say("skipped: demo users are missing")
    return coordinator


ROUNDS = ((EARLIER_YEAR, Phase.FEEDBACK, EARLIER), (DEMO_YEAR, Phase.FOLLOW_UP, DEMO))


@transaction.atomic
def load_conclusions(say: Callable[[str], None]) -> None:
    """The finished rounds and, per region, the conclusions recorded after the discussion."""
    coordinator = _coordinator(say)
    if coordinator is None:
        return
    ministries = {m.abbreviation: m for m in Ministry.objects.all()}
    for year, phase, demo in ROUNDS:
        round, created = Round.objects.get_or_create(
            year=year,
            defaults={"name": f"ALKE {year}", "phase": phase, "is_demo": True},
        )
        say(f"round {round.name} ({'created' if created else 'exists'})")
        for code, spec in demo.items():
            region = Region.objects.get(code=code)
            if (
                CooperationDocument.objects.filter(round=round, region=region).exists()
                or Conclusion.objects.filter(round=round, region=region).exists()
            ):
                continue
            conclusions = [
                services.record_conclusion(
                    coordinator,
                    round,
                    region,
                    text_fi=text_fi,
                    text_sv=text_sv,
                    ministries=[ministries[a] for a in abbreviations if a in ministries],
                    region_responsible=region_responsible,
                    other_parties=others,
                    deadline=deadline,
                    needs_budget_decision=budget,
                    is_demo=True,
                )
                for text_fi, text_sv, abbreviations, region_responsible, others, deadline, budget in spec[
                    "conclusions"
                ]
            ]
            _link_indicators(coordinator, conclusions, spec.get("indicators", []), region, round)


@transaction.atomic
def load_documents(say: Callable[[str], None]) -> None:
    """Per region a cooperation document, approved by both parties and published."""
    coordinator = _coordinator(say)
    if coordinator is None:
        return
    for year, _phase, demo in ROUNDS:
        round = Round.objects.filter(year=year).first()
        if round is None:
            continue
        published = 0
        for code, spec in demo.items():
            region = Region.objects.get(code=code)
            if CooperationDocument.objects.filter(round=round, region=region).exists():
                continue
            official = User.objects.filter(username=spec["user"]).first()
            if official is None:
                continue
            document = services.create_document(coordinator, round, region, is_demo=True)
            sections = {
                "background_fi": spec["background"],
                "background_sv": spec.get("background_sv", ""),
                "own_themes_fi": spec["own_themes"],
                "own_themes_sv": spec.get("own_themes_sv", ""),
            }
            if not document.common_theme_fi:
                sections["common_theme_fi"] = "Osaavan työvoiman saatavuus ja alueellinen liikkuvuus"
                sections["common_theme_sv"] = "Tillgången på kunnig arbetskraft och regional rörlighet"
            document = services.save_document(
                coordinator, document, document.lock_version, sections, note="Keskustelun jälkeinen luonnos"
            )
            services.add_comment(
                official, document, "Maakunnan liiton puolesta tekstit on tarkistettu; ei muutettavaa. (demo)"
            )
            number = document.latest_version().number
            services.approve(official, document, number, "region")
            services.approve(coordinator, document, number, "state")
            services.publish(coordinator, document)
            published += 1
        say(
            f"cooperation documents published: {published} new, "
            f"{round.cooperation_documents.count()} in {round.name}"
        )


def _link_indicators(user, conclusions: list, links: list, region: Region, round: Round) -> None:
    """Link indicators with the region's baseline from the situational picture and a target three years
    on. An indicator without data (the statistics not imported) is left out rather than linked empty."""
    from alke.agreements.indicators import baseline
    from alke.situation.models import Indicator

    for index, code, change in links:
        if not Indicator.objects.filter(code=code).exists():
            continue
        found = baseline(region.code, code, round.year)
        if found.value is None:
            continue
        step = Decimal(1).scaleb(-found.indicator.decimals)
        services.set_conclusion_indicator(
            user,
            conclusions[index],
            found.indicator,
            baseline_year=found.year,
            baseline_value=found.value,
            target_year=round.year + 3,
            target_value=(found.value + change).quantize(step),
        )
