"""A meeting's list of participants: the page, its PDF and Word files, and the badges with place
cards. Who may read the list, and in which languages, is decided in ``participants``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from plenary.meetings import participants, participants_output


def _list(request: HttpRequest, forum: str, number: int, pk: int):
    return participants.participant_list(
        forum_slug=forum,
        number=number,
        pk=pk,
        viewer=request.user,
        language=request.GET.get("lang"),
    )


def _kept_private(response: HttpResponse, plist) -> HttpResponse:
    """The list of a meeting not yet held is the forum's own: no shared cache keeps it."""
    if plist.is_provisional:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _file(plist, content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = plist.language
    return _kept_private(response, plist)


def participant_list(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    plist = _list(request, forum, number, pk)
    context = {
        "plist": plist,
        "forum": plist.forum,
        "edition": plist.edition,
        "meeting": plist.meeting,
        "labels": plist.labels,
    }
    response = render(request, "meetings/participants.html", context)
    return _kept_private(response, plist)


def participant_list_pdf(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    plist = _list(request, forum, number, pk)
    return _file(
        plist,
        participants_output.participants_pdf(plist),
        participants_output.PDF_CONTENT_TYPE,
        participants_output.download_filename(plist, "participants", "pdf"),
    )


def participant_list_docx(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    plist = _list(request, forum, number, pk)
    return _file(
        plist,
        participants_output.participants_docx(plist),
        participants_output.DOCX_CONTENT_TYPE,
        participants_output.download_filename(plist, "participants", "docx"),
    )


def badges_pdf(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    plist = _list(request, forum, number, pk)
    return _file(
        plist,
        participants_output.badges_pdf(plist),
        participants_output.PDF_CONTENT_TYPE,
        participants_output.download_filename(plist, "badges", "pdf"),
    )
