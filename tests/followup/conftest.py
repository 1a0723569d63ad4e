"""Fixtures: a finished round whose Varsinais-Suomi document is approved and published, with conclusions."""

from __future__ import annotations

from datetime import date

import pytest

from alke.rounds.models import Round
from tests.factories import ConclusionFactory, CooperationDocumentFactory, RoundFactory

TODAY = date(2026, 5, 15)


@pytest.fixture
def round_(reference) -> Round:
    return RoundFactory(year=2025, follow_up=True)


def agree(users, round_, region, specs, publish=True):
    """Record conclusions for a region, approve its document by both parties and publish it."""
    conclusions = [ConclusionFactory(by=users["coordinator"], round=round_, region=region, **spec) for spec in specs]
    CooperationDocumentFactory(
        by=users["coordinator"], round=round_, region=region, approved=True, published=publish
    )
    return conclusions


@pytest.fixture
def agreed(users, round_, vs):
    """Three agreed conclusions of Varsinais-Suomi: OKM's (due 30.6.2026), LVM's (due 31.3.2026) and one
    the network contact's organisation (Business Tampere) answers for, with no deadline."""
    return agree(
        users,
        round_,
        vs,
        [
            dict(
                text_fi="Osaajatarpeiden ennakointimalli.",
                ministries=["OKM"],
                region_responsible=True,
                deadline=date(2026, 6, 30),
            ),
            dict(
                text_fi="Raideyhteyden rahoitus selvitetään.",
                ministries=["LVM"],
                deadline=date(2026, 3, 31),
                needs_budget_decision=True,
            ),
            dict(text_fi="Verkostoyhteistyö vahvistuu.", organisations=["business-tampere"]),
        ],
    )
