from __future__ import annotations

from datetime import date, time

import pytest

from alke.regions.models import Ministry, Region
from alke.schedule import services
from tests.factories import RoundFactory


@pytest.fixture
def round_(db):
    """A round in the scheduling phase, where every scheduling write is open (see the phase gate)."""
    return RoundFactory(year=2030, scheduling=True)


@pytest.fixture
def timetable(users, round_):
    """Window Mon 4.11.2030 – Fri 15.11.2030 (ten working days), two slots a day."""
    return services.configure_timetable(
        users["coordinator"],
        round_,
        date(2030, 11, 4),
        date(2030, 11, 15),
        [(time(9, 0), time(11, 30)), (time(12, 30), time(15, 0))],
    )


def add_session(user, timetable, code, regions=(), ministries=("TEM",), minutes=150, kind="region"):
    return services.save_session(
        user,
        timetable,
        services.SessionData(
            code=code,
            kind=kind,
            title_fi=f"Keskustelu {code}",
            minutes=minutes,
            regions=list(Region.objects.filter(code__in=regions)),
            ministries=list(Ministry.objects.filter(abbreviation__in=ministries)),
        ),
    )
