"""Reads: the timetable, its working days, the calendar, parties and their marks, the solver problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import translation

from alke.core.permissions import can, ministry_ids_of, region_ids_of
from alke.regions.models import Ministry, Region
from alke.schedule.models import Availability, Session, TimeSlot, Timetable

# A preference marked by a region weighs more than one marked by a ministry: the region hosts its discussion.
PREFERENCE_WEIGHT = {"region": 2, "ministry": 1}


@dataclass(frozen=True)
class Party:
    """A region or a ministry taking part in discussions; `code` is MK02 or OKM."""

    code: str
    region: Region | None = None
    ministry: Ministry | None = None

    @property
    def kind(self) -> str:
        return "region" if self.region is not None else "ministry"

    @property
    def name(self) -> str:
        return self.region.name if self.region is not None else self.ministry.name

    def permission_regions(self) -> list[int]:
        return [self.region.pk] if self.region is not None else []

    def permission_ministries(self) -> list[int]:
        return [self.ministry.pk] if self.ministry is not None else []

    def availability_filter(self) -> Q:
        return Q(region=self.region) if self.region is not None else Q(ministry=self.ministry)

    def session_filter(self) -> Q:
        return Q(regions=self.region) if self.region is not None else Q(ministries=self.ministry)


def party_by_code(code: str) -> Party | None:
    """The region (MK02) or ministry (OKM) with this code, or None."""
    region = Region.objects.filter(code=code.upper()).first()
    if region is not None:
        return Party(region.code, region=region)
    ministry = Ministry.objects.filter(abbreviation=code.upper()).first()
    if ministry is not None:
        return Party(ministry.abbreviation, ministry=ministry)
    return None


def all_parties() -> list[Party]:
    """Every mainland region and every ministry, regions first."""
    return [Party(r.code, region=r) for r in Region.objects.mainland()] + [
        Party(m.abbreviation, ministry=m) for m in Ministry.objects.all()
    ]


def own_parties(user) -> list[Party]:
    """The parties the user acts for through a region or ministry membership (not the coordinator's all)."""
    regions, ministries = region_ids_of(user), ministry_ids_of(user)
    return [
        p
        for p in all_parties()
        if (p.region is not None and p.region.pk in regions)
        or (p.ministry is not None and p.ministry.pk in ministries)
    ]


def timetable_for_year(year: int) -> Timetable | None:
    return Timetable.objects.select_related("round").filter(round__year=year).first()


def timetables() -> list[Timetable]:
    return list(Timetable.objects.select_related("round"))


def slots_of(timetable: Timetable) -> list[TimeSlot]:
    return list(timetable.slots.all())


def sessions_of(timetable: Timetable, party: Party | None = None) -> list[Session]:
    qs = timetable.sessions.select_related("slot", "agenda").prefetch_related(
        Prefetch("regions", queryset=Region.objects.order_by("code")), "ministries"
    )
    if party is not None:
        qs = qs.filter(party.session_filter()).distinct()
    return list(qs.order_by("date", "slot__start", "code"))


def finnish_holidays(first_day: date, last_day: date) -> dict[date, str]:
    """Finnish public holidays (and the de facto days off the calendar lists) within the window."""
    import holidays as holiday_calendars

    lang = {"fi": "fi", "sv": "sv", "en": "en_US"}.get((translation.get_language() or "fi")[:2], "fi")
    calendar = holiday_calendars.Finland(years=range(first_day.year, last_day.year + 1), language=lang)
    return {day: name for day, name in sorted(calendar.items()) if first_day <= day <= last_day}


def excluded_days(timetable: Timetable) -> dict[date, str]:
    """Weekday dates the timetable cannot use, with the reason: public holidays and the coordinator's days."""
    out = finnish_holidays(timetable.first_day, timetable.last_day)
    for extra in timetable.non_working_days.all():
        out.setdefault(extra.date, extra.reason or "—")
    return out


def working_days(timetable: Timetable) -> list[date]:
    excluded = excluded_days(timetable)
    days = []
    day = timetable.first_day
    while day <= timetable.last_day:
        if day.weekday() < 5 and day not in excluded:
            days.append(day)
        day += timedelta(days=1)
    return days


def build_problem(timetable: Timetable) -> tuple[dict[str, Any], dict[str, tuple[date, int]]]:
    """The timetable as a solver problem (format version 1), and the locked sessions to pin.

    Holidays are every excluded weekday (Finnish public holidays plus the coordinator's extra days);
    preferences are each party's preferred dates applied to its sessions.
    """
    slots = slots_of(timetable)
    slot_index = {slot.pk: i for i, slot in enumerate(slots)}
    sessions = sessions_of(timetable)
    problem_sessions = []
    by_party: dict[str, list[str]] = {}
    for session in sessions:
        parties = session.party_codes()
        problem_sessions.append({"id": session.code, "parties": parties, "minutes": session.minutes})
        for code in parties:
            by_party.setdefault(code, []).append(session.code)

    unavailable = []
    preferred = []
    marks = timetable.availability.select_related("region", "ministry").order_by("date", "pk")
    for mark in marks:
        code = mark.region.code if mark.region_id else mark.ministry.abbreviation
        if mark.kind == Availability.Kind.UNAVAILABLE:
            entry: dict[str, Any] = {"party": code, "date": mark.date.isoformat()}
            if mark.slot_id is not None:
                if mark.slot_id not in slot_index:
                    continue
                entry["slot"] = slot_index[mark.slot_id]
            unavailable.append(entry)
        else:
            weight = PREFERENCE_WEIGHT["region" if mark.region_id else "ministry"]
            for code_ in by_party.get(code, []):
                preferred.append({"session": code_, "date": mark.date.isoformat(), "weight": weight})

    fixed = {
        s.code: (s.date, slot_index[s.slot_id])
        for s in sessions
        if s.is_locked and s.is_scheduled and s.slot_id in slot_index
    }
    problem = {
        "version": 1,
        "first_day": timetable.first_day.isoformat(),
        "last_day": timetable.last_day.isoformat(),
        "holidays": sorted(day.isoformat() for day in excluded_days(timetable)),
        "slots": [{"start": f"{s.start:%H:%M}", "end": f"{s.end:%H:%M}"} for s in slots],
        "sessions": problem_sessions,
        "unavailable": unavailable,
        "preferred": preferred,
    }
    return problem, fixed


def conflicts(session: Session, marks: list[Availability] | None = None) -> list[Availability]:
    """The parties' unavailability marks that the session's placement breaks (possible when locked by hand)."""
    if not session.is_scheduled:
        return []
    if marks is None:
        marks = list(
            Availability.objects.filter(
                timetable_id=session.timetable_id, kind=Availability.Kind.UNAVAILABLE, date=session.date
            ).select_related("region", "ministry")
        )
    region_ids = {r.pk for r in session.regions.all()}
    ministry_ids = {m.pk for m in session.ministries.all()}
    return [
        m
        for m in marks
        if m.kind == Availability.Kind.UNAVAILABLE
        and m.date == session.date
        and (m.slot_id is None or m.slot_id == session.slot_id)
        and (m.region_id in region_ids or m.ministry_id in ministry_ids)
    ]


@dataclass
class DayCell:
    date: date
    working: bool
    note: str = ""
    entries: list[tuple[TimeSlot, Session | None]] = field(default_factory=list)
    marks: dict[str, Any] = field(default_factory=dict)


def calendar_weeks(timetable: Timetable, sessions: list[Session]) -> list[list[DayCell]]:
    """The window as weeks of five weekdays; each working day lists its slots with the session in each."""
    slots = slots_of(timetable)
    excluded = excluded_days(timetable)
    placed = {(s.date, s.slot_id): s for s in sessions if s.is_scheduled}
    start = timetable.first_day - timedelta(days=timetable.first_day.weekday())
    weeks = []
    while start <= timetable.last_day:
        week = []
        for offset in range(5):
            day = start + timedelta(days=offset)
            inside = timetable.first_day <= day <= timetable.last_day
            cell = DayCell(day, working=inside and day not in excluded, note=excluded.get(day, ""))
            if cell.working:
                cell.entries = [(slot, placed.get((day, slot.pk))) for slot in slots]
            week.append(cell)
        weeks.append(week)
        start += timedelta(days=7)
    return weeks


def availability_weeks(timetable: Timetable, party: Party) -> list[list[DayCell]]:
    """The calendar for marking: each working day with the party's marks (whole day, per slot, preferred)."""
    weeks = calendar_weeks(timetable, [])
    marks = timetable.availability.filter(party.availability_filter())
    unavailable_days = set()
    unavailable_slots = set()
    preferred = set()
    for mark in marks:
        if mark.kind == Availability.Kind.PREFERRED:
            preferred.add(mark.date)
        elif mark.slot_id is None:
            unavailable_days.add(mark.date)
        else:
            unavailable_slots.add((mark.date, mark.slot_id))
    for week in weeks:
        for cell in week:
            cell.marks = {
                "day": cell.date in unavailable_days,
                "slots": {slot.pk for slot, _s in cell.entries if (cell.date, slot.pk) in unavailable_slots},
                "preferred": cell.date in preferred,
            }
    return weeks


def marks_summary(timetable: Timetable) -> dict[str, int]:
    """How many marks each party has made: shows the coordinator who has not answered yet."""
    out: dict[str, int] = {}
    for mark in timetable.availability.select_related("region", "ministry"):
        code = mark.region.code if mark.region_id else mark.ministry.abbreviation
        out[code] = out.get(code, 0) + 1
    return out


def region_panel_context(request, region: Region) -> dict | None:
    """The region page's panel: the region's sessions in the newest published timetable."""
    if not can(request.user, "schedule.view"):
        return None
    timetable = (
        Timetable.objects.select_related("round")
        .filter(status=Timetable.Status.PUBLISHED)
        .order_by("-round__year")
        .first()
    )
    if timetable is None:
        return None
    party = Party(region.code, region=region)
    sessions = [s for s in sessions_of(timetable, party) if s.is_scheduled]
    return {"timetable": timetable, "sessions": sessions, "party": party}


def may_see_placements(user, timetable) -> bool:
    """A draft timetable's placements are the coordinator's working copy; parties see the published one."""
    return timetable.is_published or can(user, "schedule.manage")


def may_read_session_history(user, session) -> bool:
    """A session's history shows its dates and slots, so it follows who may see the placements."""
    return can(user, "schedule.view") and may_see_placements(user, session.timetable)


def published_session_of(agenda) -> Session | None:
    """The agenda's discussion once its time is published, else None (the agenda packet shows it).

    A draft timetable's placements are the coordinator's working copy, and a packet travels beyond the
    coordinator, so only a scheduled session of a published timetable of the agenda's own round counts.
    With several such sessions the earliest is the discussion.
    """
    return (
        Session.objects.filter(
            agenda=agenda,
            timetable__round_id=agenda.round_id,
            timetable__status=Timetable.Status.PUBLISHED,
            date__isnull=False,
            slot__isnull=False,
        )
        .select_related("slot", "timetable")
        .order_by("date", "slot__start", "code")
        .first()
    )


def scheduled_region_ids(round_) -> set[int]:
    """Regions whose discussion has a date in the round's timetable (the round dashboard's milestone)."""
    rows = Session.objects.filter(timetable__round=round_, date__isnull=False).values_list("regions", flat=True)
    return {pk for pk in rows if pk is not None}
