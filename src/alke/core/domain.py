"""The one domain error every service raises, and the one way a page shows it.

`DomainError` says why a write was refused in words for the user (Finnish source text, translated) and
with a stable `code` for programs and tests ("phase_closed", "document_final", "edit_conflict", ...; the
default is "invalid"). It is a Django `ValidationError`, so a model's own `full_clean()` refusals and the
services' refusals are handled alike. Each app may subclass it (AgreementError, FollowUpError, ...) to
give its errors a family; the code stays what tells the kind of refusal.

Pages run a service with `attempt(request, action, success, form=...)`: a refusal becomes the form's
errors or a message on the page. The API answers every error as {"detail": ..., "code": ...}
(`alke.core.api.errors`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


class DomainError(ValidationError):
    """A refused write or a bad input; `str()` is the message for the user, `code` its stable kind."""

    default_code = "invalid"

    def __init__(self, message: Any, code: str | None = None, params: dict | None = None) -> None:
        super().__init__(message, code=code or self.default_code, params=params)

    def __str__(self) -> str:
        # The plain message (ValidationError would show a list), so handlers that print str(error) read well.
        return " ".join(self.messages)

    def page_messages(self) -> list[str]:
        """What a page shows; a refusal with details of its own (rows of a file) may say it shorter."""
        return list(self.messages)


def refusal_code(error: ValidationError) -> str:
    """The stable code of any refusal: a DomainError's own, a model validation's first, else "invalid"."""
    if isinstance(error, DomainError):
        return error.code
    codes = [e.code for e in getattr(error, "error_list", []) if getattr(e, "code", None)]
    return codes[0] if codes else "invalid"


def attempt(
    request: HttpRequest,
    action: Callable[[], Any],
    success: str | None = None,
    *,
    form: Any = None,
    field: str | None = None,
) -> Any:
    """Run a service for a page and return its result (True when it returns nothing).

    A refusal (a DomainError, or a ValidationError raised by a model) is shown instead of a traceback:
    as the form's errors (on `field`, else the whole form's) when `form` is given, otherwise as error
    messages on the page, and None is returned; the refusal itself is kept on `request.refusal` for pages
    that show its details. On success `success` becomes a success message.
    """
    try:
        result = action()
    except ValidationError as error:
        request.refusal = error
        shown = error.page_messages() if isinstance(error, DomainError) else error.messages
        for message in shown:
            if form is not None:
                form.add_error(field, message)
            else:
                messages.error(request, message)
        return None
    if success:
        messages.success(request, success)
    return True if result is None else result
