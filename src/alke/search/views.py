"""The search page and the open data page."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alke.search import selectors
from alke.search.forms import SearchForm

PAGE_SIZE = 20


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results, query = [], ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        results = selectors.search(request.user, query, form.cleaned_data["source"] or None)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("sivu"))
    params = request.GET.copy()
    params.pop("sivu", None)
    return render(
        request,
        "search/index.html",
        {"form": form, "query": query, "page": page, "total": len(results), "params": params.urlencode()},
    )


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    from alke.search import opendata

    return render(
        request,
        "search/open_data.html",
        {"datasets": opendata.datasets(), "formats": list(opendata.FORMATS)},
    )
