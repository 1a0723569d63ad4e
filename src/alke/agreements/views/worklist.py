"""A ministry's worklist: its conclusions across regions, as a page and as XLSX."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from alke.agreements import exports, selectors, services
from alke.agreements.views.base import XLSX, _file_response
from alke.core.permissions import can, ministry_ids_of, require
from alke.regions.models import Ministry
from alke.rounds.models import Round


def _worklist_ministry(request: HttpRequest) -> Ministry:
    abbreviation = request.GET.get("ministerio")
    own = ministry_ids_of(request.user)
    if abbreviation:
        ministry = get_object_or_404(Ministry, abbreviation=abbreviation.upper())
    elif own:
        ministry = Ministry.objects.get(pk=sorted(own)[0])
    else:
        ministry = Ministry.objects.filter(is_coordinator=True).first() or Ministry.objects.first()
    require(request.user, "worklist.view", services.MinistrySubject(ministry.pk))
    return ministry


def _worklist_filters(request: HttpRequest) -> tuple[Round | None, bool]:
    year = request.GET.get("kierros")
    round = Round.objects.filter(year=int(year)).first() if year and year.isdigit() else None
    return round, request.GET.get("budjetti") == "1"


@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    require(request.user, "worklist.view")
    ministry = _worklist_ministry(request)
    round, budget_only = _worklist_filters(request)
    items = selectors.worklist(ministry.pk, round.pk if round else None, budget_only)
    ministries = [
        m
        for m in Ministry.objects.all()
        if can(request.user, "worklist.view", services.MinistrySubject(m.pk))
    ]
    return render(
        request,
        "agreements/worklist.html",
        {
            "ministry": ministry,
            "ministries": ministries,
            "items": items,
            "rounds": Round.objects.order_by("-year"),
            "round": round,
            "budget_only": budget_only,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
def worklist_export(request: HttpRequest) -> HttpResponse:
    require(request.user, "worklist.view")
    ministry = _worklist_ministry(request)
    round, budget_only = _worklist_filters(request)
    items = list(selectors.worklist(ministry.pk, round.pk if round else None, budget_only))
    label = f"{ministry.abbreviation} – {ministry.name}"
    suffix = f"-{round.year}" if round else ""
    return _file_response(
        exports.worklist_xlsx(items, label),
        XLSX,
        f"johtopaatokset-{ministry.abbreviation.lower()}{suffix}.xlsx",
    )
