"""Writes of the AKKE funding: the appropriation, the formula split, allocations, entities and the ledger.

Every write checks the permission table first, runs in one transaction and stamps its author. A change
that touches a region's share is refused while the region's cooperation document is final, and renews the
draft documents that show the funding.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from alke.agreements.content import format_euros
from alke.agreements.models import Conclusion
from alke.agreements.services import AgreementError, refresh_drafts
from alke.agreements.services.base import _check_not_final
from alke.core.permissions import require
from alke.funding.models import Appropriation, FundedEntity, LedgerEntry, RegionAllocation
from alke.funding.selectors import entity_balance, population_by_region
from alke.regions.models import Region
from alke.rounds.models import Round

CENT = Decimal("0.01")


def _money(value: Any, label: str) -> Decimal:
    """Exact euros with cents; more precision than cents is refused rather than rounded away."""
    try:
        amount = Decimal(str(value).replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except Exception:
        raise AgreementError(
            _("%(label)s: ”%(value)s” ei ole rahasumma.") % {"label": label, "value": value}
        ) from None
    if not amount.is_finite() or amount != amount.quantize(CENT):
        raise AgreementError(_("%(label)s: anna summa senttien tarkkuudella.") % {"label": label})
    return amount.quantize(CENT)


@transaction.atomic
def set_appropriation(
    user,
    round: Round,
    *,
    total: Any,
    budget_item: str = "32.30.40",
    name: str = "",
    equal_share_percent: Any = Decimal("70"),
    decision_reference: str = "",
    is_demo: bool = False,
) -> Appropriation:
    """Create or change a round's appropriation; the total may not fall below what is allocated."""
    require(user, "funding.manage")
    amount = _money(total, _("Määräraha"))
    if amount <= 0:
        raise AgreementError(_("Määrärahan pitää olla suurempi kuin nolla."))
    percent = Decimal(str(equal_share_percent))
    if not Decimal("0") <= percent <= Decimal("100"):
        raise AgreementError(_("Tasan jaettavan osuuden pitää olla 0–100 %."))
    appropriation = Appropriation.objects.filter(round=round, budget_item=budget_item).first()
    if appropriation is None:
        appropriation = Appropriation(round=round, budget_item=budget_item, is_demo=is_demo)
    else:
        allocated = appropriation.allocations.aggregate(s=Sum("amount"))["s"] or Decimal("0")
        if amount < allocated:
            raise AgreementError(
                _("Maakunnille on jo kohdennettu %(allocated)s, joten määräraha ei voi olla %(total)s.")
                % {"allocated": format_euros(allocated, "fi"), "total": format_euros(amount, "fi")}
            )
    appropriation.total = amount
    appropriation.equal_share_percent = percent
    if name:
        appropriation.name = name
    appropriation.decision_reference = decision_reference
    appropriation.stamp(user)
    appropriation.save()
    return appropriation


def formula_split(
    total: Decimal, equal_share_percent: Decimal, populations: dict[Any, int]
) -> dict[Any, Decimal]:
    """Split `total` so that `equal_share_percent` goes in equal shares and the rest by population.

    Exact to the cent: shares are computed as fractions, floored to cents and the remaining cents go to
    the largest remainders (ties by key), so the parts always add up to the total.
    """
    if not populations:
        return {}
    cents = int((total / CENT).to_integral_value())
    equal = Fraction(cents) * Fraction(equal_share_percent) / 100
    by_population = Fraction(cents) - equal
    population_total = sum(populations.values())
    exact = {
        key: equal / len(populations) + (by_population * pop / population_total if population_total else 0)
        for key, pop in populations.items()
    }
    floors = {key: int(value) for key, value in exact.items()}
    remaining = cents - sum(floors.values())
    order = sorted(exact, key=lambda k: (-(exact[k] - floors[k]), str(k)))
    for key in order[:remaining]:
        floors[key] += 1
    return {key: Decimal(value) * CENT for key, value in floors.items()}


@transaction.atomic
def propose_split(user, appropriation: Appropriation) -> dict[str, Decimal]:
    """Compute the formula's proposal for every mainland region from real population data."""
    require(user, "funding.manage")
    used_year, population = population_by_region(appropriation.round.year - 1)
    regions = list(Region.objects.mainland())
    missing = [r.name for r in regions if r.code not in population]
    if missing:
        raise AgreementError(
            _("Väkiluku puuttuu vuodelta %(year)s: %(regions)s")
            % {"year": used_year, "regions": ", ".join(missing)}
        )
    split = formula_split(
        appropriation.total, appropriation.equal_share_percent, {r.code: population[r.code] for r in regions}
    )
    for region in regions:
        allocation = RegionAllocation.objects.filter(appropriation=appropriation, region=region).first()
        allocation = allocation or RegionAllocation(appropriation=appropriation, region=region)
        allocation.population = population[region.code]
        allocation.proposed_amount = split[region.code]
        allocation.stamp(user)
        allocation.save()
    appropriation.population_year = used_year
    appropriation.stamp(user)
    appropriation.save()
    return split


@transaction.atomic
def set_allocations(user, appropriation: Appropriation, amounts: dict[int, Any]) -> None:
    """Set the agreed amount of each region (region id -> euros), all or nothing.

    Refused when the regions together would exceed the appropriation, when a region would fall below
    the entities already agreed for it, or when a region's cooperation document is final.
    """
    require(user, "funding.manage")
    appropriation = Appropriation.objects.select_for_update().get(pk=appropriation.pk)
    current = {a.region_id: a for a in appropriation.allocations.select_related("region")}
    regions = {r.pk: r for r in Region.objects.filter(pk__in=amounts)}
    new_values: dict[int, Decimal] = {}
    for region_id, raw in amounts.items():
        region = regions[region_id]
        value = _money(raw, region.name)
        if value < 0:
            raise AgreementError(_("%(region)s: summa ei voi olla negatiivinen.") % {"region": region.name})
        new_values[region_id] = value
    total = sum((new_values.get(rid, a.amount) for rid, a in current.items()), Decimal("0")) + sum(
        (v for rid, v in new_values.items() if rid not in current), Decimal("0")
    )
    if total > appropriation.total:
        raise AgreementError(
            _(
                "Maakunnille kohdennettaisiin yhteensä %(total)s, mutta määrärahaa on %(available)s. "
                "Vähennä %(over)s."
            )
            % {
                "total": format_euros(total, "fi"),
                "available": format_euros(appropriation.total, "fi"),
                "over": format_euros(total - appropriation.total, "fi"),
            }
        )
    for region_id, value in new_values.items():
        allocation = current.get(region_id) or RegionAllocation(
            appropriation=appropriation, region_id=region_id
        )
        if allocation.pk and allocation.amount == value:
            continue
        _check_not_final(appropriation.round_id, region_id)
        agreed = allocation.entities.aggregate(s=Sum("amount"))["s"] if allocation.pk else None
        if agreed and value < agreed:
            raise AgreementError(
                _("%(region)s: kokonaisuuksiin on jo sovittu %(agreed)s, joten osuus ei voi olla %(value)s.")
                % {
                    "region": regions[region_id].name,
                    "agreed": format_euros(agreed, "fi"),
                    "value": format_euros(value, "fi"),
                }
            )
        allocation.amount = value
        allocation.stamp(user)
        allocation.save()
        refresh_drafts(user, appropriation.round_id, region_id, _("Rahoitus muuttui"))


@transaction.atomic
def adopt_proposal(user, appropriation: Appropriation) -> None:
    """Make the formula's proposal the agreed split (the coordinator then adjusts single regions)."""
    amounts = {a.region_id: a.proposed_amount for a in appropriation.allocations.all()}
    if not amounts:
        raise AgreementError(_("Laske kaavan mukainen ehdotus ensin."))
    set_allocations(user, appropriation, amounts)


@transaction.atomic
def save_entity(
    user,
    allocation: RegionAllocation,
    *,
    name_fi: str,
    amount: Any,
    name_sv: str = "",
    recipient: str = "",
    conclusion: Conclusion | None = None,
    entity: FundedEntity | None = None,
    is_demo: bool = False,
) -> FundedEntity:
    """Add or change an agreed entity; a region's entities may not exceed its share."""
    require(user, "funding.manage", allocation)
    allocation = (
        RegionAllocation.objects.select_for_update()
        .select_related("region", "appropriation")
        .get(pk=allocation.pk)
    )
    _check_not_final(allocation.appropriation.round_id, allocation.region_id)
    if not (name_fi or "").strip():
        raise AgreementError(_("Anna kokonaisuudelle nimi."))
    value = _money(amount, _("Summa"))
    if value <= 0:
        raise AgreementError(_("Kokonaisuuden summan pitää olla suurempi kuin nolla."))
    if conclusion is not None and (
        conclusion.region_id != allocation.region_id
        or conclusion.round_id != allocation.appropriation.round_id
    ):
        raise AgreementError(_("Johtopäätös kuuluu toiselle maakunnalle tai kierrokselle."))
    others = allocation.entities.exclude(pk=entity.pk if entity else None).aggregate(s=Sum("amount"))["s"]
    total = (others or Decimal("0")) + value
    if total > allocation.amount:
        raise AgreementError(
            _(
                "Maakunnan %(region)s kokonaisuudet olisivat yhteensä %(total)s, mutta maakunnalle on "
                "kohdennettu %(available)s. Käytettävissä on vielä %(left)s."
            )
            % {
                "region": allocation.region.name,
                "total": format_euros(total, "fi"),
                "available": format_euros(allocation.amount, "fi"),
                "left": format_euros(allocation.amount - (others or Decimal("0")), "fi"),
            }
        )
    if entity is not None:
        committed = entity_balance(entity).net_committed
        if value < committed:
            raise AgreementError(
                _("Kokonaisuuteen on jo sidottu %(committed)s; summa ei voi olla sitä pienempi.")
                % {"committed": format_euros(committed, "fi")}
            )
    else:
        last = allocation.entities.aggregate(m=Max("order"))["m"] or 0
        entity = FundedEntity(allocation=allocation, order=last + 1, is_demo=is_demo)
    entity.name_fi, entity.name_sv = name_fi.strip(), (name_sv or "").strip()
    entity.recipient, entity.amount, entity.conclusion = (recipient or "").strip(), value, conclusion
    entity.stamp(user)
    entity.save()
    refresh_drafts(user, allocation.appropriation.round_id, allocation.region_id, _("Rahoitus muuttui"))
    return entity


@transaction.atomic
def delete_entity(user, entity: FundedEntity) -> None:
    require(user, "funding.manage", entity)
    allocation = entity.allocation
    _check_not_final(allocation.appropriation.round_id, allocation.region_id)
    if entity.ledger.exists():
        raise AgreementError(_("Kokonaisuudella on kirjauksia, joten sitä ei voi poistaa."))
    entity.delete()
    refresh_drafts(user, allocation.appropriation.round_id, allocation.region_id, _("Rahoitus muuttui"))


@transaction.atomic
def record_ledger_entry(
    user,
    entity: FundedEntity,
    *,
    kind: str,
    amount: Any,
    booked_on: date,
    reference: str,
    note: str = "",
    is_demo: bool = False,
) -> LedgerEntry:
    """Book a commitment, payment or released commitment; balances may never go negative."""
    require(user, "ledger.record", entity)
    entity = FundedEntity.objects.select_for_update().get(pk=entity.pk)
    value = _money(amount, _("Summa"))
    if value <= 0:
        raise AgreementError(_("Kirjauksen summan pitää olla suurempi kuin nolla."))
    if not (reference or "").strip():
        raise AgreementError(_("Anna kirjaukselle viite (päätöksen tai maksun tunniste)."))
    if kind not in LedgerEntry.Kind.values:
        raise AgreementError(_("Tuntematon kirjauslaji."))
    balance = entity_balance(entity)
    if kind == LedgerEntry.Kind.COMMITMENT and value > balance.uncommitted:
        raise AgreementError(
            _("Sidottavaa on jäljellä %(left)s; %(value)s ylittää kokonaisuuden summan.")
            % {"left": format_euros(balance.uncommitted, "fi"), "value": format_euros(value, "fi")}
        )
    if kind == LedgerEntry.Kind.PAYMENT and value > balance.unpaid:
        raise AgreementError(
            _("Sidottua maksamatta on %(left)s; maksu %(value)s on sitä suurempi.")
            % {"left": format_euros(balance.unpaid, "fi"), "value": format_euros(value, "fi")}
        )
    if kind == LedgerEntry.Kind.RELEASE and value > balance.unpaid:
        raise AgreementError(
            _("Vapautettavissa on enintään maksamaton sidonta %(left)s.")
            % {"left": format_euros(balance.unpaid, "fi")}
        )
    entry = LedgerEntry(
        entity=entity,
        kind=kind,
        amount=value,
        booked_on=booked_on,
        reference=reference.strip(),
        note=(note or "").strip(),
        is_demo=is_demo,
    )
    entry.stamp(user)
    entry.save()
    return entry
