"""A cooperation document: create, read, edit, approve, comment, reopen, publish, compare, export."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alke.agreements import exports, services
from alke.agreements.content import _word_diff, diff, layout
from alke.agreements.forms import (
    CommentForm,
    DocumentForm,
    ReopenForm,
)
from alke.agreements.models import (
    CooperationDocument,
    DocumentVersion,
)
from alke.agreements.services.base import _frozen_message
from alke.agreements.views.base import DOCX, _file_response, _lang, _region, _round
from alke.core.domain import attempt
from alke.core.permissions import can, require
from alke.regions.models import Region


@require_POST
def document_create(request: HttpRequest, year: int, code: str) -> HttpResponse:
    round, region = _round(year), _region(code)
    others = list(Region.objects.filter(code__in=request.POST.getlist("other_regions")))
    document = attempt(
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
        messages.error(request, _frozen_message(document))
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
    approval = attempt(request, lambda: services.approve(request.user, document, number, party))
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
        attempt(
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
    attempt(
        request,
        lambda: services.reopen(request.user, document, reason),
        _("Asiakirja avattu uudelleen muutoksia varten."),
    )
    return redirect(document)


@require_POST
def document_publish(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(pk)
    attempt(
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
