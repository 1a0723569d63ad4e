"""Reads: population for the formula, balances, summaries, the ministry worklist, public documents."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from django.db.models import Prefetch, Q, QuerySet, Sum

from alke.agreements.models import (
    AgendaItemMinutes,
    Appropriation,
    Conclusion,
    CooperationDocument,
    FundedEntity,
    LedgerEntry,
    RegionAllocation,
)

ZERO = Decimal("0.00")

# ---------------------------------------------------------------------------------------------------
# Population (the formula's population share)


@lru_cache(maxsize=1)
def _shipped_population() -> dict[int, dict[str, int]]:
    """year -> {region code: population} from the THL Sotkanet series shipped in alke/data."""
    table: dict[int, dict[str, int]] = {}
    path = resources.files("alke.data") / "timeseries" / "population_maakunta_2000_2022.csv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            table.setdefault(int(row["year"]), {})[row["maakunta_code"]] = int(row["population"])
    return table


def population_by_region(year: int) -> tuple[int, dict[str, int]]:
    """The population of every mainland region for `year`, or the latest earlier year available.

    Returns (the year actually used, {region code: population}). This is the one place the AKKE
    formula reads population from: the situational picture's imported statistics when they cover
    every mainland region for the year, otherwise the THL Sotkanet series shipped in alke/data
    (CC BY 4.0), which is the same source the situational picture imports.
    """
    from alke.regions.models import Region
    from alke.situation.selectors import population_by_region as imported_population

    mainland = set(Region.objects.mainland().values_list("code", flat=True))
    for candidate in range(year, year - 5, -1):
        imported = imported_population(candidate)
        if mainland and mainland <= set(imported):
            return candidate, {code: imported[code] for code in mainland}
    table = _shipped_population()
    usable = [y for y in table if y <= year]
    if not usable:
        raise LookupError(f"no population data for {year} or earlier")
    used = max(usable)
    return used, dict(table[used])


# ---------------------------------------------------------------------------------------------------
# Funding balances


@dataclass
class EntityBalance:
    entity: FundedEntity
    committed: Decimal = ZERO
    released: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def net_committed(self) -> Decimal:
        return self.committed - self.released

    @property
    def uncommitted(self) -> Decimal:
        return self.entity.amount - self.net_committed

    @property
    def unpaid(self) -> Decimal:
        return self.net_committed - self.paid


def entity_balance(entity: FundedEntity) -> EntityBalance:
    sums = {
        row["kind"]: row["total"]
        for row in LedgerEntry.objects.filter(entity=entity).values("kind").annotate(total=Sum("amount"))
    }
    return EntityBalance(
        entity,
        committed=sums.get(LedgerEntry.Kind.COMMITMENT) or ZERO,
        released=sums.get(LedgerEntry.Kind.RELEASE) or ZERO,
        paid=sums.get(LedgerEntry.Kind.PAYMENT) or ZERO,
    )


@dataclass
class AllocationSummary:
    allocation: RegionAllocation
    entities: list[EntityBalance] = field(default_factory=list)

    @property
    def entities_total(self) -> Decimal:
        return sum((b.entity.amount for b in self.entities), ZERO)

    @property
    def unassigned(self) -> Decimal:
        return self.allocation.amount - self.entities_total

    @property
    def committed(self) -> Decimal:
        return sum((b.net_committed for b in self.entities), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((b.paid for b in self.entities), ZERO)


@dataclass
class FundingSummary:
    appropriation: Appropriation
    regions: list[AllocationSummary]

    @property
    def allocated(self) -> Decimal:
        return sum((r.allocation.amount for r in self.regions), ZERO)

    @property
    def proposed(self) -> Decimal:
        return sum((r.allocation.proposed_amount for r in self.regions), ZERO)

    @property
    def unallocated(self) -> Decimal:
        return self.appropriation.total - self.allocated

    @property
    def entities_total(self) -> Decimal:
        return sum((r.entities_total for r in self.regions), ZERO)

    @property
    def committed(self) -> Decimal:
        return sum((r.committed for r in self.regions), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((r.paid for r in self.regions), ZERO)


def funding_summary(appropriation: Appropriation, region_ids: set[int] | None = None) -> FundingSummary:
    """Every region's allocation with its entities and their ledger balances, in three queries."""
    allocations = (
        RegionAllocation.objects.filter(appropriation=appropriation)
        .select_related("region")
        .prefetch_related(Prefetch("entities", queryset=FundedEntity.objects.order_by("order", "pk")))
    )
    if region_ids is not None:
        allocations = allocations.filter(region_id__in=region_ids)
    sums: dict[tuple[int, str], Decimal] = {}
    for row in (
        LedgerEntry.objects.filter(entity__allocation__appropriation=appropriation)
        .values("entity_id", "kind")
        .annotate(total=Sum("amount"))
    ):
        sums[(row["entity_id"], row["kind"])] = row["total"]
    regions = []
    for allocation in allocations:
        balances = [
            EntityBalance(
                entity,
                committed=sums.get((entity.pk, LedgerEntry.Kind.COMMITMENT), ZERO),
                released=sums.get((entity.pk, LedgerEntry.Kind.RELEASE), ZERO),
                paid=sums.get((entity.pk, LedgerEntry.Kind.PAYMENT), ZERO),
            )
            for entity in allocation.entities.all()
        ]
        regions.append(AllocationSummary(allocation, balances))
    return FundingSummary(appropriation, regions)


def appropriation_for(round_id: int) -> Appropriation | None:
    """The round's appropriation for contractual cooperation (the first one made, if several)."""
    return Appropriation.objects.filter(round_id=round_id).select_related("round").order_by("pk").first()


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
