"""Pages of proposals, ministry issues, synergy and agendas. Thin: services write, selectors read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alke.agenda import exports, selectors, services
from alke.agenda.forms import (
    AgendaItemForm,
    CandidateDecisionForm,
    CommentForm,
    DecisionForm,
    IssueForm,
    IssueMinistryForm,
    ProposalForm,
    SessionMinutesForm,
    SuggestionDecisionForm,
)
from alke.agenda.models import Agenda, AgendaCandidate, AgendaItem, MinistryIssue, Proposal, SynergySuggestion
from alke.core.domain import attempt
from alke.core.permissions import can, ministry_ids_of, require
from alke.regions.models import Ministry, Region
from alke.rounds.gate import is_open
from alke.rounds.models import Round
from alke.rounds.selectors import current_round


def _round(year: int) -> Round:
    return get_object_or_404(Round.objects.select_related("common_theme", "decision"), year=year)


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    round_ = current_round()
    if round_ is None:
        return render(request, "agenda/index.html", {"round": None})
    require(request.user, "round.view")
    regions = selectors.my_regions(request.user)
    own = [
        {
            "region": region,
            "proposals": selectors.proposals(round_, region=region),
            "agenda": selectors.region_agenda(round_, region),
            "joint": selectors.joint_agendas_of(round_, region),
            "candidates": selectors.open_candidates(round_, region),
            "issues": selectors.issues(round_, region),
        }
        for region in regions
    ]
    context = {
        "round": round_,
        "own": own,
        "may_create": is_open(round_, "proposal.create") and bool(regions),
        "ministry_issues": selectors.issues(round_).filter(ministry_id__in=ministry_ids_of(request.user)),
    }
    return render(request, "agenda/index.html", context)


# --- proposals ---------------------------------------------------------------------------------------------


@require_GET
@login_required
def proposal_list(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    require(request.user, "proposal.view")
    region = None
    if request.GET.get("region"):
        region = Region.objects.filter(code=request.GET["region"].upper()).first()
    status = request.GET.get("status") or None
    if status not in Proposal.Status.values:
        status = None
    context = {
        "round": round_,
        "proposals": selectors.visible_proposals(request.user, round_, region=region, status=status),
        "regions": Region.objects.mainland(),
        "statuses": Proposal.Status.choices,
        "selected_region": region,
        "selected_status": status,
        "may_create": is_open(round_, "proposal.create") and can(request.user, "proposal.create"),
    }
    return render(request, "agenda/proposal_list.html", context)


def _proposal_region(request: HttpRequest, round_: Round) -> Region:
    """The region a new proposal is for: the user's own (or the one chosen by the coordinator)."""
    code = request.GET.get("region") or request.POST.get("region_code")
    regions = selectors.my_regions(request.user)
    if code:
        region = get_object_or_404(Region, code=code.upper())
    elif regions.count() == 1:
        region = regions.first()
    else:
        raise Http404(_("Valitse maakunta."))
    require(request.user, "proposal.create", region)
    return region


@login_required
def proposal_create(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    region = _proposal_region(request, round_)
    form = ProposalForm(request.POST or None, round_=round_)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        proposal = attempt(
            request,
            lambda: services.create_proposal(request.user, round_, region, **data),
            _("Ehdotus tallennettu luonnoksena."),
            form=form,
        )
        if proposal:
            return redirect(proposal)
    return render(
        request,
        "agenda/proposal_form.html",
        {"form": form, "round": round_, "region": region, "phase_open": is_open(round_, "proposal.create")},
    )


def _visible_proposal(request: HttpRequest, pk: int) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("round", "region", "merged_into"), pk=pk)
    if not selectors.may_see_proposal(request.user, proposal):
        raise PermissionDenied("proposal.view")
    return proposal


@require_GET
@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    round_ = proposal.round
    context = {
        "proposal": proposal,
        "round": round_,
        "comments": proposal.comments.select_related("author"),
        "similar": selectors.similar_proposals(proposal) if proposal.status != Proposal.Status.DRAFT else [],
        "may_edit": can(request.user, "proposal.edit", proposal)
        and is_open(round_, "proposal.edit")
        and proposal.status in (Proposal.Status.DRAFT, Proposal.Status.SUBMITTED),
        "may_submit": can(request.user, "proposal.edit", proposal)
        and is_open(round_, "proposal.submit")
        and proposal.status == Proposal.Status.DRAFT,
        "may_decide": can(request.user, "proposal.decide", proposal)
        and is_open(round_, "proposal.decide")
        and proposal.status != Proposal.Status.DRAFT,
        "may_comment": can(request.user, "proposal.comment", proposal)
        and is_open(round_, "proposal.comment"),
        "decision_form": DecisionForm(proposal=proposal),
        "comment_form": CommentForm(),
    }
    return render(request, "agenda/proposal_detail.html", context)


@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    require(request.user, "proposal.edit", proposal)
    form = ProposalForm(request.POST or None, instance=proposal, round_=proposal.round)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            lambda: services.update_proposal(request.user, Proposal.objects.get(pk=pk), **form.cleaned_data),
            _("Muutokset tallennettu."),
            form=form,
        )
        if done:
            return redirect(proposal)
    return render(
        request,
        "agenda/proposal_form.html",
        {
            "form": form,
            "round": proposal.round,
            "region": proposal.region,
            "proposal": proposal,
            "phase_open": is_open(proposal.round, "proposal.edit"),
        },
    )


@require_POST
@login_required
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    attempt(request, lambda: services.submit_proposal(request.user, proposal), _("Ehdotus jätetty."))
    return redirect(proposal)


@require_POST
@login_required
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    form = DecisionForm(request.POST, proposal=proposal)
    if not form.is_valid():
        messages.error(request, _("Valitse päätös."))
        return redirect(proposal)
    data = form.cleaned_data
    attempt(
        request,
        lambda: services.decide_proposal(
            request.user, proposal, data["status"], data["reason"], data.get("merged_into")
        ),
        _("Päätös kirjattu."),
    )
    return redirect(proposal)


@require_POST
@login_required
def proposal_comment(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    form = CommentForm(request.POST)
    text = form.data.get("text", "")
    attempt(request, lambda: services.comment_proposal(request.user, proposal, text), _("Kommentti lisätty."))
    return redirect(f"{proposal.get_absolute_url()}#kommentit")


# --- ministry issues ---------------------------------------------------------------------------------------


@require_GET
@login_required
def issue_list(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    require(request.user, "proposal.view")
    return render(
        request,
        "agenda/issue_list.html",
        {
            "round": round_,
            "issues": selectors.issues(round_),
            "may_raise": is_open(round_, "issue.raise") and can(request.user, "issue.raise"),
        },
    )


def _own_ministries(user):
    if can(user, "round.manage"):
        return Ministry.objects.all()
    return Ministry.objects.filter(pk__in=ministry_ids_of(user))


@login_required
def issue_create(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    require(request.user, "issue.raise")
    ministries = _own_ministries(request.user)
    form = IssueForm(request.POST or None)
    ministry_form = IssueMinistryForm(request.POST or None, ministries=ministries)
    if ministries.count() == 1:
        ministry_form = None
    if request.method == "POST" and form.is_valid() and (ministry_form is None or ministry_form.is_valid()):
        ministry = ministries.first() if ministry_form is None else ministry_form.cleaned_data["ministry"]
        data = dict(form.cleaned_data)
        regions = data.pop("regions")
        issue = attempt(
            request,
            lambda: services.raise_issue(request.user, round_, ministry, regions, **data),
            _("Nosto tallennettu ja maakunnille ilmoitettu."),
            form=form,
        )
        if issue:
            return redirect(issue)
    return render(
        request,
        "agenda/issue_form.html",
        {
            "form": form,
            "ministry_form": ministry_form,
            "round": round_,
            "phase_open": is_open(round_, "issue.raise"),
        },
    )


@require_GET
@login_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(MinistryIssue.objects.select_related("round", "ministry"), pk=pk)
    require(request.user, "proposal.view")
    return render(
        request,
        "agenda/issue_detail.html",
        {
            "issue": issue,
            "round": issue.round,
            "may_edit": can(request.user, "issue.edit", issue) and is_open(issue.round, "issue.edit"),
        },
    )


@login_required
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(MinistryIssue.objects.select_related("round", "ministry"), pk=pk)
    require(request.user, "issue.edit", issue)
    form = IssueForm(request.POST or None, instance=issue)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            lambda: services.update_issue(
                request.user, MinistryIssue.objects.get(pk=pk), **form.cleaned_data
            ),
            _("Muutokset tallennettu."),
            form=form,
        )
        if done:
            return redirect(issue)
    return render(
        request,
        "agenda/issue_form.html",
        {
            "form": form,
            "issue": issue,
            "round": issue.round,
            "phase_open": is_open(issue.round, "issue.edit"),
        },
    )


# --- synergy -----------------------------------------------------------------------------------------------


@require_GET
@login_required
def synergy(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    require(request.user, "proposal.view")
    return render(
        request,
        "agenda/synergy.html",
        {
            "round": round_,
            "suggestions": selectors.suggestions(round_),
            "may_decide": can(request.user, "synergy.decide") and is_open(round_, "synergy.decide"),
            "decision_form": SuggestionDecisionForm(),
        },
    )


@require_POST
@login_required
def synergy_analyse(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    result: dict = {}

    def run() -> None:
        result["counts"] = services.analyse_synergy(request.user, round_)

    if attempt(request, run, _("Synergia-analyysi päivitetty.")):
        created, removed = result["counts"]
        messages.info(
            request,
            _("Uusia ehdotuksia %(created)d, poistuneita %(removed)d.")
            % {"created": created, "removed": removed},
        )
    return redirect("agenda:synergy", year=year)


@require_POST
@login_required
def synergy_decide(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(SynergySuggestion.objects.select_related("round"), pk=pk)
    form = SuggestionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Valitse, hyväksytäänkö vai hylätäänkö ehdotus."))
    else:
        attempt(
            request,
            lambda: services.decide_suggestion(
                request.user, suggestion, form.cleaned_data["accept"], form.cleaned_data["reason"]
            ),
            _("Päätös kirjattu."),
        )
    return redirect("agenda:synergy", year=suggestion.round.year)


# --- agendas -----------------------------------------------------------------------------------------------


@require_GET
@login_required
def agenda_list(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    require(request.user, "round.view")
    return render(
        request,
        "agenda/agenda_list.html",
        {
            "round": round_,
            "agendas": selectors.agendas(round_),
            "may_prepare": can(request.user, "round.manage") and is_open(round_, "agenda.edit"),
        },
    )


@require_POST
@login_required
def agendas_prepare(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    attempt(request, lambda: services.prepare_agendas(request.user, round_), _("Agendapohjat luotu."))
    return redirect("agenda:agendas", year=year)


@login_required
def region_agenda(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """The region's agenda; created (with the common theme) when the region or coordinator opens it first."""
    round_ = _round(year)
    region = get_object_or_404(Region, code=code.upper())
    agenda = selectors.region_agenda(round_, region)
    if agenda is None:
        if request.method != "POST":
            require(request.user, "round.view")
            return render(
                request,
                "agenda/agenda_missing.html",
                {
                    "round": round_,
                    "region": region,
                    "may_create": can(request.user, "agenda.edit", region) and is_open(round_, "agenda.edit"),
                },
            )
        agenda = attempt(request, lambda: services.ensure_region_agenda(request.user, round_, region))
        if not agenda:
            return redirect("agenda:region_agenda", year=year, code=region.code)
    return redirect(agenda)


def _agenda(pk: int) -> Agenda:
    try:
        return selectors.agenda_detail(pk)
    except Agenda.DoesNotExist:
        raise Http404("no such agenda") from None


@require_GET
@login_required
def agenda_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agenda = _agenda(pk)
    require(request.user, "round.view")
    round_ = agenda.round
    items = list(agenda.items.all())
    planned = sum(item.minutes for item in items)
    may_edit = can(request.user, "agenda.edit", agenda) and is_open(round_, "agenda.edit")
    may_add = can(request.user, "agenda.add_item", agenda) and is_open(round_, "agenda.add_item")
    region_ids = agenda.region_ids()
    linked_proposals = {p.pk for item in items for p in item.proposals.all()}
    linked_issues = {item.issue_id for item in items if item.issue_id}
    context = {
        "agenda": agenda,
        "title": services.agenda_title(agenda),
        "round": round_,
        "items": items,
        "planned": planned,
        "free": agenda.session_minutes - planned,
        "over": planned > agenda.session_minutes,
        "may_edit": may_edit,
        "may_add": may_add,
        "may_comment": can(request.user, "agenda.comment", agenda) and is_open(round_, "agenda.comment"),
        "item_form": AgendaItemForm(agenda=agenda),
        "minutes_form": SessionMinutesForm(initial={"minutes": agenda.session_minutes}),
        "comment_form": CommentForm(),
        "available_proposals": Proposal.objects.filter(
            round=round_, region_id__in=region_ids, status=Proposal.Status.ACCEPTED
        )
        .exclude(pk__in=linked_proposals)
        .select_related("region"),
        "available_issues": MinistryIssue.objects.filter(round=round_, regions__in=region_ids)
        .exclude(pk__in=linked_issues)
        .select_related("ministry")
        .distinct(),
        "candidates": AgendaCandidate.objects.filter(
            round=round_, region_id__in=region_ids, status=AgendaCandidate.Status.OPEN
        ),
        "candidate_form": CandidateDecisionForm(),
        # the schedule capability links its discussion sessions to agendas (related name "sessions")
        "sessions": list(agenda.sessions.all()) if hasattr(agenda, "sessions") else [],
    }
    return render(request, "agenda/agenda_detail.html", context)


@require_POST
@login_required
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    agenda = _agenda(pk)
    form = AgendaItemForm(request.POST, agenda=agenda)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect(agenda)
    data = dict(form.cleaned_data)
    data.setdefault("source", AgendaItem.Source.OTHER)
    if data.get("issue"):
        data["source"] = AgendaItem.Source.ISSUE
    elif data.get("proposals"):
        data["source"] = AgendaItem.Source.PROPOSAL
    title = data.pop("title")
    attempt(
        request, lambda: services.add_item(request.user, agenda, title=title, **data), _("Kohta lisätty.")
    )
    return redirect(agenda)


@require_POST
@login_required
def item_add_from(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an accepted proposal or a ministry issue as an item with its details filled in."""
    agenda = _agenda(pk)
    if request.POST.get("proposal"):
        proposal = get_object_or_404(Proposal, pk=request.POST["proposal"], round=agenda.round)
        attempt(
            request,
            lambda: services.add_item_from_proposal(request.user, agenda, proposal),
            _("Kohta lisätty."),
        )
    elif request.POST.get("issue"):
        issue = get_object_or_404(MinistryIssue, pk=request.POST["issue"], round=agenda.round)
        attempt(
            request, lambda: services.add_item_from_issue(request.user, agenda, issue), _("Kohta lisätty.")
        )
    return redirect(agenda)


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("agenda", "agenda__round"), pk=pk)
    agenda = item.agenda
    require(request.user, "agenda.edit", agenda)
    form = AgendaItemForm(request.POST or None, instance=item, agenda=agenda)
    if request.method == "POST" and form.is_valid():
        done = attempt(
            request,
            lambda: services.update_item(request.user, AgendaItem.objects.get(pk=pk), **form.cleaned_data),
            _("Kohta tallennettu."),
            form=form,
        )
        if done:
            return redirect(agenda)
    return render(
        request,
        "agenda/item_form.html",
        {"form": form, "item": item, "agenda": agenda, "title": services.agenda_title(agenda)},
    )


@require_POST
@login_required
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("agenda", "agenda__round"), pk=pk)
    up = request.POST.get("direction") == "up"
    attempt(request, lambda: services.move_item(request.user, item, up=up), _("Järjestys muutettu."))
    return redirect(f"{item.agenda.get_absolute_url()}#kohta-{item.pk}")


@require_POST
@login_required
def item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("agenda", "agenda__round"), pk=pk)
    agenda = item.agenda
    attempt(request, lambda: services.remove_item(request.user, item), _("Kohta poistettu."))
    return redirect(agenda)


@require_POST
@login_required
def agenda_status(request: HttpRequest, pk: int) -> HttpResponse:
    agenda = _agenda(pk)
    ready = request.POST.get("ready") == "1"
    attempt(
        request,
        lambda: services.set_agenda_ready(request.user, agenda, ready),
        _("Agenda merkitty valmiiksi.") if ready else _("Agenda palautettu valmisteluun."),
    )
    return redirect(agenda)


@require_POST
@login_required
def agenda_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    agenda = _agenda(pk)
    form = SessionMinutesForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.set_session_minutes(request.user, agenda, form.cleaned_data["minutes"]),
            _("Keskustelun kesto tallennettu."),
        )
    else:
        messages.error(request, _("Keskustelun keston on oltava 30–480 minuuttia."))
    return redirect(agenda)


@require_POST
@login_required
def agenda_comment(request: HttpRequest, pk: int) -> HttpResponse:
    agenda = _agenda(pk)
    text = request.POST.get("text", "")
    attempt(request, lambda: services.comment_agenda(request.user, agenda, text), _("Kommentti lisätty."))
    return redirect(f"{agenda.get_absolute_url()}#kommentit")


@require_POST
@login_required
def candidate_decide(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_object_or_404(AgendaCandidate.objects.select_related("round", "region"), pk=pk)
    form = CandidateDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Valitse, otetaanko ehdokas agendalle."))
    else:
        attempt(
            request,
            lambda: services.decide_candidate(
                request.user, candidate, form.cleaned_data["take"], form.cleaned_data["reason"]
            ),
            _("Päätös kirjattu."),
        )
    agenda = selectors.region_agenda(candidate.round, candidate.region)
    return redirect(agenda) if agenda else redirect("agenda:index")


@require_GET
@login_required
def agenda_export(request: HttpRequest, pk: int, lang: str, fmt: str) -> HttpResponse:
    """The agenda and background packet as DOCX or PDF, in Finnish or Swedish."""
    agenda = _agenda(pk)
    require(request.user, "round.view")
    if lang not in exports.LANGUAGES or fmt not in ("docx", "pdf"):
        raise Http404("unknown language or format")
    content, content_type, filename = exports.render_packet(agenda, lang, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
