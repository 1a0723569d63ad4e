"""Pages: conclusions, cooperation documents, the public documents, funding and the ministry worklist."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alke.agreements import exports, indicators, selectors, services
from alke.agreements.content import _word_diff, diff, layout
from alke.agreements.forms import (
    AppropriationForm,
    CommentForm,
    ConclusionForm,
    DocumentForm,
    EntityForm,
    IndicatorLinkForm,
    LedgerForm,
    MinutesForm,
    ReopenForm,
)
from alke.agreements.models import (
    Conclusion,
    ConclusionIndicator,
    CooperationDocument,
    DocumentVersion,
    FundedEntity,
    LedgerEntry,
    RegionAllocation,
)
from alke.core.permissions import can, ministry_ids_of, require
from alke.regions.models import Ministry, Region
from alke.rounds.models import Round

SECTION_LANGS = ("fi", "sv")


def _run(request: HttpRequest, action: Callable[[], Any], success: str | None = None) -> Any:
    """Run a service; a domain error becomes an error message naming the problem."""
    try:
        result = action()
    except services.AgreementError as error:
        messages.error(request, str(error))
        return None
    if success:
        messages.success(request, success)
    return result if result is not None else True


def _round(year: int) -> Round:
    return get_object_or_404(Round, year=year)


def _region(code: str) -> Region:
    return get_object_or_404(Region, code=code.upper())


def _lang(request: HttpRequest, document_swedish: bool) -> str:
    lang = request.GET.get("kieli", "fi")
    if lang not in SECTION_LANGS:
        raise Http404("unknown language")
    if lang == "sv" and not document_swedish:
        raise Http404("no Swedish version")
    return lang


# ---------------------------------------------------------------------------------------------------
# Overview


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    rounds = []
    if can(request.user, "conclusion.view"):
        rounds = Round.objects.annotate(
            document_count=Count("cooperation_documents", distinct=True),
            conclusion_count=Count("conclusions", distinct=True),
        ).order_by("-year")
    published = selectors.published_documents()
    return render(
        request,
        "agreements/index.html",
        {
            "rounds": rounds,
            "published": published,
            "may_worklist": can(request.user, "worklist.view"),
        },
    )


@require_GET
def round_detail(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "conclusion.view")
    round = _round(year)
    documents = {d.region_id: d for d in selectors.documents_of_round(round.pk) if d.kind == "region"}
    joint = [d for d in selectors.documents_of_round(round.pk) if d.kind == "joint"]
    counts = dict(
        Conclusion.objects.filter(round=round)
        .values_list("region_id")
        .annotate(n=Count("pk"))
        .values_list("region_id", "n")
    )
    rows = [
        {"region": r, "document": documents.get(r.pk), "conclusions": counts.get(r.pk, 0)}
        for r in Region.objects.mainland()
    ]
    return render(request, "agreements/round.html", {"round": round, "rows": rows, "joint": joint})


# ---------------------------------------------------------------------------------------------------
# Conclusions


@require_http_methods(["GET", "POST"])
def region_conclusions(request: HttpRequest, year: int, code: str) -> HttpResponse:
    require(request.user, "conclusion.view")
    round, region = _round(year), _region(code)
    form = ConclusionForm(request.POST or None, agenda_items=selectors.agenda_items_for(round.pk, region.pk))
    if request.method == "POST" and form.is_valid():
        done = _run(
            request,
            lambda: services.record_conclusion(request.user, round, region, **form.service_kwargs()),
            _("Johtopäätös kirjattu."),
        )
        if done:
            return redirect("agreements:conclusions", year=year, code=region.code)
    documents = selectors.documents_of_region(region.pk, public_only=False).filter(round=round)
    return render(
        request,
        "agreements/conclusions.html",
        {
            "round": round,
            "region": region,
            "conclusions": selectors.conclusions_of(round.pk, [region.pk]),
            "form": form,
            "documents": documents,
            "may_record": can(request.user, "conclusion.record", services.RegionSubject(region.pk)),
            "may_create_document": can(request.user, "document.edit", region),
            "other_regions": Region.objects.mainland().exclude(pk=region.pk)
            if can(request.user, "conclusion.record")
            else [],
            "indicator_choices": indicators.choices(),
        },
    )


@require_http_methods(["GET", "POST"])
def region_minutes(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """The minutes of a region's discussion, written item by item alongside its conclusions."""
    require(request.user, "conclusion.view")
    round, region = _round(year), _region(code)
    items = list(selectors.agenda_items_for(round.pk, region.pk))
    stored = {m.agenda_item_id: m for m in selectors.minutes_of(round.pk, [region.pk])}
    documents = list(selectors.documents_of_region(region.pk, public_only=False).filter(round=round))
    frozen = next((d for d in documents if d.is_final), None)
    may_record = can(request.user, "conclusion.record", services.RegionSubject(region.pk))
    form = MinutesForm(request.POST or None, items=items, stored=stored)
    if request.method == "POST":
        require(request.user, "conclusion.record", services.RegionSubject(region.pk))
        if form.is_valid() and _run(
            request,
            lambda: services.save_minutes(request.user, round, region, form.texts(), opened=form.opened()),
            _("Muistio tallennettu."),
        ):
            return redirect("agreements:minutes", year=year, code=region.code)
    conclusions: dict[int | None, list[Conclusion]] = {}
    for number, conclusion in enumerate(selectors.conclusions_of(round.pk, [region.pk]), start=1):
        conclusion.number = number
        conclusions.setdefault(conclusion.agenda_item_id, []).append(conclusion)
    rows = [
        {
            "item": item,
            "minutes": stored.get(item.pk),
            "conclusions": conclusions.get(item.pk, []),
            "fields": fields,
        }
        for item, *fields in form.rows()
    ]
    return render(
        request,
        "agreements/minutes.html",
        {
            "round": round,
            "region": region,
            "rows": rows,
            "form": form,
            "unlinked": conclusions.get(None, []),
            "documents": documents,
            "frozen": frozen,
            "may_record": may_record and frozen is None,
        },
    )


@require_http_methods(["GET", "POST"])
def conclusion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    conclusion = get_object_or_404(Conclusion.objects.select_related("round", "region"), pk=pk)
    require(request.user, "conclusion.record", conclusion)
    form = ConclusionForm(
        request.POST or None,
        initial=ConclusionForm.initial_for(conclusion),
        agenda_items=selectors.agenda_items_for(conclusion.round_id, conclusion.region_id),
    )
    if request.method == "POST" and form.is_valid():
        done = _run(
            request,
            lambda: services.record_conclusion(
                request.user,
                conclusion.round,
                conclusion.region,
                conclusion=conclusion,
                **form.service_kwargs(),
            ),
            _("Johtopäätös tallennettu."),
        )
        if done:
            return redirect("agreements:conclusions", year=conclusion.round.year, code=conclusion.region.code)
    return render(request, "agreements/conclusion_edit.html", {"conclusion": conclusion, "form": form})


@require_POST
def conclusion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    conclusion = get_object_or_404(Conclusion.objects.select_related("round", "region"), pk=pk)
    year, code = conclusion.round.year, conclusion.region.code
    _run(request, lambda: services.delete_conclusion(request.user, conclusion), _("Johtopäätös poistettu."))
    return redirect("agreements:conclusions", year=year, code=code)


@require_POST
def conclusion_indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    conclusion = get_object_or_404(Conclusion.objects.select_related("round", "region"), pk=pk)
    require(request.user, "conclusion.record", conclusion)
    form = IndicatorLinkForm(request.POST, choices=indicators.choices())
    if form.is_valid():
        data = form.cleaned_data
        baseline = indicators.baseline(conclusion.region.code, data["indicator"], conclusion.round.year)
        _run(
            request,
            lambda: services.set_conclusion_indicator(
                request.user,
                conclusion,
                baseline.indicator,
                baseline_year=baseline.year,
                baseline_value=baseline.value,
                target_year=data["target_year"],
                target_value=data["target_value"],
            ),
            _("Indikaattori liitetty."),
        )
    else:
        messages.error(
            request, _("Tarkista indikaattorin tiedot: %(errors)s") % {"errors": form.errors.as_text()}
        )
    return redirect("agreements:conclusions", year=conclusion.round.year, code=conclusion.region.code)


@require_POST
def conclusion_indicator_remove(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(
        ConclusionIndicator.objects.select_related("conclusion__round", "conclusion__region"), pk=pk
    )
    conclusion = link.conclusion
    _run(
        request,
        lambda: services.remove_conclusion_indicator(request.user, link),
        _("Indikaattori poistettu."),
    )
    return redirect("agreements:conclusions", year=conclusion.round.year, code=conclusion.region.code)


# ---------------------------------------------------------------------------------------------------
# Cooperation documents


@require_POST
def document_create(request: HttpRequest, year: int, code: str) -> HttpResponse:
    round, region = _round(year), _region(code)
    others = list(Region.objects.filter(code__in=request.POST.getlist("other_regions")))
    document = _run(
        request,
        lambda: services.create_document(
            request.user,
            round,
            region,
            other_regions=others,
            include_swedish=request.POST.get("include_swedish") == "on",
        ),
        _("Yhteistyöasiakirjan luonnos aloitettu."),
    )
    if isinstance(document, CooperationDocument):
        return redirect(document)
    return redirect("agreements:conclusions", year=year, code=region.code)


def _document(pk: int) -> CooperationDocument:
    return get_object_or_404(
        CooperationDocument.objects.select_related(
            "round", "region", "final_version", "published_version", "modified_by"
        ),
        pk=pk,
    )


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    if not can(request.user, "conclusion.view", document):
        if document.is_published:
            return redirect("agreements:public_document", pk=document.pk)
        require(request.user, "conclusion.view", document)
    versions = list(document.versions.select_related("created_by").order_by("-number"))
    latest = versions[0] if versions else None
    shown = document.final_version or latest
    lang = _lang(request, document.has_swedish)
    user = request.user
    may_region = any(can(user, "document.approve_region", r) for r in document.all_regions())
    approvals = services.approval_state(document, shown)
    region_approved = {a.region_id for _r, a in approvals["regions"] if a}
    own_region_pending = may_region and any(
        can(user, "document.approve_region", r) and r.pk not in region_approved
        for r in document.all_regions()
    )
    return render(
        request,
        "agreements/document.html",
        {
            "document": document,
            "view": layout(shown.content, lang) if shown else None,
            "lang": lang,
            "shown": shown,
            "latest": latest,
            "versions": versions,
            "approvals": approvals,
            "comments": document.comments.select_related("author", "version"),
            "comment_form": CommentForm(),
            "reopen_form": ReopenForm(),
            "may_edit": not document.is_final and can(user, "document.edit", document),
            "may_comment": not document.is_final and can(user, "document.comment", document),
            "may_approve_state": not document.is_final
            and can(user, "document.approve_state", document)
            and approvals["state"] is None,
            "may_approve_region": not document.is_final and own_region_pending,
            "may_reopen": document.is_final and can(user, "document.reopen", document),
            "may_publish": document.is_final
            and can(user, "document.publish", document)
            and document.published_version_id != document.final_version_id,
        },
    )


@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    require(request.user, "document.edit", document)
    if document.is_final:
        messages.error(request, services._frozen_message(document))
        return redirect(document)
    swedish = True
    initial = {f: getattr(document, f) for f in CooperationDocument.CONTENT_FIELDS if not f.endswith("_id")}
    initial["lock_version"] = document.lock_version
    form = DocumentForm(request.POST or None, initial=initial, swedish=swedish)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_document(
                request.user,
                document,
                form.cleaned_data["lock_version"],
                form.section_data(),
                note=form.cleaned_data["note"],
            )
        except services.EditConflict as error:
            current = error.current
            conflict = {
                "message": str(error),
                "fields": [
                    {
                        "label": form.fields[name].label,
                        "words": _word_diff(getattr(current, name) or "", form.cleaned_data.get(name) or ""),
                    }
                    for name in form.section_data()
                    if name in form.fields
                    and (getattr(current, name) or "").strip() != (form.cleaned_data.get(name) or "").strip()
                    and name != "include_swedish"
                ],
                "by": current.modified_by,
            }
            # The editor's text stays in the form; the next save is made against what is stored now.
            data = request.POST.copy()
            data["lock_version"] = str(current.lock_version)
            form = DocumentForm(data, swedish=swedish)
            form.is_valid()
        except services.AgreementError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Luonnos tallennettu uutena versiona."))
            return redirect(document)
    return render(
        request, "agreements/document_edit.html", {"document": document, "form": form, "conflict": conflict}
    )


@require_POST
def document_approve(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    party = request.POST.get("party", "")
    try:
        number = int(request.POST.get("version", ""))
    except ValueError:
        raise Http404("no version") from None
    approval = _run(request, lambda: services.approve(request.user, document, number, party))
    if approval:
        document.refresh_from_db()
        if document.is_final:
            messages.success(
                request,
                _(
                    "Versio %(n)s on hyväksytty. Molemmat osapuolet ovat hyväksyneet sen: asiakirja on lopullinen."
                )
                % {"n": number},
            )
        else:
            messages.success(
                request,
                _(
                    "Versio %(n)s on hyväksytty. Asiakirja on lopullinen, kun toinenkin osapuoli hyväksyy saman version."
                )
                % {"n": number},
            )
    return redirect(document)


@require_POST
def document_comment(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        _run(
            request,
            lambda: services.add_comment(request.user, document, form.cleaned_data["text"]),
            _("Kommentti lisätty."),
        )
    else:
        messages.error(request, _("Kirjoita kommentti."))
    return redirect(document)


@require_POST
def document_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    form = ReopenForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    _run(
        request,
        lambda: services.reopen(request.user, document, reason),
        _("Asiakirja avattu uudelleen muutoksia varten."),
    )
    return redirect(document)


@require_POST
def document_publish(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    _run(
        request,
        lambda: services.publish(request.user, document),
        _("Asiakirja julkaistu julkisella sivulla."),
    )
    return redirect(document)


@require_GET
def document_compare(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    require(request.user, "conclusion.view", document)
    versions = list(document.versions.order_by("-number"))
    if not versions:
        raise Http404("no versions")
    numbers = [v.number for v in versions]
    try:
        a = int(request.GET.get("a", numbers[1] if len(numbers) > 1 else numbers[0]))
        b = int(request.GET.get("b", numbers[0]))
    except ValueError:
        raise Http404("bad version") from None
    by_number = {v.number: v for v in versions}
    if a not in by_number or b not in by_number:
        raise Http404("no such version")
    lang = _lang(request, document.has_swedish)
    sections = diff(by_number[a].content, by_number[b].content, lang)
    return render(
        request,
        "agreements/compare.html",
        {
            "document": document,
            "versions": versions,
            "old": by_number[a],
            "new": by_number[b],
            "sections": sections,
            "changed": any(s.changed for s in sections),
            "lang": lang,
        },
    )


def _file_response(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _export(version: DocumentVersion, fmt: str, lang: str) -> HttpResponse:
    document = version.document
    name = f"yhteistyoasiakirja-{document.round.year}-{slugify(document.region.name_fi)}-v{version.number}-{lang}"
    if fmt == "docx":
        return _file_response(exports.document_docx(version, lang), DOCX, f"{name}.docx")
    if fmt == "pdf":
        return _file_response(exports.document_pdf(version, lang), "application/pdf", f"{name}.pdf")
    raise Http404("unknown format")


@require_GET
def document_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    document = _document(pk)
    require(request.user, "conclusion.view", document)
    versions = document.versions.all()
    number = request.GET.get("versio")
    version = (
        get_object_or_404(versions, number=number)
        if number
        else (document.final_version or document.latest_version())
    )
    if version is None:
        raise Http404("no version")
    return _export(version, fmt, _lang(request, document.has_swedish))


# ---------------------------------------------------------------------------------------------------
# Public


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    documents = selectors.published_documents()
    by_round: dict[Any, list] = {}
    for document in documents:
        by_round.setdefault(document.round, []).append(document)
    return render(request, "agreements/public_list.html", {"by_round": by_round})


def _published(pk: int) -> CooperationDocument:
    document = _document(pk)
    if not document.is_published:
        raise Http404("not published")
    return document


@require_GET
def public_document(request: HttpRequest, pk: int) -> HttpResponse:
    document = _published(pk)
    version = document.published_version
    lang = _lang(request, version.content.get("swedish", False))
    approvals = list(version.approvals.select_related("region").order_by("approved_at"))
    return render(
        request,
        "agreements/public_document.html",
        {
            "document": document,
            "version": version,
            "view": layout(version.content, lang),
            "lang": lang,
            "approvals": approvals,
            "reopened": not document.is_final or document.final_version_id != version.pk,
        },
    )


@require_GET
def public_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    document = _published(pk)
    version = document.published_version
    return _export(version, fmt, _lang(request, version.content.get("swedish", False)))


# ---------------------------------------------------------------------------------------------------
# Funding


def _visible_regions(user) -> set[int] | None:
    """None when the user sees every region's funding; else the regions they may see (their own)."""
    regions = list(Region.objects.mainland())
    visible = {r.pk for r in regions if can(user, "funding.view", r)}
    return None if len(visible) == len(regions) else visible


@require_http_methods(["GET", "POST"])
def funding_round(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "funding.view")
    round = _round(year)
    appropriation = selectors.appropriation_for(round.pk)
    may_manage = can(request.user, "funding.manage")
    form = AppropriationForm(
        request.POST if request.POST.get("action") == "appropriation" else None,
        initial={
            "budget_item": appropriation.budget_item if appropriation else "32.30.40",
            "total": appropriation.total if appropriation else None,
            "equal_share_percent": appropriation.equal_share_percent if appropriation else 70,
            "decision_reference": appropriation.decision_reference if appropriation else "",
        },
    )
    if request.method == "POST":
        require(request.user, "funding.manage")
        action = request.POST.get("action")
        if action == "appropriation" and form.is_valid():
            data = form.cleaned_data
            if _run(
                request,
                lambda: services.set_appropriation(
                    request.user,
                    round,
                    total=data["total"],
                    budget_item=data["budget_item"],
                    equal_share_percent=data["equal_share_percent"],
                    decision_reference=data["decision_reference"],
                ),
                _("Määräraha tallennettu."),
            ):
                return redirect("agreements:funding", year=year)
        elif action == "propose" and appropriation:
            if _run(
                request,
                lambda: services.propose_split(request.user, appropriation),
                _("Kaavan mukainen ehdotus laskettu."),
            ):
                return redirect("agreements:funding", year=year)
        elif action == "adopt" and appropriation:
            if _run(
                request,
                lambda: services.adopt_proposal(request.user, appropriation),
                _("Ehdotus otettu kohdennukseksi."),
            ):
                return redirect("agreements:funding", year=year)
        elif action == "allocations" and appropriation:
            amounts = {
                int(key.removeprefix("amount-")): value
                for key, value in request.POST.items()
                if key.startswith("amount-") and key.removeprefix("amount-").isdigit()
            }
            if _run(
                request,
                lambda: services.set_allocations(request.user, appropriation, amounts),
                _("Kohdennus tallennettu."),
            ):
                return redirect("agreements:funding", year=year)
    summary = (
        selectors.funding_summary(appropriation, _visible_regions(request.user)) if appropriation else None
    )
    posted = (
        {k: v for k, v in request.POST.items() if k.startswith("amount-")} if request.method == "POST" else {}
    )
    return render(
        request,
        "agreements/funding.html",
        {
            "round": round,
            "appropriation": appropriation,
            "summary": summary,
            "form": form,
            "may_manage": may_manage,
            "posted": posted,
        },
    )


@require_http_methods(["GET", "POST"])
def funding_region(request: HttpRequest, year: int, code: str) -> HttpResponse:
    round, region = _round(year), _region(code)
    require(request.user, "funding.view", region)
    appropriation = selectors.appropriation_for(round.pk)
    if appropriation is None:
        raise Http404("no appropriation")
    allocation = get_object_or_404(RegionAllocation, appropriation=appropriation, region=region)
    conclusions = Conclusion.objects.filter(round=round, region=region)
    form = EntityForm(request.POST or None, conclusions=conclusions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            lambda: services.save_entity(
                request.user,
                allocation,
                name_fi=data["name_fi"],
                name_sv=data["name_sv"],
                recipient=data["recipient"],
                amount=data["amount"],
                conclusion=data["conclusion"],
            ),
            _("Kokonaisuus lisätty."),
        ):
            return redirect("agreements:funding_region", year=year, code=region.code)
    summary = selectors.funding_summary(appropriation, {region.pk})
    return render(
        request,
        "agreements/funding_region.html",
        {
            "round": round,
            "region": region,
            "allocation": allocation,
            "region_summary": summary.regions[0] if summary.regions else None,
            "form": form,
            "may_manage": can(request.user, "funding.manage", allocation),
        },
    )


@require_http_methods(["GET", "POST"])
def entity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entity = get_object_or_404(
        FundedEntity.objects.select_related(
            "allocation__region", "allocation__appropriation__round", "conclusion"
        ),
        pk=pk,
    )
    require(request.user, "funding.view", entity)
    form = LedgerForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "delete":
        region = entity.allocation.region
        year = entity.allocation.appropriation.round.year
        if _run(request, lambda: services.delete_entity(request.user, entity), _("Kokonaisuus poistettu.")):
            return redirect("agreements:funding_region", year=year, code=region.code)
        return redirect("agreements:entity", pk=pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            lambda: services.record_ledger_entry(
                request.user,
                entity,
                kind=data["kind"],
                amount=data["amount"],
                booked_on=data["booked_on"],
                reference=data["reference"],
                note=data["note"],
            ),
            _("Kirjaus tallennettu."),
        ):
            return redirect("agreements:entity", pk=pk)
    return render(
        request,
        "agreements/entity.html",
        {
            "entity": entity,
            "balance": selectors.entity_balance(entity),
            "entries": entity.ledger.select_related("created_by"),
            "form": form,
            "may_record": can(request.user, "ledger.record", entity),
            "may_manage": can(request.user, "funding.manage", entity),
        },
    )


@require_GET
def funding_export(request: HttpRequest, year: int) -> HttpResponse:
    require(request.user, "funding.view")
    round = _round(year)
    appropriation = selectors.appropriation_for(round.pk)
    if appropriation is None:
        raise Http404("no appropriation")
    visible = _visible_regions(request.user)
    summary = selectors.funding_summary(appropriation, visible)
    entries = LedgerEntry.objects.filter(entity__allocation__appropriation=appropriation).select_related(
        "entity__allocation__region"
    )
    if visible is not None:
        entries = entries.filter(entity__allocation__region_id__in=visible)
    return _file_response(exports.funding_xlsx(summary, list(entries)), XLSX, f"akke-{year}.xlsx")


# ---------------------------------------------------------------------------------------------------
# Ministry worklist


def _worklist_ministry(request: HttpRequest) -> Ministry:
    abbreviation = request.GET.get("ministerio")
    own = ministry_ids_of(request.user)
    if abbreviation:
        ministry = get_object_or_404(Ministry, abbreviation=abbreviation.upper())
    elif own:
        ministry = Ministry.objects.get(pk=sorted(own)[0])
    else:
        ministry = Ministry.objects.filter(is_coordinator=True).first() or Ministry.objects.first()
    require(request.user, "worklist.view", services.MinistrySubject(ministry.pk))
    return ministry


def _worklist_filters(request: HttpRequest) -> tuple[Round | None, bool]:
    year = request.GET.get("kierros")
    round = Round.objects.filter(year=int(year)).first() if year and year.isdigit() else None
    return round, request.GET.get("budjetti") == "1"


@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    require(request.user, "worklist.view")
    ministry = _worklist_ministry(request)
    round, budget_only = _worklist_filters(request)
    items = selectors.worklist(ministry.pk, round.pk if round else None, budget_only)
    ministries = [
        m
        for m in Ministry.objects.all()
        if can(request.user, "worklist.view", services.MinistrySubject(m.pk))
    ]
    return render(
        request,
        "agreements/worklist.html",
        {
            "ministry": ministry,
            "ministries": ministries,
            "items": items,
            "rounds": Round.objects.order_by("-year"),
            "round": round,
            "budget_only": budget_only,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
def worklist_export(request: HttpRequest) -> HttpResponse:
    require(request.user, "worklist.view")
    ministry = _worklist_ministry(request)
    round, budget_only = _worklist_filters(request)
    items = list(selectors.worklist(ministry.pk, round.pk if round else None, budget_only))
    label = f"{ministry.abbreviation} – {ministry.name}"
    suffix = f"-{round.year}" if round else ""
    return _file_response(
        exports.worklist_xlsx(items, label),
        XLSX,
        f"johtopaatokset-{ministry.abbreviation.lower()}{suffix}.xlsx",
    )


def region_panel(request: HttpRequest, region: Region) -> dict | None:
    """The region page's section listing its cooperation documents."""
    see_drafts = can(request.user, "conclusion.view", region)
    documents = list(selectors.documents_of_region(region.pk, public_only=not see_drafts))
    if not documents and not see_drafts:
        return None
    return {"region": region, "documents": documents, "see_drafts": see_drafts}
