"""A round in the proposals phase with the real common theme, for the agenda tests."""

from __future__ import annotations

from datetime import date

import pytest

from alke.policy.models import Theme
from alke.regions.models import Ministry, Region
from alke.rounds.models import Phase, Round, RoundPhase


@pytest.fixture
def round_(reference) -> Round:
    round_ = Round.objects.create(
        year=2031, name="ALKE 2031", phase=Phase.PROPOSALS, common_theme=Theme.objects.get(is_common=True)
    )
    RoundPhase.objects.create(
        round=round_, phase=Phase.PROPOSALS, starts_on=date(2030, 9, 1), ends_on=date(2030, 10, 15)
    )
    RoundPhase.objects.create(
        round=round_, phase=Phase.AGENDA, starts_on=date(2030, 10, 16), ends_on=date(2030, 12, 15)
    )
    return round_


@pytest.fixture
def vs() -> Region:
    return Region.objects.get(code="MK02")


@pytest.fixture
def sk() -> Region:
    return Region.objects.get(code="MK04")


@pytest.fixture
def okm() -> Ministry:
    return Ministry.objects.get(abbreviation="OKM")


@pytest.fixture
def lvm() -> Ministry:
    return Ministry.objects.get(abbreviation="LVM")
