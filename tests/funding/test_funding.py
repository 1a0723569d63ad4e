"""The AKKE appropriation: the formula split, allocations, entities and the ledger."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from importlib import resources

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alke.agreements import services
from alke.funding import services as funding
from alke.funding.models import LedgerEntry
from alke.funding.selectors import entity_balance, funding_summary, population_by_region
from alke.regions.models import Region


def test_formula_split_is_exact_to_the_cent():
    split = funding.formula_split(Decimal("100.00"), Decimal("70"), {"A": 1, "B": 1, "C": 1})
    assert sum(split.values()) == Decimal("100.00")
    assert sorted(split.values()) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]


def test_formula_split_follows_equal_and_population_shares():
    # 70 % of 1000 equally (350 each) and 30 % by population 1:3 (75 and 225).
    split = funding.formula_split(Decimal("1000.00"), Decimal("70"), {"small": 1000, "big": 3000})
    assert split == {"small": Decimal("425.00"), "big": Decimal("575.00")}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    total=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    percent=st.integers(min_value=0, max_value=100),
    populations=st.lists(
        st.integers(min_value=1, max_value=2_000_000), min_size=1, max_size=18, unique=False
    ),
)
def test_formula_split_always_adds_up(total, percent, populations):
    split = funding.formula_split(total, Decimal(percent), dict(enumerate(populations)))
    assert sum(split.values()) == total
    assert all(v >= 0 and v == v.quantize(Decimal("0.01")) for v in split.values())


@pytest.mark.django_db
def test_population_comes_from_the_real_series(reference):
    year, population = population_by_region(2025)
    assert year == 2022  # the shipped THL Sotkanet series ends in 2022
    path = resources.files("alke.data") / "timeseries" / "population_maakunta_2000_2022.csv"
    with path.open(encoding="utf-8") as handle:
        expected = {
            r["maakunta_code"]: int(r["population"]) for r in csv.DictReader(handle) if r["year"] == "2022"
        }
    assert population["MK01"] == expected["MK01"]
    assert set(Region.objects.mainland().values_list("code", flat=True)) <= set(population)


@pytest.mark.django_db
def test_proposal_splits_the_appropriation_among_the_18_regions(users, round_):
    appropriation = funding.set_appropriation(users["coordinator"], round_, total="8000000.00")
    split = funding.propose_split(users["coordinator"], appropriation)
    assert len(split) == 18
    assert sum(split.values()) == Decimal("8000000.00")
    allocations = {a.region.code: a for a in appropriation.allocations.select_related("region")}
    # Uusimaa has the largest population, so the largest share; every share is at least the equal part.
    assert max(allocations.values(), key=lambda a: a.proposed_amount).region.code == "MK01"
    assert min(a.proposed_amount for a in allocations.values()) > Decimal("8000000") * Decimal("0.7") / 18
    appropriation.refresh_from_db()
    assert appropriation.population_year == 2022


@pytest.mark.django_db
def test_allocations_may_not_exceed_the_appropriation(users, round_, funded):
    appropriation, allocation, _entity = funded
    region = allocation.region
    too_much = allocation.amount + appropriation.total
    with pytest.raises(services.AgreementError, match="määrärahaa on 1\u00a0000\u00a0000,00\u00a0€"):
        funding.set_allocations(users["coordinator"], appropriation, {region.pk: too_much})
    allocation.refresh_from_db()
    assert allocation.amount != too_much  # all or nothing


@pytest.mark.django_db
def test_allocation_cannot_fall_below_agreed_entities(users, funded):
    appropriation, allocation, _entity = funded
    with pytest.raises(services.AgreementError, match="kokonaisuuksiin on jo sovittu 30\u00a0000,00"):
        funding.set_allocations(users["coordinator"], appropriation, {allocation.region_id: "29999.99"})


@pytest.mark.django_db
def test_entities_may_not_exceed_the_region_share(users, funded):
    _appropriation, allocation, _entity = funded
    left = allocation.amount - Decimal("30000.00")
    with pytest.raises(services.AgreementError, match="Käytettävissä on vielä"):
        funding.save_entity(
            users["coordinator"], allocation, name_fi="Liian suuri", amount=left + Decimal("0.01")
        )
    funding.save_entity(users["coordinator"], allocation, name_fi="Mahtuu", amount=left)
    assert funding_summary(allocation.appropriation, {allocation.region_id}).regions[0].unassigned == 0


@pytest.mark.django_db
def test_money_is_exact_cents(users, funded):
    _appropriation, allocation, _entity = funded
    with pytest.raises(services.AgreementError, match="senttien tarkkuudella"):
        funding.save_entity(users["coordinator"], allocation, name_fi="Puolikas sentti", amount="10.005")
    entity = funding.save_entity(users["coordinator"], allocation, name_fi="Pilkulla", amount="1 234,50")
    assert entity.amount == Decimal("1234.50")


@pytest.mark.django_db
def test_ledger_balances_and_limits(users, funded):
    _appropriation, _allocation, entity = funded
    coordinator = users["coordinator"]
    with pytest.raises(services.AgreementError, match="Sidottua maksamatta on 0,00"):
        funding.record_ledger_entry(
            coordinator, entity, kind="payment", amount="1.00", booked_on=date(2025, 5, 1), reference="M-1"
        )
    funding.record_ledger_entry(
        coordinator, entity, kind="commitment", amount="20000.00", booked_on=date(2025, 5, 1), reference="P-1"
    )
    funding.record_ledger_entry(
        coordinator, entity, kind="payment", amount="5000.00", booked_on=date(2025, 9, 1), reference="M-1"
    )
    funding.record_ledger_entry(
        coordinator, entity, kind="release", amount="1000.00", booked_on=date(2025, 12, 1), reference="V-1"
    )
    with pytest.raises(services.AgreementError, match="Sidottavaa on jäljellä 11\u00a0000,00"):
        funding.record_ledger_entry(
            coordinator,
            entity,
            kind="commitment",
            amount="11000.01",
            booked_on=date(2026, 1, 1),
            reference="P-2",
        )
    balance = entity_balance(entity)
    assert (balance.net_committed, balance.paid, balance.uncommitted, balance.unpaid) == (
        Decimal("19000.00"),
        Decimal("5000.00"),
        Decimal("11000.00"),
        Decimal("14000.00"),
    )
    assert LedgerEntry.objects.filter(entity=entity).count() == 3


@pytest.mark.django_db
def test_only_the_coordinator_manages_funding(users, funded, round_):
    _appropriation, allocation, entity = funded
    for key in ("region", "ministry", "aune"):
        with pytest.raises(PermissionDenied):
            funding.save_entity(users[key], allocation, name_fi="X", amount="1.00")
        with pytest.raises(PermissionDenied):
            funding.record_ledger_entry(
                users[key],
                entity,
                kind="commitment",
                amount="1.00",
                booked_on=date(2025, 1, 1),
                reference="R",
            )
    with pytest.raises(PermissionDenied):
        funding.set_appropriation(users["region"], round_, total="1.00")


@pytest.mark.django_db
def test_funding_xlsx_has_regions_entities_and_entries(users, funded, client_for):
    import io

    from openpyxl import load_workbook

    _appropriation, _allocation, entity = funded
    funding.record_ledger_entry(
        users["coordinator"],
        entity,
        kind="commitment",
        amount="100.00",
        booked_on=date(2025, 5, 1),
        reference="P-9",
    )
    response = client_for(users["coordinator"]).get("/asiakirjat/rahoitus/2025/xlsx/")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:3] == ["Maakunnat", "Kokonaisuudet", "Kirjaukset"]
    regions = list(workbook["Maakunnat"].values)
    assert len(regions) == 1 + 18 + 1
    assert regions[-1][3] == 1000000  # the allocated total
    entries = list(workbook["Kirjaukset"].values)
    assert entries[1][1] == "Osaajaohjelma" and entries[1][5] == "P-9"


@pytest.mark.django_db
def test_regional_official_sees_only_own_region_funding(users, funded, client_for):
    client = client_for(users["region"])
    page = client.get("/asiakirjat/rahoitus/2025/").content.decode()
    assert "Varsinais-Suomi" in page and "Satakunta" not in page
    assert client.get("/asiakirjat/rahoitus/2025/MK04/").status_code == 403
    assert client.get("/asiakirjat/rahoitus/2025/MK02/").status_code == 200
