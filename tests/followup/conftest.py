"""Fixtures: a finished round whose Varsinais-Suomi document is approved and published, with conclusions."""

from __future__ import annotations

from datetime import date

import pytest

from alke.agreements import services as agreements
from alke.regions.models import Ministry, Organisation, Region
from alke.rounds.models import Phase, Round

TODAY = date(2026, 5, 15)


@pytest.fixture
def round_(reference) -> Round:
    return Round.objects.create(year=2025, name="ALKE 2025", phase=Phase.FOLLOW_UP)


@pytest.fixture
def vs(reference) -> Region:
    return Region.objects.get(code="MK02")


def agree(users, round_, region, specs, publish=True):
    """Record conclusions for a region, approve its document by both parties and publish it."""
    coordinator = users["coordinator"]
    conclusions = [agreements.record_conclusion(coordinator, round_, region, **spec) for spec in specs]
    document = agreements.create_document(coordinator, round_, region)
    number = document.latest_version().number
    agreements.approve(coordinator, document, number, "state")
    official = {"MK02": users["region"], "MK04": users["other_region"]}[region.code]
    agreements.approve(official, document, number, "region")
    if publish:
        agreements.publish(coordinator, document)
    return conclusions


@pytest.fixture
def agreed(users, round_, vs):
    """Three agreed conclusions of Varsinais-Suomi: OKM's (due 30.6.2026), LVM's (due 31.3.2026) and one
    the network contact's organisation (Business Tampere) answers for, with no deadline."""
    okm = Ministry.objects.get(abbreviation="OKM")
    lvm = Ministry.objects.get(abbreviation="LVM")
    return agree(
        users,
        round_,
        vs,
        [
            dict(
                text_fi="Osaajatarpeiden ennakointimalli.",
                ministries=[okm],
                region_responsible=True,
                deadline=date(2026, 6, 30),
            ),
            dict(
                text_fi="Raideyhteyden rahoitus selvitetään.",
                ministries=[lvm],
                deadline=date(2026, 3, 31),
                needs_budget_decision=True,
            ),
            dict(
                text_fi="Verkostoyhteistyö vahvistuu.",
                organisations=[Organisation.objects.get(slug="business-tampere")],
            ),
        ],
    )
