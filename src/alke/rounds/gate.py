"""The phase gate: what may be written in which phase of the round, enforced in every service.

The phases are part of each action's one declaration (`Action(..., phases=...)` in the app's manifest,
next to who may do it). The services check them (`require_phase`) and the pages ask (`is_open`) so a
button is shown only when the write would be accepted. The coordinator is bound by it too: to reopen
proposals, the round is moved back a phase (which is recorded and notified), not edited around.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from django.utils.translation import gettext as _

from alke.core.domain import DomainError
from alke.core.permissions import declaration, declarations
from alke.rounds.models import PHASE_ORDER, Phase, Round


class _PhaseGate(Mapping):
    """action -> the phases it is open in, for every action whose declaration names phases."""

    def __getitem__(self, name: str) -> frozenset[str]:
        phases = declaration(name).phases
        if phases is None:
            raise KeyError(f"action {name!r} is not gated by the round's phase")
        return phases

    def __iter__(self) -> Iterator[str]:
        return (a.name for a in declarations() if a.phases is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


PHASE_GATE: Mapping[str, frozenset[str]] = _PhaseGate()


class PhaseClosed(DomainError):
    """The write is not allowed in the round's current phase; the message says when it is."""

    default_code = "phase_closed"


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
