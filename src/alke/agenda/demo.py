"""Demo content for the agenda: proposals in Finnish and Swedish, ministry issues, synergy suggestions and
agendas, all flagged as demo content. Loaded through the same services as real use, so the phase gate and the
permissions hold. Idempotent: when the demo round already has proposals nothing is added.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.db import transaction

from alke.accounts.models import User
from alke.agenda import services
from alke.agenda.demo_data import PROPOSALS
from alke.agenda.models import Agenda, AgendaCandidate, Proposal, SynergySuggestion
from alke.policy.models import StatutoryObjective, Theme
from alke.regions.models import Ministry, Region
from alke.rounds import services as round_services
from alke.rounds.demo import DEMO_YEAR
from alke.rounds.models import Phase, Round
from alke.rounds.notifications import without_email

# topic -> (kind, ministries, theme slugs, statutory objective numbers, indicator codes)
TOPICS: dict[str, tuple[str, list[str], list[str], list[int], list[str]]] = {
    "labour": ("bottleneck", ["TEM", "OKM", "SM"], ["osaava-tyovoima"], [3], ["vacancies-per-unemployed"]),
    "rail": ("opportunity", ["LVM", "VM"], ["uudistuva-elinkeinoelama"], [6], ["population-change-5y"]),
    "battery": ("opportunity", ["TEM", "YM"], ["ilmastonmuutoksen-hillinta"], [1, 2], ["gdp-per-capita"]),
    "tourism": ("opportunity", ["TEM", "MMM", "LVM"], ["uudistuva-elinkeinoelama"], [2, 5], []),
    "wind": ("bottleneck", ["TEM", "PLM", "YM"], ["ilmastonmuutoksen-hillinta"], [2, 6], []),
    "border": ("acute", ["SM", "TEM", "VM"], ["uudistuva-elinkeinoelama"], [4], ["unemployment-rate"]),
    "baltic": ("bottleneck", ["YM", "MMM"], ["ilmastonmuutoksen-hillinta"], [6], []),
    "highered": ("bottleneck", ["OKM"], ["osaava-tyovoima"], [3], ["tertiary-education"]),
}
REGION_USERS = {"MK02": "varsinais-suomi", "MK04": "satakunta", "MK15": "pohjanmaa", "MK19": "lappi"}
REQUEST_START = re.compile(
    r"^(Pyydämme|Esitämme|Ehdotamme|Tarvitaan|Vi föreslår|Vi ber|Vi behöver|Staten bör|Vi vill)",
    re.IGNORECASE,
)
DECLINE_REASON = (
    "Savon radan kehittäminen käsitellään liikenne- ja viestintäministeriön valtakunnallisessa "
    "liikennejärjestelmäsuunnitelmassa; nostetaan rataverkon yhteiseen teemaan."
)


def _split(text: str) -> tuple[str, str]:
    """(description, request): the sentences that ask something of the state go to the request."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    asks = [s for s in sentences if REQUEST_START.match(s)]
    rest = [s for s in sentences if s not in asks]
    return " ".join(rest) or text, " ".join(asks)


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


@transaction.atomic
def load_demo_agenda(say: Callable[[str], None]) -> None:
    round_ = Round.objects.filter(year=DEMO_YEAR, is_demo=True).first()
    coordinator = _user("koordinaattori")
    if round_ is None or coordinator is None:
        say("skipped: the demo round or the demo users are missing")
        return
    if Proposal.objects.filter(round=round_).exists():
        say(f"agenda demo of {round_.name} already present")
        return
    if round_.phase != Phase.PROPOSALS:
        say(f"skipped: {round_.name} is no longer in the proposals phase")
        return
    with without_email():
        counts = _load(round_, coordinator)
    say(
        "agenda demo: {proposals} proposals, {issues} ministry issues, {suggestions} synergy suggestions, "
        "{agendas} agendas (demo content)".format(**counts)
    )


def _load(round_: Round, coordinator: User) -> dict[str, int]:
    ministries = {m.abbreviation: m for m in Ministry.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    objectives = {o.number: o for o in StatutoryObjective.objects.all()}
    try:
        from alke.situation.models import Indicator

        indicators = {i.code: i for i in Indicator.objects.all()}
    except ImportError:
        indicators = {}
    created: dict[tuple[str, str], Proposal] = {}
    for topic, code, lang, title, text, _status in PROPOSALS:
        kind, ministry_codes, theme_slugs, objective_numbers, indicator_codes = TOPICS[topic]
        region = Region.objects.get(code=code)
        author = _user(REGION_USERS.get(code, "")) or coordinator
        description, request = _split(text)
        created[(topic, code)] = services.create_proposal(
            author,
            round_,
            region,
            title=title,
            description=description,
            request=request,
            kind=kind,
            language=lang,
            ministries=[ministries[m] for m in ministry_codes if m in ministries],
            themes=[themes[s] for s in theme_slugs if s in themes],
            objectives=[objectives[n] for n in objective_numbers if n in objectives],
            indicators=[indicators[c] for c in indicator_codes if c in indicators],
            is_demo=True,
        )
    for topic, code, _lang, _title, _text, status in PROPOSALS:
        if status != Proposal.Status.DRAFT:
            proposal = created[(topic, code)]
            services.submit_proposal(_user(REGION_USERS.get(code, "")) or coordinator, proposal)
    for topic, code, _lang, _title, _text, status in PROPOSALS:
        proposal = created[(topic, code)]
        if status == Proposal.Status.ACCEPTED:
            services.decide_proposal(coordinator, proposal, status)
        elif status == Proposal.Status.DECLINED:
            services.decide_proposal(coordinator, proposal, status, reason=DECLINE_REASON)
        elif status == Proposal.Status.MERGED:
            services.decide_proposal(
                coordinator,
                proposal,
                status,
                reason="Sama kysymys kuin Satakunnan vihreän siirtymän investoinneissa: työvoima käsitellään siellä.",
                merged_into=created[("battery", code)],
            )
    _comments(created)
    issues = _issues(round_, ministries)
    services.add_agenda_candidate(
        coordinator,
        round_,
        Region.objects.get(code="MK19"),
        title="Keskeneräinen: matkailun kausityövoiman asuminen",
        description="Edellisellä kierroksella sovittu selvitys kausityöntekijöiden asumisesta on kesken.",
        source_label="ALKE 2025, Lapin johtopäätös 4 (demo)",
        source_key="demo:alke2025:mk19:4",
        ministries=[ministries["TEM"], ministries["YM"]],
        is_demo=True,
    )
    services.analyse_synergy(coordinator, round_)
    round_services.move_phase(coordinator, round_)  # agenda drafting
    round_.refresh_from_db()
    _decide_suggestions(coordinator, round_)
    services.prepare_agendas(coordinator, round_)
    _draft_agendas(round_, issues, ministries)
    return {
        "proposals": len(created),
        "issues": len(issues),
        "suggestions": SynergySuggestion.objects.filter(round=round_).count(),
        "agendas": Agenda.objects.filter(round=round_).count(),
    }


def _comments(created: dict[tuple[str, str], Proposal]) -> None:
    lvm, okm = _user("lvm"), _user("okm")
    if lvm:
        services.comment_proposal(
            lvm,
            created[("rail", "MK02")],
            "LVM: hankeyhtiön rahoitusosuuksista neuvotellaan kevään kehysriihen yhteydessä.",
            is_demo=True,
        )
    if okm:
        services.comment_proposal(
            okm,
            created[("labour", "MK15")],
            "UKM: vuxenutbildningens nya platser kan riktas via ESF-programmet; vi återkommer med siffror.",
            is_demo=True,
        )


def _issues(round_: Round, ministries: dict) -> list:
    okm, lvm = _user("okm"), _user("lvm")
    regions = {r.code: r for r in Region.objects.mainland()}
    issues = []
    if okm:
        issues.append(
            services.raise_issue(
                okm,
                round_,
                ministries["OKM"],
                [regions["MK18"], regions["MK16"], regions["MK19"], regions["MK15"]],
                title="Korkeakoulutuksen alueellinen saatavuus ja jatkuva oppiminen",
                description=(
                    "OKM haluaa keskustella, miten korkeakoulujen ja yliopistokeskusten koulutustarjonta vastaa "
                    "alueen osaamistarpeisiin ja miten jatkuvan oppimisen palvelut tavoittavat työikäiset."
                ),
                kind="bottleneck",
                is_demo=True,
            )
        )
    if lvm:
        issues.append(
            services.raise_issue(
                lvm,
                round_,
                ministries["LVM"],
                [regions["MK02"], regions["MK04"], regions["MK15"]],
                title="Liikennejärjestelmäsuunnitelman toimeenpano rannikon käytävällä",
                description=(
                    "LVM nostaa esiin valtakunnallisen liikennejärjestelmäsuunnitelman toimenpiteet ja niiden "
                    "rahoituksen rannikon rata- ja tieyhteyksille sekä satamien saavutettavuudelle."
                ),
                kind="opportunity",
                is_demo=True,
            )
        )
        issues.append(
            services.raise_issue(
                lvm,
                round_,
                ministries["LVM"],
                [regions["MK15"]],
                title="Kvarkens sjöfart och vintertrafik",
                description=(
                    "KM vill diskutera vintersjöfarten över Kvarken och hur färjeförbindelsen till Umeå "
                    "tryggas som en del av det nordiska transportnätet."
                ),
                kind="opportunity",
                language="sv",
                is_demo=True,
            )
        )
    return issues


def _decide_suggestions(coordinator: User, round_: Round) -> None:
    """Accept the strongest joint-session suggestion (creating its joint agenda) and reject another one."""
    suggestions = list(SynergySuggestion.objects.filter(round=round_).order_by("-score", "pk"))
    joint = next((s for s in suggestions if s.target == SynergySuggestion.Target.JOINT_SESSION), None)
    if joint is not None:
        services.decide_suggestion(
            coordinator,
            joint,
            True,
            "Samat ministeriöt ja samat pullonkaulat: yksi yhteinen keskustelu riittää.",
        )
    rest = [s for s in suggestions if s != joint]
    rejected = next((s for s in rest if s.target == SynergySuggestion.Target.COMMON_THEME), None) or (
        rest[-1] if rest else None
    )
    if rejected is not None:
        services.decide_suggestion(
            coordinator,
            rejected,
            False,
            "Käsitellään maakuntien omilla agendoilla; valtakunnallinen suunnitelma on jo työn alla.",
        )


def _draft_agendas(round_: Round, issues: list, ministries: dict) -> None:
    """Two regions have drafted further: a ministry issue added, the agenda fitted and marked ready."""
    for code in ("MK02", "MK15"):
        region = Region.objects.get(code=code)
        user = _user(REGION_USERS[code])
        agenda = Agenda.objects.get(round=round_, region=region, kind=Agenda.AgendaKind.REGION)
        for issue in issues:
            if issue.regions.filter(pk=region.pk).exists() and issue.language == "fi":
                ministry_user = _user(issue.ministry.abbreviation.lower())  # demo users okm and lvm
                services.add_item_from_issue(ministry_user or user, agenda, issue)
                break
        common = agenda.items.filter(source="common_theme").first()
        if common is not None:
            services.update_item(user, common, ministries=[ministries["TEM"], ministries["OKM"]], minutes=40)
        services.comment_agenda(
            _user("okm") or user, agenda, "OKM osallistuu yhteisen teeman käsittelyyn.", is_demo=True
        )
        total = sum(item.minutes for item in agenda.items.all())
        if (
            total <= agenda.session_minutes
            and not agenda.items.filter(ministries__isnull=True).exclude(source="common_theme").exists()
        ):
            services.set_agenda_ready(user, agenda)
    AgendaCandidate.objects.filter(round=round_).update(is_demo=True)
