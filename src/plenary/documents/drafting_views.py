"""Pages of the drafting workflow: the negotiation on the document page, its actions, the history
and the comparison of versions.

Every action is a POST form with its CSRF token that works without JavaScript (it answers with a
redirect, or with the page and the form's errors); with htmx, the paragraph and comment forms
answer with the paragraph alone, swapped in place. Each action calls one function of
``drafting``; nothing here writes a model.

Who may do what is decided by the permissions of ``rules`` through ``user_can``, in one way for
every address under a document: whoever may not read the document gets 404, so that a draft's
existence is not disclosed; whoever may read it but not take the step gets 403; a step the
workflow refuses (a deadline passed, a frozen text) comes back as the page with the reason, with
status 400 (409 for an edit that crossed another one).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plenary.documents import drafting, queries
from plenary.documents.domain import document_record
from plenary.documents.drafting_forms import (
    AdoptForm,
    CirculateForm,
    CommentForm,
    NewDocumentForm,
    NextVersionForm,
    NoteForm,
    ParagraphAddForm,
    ParagraphEditForm,
    PositionForm,
    SilenceBreakForm,
    SilenceOpenForm,
    VersionTextForm,
    put_errors,
)
from plenary.documents.drafting_queries import (
    comparison,
    drafting_workspace,
    host_zone,
    member_states,
    paragraph_cell,
    speaking_for,
    version_pair,
)
from plenary.documents.history import document_history
from plenary.documents.models import (
    Comment,
    DocumentVersion,
    LanguageVersion,
    OutcomeDocument,
    Paragraph,
    SilenceProcedure,
)
from plenary.documents.rules import sees_drafts_of, user_can
from plenary.forums.models import Forum

# Access -----------------------------------------------------------------------------------------


def access_document(request: HttpRequest, forum: str, pk: int) -> OutcomeDocument:
    """The document at this address if the user may read it; 404 otherwise."""
    document = get_object_or_404(
        OutcomeDocument.objects.select_related("forum", "pen_holder_state"),
        pk=pk,
        forum__slug=forum,
    )
    if not user_can(request.user, "documents.view_document", document):
        raise Http404("No outcome document matches the given query.")
    return document


def check(request: HttpRequest, permission: str, obj) -> None:
    """403 unless the user holds ``permission`` on ``obj`` (which the user may read)."""
    if not user_can(request.user, permission, obj):
        raise PermissionDenied


def may_create_documents(user, forum: Forum) -> bool:
    """Whether ``user`` may start a new document in ``forum``: whoever would hold the pen of a
    document that names no pen-holding state, that is the forum's secretariat."""
    return user_can(user, "documents.draft", OutcomeDocument(forum=forum))


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _to_document(document: OutcomeDocument, anchor: str = "negotiation") -> HttpResponse:
    return redirect(f"{document.get_absolute_url()}#{anchor}")


# The list and the document page -----------------------------------------------------------------


def documents(request: HttpRequest, forum: str) -> HttpResponse:
    """The forum's documents (drafts to those who may read them), with a link to start a new one
    for the secretariat."""
    context = queries.document_list(forum_slug=forum, viewer=request.user)
    context["may_create"] = may_create_documents(request.user, context["forum"])
    return render(request, "documents/documents.html", context)


@require_http_methods(["GET", "POST"])
def document_new(request: HttpRequest, forum: str) -> HttpResponse:
    """The secretariat starts a new outcome document with the text of its first version."""
    forum_obj = get_object_or_404(Forum, slug=forum)
    if not may_create_documents(request.user, forum_obj):
        raise PermissionDenied
    states = member_states(forum_obj)
    if request.method == "GET":
        form = NewDocumentForm(forum=forum_obj, member_states=states)
        return render(request, "documents/drafting/new.html", {"forum": forum_obj, "form": form})
    form = NewDocumentForm(request.POST, forum=forum_obj, member_states=states)
    if form.is_valid():
        data = form.cleaned_data
        try:
            # The document and its first version stand or fall together.
            with transaction.atomic():
                document = document_record(
                    forum=forum_obj,
                    title=data["title"],
                    kind=data["kind"],
                    edition=data["edition"],
                    pen_holder_state=data["pen_holder_state"],
                    by=request.user,
                )
                drafting.version_start(
                    document, by=request.user, titles=form.titles(), paragraphs=form.paragraphs()
                )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is started as a confidential draft.") % {"title": document.title},
            )
            return _to_document(document)
    context = {"forum": forum_obj, "form": form}
    return render(request, "documents/drafting/new.html", context, status=400)


def document(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    return document_page(request, forum, pk)


def _bound(bound: dict, name, default: Callable[[], Form] | None) -> Form | None:
    if name in bound:
        return bound[name]
    return default() if default is not None else None


def document_page(
    request: HttpRequest, forum: str, pk: int, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    """The document's public page; for its secretariat and member states also the negotiation
    with the forms of the steps the user may take now. ``bound`` holds forms sent with errors,
    shown in place of the empty ones."""
    context = queries.document_page(forum_slug=forum, pk=pk, viewer=request.user)
    document = context["document"]
    user = request.user
    context["can_view_history"] = user_can(user, "documents.view_history", document)
    context["version_count"] = len(context["versions"])
    if sees_drafts_of(user, document.forum_id):
        # Those who see drafts have every version in ``versions``, with its text.
        context["workspace"] = workspace(
            request, document, bound=bound or {}, versions=context["versions"]
        )
    return render(request, "documents/document.html", context, status=status)


def workspace(
    request: HttpRequest, document: OutcomeDocument, *, bound: dict, versions=None
) -> dict:
    """The negotiation of ``document`` with the forms the user may send now."""
    ws = drafting_workspace(document, viewer=request.user, versions=versions)
    can, stage, own = ws["can"], ws["stage"], ws["own_states"]
    zone, states, forum = ws["host_zone"], ws["member_states"], document.forum

    def offer(name, allowed: bool, make: Callable[[], Form]) -> Form | None:
        return _bound(bound, name, make if allowed else None)

    ws["forms"] = {
        "circulate": offer(
            "circulate",
            can["circulate"] and stage["draft"],
            lambda: CirculateForm(host_zone=zone, prefix="circulate"),
        ),
        "silence_open": offer(
            "silence_open",
            can["open_silence"] and stage["may_move_on"],
            lambda: SilenceOpenForm(host_zone=zone, prefix="silence"),
        ),
        "silence_break": offer(
            "silence_break",
            can["break_silence"] and bool(own) and stage["silence_open"],
            lambda: SilenceBreakForm(states=own, prefix="break"),
        ),
        "position": offer(
            "position",
            can["record_position"] and bool(own) and stage["circulated"],
            lambda: PositionForm(states=own, prefix="position"),
        ),
        "adopt": offer(
            "adopt",
            can["adopt"] and stage["may_move_on"],
            lambda: AdoptForm(forum=forum, member_states=states, prefix="adopt"),
        ),
        "next_version": offer(
            "next_version",
            can["draft"] and stage["may_move_on"],
            lambda: NextVersionForm(amendments=ws["amendments"], prefix="next"),
        ),
        "version_start": offer(
            "version_start",
            can["draft"] and stage["may_start"],
            lambda: VersionTextForm(languages=forum.languages, prefix="start"),
        ),
        "note": offer(
            "note", can["add_note"] and bool(own), lambda: NoteForm(states=own, prefix="note")
        ),
    }
    for row in ws["rows"]:
        for cell in row["cells"]:
            _cell_forms(ws, cell, bound=bound)
    ws["add_forms"] = []
    if ws["current"] is not None:
        may_add = can["draft"] and stage["draft"]
        for language in ws["current"].languages.all():
            if ("add", language.pk) in bound:
                ws["add_forms"].append((language, bound[("add", language.pk)]))
            elif may_add:
                ws["add_forms"].append((language, ParagraphAddForm(prefix=f"add-{language.pk}")))
    # A form sent with errors is shown where it belongs; one that has no place on the page now
    # (its paragraph is no longer in the current version) has its errors shown at the top.
    placed = {id(form) for form in ws["forms"].values() if form is not None}
    placed |= {id(form) for _, form in ws["add_forms"]}
    placed |= {
        id(cell["comment_form"])
        for row in ws["rows"]
        for cell in row["cells"]
        if cell.get("comment_form")
    }
    ws["unplaced_errors"] = [
        message
        for form in bound.values()
        if id(form) not in placed
        for errors in form.errors.values()
        for message in errors
    ]
    return ws


def _cell_forms(ws: dict, cell: dict, *, bound: dict) -> None:
    """Give a paragraph's cell the comment form its user may send now."""
    paragraph = cell["paragraph"]
    cell["comment_form"] = None
    if paragraph is None:
        return
    if ("comment", paragraph.pk) in bound:
        cell["comment_form"] = bound[("comment", paragraph.pk)]
    elif ws["can"]["comment"] and ws["own_states"] and ws["stage"]["comments_open"]:
        cell["comment_form"] = CommentForm(
            states=ws["own_states"], prefix=f"comment-{paragraph.pk}"
        )
    cell["may_edit"] = ws["can"]["draft"] and ws["stage"]["draft"]


def paragraph_fragment(
    request: HttpRequest,
    document: OutcomeDocument,
    paragraph: Paragraph,
    *,
    bound: dict | None = None,
    edit_form: Form | None = None,
    conflict: drafting.EditConflict | None = None,
    focus: str = "",
    status: int = 200,
) -> HttpResponse:
    """One paragraph with its comments and forms, as htmx swaps it into the page. ``focus``
    names what takes the focus after the swap ("edit": the paragraph's edit link after a save;
    "comments": its comments after one is sent), so that a keyboard user is not sent back to
    the top of the page."""
    ws = drafting_workspace(document, viewer=request.user)
    cell = next(
        (
            c
            for row in ws["rows"]
            for c in row["cells"]
            if c["paragraph"] is not None and c["paragraph"].pk == paragraph.pk
        ),
        None,
    )
    if cell is None:
        paragraph = Paragraph.objects.prefetch_related(
            Prefetch(
                "comments",
                queryset=Comment.objects.select_related("state", "author", "accepted_in"),
            )
        ).get(pk=paragraph.pk)
        cell = paragraph_cell(paragraph, language=paragraph.language_version)
    _cell_forms(ws, cell, bound=bound or {})
    if edit_form is not None:
        # The editor swapped into the page takes the focus (htmx focuses an ``autofocus``
        # element it swaps in), so a keyboard user types at once instead of searching for it.
        edit_form.fields["text"].widget.attrs["autofocus"] = True
    cell["edit_form"], cell["conflict"], cell["focus"] = edit_form, conflict, focus
    context = {"document": document, "forum": document.forum, "ws": ws, "cell": cell}
    return render(request, "documents/drafting/_paragraph.html", context, status=status)


# Paragraphs -------------------------------------------------------------------------------------


def _paragraph_of(document: OutcomeDocument, pk: int) -> Paragraph:
    return get_object_or_404(
        Paragraph.objects.select_related("language_version__version"),
        pk=pk,
        language_version__version__document=document,
    )


@require_http_methods(["GET", "POST"])
def paragraph_edit(request: HttpRequest, forum: str, pk: int, paragraph: int) -> HttpResponse:
    """The pen holder edits a paragraph of a draft version in place.

    An edit sent from a revision that someone else has since changed is not saved: the page shows
    both texts, the current one and the one sent, and keeps the one sent in the form, now based on
    the current revision, so that nothing typed is lost and nothing is overwritten unread.
    """
    document = access_document(request, forum, pk)
    check(request, "documents.draft", document)
    paragraph_obj = _paragraph_of(document, paragraph)
    prefix = f"edit-{paragraph_obj.pk}"
    conflict = None
    status = 200
    if request.method == "POST":
        form = ParagraphEditForm(request.POST, prefix=prefix)
        if form.is_valid():
            try:
                drafting.paragraph_edit(
                    paragraph_obj,
                    text=form.cleaned_data["text"],
                    expected_revision=form.cleaned_data["expected_revision"],
                    by=request.user,
                )
            except drafting.EditConflict as crossed:
                conflict = crossed
                form = ParagraphEditForm(
                    {
                        f"{prefix}-text": form.cleaned_data["text"],
                        f"{prefix}-expected_revision": crossed.current_revision,
                    },
                    prefix=prefix,
                )
                status = 409
            except ValidationError as error:
                put_errors(form, error)
                status = 400
            else:
                if is_htmx(request):
                    return paragraph_fragment(request, document, paragraph_obj, focus="edit")
                messages.success(
                    request, _("Paragraph %(number)s is saved.") % {"number": paragraph_obj.number}
                )
                return _to_document(document, f"paragraph-{paragraph_obj.pk}")
        else:
            status = 400
    else:
        form = ParagraphEditForm(
            initial={"text": paragraph_obj.text, "expected_revision": paragraph_obj.revision},
            prefix=prefix,
        )
    if is_htmx(request):
        return paragraph_fragment(
            request, document, paragraph_obj, edit_form=form, conflict=conflict
        )
    context = {
        "document": document,
        "forum": document.forum,
        "paragraph": paragraph_obj,
        "form": form,
        "conflict": conflict,
        "conflict_ops": (
            drafting.word_diff(conflict.current_text, conflict.attempted_text) if conflict else None
        ),
    }
    return render(request, "documents/drafting/paragraph_edit.html", context, status=status)


@require_POST
def paragraph_add(request: HttpRequest, forum: str, pk: int, language: int) -> HttpResponse:
    document = access_document(request, forum, pk)
    check(request, "documents.draft", document)
    language_obj = get_object_or_404(LanguageVersion, pk=language, version__document=document)
    form = ParagraphAddForm(request.POST, prefix=f"add-{language_obj.pk}")
    if form.is_valid():
        try:
            added = drafting.paragraph_add(
                language_obj, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(
                request, _("Paragraph %(number)s is added.") % {"number": added.number}
            )
            return _to_document(document, f"paragraph-{added.pk}")
    return document_page(request, forum, pk, bound={("add", language_obj.pk): form}, status=400)


@require_POST
def comment_add(request: HttpRequest, forum: str, pk: int, paragraph: int) -> HttpResponse:
    """A member state's comment on a paragraph, with the amendment it proposes, if any."""
    document = access_document(request, forum, pk)
    check(request, "documents.comment", document)
    paragraph_obj = _paragraph_of(document, paragraph)
    own = speaking_for(request.user, document.forum, member_states(document.forum))
    form = CommentForm(request.POST, states=own, prefix=f"comment-{paragraph_obj.pk}")
    if form.is_valid():
        try:
            drafting.comment_add(
                paragraph_obj,
                state=form.chosen_state(),
                by=request.user,
                text=form.cleaned_data["text"],
                proposed_text=form.cleaned_data["proposed_text"],
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            if is_htmx(request):
                return paragraph_fragment(request, document, paragraph_obj, focus="comments")
            messages.success(
                request,
                _("Your comment on paragraph %(number)s is in.") % {"number": paragraph_obj.number},
            )
            return _to_document(document, f"paragraph-{paragraph_obj.pk}")
    bound = {("comment", paragraph_obj.pk): form}
    if is_htmx(request):
        return paragraph_fragment(request, document, paragraph_obj, bound=bound)
    return document_page(request, forum, pk, bound=bound, status=400)


# Steps on the document and its versions ---------------------------------------------------------


def _step(
    request: HttpRequest,
    document: OutcomeDocument,
    *,
    name: str,
    form: Form,
    take: Callable[[dict], object],
    done: str,
) -> HttpResponse:
    """Send a valid ``form`` to ``take``; on success go back to the document with ``done``,
    otherwise show the page with the form and the reason it was refused."""
    if form.is_valid():
        try:
            take(form.cleaned_data)
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, done)
            return _to_document(document)
    return document_page(request, document.forum.slug, document.pk, bound={name: form}, status=400)


def _version_of(document: OutcomeDocument, number: int) -> DocumentVersion:
    return get_object_or_404(DocumentVersion, document=document, number=number)


@require_POST
def version_start(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    document = access_document(request, forum, pk)
    check(request, "documents.draft", document)
    form = VersionTextForm(request.POST, languages=document.forum.languages, prefix="start")

    def take(data):
        return drafting.version_start(
            document, by=request.user, titles=form.titles(), paragraphs=form.paragraphs()
        )

    return _step(
        request,
        document,
        name="version_start",
        form=form,
        take=take,
        done=_("A new version is started."),
    )


@require_POST
def version_next(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    document = access_document(request, forum, pk)
    check(request, "documents.draft", document)
    amendments = Comment.objects.filter(
        paragraph__language_version__version__document=document
    ).exclude(proposed_text="")
    form = NextVersionForm(
        request.POST,
        amendments=list(amendments.select_related("state", "paragraph__language_version")),
        prefix="next",
    )

    def take(data):
        return drafting.version_next(
            document, by=request.user, accepted_comments=data["accepted_comments"]
        )

    return _step(
        request,
        document,
        name="next_version",
        form=form,
        take=take,
        done=_("The next version is drafted with the amendments taken in."),
    )


@require_POST
def version_circulate(request: HttpRequest, forum: str, pk: int, number: int) -> HttpResponse:
    document = access_document(request, forum, pk)
    check(request, "documents.circulate", document)
    version = _version_of(document, number)
    form = CirculateForm(request.POST, host_zone=host_zone(document), prefix="circulate")

    def take(data):
        return drafting.version_circulate(
            version, by=request.user, comments_due=data["comments_due"]
        )

    return _step(
        request,
        document,
        name="circulate",
        form=form,
        take=take,
        done=_("Version %(number)s is circulated to the delegations.") % {"number": version.number},
    )


@require_POST
def position_record(request: HttpRequest, forum: str, pk: int, number: int) -> HttpResponse:
    document = access_document(request, forum, pk)
    check(request, "documents.record_position", document)
    version = _version_of(document, number)
    own = speaking_for(request.user, document.forum, member_states(document.forum))
    form = PositionForm(request.POST, states=own, prefix="position")

    def take(data):
        return drafting.position_record(
            version,
            state=form.chosen_state(),
            kind=data["kind"],
            by=request.user,
            paragraphs=data["paragraphs"],
            note=data["note"],
        )

    return _step(
        request,
        document,
        name="position",
        form=form,
        take=take,
        done=_("The position is recorded."),
    )


@require_POST
def silence_open(request: HttpRequest, forum: str, pk: int, number: int) -> HttpResponse:
    document = access_document(request, forum, pk)
    check(request, "documents.open_silence", document)
    version = _version_of(document, number)
    form = SilenceOpenForm(request.POST, host_zone=host_zone(document), prefix="silence")

    def take(data):
        return drafting.silence_open(version, deadline=data["deadline"], by=request.user)

    return _step(
        request,
        document,
        name="silence_open",
        form=form,
        take=take,
        done=_("The silence procedure is open."),
    )


@require_POST
def silence_break(request: HttpRequest, forum: str, pk: int, procedure: int) -> HttpResponse:
    document = access_document(request, forum, pk)
    check(request, "documents.break_silence", document)
    procedure_obj = get_object_or_404(SilenceProcedure, pk=procedure, version__document=document)
    own = speaking_for(request.user, document.forum, member_states(document.forum))
    form = SilenceBreakForm(request.POST, states=own, prefix="break")

    def take(data):
        return drafting.silence_break(
            procedure_obj, state=form.chosen_state(), reason=data["reason"], by=request.user
        )

    return _step(
        request,
        document,
        name="silence_break",
        form=form,
        take=take,
        done=_("Silence is broken; the text is under negotiation again."),
    )


@require_POST
def adopt(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    document = access_document(request, forum, pk)
    check(request, "documents.adopt", document)
    form = AdoptForm(
        request.POST,
        forum=document.forum,
        member_states=member_states(document.forum),
        prefix="adopt",
    )

    def take(data):
        return drafting.document_adopt_at_meeting(
            document,
            meeting=data["meeting"],
            on=data["on"],
            by=request.user,
            consenting_states=data["consenting_states"],
        )

    return _step(
        request,
        document,
        name="adopt",
        form=form,
        take=take,
        done=_("The document is adopted; its text is frozen and public."),
    )


@require_POST
def note_add(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    """A delegation's internal note, for its own state's focal points only."""
    document = access_document(request, forum, pk)
    check(request, "documents.add_note", document)
    own = speaking_for(request.user, document.forum, member_states(document.forum))
    form = NoteForm(request.POST, states=own, prefix="note")

    def take(data):
        return drafting.note_add(
            document, state=form.chosen_state(), text=data["text"], by=request.user
        )

    return _step(
        request,
        document,
        name="note",
        form=form,
        take=take,
        done=_("The note is kept for your delegation only."),
    )


# History and comparison -------------------------------------------------------------------------


def _access_history(request: HttpRequest, forum: str, pk: int) -> OutcomeDocument:
    document = access_document(request, forum, pk)
    if not user_can(request.user, "documents.view_history", document):
        raise PermissionDenied(_("The negotiating record is for the forum's members."))
    return document


def history(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    document = _access_history(request, forum, pk)
    context = {
        "document": document,
        "forum": document.forum,
        "entries": document_history(document),
    }
    return render(request, "documents/drafting/history.html", context)


def _number(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise Http404("No such version of this document.")
    return int(value)


def compare(request: HttpRequest, forum: str, pk: int) -> HttpResponse:
    """Two versions side by side, per language, with what was deleted and inserted."""
    document = _access_history(request, forum, pk)
    versions, older, newer = version_pair(
        document, old=_number(request.GET.get("from")), new=_number(request.GET.get("to"))
    )
    if (request.GET.get("from") and older is None) or (request.GET.get("to") and newer is None):
        raise Http404("No such version of this document.")
    context = {
        "document": document,
        "forum": document.forum,
        "versions": versions,
        "older": older,
        "newer": newer,
        # Not "languages": the base template names the reader's language choices so.
        "compared": comparison(document, older, newer) if older and newer else [],
    }
    return render(request, "documents/drafting/compare.html", context)
