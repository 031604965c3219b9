from django.urls import path

from plenary.documents import drafting_views, views

app_name = "documents"
urlpatterns = [
    # The list and the document page add the drafting workflow for those who take part in it.
    path("forums/<slug:forum>/documents/", drafting_views.documents, name="list"),
    path("forums/<slug:forum>/documents/<int:pk>/", drafting_views.document, name="document"),
    # Downloads of the text
    path(
        "forums/<slug:forum>/documents/<int:pk>/download.docx",
        views.document_docx,
        name="docx",
    ),
    path(
        "forums/<slug:forum>/documents/<int:pk>/download.pdf",
        views.document_pdf,
        name="pdf",
    ),
]

# The drafting workflow: every address under a document answers 404 to whoever may not read it.
_document = "forums/<slug:forum>/documents/<int:pk>/"
urlpatterns += [
    path("forums/<slug:forum>/documents/new/", drafting_views.document_new, name="new"),
    path(f"{_document}history/", drafting_views.history, name="history"),
    path(f"{_document}compare/", drafting_views.compare, name="compare"),
    path(f"{_document}versions/new/", drafting_views.version_start, name="version_start"),
    path(f"{_document}versions/next/", drafting_views.version_next, name="version_next"),
    path(
        f"{_document}versions/<int:number>/circulate/",
        drafting_views.version_circulate,
        name="version_circulate",
    ),
    path(
        f"{_document}versions/<int:number>/position/",
        drafting_views.position_record,
        name="position_record",
    ),
    path(
        f"{_document}versions/<int:number>/silence/",
        drafting_views.silence_open,
        name="silence_open",
    ),
    path(
        f"{_document}silence/<int:procedure>/break/",
        drafting_views.silence_break,
        name="silence_break",
    ),
    path(f"{_document}adopt/", drafting_views.adopt, name="adopt"),
    path(
        f"{_document}paragraphs/<int:paragraph>/edit/",
        drafting_views.paragraph_edit,
        name="paragraph_edit",
    ),
    path(
        f"{_document}paragraphs/<int:paragraph>/comments/",
        drafting_views.comment_add,
        name="comment_add",
    ),
    path(
        f"{_document}languages/<int:language>/paragraphs/",
        drafting_views.paragraph_add,
        name="paragraph_add",
    ),
    path(f"{_document}notes/", drafting_views.note_add, name="note_add"),
]
