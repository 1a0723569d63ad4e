"""Schemathesis against /api/v1/openapi.json: no server error, every response matches its schema.

Each operation gets a few generated requests, anonymous and with a coordinator's API key (so writes
go past authentication into the services). Kept small so CI stays fast; the full run is
`schemathesis run` against a served instance.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from alke.api.services import create_token
from alke.api.urls import api  # noqa: E402 - after Django is set up by pytest-django

# The document the server serves at /api/v1/openapi.json (loaded directly: no database at import).
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = get_wsgi_application()
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
# The timetable solver runs for seconds by design; its own tests cover it.
SLOW = {("POST", "/api/v1/schedule/solve")}
# Found by this test and reported to the owning app; skipped here until fixed so the suite stays green.
KNOWN: dict[tuple[str, str], str] = {}


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Requests go through the plain WSGI handler, which closes the database connection after each
    request; on PostgreSQL that would close the test's transaction. Django's own test client detaches
    the same handler for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def coordinator_key(users) -> str:
    return create_token(users["coordinator"], "schemathesis", 1)[1]


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms(case, coordinator_key):
    if (case.method.upper(), case.path) in SLOW:
        pytest.skip("slow by design")
    if (case.method.upper(), case.path) in KNOWN:
        pytest.skip(KNOWN[(case.method.upper(), case.path)])
    case.call_and_validate(checks=CHECKS)
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {coordinator_key}"})


def test_schema_is_complete():
    """Every operation has a summary and every path parameter is documented."""
    raw = schema.raw_schema
    assert raw["components"]["securitySchemes"]
    for path, operations in raw["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            expected = {part[1:-1] for part in path.split("/") if part.startswith("{")}
            assert declared == expected, f"{method.upper()} {path}"
