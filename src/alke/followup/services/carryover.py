"""Carry-over: a round's unfinished conclusions become agenda candidates of the next round."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from alke.followup.candidates import carried_over_text
from alke.followup.models import (
    OPEN_STATUSES,
    ConclusionFollowUp,
)
from alke.followup.selectors import tracked_conclusions
from alke.followup.services.updates import FollowUpError, ensure_followups
from alke.regions.models import Region
from alke.rounds.models import Round


def next_round(round_: Round) -> Round | None:
    """The round after this one (the next year that has a round)."""
    return Round.objects.filter(year__gt=round_.year).order_by("year").first()


@dataclass
class CarryOverResult:
    target: Round | None
    created: list = field(default_factory=list)
    existing: list = field(default_factory=list)


@transaction.atomic
def carry_over(user, round_: Round, region: Region | None = None) -> CarryOverResult:
    """Offer the round's unfinished conclusions as agenda candidates for the same region in the next round.

    Idempotent: a conclusion already offered is not offered twice. Raises FollowUpError when there is no
    next round; the agenda's phase gate and permission table apply (its errors pass through).
    """
    from alke.agenda.models import AgendaCandidate
    from alke.agenda.services import add_agenda_candidate

    target = next_round(round_)
    if target is None:
        raise FollowUpError(
            _("Kierroksen %(round)s jälkeen ei ole vielä uutta kierrosta, jolle siirtää.")
            % {"round": round_.name}
        )
    qs = tracked_conclusions().filter(round=round_).select_related("region").prefetch_related("ministries")
    if region is not None:
        qs = qs.filter(region=region)
    ensure_followups(qs)
    result = CarryOverResult(target)
    for followup in (
        ConclusionFollowUp.objects.filter(conclusion__in=qs, status__in=OPEN_STATUSES)
        .select_related("conclusion", "conclusion__region")
        .order_by("conclusion__region__code", "conclusion__order")
    ):
        c = followup.conclusion
        key = f"conclusion:{c.pk}"
        before = AgendaCandidate.objects.filter(
            round=target, region=c.region, source="carry_over", source_key=key
        ).exists()
        label = _("%(round)s, johtopäätös %(order)s: %(status)s, %(progress)s %%") % {
            "round": round_.name,
            "order": c.order,
            "status": followup.get_status_display(),
            "progress": followup.progress,
        }
        # Stored in Finnish, the source language; documents show it in theirs (followup.candidates).
        title, description = carried_over_text(c, followup.updates.order_by("-on", "-pk").first(), "fi")
        candidate = add_agenda_candidate(
            user,
            target,
            c.region,
            title=title,
            description=description,
            source=AgendaCandidate.Source.CARRY_OVER,
            source_label=label,
            source_url=reverse("followup:conclusion", args=[c.pk]),
            source_key=key,
            ministries=list(c.ministries.all()),
            is_demo=c.is_demo,
        )
        (result.existing if before else result.created).append(candidate)
    return result
