"""Scheduling pages: thin views over selectors (reads) and services (writes)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alke.core.domain import attempt
from alke.core.permissions import can, require
from alke.rounds.gate import is_open, open_phase_labels
from alke.rounds.models import Round
from alke.schedule import ics, selectors, services
from alke.schedule.forms import MoveForm, SessionForm, TimetableForm, parse_availability
from alke.schedule.models import Session, Timetable


def _timetable(request: HttpRequest, year: int) -> Timetable:
    require(request.user, "schedule.view")
    timetable = selectors.timetable_for_year(year)
    if timetable is None:
        raise Http404("no timetable for this round")
    return timetable


GATED = (
    "schedule.configure",
    "schedule.session",
    "availability.mark",
    "schedule.solve",
    "schedule.publish",
    "schedule.move",
)


def _gate(round_: Round) -> dict[str, dict]:
    """Per gated write ("solve", "move", ...): whether the round's phase allows it now and which phases do,
    so a page shows a button only when the write would be accepted and otherwise says when it will be."""
    return {
        what.split(".", 1)[1]: {"open": is_open(round_, what), "phases": open_phase_labels(what)}
        for what in GATED
    }


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "schedule.view")
    existing = selectors.timetables()
    with_timetable = {t.round_id for t in existing}
    rounds_without = [
        r for r in Round.objects.all() if r.pk not in with_timetable and is_open(r, "schedule.configure")
    ]
    return render(
        request,
        "schedule/index.html",
        {
            "timetables": existing,
            "rounds_without": rounds_without if can(request.user, "schedule.manage") else [],
            "my_parties": selectors.own_parties(request.user),
        },
    )


@login_required
@require_GET
def timetable_page(request: HttpRequest, year: int) -> HttpResponse:
    timetable = _timetable(request, year)
    visible = selectors.may_see_placements(request.user, timetable)
    sessions = selectors.sessions_of(timetable)
    placed = sessions if visible else []
    marks = list(timetable.availability.filter(kind="unavailable").select_related("region", "ministry"))
    conflicts = {s.pk: selectors.conflicts(s, marks) for s in placed if s.is_scheduled}
    manage = can(request.user, "schedule.manage")
    return render(
        request,
        "schedule/timetable.html",
        {
            "timetable": timetable,
            "visible": visible,
            "weeks": selectors.calendar_weeks(timetable, placed),
            "sessions": sessions,
            "scheduled": [s for s in placed if s.is_scheduled],
            "unscheduled": [s for s in sessions if not s.is_scheduled] if visible else [],
            "conflicts": {pk: c for pk, c in conflicts.items() if c},
            "excluded": selectors.excluded_days(timetable),
            "slots": selectors.slots_of(timetable),
            "manage": manage,
            "own_parties": selectors.own_parties(request.user),
            "party_marks": _party_marks(timetable) if manage else [],
            "feeds": _feeds(request, timetable, selectors.own_parties(request.user)),
            "gate": _gate(timetable.round),
        },
    )


def _party_marks(timetable: Timetable) -> list[tuple]:
    """(party, number of marks) for every party, so the coordinator sees who has not answered."""
    counts = selectors.marks_summary(timetable)
    return [(party, counts.get(party.code, 0)) for party in selectors.all_parties()]


def _feeds(request: HttpRequest, timetable: Timetable, parties) -> list[tuple]:
    """(party, subscribable feed URL with its token) for the user's own parties."""
    out = []
    for party in parties:
        path = reverse("schedule:party_feed", args=[timetable.round.year, party.code])
        out.append((party, request.build_absolute_uri(f"{path}?token={ics.feed_token(party.code)}")))
    return out


@login_required
def settings_page(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "schedule.manage")
    round_ = get_object_or_404(Round, year=year)
    timetable = selectors.timetable_for_year(year)
    form = TimetableForm(request.POST or None, initial=TimetableForm.initial_for(timetable, round_))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = attempt(
            request,
            lambda: services.configure_timetable(
                request.user, round_, data["first_day"], data["last_day"], data["slots"], data["non_working"]
            ),
            _("Aikataulun asetukset tallennettiin."),
            form=form,
        )
        if done:
            return redirect("schedule:timetable", year=year)
    return render(
        request,
        "schedule/settings.html",
        {"form": form, "round": round_, "timetable": timetable, "gate": _gate(round_)},
    )


@login_required
def session_form(request: HttpRequest, year: int, pk: int | None = None) -> HttpResponse:
    require(request.user, "schedule.manage")
    timetable = _timetable(request, year)
    session = get_object_or_404(Session, pk=pk, timetable=timetable) if pk else None
    initial = {} if session else {"minutes": timetable.round.session_minutes}
    form = SessionForm(request.POST or None, instance=session, initial=initial, timetable=timetable)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = attempt(
            request,
            lambda: services.save_session(
                request.user,
                timetable,
                services.SessionData(
                    code=data["code"],
                    kind=data["kind"],
                    title_fi=data["title_fi"],
                    title_sv=data["title_sv"],
                    title_en=data["title_en"],
                    minutes=data["minutes"],
                    location=data["location"],
                    online_url=data["online_url"],
                    agenda=data.get("agenda"),
                    regions=list(data["regions"]),
                    ministries=list(data["ministries"]),
                ),
                session=session,
            ),
            form=form,
        )
        if saved:
            messages.success(request, _("Keskustelu %(code)s tallennettiin.") % {"code": saved.code})
            return redirect(saved)
    return render(
        request,
        "schedule/session_form.html",
        {"form": form, "timetable": timetable, "session": session, "gate": _gate(timetable.round)},
    )


@login_required
@require_POST
def session_delete(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    timetable = _timetable(request, year)
    session = get_object_or_404(Session, pk=pk, timetable=timetable)
    if not attempt(
        request,
        lambda: services.delete_session(request.user, session),
        _("Keskustelu %(code)s poistettiin.") % {"code": session.code},
    ):
        return redirect(session)
    return redirect("schedule:timetable", year=year)


@login_required
def session_detail(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    timetable = _timetable(request, year)
    session = get_object_or_404(
        Session.objects.select_related("slot", "agenda").prefetch_related("regions", "ministries"),
        pk=pk,
        timetable=timetable,
    )
    visible = selectors.may_see_placements(request.user, timetable)
    manage = can(request.user, "schedule.manage")
    days = selectors.working_days(timetable)
    move_form = None
    if manage:
        initial = {
            "date": session.date.isoformat() if session.date else None,
            "slot": session.slot,
            "lock": True,
        }
        move_form = MoveForm(
            request.POST if request.method == "POST" else None,
            initial=initial,
            timetable=timetable,
            days=days,
        )
        if request.method == "POST":
            if request.POST.get("action") == "unschedule":
                attempt(
                    request,
                    lambda: services.move_session(request.user, session, None, None),
                    _("Keskustelu otettiin pois aikataulusta."),
                )
                return redirect(session)
            if move_form.is_valid():
                try:
                    services.move_session(
                        request.user,
                        session,
                        move_form.cleaned_data["date"],
                        move_form.cleaned_data["slot"],
                        lock=move_form.cleaned_data["lock"],
                    )
                except services.ScheduleError as error:
                    move_form.add_error(None, str(error))
                else:
                    messages.success(request, _("Keskustelun aika tallennettiin."))
                    return redirect(session)
    elif request.method == "POST":
        raise PermissionDenied("schedule.manage")
    return render(
        request,
        "schedule/session_detail.html",
        {
            "timetable": timetable,
            "session": session,
            "visible": visible,
            "manage": manage,
            "move_form": move_form,
            "conflicts": selectors.conflicts(session) if visible else [],
            "gate": _gate(timetable.round),
        },
    )


@login_required
@require_POST
def session_lock(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    timetable = _timetable(request, year)
    session = get_object_or_404(Session, pk=pk, timetable=timetable)
    attempt(
        request, lambda: services.set_locked(request.user, session, request.POST.get("locked") == "1"), None
    )
    return redirect(request.POST.get("next") or reverse("schedule:timetable", args=[year]))


@login_required
@require_POST
def solve(request: HttpRequest, year: int) -> HttpResponse:
    timetable = _timetable(request, year)
    solution = attempt(request, lambda: services.solve_timetable(request.user, timetable), None)
    if solution:
        status = {
            "optimal": _("optimaalinen (todistettu)"),
            "feasible": _("kelvollinen, optimaalisuutta ei ehditty todistaa"),
        }.get(solution.status, solution.status)
        messages.success(
            request,
            _(
                "Aikataulu ratkaistiin: %(scheduled)s/%(total)s keskustelua, toiveiden paino %(weight)s, "
                "%(days)s päivää; ratkaisu %(status)s."
            )
            % {
                "scheduled": solution.objective["scheduled"],
                "total": len(solution.assignments) + len(solution.unscheduled),
                "weight": solution.objective["preference_weight"],
                "days": solution.objective["days_used"],
                "status": status,
            },
        )
    return redirect("schedule:timetable", year=year)


@login_required
@require_POST
def publish(request: HttpRequest, year: int) -> HttpResponse:
    timetable = _timetable(request, year)
    attempt(
        request,
        lambda: services.publish_timetable(request.user, timetable),
        _("Aikataulu julkaistiin ja osapuolille ilmoitettiin."),
    )
    return redirect("schedule:timetable", year=year)


@login_required
def availability(request: HttpRequest, year: int, party: str) -> HttpResponse:
    timetable = _timetable(request, year)
    found = selectors.party_by_code(party)
    if found is None:
        raise Http404("no such party")
    require(request.user, "availability.mark", found)
    if request.method == "POST":
        days = selectors.working_days(timetable)
        off, off_slots, preferred = parse_availability(request.POST, days, selectors.slots_of(timetable))
        attempt(
            request,
            lambda: services.mark_availability(request.user, timetable, found, off, off_slots, preferred),
            _("Merkinnät tallennettiin (%(party)s).") % {"party": found.name},
        )
        return redirect("schedule:availability", year=year, party=found.code)
    return render(
        request,
        "schedule/availability.html",
        {
            "timetable": timetable,
            "party": found,
            "weeks": selectors.availability_weeks(timetable, found),
            "slots": selectors.slots_of(timetable),
            "gate": _gate(timetable.round),
        },
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def session_ics(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    timetable = _timetable(request, year)
    session = get_object_or_404(Session, pk=pk, timetable=timetable)
    if not selectors.may_see_placements(request.user, timetable) or not session.is_scheduled:
        raise Http404("the session has no published time")
    return _ics_response(
        ics.calendar_bytes(f"{timetable.round}: {session.code}", [session]), f"alke-{year}-{session.code}.ics"
    )


@require_GET
def party_feed(request: HttpRequest, year: int, party: str) -> HttpResponse:
    """A party's calendar feed: readable with the signed token (calendar programs) or when signed in."""
    found = selectors.party_by_code(party.removesuffix(".ics"))
    if found is None:
        raise Http404("no such party")
    token = request.GET.get("token", "")
    if not (ics.feed_token_valid(found.code, token) or can(request.user, "schedule.view")):
        # A plain 403, not the sign-in redirect other pages give anonymous visitors: calendar programs
        # cannot sign in, and a redirect would look like an empty calendar to them.
        return HttpResponseForbidden(
            "The calendar feed needs the party's token (?token=...) or a signed-in user.",
            content_type="text/plain; charset=utf-8",
        )
    timetable = selectors.timetable_for_year(year)
    if timetable is None:
        raise Http404("no timetable for this round")
    sessions = selectors.sessions_of(timetable, found) if timetable.is_published else []
    return _ics_response(
        ics.calendar_bytes(f"ALKE {year}: {found.name}", sessions), f"alke-{year}-{found.code}.ics"
    )
