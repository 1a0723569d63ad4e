"""Open API: published cooperation documents and the conclusions they record."""

from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from alke.agreements.models import CooperationDocument
from alke.agreements.published import published_conclusions
from alke.agreements.selectors import published_documents
from alke.api.params import Code, Id, Pagination, Year

router = Router(tags=["cooperation documents"])


class DocumentOut(Schema):
    id: int
    round_year: int
    round_name: str
    kind: str
    regions: list[str]
    version: int
    published_at: datetime
    has_swedish: bool
    page: str
    docx: str
    pdf: str
    is_demo: bool


class DocumentDetailOut(DocumentOut):
    content: dict[str, Any]


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


def _document_out(document: CooperationDocument, with_content: bool = False) -> dict[str, Any]:
    version = document.published_version
    data = {
        "id": document.pk,
        "round_year": document.round.year,
        "round_name": document.round.name,
        "kind": document.kind,
        "regions": [r["code"] for r in version.content["regions"]],
        "version": version.number,
        "published_at": document.published_at,
        "has_swedish": bool(version.content.get("swedish")),
        "page": reverse("agreements:public_document", args=[document.pk]),
        "docx": reverse("agreements:public_export", args=[document.pk, "docx"]),
        "pdf": reverse("agreements:public_export", args=[document.pk, "pdf"]),
        "is_demo": document.is_demo,
    }
    if with_content:
        data["content"] = version.content
    return data


@router.get("/cooperation-documents", response=list[DocumentOut], summary="Published cooperation documents")
@paginate(Pagination)
def list_documents(request, round: Year | None = None, region: Code | None = None):
    qs = published_documents()
    if round is not None:
        qs = qs.filter(round__year=round)
    if region:
        code = region.upper()
        qs = qs.filter(Q(region__code=code) | Q(other_regions__code=code)).distinct()
    return [_document_out(d) for d in qs]


@router.get(
    "/cooperation-documents/{document_id}",
    response=DocumentDetailOut,
    summary="One published cooperation document with its approved content",
)
def get_document(request, document_id: Id):
    document = get_object_or_404(published_documents(), pk=document_id)
    return _document_out(document, with_content=True)


@router.get("/conclusions", response=list[ConclusionOut], summary="Conclusions of published documents")
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
    from alke.followup.models import ConclusionFollowUp, Status

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
