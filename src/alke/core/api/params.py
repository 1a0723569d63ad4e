"""Bounded types for the API's query and path parameters, so the OpenAPI document declares the limits.

Every endpoint declares what it accepts: ids are positive and fit the database's bigint primary keys,
years are four-digit years, codes and free text have a maximum length, and pages have a bounded size
and offset. A request outside the bounds gets 422 naming the parameter before any query runs; the
handler for database range errors in `alke.core.api.errors` stays as the backstop.

Use them as annotations, e.g. `def get(request, year: Year, region: Code | None = None)`, and in
`ninja.Schema` classes used with `Query[...]`; paginated endpoints use `@paginate(Pagination)`.
"""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema
from ninja.conf import settings
from ninja.pagination import LimitOffsetPagination

# Primary keys are BigAutoField: PostgreSQL bigint and SQLite integers both end here.
MAX_ID = 2**63 - 1
# The same window the open-data exports accept for years.
MIN_YEAR, MAX_YEAR = 1900, 2200
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
# Region codes (MK02, SSS), ministry abbreviations, status values.
MAX_CODE_LENGTH = 20
# Slugs and codes of datasets, indicators and open-data keys (their model fields hold at most 100).
MAX_KEY_LENGTH = 100
# Free-text search words.
MAX_TEXT_LENGTH = 200
# How many values a repeated query parameter may carry.
MAX_REPEATS = 50

Id = Annotated[int, Field(ge=1, le=MAX_ID, description="A positive id.")]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR, description=f"A year, {MIN_YEAR}–{MAX_YEAR}.")]
Version = Annotated[int, Field(ge=1, le=32767, description="A version number.")]
Code = Annotated[str, Field(max_length=MAX_CODE_LENGTH)]
Key = Annotated[str, Field(max_length=MAX_KEY_LENGTH)]
Text = Annotated[str, Field(max_length=MAX_TEXT_LENGTH)]


class Pagination(LimitOffsetPagination):
    """Ninja's limit/offset pagination with an upper bound on both (limit 1–500, offset 0–1,000,000)."""

    class Input(Schema):
        limit: int = Field(settings.PAGINATION_PER_PAGE, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
