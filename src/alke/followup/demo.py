"""Demo content: follow-up of the finished demo rounds (agreements demo: 2025 and the smaller 2024), their
feedback surveys and improvement items, so the AUNE report and the survey comparison show two rounds.
Invented and flagged `is_demo`. Idempotent: a conclusion that already has updates or a theme, a round that already has
a survey and a round that already has improvement items are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from alke.accounts.models import User
from alke.agreements.models import Conclusion
from alke.followup import services
from alke.followup.models import FeedbackSurvey, ImprovementItem
from alke.followup.selectors import tracked_conclusions
from alke.policy.models import Theme
from alke.regions.models import Organisation
from alke.rounds.models import Round

DEMO_YEAR = 2025
EVIDENCE = "https://example.invalid/alke-demo/"

# (region code, conclusion order) -> theme slug, reporting organisation slug, [(date, user, status, progress, note, evidence)]
PLAN: dict[tuple[str, int], tuple[str, str, list[tuple]]] = {
    ("MK02", 1): (
        "osaava-tyovoima",
        "",
        [
            (
                date(2025, 9, 15),
                "varsinais-suomi",
                "in_progress",
                20,
                "Ennakointimallin työpaja pidetty oppilaitosten ja yritysten kanssa.",
                "",
            ),
            (
                date(2026, 2, 10),
                "okm",
                "in_progress",
                60,
                "Malli testattu ammatillisen koulutuksen aloituspaikkojen kohdentamisessa.",
                "",
            ),
            (
                date(2026, 6, 12),
                "varsinais-suomi",
                "done",
                None,
                "Ennakointimalli otettu käyttöön; ensimmäiset kohdennukset tehty syksyn 2026 hakuun.",
                "ennakointimalli",
            ),
        ],
    ),
    ("MK02", 2): (
        "uudistuva-elinkeinoelama",
        "lvm",
        [
            (date(2025, 10, 1), "lvm", "in_progress", 30, "Hankearviointi käynnissä Väylävirastossa.", ""),
            (
                date(2026, 4, 20),
                "lvm",
                "in_progress",
                50,
                "Jatkosuunnittelun rahoitus käsitellään seuraavassa kehyspäätöksessä.",
                "",
            ),
        ],
    ),
    ("MK02", 3): (
        "osallisuus-ja-hyvinvointi",
        "liitto-mk02",
        [
            (
                date(2026, 5, 5),
                "varsinais-suomi",
                "in_progress",
                40,
                "Palvelumallin pilotti käynnistyi Turussa ja Salossa.",
                "",
            )
        ],
    ),
    ("MK04", 1): (
        "ilmastonmuutoksen-hillinta",
        "",
        [
            (
                date(2025, 11, 20),
                "satakunta",
                "in_progress",
                50,
                "Yhteinen tilannekuva sähköverkon ja satamien tarpeista koottu.",
                "",
            ),
            (
                date(2026, 7, 15),
                "koordinaattori",
                "done",
                None,
                "Tilannekuva viety TEM:n ja LVM:n investointisuunnitteluun.",
                "investoinnit",
            ),
        ],
    ),
    ("MK04", 2): (
        "osaava-tyovoima",
        "okm",
        [
            (
                date(2025, 12, 1),
                "okm",
                "in_progress",
                20,
                "Korkeakoulujen kanssa selvitetty tarjonnan vahvistamista.",
                "",
            ),
            (
                date(2026, 3, 3),
                "okm",
                "dropped",
                None,
                "Korkeakoulujen rahoitusmalli muuttui; tavoite siirretään yliopistokeskuksen uuteen strategiaan.",
                "",
            ),
        ],
    ),
    ("MK04", 3): (
        "osallisuus-ja-hyvinvointi",
        "",
        [
            (
                date(2025, 11, 10),
                "satakunta",
                "in_progress",
                40,
                "Vetovoimaohjelman ensimmäinen vaihe käynnissä.",
                "",
            ),
            (
                date(2026, 3, 16),
                "satakunta",
                "in_progress",
                70,
                "Paluumuuttajien palvelupiste avattu Poriin.",
                "",
            ),
            (
                date(2026, 9, 22),
                "satakunta",
                "in_progress",
                60,
                "Toinen vaihe viivästyi rahoituspäätöksen vuoksi; arvio tarkistettu alaspäin.",
                "",
            ),
        ],
    ),
    ("MK15", 1): (
        "osaava-tyovoima",
        "",
        [
            (
                date(2025, 10, 20),
                "pohjanmaa",
                "in_progress",
                40,
                "Yhteinen suunnitelma valmisteilla / Gemensam plan under beredning.",
                "",
            ),
            (
                date(2026, 6, 1),
                "okm",
                "done",
                None,
                "Suunnitelma hyväksytty ja koulutukset käynnistyvät syksyllä.",
                "koulutussuunnitelma",
            ),
        ],
    ),
    ("MK15", 2): (
        "uudistuva-elinkeinoelama",
        "",
        [
            (
                date(2026, 8, 30),
                "lvm",
                "in_progress",
                35,
                "Merenkurkun käytävä esitetty EU:n liikenneverkon tarkistukseen.",
                "",
            )
        ],
    ),
    ("MK19", 1): (
        "uudistuva-elinkeinoelama",
        "",
        [
            (
                date(2025, 12, 15),
                "lvm",
                "in_progress",
                50,
                "Talvikauden lentoliikenne turvattu ostoliikenteellä.",
                "",
            ),
            (
                date(2026, 5, 25),
                "lvm",
                "in_progress",
                80,
                "Ympärivuotisen liikenteen malli valmis, rahoitus avoinna.",
                "",
            ),
        ],
    ),
    ("MK19", 2): ("osaava-tyovoima", "", []),
}

# (user, region code or "", {code: answer})
ANSWERS = [
    (
        "varsinais-suomi",
        "MK02",
        {
            "preparation": 4,
            "relevance": 5,
            "dialogue": 4,
            "outcome": 4,
            "time": 3,
            "went_well": "Ministeriöt olivat valmistautuneet hyvin maakunnan kysymyksiin.",
            "improve": "Ennakkoaineisto kannattaa jakaa viikkoa aiemmin.",
        },
    ),
    (
        "satakunta",
        "MK04",
        {
            "preparation": 3,
            "relevance": 4,
            "dialogue": 4,
            "outcome": 3,
            "time": 2,
            "improve": "Aikaa jäi liian vähän omille teemoille; yhteinen teema vei puolet ajasta.",
        },
    ),
    (
        "pohjanmaa",
        "MK15",
        {
            "preparation": 4,
            "relevance": 4,
            "dialogue": 5,
            "outcome": 4,
            "time": 4,
            "went_well": "Kaksikielisyys huomioitiin aineistoissa.",
            "improve": "Ruotsinkielinen aineisto samaan aikaan kuin suomenkielinen.",
        },
    ),
    (
        "lappi",
        "MK19",
        {
            "preparation": 3,
            "relevance": 5,
            "dialogue": 4,
            "outcome": 3,
            "time": 3,
            "improve": "Johtopäätösten vastuut epäselviä, kun vastuutahoja on monta.",
        },
    ),
    (
        "okm",
        "MK02",
        {
            "preparation": 4,
            "relevance": 4,
            "dialogue": 4,
            "outcome": 3,
            "time": 3,
            "improve": "Ministeriöiden nostot olisi hyvä koota yhteen ennen keskusteluja.",
        },
    ),
    (
        "lvm",
        "MK19",
        {
            "preparation": 3,
            "relevance": 4,
            "dialogue": 3,
            "outcome": 3,
            "time": 4,
            "went_well": "Liikenneteemat yhteisessä keskustelussa toimivat.",
        },
    ),
    ("koordinaattori", "", {"preparation": 4, "relevance": 4, "dialogue": 4, "outcome": 4, "time": 3}),
    (
        "aune",
        "",
        {
            "preparation": 4,
            "relevance": 5,
            "dialogue": 4,
            "outcome": 3,
            "time": 3,
            "improve": "Seurantatieto johtopäätöksistä AUNE:lle säännöllisesti.",
        },
    ),
]

IMPROVEMENTS = [
    (
        "Ennakkoaineisto viikkoa ennen keskustelua",
        "Valmistelun arvio 3,6/5; vapaissa vastauksissa toivottiin aineistoa aiemmin, myös ruotsiksi samaan aikaan.",
        "Aineiston määräpäivä siirretään seitsemään päivään ennen keskustelua; ruotsinkielinen aineisto samana päivänä.",
        "TEM, ALKE-koordinaatio",
        "planned",
        "preparation",
    ),
    (
        "Lisää aikaa maakunnan omille teemoille",
        "Ajankäytön arvio oli kyselyn heikoin (3,1/5); yhteinen teema vei osassa keskusteluja puolet ajasta.",
        "Yhteiselle teemalle enintään 45 minuuttia; omat teemat ensin.",
        "Työryhmä",
        "proposed",
        "time",
    ),
    (
        "Johtopäätöksille yksi seurannasta vastaava taho",
        "Vastuut koettiin epäselviksi, kun vastuutahoja on useita.",
        "Jokaiselle johtopäätökselle nimetään seurannasta vastaava organisaatio jo kirjattaessa.",
        "TEM ja maakuntien liitot",
        "done",
        "outcome",
    ),
]

# The round before (ALKE 2024): most conclusions done or dropped, one still in progress past its deadline.
EARLIER_YEAR = 2024
EARLIER_PLAN: dict[tuple[str, int], tuple[str, str, list[tuple]]] = {
    ("MK02", 1): (
        "osaava-tyovoima",
        "",
        [
            (
                date(2024, 9, 2),
                "varsinais-suomi",
                "in_progress",
                40,
                "Osaajakampanja käynnistetty; muuntokoulutuksen ensimmäinen ryhmä aloitti.",
                "",
            ),
            (
                date(2025, 3, 14),
                "varsinais-suomi",
                "done",
                None,
                "Kaksi muuntokoulutusryhmää valmistunut; kampanja päättyi.",
                "osaajakampanja-2024",
            ),
        ],
    ),
    ("MK02", 2): (
        "uudistuva-elinkeinoelama",
        "lvm",
        [
            (date(2024, 11, 4), "lvm", "in_progress", 50, "Palvelutasoarvio käynnissä.", ""),
            (
                date(2025, 8, 18),
                "lvm",
                "done",
                None,
                "Palvelutasoarvio valmistui myöhässä; suositukset viety yhteysalusliikenteen hankintaan.",
                "yhteysalukset",
            ),
        ],
    ),
    ("MK04", 1): (
        "uudistuva-elinkeinoelama",
        "",
        [
            (
                date(2024, 10, 7),
                "satakunta",
                "done",
                None,
                "Ennakkoneuvonnan malli käytössä; kolme investointihanketta neuvottu.",
                "ennakkoneuvonta",
            ),
        ],
    ),
    ("MK04", 2): (
        "osaava-tyovoima",
        "okm",
        [
            (
                date(2024, 12, 9),
                "okm",
                "in_progress",
                30,
                "Koulutuksen järjestäjien kanssa kartoitettu tarpeet.",
                "",
            ),
            (
                date(2025, 5, 20),
                "okm",
                "dropped",
                None,
                "Koulutuksen järjestäjät sopivat verkostomallista omin päätöksin; erillinen toimi tarpeeton.",
                "",
            ),
        ],
    ),
    ("MK19", 1): (
        "osaava-tyovoima",
        "",
        [
            (
                date(2025, 1, 27),
                "lappi",
                "done",
                None,
                "Toimintamalli valmis ennen talvikautta; asumisratkaisut koottu kuntien kanssa.",
                "kausityovoima",
            ),
        ],
    ),
    ("MK19", 2): (
        "uudistuva-elinkeinoelama",
        "",
        [
            (
                date(2025, 2, 10),
                "lvm",
                "in_progress",
                40,
                "Korjausvelan arvio käynnistetty Väylävirastossa.",
                "",
            ),
            (
                date(2025, 10, 6),
                "lvm",
                "in_progress",
                60,
                "Arvio viivästyi; tulokset käsitellään seuraavassa investointiohjelmassa.",
                "",
            ),
        ],
    ),
}

# Lower ratings for preparation and time than in 2025: the 2024 findings became the 2025 improvements.
EARLIER_ANSWERS = [
    (
        "varsinais-suomi",
        "MK02",
        {
            "preparation": 3,
            "relevance": 4,
            "dialogue": 4,
            "outcome": 3,
            "time": 2,
            "improve": "Ennakkoaineisto tuli vasta kaksi päivää ennen keskustelua.",
        },
    ),
    (
        "satakunta",
        "MK04",
        {
            "preparation": 2,
            "relevance": 4,
            "dialogue": 3,
            "outcome": 3,
            "time": 2,
            "improve": "Asialista oli liian pitkä käytettävissä olevaan aikaan.",
        },
    ),
    (
        "lappi",
        "MK19",
        {
            "preparation": 3,
            "relevance": 5,
            "dialogue": 4,
            "outcome": 4,
            "time": 3,
            "went_well": "Ministeriöt tunsivat matkailun kausityövoiman kysymykset.",
        },
    ),
    ("okm", "MK04", {"preparation": 3, "relevance": 3, "dialogue": 4, "outcome": 3, "time": 3}),
    (
        "lvm",
        "MK19",
        {
            "preparation": 3,
            "relevance": 4,
            "dialogue": 3,
            "outcome": 3,
            "time": 2,
            "improve": "Liikennekysymykset kannattaa käsitellä yhdessä kaikkien maakuntien kanssa.",
        },
    ),
    ("koordinaattori", "", {"preparation": 3, "relevance": 4, "dialogue": 4, "outcome": 3, "time": 3}),
]

EARLIER_IMPROVEMENTS = [
    (
        "Keskustelujen asialista lyhyemmäksi",
        "Ajankäytön arvio 2,5/5; asialistalla oli enemmän kohtia kuin keskusteluun mahtui.",
        "Enintään viisi asialistan kohtaa keskustelua kohden; loput käsitellään kirjallisesti.",
        "TEM, ALKE-koordinaatio",
        "done",
        "time",
    ),
]


def _users() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(is_demo=True)}


@transaction.atomic
def load_demo(say: Callable[[str], None]) -> None:
    users = _users()
    coordinator = users.get("koordinaattori")
    current = Round.objects.filter(year=DEMO_YEAR, is_demo=True).first()
    if current is None or coordinator is None:
        say("skipped: the demo round or demo users are missing")
        return
    earlier = Round.objects.filter(year=EARLIER_YEAR, is_demo=True).first()
    if earlier is not None:
        # Only the latest finished round carries over: the 2024 round's next round is already past its agendas.
        _load_round(earlier, EARLIER_PLAN, EARLIER_ANSWERS, EARLIER_IMPROVEMENTS, users, coordinator, say)
    _load_round(current, PLAN, ANSWERS, IMPROVEMENTS, users, coordinator, say)
    _carry_over(current, coordinator, say)


def _load_round(
    round_: Round,
    plan: dict[tuple[str, int], tuple[str, str, list[tuple]]],
    answers: list[tuple],
    improvements: list[tuple],
    users: dict[str, User],
    coordinator: User,
    say: Callable[[str], None],
) -> None:
    today = timezone.localdate()
    conclusions = {
        (c.region.code, c.order): c
        for c in tracked_conclusions().filter(round=round_).select_related("region")
    }
    services.ensure_followups(conclusions.values())
    themes = {t.slug: t for t in Theme.objects.all()}
    written = 0
    for key, (theme, org_slug, updates) in plan.items():
        conclusion = conclusions.get(key)
        # Left as it is once it has updates or its details (a conclusion planned without updates has only those).
        if conclusion is None or conclusion.followup.updates.exists() or conclusion.followup.theme_id:
            continue
        services.set_details(
            coordinator,
            conclusion,
            responsible_organisation=Organisation.objects.filter(slug=org_slug).first() if org_slug else None,
            theme=themes.get(theme),
        )
        for on, username, status, progress, note, evidence in updates:
            author = users.get(username, coordinator)
            services.record_update(
                author,
                Conclusion.objects.get(pk=conclusion.pk),
                status=status,
                progress=progress,
                note=note,
                evidence_url=f"{EVIDENCE}{evidence}" if evidence else "",
                on=min(on, today),
                source="demo",
                is_demo=True,
                today=today,
            )
            written += 1
    say(f"follow-up updates: {written} new for {round_.name}")
    _survey(round_, answers, users, coordinator, say)
    _improvements(round_, improvements, coordinator, say)


def _survey(
    round_: Round, answers: list[tuple], users: dict[str, User], coordinator: User, say: Callable[[str], None]
) -> None:
    survey = FeedbackSurvey.objects.filter(round=round_).first()
    if survey is not None:
        say(f"feedback survey of {round_.name} exists ({survey.responses.count()} answers)")
        return
    survey = services.open_survey(
        coordinator,
        round_,
        intro_fi="Kiitos osallistumisesta. Kyselyyn vastaaminen vie kolme minuuttia. (demo)",
        is_demo=True,
    )
    from alke.regions.models import Region

    regions = {r.code: r for r in Region.objects.all()}
    for username, code, given in answers:
        user = users.get(username)
        if user is not None:
            services.answer_survey(user, survey, region=regions.get(code), answers=given, is_demo=True)
    services.close_survey(coordinator, survey)
    say(f"feedback survey of {round_.name}: {survey.responses.count()} answers")


def _improvements(
    round_: Round, improvements: list[tuple], coordinator: User, say: Callable[[str], None]
) -> None:
    if ImprovementItem.objects.filter(source_round=round_, is_demo=True).exists():
        return
    target = services.next_round(round_)
    for title, finding, action, owner, status, code in improvements:
        services.save_improvement(
            coordinator,
            source_round=round_,
            target_round=target,
            title=title,
            finding=finding,
            action=action,
            owner=owner,
            status=status,
            question_code=code,
            is_demo=True,
        )
    say(f"improvement items: {len(improvements)} for {round_.name}")


def _carry_over(round_: Round, coordinator: User, say: Callable[[str], None]) -> None:
    try:
        with transaction.atomic():
            result = services.carry_over(coordinator, round_)
    except (services.FollowUpError, ValidationError, PermissionDenied) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        say(f"carry-over not made: {message}")
        return
    say(f"carried over to {result.target.name}: {len(result.created)} new agenda candidates")
