"""Open API of the situational picture: indicators, their values, datasets and dataset cells."""

from __future__ import annotations

import itertools
import math
from datetime import datetime
from decimal import Decimal

from django.db.models import Max
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from alke.api.params import MAX_ID, Code, Key, Version, Year
from alke.situation import cells as cell_values
from alke.situation.models import Category, Dataset, DatasetVersion, Indicator, IndicatorValue

router = Router(tags=["situational picture"])
MAX_CELLS = 10_000
RESERVED = {"version", "limit", "offset", "page"}


class IndicatorOut(Schema):
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    topic: str
    unit_fi: str
    unit_sv: str
    unit_en: str
    decimals: int
    higher_is_better: bool | None
    derivation: str
    dataset_code: str
    statfin_table: str
    source_fi: str
    source_sv: str
    source_en: str
    has_data: bool
    latest_year: int | None


class ValueOut(Schema):
    region: str
    year: int
    period: str
    value: Decimal
    detail: dict


class VersionOut(Schema):
    number: int
    is_current: bool
    format: str
    source_updated: datetime | None
    imported_at: datetime
    cell_count: int
    missing_count: int


class DatasetOut(Schema):
    id: int
    code: str
    name_fi: str
    name_sv: str
    name_en: str
    table_id: str
    source_fi: str
    source_sv: str
    source_en: str
    licence: str
    versions: list[VersionOut]


class CellOut(Schema):
    position: int
    codes: dict[str, str]
    labels: dict[str, str]
    value: float | None
    status: str


class CellsOut(Schema):
    dataset: str
    version: int
    dimensions: list[str]
    count: int
    cells: list[CellOut]


@router.get("/indicators", response=list[IndicatorOut], summary="Indicator definitions")
def list_indicators(request: HttpRequest):
    latest = {
        row["indicator"]: row["y"]
        for row in IndicatorValue.objects.values("indicator").order_by().annotate(y=Max("year"))
    }
    out = []
    for ind in Indicator.objects.filter(is_active=True):
        out.append(
            {
                **{f: getattr(ind, f) for f in IndicatorOut.model_fields if hasattr(ind, f)},
                "has_data": ind.pk in latest,
                "latest_year": latest.get(ind.pk),
            }
        )
    return out


@router.get("/indicators/{code}/values", response=list[ValueOut], summary="Values of one indicator")
def indicator_values(request: HttpRequest, code: Key, region: Code | None = None, year: Year | None = None):
    """Values by region (`MKxx`, or `SSS` for the whole country) and year; filter with `region` and `year`."""
    try:
        indicator = Indicator.objects.get(code=code, is_active=True)
    except Indicator.DoesNotExist:
        raise Http404(f"no indicator {code}") from None
    qs = IndicatorValue.objects.filter(indicator=indicator).order_by("area", "year")
    if region:
        qs = qs.filter(area=region.upper())
    if year is not None:
        qs = qs.filter(year=year)
    return [
        {"region": v.area, "year": v.year, "period": v.period, "value": v.rounded, "detail": v.detail}
        for v in qs
    ]


def _dataset(id: str) -> Dataset:
    qs = Dataset.objects.all()
    by_id = id.isascii() and id.isdigit() and 0 < int(id) <= MAX_ID
    found = qs.filter(pk=int(id)).first() if by_id else qs.filter(code=id).first()
    if found is None:
        raise Http404(f"no dataset {id}")
    return found


def _dataset_out(d: Dataset) -> dict:
    return {
        "id": d.pk,
        "code": d.code,
        "name_fi": d.name_fi,
        "name_sv": d.name_sv,
        "name_en": d.name_en,
        "table_id": d.table_id,
        "source_fi": d.source_fi,
        "source_sv": d.source_sv,
        "source_en": d.source_en,
        "licence": d.licence,
        "versions": [
            {
                "number": v.number,
                "is_current": v.is_current,
                "format": v.format,
                "source_updated": v.source_updated,
                "imported_at": v.created_at,
                "cell_count": v.cell_count,
                "missing_count": v.missing_count,
            }
            for v in d.versions.all()
        ],
    }


@router.get("/datasets", response=list[DatasetOut], summary="Imported statistical tables and their versions")
def list_datasets(request: HttpRequest):
    return [_dataset_out(d) for d in Dataset.objects.prefetch_related("versions")]


@router.get(
    "/datasets/{id}/cells",
    response=CellsOut,
    summary="Cells of a dataset",
    description=(
        "Filter by dimension codes as query parameters, e.g. `?Alue=MK02&Vuosi=2020&Vuosi=2021` "
        "(repeat a parameter for several codes). `version` picks an older version (default: current). "
        f"At most {MAX_CELLS} cells per request: narrow the selection for larger answers."
    ),
)
def dataset_cells(request: HttpRequest, id: Key, version: Version | None = None):
    dataset = _dataset(id)
    versions = DatasetVersion.objects.filter(dataset=dataset)
    v = versions.filter(number=version).first() if version else versions.filter(is_current=True).first()
    if v is None:
        raise Http404("no such version")
    dims = list(v.dimensions.order_by("position"))
    cats = {d.pk: list(Category.objects.filter(dimension=d).order_by("position")) for d in dims}
    by_code = {d.code: d for d in dims}
    chosen: list[list[Category]] = []
    for param in request.GET:
        if param not in RESERVED and param not in by_code:
            raise HttpError(400, f"unknown dimension {param!r}; dimensions: {', '.join(by_code)}")
    for d in dims:
        wanted = request.GET.getlist(d.code)
        if wanted:
            known = {c.code: c for c in cats[d.pk]}
            missing = [w for w in wanted if w not in known]
            if missing:
                raise HttpError(400, f"dimension {d.code} has no code {', '.join(missing)}")
            chosen.append([known[w] for w in wanted])
        else:
            chosen.append(cats[d.pk])
    total = math.prod(len(c) for c in chosen)
    if total > MAX_CELLS:
        raise HttpError(400, f"the selection has {total} cells; at most {MAX_CELLS} per request")
    sizes = [d.size for d in dims]
    strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
    combos = list(itertools.product(*chosen))
    positions = [sum(c.position * s for c, s in zip(combo, strides, strict=True)) for combo in combos]
    stored = cell_values.read(v, positions)
    cells = []
    for combo, pos in zip(combos, positions, strict=True):
        value, status = stored.get(pos, (None, ""))
        cells.append(
            {
                "position": pos,
                "codes": {d.code: c.code for d, c in zip(dims, combo, strict=True)},
                "labels": {d.code: c.label for d, c in zip(dims, combo, strict=True)},
                "value": value,
                "status": status,
            }
        )
    return {
        "dataset": dataset.code,
        "version": v.number,
        "dimensions": [d.code for d in dims],
        "count": len(cells),
        "cells": cells,
    }
