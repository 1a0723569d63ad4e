"""Services: permissions, Finnish holidays, solving around locks, moves, publication and notifications."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from icalendar import Calendar

from alke.rounds.models import Notification
from alke.schedule import ics, selectors, services
from alke.schedule.models import Availability, Session
from alke.schedule.solver import parse_problem
from tests.schedule.conftest import add_session

pytestmark = pytest.mark.django_db


def party(code):
    return selectors.party_by_code(code)


def test_only_the_coordinator_sets_up_and_solves(users, round_):
    for role in ("region", "ministry", "aune", "nobody"):
        with pytest.raises(PermissionDenied):
            services.configure_timetable(
                users[role], round_, date(2030, 11, 4), date(2030, 11, 8), [(time(9), time(11))]
            )


def test_finnish_public_holidays_and_extra_days_are_excluded(users, round_):
    # December 2031: Independence Day is Saturday 6.12., Christmas Eve Wednesday, Christmas Thursday,
    # St Stephen's Day Friday. The coordinator also closes Monday 22.12.
    timetable = services.configure_timetable(
        users["coordinator"],
        round_,
        date(2031, 12, 22),
        date(2031, 12, 31),
        [(time(9), time(11, 30))],
        [(date(2031, 12, 22), "Henkilöstöpäivä")],
    )
    assert selectors.working_days(timetable) == [
        date(2031, 12, 23),
        date(2031, 12, 29),
        date(2031, 12, 30),
        date(2031, 12, 31),
    ]
    problem, fixed = selectors.build_problem(timetable)
    assert {"2031-12-22", "2031-12-24", "2031-12-25", "2031-12-26"} <= set(problem["holidays"])
    assert fixed == {}
    parse_problem(problem)


def test_parties_mark_only_their_own_availability(users, timetable):
    vs, sk, okm = party("MK02"), party("MK04"), party("OKM")
    services.mark_availability(users["region"], timetable, vs, [date(2030, 11, 4)], [], [date(2030, 11, 6)])
    services.mark_availability(
        users["ministry"], timetable, okm, [], [(date(2030, 11, 5), timetable.slots.first().pk)], []
    )
    with pytest.raises(PermissionDenied):
        services.mark_availability(users["region"], timetable, sk, [date(2030, 11, 4)], [], [])
    with pytest.raises(PermissionDenied):
        services.mark_availability(users["ministry"], timetable, party("LVM"), [date(2030, 11, 4)], [], [])
    with pytest.raises(PermissionDenied):
        services.mark_availability(users["aune"], timetable, vs, [], [], [])
    # A weekend day is not a working day of the window and is dropped.
    saved = services.mark_availability(
        users["region"], timetable, vs, [date(2030, 11, 4), date(2030, 11, 9)], [], [date(2030, 11, 6)]
    )
    assert saved == 2
    marks = {(m.date, m.kind) for m in Availability.objects.filter(region__code="MK02")}
    assert marks == {(date(2030, 11, 4), "unavailable"), (date(2030, 11, 6), "preferred")}


def test_solve_respects_availability_and_preferences(users, timetable):
    add_session(users["coordinator"], timetable, "MK02", regions=["MK02"], ministries=["TEM", "OKM"])
    add_session(users["coordinator"], timetable, "MK04", regions=["MK04"], ministries=["TEM"])
    days = selectors.working_days(timetable)
    # OKM cannot attend in the first week at all; Varsinais-Suomi wishes for Thursday 14.11.
    services.mark_availability(users["ministry"], timetable, party("OKM"), days[:5], [], [])
    services.mark_availability(users["region"], timetable, party("MK02"), [], [], [date(2030, 11, 14)])
    services.mark_availability(users["other_region"], timetable, party("MK04"), [], [], [date(2030, 11, 14)])
    solution = services.solve_timetable(users["coordinator"], timetable)
    assert solution.status == "optimal"
    placed = {s.code: (s.date, s.slot.start) for s in Session.objects.filter(timetable=timetable)}
    assert placed["MK02"][0] == date(2030, 11, 14) and placed["MK04"][0] == date(2030, 11, 14)
    assert {placed["MK02"][1], placed["MK04"][1]} == {time(9), time(12, 30)}
    timetable.refresh_from_db()
    assert timetable.solver_status == "optimal" and timetable.preference_weight == 4


def test_unscheduled_session_gets_a_translated_reason(users, timetable):
    add_session(users["coordinator"], timetable, "PITKÄ", ministries=["TEM"], minutes=300)
    services.solve_timetable(users["coordinator"], timetable)
    session = Session.objects.get(code="PITKÄ")
    assert not session.is_scheduled
    assert session.unscheduled_reason == "Kestää 300 min, mutta pisin aikaikkuna on 150 min."


def test_locked_session_stays_when_solving_again(users, timetable):
    a = add_session(users["coordinator"], timetable, "A", regions=["MK02"])
    add_session(users["coordinator"], timetable, "B", regions=["MK04"])
    afternoon = timetable.slots.order_by("start").last()
    services.move_session(users["coordinator"], a, date(2030, 11, 15), afternoon)
    services.solve_timetable(users["coordinator"], timetable)
    a.refresh_from_db()
    assert (a.date, a.slot, a.is_locked) == (date(2030, 11, 15), afternoon, True)
    b = Session.objects.get(code="B")
    # Fewest days: B joins A's day in the free morning slot.
    assert b.date == date(2030, 11, 15) and b.slot != afternoon


def test_manual_move_is_checked(users, timetable):
    a = add_session(users["coordinator"], timetable, "A", regions=["MK02"])
    b = add_session(users["coordinator"], timetable, "B", regions=["MK04"])
    morning = timetable.slots.order_by("start").first()
    services.move_session(users["coordinator"], a, date(2030, 11, 5), morning)
    with pytest.raises(services.ScheduleError, match="A"):
        services.move_session(users["coordinator"], b, date(2030, 11, 5), morning)
    with pytest.raises(services.ScheduleError, match="09.11.2030"):
        services.move_session(users["coordinator"], b, date(2030, 11, 9), morning)
    with pytest.raises(PermissionDenied):
        services.move_session(users["region"], b, date(2030, 11, 6), morning)


def test_two_locks_in_one_slot_cannot_be_solved(users, timetable):
    a = add_session(users["coordinator"], timetable, "A", regions=["MK02"])
    b = add_session(users["coordinator"], timetable, "B", regions=["MK04"])
    morning = timetable.slots.order_by("start").first()
    services.move_session(users["coordinator"], a, date(2030, 11, 5), morning)
    services.move_session(users["coordinator"], b, date(2030, 11, 6), morning)
    # A party marks the day of a locked session: the lock still holds, and the page shows the conflict.
    services.mark_availability(users["region"], timetable, party("MK02"), [date(2030, 11, 5)], [], [])
    services.solve_timetable(users["coordinator"], timetable)
    a.refresh_from_db()
    assert a.date == date(2030, 11, 5)
    assert [c.region.code for c in selectors.conflicts(a)] == ["MK02"]


def test_publication_and_every_later_change_notify_the_parties(
    users, timetable, django_capture_on_commit_callbacks
):
    users["region"].email = "vs@example.invalid"
    users["region"].save()
    users["other_region"].email = "sk@example.invalid"
    users["other_region"].notification_mode = "none"
    users["other_region"].save()
    users["ministry"].email = "okm@example.invalid"
    users["ministry"].notification_mode = "daily"
    users["ministry"].save()
    a = add_session(users["coordinator"], timetable, "MK02", regions=["MK02"], ministries=["TEM", "OKM"])
    add_session(users["coordinator"], timetable, "MK04", regions=["MK04"])
    with django_capture_on_commit_callbacks(execute=True):
        services.solve_timetable(users["coordinator"], timetable)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_timetable(users["coordinator"], timetable)
    assert [m.to for m in mail.outbox] == [["vs@example.invalid"]]
    assert "julkaistu" in mail.outbox[0].subject and "MK02" in mail.outbox[0].body
    # The daily-digest user and the one who wants no e-mail see it in alke; neither is mailed now.
    assert Notification.objects.filter(user=users["ministry"], emailed_at__isnull=True).count() == 1
    assert Notification.objects.filter(user=users["other_region"], emailed_at__isnull=True).count() == 1
    # Other parties hear nothing about sessions that are not theirs.
    assert not Notification.objects.filter(user=users["other_ministry"]).exists()

    a.refresh_from_db()
    assert a.sequence == 0
    mail.outbox.clear()
    new_day = date(2030, 11, 13) if a.date != date(2030, 11, 13) else date(2030, 11, 12)
    with django_capture_on_commit_callbacks(execute=True):
        services.move_session(users["coordinator"], a, new_day, a.slot)
    a.refresh_from_db()
    assert a.sequence == 1
    assert len(mail.outbox) == 1 and "muuttunut" in mail.outbox[0].subject
    assert f"{new_day:%d.%m.%Y}" in mail.outbox[0].body

    # Re-solving after publication notifies only about sessions that actually move.
    mail.outbox.clear()
    services.set_locked(users["coordinator"], a, False)
    services.mark_availability(users["region"], timetable, party("MK02"), [new_day], [], [])
    with django_capture_on_commit_callbacks(execute=True):
        services.solve_timetable(users["coordinator"], timetable)
    a.refresh_from_db()
    assert a.date != new_day and a.sequence == 2
    assert [m.to for m in mail.outbox] == [["vs@example.invalid"]]


def test_swedish_speaking_user_is_told_in_swedish(users, timetable, django_capture_on_commit_callbacks):
    users["region"].email = "vs@example.invalid"
    users["region"].preferred_language = "sv"
    users["region"].save()
    add_session(users["coordinator"], timetable, "MK02", regions=["MK02"])
    services.solve_timetable(users["coordinator"], timetable)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_timetable(users["coordinator"], timetable)
    assert "publicerad" in mail.outbox[0].subject


def test_ics_is_valid_rfc5545(users, timetable, settings):
    settings.SITE_URL = "https://alke.example.fi"
    a = add_session(users["coordinator"], timetable, "MK02", regions=["MK02"], ministries=["TEM", "OKM"])
    a.location = "Varsinais-Suomen liitto, Turku; sali 2"
    a.online_url = "https://kokous.example.invalid/mk02"
    a.save()
    services.move_session(
        users["coordinator"], a, date(2030, 11, 5), timetable.slots.order_by("start").first()
    )
    a.refresh_from_db()
    raw = ics.calendar_bytes("ALKE 2030: Varsinais-Suomi", [a])
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = Calendar.from_ical(raw)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    (event,) = cal.walk("VEVENT")
    for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"):
        assert prop in event
    assert event["UID"] == f"alke-session-{a.pk}@alke.example.fi"
    start = event.decoded("DTSTART")
    assert (start.date(), start.hour, str(start.tzinfo)) == (date(2030, 11, 5), 9, "Europe/Helsinki")
    assert event.decoded("DTEND").hour == 11
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/Helsinki"
    assert "sali 2" in str(event["LOCATION"])


def test_feed_token_is_bound_to_the_party():
    token = ics.feed_token("MK02")
    assert ics.feed_token_valid("MK02", token) and ics.feed_token_valid("mk02", token)
    assert not ics.feed_token_valid("MK04", token)
    assert not ics.feed_token_valid("MK02", token[:-1] + ("A" if token[-1] != "A" else "B"))


def test_ics_links_the_agenda(users, timetable, settings, monkeypatch):
    settings.SITE_URL = "https://alke.example.fi"
    from alke.agenda.models import Agenda
    from alke.regions.models import Region

    a = add_session(users["coordinator"], timetable, "MK02", regions=["MK02"])
    a.agenda = Agenda.objects.create(round=timetable.round, region=Region.objects.get(code="MK02"))
    a.save()
    services.move_session(
        users["coordinator"], a, date(2030, 11, 5), timetable.slots.order_by("start").first()
    )
    a.refresh_from_db()
    monkeypatch.setattr(type(a.agenda), "get_absolute_url", lambda self: f"/agenda/agendat/{self.pk}/")
    (event,) = Calendar.from_ical(ics.calendar_bytes("x", [a])).walk("VEVENT")
    assert str(event["ATTACH"]) == f"https://alke.example.fi/agenda/agendat/{a.agenda.pk}/"
    assert event["ATTACH"].params["FMTTYPE"] == "text/html"
    assert "Agenda: https://alke.example.fi/agenda/agendat/" in str(event["DESCRIPTION"])


def test_narrowing_the_window_takes_out_sessions_and_tells_their_parties(users, timetable):
    a = add_session(users["coordinator"], timetable, "MK02", regions=["MK02"])
    services.move_session(
        users["coordinator"], a, date(2030, 11, 14), timetable.slots.order_by("start").first()
    )
    services.publish_timetable(users["coordinator"], timetable)
    slots = [(s.start, s.end) for s in timetable.slots.all()]
    services.configure_timetable(
        users["coordinator"],
        timetable.round,
        date(2030, 11, 4),
        date(2030, 11, 15),
        slots,
        [(date(2030, 11, 14), "Juhla")],
    )
    a.refresh_from_db()
    assert (a.date, a.slot, a.is_locked, a.sequence) == (None, None, False, 1)
    note = Notification.objects.get(user=users["region"], subject__contains="muuttunut")
    assert "14.11.2030" in note.body and "ei aikataulussa" in note.body
