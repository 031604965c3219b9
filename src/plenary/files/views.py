"""Pages of a meeting's files: the list, a file with its versions, the upload forms, who may
read a file, and the downloads.

As on the other pages, every action is a POST form with its CSRF token that works without
JavaScript and answers with a redirect, or with the page and the form's errors (status 400).
Whoever may not read a file gets 404 at every address under it, so that its existence is not
disclosed; an anonymous visitor who may read it but not take the step is sent to log in, and a
signed-in user gets 403. Nothing here writes a model: the forms call ``domain``.

Downloads are sent by ``download`` and ``download_version`` only, after the same check: the files
are never served from ``MEDIA_ROOT`` directly.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from plenary.accounts.rules import focal_point_states, is_secretariat
from plenary.documents.drafting_forms import put_errors
from plenary.documents.rules import sees_drafts_of
from plenary.files import domain, queries
from plenary.files.enums import FileAccess
from plenary.files.forms import AccessForm, NewFileForm, NewVersionForm
from plenary.files.models import FileVersion, MeetingFile
from plenary.files.rules import user_can

# Helpers ----------------------------------------------------------------------------------------


def _login_or_forbid(request: HttpRequest, allowed: bool) -> HttpResponse | None:
    """Send an anonymous visitor to log in; refuse a signed-in user without the permission."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not allowed:
        raise PermissionDenied
    return None


def _meeting_kwargs(meeting) -> dict:
    edition = meeting.edition
    return {"forum": edition.forum.slug, "number": edition.number, "pk": meeting.pk}


def _states_for(user, meeting) -> tuple[list, bool]:
    """The delegations ``user`` may choose for a file of ``meeting``, and whether that choice is
    limited to its own: every member state for the secretariat, its own for a focal point."""
    forum = meeting.edition.forum
    states = queries.delegation_states(forum)
    if is_secretariat(user, forum.pk):
        return states, False
    own = focal_point_states(user, forum.pk)
    return [state for state in states if state.pk in own], True


# The list and a file's page ---------------------------------------------------------------------


def _sees_uploaders(user, meeting) -> bool:
    """Who uploaded a file is shown to the forum's own people only, not to the public."""
    return sees_drafts_of(user, meeting.edition.forum_id)


@require_safe
def files(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    """The meeting's files the user may read, by agenda item, with a link to upload for those
    who may."""
    context = queries.meeting_files_page(
        forum_slug=forum, number=number, pk=pk, viewer=request.user
    )
    context["may_upload"] = user_can(request.user, "files.upload", context["meeting"])
    context["sees_uploaders"] = _sees_uploaders(request.user, context["meeting"])
    return render(request, "files/files.html", context)


def file_page(
    request: HttpRequest,
    forum: str,
    number: int,
    pk: int,
    file_pk: int,
    *,
    access_form: AccessForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = queries.file_page(
        forum_slug=forum, number=number, pk=pk, file_pk=file_pk, viewer=request.user
    )
    meeting_file = context["file"]
    context["may_upload"] = user_can(request.user, "files.upload", meeting_file)
    context["sees_uploaders"] = _sees_uploaders(request.user, meeting_file.meeting)
    may_manage = user_can(request.user, "files.manage", meeting_file)
    if may_manage and access_form is None:
        states, _own_only = _states_for(request.user, meeting_file.meeting)
        access_form = AccessForm(
            states=states,
            initial={"access": meeting_file.access, "state": meeting_file.state_id},
        )
    context["access_form"] = access_form if may_manage else None
    return render(request, "files/file.html", context, status=status)


@require_safe
def file(request: HttpRequest, forum: str, number: int, pk: int, file_pk: int) -> HttpResponse:
    """A file with every version, newest first."""
    return file_page(request, forum, number, pk, file_pk)


# Uploads ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    """A new file for the meeting, with its first version: the secretariat's for anyone to read
    as it chooses, a focal point's for its own delegation only."""
    meeting = queries.meeting_at(forum_slug=forum, number=number, pk=pk)
    refused = _login_or_forbid(request, user_can(request.user, "files.upload", meeting))
    if refused:
        return refused
    states, own_only = _states_for(request.user, meeting)
    if request.method == "GET":
        form = NewFileForm(states=states, own_delegation_only=own_only)
        return _upload_page(request, meeting, form)
    form = NewFileForm(request.POST, request.FILES, states=states, own_delegation_only=own_only)
    if form.is_valid():
        data = form.cleaned_data
        try:
            meeting_file = domain.meeting_file_add(
                meeting=meeting,
                title=data["title"],
                upload=data["upload"],
                access=data["access"],
                state=form.chosen_state(),
                agenda_item_number=data["agenda_item_number"],
                description=data["description"],
                note=data["note"],
                by=request.user,
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(
                request, _("“%(title)s” is uploaded as version 1.") % {"title": meeting_file.title}
            )
            return redirect(meeting_file.get_absolute_url())
    return _upload_page(request, meeting, form, status=400)


@require_http_methods(["GET", "POST"])
def upload_version(
    request: HttpRequest, forum: str, number: int, pk: int, file_pk: int
) -> HttpResponse:
    """The next version of a file, by those who may upload to it."""
    meeting_file = queries.file_at(
        forum_slug=forum, number=number, pk=pk, file_pk=file_pk, viewer=request.user
    )
    refused = _login_or_forbid(request, user_can(request.user, "files.upload", meeting_file))
    if refused:
        return refused
    meeting = meeting_file.meeting
    if request.method == "GET":
        return _upload_page(request, meeting, NewVersionForm(), meeting_file=meeting_file)
    form = NewVersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = domain.meeting_file_upload(
                file=meeting_file,
                upload=form.cleaned_data["upload"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is uploaded as version %(number)s.")
                % {"title": meeting_file.title, "number": version.number},
            )
            return redirect(meeting_file.get_absolute_url())
    return _upload_page(request, meeting, form, meeting_file=meeting_file, status=400)


def _upload_page(
    request: HttpRequest,
    meeting,
    form,
    *,
    meeting_file: MeetingFile | None = None,
    status: int = 200,
) -> HttpResponse:
    kwargs = _meeting_kwargs(meeting)
    if meeting_file is None:
        action = reverse("files:upload", kwargs=kwargs)
    else:
        action = reverse("files:upload_version", kwargs={**kwargs, "file_pk": meeting_file.pk})
    context = {
        "forum": meeting.edition.forum,
        "edition": meeting.edition,
        "meeting": meeting,
        "file": meeting_file,
        "form": form,
        "action": action,
    }
    return render(request, "files/upload.html", context, status=status)


@require_POST
def access(request: HttpRequest, forum: str, number: int, pk: int, file_pk: int) -> HttpResponse:
    """The secretariat sets who may read a file."""
    meeting_file = queries.file_at(
        forum_slug=forum, number=number, pk=pk, file_pk=file_pk, viewer=request.user
    )
    refused = _login_or_forbid(request, user_can(request.user, "files.manage", meeting_file))
    if refused:
        return refused
    states, _own_only = _states_for(request.user, meeting_file.meeting)
    form = AccessForm(request.POST, states=states)
    if form.is_valid():
        try:
            changed = domain.meeting_file_access_set(
                file=meeting_file,
                access=form.cleaned_data["access"],
                state=form.chosen_state(),
                by=request.user,
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            changed.meeting = meeting_file.meeting
            messages.success(
                request,
                _("“%(title)s” is now %(access)s.")
                % {"title": changed.title, "access": changed.access_label},
            )
            return redirect(changed.get_absolute_url())
    return file_page(request, forum, number, pk, file_pk, access_form=form, status=400)


# Downloads --------------------------------------------------------------------------------------


def _send(meeting_file: MeetingFile, version: FileVersion) -> FileResponse:
    """The version's bytes as an attachment under its original name, as the type it was found
    to be at upload; the browser is told not to guess another."""
    try:
        handle = version.stored.storage.open(version.stored.name, "rb")
    except FileNotFoundError as missing:
        raise Http404(_("The stored copy of this file is missing.")) from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    if meeting_file.access == FileAccess.PUBLIC:
        patch_cache_control(response, public=True, no_cache=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def download(request: HttpRequest, forum: str, number: int, pk: int, file_pk: int) -> FileResponse:
    """The stable address of a file: it always sends the latest version."""
    meeting_file = queries.file_at(
        forum_slug=forum, number=number, pk=pk, file_pk=file_pk, viewer=request.user
    )
    return _send(meeting_file, queries.latest_version(meeting_file))


@require_safe
def download_version(
    request: HttpRequest, forum: str, number: int, pk: int, file_pk: int, version: int
) -> FileResponse:
    """One version of a file, the same bytes for as long as the file is kept."""
    meeting_file = queries.file_at(
        forum_slug=forum, number=number, pk=pk, file_pk=file_pk, viewer=request.user
    )
    return _send(meeting_file, queries.version_of(meeting_file, version))
