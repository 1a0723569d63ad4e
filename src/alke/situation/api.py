"""Open API of the situational picture: indicators, their values, datasets and dataset cells.

No `from __future__ import annotations` here: ninja reads the parameter types of a `@paginate`d
view through its wrapper, where string annotations such as `Year` cannot be resolved.
"""

import math
from datetime import datetime
from decimal import Decimal

from django.db.models import Max
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from alke.core.api.params import Code, Key, Pagination, Text, Version, Year
from alke.situation import cells as cell_values
from alke.situation.models import Category, Dataset, DatasetVersion, Indicator, IndicatorValue

router = Router(tags=["situational picture"])
RESERVED = {"version", "limit", "offset", "page"}
# What `q` searches in an indicator.
SEARCHED = ("pk", "code", "name_fi", "name_sv", "name_en")


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
    is_key: bool
    has_data: bool
    latest_year: int | None

    @staticmethod
    def resolve_has_data(indicator: Indicator) -> bool:
        return indicator.latest_year is not None


class ValueOut(Schema):
    region: str
    year: int
    period: str
    value: Decimal
    detail: dict

    @staticmethod
    def resolve_region(value: IndicatorValue) -> str:
        return value.area

    @staticmethod
    def resolve_value(value: IndicatorValue) -> Decimal:
        return value.rounded


class VersionOut(Schema):
    number: int
    is_current: bool
    format: str
    language: str
    source_updated: datetime | None
    imported_at: datetime
    first_period: str
    latest_period: str
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
    items: list[CellOut]


@router.get("/indicators", response=list[IndicatorOut], summary="Indicator definitions")
@paginate(Pagination)
def list_indicators(
    request: HttpRequest,
    topic: Code | None = None,
    key: bool | None = None,
    dataset: Key | None = None,
    q: Text | None = None,
):
    """Active indicators in display order. Filter by `topic` (population, labour, economy, skills,
    innovation), `key=true` for the key indicators, `dataset` (the code of the dataset they are computed
    from) and `q`, words found in the code or the name in any language."""
    qs = Indicator.objects.filter(is_active=True)
    if topic:
        if topic not in Indicator.Topic.values:
            raise HttpError(422, f"Unknown topic {topic!r}; use one of {', '.join(Indicator.Topic.values)}.")
        qs = qs.filter(topic=topic)
    if key is not None:
        qs = qs.filter(is_key=key)
    if dataset:
        qs = qs.filter(dataset_code=dataset)
    words = (q or "").casefold().split()
    if words:
        # A few dozen rows, matched here: SQLite's LIKE folds only ASCII case (VÄKILUKU vs väkiluku).
        texts = {pk: " ".join(names).casefold() for pk, *names in qs.values_list(*SEARCHED)}
        qs = qs.filter(pk__in=[pk for pk, text in texts.items() if all(w in text for w in words)])
    # Meta.ordering does not apply to a grouped query: order explicitly so pages do not overlap.
    return qs.annotate(latest_year=Max("values__year")).order_by("order", "code")


@router.get("/indicators/{code}/values", response=list[ValueOut], summary="Values of one indicator")
@paginate(Pagination)
def indicator_values(
    request: HttpRequest,
    code: Key,
    region: Code | None = None,
    year: Year | None = None,
    year_from: Year | None = None,
    year_to: Year | None = None,
):
    """Values by region (`MKxx`, or `SSS` for the whole country) and year, ordered by region and year.
    Filter with `region`, one `year`, or a range of years with `year_from` and `year_to` (both
    inclusive)."""
    try:
        indicator = Indicator.objects.get(code=code, is_active=True)
    except Indicator.DoesNotExist:
        raise Http404(f"no indicator {code}") from None
    if year_from is not None and year_to is not None and year_from > year_to:
        raise HttpError(422, f"year_from {year_from} is after year_to {year_to}.")
    # `rounded` reads the indicator's decimals: join it rather than query it for every row.
    qs = (
        IndicatorValue.objects.filter(indicator=indicator)
        .select_related("indicator")
        .order_by("area", "year")
    )
    if region:
        qs = qs.filter(area=region.upper())
    if year is not None:
        qs = qs.filter(year=year)
    if year_from is not None:
        qs = qs.filter(year__gte=year_from)
    if year_to is not None:
        qs = qs.filter(year__lte=year_to)
    return qs


def _dataset(code: str) -> Dataset:
    """A dataset by its code only: a code may be all digits (Statistics Norway's 07221), so it is
    never read as a database id."""
    found = Dataset.objects.prefetch_related("versions").filter(code=code).first()
    if found is None:
        raise Http404(f"no dataset {code}")
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
                "language": v.language,
                "source_updated": v.source_updated,
                "imported_at": v.created_at,
                "first_period": v.first_period,
                "latest_period": v.latest_period,
                "cell_count": v.cell_count,
                "missing_count": v.missing_count,
            }
            for v in d.versions.all()
        ],
    }


@router.get("/datasets", response=list[DatasetOut], summary="Imported statistical tables and their versions")
def list_datasets(request: HttpRequest):
    """Every dataset with its versions. `id` is the database id, for reference only: the routes
    below take the dataset's `code`."""
    return [_dataset_out(d) for d in Dataset.objects.prefetch_related("versions")]


@router.get("/datasets/{code}", response=DatasetOut, summary="One statistical table and its versions")
def dataset_detail(request: HttpRequest, code: Key):
    """The dataset whose code is `code` (a code of digits such as 07221 is a code, never an id)."""
    return _dataset_out(_dataset(code))


@router.get(
    "/datasets/{code}/cells",
    response=CellsOut,
    summary="Cells of a dataset",
    description=(
        "`code` is the dataset's code (never its id). "
        "Filter by dimension codes as query parameters, e.g. `?Alue=MK02&Vuosi=2020&Vuosi=2021` "
        "(repeat a parameter for several codes). `version` picks an older version (default: current). "
        "`count` is the number of cells in the selection; `items` holds one page of them in the dataset's "
        "own order, `limit` (1–500, default 100) from `offset`."
    ),
)
def dataset_cells(
    request: HttpRequest, code: Key, page: Query[Pagination.Input], version: Version | None = None
):
    dataset = _dataset(code)
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
    sizes = [d.size for d in dims]
    strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
    combos = [_combination(chosen, n) for n in range(page.offset, min(page.offset + page.limit, total))]
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
        "count": total,
        "items": cells,
    }


def _combination(chosen: list[list[Category]], n: int) -> tuple[Category, ...]:
    """The n-th combination of the chosen categories, in the order `itertools.product` would give it,
    without walking the ones before it (the last dimension varies fastest)."""
    picked = []
    for options in reversed(chosen):
        n, index = divmod(n, len(options))
        picked.append(options[index])
    return tuple(reversed(picked))
