"""`alke seed-demo` on a fresh database: the demo round is in agenda drafting and, as in the real process where
the dates are fixed early, its timetable is solved and published (issue: "make demo holds a solved, published
timetable for the demo round"). Loading twice adds nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from alke.agenda.models import AgendaCandidate
from alke.rounds import services as round_services
from alke.rounds.demo import DEMO_YEAR
from alke.rounds.gate import is_open
from alke.rounds.models import Phase, Round
from alke.schedule import services
from alke.schedule.models import Availability, Session, Timetable
from tests.conftest import demo_user

pytestmark = [pytest.mark.django_db, pytest.mark.demo_data]


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, int, int, int]:
    return (
        Timetable.objects.count(),
        Session.objects.count(),
        Availability.objects.count(),
        AgendaCandidate.objects.count(),
    )


def test_seed_demo_publishes_the_demo_rounds_timetable_and_is_idempotent(demo_world):
    round_ = Round.objects.get(year=DEMO_YEAR)
    assert round_.phase == Phase.AGENDA
    timetable = Timetable.objects.get(round=round_)
    assert timetable.is_published and timetable.is_demo
    assert timetable.sessions.count() >= 18 and timetable.availability.exists()
    assert timetable.sessions.filter(date__isnull=False).count() >= 18
    # the rest of the demo still loads around it: agendas in drafting take the follow-up's carry-over
    assert AgendaCandidate.objects.filter(round=round_, source="carry_over").exists()
    assert "carry-over not made" not in demo_world.seed_output

    before = _counts()
    again = _seed()
    assert "already present" in again
    assert _counts() == before

    # Once the discussions run, the published timetable is no longer re-solved; single sessions still move.
    coordinator = demo_user("koordinaattori")
    round_ = round_services.move_phase(coordinator, round_)
    assert round_.phase == Phase.SCHEDULING and is_open(round_, "schedule.solve")
    round_ = round_services.move_phase(coordinator, round_)
    assert round_.phase == Phase.DISCUSSIONS
    assert not is_open(round_, "schedule.solve") and is_open(round_, "schedule.move")
    with pytest.raises(services.ScheduleError):
        services.solve_timetable(coordinator, timetable, time_limit=5)
