"""The page where a signed-in user creates and revokes API keys."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from alke.api import selectors, services
from alke.api.forms import TokenForm
from alke.api.models import ApiToken
from alke.core.domain import attempt


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        created = attempt(
            request,
            lambda: services.create_token(
                request.user, form.cleaned_data["name"], form.cleaned_data["valid_days"]
            ),
            form=form,
        )
        if created:
            token, new_key = created
            messages.success(request, _("Avain „%(name)s“ luotiin.") % {"name": token.name})
            form = TokenForm()
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": selectors.tokens_of(request.user), "new_key": new_key},
    )
    # The new key is on this page only once: never cache it.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_token(request.user, token)
    messages.success(request, _("Avain „%(name)s“ peruttiin.") % {"name": token.name})
    return redirect("api-tokens")
