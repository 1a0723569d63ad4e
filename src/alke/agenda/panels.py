"""The agenda section of a region's page."""

from __future__ import annotations

from alke.agenda.models import MinistryIssue, Proposal
from alke.agenda.selectors import region_agenda
from alke.core.permissions import can
from alke.rounds.selectors import current_round


def region_panel(request, region) -> dict | None:
    """Shown to the round's participants only; the public reads agreed outcomes, not drafts."""
    if not can(request.user, "round.view"):
        return None
    round_ = current_round()
    if round_ is None:
        return None
    agenda = region_agenda(round_, region)
    return {
        "round": round_,
        "region": region,
        "agenda": agenda,
        "items": list(agenda.items.order_by("order", "pk")) if agenda else [],
        "submitted": Proposal.objects.filter(round=round_, region=region)
        .exclude(status=Proposal.Status.DRAFT)
        .count(),
        "issues": MinistryIssue.objects.filter(round=round_, regions=region).count(),
    }
