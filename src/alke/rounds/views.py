"""Pages of the round: the list, the round with its phase plan and per-region dashboard, notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alke.core.domain import attempt
from alke.core.permissions import can, require
from alke.rounds import selectors, services
from alke.rounds.forms import MovePhaseForm, PhasePlanForm, RoundForm
from alke.rounds.models import PHASE_ORDER, Notification, Round


@require_GET
@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "round.view")
    return render(
        request,
        "rounds/round_list.html",
        {"rounds": selectors.rounds(), "may_manage": can(request.user, "round.manage")},
    )


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "round.manage")
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        round_ = attempt(
            request,
            lambda: services.create_round(request.user, **form.cleaned_data),
            _("Kierros perustettu. Suunnittele seuraavaksi vaiheiden päivämäärät."),
            form=form,
        )
        if round_:
            return redirect("rounds:plan", year=round_.year)
    return render(request, "rounds/round_form.html", {"form": form})


@require_GET
@login_required
def round_detail(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "round.view")
    round_ = get_object_or_404(selectors.rounds(), year=year)
    index = PHASE_ORDER.index(round_.phase)
    context = {
        "round": round_,
        "phases": selectors.phase_plan(round_),
        "dashboard": selectors.dashboard(round_),
        "milestone_labels": [str(m.label) for m in selectors.milestones()],
        "may_manage": can(request.user, "round.manage"),
        "next_phase": PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None,
        "previous_phase": PHASE_ORDER[index - 1] if index > 0 else None,
        "today": timezone.localdate(),
    }
    return render(request, "rounds/round_detail.html", context)


@require_POST
@login_required
def round_move(request: HttpRequest, year: int) -> HttpResponse:
    round_ = get_object_or_404(Round, year=year)
    form = MovePhaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Valitse vaihe."))
        return redirect("rounds:detail", year=year)
    moved = attempt(
        request,
        lambda: services.move_phase(
            request.user, round_, form.cleaned_data["to_phase"], form.cleaned_data["reason"]
        ),
    )
    if moved:
        messages.success(
            request,
            _("Kierros on nyt vaiheessa ”%(phase)s”; osallistujille ilmoitettiin.")
            % {"phase": moved.get_phase_display()},
        )
    return redirect("rounds:detail", year=year)


@login_required
def round_plan(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "round.manage")
    round_ = get_object_or_404(Round, year=year)
    plans = {p.phase: p for p in round_.phases.all()}
    form = PhasePlanForm(request.POST or None, plans=plans)
    if request.method == "POST" and form.is_valid():

        def save_dates() -> None:
            for phase, (starts_on, ends_on) in form.planned().items():
                services.set_phase_dates(request.user, round_, phase, starts_on, ends_on)

        if attempt(request, save_dates, _("Vaiheiden päivämäärät tallennettu."), form=form):
            return redirect("rounds:detail", year=year)
    return render(request, "rounds/round_plan.html", {"form": form, "round": round_})


@require_GET
@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    notes = Notification.objects.filter(user=request.user)[:100]
    return render(request, "rounds/notifications.html", {"notifications": notes})
