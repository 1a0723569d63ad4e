"""Open API of follow-up: each published conclusion's status and progress, the AUNE report's numbers,
and reporting an update.

The agreements app already serves `/conclusions` (the published text of conclusions), so follow-up lives
under `/follow-up/`: `/follow-up/conclusions?round=&region=&status=` with status one of not_started,
in_progress, done, dropped.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError
from ninja.pagination import paginate

from alke.agreements.models import Conclusion
from alke.api.params import MAX_REPEATS, Code, Id, Pagination, Year
from alke.core.permissions import require
from alke.followup import selectors, services
from alke.followup.models import Status

router = Router(tags=["follow-up"])


class FollowUpOut(Schema):
    id: int
    round_year: int
    region: str
    text_fi: str
    text_sv: str
    ministries: list[str]
    deadline: date | None
    status: str
    status_label: str
    progress: int
    overdue: bool
    completed_on: date | None
    last_update_on: date | None
    page: str
    is_demo: bool


class UpdateIn(Schema):
    status: str
    progress: int | None = None
    note: str = ""
    evidence_url: str = ""
    on: date | None = None


class UpdateOut(Schema):
    id: int
    conclusion: int
    on: date
    status: str
    progress: int
    previous_status: str
    previous_progress: int
    note: str
    evidence_url: str


def row_out(row: selectors.FollowUpRow) -> dict:
    c = row.conclusion
    return {
        "id": c.pk,
        "round_year": c.round.year,
        "region": c.region.code,
        "text_fi": c.text_fi,
        "text_sv": c.text_sv,
        "ministries": [abbr for abbr, _name in row.ministries],
        "deadline": c.deadline,
        "status": row.status,
        "status_label": row.status_label,
        "progress": row.progress,
        "overdue": row.overdue,
        "completed_on": row.completed_on,
        "last_update_on": row.last_update_on,
        "page": reverse("followup:public_round", args=[c.round.year]) + f"#c{c.pk}",
        "is_demo": c.is_demo,
    }


@router.get(
    "/follow-up/conclusions",
    response=list[FollowUpOut],
    summary="Follow-up of published conclusions: status and progress",
)
@paginate(Pagination)
def list_followup(request, round: Year | None = None, region: Code | None = None, status: Code | None = None):
    """Every conclusion of a published cooperation document with its follow-up status and progress.

    `status` is one of not_started, in_progress, done, dropped.
    """
    if status and status not in Status.values:
        raise HttpError(422, f"Unknown status {status!r}; use one of {', '.join(Status.values)}.")
    rows = selectors.followup_rows(
        years=[round] if round is not None else None,
        region_codes=[region] if region else None,
        status=status,
        published_only=True,
    )
    return [row_out(r) for r in rows]


@router.get("/follow-up/report", summary="The AUNE report's numbers (signed-in parties)")
def report(
    request,
    round: list[Year] = Query(None, max_length=MAX_REPEATS),  # noqa: B008
    region: list[Code] = Query(None, max_length=MAX_REPEATS),  # noqa: B008
):
    """Conclusions by status, round, region, theme and ministry; overdue ones; funding; process metrics.

    The same numbers as the report page and its PDF and XLSX exports. Needs the report.view permission.
    """
    require(request.user, "report.view")
    return selectors.aune_report(round or None, region or None).as_dict()


@router.post(
    "/follow-up/conclusions/{conclusion_id}/updates", response={201: UpdateOut}, summary="Report an update"
)
def post_update(request, conclusion_id: Id, payload: UpdateIn):
    """Report on a conclusion; the same rules as on the pages (e.g. dropped needs a reason in the note)."""
    conclusion = get_object_or_404(Conclusion, pk=conclusion_id)
    if not request.user.is_authenticated:
        raise PermissionDenied("followup.update")
    try:
        update = services.record_update(
            request.user,
            conclusion,
            status=payload.status,
            progress=payload.progress,
            note=payload.note,
            evidence_url=payload.evidence_url,
            on=payload.on,
            source="api",
        )
    except services.FollowUpError as error:
        raise HttpError(422, str(error)) from None
    return HttpStatus(
        201,
        {
            "id": update.pk,
            "conclusion": conclusion.pk,
            "on": update.on,
            "status": update.status,
            "progress": update.progress,
            "previous_status": update.previous_status,
            "previous_progress": update.previous_progress,
            "note": update.note,
            "evidence_url": update.evidence_url,
        },
    )
