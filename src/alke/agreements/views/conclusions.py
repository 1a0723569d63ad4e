"""A region's conclusions and minutes of a round, one conclusion and its indicators."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from alke.agreements import indicators, selectors, services
from alke.agreements.forms import (
    ConclusionForm,
    IndicatorLinkForm,
    MinutesForm,
)
from alke.agreements.models import (
    Conclusion,
    ConclusionIndicator,
)
from alke.agreements.views.base import _region, _round
from alke.core.domain import attempt
from alke.core.permissions import can, require
from alke.regions.models import Region


@require_http_methods(["GET", "POST"])
def region_conclusions(request: HttpRequest, year: int, code: str) -> HttpResponse:
    require(request.user, "conclusion.view")
    round, region = _round(year), _region(code)
    form = ConclusionForm(request.POST or None, agenda_items=selectors.agenda_items_for(round.pk, region.pk))
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            lambda: services.record_conclusion(request.user, round, region, **form.service_kwargs()),
            _("Johtopäätös kirjattu."),
        )
        if done:
            return redirect("agreements:conclusions", year=year, code=region.code)
    documents = selectors.documents_of_region(region.pk, public_only=False).filter(round=round)
    return render(
        request,
        "agreements/conclusions.html",
        {
            "round": round,
            "region": region,
            "conclusions": selectors.conclusions_of(round.pk, [region.pk]),
            "form": form,
            "documents": documents,
            "may_record": can(request.user, "conclusion.record", services.RegionSubject(region.pk)),
            "may_create_document": can(request.user, "document.edit", region),
            "other_regions": Region.objects.mainland().exclude(pk=region.pk)
            if can(request.user, "conclusion.record")
            else [],
            "indicator_choices": indicators.choices(),
        },
    )


@require_http_methods(["GET", "POST"])
def region_minutes(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """The minutes of a region's discussion, written item by item alongside its conclusions."""
    require(request.user, "conclusion.view")
    round, region = _round(year), _region(code)
    items = list(selectors.agenda_items_for(round.pk, region.pk))
    stored = {m.agenda_item_id: m for m in selectors.minutes_of(round.pk, [region.pk])}
    documents = list(selectors.documents_of_region(region.pk, public_only=False).filter(round=round))
    frozen = next((d for d in documents if d.is_final), None)
    may_record = can(request.user, "conclusion.record", services.RegionSubject(region.pk))
    form = MinutesForm(request.POST or None, items=items, stored=stored)
    if request.method == "POST":
        require(request.user, "conclusion.record", services.RegionSubject(region.pk))
        if form.is_valid() and attempt(
            request,
            lambda: services.save_minutes(request.user, round, region, form.texts(), opened=form.opened()),
            _("Muistio tallennettu."),
        ):
            return redirect("agreements:minutes", year=year, code=region.code)
    conclusions: dict[int | None, list[Conclusion]] = {}
    for number, conclusion in enumerate(selectors.conclusions_of(round.pk, [region.pk]), start=1):
        conclusion.number = number
        conclusions.setdefault(conclusion.agenda_item_id, []).append(conclusion)
    rows = [
        {
            "item": item,
            "minutes": stored.get(item.pk),
            "conclusions": conclusions.get(item.pk, []),
            "fields": fields,
        }
        for item, *fields in form.rows()
    ]
    return render(
        request,
        "agreements/minutes.html",
        {
            "round": round,
            "region": region,
            "rows": rows,
            "form": form,
            "unlinked": conclusions.get(None, []),
            "documents": documents,
            "frozen": frozen,
            "may_record": may_record and frozen is None,
        },
    )


@require_http_methods(["GET", "POST"])
def conclusion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    conclusion = get_object_or_404(Conclusion.objects.select_related("round", "region"), pk=pk)
    require(request.user, "conclusion.record", conclusion)
    form = ConclusionForm(
        request.POST or None,
        initial=ConclusionForm.initial_for(conclusion),
        agenda_items=selectors.agenda_items_for(conclusion.round_id, conclusion.region_id),
    )
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            lambda: services.record_conclusion(
                request.user,
                conclusion.round,
                conclusion.region,
                conclusion=conclusion,
                **form.service_kwargs(),
            ),
            _("Johtopäätös tallennettu."),
        )
        if done:
            return redirect("agreements:conclusions", year=conclusion.round.year, code=conclusion.region.code)
    return render(request, "agreements/conclusion_edit.html", {"conclusion": conclusion, "form": form})


@require_POST
def conclusion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    conclusion = get_object_or_404(Conclusion.objects.select_related("round", "region"), pk=pk)
    year, code = conclusion.round.year, conclusion.region.code
    attempt(request, lambda: services.delete_conclusion(request.user, conclusion), _("Johtopäätös poistettu."))
    return redirect("agreements:conclusions", year=year, code=code)


@require_POST
def conclusion_indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    conclusion = get_object_or_404(Conclusion.objects.select_related("round", "region"), pk=pk)
    require(request.user, "conclusion.record", conclusion)
    form = IndicatorLinkForm(request.POST, choices=indicators.choices())
    if form.is_valid():
        data = form.cleaned_data
        baseline = indicators.baseline(conclusion.region.code, data["indicator"], conclusion.round.year)
        attempt(
            request,
            lambda: services.set_conclusion_indicator(
                request.user,
                conclusion,
                baseline.indicator,
                baseline_year=baseline.year,
                baseline_value=baseline.value,
                target_year=data["target_year"],
                target_value=data["target_value"],
            ),
            _("Indikaattori liitetty."),
        )
    else:
        messages.error(
            request, _("Tarkista indikaattorin tiedot: %(errors)s") % {"errors": form.errors.as_text()}
        )
    return redirect("agreements:conclusions", year=conclusion.round.year, code=conclusion.region.code)


@require_POST
def conclusion_indicator_remove(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(
        ConclusionIndicator.objects.select_related("conclusion__round", "conclusion__region"), pk=pk
    )
    conclusion = link.conclusion
    attempt(
        request,
        lambda: services.remove_conclusion_indicator(request.user, link),
        _("Indikaattori poistettu."),
    )
    return redirect("agreements:conclusions", year=conclusion.round.year, code=conclusion.region.code)
