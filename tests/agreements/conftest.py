"""Fixtures for conclusions, cooperation documents and funding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from alke.agreements import services
from alke.funding import services as funding
from alke.regions.models import Ministry, Region
from alke.rounds.models import Phase, Round


@pytest.fixture
def round_(reference) -> Round:
    return Round.objects.create(year=2025, name="ALKE 2025", phase=Phase.DOCUMENTS)


@pytest.fixture
def vs(reference) -> Region:
    return Region.objects.get(code="MK02")


@pytest.fixture
def okm(reference) -> Ministry:
    return Ministry.objects.get(abbreviation="OKM")


@pytest.fixture
def conclusion(users, round_, vs, okm):
    return services.record_conclusion(
        users["coordinator"],
        round_,
        vs,
        text_fi="Osaajatarpeiden ennakointimalli laaditaan yhdessä.",
        ministries=[okm],
        region_responsible=True,
        deadline=date(2026, 6, 30),
        needs_budget_decision=True,
    )


@pytest.fixture
def document(users, round_, vs, conclusion):
    return services.create_document(users["coordinator"], round_, vs)


@pytest.fixture
def funded(users, round_, vs):
    """An appropriation of 1 000 000 € split by the formula and adopted, with one entity for VS."""
    coordinator = users["coordinator"]
    appropriation = funding.set_appropriation(coordinator, round_, total=Decimal("1000000.00"))
    funding.propose_split(coordinator, appropriation)
    funding.adopt_proposal(coordinator, appropriation)
    allocation = appropriation.allocations.get(region=vs)
    entity = funding.save_entity(
        coordinator,
        allocation,
        name_fi="Osaajaohjelma",
        recipient="Varsinais-Suomen liitto",
        amount="30000.00",
    )
    return appropriation, allocation, entity
