"""The search page. Reads live in ``queries``, the search itself in ``backends``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plenary.search import queries


def search(request: HttpRequest) -> HttpResponse:
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    context = queries.search_page(
        query=request.GET.get("q", ""),
        kinds=request.GET.getlist("kind"),
        forum_slug=request.GET.get("forum", ""),
        language=request.GET.get("language", ""),
        page=page,
    )
    return render(request, "search/search.html", context)
