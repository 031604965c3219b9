"""Public pages of forums, editions and states. Reads live in ``queries``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from plenary.forums import queries


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "forums/landing.html", queries.landing_page())


def forum(request: HttpRequest, forum: str) -> HttpResponse:
    return render(
        request, "forums/forum.html", queries.forum_page(forum_slug=forum, viewer=request.user)
    )


def edition(request: HttpRequest, forum: str, number: int) -> HttpResponse:
    context = queries.edition_page(forum_slug=forum, number=number, viewer=request.user)
    return render(request, "forums/edition.html", context)


def states(request: HttpRequest) -> HttpResponse:
    return render(request, "forums/states.html", queries.states_index())


def state(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.lower():
        return redirect("forums:state", code=code.lower(), permanent=True)
    return render(request, "forums/state.html", queries.state_page(code=code))
