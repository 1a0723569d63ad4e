"""Open API: published cooperation documents (their conclusions with follow-up: alke.followup.api)."""

from datetime import datetime
from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from alke.agreements.models import CooperationDocument
from alke.agreements.selectors import published_documents
from alke.core.api.params import Code, Id, Pagination, Year

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
