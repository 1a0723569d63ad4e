"""`alke seed-demo` on a fresh database: the demo round is in agenda drafting, so its timetable is a draft with
the sessions and the parties' availability collected; solving and publishing wait for the scheduling phase.
Loading twice adds nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from alke.accounts.models import User
from alke.agenda.models import AgendaCandidate
from alke.rounds import services as round_services
from alke.rounds.demo import DEMO_YEAR
from alke.rounds.gate import is_open
from alke.rounds.models import Phase, Round
from alke.schedule import services
from alke.schedule.models import Availability, Session, Timetable

pytestmark = pytest.mark.django_db


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


def test_seed_demo_gives_a_draft_timetable_in_agenda_drafting_and_is_idempotent(reference):
    output = _seed()
    round_ = Round.objects.get(year=DEMO_YEAR)
    assert round_.phase == Phase.AGENDA
    timetable = Timetable.objects.get(round=round_)
    assert not timetable.is_published and timetable.is_demo
    assert timetable.sessions.count() >= 18 and timetable.availability.exists()
    assert not timetable.sessions.filter(date__isnull=False).exists()
    assert "solving and publishing wait for the scheduling phase" in output
    # the rest of the demo still loads around it: agendas in drafting take the follow-up's carry-over
    assert AgendaCandidate.objects.filter(round=round_, source="carry_over").exists()
    assert "carry-over not made" not in output

    before = _counts()
    again = _seed()
    assert "already present" in again
    assert _counts() == before

    # The demo walk-through: the coordinator moves the round on, then solves and publishes.
    coordinator = User.objects.get(username="koordinaattori")
    assert not is_open(round_, "schedule.solve")
    round_ = round_services.move_phase(coordinator, round_)
    assert round_.phase == Phase.SCHEDULING
    timetable.refresh_from_db()
    solution = services.solve_timetable(coordinator, timetable, time_limit=20)
    assert solution.objective["scheduled"] > 0
    services.publish_timetable(coordinator, timetable)
    assert Timetable.objects.get(round=round_).is_published
