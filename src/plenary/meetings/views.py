"""The public meeting page. Reads live in ``queries``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plenary.meetings import queries


def meeting(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    context = queries.meeting_page(forum_slug=forum, number=number, pk=pk, viewer=request.user)
    return render(request, "meetings/meeting.html", context)
