from django.apps import apps
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from alke.core import selectors
from alke.core.permissions import may_read, may_read_version, require
from alke.core.registry import home_sections


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The introduction and the sections the apps add (the regions, first of all)."""
    sections = []
    for section in home_sections():
        context = section.context(request)
        if context is not None:
            sections.append({"template": section.template, "context": context})
    return render(request, "core/home.html", {"sections": sections})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_GET
def history(request: HttpRequest, app_label: str, model_name: str, pk: int) -> HttpResponse:
    """Who changed what and when, for any audited domain model.

    The history shows every old value (a draft's text, another region's funding), so the user must
    be allowed to read the object itself (`may_read`). An object they may not read answers 404, as a
    missing one does, so the page does not tell whether it exists.
    """
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404("unknown model") from None
    if not hasattr(model, "history") or app_label not in selectors.AUDITED_APP_LABELS:
        raise Http404("no history for this model")
    # Asked before the object is looked up: a user without the right learns nothing about it.
    require(request.user, "history.view")
    obj = get_object_or_404(model, pk=pk)
    if not may_read(request.user, obj):
        raise Http404("no such object")
    # Reading the object now is not reading its past: versions in a private state the user could not have
    # read then (a proposal's draft edits, PRIVATE_HISTORY) are left out, and each shown change is taken
    # against the previous *shown* version, so no hidden value appears as an "old value".
    records = list(obj.history.all().select_related("history_user"))
    visible = [record for record in records if may_read_version(request.user, record)]
    return render(
        request,
        "core/history.html",
        {
            "object": obj,
            "model_name": model._meta.verbose_name,
            "entries": selectors.history_entries(obj, visible),
            "versions_hidden": len(visible) < len(records),
        },
    )


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: with the manifest storage the hashed name exists only after collectstatic.
    return redirect(static("alke/favicon.svg"), permanent=True)


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
