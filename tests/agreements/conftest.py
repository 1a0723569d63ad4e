"""Fixtures for conclusions, cooperation documents and funding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from alke.funding import services as funding
from alke.rounds.models import Round
from tests.factories import ConclusionFactory, CooperationDocumentFactory, RoundFactory


@pytest.fixture
def round_(reference) -> Round:
    return RoundFactory(year=2025, documents=True)


@pytest.fixture
def conclusion(users, round_, vs, okm):
    return ConclusionFactory(
        by=users["coordinator"],
        round=round_,
        region=vs,
        text_fi="Osaajatarpeiden ennakointimalli laaditaan yhdessä.",
        ministries=[okm],
        region_responsible=True,
        deadline=date(2026, 6, 30),
        needs_budget_decision=True,
    )


@pytest.fixture
def document(users, round_, vs, conclusion):
    return CooperationDocumentFactory(by=users["coordinator"], round=round_, region=vs)


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
