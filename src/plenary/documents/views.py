"""Public pages of outcome documents. Reads, and the 404 for drafts, live in ``queries``."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from plenary.documents import output, queries


def documents(request: HttpRequest, forum: str) -> HttpResponse:
    context = queries.document_list(forum_slug=forum, viewer=request.user)
    return render(request, "documents/documents.html", context)


def document(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    context = queries.document_page(forum_slug=forum, pk=pk, viewer=request.user)
    return render(request, "documents/document.html", context)


# Downloads: an adopted text as DOCX or PDF ------------------------------------------------------
# What may go out, and to whom, is decided in ``output``; these views answer with the file.


def _document_download(
    request: HttpRequest, forum: str, pk: int, *, extension: str
) -> HttpResponse:
    asked = request.GET.get("version")
    if asked is not None and not asked.isdigit():
        raise Http404("No such version of this document.")
    try:
        document, version = output.access_document_text(
            forum_slug=forum,
            pk=pk,
            viewer=request.user,
            version_number=int(asked) if asked is not None else None,
        )
    except output.NoTextHeldError as missing:
        context = {"document": missing.document, "forum": missing.document.forum}
        return render(request, "documents/output/no_text.html", context, status=404)
    if extension == "docx":
        content = output.document_docx(document, version=version)
        content_type = output.DOCX_CONTENT_TYPE
    else:
        content = output.document_pdf(document, version=version)
        content_type = output.PDF_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    filename = output.download_filename(document, extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def document_docx(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    return _document_download(request, forum, pk, extension="docx")


def document_pdf(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    return _document_download(request, forum, pk, extension="pdf")
