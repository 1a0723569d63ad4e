"""Pages, calendar feeds and the API: who sees and does what, enforced on the server."""

from __future__ import annotations

import json
from datetime import date

import pytest
from icalendar import Calendar

from alke.schedule import ics, services
from alke.schedule.models import Availability, Session
from tests.schedule.conftest import add_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def solved(users, timetable):
    add_session(users["coordinator"], timetable, "MK02", regions=["MK02"], ministries=["TEM", "OKM"])
    add_session(users["coordinator"], timetable, "MK04", regions=["MK04"], ministries=["TEM", "LVM"])
    services.solve_timetable(users["coordinator"], timetable)
    return timetable


def test_anonymous_is_sent_to_sign_in_and_roleless_user_is_refused(client, users, solved):
    response = client.get("/aikataulu/2030/")
    assert response.status_code == 302 and "/tili/kirjaudu/" in response["Location"]
    client.force_login(users["nobody"])
    assert client.get("/aikataulu/2030/").status_code == 403


def test_draft_placements_are_the_coordinators_until_published(client_for, users, solved):
    session = Session.objects.select_related("slot").get(code="MK02")
    when = f"{session.date:%-d.%-m.%Y} {session.slot}"
    region_page = client_for(users["region"]).get("/aikataulu/2030/").content.decode()
    assert "Aikataulua ei ole vielä julkaistu" in region_page
    assert when not in region_page
    coordinator_page = client_for(users["coordinator"]).get("/aikataulu/2030/").content.decode()
    assert "Ratkaise uudelleen lukittujen ympärille" in coordinator_page
    assert when in coordinator_page
    services.publish_timetable(users["coordinator"], solved)
    region_page = client_for(users["region"]).get("/aikataulu/2030/").content.decode()
    assert when in region_page


def test_region_marks_availability_in_the_calendar_form(client_for, users, timetable):
    client = client_for(users["region"])
    page = client.get("/aikataulu/2030/saatavuus/MK02/")
    assert page.status_code == 200
    slot = timetable.slots.order_by("start").first()
    response = client.post(
        "/aikataulu/2030/saatavuus/MK02/",
        {"day-2030-11-04": "1", f"slot-2030-11-05-{slot.pk}": "1", "pref-2030-11-07": "1"},
    )
    assert response.status_code == 302
    marks = {(m.date, m.slot_id, m.kind) for m in Availability.objects.filter(region__code="MK02")}
    assert marks == {
        (date(2030, 11, 4), None, "unavailable"),
        (date(2030, 11, 5), slot.pk, "unavailable"),
        (date(2030, 11, 7), None, "preferred"),
    }
    # The form shows them again, checked.
    page = client.get("/aikataulu/2030/saatavuus/MK02/").content.decode()
    assert 'name="day-2030-11-04" value="1" checked' in page
    # Another region's calendar is not theirs to mark.
    assert client.get("/aikataulu/2030/saatavuus/MK04/").status_code == 403
    assert client.post("/aikataulu/2030/saatavuus/MK04/", {"day-2030-11-04": "1"}).status_code == 403


def test_only_the_coordinator_solves_publishes_and_moves(client_for, users, solved):
    session = Session.objects.get(code="MK02")
    region = client_for(users["region"])
    assert region.post("/aikataulu/2030/ratkaise/").status_code == 403
    assert region.post("/aikataulu/2030/julkaise/").status_code == 403
    assert (
        region.post(f"/aikataulu/2030/keskustelut/{session.pk}/", {"date": "2030-11-06"}).status_code == 403
    )
    assert region.get("/aikataulu/2030/keskustelut/uusi/").status_code == 403
    coordinator = client_for(users["coordinator"])
    morning = solved.slots.order_by("start").first()
    taken = Session.objects.get(code="MK04")
    response = coordinator.post(
        f"/aikataulu/2030/keskustelut/{session.pk}/",
        {"date": taken.date.isoformat(), "slot": taken.slot_id, "lock": "on"},
    )
    assert response.status_code == 200
    assert "on jo keskustelu MK04" in response.content.decode()
    response = coordinator.post(
        f"/aikataulu/2030/keskustelut/{session.pk}/", {"date": "2030-11-15", "slot": morning.pk, "lock": "on"}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.date, session.slot, session.is_locked) == (date(2030, 11, 15), morning, True)
    assert coordinator.post("/aikataulu/2030/julkaise/").status_code == 302
    solved.refresh_from_db()
    assert solved.is_published


def test_coordinator_creates_a_joint_session_through_the_form(client_for, users, solved):
    from alke.regions.models import Ministry, Region

    coordinator = client_for(users["coordinator"])
    regions = Region.objects.filter(code__in=["MK17", "MK18", "MK19"])
    response = coordinator.post(
        "/aikataulu/2030/keskustelut/uusi/",
        {
            "code": "YHT-1",
            "kind": "joint",
            "title_fi": "Pohjoisen saavutettavuus",
            "minutes": "150",
            "regions": [r.pk for r in regions],
            "ministries": [Ministry.objects.get(abbreviation="LVM").pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = Session.objects.get(code="YHT-1")
    assert sorted(session.party_codes()) == ["LVM", "MK17", "MK18", "MK19"]
    response = coordinator.post(
        "/aikataulu/2030/keskustelut/uusi/",
        {"code": "YHT-1", "kind": "joint", "title_fi": "x", "minutes": "150"},
    )
    assert "Valitse vähintään yksi osapuoli" in response.content.decode()


def test_settings_form_names_the_bad_line(client_for, users, timetable):
    response = client_for(users["coordinator"]).post(
        "/aikataulu/2030/asetukset/",
        {
            "first_day": "2030-11-04",
            "last_day": "2030-11-15",
            "slots": "9.00-11.30\nklo yhdeksän",
            "non_working": "",
        },
    )
    assert response.status_code == 200
    assert "Rivi 2" in response.content.decode()


def test_session_ics_and_party_feed(client, client_for, users, solved):
    services.publish_timetable(users["coordinator"], solved)
    session = Session.objects.get(code="MK02")
    response = client_for(users["ministry"]).get(f"/aikataulu/2030/keskustelut/{session.pk}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert "MK02" in str(event["DESCRIPTION"])
    client.logout()
    # A calendar program has no session: the signed token opens exactly one party's feed.
    assert client.get("/aikataulu/2030/kalenteri/OKM.ics").status_code == 403
    feed = client.get(f"/aikataulu/2030/kalenteri/OKM.ics?token={ics.feed_token('OKM')}")
    assert feed.status_code == 200
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert len(summaries) == 1 and "Keskustelu MK02" in summaries[0]
    assert client.get(f"/aikataulu/2030/kalenteri/LVM.ics?token={ics.feed_token('OKM')}").status_code == 403


def test_api_timetable_and_solver(client_for, users, solved):
    region = client_for(users["region"])
    data = region.get("/api/v1/schedule/rounds/2030").json()
    assert data["status"] == "draft"
    assert {s["code"]: s["date"] for s in data["sessions"]} == {"MK02": None, "MK04": None}
    problem = {
        "version": 1,
        "first_day": "2030-11-04",
        "last_day": "2030-11-08",
        "slots": [{"start": "09:00", "end": "11:30"}],
        "sessions": [{"id": "A", "parties": ["MK02"]}],
    }
    assert (
        region.post(
            "/api/v1/schedule/solve", json.dumps(problem), content_type="application/json"
        ).status_code
        == 403
    )
    coordinator = client_for(users["coordinator"])
    answer = coordinator.post("/api/v1/schedule/solve", json.dumps(problem), content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "optimal"
    bad = coordinator.post(
        "/api/v1/schedule/solve",
        json.dumps({**problem, "first_day": "maanantai"}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and "first_day" in bad.json()["detail"]
    placed = coordinator.get("/api/v1/schedule/rounds/2030").json()
    assert all(s["date"] for s in placed["sessions"])


def test_region_page_shows_its_published_sessions(client_for, users, solved):
    services.publish_timetable(users["coordinator"], solved)
    page = client_for(users["region"]).get("/maakunnat/MK02/").content.decode()
    assert "Keskustelu MK02" in page


def test_session_history_shows_who_moved_it_once_published(client_for, users, solved):
    session = Session.objects.get(code="MK02")
    services.move_session(
        users["coordinator"], session, date(2030, 11, 15), solved.slots.order_by("start").first()
    )
    url = f"/history/schedule/session/{session.pk}/"
    region = client_for(users["region"])
    # A draft's placements are the coordinator's working copy: its history (dates, slots) is too.
    assert url not in region.get(f"/aikataulu/2030/keskustelut/{session.pk}/").content.decode()
    assert region.get(url).status_code == 404
    assert client_for(users["coordinator"]).get(url).status_code == 200

    services.publish_timetable(users["coordinator"], solved)
    assert url in region.get(f"/aikataulu/2030/keskustelut/{session.pk}/").content.decode()
    history = region.get(url)
    assert history.status_code == 200 and "coord" in history.content.decode()
