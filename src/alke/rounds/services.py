"""Writes of the round: create it, plan its phases, move it on. Every write checks the permission table."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.core.domain import DomainError
from alke.core.permissions import require
from alke.rounds.models import PHASE_ORDER, Phase, Round, RoundPhase
from alke.rounds.notifications import notify, participants

REMINDER_DAYS = 3  # remind this many days before a phase deadline


@transaction.atomic
def create_round(
    user,
    *,
    year: int,
    name: str = "",
    common_theme=None,
    decision=None,
    session_minutes: int = 150,
    phases: dict[str, tuple[date, date]] | None = None,
    is_demo: bool = False,
) -> Round:
    """A new round in its kick-off phase, with the planned dates of its phases."""
    require(user, "round.manage")
    if Round.objects.filter(year=year).exists():
        raise DomainError(
            _("Vuoden %(year)s kierros on jo olemassa.") % {"year": year}, code="already_exists"
        )
    if not 15 <= session_minutes <= 480:
        raise DomainError(_("Keskustelun keston on oltava 15–480 minuuttia."))
    round_ = Round(
        year=year,
        name=name or f"ALKE {year}",
        common_theme=common_theme,
        decision=decision,
        session_minutes=session_minutes,
        is_demo=is_demo,
    )
    round_.stamp(user)
    round_.save()
    for phase, (starts_on, ends_on) in (phases or {}).items():
        set_phase_dates(user, round_, phase, starts_on, ends_on)
    return round_


@transaction.atomic
def set_phase_dates(user, round_: Round, phase: str, starts_on: date, ends_on: date) -> RoundPhase:
    """Plan (or re-plan) one phase; the end date is the phase's deadline."""
    require(user, "round.manage")
    if phase not in PHASE_ORDER:
        raise DomainError(_("Tuntematon vaihe: %(phase)s.") % {"phase": phase})
    if ends_on < starts_on:
        raise DomainError(
            _("Vaiheen ”%(phase)s” päättymispäivä on ennen alkamispäivää.") % {"phase": Phase(phase).label}
        )
    row = RoundPhase.objects.filter(round=round_, phase=phase).first() or RoundPhase(
        round=round_, phase=phase
    )
    row.starts_on, row.ends_on = starts_on, ends_on
    row.stamp(user)
    row.save()
    return row


@transaction.atomic
def move_phase(user, round_: Round, to_phase: str | None = None, reason: str = "") -> Round:
    """Move the round to the next phase (default) or back one phase (a reason is then required).

    Every participant is notified, so regions and ministries know what they can now edit.
    """
    require(user, "round.manage", round_)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    current = PHASE_ORDER.index(round_.phase)
    if to_phase is None:
        if current == len(PHASE_ORDER) - 1:
            raise DomainError(_("Kierros on jo päättynyt."))
        to_phase = PHASE_ORDER[current + 1]
    if to_phase not in PHASE_ORDER:
        raise DomainError(_("Tuntematon vaihe: %(phase)s.") % {"phase": to_phase})
    target = PHASE_ORDER.index(to_phase)
    if target == current:
        raise DomainError(_("Kierros on jo vaiheessa ”%(phase)s”.") % {"phase": Phase(to_phase).label})
    if target > current + 1:
        raise DomainError(_("Vaiheita ei voi ohittaa; siirry seuraavaan vaiheeseen."))
    if target < current - 1:
        raise DomainError(_("Kierroksen voi palauttaa vain edelliseen vaiheeseen."))
    if target < current and not reason.strip():
        raise DomainError(
            _("Kerro, miksi kierros palautetaan edelliseen vaiheeseen."), code="reason_required"
        )
    previous = round_.get_phase_display()
    round_.phase = to_phase
    round_._change_reason = reason.strip()[:100] or None
    round_.stamp(user)
    round_.save()
    body = _("Kierros %(round)s siirtyi vaiheesta ”%(old)s” vaiheeseen ”%(new)s”.") % {
        "round": round_.name,
        "old": previous,
        "new": round_.get_phase_display(),
    }
    if reason.strip():
        body += " " + _("Perustelu: %(reason)s") % {"reason": reason.strip()}
    notify(
        participants(),
        _("%(round)s: vaihe %(phase)s") % {"round": round_.name, "phase": round_.get_phase_display()},
        body,
        reverse("rounds:detail", args=[round_.year]),
        round_,
    )
    return round_


def remind_deadlines(today: date | None = None) -> int:
    """Remind participants of the current phase's deadline (once per user) and regions of overdue items.

    Run daily (`alke round-reminders`); idempotent. Returns the number of notifications created.
    """
    from alke.rounds.selectors import dashboard

    today = today or timezone.localdate()
    created = 0
    for round_ in Round.objects.exclude(phase=Phase.CLOSED):
        plan = RoundPhase.objects.filter(round=round_, phase=round_.phase).first()
        url = reverse("rounds:detail", args=[round_.year])
        if plan and today <= plan.ends_on <= today + timedelta(days=REMINDER_DAYS):
            created += len(
                notify(
                    participants(),
                    _("%(round)s: vaihe ”%(phase)s” päättyy %(date)s")
                    % {
                        "round": round_.name,
                        "phase": round_.get_phase_display(),
                        "date": plan.ends_on.strftime("%d.%m.%Y"),
                    },
                    _("Määräpäivä lähestyy. Tarkista oman organisaatiosi osuus kierroksen sivulta."),
                    url,
                    round_,
                    key=f"deadline:{round_.pk}:{round_.phase}:{plan.ends_on.isoformat()}",
                )
            )
        for row in dashboard(round_, today=today):
            for milestone in row.overdue:
                created += len(
                    notify(
                        participants(region_ids=[row.region.pk]),
                        _("%(round)s: %(region)s – myöhässä: %(what)s")
                        % {"round": round_.name, "region": row.region.name, "what": milestone.label},
                        _("Määräpäivä oli %(date)s.") % {"date": milestone.deadline.strftime("%d.%m.%Y")},
                        url,
                        round_,
                        key=f"overdue:{round_.pk}:{row.region.pk}:{milestone.code}",
                    )
                )
    return created
