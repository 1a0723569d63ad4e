"""Pages of the partnership register. Thin: selectors read, services write and check permissions."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alke.core import tabular
from alke.core.domain import attempt
from alke.core.permissions import can
from alke.partnerships import forms, maps, selectors, services
from alke.partnerships.models import Contact, Document, Funding

TITLES = {
    "agreement": gettext_lazy("Ekosysteemi-, kasvu- ja siltasopimukset"),
    "network": gettext_lazy("Aluekehittämisen teemaverkostot"),
    "zone": gettext_lazy("Kehittämisvyöhykkeet"),
}
PAGE_SIZE = 50
DETAIL_MODELS = {"funding": Funding, "contact": Contact, "document": Document}


def _titles() -> dict[str, str]:
    return {kind: str(title) for kind, title in TITLES.items()}


def _record(request: HttpRequest, kind: str, pk: int):
    try:
        return selectors.record(kind, pk, request.user)
    except selectors.model_for(kind).DoesNotExist:
        raise Http404("no such record") from None


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    regions, cities = maps.map_rows()
    return render(
        request,
        "partnerships/index.html",
        {
            "totals": selectors.totals(),
            "groups": selectors.focus_area_groups(),
            "map_regions": regions,
            "map_cities": cities,
            "map_spec": maps.map_spec(),
        },
    )


@require_GET
def map_spec(request: HttpRequest) -> JsonResponse:
    return JsonResponse(maps.map_spec(), json_dumps_params={"ensure_ascii": False})


@require_GET
def record_list(request: HttpRequest, kind: str) -> HttpResponse:
    form = forms.FilterForm(request.GET or None, kind=kind)
    filters = selectors.Filters.from_query(request.GET)
    page = Paginator(selectors.search(kind, filters, request.user), PAGE_SIZE).get_page(
        request.GET.get("sivu")
    )
    query = urlencode(filters.as_query())
    return render(
        request,
        "partnerships/list.html",
        {
            "kind": kind,
            "title": _titles()[kind],
            "form": form,
            "records": page.object_list,
            "page": page,
            "filters": filters,
            "query": query,
            "is_filtered": bool(filters.as_query()),
        },
    )


@require_GET
def export(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    filters = selectors.Filters.from_query(request.GET)
    header, rows = selectors.export_rows(kind, filters, request.user)
    if fmt == "csv":
        return tabular.csv_response(f"kumppanuudet-{kind}.csv", header, rows)
    if fmt == "xlsx":
        sheet = tabular.Sheet(
            title=_titles()[kind],
            header=header,
            rows=rows,
            money_columns={i for i, name in enumerate(header, start=1) if name.endswith("_eur")},
            date_columns={
                i for i, name in enumerate(header, start=1) if name in selectors.EXPORT_DATE_COLUMNS
            },
        )
        return tabular.xlsx_response(f"kumppanuudet-{kind}.xlsx", [sheet])
    raise Http404("unknown export format")


@require_GET
def record_detail(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = _record(request, kind, pk)
    may_edit = can(request.user, "partnership.edit_own", obj)
    context = {
        "kind": kind,
        "list_title": _titles()[kind],
        "object": obj,
        "funding": selectors.funding_table(obj),
        "contacts": list(obj.contacts.all()),
        "documents": list(obj.documents.all()),
        "may_edit": may_edit,
        "may_manage": can(request.user, "partnership.manage", obj),
    }
    if may_edit:
        context.update(
            funding_form=forms.FundingForm(prefix="funding"),
            contact_form=forms.ContactForm(prefix="contact"),
            document_form=forms.DocumentForm(prefix="document"),
        )
    return render(request, "partnerships/detail.html", context)


def _deny_unless(request: HttpRequest, action: str, obj) -> None:
    if not can(request.user, action, obj):
        raise PermissionDenied(action)


@login_required
@require_http_methods(["GET", "POST"])
def edit_content(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = _record(request, kind, pk)
    _deny_unless(request, "partnership.edit_own", obj)
    initial = {
        "description": obj.description,
        "goals": obj.goals,
        "results": obj.results,
        "member_organisations": list(obj.member_organisations.all()),
    }
    form = forms.ContentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.update_content(
            request.user,
            obj,
            description=data["description"],
            goals=data["goals"],
            results=data["results"],
            member_organisations=data["member_organisations"],
        )
        messages.success(request, _("Tiedot tallennettiin."))
        return redirect(obj.get_absolute_url())
    return render(
        request,
        "partnerships/edit.html",
        {
            "kind": kind,
            "object": obj,
            "form": form,
            "heading": _("Muokkaa sisältöä"),
            "list_title": _titles()[kind],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_frame(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    obj = _record(request, kind, pk)
    _deny_unless(request, "partnership.manage", obj)
    initial = {
        "is_public": obj.is_public,
        "period_start": obj.period_start,
        "period_end": obj.period_end,
        "regions": list(obj.regions.all()),
        "is_national": obj.is_national,
    }
    if kind == "agreement":
        initial["status"] = obj.status
    form = forms.FrameForm(request.POST or None, initial=initial, kind=kind)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            lambda: services.update_frame(request.user, obj, **form.cleaned_data),
            _("Tiedot tallennettiin."),
            form=form,
        )
        if done:
            return redirect(obj.get_absolute_url())
    return render(
        request,
        "partnerships/edit.html",
        {
            "kind": kind,
            "object": obj,
            "form": form,
            "heading": _("Muokkaa kautta, tilaa ja maakuntia"),
            "list_title": _titles()[kind],
        },
    )


def _detail_post(request: HttpRequest, kind: str, pk: int, form_class, prefix: str, write) -> HttpResponse:
    obj = _record(request, kind, pk)
    _deny_unless(request, "partnership.edit_own", obj)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        attempt(request, lambda: write(obj, form.cleaned_data), _("Tiedot tallennettiin."))
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect(f"{obj.get_absolute_url()}#{prefix}")


@login_required
@require_POST
def add_funding(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _detail_post(
        request,
        kind,
        pk,
        forms.FundingForm,
        "funding",
        lambda obj, d: services.set_funding(
            request.user, obj, source=d["source"], year=d["year"], amount=d["amount"], note=d["note"]
        ),
    )


@login_required
@require_POST
def add_contact(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _detail_post(
        request,
        kind,
        pk,
        forms.ContactForm,
        "contact",
        lambda obj, d: services.add_contact(request.user, obj, **d),
    )


@login_required
@require_POST
def add_document(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _detail_post(
        request,
        kind,
        pk,
        forms.DocumentForm,
        "document",
        lambda obj, d: services.add_document(request.user, obj, **d),
    )


@login_required
@require_POST
def remove_detail(request: HttpRequest, kind: str, pk: int, detail: str, detail_pk: int) -> HttpResponse:
    obj = _record(request, kind, pk)
    model = DETAIL_MODELS.get(detail)
    if model is None:
        raise Http404("unknown detail")
    try:
        row = model.objects.get(pk=detail_pk, **{kind: obj})
    except model.DoesNotExist:
        raise Http404("no such row") from None
    services.remove_detail(request.user, row)
    messages.success(request, _("Rivi poistettiin."))
    return redirect(f"{obj.get_absolute_url()}#{detail}")
