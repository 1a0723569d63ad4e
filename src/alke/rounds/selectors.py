"""Reads of the round: the current round, its phase plan and the per-region dashboard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from alke.core.manifest import Hook, contributions
from alke.regions.models import Region
from alke.rounds.models import PHASE_ORDER, Phase, Round, RoundPhase


def rounds() -> QuerySet[Round]:
    return Round.objects.select_related("common_theme", "decision")


def current_round() -> Round | None:
    """The newest round that has not closed (else the newest round)."""
    return (
        rounds().exclude(phase=Phase.CLOSED).order_by("-year").first() or rounds().order_by("-year").first()
    )


@dataclass
class PhaseRow:
    phase: str
    label: str
    plan: RoundPhase | None
    is_current: bool
    is_past: bool
    is_overdue: bool


def phase_plan(round_: Round, today: date | None = None) -> list[PhaseRow]:
    """Every phase in order with its dates; the current phase is overdue when its deadline has passed."""
    today = today or timezone.localdate()
    plans = {p.phase: p for p in RoundPhase.objects.filter(round=round_)}
    rows = []
    for index, phase in enumerate(PHASE_ORDER):
        plan = plans.get(phase)
        current = phase == round_.phase
        rows.append(
            PhaseRow(
                phase=phase,
                label=str(Phase(phase).label),
                plan=plan,
                is_current=current,
                is_past=index < round_.phase_index,
                is_overdue=bool(current and plan and plan.ends_on < today),
            )
        )
    return rows


@dataclass(order=True)
class RoundMilestone:
    """A step each region takes in a round, declared by the app that records it (its manifest).

    `phase` is the phase whose deadline the step has; `done(round)` gives the ids of the regions that
    have taken it; `detail(round)` may give a short text per region id (e.g. how many proposals), and
    `url(round, region)` a page to go to from the dashboard.
    """

    order: int
    code: str = field(compare=False)
    label: Any = field(compare=False)
    phase: str = field(compare=False)
    done: Callable[[Round], set[int]] = field(compare=False)
    detail: Callable[[Round], dict[int, str]] | None = field(compare=False, default=None)
    url: Callable[[Round, Region], str] | None = field(compare=False, default=None)


MILESTONES = Hook("rounds.milestones", "steps each region takes in a round, shown on the dashboard")


def milestones() -> list[RoundMilestone]:
    return contributions(MILESTONES)


@dataclass
class Milestone:
    code: str
    label: str
    done: bool
    deadline: date | None
    overdue: bool
    detail: str = ""
    url: str = ""


@dataclass
class DashboardRow:
    region: Region
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def overdue(self) -> list[Milestone]:
        return [m for m in self.milestones if m.overdue]

    def milestone(self, code: str) -> Milestone:
        return next(m for m in self.milestones if m.code == code)


def dashboard(round_: Round, today: date | None = None) -> list[DashboardRow]:
    """Where each mainland region stands in the round; a milestone is overdue when its deadline passed undone."""
    today = today or timezone.localdate()
    deadlines = {p.phase: p.ends_on for p in RoundPhase.objects.filter(round=round_)}
    declared = milestones()
    done = {m.code: m.done(round_) for m in declared}
    details = {m.code: m.detail(round_) if m.detail else {} for m in declared}
    rows = []
    for region in Region.objects.mainland().order_by("code"):
        row = DashboardRow(region=region)
        for m in declared:
            deadline = deadlines.get(m.phase)
            finished = region.pk in done[m.code]
            row.milestones.append(
                Milestone(
                    code=m.code,
                    label=str(m.label),
                    done=finished,
                    deadline=deadline,
                    overdue=bool(not finished and deadline and deadline < today),
                    detail=details[m.code].get(region.pk, ""),
                    url=m.url(round_, region) if m.url else "",
                )
            )
        rows.append(row)
    return rows


@dataclass(order=True)
class RoundTab:
    """A page of a round, shown as a tab on the round's pages (the proposals, the agendas, ...)."""

    order: int
    url_name: str = field(compare=False)
    label: Any = field(compare=False)
    action: str | None = field(compare=False, default=None)
    """Permission action that must be allowed (with no subject) to show the page; None = every reader."""


ROUND_TABS = Hook("rounds.tabs", "pages of a round shown as tabs on the round's pages (RoundTab)")


def round_tabs() -> list[RoundTab]:
    return contributions(ROUND_TABS)
