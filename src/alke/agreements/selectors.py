"""Reads: conclusions, minutes, the ministry worklist, documents and the register in a document's area."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse

from alke.agreements.models import (
    AgendaItemMinutes,
    Conclusion,
    CooperationDocument,
)
from alke.core.manifest import Hook, contributions
from alke.core.permissions import can

ROUND_PAGES = Hook(
    "agreements.round_pages",
    "other apps' pages about a round, linked with it on the documents pages (RoundTab with its action)",
)


def round_pages(user, round_) -> list[dict]:
    """The contributed pages of `round_` the user may open, each as {"url", "label"}."""
    return [
        {"url": reverse(page.url_name, args=[round_.year]), "label": page.label}
        for page in contributions(ROUND_PAGES)
        if page.action is None or can(user, page.action)
    ]


# ---------------------------------------------------------------------------------------------------
# Conclusions and documents


def conclusions_of(round_id: int, region_ids: list[int]) -> QuerySet[Conclusion]:
    return (
        Conclusion.objects.filter(round_id=round_id, region_id__in=region_ids)
        .select_related("region", "round", "agenda_item")
        .prefetch_related("ministries", "organisations", "indicators__indicator")
        .order_by("region__code", "order", "pk")
    )


def minutes_of(round_id: int, region_ids: list[int]) -> QuerySet[AgendaItemMinutes]:
    """The minutes of the regions' discussions, in agenda order (the region's own agenda first)."""
    return (
        AgendaItemMinutes.objects.filter(round_id=round_id, region_id__in=region_ids)
        .select_related("region", "agenda_item__agenda")
        .order_by("region__code", "agenda_item__agenda__kind", "agenda_item__order", "agenda_item__pk")
    )


def agenda_items_for(round_id: int, region_id: int):
    """The items of the agendas (the region's own and joint ones) the region discussed in the round."""
    from alke.agenda.models import AgendaItem

    return (
        AgendaItem.objects.filter(agenda__round_id=round_id)
        .filter(Q(agenda__region_id=region_id) | Q(agenda__regions__id=region_id))
        .select_related("agenda")
        .order_by("agenda__kind", "order", "pk")
        .distinct()
    )


def worklist(
    ministry_id: int, round_id: int | None = None, budget_only: bool = False
) -> QuerySet[Conclusion]:
    """Every conclusion that names the ministry as responsible, across all regions."""
    qs = (
        Conclusion.objects.filter(ministries__id=ministry_id)
        .select_related("region", "round")
        .prefetch_related("ministries", "organisations", "indicators")
        .order_by("-round__year", "region__code", "order", "pk")
    )
    if round_id is not None:
        qs = qs.filter(round_id=round_id)
    if budget_only:
        qs = qs.filter(needs_budget_decision=True)
    return qs.distinct()


def documents_of_round(round_id: int) -> QuerySet[CooperationDocument]:
    return (
        CooperationDocument.objects.filter(round_id=round_id)
        .select_related("round", "region", "published_version", "final_version")
        .prefetch_related("other_regions")
        .order_by("region__code", "pk")
    )


def documents_of_region(region_id: int, public_only: bool) -> QuerySet[CooperationDocument]:
    qs = (
        CooperationDocument.objects.filter(Q(region_id=region_id) | Q(other_regions__id=region_id))
        .select_related("round", "region", "published_version")
        .distinct()
        .order_by("-round__year", "pk")
    )
    return qs.filter(published_version__isnull=False) if public_only else qs


def published_documents() -> QuerySet[CooperationDocument]:
    return (
        CooperationDocument.objects.filter(published_version__isnull=False)
        .select_related("round", "region", "published_version")
        .prefetch_related("other_regions")
        .order_by("-round__year", "region__code", "pk")
    )


# ---------------------------------------------------------------------------------------------------
# The partnership register in the document's area


@dataclass
class AreaPartnerships:
    """The public agreements, thematic networks and development zones acting in a document's regions."""

    agreements: list = field(default_factory=list)
    networks: list = field(default_factory=list)
    zones: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.agreements or self.networks or self.zones)


def partnerships_in(region_codes: Iterable[str]) -> AreaPartnerships:
    """What the partnership register lists for the regions, each record once (a joint document's
    regions often share a network or a zone), in the register's own order."""
    from alke.partnerships.selectors import for_region
    from alke.regions.models import Region

    found = AreaPartnerships()
    seen: set[tuple[str, int]] = set()
    for region in Region.objects.filter(code__in=list(region_codes)).order_by("code"):
        in_region = for_region(region)
        for kind, records in (
            ("agreements", in_region.agreements),
            ("networks", in_region.networks),
            ("zones", in_region.zones),
        ):
            for record in records:
                if (kind, record.pk) not in seen:
                    seen.add((kind, record.pk))
                    getattr(found, kind).append(record)
    return found


def approved_region_ids(round_) -> set[int]:
    """Regions whose own cooperation document of the round both parties have approved (a round milestone)."""
    return set(
        CooperationDocument.objects.filter(round=round_, status="final", kind="region").values_list(
            "region_id", flat=True
        )
    )
