"""Writes: set up the timetable, sessions and availability; solve, adjust, lock and publish.

Every write checks the permission table and the round's phase gate (`alke.rounds.gate`), and runs in one
transaction. After publication every change of
a session's time notifies its parties (an alke notification and, for those who want it at once, e-mail)
and raises the session's iCalendar SEQUENCE so calendar programs update the event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alke.accounts.models import Membership, User
from alke.core.domain import DomainError
from alke.core.permissions import Role, require
from alke.rounds.gate import PhaseClosed, require_phase
from alke.rounds.notifications import notify
from alke.schedule import selectors
from alke.schedule.models import Availability, NonWorkingDay, Session, TimeSlot, Timetable
from alke.schedule.selectors import Party
from alke.schedule.solver import ProblemError, parse_problem, solve


class ScheduleError(DomainError):
    """A request the timetable cannot take; the message names the problem."""


class SchedulePhaseClosed(PhaseClosed, ScheduleError):
    """Refused in the round's current phase: the gate's error, as for every gated write, and a ScheduleError
    so that the scheduling pages show it like any other refusal."""


def _require_phase(round_, what: str) -> None:
    require_phase(round_, what, error=SchedulePhaseClosed)


@transaction.atomic
def configure_timetable(
    user,
    round_,
    first_day: date,
    last_day: date,
    slots: Iterable[tuple[time, time]],
    non_working: Iterable[tuple[date, str]] = (),
) -> Timetable:
    """Create or update the round's timetable: window, daily slots and extra non-working days."""
    require(user, "schedule.configure")
    _require_phase(round_, "schedule.configure")
    if last_day < first_day:
        raise ScheduleError(
            _("Viimeinen päivä (%(last)s) on ennen ensimmäistä päivää (%(first)s).")
            % {"last": last_day, "first": first_day}
        )
    slots = sorted(set(slots))
    if not slots:
        raise ScheduleError(_("Anna vähintään yksi aikaikkuna."))
    for start, end in slots:
        if end <= start:
            raise ScheduleError(
                _("Aikaikkunan loppu %(end)s ei ole alun %(start)s jälkeen.")
                % {"start": f"{start:%H.%M}", "end": f"{end:%H.%M}"}
            )
    timetable = Timetable.objects.filter(round=round_).first() or Timetable(round=round_)
    timetable.first_day, timetable.last_day = first_day, last_day
    timetable.is_demo = timetable.is_demo or getattr(round_, "is_demo", False)
    timetable.stamp(user)
    timetable.save()

    existing = {(s.start, s.end): s for s in timetable.slots.all()}
    removed = [slot for key, slot in existing.items() if key not in slots]
    for slot in removed:
        if slot.sessions.exists() and timetable.is_published:
            raise ScheduleError(
                _("Aikaikkunassa %(slot)s on julkaistuja keskusteluja; siirrä ne ensin.") % {"slot": slot}
            )
        slot.sessions.update(date=None, slot=None, is_locked=False)
        slot.delete()
    for start, end in slots:
        if (start, end) not in existing:
            new = TimeSlot(timetable=timetable, start=start, end=end)
            new.stamp(user)
            new.save()

    wanted = dict(non_working)
    for extra in timetable.non_working_days.all():
        if extra.date not in wanted:
            extra.delete()
        elif extra.reason != wanted[extra.date]:
            extra.reason = wanted[extra.date]
            extra.stamp(user)
            extra.save()
    have = set(timetable.non_working_days.values_list("date", flat=True))
    for day, reason in wanted.items():
        if day not in have:
            extra = NonWorkingDay(timetable=timetable, date=day, reason=reason)
            extra.stamp(user)
            extra.save()

    # Sessions left on a day the window no longer has (moved window, new non-working day) lose their time.
    workdays = set(selectors.working_days(timetable))
    changes = []
    for session in timetable.sessions.filter(date__isnull=False).select_related("slot"):
        if session.date not in workdays:
            old = (session.date, session.slot)
            session.date, session.slot, session.is_locked = None, None, False
            if timetable.is_published:
                session.sequence += 1
                changes.append((session, old, None))
            session.stamp(user)
            session.save()
    if changes:
        _notify(timetable, changes, user)
    return timetable


@dataclass
class SessionData:
    code: str
    kind: str
    title_fi: str
    minutes: int
    regions: list
    ministries: list
    title_sv: str = ""
    title_en: str = ""
    location: str = ""
    online_url: str = ""
    agenda: object | None = None


@transaction.atomic
def save_session(user, timetable: Timetable, data: SessionData, session: Session | None = None) -> Session:
    """Create a session or change its content (not its time: see move_session)."""
    require(user, "schedule.session")
    _require_phase(timetable.round, "schedule.session")
    if not data.regions and not data.ministries:
        raise ScheduleError(_("Keskustelulla on oltava vähintään yksi osapuoli."))
    clash = timetable.sessions.filter(code=data.code)
    if session is not None:
        clash = clash.exclude(pk=session.pk)
    if clash.exists():
        raise ScheduleError(_("Tunnus %(code)s on jo käytössä tässä aikataulussa.") % {"code": data.code})
    creating = session is None
    session = session or Session(timetable=timetable, is_demo=timetable.is_demo)
    for name in (
        "code",
        "kind",
        "title_fi",
        "title_sv",
        "title_en",
        "minutes",
        "location",
        "online_url",
        "agenda",
    ):
        setattr(session, name, getattr(data, name))
    if session.is_scheduled and session.slot.minutes < session.minutes:
        raise ScheduleError(
            _(
                "Keskustelu kestää %(minutes)s min, mutta sen aikaikkuna on vain %(slot)s min; siirrä se ensin."
            )
            % {"minutes": session.minutes, "slot": session.slot.minutes}
        )
    if not creating and timetable.is_published and session.is_scheduled:
        session.sequence += 1
    session.stamp(user)
    session.save()
    session.regions.set(data.regions)
    session.ministries.set(data.ministries)
    return session


@transaction.atomic
def delete_session(user, session: Session) -> None:
    require(user, "schedule.session")
    timetable = session.timetable
    _require_phase(timetable.round, "schedule.session")
    if timetable.is_published and session.is_scheduled:
        _notify(timetable, [(session, (session.date, session.slot), None)], user, cancelled=True)
    session.delete()


@transaction.atomic
def mark_availability(
    user,
    timetable: Timetable,
    party: Party,
    unavailable_days: Iterable[date],
    unavailable_slots: Iterable[tuple[date, int]],
    preferred_days: Iterable[date],
) -> int:
    """Replace the party's marks with these (slot ids in `unavailable_slots`); returns how many were saved.

    Only working days of the window are kept: a mark on another day would never matter.
    """
    require(user, "availability.mark", party)
    _require_phase(timetable.round, "availability.mark")
    workdays = set(selectors.working_days(timetable))
    slots = {slot.pk: slot for slot in timetable.slots.all()}
    days_off = {d for d in unavailable_days if d in workdays}
    wanted: set[tuple[date, int | None, str]] = {(d, None, Availability.Kind.UNAVAILABLE) for d in days_off}
    for day, slot_id in unavailable_slots:
        if slot_id not in slots:
            raise ScheduleError(_("Aikaikkunaa %(slot)s ei ole tässä aikataulussa.") % {"slot": slot_id})
        if day in workdays and day not in days_off:
            wanted.add((day, slot_id, Availability.Kind.UNAVAILABLE))
    wanted |= {
        (d, None, Availability.Kind.PREFERRED) for d in preferred_days if d in workdays and d not in days_off
    }

    current = {
        (m.date, m.slot_id, m.kind): m for m in timetable.availability.filter(party.availability_filter())
    }
    for key, mark in current.items():
        if key not in wanted:
            mark.delete()
    for day, slot_id, kind in wanted - set(current):
        mark = Availability(
            timetable=timetable,
            region=party.region,
            ministry=party.ministry,
            date=day,
            slot_id=slot_id,
            kind=kind,
        )
        mark.stamp(user)
        mark.save()
    return len(wanted)


@transaction.atomic
def solve_timetable(user, timetable: Timetable, time_limit: float = 30.0):
    """Compute the optimal timetable around the locked sessions and save it (all or nothing).

    Returns the solver's Solution. Infeasible (only possible when locked sessions clash) changes nothing.
    """
    require(user, "schedule.solve")
    _require_phase(timetable.round, "schedule.solve")
    # Lock the row so two coordinators solving at once do not interleave; keep the caller's instance fresh.
    Timetable.objects.select_for_update().filter(pk=timetable.pk).first()
    timetable.refresh_from_db()
    problem_data, fixed = selectors.build_problem(timetable)
    if not problem_data["sessions"]:
        raise ScheduleError(_("Aikataulussa ei ole vielä keskusteluja."))
    try:
        problem = parse_problem(problem_data)
        solution = solve(problem, time_limit=time_limit, fixed=fixed, forbid_overlap=True)
    except ProblemError as error:
        raise ScheduleError(str(error)) from None
    if solution.status == "infeasible":
        raise ScheduleError(
            _(
                "Lukitut keskustelut eivät mahdu aikatauluun yhtä aikaa (esim. kaksi samassa aikaikkunassa). Avaa lukitus."
            )
        )
    slots = selectors.slots_of(timetable)
    placed = {a.session: (a.date, slots[a.slot]) for a in solution.assignments}
    reasons = {u["session"]: u for u in solution.unscheduled}
    sessions = selectors.sessions_of(timetable)
    before = {s.pk: (s.date, s.slot) for s in sessions}
    # Clear first so the one-session-per-slot constraint holds while sessions swap places.
    Session.objects.filter(timetable=timetable, is_locked=False).update(date=None, slot=None)
    changes = []
    for session in sessions:
        new = placed.get(session.code)
        session.date, session.slot = new if new else (None, None)
        session.unscheduled_reason = _reason_text(reasons[session.code]) if session.code in reasons else ""
        old = before[session.pk]
        if old != (session.date, session.slot) and timetable.is_published:
            session.sequence += 1
            changes.append((session, old, new))
        session.stamp(user)
        session.save()
    timetable.solver_status = solution.status
    timetable.solved_at = timezone.now()
    timetable.solve_seconds = round(solution.wall_seconds, 3)
    timetable.preference_weight = solution.objective["preference_weight"]
    timetable.stamp(user)
    timetable.save()
    if changes:
        _notify(timetable, changes, user)
    return solution


def _reason_text(unscheduled: dict) -> str:
    """The solver's reason in the reader's language."""
    code, data = unscheduled.get("code"), unscheduled.get("data", {})
    if code == "too_long":
        return _("Kestää %(minutes)s min, mutta pisin aikaikkuna on %(longest)s min.") % data
    if code == "no_days":
        return _("Aikavälillä ei ole yhtään työpäivää.")
    if code == "blocked":
        parts = [
            _("%(party)s ei pääse %(days)s")
            % {"party": party, "days": ", ".join(_fi_date(d) for d in days[:8])}
            for party, days in sorted(data.get("blockers", {}).items())
        ]
        return _("Jokainen työpäivä on jonkin osapuolen estämä: %(parts)s.") % {
            "parts": "; ".join(parts) or "—"
        }
    if code == "full":
        return _(
            "Kaikki osapuolille sopivat ajat (%(days)s) tarvitaan muille keskusteluille (%(sessions)s)."
        ) % {
            "days": ", ".join(_fi_date(d) for d in data.get("days", [])[:8]),
            "sessions": ", ".join(data.get("sessions", [])[:8]),
        }
    return unscheduled.get("reason", "")


def _fi_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day}.{day.month}."


@transaction.atomic
def move_session(
    user, session: Session, day: date | None, slot: TimeSlot | None, lock: bool = True
) -> Session:
    """Place a session by hand (or take it out with day=None); locked by default so re-solving keeps it."""
    require(user, "schedule.move")
    timetable = session.timetable
    _require_phase(timetable.round, "schedule.move")
    old = (session.date, session.slot)
    if day is None or slot is None:
        session.date, session.slot, session.is_locked = None, None, False
    else:
        if slot.timetable_id != timetable.pk:
            raise ScheduleError(_("Aikaikkuna ei kuulu tähän aikatauluun."))
        if day not in set(selectors.working_days(timetable)):
            raise ScheduleError(
                _(
                    "%(day)s ei ole aikataulun työpäivä (viikonloppu, pyhäpäivä, muu vapaapäivä tai aikavälin ulkopuolella)."
                )
                % {"day": f"{day:%d.%m.%Y}"}
            )
        if slot.minutes < session.minutes:
            raise ScheduleError(
                _("Keskustelu kestää %(minutes)s min, mutta aikaikkuna %(slot)s on vain %(length)s min.")
                % {"minutes": session.minutes, "slot": slot, "length": slot.minutes}
            )
        other = timetable.sessions.filter(date=day, slot=slot).exclude(pk=session.pk).first()
        if other is not None:
            raise ScheduleError(
                _("Aikaikkunassa %(day)s %(slot)s on jo keskustelu %(other)s.")
                % {"day": f"{day:%d.%m.%Y}", "slot": slot, "other": other.code}
            )
        session.date, session.slot, session.is_locked = day, slot, lock
        session.unscheduled_reason = ""
    changed = old != (session.date, session.slot)
    if changed and timetable.is_published:
        session.sequence += 1
    session.stamp(user)
    session.save()
    if changed and timetable.is_published:
        _notify(
            timetable, [(session, old, (session.date, session.slot) if session.is_scheduled else None)], user
        )
    return session


@transaction.atomic
def set_locked(user, session: Session, locked: bool) -> Session:
    require(user, "schedule.move")
    _require_phase(session.timetable.round, "schedule.move")
    if locked and not session.is_scheduled:
        raise ScheduleError(_("Vain aikataulutetun keskustelun voi lukita."))
    session.is_locked = locked
    session.stamp(user)
    session.save()
    return session


@transaction.atomic
def publish_timetable(user, timetable: Timetable) -> Timetable:
    """Publish: the parties see their sessions and calendar feeds, and are told by notification."""
    require(user, "schedule.publish")
    _require_phase(timetable.round, "schedule.publish")
    if timetable.is_published:
        raise ScheduleError(_("Aikataulu on jo julkaistu."))
    sessions = [s for s in selectors.sessions_of(timetable) if s.is_scheduled]
    if not sessions:
        raise ScheduleError(_("Aikataulussa ei ole yhtään aikataulutettua keskustelua; ratkaise se ensin."))
    timetable.status = Timetable.Status.PUBLISHED
    timetable.published_at = timezone.now()
    timetable.stamp(user)
    timetable.save()
    _notify(timetable, [(s, None, (s.date, s.slot)) for s in sessions], user, published=True)
    return timetable


# --- notifications -------------------------------------------------------------------------------


def party_recipients(regions: Iterable[int], ministries: Iterable[int]) -> list[User]:
    """Active officials of the parties: the regions' council people and the ministries' people."""
    memberships = Membership.objects.filter(is_active=True, user__is_active=True).filter(
        Q(role=Role.REGION, organisation__region_id__in=list(regions))
        | Q(role=Role.MINISTRY, organisation__ministry_id__in=list(ministries))
    )
    users = {m.user for m in memberships.select_related("user")}
    return sorted(users, key=lambda u: u.pk)


def _describe(place) -> str:
    if not place or place[0] is None:
        return _("ei aikataulussa")
    day, slot = place
    return f"{day:%d.%m.%Y} {slot}"


def _notify(
    timetable: Timetable, changes: list, user, published: bool = False, cancelled: bool = False
) -> int:
    """Tell every party of the changed sessions: one message per user listing their sessions."""
    per_user: dict[int, tuple[User, list]] = {}
    for session, old, new in changes:
        for recipient in party_recipients(
            [r.pk for r in session.regions.all()], [m.pk for m in session.ministries.all()]
        ):
            per_user.setdefault(recipient.pk, (recipient, []))[1].append((session, old, new))
    site = settings.SITE_URL.rstrip("/")
    sent = 0  # users told
    for recipient, items in per_user.values():
        with translation.override(recipient.preferred_language or "fi"):
            if published:
                subject = _("%(round)s: keskustelujen aikataulu on julkaistu") % {"round": timetable.round}
            elif cancelled:
                subject = _("%(round)s: keskustelu on peruttu") % {"round": timetable.round}
            else:
                subject = _("%(round)s: keskustelun aika on muuttunut") % {"round": timetable.round}
            lines = []
            for session, old, new in items:
                if published:
                    lines.append(f"- {session.code} {session.title}: {_describe(new)}")
                else:
                    lines.append(
                        f"- {session.code} {session.title}: {_describe(old)} → "
                        + (_("peruttu") if cancelled else _describe(new))
                    )
                lines.append(f"  {site}{session.get_absolute_url()}")
            body = "\n".join(
                [
                    _("Hei,"),
                    "",
                    _("Aluekehittämiskeskustelujen aikataulussa on sinua koskevia muutoksia:")
                    if not published
                    else _("Aluekehittämiskeskustelujen aikataulu on julkaistu. Sinua koskevat keskustelut:"),
                    "",
                    *lines,
                    "",
                    _("Kalenterisi päivittyy itsestään, jos olet tilannut osapuolesi kalenterisyötteen."),
                ]
            )
        # Delivery follows the user's choice (at once, daily digest, or only in alke), after commit.
        notify([recipient], subject, body, url=timetable.get_absolute_url(), round_=timetable.round)
        sent += 1
    return sent
