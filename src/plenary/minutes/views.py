"""Pages of the minutes of a meeting: the list, a new set of minutes, the minutes with the forms of
the steps the user may take, the list of revisions and the comparison of two revisions.

Every action is a POST form with its CSRF token that works without JavaScript: it answers with a
redirect, or with the page and the form's errors (status 400; 409 for a revision that crossed
another one). Minutes the user may not see answer 404, so that unapproved minutes are not
disclosed; on anything the user may see, an anonymous visitor is sent to log in and a signed-in
user without the permission gets 403. Each action calls one function of ``domain``; nothing here
writes a model.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from plenary.documents.drafting import word_diff
from plenary.documents.drafting_queries import member_states, speaking_for
from plenary.minutes import domain, queries
from plenary.minutes.forms import (
    ApproveForm,
    CirculateForm,
    CommentForm,
    NewMinutesForm,
    ReviseForm,
    put_errors,
)
from plenary.minutes.models import Minutes
from plenary.minutes.rules import user_can

# Access -----------------------------------------------------------------------------------------


def access_minutes(
    request: HttpRequest, forum: str, number: int, pk: int, minutes_pk: int
) -> Minutes:
    """The minutes at this address if the user may see them; 404 otherwise."""
    minutes = queries.minutes_at(forum_slug=forum, number=number, pk=pk, minutes_pk=minutes_pk)
    if not user_can(request.user, "minutes.view", minutes):
        raise Http404(_("No minutes match the given query."))
    return minutes


def refusal(request: HttpRequest, permission: str, obj) -> HttpResponse | None:
    """``None`` when the user holds ``permission`` on ``obj``; otherwise the login page for an
    anonymous visitor, 403 for a signed-in user."""
    if user_can(request.user, permission, obj):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def minutes_url(minutes: Minutes, anchor: str = "", *, view: str = "minutes") -> str:
    edition = minutes.meeting.edition
    url = reverse(
        f"minutes:{view}",
        kwargs={
            "forum": edition.forum.slug,
            "number": edition.number,
            "pk": minutes.meeting_id,
            "minutes_pk": minutes.pk,
        },
    )
    return f"{url}#{anchor}" if anchor else url


# The list and new minutes -----------------------------------------------------------------------


def minutes_list(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    """The meeting's minutes the user may see, with a link to start new ones for the
    secretariat."""
    context = queries.minutes_list(forum_slug=forum, number=number, pk=pk, viewer=request.user)
    return render(request, "minutes/list.html", context)


@require_http_methods(["GET", "POST"])
def minutes_new(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    """The secretariat starts the minutes of the meeting, or of one of its agenda items."""
    meeting = queries.meeting_at(forum_slug=forum, number=number, pk=pk)
    refused = refusal(request, "minutes.draft", Minutes(meeting=meeting))
    if refused:
        return refused
    status = 200
    if request.method == "POST":
        form = NewMinutesForm(request.POST)
        if form.is_valid():
            try:
                minutes = domain.minutes_start(
                    meeting=meeting, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                put_errors(form, error)
            else:
                minutes.meeting = meeting
                messages.success(
                    request,
                    pgettext("minutes", "“%(title)s” is started as a confidential draft.")
                    % {"title": minutes.title},
                )
                return redirect(minutes_url(minutes))
        status = 400
    else:
        form = NewMinutesForm()
    context = {"meeting": meeting, "edition": meeting.edition, "forum": meeting.edition.forum}
    return render(request, "minutes/new.html", {**context, "form": form}, status=status)


# The minutes page -------------------------------------------------------------------------------


def minutes_detail(
    request: HttpRequest, forum: str, number: int, pk: int, minutes_pk: int
) -> HttpResponse:
    return minutes_page(request, access_minutes(request, forum, number, pk, minutes_pk))


def minutes_page(
    request: HttpRequest,
    minutes: Minutes,
    *,
    bound: dict[str, Form] | None = None,
    status: int = 200,
    conflict: domain.RevisionConflict | None = None,
) -> HttpResponse:
    """The current text, the status, the comments and the forms of the steps the user may take
    now. ``bound`` holds forms sent with errors, shown in place of the empty ones."""
    context = queries.minutes_page(minutes, viewer=request.user, now=timezone.now())
    can, stage, current = context["can"], context["stage"], context["current"]
    own = context["own_states"]
    bound = bound or {}

    def offer(name: str, allowed: bool, make: Callable[[], Form]) -> Form | None:
        if name in bound:
            return bound[name]
        return make() if allowed else None

    context["forms"] = {
        "revise": offer(
            "revise",
            can["draft"] and stage["open"],
            lambda: ReviseForm(
                initial={
                    "text": current.text if current else "",
                    "expected_revision": current.number if current else 0,
                },
                prefix="revise",
            ),
        ),
        "circulate": offer(
            "circulate",
            can["circulate"] and stage["open"] and current is not None,
            lambda: CirculateForm(host_zone=minutes.meeting.timezone or None, prefix="circulate"),
        ),
        "comment": offer(
            "comment",
            can["comment"] and bool(own) and stage["comments_open"],
            lambda: CommentForm(states=own, prefix="comment"),
        ),
        "approve": offer(
            "approve",
            can["approve"] and stage["may_approve"] and current is not None,
            lambda: ApproveForm(initial={"expected_revision": current.number}, prefix="approve"),
        ),
    }
    context["conflict"] = conflict
    context["conflict_ops"] = (
        word_diff(conflict.current_text, conflict.attempted_text) if conflict else None
    )
    return render(request, "minutes/minutes.html", context, status=status)


# Steps ------------------------------------------------------------------------------------------


def _step(
    request: HttpRequest,
    minutes: Minutes,
    *,
    name: str,
    form: Form,
    take: Callable[[dict], object],
    done: str,
) -> HttpResponse:
    """Send a valid ``form`` to ``take``; on success go back to the minutes with ``done``,
    otherwise show the page with the form and the reason it was refused."""
    if form.is_valid():
        try:
            take(form.cleaned_data)
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(minutes_url(minutes))
    return minutes_page(request, minutes, bound={name: form}, status=400)


@require_POST
def minutes_revise(
    request: HttpRequest, forum: str, number: int, pk: int, minutes_pk: int
) -> HttpResponse:
    """The secretariat saves a new text as the next revision.

    A text sent from a revision that someone else has since replaced is not saved: the page shows
    the current text and the one sent, and keeps the one sent in the form, now based on the
    current revision, so that nothing typed is lost and nothing is overwritten unread.
    """
    minutes = access_minutes(request, forum, number, pk, minutes_pk)
    refused = refusal(request, "minutes.draft", minutes)
    if refused:
        return refused
    form = ReviseForm(request.POST, prefix="revise")
    conflict = None
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            revision = domain.minutes_revise(
                minutes,
                text=data["text"],
                expected_revision=data["expected_revision"],
                note=data["note"],
                by=request.user,
            )
        except domain.RevisionConflict as crossed:
            conflict = crossed
            form = ReviseForm(
                {
                    "revise-text": data["text"],
                    "revise-note": data["note"],
                    "revise-expected_revision": crossed.current_revision,
                },
                prefix="revise",
            )
            status = 409
        except ValidationError as error:
            put_errors(form, error)
        else:
            if revision.number == data["expected_revision"]:
                messages.info(
                    request,
                    _("The text is unchanged; it stays revision %(number)s.")
                    % {"number": revision.number},
                )
            else:
                messages.success(
                    request, _("Revision %(number)s is saved.") % {"number": revision.number}
                )
            return redirect(minutes_url(minutes, "text"))
    return minutes_page(request, minutes, bound={"revise": form}, status=status, conflict=conflict)


@require_POST
def minutes_circulate(
    request: HttpRequest, forum: str, number: int, pk: int, minutes_pk: int
) -> HttpResponse:
    minutes = access_minutes(request, forum, number, pk, minutes_pk)
    refused = refusal(request, "minutes.circulate", minutes)
    if refused:
        return refused
    form = CirculateForm(
        request.POST, host_zone=minutes.meeting.timezone or None, prefix="circulate"
    )

    def take(data):
        return domain.minutes_circulate(minutes, comments_due=data["comments_due"], by=request.user)

    return _step(
        request,
        minutes,
        name="circulate",
        form=form,
        take=take,
        done=_("The minutes are circulated to the member states for comments."),
    )


@require_POST
def minutes_comment(
    request: HttpRequest, forum: str, number: int, pk: int, minutes_pk: int
) -> HttpResponse:
    """A member state's comment on circulated minutes, by one of its focal points."""
    minutes = access_minutes(request, forum, number, pk, minutes_pk)
    refused = refusal(request, "minutes.comment", minutes)
    if refused:
        return refused
    forum_obj = minutes.meeting.edition.forum
    own = speaking_for(request.user, forum_obj, member_states(forum_obj))
    form = CommentForm(request.POST, states=own, prefix="comment")

    def take(data):
        return domain.minutes_comment(
            minutes, state=form.chosen_state(), text=data["text"], by=request.user
        )

    return _step(
        request, minutes, name="comment", form=form, take=take, done=_("Your comment is in.")
    )


@require_POST
def minutes_approve(
    request: HttpRequest, forum: str, number: int, pk: int, minutes_pk: int
) -> HttpResponse:
    minutes = access_minutes(request, forum, number, pk, minutes_pk)
    refused = refusal(request, "minutes.approve", minutes)
    if refused:
        return refused
    form = ApproveForm(request.POST, prefix="approve")

    def take(data):
        return domain.minutes_approve(
            minutes, by=request.user, expected_revision=data["expected_revision"]
        )

    return _step(
        request,
        minutes,
        name="approve",
        form=form,
        take=take,
        done=_("The minutes are approved; their text is locked and public."),
    )


# Revisions and comparison -----------------------------------------------------------------------


def _access_record(
    request: HttpRequest, forum: str, number: int, pk: int, minutes_pk: int
) -> tuple[Minutes | None, HttpResponse | None]:
    minutes = access_minutes(request, forum, number, pk, minutes_pk)
    return minutes, refusal(request, "minutes.view_history", minutes)


def revisions(
    request: HttpRequest, forum: str, number: int, pk: int, minutes_pk: int
) -> HttpResponse:
    """Every revision of the minutes, newest first."""
    minutes, refused = _access_record(request, forum, number, pk, minutes_pk)
    if refused:
        return refused
    return render(request, "minutes/revisions.html", queries.revisions_page(minutes))


def _number(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise Http404(_("No such revision of these minutes."))
    return int(value)


def compare(
    request: HttpRequest, forum: str, number: int, pk: int, minutes_pk: int
) -> HttpResponse:
    """Two revisions, with the words deleted and inserted from one to the other."""
    minutes, refused = _access_record(request, forum, number, pk, minutes_pk)
    if refused:
        return refused
    context = queries.comparison(
        minutes, old=_number(request.GET.get("from")), new=_number(request.GET.get("to"))
    )
    if context["missing"]:
        raise Http404(_("No such revision of these minutes."))
    return render(request, "minutes/compare.html", context)
