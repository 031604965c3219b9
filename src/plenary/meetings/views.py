"""The public meeting page and an edition's programme. Reads live in ``queries``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plenary.documents.rules import sees_drafts_of
from plenary.meetings import queries


def meeting(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    context = queries.meeting_page(forum_slug=forum, number=number, pk=pk, viewer=request.user)
    # The forum's own people (secretariat, member focal points) also see the working pages of a
    # meeting not yet held: its provisional list of participants and its registration.
    context["own_people"] = sees_drafts_of(request.user, context["forum"].pk)
    return render(request, "meetings/meeting.html", context)


def programme(request: HttpRequest, forum: str, number: int) -> HttpResponse:
    context = queries.programme_page(forum_slug=forum, number=number)
    return render(request, "meetings/programme.html", context)
