"""What the pages share: running a service with its error as a message, lookups and file answers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from alke.regions.models import Region
from alke.rounds.models import Round

SECTION_LANGS = ("fi", "sv")


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


def _file_response(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
