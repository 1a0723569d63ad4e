"""Demo content: follow-up of the finished demo round (agreements demo, 2025), its feedback survey and
improvement items. Invented and flagged `is_demo`. Idempotent: a conclusion that already has updates,
and a round that already has a survey, are left as they are.
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


def _users() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(is_demo=True)}


@transaction.atomic
def load_demo(say: Callable[[str], None]) -> None:
    round_ = Round.objects.filter(year=DEMO_YEAR, is_demo=True).first()
    users = _users()
    coordinator = users.get("koordinaattori")
    if round_ is None or coordinator is None:
        say("skipped: the demo round or demo users are missing")
        return
    today = timezone.localdate()
    conclusions = {
        (c.region.code, c.order): c
        for c in tracked_conclusions().filter(round=round_).select_related("region")
    }
    services.ensure_followups(conclusions.values())
    themes = {t.slug: t for t in Theme.objects.all()}
    written = 0
    for key, (theme, org_slug, updates) in PLAN.items():
        conclusion = conclusions.get(key)
        if conclusion is None or conclusion.followup.updates.exists():
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
    _survey(round_, users, coordinator, say)
    _improvements(round_, coordinator, say)
    _carry_over(round_, coordinator, say)


def _survey(round_: Round, users: dict[str, User], coordinator: User, say: Callable[[str], None]) -> None:
    survey = FeedbackSurvey.objects.filter(round=round_).first()
    if survey is not None:
        say(f"feedback survey exists ({survey.responses.count()} answers)")
        return
    survey = services.open_survey(
        coordinator,
        round_,
        intro_fi="Kiitos osallistumisesta. Kyselyyn vastaaminen vie kolme minuuttia. (demo)",
        is_demo=True,
    )
    from alke.regions.models import Region

    regions = {r.code: r for r in Region.objects.all()}
    for username, code, answers in ANSWERS:
        user = users.get(username)
        if user is not None:
            services.answer_survey(user, survey, region=regions.get(code), answers=answers, is_demo=True)
    services.close_survey(coordinator, survey)
    say(f"feedback survey: {survey.responses.count()} answers")


def _improvements(round_: Round, coordinator: User, say: Callable[[str], None]) -> None:
    if ImprovementItem.objects.filter(source_round=round_, is_demo=True).exists():
        return
    target = services.next_round(round_)
    for title, finding, action, owner, status, code in IMPROVEMENTS:
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
    say(f"improvement items: {len(IMPROVEMENTS)}")


def _carry_over(round_: Round, coordinator: User, say: Callable[[str], None]) -> None:
    try:
        with transaction.atomic():
            result = services.carry_over(coordinator, round_)
    except (services.FollowUpError, ValidationError, PermissionDenied) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        say(f"carry-over not made: {message}")
        return
    say(f"carried over to {result.target.name}: {len(result.created)} new agenda candidates")
