"""Errors of the API as one JSON shape, {"detail": ..., "code": ...}, never a 500 for a refusal.

`detail` is the message for a person, `code` a stable word for a program: a service's refusal gives its
`DomainError` code ("phase_closed", "edit_conflict", ...), and the API's own answers use
"permission_denied" (403), "unauthenticated" (401), "not_found" (404), "invalid_request" (422, the
parameters or body do not fit the schema; `errors` then lists each one with its `loc`),
"out_of_range" (422) and "invalid" (422, a refusal without a code of its own).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError

from alke.core.domain import refusal_code

HTTP_CODES = {400: "bad_request", 401: "unauthenticated", 403: "permission_denied", 404: "not_found"}


def error_body(detail: str, code: str, **extra) -> dict:
    return {"detail": detail, "code": code, **extra}


def _validation_detail(exc: DjangoValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)


def install(api: NinjaAPI) -> None:
    """Map the refusals raised by services and by the API itself to the one error shape."""

    @api.exception_handler(PermissionDenied)
    def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        action = str(exc) or "this action"
        return api.create_response(
            request, error_body(f"You do not have permission for {action}.", "permission_denied"), status=403
        )

    @api.exception_handler(OverflowError)
    @api.exception_handler(DataError)
    def out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
        # An id or year beyond what the database stores (SQLite raises OverflowError, PostgreSQL
        # DataError) is a bad request, not a server fault. Endpoints bound their parameters
        # (alke.core.api.params) so this is only the backstop, e.g. for numbers inside a request body.
        return api.create_response(
            request,
            error_body("A number in the request is out of the range the service accepts.", "out_of_range"),
            status=422,
        )

    @api.exception_handler(DjangoValidationError)
    def refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        # DomainError is a ValidationError: every service refusal lands here with its code.
        return api.create_response(request, error_body(_validation_detail(exc), refusal_code(exc)), status=422)

    @api.exception_handler(RequestValidationError)
    def invalid_request(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
        fields = ", ".join(".".join(str(part) for part in error.get("loc", [])) for error in exc.errors)
        return api.create_response(
            request,
            error_body(f"The request does not fit: {fields}.", "invalid_request", errors=exc.errors),
            status=422,
        )

    @api.exception_handler(AuthenticationError)
    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = HTTP_CODES.get(exc.status_code, "invalid" if exc.status_code == 422 else "error")
        return api.create_response(request, error_body(str(exc), code), status=exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body("Not found.", "not_found"), status=404)
