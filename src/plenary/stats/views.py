"""The forum at a glance and the downloads of its record. Reads live in ``queries``, the tables of
the downloads in ``exports``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from plenary.stats import exports, queries


@require_safe
def glance(request: HttpRequest, forum: str) -> HttpResponse:
    return render(request, "stats/glance.html", queries.glance_page(forum_slug=forum))


@require_safe
def glance_csv(request: HttpRequest, forum: str, chart: str) -> HttpResponse:
    return exports.chart_csv(forum_slug=forum, chart=chart)


@require_safe
def export(request: HttpRequest, forum: str, what: str, fmt: str) -> HttpResponse:
    return exports.export_response(forum_slug=forum, what=what, fmt=fmt)
