"""Which conclusions are followed up, who may update which, and one conclusion with its updates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from alke.agreements.models import Conclusion, CooperationDocument
from alke.agreements.published import published_conclusion_ids
from alke.core.permissions import scope
from alke.followup.models import (
    FollowUpUpdate,
)
from alke.rounds.models import Round


def _covered() -> Q:
    """Conclusions whose (round, region) a final cooperation document covers.

    Built from the documents (a few per round) rather than a correlated subquery per conclusion, which
    SQLite runs slowly once there are hundreds of conclusions.
    """
    docs = CooperationDocument.objects.filter(status="final")
    covered: dict[int, set[int]] = defaultdict(set)
    for round_id, region_id, other_id in docs.values_list("round_id", "region_id", "other_regions__id"):
        covered[round_id].add(region_id)
        if other_id is not None:
            covered[round_id].add(other_id)
    condition = Q(pk__in=[])
    for round_id, region_ids in covered.items():
        condition |= Q(round_id=round_id, region_id__in=sorted(region_ids))
    return condition


def tracked_conclusions() -> QuerySet[Conclusion]:
    """Conclusions that were agreed: a cooperation document covering them is approved by both parties."""
    return Conclusion.objects.filter(_covered())


def published_conclusions() -> QuerySet[Conclusion]:
    """Conclusions that a published version records: the ones whose follow-up is public.

    Their public wording is the published version's (see `followup_rows(published_only=True)`), not the
    row's current text, which may be a reopened document's draft.
    """
    return Conclusion.objects.filter(pk__in=sorted(published_conclusion_ids()))


def is_tracked(conclusion: Conclusion) -> bool:
    return tracked_conclusions().filter(pk=conclusion.pk).exists()


def is_published(conclusion: Conclusion) -> bool:
    return conclusion.pk in published_conclusion_ids()


def updatable_conclusions(user, round_: Round | None = None) -> QuerySet[Conclusion]:
    """Agreed conclusions the user may report on, for the editable table and the import template."""
    qs = scope(user, "followup.update", tracked_conclusions())
    if round_ is not None:
        qs = qs.filter(round=round_)
    return (
        qs.select_related("round", "region", "followup", "followup__responsible_organisation")
        .prefetch_related("ministries")
        .order_by("-round__year", "region__code", "order", "pk")
    )


@dataclass
class IndicatorProgress:
    code: str
    name: str
    unit: str
    baseline_year: int | None
    baseline_value: Decimal | None
    target_year: int | None
    target_value: Decimal | None
    latest_year: int | None
    latest_value: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.latest_value is None or self.baseline_value is None:
            return None
        return self.latest_value - self.baseline_value


def indicator_progress(conclusion: Conclusion) -> list[IndicatorProgress]:
    """The indicators the conclusion was meant to move: baseline, target and the latest value available."""
    from alke.situation import selectors as situation

    out = []
    for link in conclusion.indicators.all():
        latest_year = latest_value = None
        if link.indicator_id:
            series = situation.series(link.indicator, conclusion.region.code)
            if series:
                latest_year = series[-1].year
                latest_value = situation.indicator_value(
                    conclusion.region.code, link.indicator_code, latest_year
                )
        out.append(
            IndicatorProgress(
                link.indicator_code,
                link.indicator_name,
                link.unit,
                link.baseline_year,
                link.baseline_value,
                link.target_year,
                link.target_value,
                latest_year,
                latest_value,
            )
        )
    return out


def updates_of(conclusion: Conclusion) -> QuerySet[FollowUpUpdate]:
    return (
        FollowUpUpdate.objects.filter(followup__conclusion=conclusion)
        .select_related("author", "organisation")
        .order_by("-on", "-pk")
    )


def conclusion_detail(pk: int) -> Conclusion:
    return (
        Conclusion.objects.select_related(
            "round",
            "region",
            "agenda_item",
            "followup",
            "followup__responsible_organisation",
            "followup__theme",
        )
        .prefetch_related("ministries", "organisations", Prefetch("indicators"))
        .get(pk=pk)
    )
