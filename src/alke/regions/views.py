from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alke.core.registry import region_panels
from alke.regions.models import Region
from alke.regions.selectors import mainland_regions


@require_GET
def region_list(request: HttpRequest) -> HttpResponse:
    return render(request, "regions/region_list.html", {"regions": mainland_regions()})


@require_GET
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        region = Region.objects.prefetch_related("municipalities").get(code=code.upper())
    except Region.DoesNotExist:
        raise Http404("no such region") from None
    panels = []
    for panel in region_panels():
        context = panel.context(request, region)
        if context is not None:
            panels.append({"template": panel.template, "context": context})
    return render(request, "regions/region_detail.html", {"region": region, "panels": panels})
