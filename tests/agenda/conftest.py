"""A round in the proposals phase with the real common theme, for the agenda tests."""

from __future__ import annotations

from datetime import date

import pytest

from alke.rounds.models import Phase, Round
from tests.factories import RoundFactory


@pytest.fixture
def round_(reference) -> Round:
    return RoundFactory(
        year=2031,
        proposals=True,
        common=True,
        phases={
            Phase.PROPOSALS: (date(2030, 9, 1), date(2030, 10, 15)),
            Phase.AGENDA: (date(2030, 10, 16), date(2030, 12, 15)),
        },
    )
