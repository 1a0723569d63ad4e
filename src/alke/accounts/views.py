from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alke.accounts import oidc
from alke.accounts.forms import PreferencesForm
from alke.core.permissions import memberships


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "identity_providers": list(oidc.providers().values()),
            "PASSWORD_LOGIN_ADMIN_ONLY": settings.PASSWORD_LOGIN == "admin",
        }


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        # Read before the session is flushed: a provider sign-in also ends at the provider.
        provider_logout = oidc.end_session_url(request)
        response = super().post(request, *args, **kwargs)
        return redirect(provider_logout) if provider_logout else response


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Asetukset tallennettu."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "memberships": memberships(request.user)})
