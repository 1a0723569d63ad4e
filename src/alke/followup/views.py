"""Pages of follow-up: conclusions and their updates, the editable table and file import, the AUNE report,
the public follow-up, the feedback survey and the improvement items. Views are thin: services write,
selectors read."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alke.agreements.models import Conclusion
from alke.core.domain import attempt
from alke.core.permissions import can, region_ids_of, require
from alke.followup import charts, exports, selectors, services
from alke.followup.forms import (
    DetailsForm,
    ImportForm,
    ImprovementForm,
    ReportFilterForm,
    SurveyOpenForm,
    UpdateForm,
)
from alke.followup.models import FeedbackSurvey, ImprovementItem, Status, SurveyQuestion
from alke.regions.models import Region
from alke.rounds.models import Round

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _round(year: int) -> Round:
    return get_object_or_404(Round, year=year)


def _status_param(request: HttpRequest) -> str | None:
    status = request.GET.get("tila") or None
    return status if status in Status.values else None


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# ---------------------------------------------------------------------------------------------------
# Overview and public follow-up


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    public_years = sorted(
        set(selectors.published_conclusions().values_list("round__year", flat=True)), reverse=True
    )
    tracked = []
    if can(user, "conclusion.view"):
        for round_ in Round.objects.filter(
            pk__in=selectors.tracked_conclusions().values("round_id")
        ).order_by("-year"):
            tracked.append((round_, selectors.total(selectors.followup_rows(years=[round_.year]))))
    survey = None
    if can(user, "survey.answer"):
        survey = (
            FeedbackSurvey.objects.filter(is_open=True)
            .select_related("round")
            .order_by("-round__year")
            .first()
        )
    return render(
        request,
        "followup/index.html",
        {
            "public_rounds": Round.objects.filter(year__in=public_years).order_by("-year"),
            "tracked": tracked,
            "may_update": can(user, "followup.update"),
            "may_report": can(user, "report.view"),
            "open_survey": survey,
            "answered": survey is not None and services.has_answered(survey, user),
        },
    )


@require_GET
def public_round(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    region = request.GET.get("maakunta") or None
    status = _status_param(request)
    all_rows = selectors.followup_rows(years=[year], published_only=True)
    if not all_rows:
        raise Http404("no published conclusions in this round")
    rows = selectors.followup_rows(
        years=[year], region_codes=[region] if region else None, status=status, published_only=True
    )
    regions = sorted({(r.region.code, r.region.name) for r in all_rows})
    query = urlencode({k: v for k, v in {"round": year, "region": region, "status": status}.items() if v})
    return render(
        request,
        "followup/public_round.html",
        {
            "round": round_,
            "rows": rows,
            "total": selectors.total(rows),
            "regions": regions,
            "region": region,
            "status": status,
            "statuses": Status.choices,
            "api_url": f"/api/v1/follow-up/conclusions?{query}",
        },
    )


# ---------------------------------------------------------------------------------------------------
# Follow-up of a round and of one conclusion


@require_GET
def round_followup(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "conclusion.view")
    round_ = _round(year)
    region = request.GET.get("maakunta") or None
    status = _status_param(request)
    rows = selectors.followup_rows(years=[year], region_codes=[region] if region else None, status=status)
    all_rows = selectors.followup_rows(years=[year]) if (region or status) else rows
    target = services.next_round(round_)
    from alke.rounds.gate import is_open

    open_rows = [r for r in all_rows if r.is_open]
    return render(
        request,
        "followup/round.html",
        {
            "round": round_,
            "rows": rows,
            "total": selectors.total(rows),
            "regions": sorted({(r.region.code, r.region.name) for r in all_rows}),
            "region": region,
            "status": status,
            "statuses": Status.choices,
            "next_round": target,
            "carry_open": bool(target and is_open(target, "candidate.add")),
            "open_count": len(open_rows),
            "may_carry": can(request.user, "agenda.add_item"),
            "untracked": Conclusion.objects.filter(round=round_)
            .exclude(pk__in=selectors.tracked_conclusions().values("pk"))
            .count(),
        },
    )


@login_required
@require_POST
def carry_over(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    code = request.POST.get("maakunta") or None
    region = get_object_or_404(Region, code=code.upper()) if code else None
    if region is None and not can(request.user, "round.manage"):
        # A regional official carries over their own region's conclusions.
        own = region_ids_of(request.user)
        region = Region.objects.filter(pk__in=own).first() if len(own) == 1 else None
    try:
        result = attempt(request, lambda: services.carry_over(request.user, round_, region))
    except PermissionDenied:
        messages.error(request, _("Sinulla ei ole oikeutta lisätä agendaehdokkaita tälle maakunnalle."))
        result = None
    if result:
        messages.success(
            request,
            _(
                "Keskeneräiset johtopäätökset tarjottu kierroksen %(round)s agendaehdokkaiksi: %(new)d uutta, %(old)d jo aiemmin."
            )
            % {"round": result.target.name, "new": len(result.created), "old": len(result.existing)},
        )
    return redirect("followup:round", year=year)


@require_http_methods(["GET", "POST"])
def conclusion(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        item = selectors.conclusion_detail(pk)
    except Conclusion.DoesNotExist:
        raise Http404("no such conclusion") from None
    tracked = selectors.is_tracked(item)
    followup = services.followup_of(item) if tracked else None
    may_update = bool(followup and can(request.user, "followup.update", followup))
    # A network or city contact may read the conclusions their organisation reports on.
    if not may_update:
        require(request.user, "conclusion.view")
    form = UpdateForm(
        request.POST or None, initial={"status": followup.status if followup else Status.NOT_STARTED}
    )
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied("followup.update")
        if form.is_valid():
            data = form.cleaned_data
            done = attempt(
                request,
                lambda: services.record_update(
                    request.user,
                    item,
                    status=data["status"],
                    progress=data["progress"],
                    note=data["note"],
                    evidence_url=data["evidence_url"],
                    on=data["on"],
                ),
                _("Seurantatieto tallennettu."),
            )
            if done:
                return redirect("followup:conclusion", pk=pk)
    details = DetailsForm(
        initial={
            "responsible_organisation": followup.responsible_organisation if followup else None,
            "theme": followup.theme if followup else None,
        }
    )
    return render(
        request,
        "followup/conclusion.html",
        {
            "c": item,
            "followup": followup,
            "row": selectors.followup_rows(base=Conclusion.objects.filter(pk=pk))[0],
            "tracked": tracked,
            "form": form,
            "details": details,
            "may_update": may_update,
            "updates": selectors.updates_of(item),
            "indicators": selectors.indicator_progress(item),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def conclusion_details(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Conclusion, pk=pk)
    form = DetailsForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.set_details(
                request.user,
                item,
                responsible_organisation=form.cleaned_data["responsible_organisation"],
                theme=form.cleaned_data["theme"],
            ),
            _("Seurannan tiedot tallennettu."),
        )
    else:
        messages.error(request, _("Tarkista valinnat."))
    return redirect("followup:conclusion", pk=pk)


# ---------------------------------------------------------------------------------------------------
# Updating many at once: the editable table and the file import


def _table_rows(request: HttpRequest, conclusions: list[Conclusion]) -> list[services.UpdateInput]:
    """The rows of the table the user changed (a row with nothing changed and no note is skipped)."""
    rows = []
    for c in conclusions:
        prefix = f"c{c.pk}-"
        if f"{prefix}status" not in request.POST:
            continue
        followup = getattr(c, "followup", None)
        status = request.POST.get(f"{prefix}status", "")
        progress_text = request.POST.get(f"{prefix}progress", "").strip()
        note = request.POST.get(f"{prefix}note", "").strip()
        url = request.POST.get(f"{prefix}url", "").strip()
        old_status = followup.status if followup else Status.NOT_STARTED
        old_progress = followup.progress if followup else 0
        try:
            progress = int(progress_text) if progress_text else None
        except ValueError:
            progress = -1  # reported by the rules as out of range
        if status == old_status and progress in (None, old_progress) and not note and not url:
            continue
        rows.append(services.UpdateInput(c.pk, status, progress, note, url, None, row=str(c.pk)))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def table(request: HttpRequest) -> HttpResponse:
    """One row per conclusion the user reports on; change many and save them at once."""
    if not can(request.user, "followup.update"):
        raise PermissionDenied("followup.update")
    rounds = Round.objects.filter(
        pk__in=selectors.updatable_conclusions(request.user).values("round_id")
    ).order_by("-year")
    year = request.GET.get("kierros") or request.POST.get("kierros")
    round_ = next((r for r in rounds if str(r.year) == str(year)), rounds[0] if rounds else None)
    conclusions = list(selectors.updatable_conclusions(request.user, round_)) if round_ else []
    services.ensure_followups(conclusions)
    conclusions = list(selectors.updatable_conclusions(request.user, round_)) if round_ else []
    errors: dict[str, str] = {}
    if request.method == "POST":
        rows = _table_rows(request, conclusions)
        if not rows:
            messages.warning(request, _("Et muuttanut yhtään riviä."))
        else:
            done = attempt(request, lambda: services.record_updates(request.user, rows, source="table"))
            if done:
                messages.success(request, _("%(n)d johtopäätöksen seuranta päivitetty.") % {"n": len(done)})
                return redirect(f"{request.path}?kierros={round_.year}")
            errors = {str(e.row): e.message for e in getattr(getattr(request, "refusal", None), "errors", [])}
    return render(
        request,
        "followup/table.html",
        {
            "rounds": rounds,
            "round": round_,
            "conclusions": conclusions,
            "statuses": Status.choices,
            "errors": errors,
            "posted": request.POST if request.method == "POST" else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_updates(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "followup.update"):
        raise PermissionDenied("followup.update")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        done = attempt(request, lambda: services.import_updates(request.user, upload.name, data))
        if done:
            messages.success(request, _("Tiedostosta tallennettiin %(n)d päivitystä.") % {"n": len(done)})
            return redirect("followup:import")
        errors = getattr(getattr(request, "refusal", None), "errors", [])
    return render(
        request, "followup/import.html", {"form": form, "errors": errors, "columns": services.TEMPLATE_HEADER}
    )


@login_required
@require_GET
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    if not can(request.user, "followup.update"):
        raise PermissionDenied("followup.update")
    year = request.GET.get("kierros")
    round_ = Round.objects.filter(year=year).first() if year and year.isdigit() else None
    conclusions = list(selectors.updatable_conclusions(request.user, round_))
    rows = services.template_rows(conclusions)
    if fmt == "csv":
        return _download(exports.template_csv(rows), "text/csv; charset=utf-8", "seuranta-pohja.csv")
    if fmt == "xlsx":
        return _download(exports.template_xlsx(rows), XLSX, "seuranta-pohja.xlsx")
    raise Http404("unknown format")


# ---------------------------------------------------------------------------------------------------
# The AUNE report


def _report_from(request: HttpRequest) -> tuple[ReportFilterForm, selectors.Report]:
    form = ReportFilterForm(request.GET or None)
    years, codes = None, None
    if form.is_valid():
        years = [r.year for r in form.cleaned_data["kierros"]] or None
        codes = [r.code for r in form.cleaned_data["maakunta"]] or None
    return form, selectors.aune_report(years, codes)


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    require(request.user, "report.view")
    form, data = _report_from(request)
    query = request.GET.urlencode()
    return render(
        request,
        "followup/report.html",
        {
            "form": form,
            "report": data,
            "charts": charts.report_charts(data),
            "statuses": Status.choices,
            "query": query,
        },
    )


@require_GET
def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require(request.user, "report.view")
    _form, data = _report_from(request)
    stamp = data.today.isoformat()
    if fmt == "xlsx":
        return _download(exports.report_xlsx(data), XLSX, f"aune-raportti-{stamp}.xlsx")
    if fmt == "pdf":
        return _download(exports.report_pdf(data), "application/pdf", f"aune-raportti-{stamp}.pdf")
    raise Http404("unknown format")


# ---------------------------------------------------------------------------------------------------
# Feedback survey


@login_required
@require_GET
def surveys(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not (can(user, "survey.answer") or can(user, "report.view")):
        raise PermissionDenied("survey.answer")
    items = list(FeedbackSurvey.objects.select_related("round").order_by("-round__year"))
    answered = {s.pk for s in items if services.has_answered(s, user)}
    compared_surveys, comparison = selectors.survey_comparison() if can(user, "report.view") else ([], [])
    return render(
        request,
        "followup/surveys.html",
        {
            "surveys": items,
            "answered": answered,
            "may_manage": can(user, "survey.manage"),
            "may_results": can(user, "report.view"),
            "without_survey": Round.objects.exclude(pk__in=[s.round_id for s in items]).order_by("-year"),
            "compared": compared_surveys,
            "comparison": comparison,
            "open_form": SurveyOpenForm(),
        },
    )


@require_GET
def survey_results(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "report.view")
    survey = get_object_or_404(FeedbackSurvey.objects.select_related("round"), round__year=year)
    region_code = request.GET.get("maakunta") or None
    region = Region.objects.filter(code=region_code.upper()).first() if region_code else None
    results = selectors.survey_results(survey, region.pk if region else None)
    return render(
        request,
        "followup/survey_results.html",
        {
            "survey": survey,
            "results": results,
            "ratings": [r for r in results if r.question.kind == SurveyQuestion.Kind.RATING],
            "texts": [r for r in results if r.question.kind == SurveyQuestion.Kind.TEXT],
            "responses": survey.responses.filter(region=region).count()
            if region
            else survey.responses.count(),
            "regions": Region.objects.filter(pk__in=survey.responses.values("region_id")).order_by("code"),
            "region": region,
            "improvements": ImprovementItem.objects.filter(source_round=survey.round),
            "may_improve": can(request.user, "improvement.manage"),
            "scale": range(1, 6),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "survey.answer")
    survey = get_object_or_404(FeedbackSurvey.objects.select_related("round"), round__year=year)
    if services.has_answered(survey, request.user):
        messages.info(request, _("Olet jo vastannut tähän kyselyyn. Kiitos!"))
        return redirect("followup:surveys")
    questions = list(survey.questions.all())
    regions = Region.objects.filter(
        pk__in=Conclusion.objects.filter(round=survey.round).values("region_id")
    ).order_by("code")
    if not regions.exists():
        regions = Region.objects.mainland().order_by("code")
    if request.method == "POST":
        code = request.POST.get("region") or None
        region = regions.filter(code=code).first() if code else None
        answers = {q.code: request.POST.get(f"q-{q.code}", "") for q in questions}
        done = attempt(
            request,
            lambda: services.answer_survey(request.user, survey, region=region, answers=answers),
            _("Kiitos palautteesta!"),
        )
        if done:
            return redirect("followup:surveys")
    return render(
        request,
        "followup/survey_answer.html",
        {
            "survey": survey,
            "questions": questions,
            "regions": regions,
            "posted": request.POST,
            "scale": range(1, 6),
        },
    )


@login_required
@require_POST
def survey_open(request: HttpRequest, year: int) -> HttpResponse:
    round_ = _round(year)
    form = SurveyOpenForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.open_survey(
                request.user,
                round_,
                anonymous=form.cleaned_data["anonymous"],
                intro_fi=form.cleaned_data["intro_fi"],
                intro_sv=form.cleaned_data["intro_sv"],
            ),
            _("Palautekysely avattu."),
        )
    return redirect("followup:surveys")


@login_required
@require_POST
def survey_close(request: HttpRequest, year: int) -> HttpResponse:
    survey = get_object_or_404(FeedbackSurvey, round__year=year)
    attempt(request, lambda: services.close_survey(request.user, survey), _("Palautekysely suljettu."))
    return redirect("followup:surveys")


# ---------------------------------------------------------------------------------------------------
# Improvement items


def _save_improvement(request: HttpRequest, form: ImprovementForm, item: ImprovementItem | None) -> Any:
    data = form.cleaned_data
    return attempt(
        request,
        lambda: services.save_improvement(
            request.user,
            item,
            source_round=data["source_round"],
            target_round=data["target_round"],
            title=data["title"],
            finding=data["finding"],
            action=data["action"],
            owner=data["owner"],
            status=data["status"],
        ),
        _("Kehittämiskohde tallennettu."),
    )


@require_http_methods(["GET", "POST"])
def improvements(request: HttpRequest) -> HttpResponse:
    require(request.user, "report.view")
    may_manage = can(request.user, "improvement.manage")
    form = ImprovementForm(request.POST or None, initial={"status": ImprovementItem.ItemStatus.PROPOSED})
    if request.method == "POST":
        require(request.user, "improvement.manage")
        if form.is_valid() and _save_improvement(request, form, None):
            return redirect("followup:improvements")
    items = ImprovementItem.objects.select_related("source_round", "target_round")
    return render(
        request, "followup/improvements.html", {"items": items, "form": form, "may_manage": may_manage}
    )


@require_http_methods(["GET", "POST"])
def improvement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "improvement.manage")
    item = get_object_or_404(ImprovementItem, pk=pk)
    initial = {
        "title": item.title,
        "finding": item.finding,
        "action": item.action,
        "owner": item.owner,
        "source_round": item.source_round,
        "target_round": item.target_round,
        "status": item.status,
    }
    form = ImprovementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_improvement(request, form, item):
        return redirect("followup:improvements")
    return render(request, "followup/improvement_edit.html", {"item": item, "form": form})


# ---------------------------------------------------------------------------------------------------
# Region page panel


def region_panel(request: HttpRequest, region: Region) -> dict | None:
    """The region's agreed conclusions by round and status (public: published ones only)."""
    published_only = not can(request.user, "conclusion.view")
    rows = selectors.followup_rows(region_codes=[region.code], published_only=published_only)
    if not rows:
        return None
    by_round = sorted(
        selectors.tally(rows, lambda r: [(str(r.round.year), r.round.name)]),
        key=lambda t: t.key,
        reverse=True,
    )
    return {
        "region": region,
        "by_round": by_round,
        "overdue": [r for r in rows if r.overdue],
        "statuses": Status.choices,
        "published_only": published_only,
    }
