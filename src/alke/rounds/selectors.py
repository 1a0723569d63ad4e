"""Reads of the round: the current round, its phase plan and the per-region dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


@dataclass
class Milestone:
    code: str
    label: str
    done: bool
    deadline: date | None
    overdue: bool


@dataclass
class DashboardRow:
    region: Region
    proposals_submitted: int
    proposals_draft: int
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def overdue(self) -> list[Milestone]:
        return [m for m in self.milestones if m.overdue]


MILESTONES = [
    # code, label, the phase whose deadline it has
    ("proposals", _("ehdotukset jätetty"), Phase.PROPOSALS),
    ("agenda", _("agenda valmis"), Phase.AGENDA),
    ("scheduled", _("keskustelu aikataulutettu"), Phase.SCHEDULING),
    ("document", _("yhteistyöasiakirja hyväksytty"), Phase.DOCUMENTS),
]


def _model(label: str):
    """Another capability's model, or None while that capability is not installed."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _scheduled_region_ids(round_: Round) -> set[int]:
    session = _model("schedule.Session")
    if session is None:
        return set()
    rows = session.objects.filter(timetable__round=round_, date__isnull=False).values_list(
        "regions", flat=True
    )
    return {pk for pk in rows if pk is not None}


def _approved_region_ids(round_: Round) -> set[int]:
    document = _model("agreements.CooperationDocument")
    if document is None:
        return set()
    return set(
        document.objects.filter(round=round_, status="final", kind="region").values_list(
            "region_id", flat=True
        )
    )


def dashboard(round_: Round, today: date | None = None) -> list[DashboardRow]:
    """Where each mainland region stands in the round; a milestone is overdue when its deadline passed undone."""
    from alke.agenda.models import Agenda, Proposal

    today = today or timezone.localdate()
    deadlines = {p.phase: p.ends_on for p in RoundPhase.objects.filter(round=round_)}
    counts = {
        row["region"]: row
        for row in Proposal.objects.filter(round=round_)
        .values("region")
        .annotate(
            draft=Count("pk", filter=Q(status=Proposal.Status.DRAFT)),
            submitted=Count("pk", filter=~Q(status=Proposal.Status.DRAFT)),
        )
    }
    ready = set(
        Agenda.objects.filter(
            round=round_, kind=Agenda.AgendaKind.REGION, status=Agenda.Status.READY
        ).values_list("region_id", flat=True)
    )
    scheduled = _scheduled_region_ids(round_)
    approved = _approved_region_ids(round_)
    rows = []
    for region in Region.objects.mainland().order_by("code"):
        count = counts.get(region.pk, {})
        done = {
            "proposals": count.get("submitted", 0) > 0,
            "agenda": region.pk in ready,
            "scheduled": region.pk in scheduled,
            "document": region.pk in approved,
        }
        milestones = []
        for code, label, phase in MILESTONES:
            deadline = deadlines.get(phase)
            milestones.append(
                Milestone(
                    code=code,
                    label=str(label),
                    done=done[code],
                    deadline=deadline,
                    overdue=bool(not done[code] and deadline and deadline < today),
                )
            )
        rows.append(
            DashboardRow(
                region=region,
                proposals_submitted=count.get("submitted", 0),
                proposals_draft=count.get("draft", 0),
                milestones=milestones,
            )
        )
    return rows
