"""Demo content: earlier, finished rounds with approved and published cooperation documents: ALKE 2025 (in
follow-up) and, so the follow-up report and the feedback survey compare rounds, a smaller ALKE 2024 (in the
feedback phase) for three of the same regions.

Everything here is invented and flagged `is_demo`; the population behind the formula split is real.
Idempotent: a region whose demo document already exists is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db import transaction

from alke.accounts.models import User
from alke.agreements import services
from alke.agreements.models import CooperationDocument
from alke.funding import services as funding
from alke.funding.models import Appropriation, RegionAllocation
from alke.regions.models import Ministry, Region
from alke.rounds.models import Phase, Round

DEMO_YEAR = 2025
DEMO_TOTAL = Decimal("16000000.00")

# region code -> (regional official's username, background, own themes, conclusions, entities, indicators)
# conclusion: (text_fi, text_sv, ministries, region responsible, other parties, deadline, budget decision)
# entity: (name_fi, name_sv, recipient, share of the region's allocation, [(kind, share of entity, date, ref)])
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
        "entities": [
            (
                "Teollisuuden osaajaohjelma",
                "",
                "Varsinais-Suomen liitto",
                Decimal("0.55"),
                [
                    ("commitment", Decimal("1"), date(2025, 5, 12), "VS/2025/118"),
                    ("payment", Decimal("0.4"), date(2025, 9, 30), "MAKSU-2025-0931"),
                ],
            ),
            (
                "Saariston saavutettavuuden kokeilut",
                "",
                "Turun saaristo ry",
                Decimal("0.30"),
                [("commitment", Decimal("1"), date(2025, 6, 2), "VS/2025/131")],
            ),
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
        "entities": [
            (
                "Vihreän siirtymän investointivalmius",
                "",
                "Satakuntaliitto",
                Decimal("0.50"),
                [
                    ("commitment", Decimal("1"), date(2025, 4, 15), "SATA/2025/44"),
                    ("payment", Decimal("0.5"), date(2025, 8, 29), "MAKSU-2025-0829"),
                ],
            ),
            (
                "Vetovoima- ja paluumuuttohanke",
                "",
                "Prizztech Oy",
                Decimal("0.35"),
                [("commitment", Decimal("0.8"), date(2025, 5, 20), "SATA/2025/57")],
            ),
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
        "entities": [
            (
                "Energiasiirtymän osaajaohjelma",
                "Kompetensprogram för energiomställningen",
                "Pohjanmaan liitto",
                Decimal("0.60"),
                [
                    ("commitment", Decimal("1"), date(2025, 5, 5), "OSTRO/2025/21"),
                    ("payment", Decimal("0.25"), date(2025, 10, 15), "MAKSU-2025-1015"),
                ],
            ),
        ],
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
        "entities": [
            (
                "Arktisen matkailun ympärivuotisuus",
                "",
                "Lapin liitto",
                Decimal("0.45"),
                [("commitment", Decimal("1"), date(2025, 4, 28), "LAPPI/2025/33")],
            ),
            (
                "Teollisuuden työvoimamalli",
                "",
                "Lapin ammattikorkeakoulu",
                Decimal("0.40"),
                [("commitment", Decimal("0.5"), date(2025, 6, 16), "LAPPI/2025/48")],
            ),
        ],
    },
}

# The round before: fewer regions and conclusions, no indicator links, one funded entity each.
EARLIER_YEAR = 2024
EARLIER_TOTAL = Decimal("15000000.00")
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
        "entities": [
            (
                "Meriteollisuuden muuntokoulutus",
                "",
                "Varsinais-Suomen liitto",
                Decimal("0.50"),
                [
                    ("commitment", Decimal("1"), date(2024, 5, 6), "VS/2024/102"),
                    ("payment", Decimal("0.9"), date(2024, 11, 29), "MAKSU-2024-1129"),
                ],
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
        "entities": [
            (
                "Investointien ennakkoneuvonta",
                "",
                "Satakuntaliitto",
                Decimal("0.40"),
                [
                    ("commitment", Decimal("1"), date(2024, 4, 22), "SATA/2024/31"),
                    ("payment", Decimal("1"), date(2024, 12, 13), "MAKSU-2024-1213"),
                ],
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
        "entities": [
            (
                "Kausityövoiman toimintamalli",
                "",
                "Lapin liitto",
                Decimal("0.45"),
                [
                    ("commitment", Decimal("1"), date(2024, 5, 13), "LAPPI/2024/27"),
                    ("payment", Decimal("0.75"), date(2024, 10, 31), "MAKSU-2024-1031"),
                ],
            ),
        ],
    },
}


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


@transaction.atomic
def load_demo(say: Callable[[str], None]) -> None:
    coordinator = User.objects.filter(username="koordinaattori").first()
    if coordinator is None:
        say("skipped: demo users are missing")
        return
    _load_round(coordinator, EARLIER_YEAR, Phase.FEEDBACK, EARLIER_TOTAL, EARLIER, say)
    _load_round(coordinator, DEMO_YEAR, Phase.FOLLOW_UP, DEMO_TOTAL, DEMO, say)


def _load_round(
    coordinator: User,
    year: int,
    phase: str,
    total: Decimal,
    demo: dict[str, dict],
    say: Callable[[str], None],
) -> None:
    """One finished round: its appropriation split, and per region conclusions, funded entities and a
    cooperation document approved by both parties and published."""
    round, created = Round.objects.get_or_create(
        year=year,
        defaults={"name": f"ALKE {year}", "phase": phase, "is_demo": True},
    )
    say(f"round {round.name} ({'created' if created else 'exists'})")
    appropriation = Appropriation.objects.filter(round=round).first()
    if appropriation is None:
        appropriation = funding.set_appropriation(
            coordinator,
            round,
            total=total,
            decision_reference=f"Demopäätös TEM/{year}/0000 (keksitty)",
            is_demo=True,
        )
        funding.propose_split(coordinator, appropriation)
        funding.adopt_proposal(coordinator, appropriation)
    ministries = {m.abbreviation: m for m in Ministry.objects.all()}
    published = 0
    for code, spec in demo.items():
        region = Region.objects.get(code=code)
        if CooperationDocument.objects.filter(round=round, region=region).exists():
            continue
        official = User.objects.filter(username=spec["user"]).first()
        if official is None:
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
        allocation = RegionAllocation.objects.get(appropriation=appropriation, region=region)
        for index, (name_fi, name_sv, recipient, share, entries) in enumerate(spec["entities"]):
            entity = funding.save_entity(
                coordinator,
                allocation,
                name_fi=name_fi,
                name_sv=name_sv,
                recipient=recipient,
                amount=_cents(allocation.amount * share),
                conclusion=conclusions[min(index, len(conclusions) - 1)],
                is_demo=True,
            )
            for kind, part, booked_on, reference in entries:
                base = entity.amount
                if kind == "payment":
                    base = sum(e.amount for e in entity.ledger.filter(kind="commitment"))
                funding.record_ledger_entry(
                    coordinator,
                    entity,
                    kind=kind,
                    amount=_cents(base * part),
                    booked_on=booked_on,
                    reference=reference,
                    note="demokirjaus",
                    is_demo=True,
                )
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
        f"cooperation documents published: {published} new, {round.cooperation_documents.count()} in {round.name}"
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
