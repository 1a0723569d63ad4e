"""Reads: population for the formula, ledger balances and the round's funding summary."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from django.db.models import Prefetch, Sum

from alke.funding.models import Appropriation, FundedEntity, LedgerEntry, RegionAllocation

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


