"""Search and open data exports in the API (the capability apps serve their own objects)."""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from alke.core.api.params import MAX_REPEATS, MAX_TEXT_LENGTH, Code, Key, Pagination, Year
from alke.search import opendata, selectors
from alke.search.registry import sources

router = Router(tags=["search and open data"])


class SearchHit(Schema):
    source: str
    id: int
    language: str
    title: str
    url: str
    context: str
    excerpt: str
    rank: float


class SearchParams(Schema):
    q: str = Field(..., max_length=MAX_TEXT_LENGTH)
    source: list[Key] | None = Field(None, max_length=MAX_REPEATS)


@router.get(
    "/search",
    response=list[SearchHit],
    summary="Full-text search (Finnish and Swedish)",
    description=(
        "Proposals, ministry issues, conclusions, cooperation documents, ecosystem agreements, thematic "
        "networks and development zones matching every word of `q`; only what the caller may read "
        "(anonymous callers: public things only; send an API key to search as its user)."
    ),
)
@paginate(Pagination)
def search(request: HttpRequest, params: Query[SearchParams]):
    known = {s.key for s in sources()}
    chosen = [key for key in params.source or [] if key]
    unknown = sorted(set(chosen) - known)
    if unknown:
        raise HttpError(422, f"unknown source(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    results = selectors.search(request.user, params.q[:200], chosen or None)
    return [
        {
            "source": r.source,
            "id": r.object_pk,
            "language": r.language,
            "title": r.title,
            "url": r.url,
            "context": r.context,
            "excerpt": "".join(text for text, _ in r.snippet.parts),
            "rank": r.rank,
        }
        for r in results
    ]


class DatasetOut(Schema):
    key: str
    title: str
    description: str
    filters: list[str]
    formats: list[str]
    url: str


@router.get("/open-data", response=list[DatasetOut], summary="Open data exports: the datasets")
def open_data(request: HttpRequest):
    return [
        {
            "key": ds.key,
            "title": str(ds.title),
            "description": str(ds.description),
            "filters": list(ds.filters),
            "formats": list(opendata.FORMATS),
            "url": request.build_absolute_uri(f"/api/v1/open-data/{ds.key}"),
        }
        for ds in opendata.datasets()
    ]


class ExportParams(Schema):
    format: Literal["csv", "xlsx", "json"] = "csv"
    round: Year | None = None
    region: Code | None = None
    indicator: Key | None = None
    year: Year | None = None


@router.get(
    "/open-data/{key}",
    summary="One open dataset as CSV, XLSX or JSON",
    response={200: None, 404: dict, 422: dict},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The dataset as a file",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                        "schema": {"type": "string", "format": "binary"}
                    },
                },
            }
        }
    },
)
def open_data_export(request: HttpRequest, key: Key, params: Query[ExportParams]):
    ds = opendata.dataset(key)
    if ds is None:
        known = ", ".join(d.key for d in opendata.datasets())
        return Status(404, {"detail": f"no dataset {key!r}; datasets: {known}", "code": "not_found"})
    clean = opendata.clean_params(ds, params.dict())
    content, content_type, name = opendata.render(ds, clean, params.format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
