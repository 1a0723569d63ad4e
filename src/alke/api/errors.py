"""Errors of the API as JSON with a message that names the problem (never a 500 for a refusal)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI


def install(api: NinjaAPI) -> None:
    """Map Django's refusals raised by services to 403 and 422 responses."""

    @api.exception_handler(PermissionDenied)
    def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        action = str(exc) or "this action"
        return api.create_response(
            request, {"detail": f"You do not have permission for {action}."}, status=403
        )

    @api.exception_handler(OverflowError)
    @api.exception_handler(DataError)
    def out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
        # An id or year beyond what the database stores (SQLite raises OverflowError, PostgreSQL
        # DataError) is a bad request, not a server fault. Endpoints bound their parameters
        # (alke.api.params) so this is only the backstop, e.g. for numbers inside a request body.
        return api.create_response(
            request,
            {"detail": "A number in the request is out of the range the service accepts."},
            status=422,
        )

    @api.exception_handler(DjangoValidationError)
    def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "message_dict"):
            detail = [{"loc": [field], "msg": " ".join(msgs)} for field, msgs in exc.message_dict.items()]
        else:
            detail = [{"loc": [], "msg": " ".join(exc.messages)}]
        return api.create_response(request, {"detail": detail}, status=422)
