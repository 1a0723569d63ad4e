"""Demo timetable for the demo round, loaded through the services so the phase gate holds.

The demo round is in agenda drafting (the agenda demo moves it there). As in the real process the dates are
fixed early: the window (the round's discussions phase), the daily slots, the sessions and the parties'
availability are set, and the timetable is solved by CP-SAT and published while the agendas are drafted.

The parties are real (the 18 mainland regions and the ministries of the 2022 round); the sessions'
ministries, the absences and the preferred dates are invented and flagged as demo content.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, time

from django.db import transaction

from alke.accounts.models import User
from alke.regions.models import Ministry, Region
from alke.rounds.gate import is_open
from alke.rounds.models import Phase, Round
from alke.rounds.notifications import without_email
from alke.schedule import selectors, services
from alke.schedule.models import Session, Timetable

STATE = ["OKM", "LVM", "MMM", "STM", "YM", "VM", "PLM"]
JOINT = [
    (
        "YHT-1",
        "Yhteinen keskustelu: osaavan työvoiman saatavuus ja alueellinen liikkuvuus",
        "Gemensam diskussion: tillgång på kompetent arbetskraft och regional rörlighet",
        "Joint session: availability of skilled labour and regional mobility",
        ["MK02", "MK04", "MK06"],
        ["TEM", "OKM", "SM"],
    ),
    (
        "YHT-2",
        "Yhteinen keskustelu: pohjoisen saavutettavuus ja vihreän siirtymän investoinnit",
        "Gemensam diskussion: tillgänglighet i norr och investeringar i den gröna omställningen",
        "Joint session: accessibility of the north and green transition investments",
        ["MK17", "MK18", "MK19"],
        ["TEM", "LVM", "YM"],
    ),
]
DEEPENING = (
    "SYV-19",
    "Syventävä keskustelu: Lapin elinvoima ja matkailun saavutettavuus",
    "Fördjupande diskussion: Lapplands livskraft och turismens tillgänglighet",
    "Deepening session: Lapland's vitality and access for tourism",
    ["MK19"],
    ["TEM", "LVM"],
)


MACRO = (
    "MAKRO-L",
    "Länsi-Suomen makroaluetilaisuus: teollisuuden uudistuminen",
    "Makroregionalt evenemang i Västra Finland: industrins förnyelse",
    "Macro-regional event, western Finland: renewing industry",
    ["MK02", "MK04", "MK06", "MK14", "MK15", "MK16"],
    ["TEM", "OKM", "YM"],
)


def _demo_round() -> Round:
    """The rounds engineer's demo round when present; otherwise one of our own for the same year."""
    found = Round.objects.filter(is_demo=True).order_by("-year").first()
    if found is not None:
        return found
    found, _created = Round.objects.get_or_create(
        year=2026, defaults={"name": "ALKE 2026", "phase": Phase.SCHEDULING, "is_demo": True}
    )
    return found


def _window(round_: Round) -> tuple[date, date]:
    phase = round_.phases.filter(phase=Phase.DISCUSSIONS).first()
    if phase is not None and phase.ends_on >= phase.starts_on:
        return phase.starts_on, phase.ends_on
    return date(round_.year, 11, 2), date(round_.year, 11, 27)


def _joint_agendas(round_: Round) -> list:
    try:
        from alke.agenda.models import Agenda
    except ImportError:  # the agenda app is optional for scheduling
        return []
    return list(Agenda.objects.filter(round=round_, kind="joint").prefetch_related("regions").order_by("pk"))


def _agenda_for(round_: Round, regions: list[Region], joint: bool):
    """The agenda engineer's agenda for these regions in the round, if they made one."""
    try:
        from alke.agenda.models import Agenda
    except ImportError:  # the agenda app is optional for scheduling
        return None
    if not joint:
        return Agenda.objects.filter(round=round_, kind="region", region=regions[0]).first()
    wanted = {r.pk for r in regions}
    for agenda in Agenda.objects.filter(round=round_, kind="joint").prefetch_related("regions"):
        if {r.pk for r in agenda.regions.all()} == wanted:
            return agenda
    return None


@transaction.atomic
def load_demo(say: Callable[[str], None]) -> None:
    round_ = _demo_round()
    if Timetable.objects.filter(round=round_).exists():
        say(f"timetable of {round_} already present")
        return
    if not is_open(round_, "schedule.configure"):
        say(f"skipped: {round_} is in phase {round_.get_phase_display()}, where no timetable is set up")
        return
    coordinator = (
        User.objects.filter(username="koordinaattori").first()
        or User.objects.filter(is_superuser=True).first()
    )
    first_day, last_day = _window(round_)
    timetable = services.configure_timetable(
        coordinator,
        round_,
        first_day,
        last_day,
        [(time(9, 0), time(11, 30)), (time(12, 30), time(15, 0))],
        [(date(round_.year, 11, 20), "Aluekehittämispäivät (demo)")]
        if first_day <= date(round_.year, 11, 20) <= last_day
        else [],
    )
    timetable.is_demo = True
    timetable.save(update_fields=["is_demo"])

    ministries = {m.abbreviation: m for m in Ministry.objects.all()}
    regions = {r.code: r for r in Region.objects.mainland()}
    rng = random.Random(round_.year)
    minutes = round_.session_minutes or 150
    for index, region in enumerate(regions.values()):
        state = ["TEM", *(STATE[(index + k) % len(STATE)] for k in range(3))]
        data = services.SessionData(
            code=region.code,
            kind=Session.Kind.REGION,
            title_fi=f"{region.name_fi}: aluekehittämiskeskustelu",
            title_sv=f"{region.name_sv or region.name_fi}: regionutvecklingsdiskussion",
            title_en=f"{region.name_en or region.name_fi}: regional development discussion",
            minutes=minutes,
            regions=[region],
            ministries=[ministries[c] for c in state if c in ministries],
            location=region.council_name_fi,
            online_url=f"https://kokous.example.invalid/alke/{region.code.lower()}",
            agenda=_agenda_for(round_, [region], joint=False),
        )
        services.save_session(coordinator, timetable, data)
    # Joint sessions: one per joint agenda the agenda capability prepared, then our own examples.
    joint_specs = []
    for agenda in _joint_agendas(round_):
        codes = sorted(r.code for r in agenda.regions.all())
        title = agenda.title or "Yhteinen keskustelu"
        joint_specs.append((title, title, title, codes, ["TEM", "OKM", "LVM"], agenda.session_minutes))
    taken = {tuple(spec[3]) for spec in joint_specs}
    for _code, fi, sv, en, region_codes, state in JOINT:
        if tuple(sorted(region_codes)) not in taken:
            joint_specs.append((fi, sv, en, region_codes, state, minutes))
    specs = [(f"YHT-{n}", *spec) for n, spec in enumerate(joint_specs, start=1)]
    specs.append((*DEEPENING, 120))
    specs.append((*MACRO, minutes))
    for code, fi, sv, en, region_codes, state, length in specs:
        members = [regions[c] for c in region_codes]
        joint = code.startswith("YHT")
        kind = (
            Session.Kind.JOINT
            if joint
            else Session.Kind.MACRO
            if code.startswith("MAKRO")
            else Session.Kind.DEEPENING
        )
        services.save_session(
            coordinator,
            timetable,
            services.SessionData(
                code=code,
                kind=kind,
                title_fi=fi,
                title_sv=sv,
                title_en=en,
                minutes=length,
                regions=members,
                ministries=[ministries[c] for c in state if c in ministries],
                location="Työ- ja elinkeinoministeriö, Helsinki" if joint else members[0].council_name_fi,
                online_url=f"https://kokous.example.invalid/alke/{code.lower()}",
                agenda=_agenda_for(round_, members, joint=True) if joint else None,
            ),
        )

    # Invented absences and wishes: each party is away on a few days and slots and wishes for a date.
    days = selectors.working_days(timetable)
    slots = selectors.slots_of(timetable)
    for party in selectors.all_parties():
        if party.code == "TEM":
            continue
        off = [d for d in days if rng.random() < 0.12]
        off_slots = [(d, rng.choice(slots).pk) for d in days if d not in off and rng.random() < 0.08]
        wished = rng.sample([d for d in days if d not in off], 2) if party.region is not None else []
        services.mark_availability(coordinator, timetable, party, off, off_slots, wished)

    if not is_open(round_, "schedule.solve"):
        say(
            f"timetable of {round_}: draft with {timetable.sessions.count()} sessions and the parties' availability; "
            f"solving and publishing wait for the scheduling phase (now {round_.get_phase_display()})"
        )
        return
    solution = services.solve_timetable(coordinator, timetable, time_limit=20)
    # Publishing notifies the demo parties; their notifications are recorded but no e-mail is sent.
    with without_email():
        services.publish_timetable(coordinator, timetable)
    say(
        f"timetable of {round_}: {solution.objective['scheduled']}/{len(solution.assignments) + len(solution.unscheduled)}"
        f" sessions on {solution.objective['days_used']} days, preference weight "
        f"{solution.objective['preference_weight']}, {solution.status}; published"
    )
