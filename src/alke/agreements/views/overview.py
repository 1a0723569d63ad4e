"""The overview of rounds and documents, a round's regions, and the region page's panel."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alke.agreements import selectors
from alke.agreements.models import (
    Conclusion,
)
from alke.agreements.views.base import _round
from alke.core.permissions import can, require
from alke.regions.models import Region
from alke.rounds.models import Round


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    rounds = []
    if can(request.user, "conclusion.view"):
        rounds = Round.objects.annotate(
            document_count=Count("cooperation_documents", distinct=True),
            conclusion_count=Count("conclusions", distinct=True),
        ).order_by("-year")
    published = selectors.published_documents()
    return render(
        request,
        "agreements/index.html",
        {
            "rounds": rounds,
            "published": published,
            "may_worklist": can(request.user, "worklist.view"),
        },
    )


@require_GET
def round_detail(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "conclusion.view")
    round = _round(year)
    documents = {d.region_id: d for d in selectors.documents_of_round(round.pk) if d.kind == "region"}
    joint = [d for d in selectors.documents_of_round(round.pk) if d.kind == "joint"]
    counts = dict(
        Conclusion.objects.filter(round=round)
        .values_list("region_id")
        .annotate(n=Count("pk"))
        .values_list("region_id", "n")
    )
    rows = [
        {"region": r, "document": documents.get(r.pk), "conclusions": counts.get(r.pk, 0)}
        for r in Region.objects.mainland()
    ]
    return render(request, "agreements/round.html", {"round": round, "rows": rows, "joint": joint})


def region_panel(request: HttpRequest, region: Region) -> dict | None:
    """The region page's section listing its cooperation documents."""
    see_drafts = can(request.user, "conclusion.view", region)
    documents = list(selectors.documents_of_region(region.pk, public_only=not see_drafts))
    if not documents and not see_drafts:
        return None
    return {"region": region, "documents": documents, "see_drafts": see_drafts}
