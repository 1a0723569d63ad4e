"""Scheduling in a real browser: a region marks its availability with the keyboard; the calendar is accessible."""

from datetime import date, time

import pytest
from playwright.sync_api import expect

from alke.schedule import services
from alke.schedule.models import Availability, Timetable
from tests.e2e.conftest import axe_violations, login
from tests.factories import RoundFactory, ministries, region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def timetable(users):
    timetable = services.configure_timetable(
        users["coordinator"],
        RoundFactory(year=2030, scheduling=True),
        date(2030, 11, 4),
        date(2030, 11, 15),
        [(time(9, 0), time(11, 30)), (time(12, 30), time(15, 0))],
    )
    for code in ("MK02", "MK04"):
        services.save_session(
            users["coordinator"],
            timetable,
            services.SessionData(
                code=code,
                kind="region",
                title_fi=f"Keskustelu {code}",
                minutes=150,
                regions=[region(code)],
                ministries=ministries(["TEM"]),
            ),
        )
    return timetable


def test_region_marks_a_day_off_with_the_keyboard(page, users, timetable):
    login(page, "vs")
    page.goto("/aikataulu/2030/")
    page.get_by_role("link", name="Merkitse, milloin Varsinais-Suomi ei pääse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Milloin Varsinais-Suomi ei pääse?")
    # Each checkbox is named by its day (fieldset legend) and its own label.
    day_off = page.get_by_role("group", name="ma 4.11.").get_by_label("ei pääse koko päivänä")
    day_off.focus()
    page.keyboard.press("Space")
    expect(day_off).to_be_checked()
    page.get_by_role("group", name="to 7.11.").get_by_label("toivottu päivä").check()
    page.get_by_role("button", name="Tallenna merkinnät").click()
    expect(page.get_by_text("Merkinnät tallennettiin")).to_be_visible()
    expect(page.get_by_role("group", name="ma 4.11.").get_by_label("ei pääse koko päivänä")).to_be_checked()
    marks = {(m.date, m.kind) for m in Availability.objects.filter(region__code="MK02")}
    assert marks == {(date(2030, 11, 4), "unavailable"), (date(2030, 11, 7), "preferred")}
    assert axe_violations(page) == []


def test_coordinator_solves_and_publishes_an_accessible_calendar(page, users, timetable):
    login(page, "coord")
    page.goto("/aikataulu/2030/")
    page.get_by_role("button", name="Ratkaise aikataulu").click()
    expect(page.get_by_text("Aikataulu ratkaistiin: 2/2 keskustelua")).to_be_visible()
    page.get_by_role("button", name="Julkaise aikataulu").click()
    expect(page.get_by_text("Aikataulu julkaistiin")).to_be_visible()
    calendar = page.get_by_role("table", name="Keskustelut viikoittain")
    expect(calendar.get_by_role("link", name="MK02")).to_have_count(1)
    assert Timetable.objects.get(pk=timetable.pk).is_published
    assert axe_violations(page) == []
