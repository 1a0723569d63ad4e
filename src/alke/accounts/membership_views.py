"""Membership requests: a signed-in user asks for a role; a coordinator approves or rejects it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from alke.accounts import selectors, services
from alke.accounts.membership_forms import DecisionForm, MembershipRequestForm
from alke.accounts.models import MembershipRequest
from alke.core.domain import attempt
from alke.core.permissions import can, memberships


@login_required
@require_http_methods(["GET", "POST"])
def request_membership(request: HttpRequest) -> HttpResponse:
    form = MembershipRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            lambda: services.request_membership(
                request.user,
                form.cleaned_data["organisation"],
                form.cleaned_data["role"],
                form.cleaned_data["reason"],
            ),
            _("Pyyntö lähetetty. Koordinaattori käsittelee sen."),
            form=form,
        )
        if done:
            return redirect("accounts:membership_request")
    return render(
        request,
        "accounts/membership_request.html",
        {
            "form": form,
            "requests": selectors.requests_of(request.user),
            "memberships": memberships(request.user),
        },
    )


@login_required
def membership_requests(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "membership.approve"):
        raise PermissionDenied
    return render(
        request,
        "accounts/membership_requests.html",
        {
            "pending": selectors.pending_membership_requests(),
            "decided": selectors.decided_membership_requests(),
            "form": DecisionForm(),
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    membership_request = get_object_or_404(MembershipRequest, pk=pk)
    form = DecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    if form.is_valid():
        attempt(
            request,
            lambda: services.decide_membership_request(
                request.user, membership_request, approve, form.cleaned_data["note"]
            ),
            (_("Jäsenyys hyväksytty: %(request)s.") if approve else _("Pyyntö hylätty: %(request)s."))
            % {"request": membership_request},
        )
    return redirect("accounts:membership_requests")
