"""The phase gate: what may be written in which phase of the round, enforced in every service.

The table is read by the services (`require_phase`) and by the pages (`is_open`) so a button is shown only
when the write would be accepted. The coordinator is bound by it too: to reopen proposals, the round is
moved back a phase (which is recorded and notified), not edited around.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from alke.rounds.models import PHASE_ORDER, Phase, Round

P = Phase
PHASE_GATE: dict[str, frozenset[str]] = {
    "proposal.create": frozenset({P.PROPOSALS}),
    "proposal.edit": frozenset({P.PROPOSALS}),
    "proposal.submit": frozenset({P.PROPOSALS}),
    "proposal.comment": frozenset({P.PROPOSALS, P.AGENDA}),
    "proposal.decide": frozenset({P.PROPOSALS, P.AGENDA}),
    "issue.raise": frozenset({P.SITUATION, P.PROPOSALS, P.AGENDA}),
    "issue.edit": frozenset({P.SITUATION, P.PROPOSALS, P.AGENDA}),
    "synergy.analyse": frozenset({P.PROPOSALS, P.AGENDA}),
    "synergy.decide": frozenset({P.PROPOSALS, P.AGENDA}),
    "agenda.edit": frozenset({P.AGENDA}),
    "agenda.add_item": frozenset({P.AGENDA}),
    "agenda.comment": frozenset({P.AGENDA, P.SCHEDULING}),
    # follow-up carries unfinished conclusions over before the agendas are drafted
    "candidate.add": frozenset({P.KICK_OFF, P.SITUATION, P.PROPOSALS, P.AGENDA}),
    "candidate.decide": frozenset({P.PROPOSALS, P.AGENDA}),
    # Scheduling. The discussion dates are fixed early (the 2022 model: agendas drafted in December-January
    # for discussions whose dates everyone already holds): the window and slots are set, availability
    # collected, and the timetable computed and published while the agendas are drafted or in the scheduling
    # phase. Once the discussions run nothing is re-solved under the parties' feet; single sessions may still
    # be moved, edited or cancelled (every change is notified), and a party may still say it cannot come,
    # which the coordinator sees as a conflict.
    "schedule.configure": frozenset({P.AGENDA, P.SCHEDULING}),
    "schedule.session": frozenset({P.AGENDA, P.SCHEDULING, P.DISCUSSIONS}),
    "availability.mark": frozenset({P.AGENDA, P.SCHEDULING, P.DISCUSSIONS}),
    "schedule.solve": frozenset({P.AGENDA, P.SCHEDULING}),
    "schedule.publish": frozenset({P.AGENDA, P.SCHEDULING}),
    "schedule.move": frozenset({P.SCHEDULING, P.DISCUSSIONS}),
}


class PhaseClosed(ValidationError):
    """The write is not allowed in the round's current phase; the message says when it is."""

    def __str__(self) -> str:
        # The plain message (ValidationError would show a list), so handlers that print str(error) read well.
        return " ".join(self.messages)


def open_phases(what: str) -> list[str]:
    return [phase for phase in PHASE_ORDER if phase in PHASE_GATE[what]]


def open_phase_labels(what: str) -> str:
    """The phases in which `what` is allowed, as the reader's words in process order ("a, b")."""
    return ", ".join(str(Phase(p).label) for p in open_phases(what))


def closed_message(round_: Round, what: str) -> str:
    """Why `what` is refused now: the round's phase and the phases that allow it."""
    return _(
        "Kierros %(round)s on vaiheessa ”%(phase)s”; tämä on mahdollista vain vaiheessa: %(phases)s."
    ) % {
        "round": round_.name,
        "phase": round_.get_phase_display(),
        "phases": open_phase_labels(what),
    }


def is_open(round_: Round, what: str) -> bool:
    """True when `what` may be done in the round's current phase."""
    return round_.phase in PHASE_GATE[what]


def require_phase(round_: Round, what: str, error: type[PhaseClosed] = PhaseClosed) -> None:
    """Raise PhaseClosed (or the app's subclass `error`) unless `what` is allowed in the current phase."""
    if not is_open(round_, what):
        raise error(closed_message(round_, what), code="phase_closed")
