"""The schedule API takes API keys like every other API write, with the same permission table."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from alke.api.services import create_token
from tests.schedule.conftest import add_session

pytestmark = pytest.mark.django_db

TIMETABLE = "/api/v1/schedule/rounds/2030"
SOLVE = "/api/v1/schedule/solve"
PROBLEM = {
    "version": 1,
    "first_day": "2030-11-04",
    "last_day": "2030-11-08",
    "slots": [{"start": "09:00", "end": "11:30"}],
    "sessions": [{"id": "A", "parties": ["MK02"]}],
}


def bearer(user) -> dict[str, str]:
    _, key = create_token(user, "schedule api test", 1)
    return {"Authorization": f"Bearer {key}"}


def solve(headers: dict[str, str] | None = None, query: str = "", client: Client | None = None):
    return (client or Client()).post(
        SOLVE + query, json.dumps(PROBLEM), content_type="application/json", headers=headers or {}
    )


@pytest.fixture
def sessions(users, timetable):
    add_session(users["coordinator"], timetable, "MK02", regions=["MK02"])
    return timetable


def test_a_coordinators_key_reads_the_timetable_and_runs_the_solver(users, sessions):
    headers = bearer(users["coordinator"])
    read = Client().get(TIMETABLE, headers=headers)
    assert read.status_code == 200, read.content
    assert read.json()["round_year"] == 2030
    assert [s["code"] for s in read.json()["sessions"]] == ["MK02"]
    answer = solve(headers)
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "optimal"
    assert answer.json()["assignments"][0]["session"] == "A"


def test_a_regions_key_reads_but_may_not_solve(users, sessions):
    headers = bearer(users["region"])
    assert Client().get(TIMETABLE, headers=headers).status_code == 200
    refused = solve(headers)
    assert refused.status_code == 403 and "schedule.manage" in refused.json()["detail"]


def test_a_key_of_a_user_without_a_role_gets_403(users, sessions):
    headers = bearer(users["nobody"])
    read = Client().get(TIMETABLE, headers=headers)
    assert read.status_code == 403 and "schedule.view" in read.json()["detail"]
    assert solve(headers).status_code == 403


def test_no_key_gets_401(sessions):
    read = Client().get(TIMETABLE)
    assert read.status_code == 401 and "API key" in read.json()["detail"]
    written = solve()
    assert written.status_code == 401 and "API key" in written.json()["detail"]


@pytest.mark.parametrize("header", ["Bearer alke_nonexistent_key", "Bearer something-else", "Basic eDp5"])
def test_a_bad_key_gets_401(sessions, header):
    assert Client().get(TIMETABLE, headers={"Authorization": header}).status_code == 401
    assert solve({"Authorization": header}).status_code == 401


def test_a_session_still_works_and_its_writes_need_csrf(users, sessions):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users["coordinator"])
    assert browser.get(TIMETABLE).status_code == 200
    refused = solve(client=browser)
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]


@pytest.mark.parametrize("query", ["?time_limit=0", "?time_limit=-1", "?time_limit=121", "?time_limit=nan"])
def test_the_time_limit_is_bounded(users, query):
    answer = solve(bearer(users["coordinator"]), query)
    assert answer.status_code == 422
    assert "time_limit" in json.dumps(answer.json()["detail"])


@pytest.mark.parametrize("year", ["1899", "2201", "99999999999999999999"])
def test_the_year_is_bounded(users, year):
    answer = Client().get(f"/api/v1/schedule/rounds/{year}", headers=bearer(users["coordinator"]))
    assert answer.status_code == 422
    assert "year" in json.dumps(answer.json()["detail"])
