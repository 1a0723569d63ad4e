"""The published cooperation documents for everyone, with DOCX and PDF."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alke.agreements import selectors
from alke.agreements.content import layout
from alke.agreements.models import (
    CooperationDocument,
)
from alke.agreements.views.base import _lang
from alke.agreements.views.documents import _document, _export


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    documents = selectors.published_documents()
    by_round: dict[Any, list] = {}
    for document in documents:
        by_round.setdefault(document.round, []).append(document)
    return render(request, "agreements/public_list.html", {"by_round": by_round})


def _published(pk: int) -> CooperationDocument:
    document = _document(pk)
    if not document.is_published:
        raise Http404("not published")
    return document


@require_GET
def public_document(request: HttpRequest, pk: int) -> HttpResponse:
    document = _published(pk)
    version = document.published_version
    lang = _lang(request, version.content.get("swedish", False))
    approvals = list(version.approvals.select_related("region").order_by("approved_at"))
    return render(
        request,
        "agreements/public_document.html",
        {
            "document": document,
            "version": version,
            "view": layout(version.content, lang),
            "lang": lang,
            "approvals": approvals,
            "reopened": not document.is_final or document.final_version_id != version.pk,
        },
    )


@require_GET
def public_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    document = _published(pk)
    version = document.published_version
    return _export(version, fmt, _lang(request, version.content.get("swedish", False)))
