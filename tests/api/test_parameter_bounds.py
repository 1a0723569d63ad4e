"""Every API parameter declares its bounds in the OpenAPI document, and the bounds are enforced.

Integers (ids, years, limits, offsets) declare a minimum and a maximum, so no request can carry a
number the database cannot hold; strings in the query or the path declare a maxLength (an enum bounds
itself). Repeated parameters (arrays) bound their items and their count.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client, RequestFactory
from ninja import NinjaAPI

from alke.api.urls import api
from alke.core.api.errors import install
from alke.core.api.params import MAX_ID, MAX_LIMIT, MAX_OFFSET


def parameters() -> list[tuple[str, dict[str, Any]]]:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                label = f"{method.upper()} {path} {parameter['in']}:{parameter['name']}"
                found.append((label, parameter))
    return found


def branches(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives of a parameter's schema, without the `null` of an optional parameter."""
    options = schema.get("anyOf") or schema.get("oneOf") or [schema]
    return [option for option in options if option.get("type") != "null"]


def unbounded(schema: dict[str, Any]) -> list[str]:
    problems = []
    for option in branches(schema):
        kind = option.get("type")
        if kind == "array":
            if "maxItems" not in option:
                problems.append("array without maxItems")
            problems += [f"items: {p}" for p in unbounded(option.get("items", {}))]
        elif kind == "integer":
            if "minimum" not in option and "exclusiveMinimum" not in option:
                problems.append("integer without minimum")
            if "maximum" not in option and "exclusiveMaximum" not in option:
                problems.append("integer without maximum")
        elif kind == "number":
            if not {"minimum", "exclusiveMinimum"} & option.keys():
                problems.append("number without minimum")
            if not {"maximum", "exclusiveMaximum"} & option.keys():
                problems.append("number without maximum")
        elif kind == "string":
            if "maxLength" not in option and "enum" not in option:
                problems.append("string without maxLength")
        elif kind != "boolean":
            problems.append(f"no rule for a parameter of type {kind!r}")
    return problems


PARAMETERS = parameters()


def test_the_walk_finds_the_apis_parameters():
    labels = {label for label, _ in PARAMETERS}
    assert len(PARAMETERS) > 50
    assert "GET /api/v1/conclusions query:limit" in labels
    assert "GET /api/v1/schedule/rounds/{year} path:year" in labels


@pytest.mark.parametrize("label,parameter", PARAMETERS, ids=[label for label, _ in PARAMETERS])
def test_every_parameter_declares_its_bounds(label, parameter):
    assert unbounded(parameter["schema"]) == [], label


def test_integers_fit_a_bigint_and_pages_are_bounded():
    for label, parameter in PARAMETERS:
        for option in branches(parameter["schema"]):
            for number in [option, option.get("items", {})]:
                if number.get("type") == "integer":
                    assert number["maximum"] <= MAX_ID, label
        if parameter["name"] == "limit":
            assert parameter["schema"]["minimum"] == 1 and parameter["schema"]["maximum"] == MAX_LIMIT
        if parameter["name"] == "offset":
            assert parameter["schema"]["minimum"] == 0 and parameter["schema"]["maximum"] == MAX_OFFSET


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url,name",
    [
        ("/api/v1/regions?limit=0", "limit"),
        (f"/api/v1/regions?limit={MAX_LIMIT + 1}", "limit"),
        ("/api/v1/regions?offset=-1", "offset"),
        (f"/api/v1/municipalities?offset={MAX_OFFSET + 1}", "offset"),
        (f"/api/v1/agreements/{MAX_ID + 1}", "pk"),
        ("/api/v1/networks/0", "pk"),
        ("/api/v1/cooperation-documents/99999999999999999999999", "document_id"),
        ("/api/v1/conclusions?round=123456789012345678901", "round"),
        ("/api/v1/follow-up/conclusions?region=" + "X" * 500, "region"),
        ("/api/v1/search?q=" + "sana " * 100, "q"),
        ("/api/v1/zones?q=" + "x" * 1000, "q"),
        ("/api/v1/indicators/" + "x" * 500 + "/values", "code"),
        ("/api/v1/open-data/regions?year=99999999999999999999", "year"),
    ],
)
def test_out_of_bounds_parameters_are_refused_naming_the_parameter(url, name):
    response = Client().get(url)
    assert response.status_code == 422, (url, response.status_code, response.content[:300])
    body = response.json()
    assert body["code"] == "invalid_request" and name in body["detail"], body
    assert any(name in error["loc"] for error in body["errors"]), body


# The backstop: an endpoint that forgot its bounds still answers 422, not 500, when the database
# cannot hold a number (SQLite raises OverflowError, PostgreSQL DataError).
unbounded_api = NinjaAPI(urls_namespace="unbounded-probe")
install(unbounded_api)


@unbounded_api.get("/number")
def echo_number(request, pk: int):
    # Django's lookups already turn an out-of-range id into "no rows"; raw SQL does not.
    with connection.cursor() as cursor:
        cursor.execute("SELECT CAST(%s AS bigint)", [pk])
        return {"value": cursor.fetchone()[0]}


@pytest.mark.django_db
def test_the_range_backstop_still_answers_422():
    request = RequestFactory().get("/number", {"pk": str(10**30)})
    request.user = AnonymousUser()
    match = next(m for m in (p.resolve("number") for p in unbounded_api.urls[0]) if m)
    response = match.func(request)
    assert response.status_code == 422
    assert b"out of the range" in response.content
