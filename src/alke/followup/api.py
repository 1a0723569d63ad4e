"""Open API of follow-up: each published conclusion's status and progress, the AUNE report's numbers,
and reporting an update.

`/conclusions` gives the published text of the conclusions with their follow-up status and progress;
follow-up's own lists live under `/follow-up/`: `/follow-up/conclusions?round=&region=&status=` with
status one of not_started, in_progress, done, dropped.
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
from alke.agreements.published import published_conclusions
from alke.core.api.params import MAX_REPEATS, Code, Id, Pagination, Year
from alke.core.permissions import require
from alke.followup import selectors, services
from alke.followup.models import ConclusionFollowUp, Status

router = Router(tags=["follow-up"])


class ConclusionOut(Schema):
    id: int
    round_year: int
    region: str
    text_fi: str
    text_sv: str
    ministries: list[str]
    region_responsible: bool
    other_parties: str
    deadline: date | None
    needs_budget_decision: bool
    status: str
    progress: int
    is_demo: bool


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


# Kept where the API has always listed it (tag and operation id), though follow-up now serves it.
@router.get(
    "/conclusions",
    response=list[ConclusionOut],
    summary="Conclusions of published documents",
    tags=["cooperation documents"],
    operation_id="alke_agreements_api_list_conclusions",
)
@paginate(Pagination)
def list_conclusions(
    request,
    round: Year | None = None,
    region: Code | None = None,
    ministry: Code | None = None,
    status: Code | None = None,
):
    """The conclusions as the published (approved) versions record them, not as later drafts say, each
    once (`published_conclusions`: a conclusion in both its region's own and a joint published document is
    given as the more recently published one records it), with its follow-up status (not_started,
    in_progress, done, dropped) and progress %."""
    if status and status not in Status.values:
        raise HttpError(422, f"Unknown status {status!r}; use one of {', '.join(Status.values)}.")
    published = published_conclusions(
        years=[round] if round is not None else None, region_codes=[region] if region else None
    )
    if ministry:
        published = [p for p in published if ministry.upper() in p.ministries]
    follow_up = {
        conclusion_id: (state, progress)
        for conclusion_id, state, progress in ConclusionFollowUp.objects.filter(
            conclusion_id__in=[p.id for p in published]
        ).values_list("conclusion_id", "status", "progress")
    }
    out = []
    for p in published:
        state, progress = follow_up.get(p.id, (Status.NOT_STARTED, 0))
        if status and state != status:
            continue
        out.append(
            {
                "id": p.id,
                "round_year": p.round.year,
                "region": p.region_code,
                "text_fi": p.text_fi,
                "text_sv": p.text_sv,
                "ministries": p.ministries,
                "region_responsible": p.region_responsible,
                "other_parties": p.other_parties,
                "deadline": p.deadline,
                "needs_budget_decision": p.needs_budget_decision,
                "status": str(state),
                "progress": progress,
                "is_demo": p.document.is_demo,
            }
        )
    return out
