"""The round's phase gates every scheduling write: refused outside its phases with a message that names the
round's phase and the phases that allow it, accepted inside; the pages show a button only when it would work."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.utils import translation

from alke.rounds.gate import PhaseClosed
from alke.rounds.models import PHASE_ORDER, Phase
from alke.schedule import selectors, services
from alke.schedule.models import Session
from tests.schedule.conftest import add_session

pytestmark = pytest.mark.django_db

SLOTS = [(time(9, 0), time(11, 30)), (time(12, 30), time(15, 0))]

# When each scheduling write is open, as docs/schedule.md describes the process (written out here, not read
# from the gate table the services use): the dates are fixed while the agendas are drafted, nothing is
# re-solved once the discussions run, but single sessions still move and parties still mark absences.
AGENDA, SCHEDULING, DISCUSSIONS = Phase.AGENDA, Phase.SCHEDULING, Phase.DISCUSSIONS
OPEN = {
    "schedule.configure": [AGENDA, SCHEDULING],
    "schedule.session": [AGENDA, SCHEDULING, DISCUSSIONS],
    "availability.mark": [AGENDA, SCHEDULING, DISCUSSIONS],
    "schedule.solve": [AGENDA, SCHEDULING],
    "schedule.publish": [AGENDA, SCHEDULING],
    "schedule.move": [SCHEDULING, DISCUSSIONS],
}
LABELS = {AGENDA: "agendan valmistelu", SCHEDULING: "aikataulutus", DISCUSSIONS: "keskustelut"}


@pytest.fixture
def solved(users, timetable):
    """Two sessions solved in the scheduling phase; MK02 is placed, so it can be moved and locked."""
    add_session(users["coordinator"], timetable, "MK02", regions=["MK02"], ministries=["TEM", "OKM"])
    add_session(users["coordinator"], timetable, "MK04", regions=["MK04"], ministries=["TEM", "LVM"])
    services.solve_timetable(users["coordinator"], timetable)
    return timetable


def _configure(users, timetable):
    services.configure_timetable(
        users["coordinator"], timetable.round, timetable.first_day, timetable.last_day, SLOTS
    )


def _add_session(users, timetable):
    add_session(users["coordinator"], timetable, "MK06", regions=["MK06"])


def _delete_session(users, timetable):
    services.delete_session(users["coordinator"], timetable.sessions.get(code="MK04"))


def _mark(users, timetable):
    services.mark_availability(
        users["region"], timetable, selectors.party_by_code("MK02"), [date(2030, 11, 5)], [], []
    )


def _solve(users, timetable):
    services.solve_timetable(users["coordinator"], timetable)


def _publish(users, timetable):
    services.publish_timetable(users["coordinator"], timetable)


def _move(users, timetable):
    session = timetable.sessions.get(code="MK02")
    free = next(
        (day, slot)
        for day in selectors.working_days(timetable)
        for slot in selectors.slots_of(timetable)
        if not timetable.sessions.filter(date=day, slot=slot).exists()
    )
    services.move_session(users["coordinator"], session, *free)


def _lock(users, timetable):
    services.set_locked(users["coordinator"], timetable.sessions.get(code="MK02"), True)


ACTIONS = {
    "schedule.configure": [_configure],
    "schedule.session": [_add_session, _delete_session],
    "availability.mark": [_mark],
    "schedule.solve": [_solve],
    "schedule.publish": [_publish],
    "schedule.move": [_move, _lock],
}
CASES = [
    pytest.param(what, action, phase, id=f"{action.__name__[1:]}-{phase}")
    for what, actions in ACTIONS.items()
    for action in actions
    for phase in PHASE_ORDER
]


@pytest.mark.parametrize(("what", "action", "phase"), CASES)
def test_each_scheduling_write_is_gated_by_the_phase(users, solved, what, action, phase):
    round_ = solved.round
    round_.phase = phase
    round_.save()
    if phase in OPEN[what]:
        action(users, solved)  # accepted: no PhaseClosed
        return
    before = sorted(Session.objects.filter(timetable=solved).values_list("code", "date", "slot", "is_locked"))
    with pytest.raises(PhaseClosed) as refused:
        action(users, solved)
    error = refused.value
    assert isinstance(error, services.ScheduleError)  # the scheduling pages show it like any refusal
    assert error.code == "phase_closed"
    label = str(Phase(phase).label)
    assert str(error) == (
        f"Kierros ALKE 2030 on vaiheessa ”{label}”; tämä on mahdollista vain vaiheessa: "
        f"{', '.join(LABELS[p] for p in OPEN[what])}."
    )
    after = sorted(Session.objects.filter(timetable=solved).values_list("code", "date", "slot", "is_locked"))
    assert after == before


def test_the_refusal_is_translated(users, solved):
    round_ = solved.round
    round_.phase = Phase.FOLLOW_UP
    round_.save()
    with translation.override("sv"), pytest.raises(PhaseClosed) as refused:
        _solve(users, solved)
    assert "ALKE 2030" in str(refused.value) and "Kierros" not in str(refused.value)


def test_a_fresh_round_sets_up_its_timetable_only_from_agenda_drafting_on(users, round_):
    round_.phase = Phase.PROPOSALS
    round_.save()
    with pytest.raises(PhaseClosed, match="agendan valmistelu, aikataulutus"):
        services.configure_timetable(
            users["coordinator"], round_, date(2030, 11, 4), date(2030, 11, 15), SLOTS
        )
    round_.phase = Phase.AGENDA
    round_.save()
    services.configure_timetable(users["coordinator"], round_, date(2030, 11, 4), date(2030, 11, 15), SLOTS)


# --- pages ---------------------------------------------------------------------------------------


def _in_phase(timetable, phase):
    timetable.round.phase = phase
    timetable.round.save()


def test_timetable_page_offers_solving_only_before_the_discussions(client_for, users, solved):
    coordinator = client_for(users["coordinator"])
    page = coordinator.get("/aikataulu/2030/").content.decode()
    assert "Ratkaise uudelleen" in page and "Julkaise aikataulu" in page and "Lukitse (MK02)" in page
    assert "on vaiheessa" not in page

    _in_phase(solved, Phase.DISCUSSIONS)
    page = coordinator.get("/aikataulu/2030/").content.decode()
    assert "Ratkaise uudelleen" not in page and "Julkaise aikataulu" not in page
    assert "Lukitse (MK02)" in page and "Uusi keskustelu" in page  # single sessions still move
    assert (
        "Kierros on vaiheessa ”keskustelut”: aikataulun voi ratkaista ja julkaista vain vaiheessa: "
        "agendan valmistelu, aikataulutus." in page
    )
    # the server refuses too, and the page tells why instead of failing
    response = coordinator.post("/aikataulu/2030/ratkaise/", follow=True)
    assert response.status_code == 200
    assert "tämä on mahdollista vain vaiheessa: agendan valmistelu, aikataulutus" in response.content.decode()


def test_session_page_moves_during_the_discussions_but_not_after(client_for, users, solved):
    coordinator = client_for(users["coordinator"])
    session = solved.sessions.get(code="MK02")
    url = f"/aikataulu/2030/keskustelut/{session.pk}/"
    _in_phase(solved, Phase.DISCUSSIONS)
    page = coordinator.get(url).content.decode()
    assert "Tallenna aika" in page and "Muokkaa tietoja" in page

    _in_phase(solved, Phase.DOCUMENTS)
    page = coordinator.get(url).content.decode()
    assert "Tallenna aika" not in page and "Muokkaa tietoja" not in page and "Poista MK02" not in page
    assert "keskustelun aikaa voi muuttaa ja lukita vain vaiheessa: aikataulutus, keskustelut." in page
    response = coordinator.post(url, {"action": "unschedule"}, follow=True)
    assert "tämä on mahdollista vain vaiheessa: aikataulutus, keskustelut" in response.content.decode()
    response = coordinator.post(f"/aikataulu/2030/keskustelut/{session.pk}/poista/", follow=True)
    assert "tämä on mahdollista vain vaiheessa" in response.content.decode()
    session.refresh_from_db()
    assert session.is_scheduled


def test_availability_page_is_read_only_outside_its_phases(client_for, users, solved):
    region = client_for(users["region"])
    _in_phase(solved, Phase.FOLLOW_UP)
    page = region.get("/aikataulu/2030/saatavuus/MK02/").content.decode()
    assert "Tallenna merkinnät" not in page and "<fieldset disabled>" in page
    assert "saatavuutta voi merkitä vain vaiheessa: agendan valmistelu, aikataulutus, keskustelut." in page
    response = region.post("/aikataulu/2030/saatavuus/MK02/", {"day-2030-11-05": "1"}, follow=True)
    assert "tämä on mahdollista vain vaiheessa" in response.content.decode()
    assert not solved.availability.exists()
