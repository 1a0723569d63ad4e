"""Pages of the situational picture. Thin: reads come from `picture`/`selectors`, writes from `services`."""

from __future__ import annotations

import functools
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alke.core.cache import STATS, cached
from alke.core.domain import attempt
from alke.core.permissions import can
from alke.regions.models import Region
from alke.rounds.models import Round
from alke.situation import charts, exports, services
from alke.situation.forms import AnalysisForm, ImportForm
from alke.situation.models import Dataset, Indicator
from alke.situation.parsers import StatsFormatError
from alke.situation.picture import comparison, dataset_sources, fmt, region_picture, round_year
from alke.situation.selectors import indicator_overview, region_analyses

GEOJSON = Path(__file__).resolve().parent.parent / "data" / "geo" / "maakunnat_2023_nls.geojson"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "situation/index.html",
        {
            "topics": cached(STATS, f"indicator-overview:{round_year()}", indicator_overview),
            "sources": dataset_sources(),
            "regions": Region.objects.mainland(),
            "may_import": can(request.user, "stats.import"),
        },
    )


@require_GET
def indicator(request: HttpRequest, code: str) -> HttpResponse:
    obj = get_object_or_404(Indicator, code=code, is_active=True)
    try:
        year = int(request.GET.get("vuosi", ""))
    except ValueError:
        year = None
    data = comparison(obj, year)
    context = {"indicator": obj, "data": data, "fmt_decimals": obj.decimals}
    if data["rows"]:
        context["bar_spec"] = charts.bar_spec(data)
        context["map_spec"] = charts.map_spec(data)
    return render(request, "situation/indicator.html", context)


def _panel_picture(region: Region) -> dict:
    """The statistics part of the panel: the picture with its charts and tables (cached per language)."""
    picture = region_picture(region)
    country_name = _("koko maa")
    for summary in picture["summaries"]:
        summary.chart = charts.line_spec(summary, region.name, country_name)
        summary.chart_rows, summary.chart_title = charts.series_rows(summary, region.name, country_name)
        summary.table_rows = _pivot(summary.chart_rows, region.name, country_name, charts.indexed(summary))
    if picture["structure"]:
        picture["structure"]["chart"] = charts.structure_spec(picture["structure"], region.name, country_name)
    picture["country_name"] = country_name
    return picture


def panel_context(request: HttpRequest, region: Region) -> dict:
    """The region page's situational picture section (registered as a region panel)."""
    # Built from the statistics alone, so it is cached until they (or the indicators, regions) change.
    picture = cached(STATS, f"region-panel:{region.code}:{round_year()}", lambda: _panel_picture(region))
    analyses = []
    if can(request.user, "analysis.view"):
        analyses = region_analyses(region)
    picture.update(
        {
            "analyses": analyses,
            "may_view_analyses": can(request.user, "analysis.view"),
            "may_write_analysis": can(request.user, "analysis.write", region),
        }
    )
    return picture


def _pivot(rows: list[dict], region_name: str, country_name: str, indexed: bool) -> list[dict]:
    by_year: dict[int, dict] = {}
    for row in rows:
        by_year.setdefault(row["year"], {"year": row["year"]})[
            "region" if row["area"] == region_name else "country"
        ] = row["value"]
    decimals = 1 if indexed else None
    out = []
    for year in sorted(by_year):
        r = by_year[year]
        out.append(
            {
                "year": year,
                "region": fmt(
                    r.get("region"), decimals if decimals is not None else _decimals(r.get("region"))
                ),
                "country": fmt(
                    r.get("country"), decimals if decimals is not None else _decimals(r.get("country"))
                ),
            }
        )
    return out


def _decimals(value) -> int:
    if value is None:
        return 0
    text = repr(float(value))
    return 0 if text.endswith(".0") else min(len(text.split(".")[1]), 3)


@require_GET
def region_export(request: HttpRequest, code: str, fmt_name: str) -> HttpResponse:
    region = get_object_or_404(Region, code=code.upper())
    picture = region_picture(region)
    if can(request.user, "analysis.view"):
        picture["analyses"] = region_analyses(region)
    else:
        picture["analyses"] = []
    return exports.export(request, picture, fmt_name)


@require_GET
def indicator_export(request: HttpRequest, code: str, fmt_name: str) -> HttpResponse:
    obj = get_object_or_404(Indicator, code=code, is_active=True)
    return exports.export_indicator(obj, fmt_name)


@login_required
@require_http_methods(["GET", "POST"])
def analysis_edit(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region, code=code.upper())
    if not can(request.user, "analysis.write", region):
        raise PermissionDenied(_("Et voi kirjoittaa tämän maakunnan analyysia."))
    form = AnalysisForm(request.POST or None, user=request.user, region=region)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            request,
            lambda: services.save_analysis(
                request.user,
                region=region,
                round=form.cleaned_data["round"],
                organisation=form.cleaned_data["organisation"],
                section=form.cleaned_data["section"],
                text=form.cleaned_data["text"],
            ),
            _("Analyysi tallennettu."),
            form=form,
            field="text",
        )
        if saved:
            return redirect(f"{region.get_absolute_url()}#situation-analysis")
    existing = region_analyses(region)
    return render(
        request,
        "situation/analysis_form.html",
        {"region": region, "form": form, "existing": existing, "has_rounds": Round.objects.exists()},
    )


@require_GET
def datasets(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "situation/datasets.html",
        {
            "datasets": Dataset.objects.prefetch_related("versions"),
            "may_import": can(request.user, "stats.import"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def dataset_import(request: HttpRequest) -> HttpResponse:
    """Step 1: a file or an address, previewed (nothing is stored); step 2 confirms the preview."""
    if not can(request.user, "stats.import"):
        raise PermissionDenied(_("Vain koordinaattori voi tuoda tilastoja."))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["file"]:
                raw, origin, query = data["file"].read(), data["file"].name, None
            else:
                origin = data["url"]
                raw, query = services.fetch(origin, data["query"])
            pending, preview = services.stage_import(
                request.user,
                raw,
                fmt=data["format"],
                origin=origin,
                query=query,
                dataset_code=data["dataset"] or None,
            )
        except StatsFormatError as exc:
            form.add_error("file" if data["file"] else "url", str(exc))
        else:
            return render(
                request,
                "situation/import_preview.html",
                {"preview": preview, "pending": pending, "form": form},
            )
    return render(request, "situation/import.html", {"form": form})


@login_required
@require_POST
def dataset_import_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Store the previewed table (or discard it): only what was previewed, only by who previewed it."""
    if not can(request.user, "stats.import"):
        raise PermissionDenied(_("Vain koordinaattori voi tuoda tilastoja."))
    if request.POST.get("action") == "cancel":
        services.discard_import(request.user, token)
        messages.info(request, _("Tuonti peruttiin; mitään ei tallennettu."))
        return redirect("situation:import")
    try:
        result = services.confirm_import(request.user, token)
    except StatsFormatError as exc:
        messages.error(request, str(exc))
        return redirect("situation:import")
    if result.created:
        messages.success(
            request,
            _("Tallennettu versio %(n)s: %(cells)s arvoa, %(missing)s puuttuvaa.")
            % {"n": result.version.number, "cells": result.cells, "missing": result.missing},
        )
    else:
        messages.info(request, result.message)
    for code, error in result.indicator_errors.items():
        messages.warning(request, f"{code}: {error}")
    return redirect(result.dataset.get_absolute_url())


@require_GET
def dataset(request: HttpRequest, code: str) -> HttpResponse:
    obj = get_object_or_404(Dataset, code=code)
    versions = list(obj.versions.all())
    current = next((v for v in versions if v.is_current), None)
    dims = list(current.dimensions.prefetch_related("categories")) if current else []
    return render(
        request,
        "situation/dataset.html",
        {
            "dataset": obj,
            "versions": versions,
            "current": current,
            "dims": dims,
            "indicators": Indicator.objects.filter(dataset_code=obj.code),
        },
    )


@require_GET
@cache_control(max_age=86400, public=True)
def geojson(request: HttpRequest) -> FileResponse:
    """Region boundaries (NLS 2023, CC BY 4.0) for the choropleth map."""
    return FileResponse(GEOJSON.open("rb"), content_type="application/geo+json")


@functools.cache
def _interpreter_source() -> str:
    path = finders.find("vendor/vega-interpreter.js")
    if not path:
        raise Http404("vega-interpreter is not installed")
    source = Path(path).read_text(encoding="utf-8")
    # The vendored file is an ES module importing 'vega-util'; the browser cannot resolve that bare name
    # without an inline import map, which the CSP forbids. vega.min.js already exposes the same
    # functions, so the module is served as a classic script that takes them from the global `vega`.
    source = source.replace(
        "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';",
        "(function () {\nconst { ascending, isString, DisallowedObjectProperties } = globalThis.vega;",
    )
    source = source.replace(
        "export { expression as expressionInterpreter };",
        "globalThis.vegaExpressionInterpreter = expression;\n})();",
    )
    if "globalThis.vegaExpressionInterpreter" not in source or "from 'vega-util'" in source:
        raise RuntimeError(
            "vendor/vega-interpreter.js changed shape; update situation.views._interpreter_source"
        )
    return source.replace("//# sourceMappingURL=vega-interpreter.js.map", "")


@require_GET
@cache_control(max_age=86400, public=True)
def interpreter(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_interpreter_source(), content_type="text/javascript; charset=utf-8")
