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
}


class PhaseClosed(ValidationError):
    """The write is not allowed in the round's current phase; the message says when it is."""


def open_phases(what: str) -> list[str]:
    return [phase for phase in PHASE_ORDER if phase in PHASE_GATE[what]]


def is_open(round_: Round, what: str) -> bool:
    """True when `what` may be done in the round's current phase."""
    return round_.phase in PHASE_GATE[what]


def require_phase(round_: Round, what: str) -> None:
    """Raise PhaseClosed unless `what` is allowed in the round's current phase."""
    if not is_open(round_, what):
        phases = ", ".join(str(Phase(p).label) for p in open_phases(what))
        raise PhaseClosed(
            _("Kierros %(round)s on vaiheessa ”%(phase)s”; tämä on mahdollista vain vaiheessa: %(phases)s.")
            % {"round": round_.name, "phase": round_.get_phase_display(), "phases": phases},
            code="phase_closed",
        )
