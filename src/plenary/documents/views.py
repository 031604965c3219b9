"""Public pages of outcome documents. Reads, and the 404 for drafts, live in ``queries``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plenary.documents import queries


def documents(request: HttpRequest, forum: str) -> HttpResponse:
    context = queries.document_list(forum_slug=forum, viewer=request.user)
    return render(request, "documents/documents.html", context)


def document(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    context = queries.document_page(forum_slug=forum, pk=pk, viewer=request.user)
    return render(request, "documents/document.html", context)
