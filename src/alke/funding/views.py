"""Pages of the AKKE funding: the round's split, a region's entities and an entity's ledger."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from alke.agreements.models import Conclusion
from alke.agreements.views.base import XLSX, _file_response, _region, _round
from alke.core.domain import attempt
from alke.core.permissions import can, require
from alke.funding import exports, selectors, services
from alke.funding.forms import AppropriationForm, EntityForm, LedgerForm
from alke.funding.models import FundedEntity, LedgerEntry, RegionAllocation
from alke.regions.models import Region


def _visible_regions(user) -> set[int] | None:
    """None when the user sees every region's funding; else the regions they may see (their own)."""
    regions = list(Region.objects.mainland())
    visible = {r.pk for r in regions if can(user, "funding.view", r)}
    return None if len(visible) == len(regions) else visible


@require_http_methods(["GET", "POST"])
def funding_round(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "funding.view")
    round = _round(year)
    appropriation = selectors.appropriation_for(round.pk)
    may_manage = can(request.user, "funding.manage")
    form = AppropriationForm(
        request.POST if request.POST.get("action") == "appropriation" else None,
        initial={
            "budget_item": appropriation.budget_item if appropriation else "32.30.40",
            "total": appropriation.total if appropriation else None,
            "equal_share_percent": appropriation.equal_share_percent if appropriation else 70,
            "decision_reference": appropriation.decision_reference if appropriation else "",
        },
    )
    if request.method == "POST":
        require(request.user, "funding.manage")
        action = request.POST.get("action")
        if action == "appropriation" and form.is_valid():
            data = form.cleaned_data
            if attempt(
                request,
                lambda: services.set_appropriation(
                    request.user,
                    round,
                    total=data["total"],
                    budget_item=data["budget_item"],
                    equal_share_percent=data["equal_share_percent"],
                    decision_reference=data["decision_reference"],
                ),
                _("Määräraha tallennettu."),
            ):
                return redirect("funding:round", year=year)
        elif action == "propose" and appropriation:
            if attempt(
                request,
                lambda: services.propose_split(request.user, appropriation),
                _("Kaavan mukainen ehdotus laskettu."),
            ):
                return redirect("funding:round", year=year)
        elif action == "adopt" and appropriation:
            if attempt(
                request,
                lambda: services.adopt_proposal(request.user, appropriation),
                _("Ehdotus otettu kohdennukseksi."),
            ):
                return redirect("funding:round", year=year)
        elif action == "allocations" and appropriation:
            amounts = {
                int(key.removeprefix("amount-")): value
                for key, value in request.POST.items()
                if key.startswith("amount-") and key.removeprefix("amount-").isdigit()
            }
            if attempt(
                request,
                lambda: services.set_allocations(request.user, appropriation, amounts),
                _("Kohdennus tallennettu."),
            ):
                return redirect("funding:round", year=year)
    summary = (
        selectors.funding_summary(appropriation, _visible_regions(request.user)) if appropriation else None
    )
    posted = (
        {k: v for k, v in request.POST.items() if k.startswith("amount-")} if request.method == "POST" else {}
    )
    return render(
        request,
        "funding/round.html",
        {
            "round": round,
            "appropriation": appropriation,
            "summary": summary,
            "form": form,
            "may_manage": may_manage,
            "posted": posted,
        },
    )


@require_http_methods(["GET", "POST"])
def funding_region(request: HttpRequest, year: int, code: str) -> HttpResponse:
    round, region = _round(year), _region(code)
    require(request.user, "funding.view", region)
    appropriation = selectors.appropriation_for(round.pk)
    if appropriation is None:
        raise Http404("no appropriation")
    allocation = get_object_or_404(RegionAllocation, appropriation=appropriation, region=region)
    conclusions = Conclusion.objects.filter(round=round, region=region)
    form = EntityForm(request.POST or None, conclusions=conclusions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: services.save_entity(
                request.user,
                allocation,
                name_fi=data["name_fi"],
                name_sv=data["name_sv"],
                recipient=data["recipient"],
                amount=data["amount"],
                conclusion=data["conclusion"],
            ),
            _("Kokonaisuus lisätty."),
        ):
            return redirect("funding:region", year=year, code=region.code)
    summary = selectors.funding_summary(appropriation, {region.pk})
    return render(
        request,
        "funding/region.html",
        {
            "round": round,
            "region": region,
            "allocation": allocation,
            "region_summary": summary.regions[0] if summary.regions else None,
            "form": form,
            "may_manage": can(request.user, "funding.manage", allocation),
        },
    )


@require_http_methods(["GET", "POST"])
def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entity = get_object_or_404(
        FundedEntity.objects.select_related(
            "allocation__region", "allocation__appropriation__round", "conclusion"
        ),
        pk=pk,
    )
    require(request.user, "funding.view", entity)
    form = LedgerForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "delete":
        region = entity.allocation.region
        year = entity.allocation.appropriation.round.year
        if attempt(request, lambda: services.delete_entity(request.user, entity), _("Kokonaisuus poistettu.")):
            return redirect("funding:region", year=year, code=region.code)
        return redirect("funding:entity", pk=pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(
            request,
            lambda: services.record_ledger_entry(
                request.user,
                entity,
                kind=data["kind"],
                amount=data["amount"],
                booked_on=data["booked_on"],
                reference=data["reference"],
                note=data["note"],
            ),
            _("Kirjaus tallennettu."),
        ):
            return redirect("funding:entity", pk=pk)
    return render(
        request,
        "funding/entity.html",
        {
            "entity": entity,
            "balance": selectors.entity_balance(entity),
            "entries": entity.ledger.select_related("created_by"),
            "form": form,
            "may_record": can(request.user, "ledger.record", entity),
            "may_manage": can(request.user, "funding.manage", entity),
        },
    )


@require_GET
def funding_export(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "funding.view")
    round = _round(year)
    appropriation = selectors.appropriation_for(round.pk)
    if appropriation is None:
        raise Http404("no appropriation")
    visible = _visible_regions(request.user)
    summary = selectors.funding_summary(appropriation, visible)
    entries = LedgerEntry.objects.filter(entity__allocation__appropriation=appropriation).select_related(
        "entity__allocation__region"
    )
    if visible is not None:
        entries = entries.filter(entity__allocation__region_id__in=visible)
    return _file_response(exports.funding_xlsx(summary, list(entries)), XLSX, f"akke-{year}.xlsx")


