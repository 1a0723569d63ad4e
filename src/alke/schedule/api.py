"""API: the timetable of a round for signed-in parties, and the solver as a service for coordinators.

Both take an API key (`Authorization: Bearer …`) like every other API write, or a signed-in session;
the timetable is not open data, so an anonymous read is refused with 401 as well. What a user may do is
decided by the permission table (`schedule.view`, `schedule.manage`), the same as on the pages.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from alke.core.api.auth import SignedInApiAuth
from alke.core.api.params import Year
from alke.core.permissions import require
from alke.schedule import selectors
from alke.schedule.solver import solve_json

router = Router(tags=["schedule"])
MAX_TIME_LIMIT = 120.0
TimeLimit = Annotated[
    float,
    Field(gt=0, le=MAX_TIME_LIMIT, description=f"Seconds the solver may use, at most {MAX_TIME_LIMIT:g}."),
]


class SessionOut(Schema):
    code: str
    kind: str
    title_fi: str
    title_sv: str
    title_en: str
    minutes: int
    regions: list[str]
    ministries: list[str]
    date: date | None
    start: str | None
    end: str | None
    is_locked: bool
    location: str
    online_url: str
    is_demo: bool


class TimetableOut(Schema):
    round_year: int
    status: str
    first_day: date
    last_day: date
    slots: list[dict[str, str]]
    excluded_days: list[date]
    sessions: list[SessionOut]


@router.get(
    "/schedule/rounds/{year}",
    response=TimetableOut,
    auth=SignedInApiAuth(),
    summary="A round's discussion timetable (times only once published, unless you coordinate)",
)
def get_timetable(request, year: Year):
    require(request.user, "schedule.view")
    timetable = selectors.timetable_for_year(year)
    if timetable is None:
        raise Http404("no timetable for this round")
    visible = selectors.may_see_placements(request.user, timetable)
    sessions = []
    for s in selectors.sessions_of(timetable):
        placed = visible and s.is_scheduled
        sessions.append(
            {
                "code": s.code,
                "kind": s.kind,
                "title_fi": s.title_fi,
                "title_sv": s.title_sv,
                "title_en": s.title_en,
                "minutes": s.minutes,
                "regions": [r.code for r in s.regions.all()],
                "ministries": [m.abbreviation for m in s.ministries.all()],
                "date": s.date if placed else None,
                "start": f"{s.slot.start:%H:%M}" if placed else None,
                "end": f"{s.slot.end:%H:%M}" if placed else None,
                "is_locked": s.is_locked,
                "location": s.location,
                "online_url": s.online_url,
                "is_demo": s.is_demo,
            }
        )
    return {
        "round_year": timetable.round.year,
        "status": timetable.status,
        "first_day": timetable.first_day,
        "last_day": timetable.last_day,
        "slots": [
            {"start": f"{s.start:%H:%M}", "end": f"{s.end:%H:%M}"} for s in selectors.slots_of(timetable)
        ],
        "excluded_days": sorted(selectors.excluded_days(timetable)),
        "sessions": sessions,
    }


@router.post(
    "/schedule/solve",
    auth=SignedInApiAuth(),
    summary="Solve a timetable problem (format version 1), as `alke solve-schedule` does",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"type": "object", "description": "problem, format 1"}}
            },
        }
    },
)
def solve_problem(request, time_limit: TimeLimit = 30.0) -> dict[str, Any]:
    require(request.user, "schedule.manage")
    try:
        problem = json.loads(request.body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise HttpError(422, f"body: not valid JSON ({error})") from None
    return solve_json(problem, time_limit=time_limit)
