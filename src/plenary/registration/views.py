"""Pages of registration and accreditation.

The secretariat opens a meeting's call, reads every member state's registration in the forum's
order of precedence, and accepts or returns each; a focal point fills in its own state's
registration (the head, the members, the credentials letter), submits it and follows its
history; an expert registers for an expert session.

As on the other pages, every action is a POST form with its CSRF token that works without
JavaScript and answers with a redirect, or with the page and the form's errors at status 400 when
the domain refuses the step (a deadline passed, a session full). An address that names no meeting
of the forum, or a state that is not a member, answers 404; an anonymous visitor is sent to log
in; a signed-in user without the permission gets 403 with a page that says why. Nothing here
writes a model: each action calls one function of ``domain``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plenary.accounts.enums import RoleKind
from plenary.accounts.rules import roles_of, user_can
from plenary.common.translations import record_text
from plenary.documents.drafting_forms import put_errors
from plenary.forums.models import Field, Forum, State
from plenary.forums.naming import reader_state_in_sentence, reader_state_name
from plenary.meetings.enums import MeetingKind
from plenary.meetings.models import Meeting
from plenary.registration import domain, queries
from plenary.registration.enums import LETTER_TYPES, OPEN_TO_THE_STATE, RegistrationStatus
from plenary.registration.forms import (
    CallForm,
    ExpertForm,
    HeadForm,
    LetterForm,
    ReturnForm,
    member_formset,
    members_of,
    zone_label,
)
from plenary.registration.models import DelegationRegistration, ExpertRegistration
from plenary.registration.moments import in_zone

# Helpers ----------------------------------------------------------------------------------------


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    """403, with a page that says why."""
    return render(request, "registration/refused.html", {"message": message}, status=403)


def _login_or_refuse(request: HttpRequest, allowed: bool, message: str) -> HttpResponse | None:
    """Send an anonymous visitor to log in; refuse a signed-in user without the permission."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not allowed:
        return _refused(request, message)
    return None


def _meeting_kwargs(meeting: Meeting) -> dict:
    return {
        "forum": meeting.edition.forum.slug,
        "number": meeting.edition.number,
        "pk": meeting.pk,
    }


def meeting_url(meeting: Meeting) -> str:
    return reverse("registration:meeting", kwargs=_meeting_kwargs(meeting))


def state_url(meeting: Meeting, state: State, name: str = "delegation") -> str:
    return reverse(
        f"registration:{name}", kwargs={**_meeting_kwargs(meeting), "code": state.code.lower()}
    )


def _base_context(meeting: Meeting) -> dict:
    return {
        "forum": meeting.edition.forum,
        "edition": meeting.edition,
        "meeting": meeting,
        "call": queries.call_of(meeting),
        "zone": zone_label(meeting),
    }


# The forum's calls ------------------------------------------------------------------------------


def calls(request: HttpRequest, forum: str) -> HttpResponse:
    """The calls of the forum that the signed-in user has to do with: open ones first."""
    forum_obj = get_object_or_404(Forum, slug=forum)
    refused = _login_or_refuse(
        request,
        user_can(request.user, "registration.see_calls", forum_obj),
        _("Registration is for the secretariat, the focal points and the experts of %(forum)s.")
        % {"forum": record_text(forum_obj, "name")},
    )
    if refused:
        return refused
    context = queries.forum_calls(forum=forum_obj, viewer=request.user, now=timezone.now())
    return render(request, "registration/calls.html", context)


# A meeting's registration -----------------------------------------------------------------------


def meeting(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    """The meeting's call and the registrations the user may see: every member state's, in the
    order of precedence, for the secretariat; its own states' for a focal point; an expert's own
    registration for an expert session."""
    meeting_obj = queries.meeting_for(forum_slug=forum, number=number, pk=pk)
    user = request.user
    refused = _login_or_refuse(
        request,
        user_can(user, "registration.see_meeting", meeting_obj),
        _("The registration for this expert session is for the forum's secretariat and experts.")
        if meeting_obj.kind == MeetingKind.EXPERT_SESSION
        else _(
            "The registration for this meeting is for the forum's secretariat and focal points."
        ),
    )
    if refused:
        return refused
    now = timezone.now()
    data = queries.meeting_registrations(meeting=meeting_obj, viewer=user, today=now.date())
    call = data.call
    context = {
        **_base_context(meeting_obj),
        "data": data,
        "open_now": call is not None and call.is_open(now),
        "not_yet_open": call is not None and now < call.opens_at,
        "may_open": user_can(user, "registration.open", meeting_obj),
        "may_decide": user_can(user, "registration.decide", meeting_obj),
        "may_register_expert": user_can(user, "registration.expert_register", meeting_obj),
        "sees_experts": user_can(user, "registration.view_experts", meeting_obj),
    }
    return render(request, "registration/meeting.html", context)


@require_http_methods(["GET", "POST"])
def call_open(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    """The secretariat opens the call with a deadline in the meeting's time zone, or changes it."""
    meeting_obj = queries.meeting_for(forum_slug=forum, number=number, pk=pk)
    refused = _login_or_refuse(
        request,
        user_can(request.user, "registration.open", meeting_obj),
        _("Only the secretariat of the forum opens registration for a meeting."),
    )
    if refused:
        return refused
    call = queries.call_of(meeting_obj)
    status = 200
    if request.method == "POST":
        form = CallForm(request.POST, meeting=meeting_obj)
        if form.is_valid():
            data = form.cleaned_data
            try:
                call = domain.registration_open(
                    meeting=meeting_obj,
                    deadline=data["deadline"],
                    note=data["note"],
                    expert_cap=data.get("expert_cap"),
                    by=request.user,
                )
            except ValidationError as error:
                put_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Registration is open until %(moment)s.")
                    % {"moment": in_zone(call.deadline, meeting_obj.timezone)},
                )
                return redirect(meeting_url(meeting_obj))
        status = 400
    else:
        initial = {}
        if call is not None:
            initial = {
                "deadline": call.deadline.astimezone(meeting_obj.zone).replace(tzinfo=None),
                "note": call.note,
                "expert_cap": call.expert_cap,
            }
        form = CallForm(initial=initial, meeting=meeting_obj)
    context = {**_base_context(meeting_obj), "form": form}
    return render(request, "registration/open.html", context, status=status)


# A state's registration -------------------------------------------------------------------------


def _state_of(request: HttpRequest, forum: str, number: int, pk: int, code: str):
    """The meeting, the member state and its registration (or None) at this address; 404 when
    the address names no meeting of the forum (or an expert session) or no member state."""
    meeting_obj = queries.meeting_for(forum_slug=forum, number=number, pk=pk)
    if meeting_obj.kind == MeetingKind.EXPERT_SESSION:
        raise Http404(_("Delegations do not register for an expert session."))
    state = queries.member_state(meeting_obj, code, today=timezone.now().date())
    return meeting_obj, state, queries.registration_of(meeting_obj, state)


def _view_refusal(
    request: HttpRequest, meeting_obj: Meeting, state: State, registration
) -> HttpResponse | None:
    subject = registration if registration is not None else (meeting_obj, state)
    return _login_or_refuse(
        request,
        user_can(request.user, "registration.view", subject),
        _(
            "You are not a focal point of %(state)s: only its focal points and the forum's "
            "secretariat see its registration."
        )
        % {"state": reader_state_in_sentence(state)},
    )


def _write_refusal(
    request: HttpRequest, meeting_obj: Meeting, state: State, registration
) -> HttpResponse | None:
    """403 for a user who may read the registration but never write it."""
    subject = registration if registration is not None else (meeting_obj, state)
    if user_can(request.user, "registration.register", subject) or user_can(
        request.user, "registration.change_late", subject
    ):
        return None
    return _refused(request, _("You may read this registration, not change it."))


def state_page(
    request: HttpRequest,
    meeting_obj: Meeting,
    state: State,
    registration: DelegationRegistration | None,
    *,
    bound: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    """The state's registration: the call, its status, the form while the user may change it,
    the letter, submission, the secretariat's decision and the history. ``bound`` holds forms
    sent with errors, shown in place of the empty ones."""
    bound = bound or {}
    user = request.user
    now = timezone.now()
    context = _base_context(meeting_obj)
    call = context["call"]
    refusal = domain.change_refusal(
        meeting=meeting_obj,
        state=state,
        registration=registration,
        call=call,
        by=user,
        now=now,
    )
    may_change = refusal is None
    subject = registration if registration is not None else (meeting_obj, state)
    writer = user_can(user, "registration.register", subject) or user_can(
        user, "registration.change_late", subject
    )
    may_decide = registration is not None and user_can(user, "registration.decide", registration)
    head_form = bound.get("head")
    formset = bound.get("members")
    if head_form is None and may_change:
        people = queries.head_candidates(
            state, current=registration.head_person if registration else None
        )
        initial = {}
        if registration is not None:
            initial = {
                name: getattr(registration, name)
                for name in (
                    "head_person",
                    "head_name_latin",
                    "head_name_cyrillic",
                    "head_name_hangul",
                    "head_rank",
                    "head_title",
                )
            }
        head_form = HeadForm(initial=initial, people=people)
        formset = member_formset(members=registration.members.all() if registration else ())
    status_open = registration is not None and registration.status in OPEN_TO_THE_STATE
    context.update(
        {
            "state": state,
            "registration": registration,
            "refusal": refusal if writer else None,
            "may_change": may_change,
            "late_change": may_change and call.has_passed(now),
            "head_form": head_form,
            "formset": formset,
            "letter_form": bound.get("letter")
            or (LetterForm() if may_change and registration is not None else None),
            "submit_form": bound.get("submit") or (Form() if may_change and status_open else None),
            "may_decide": may_decide,
            "decide_form": bound.get("decide")
            or (
                Form()
                if may_decide and registration.status == RegistrationStatus.SUBMITTED
                else None
            ),
            "return_form": bound.get("return")
            or (
                ReturnForm()
                if may_decide and registration.status == RegistrationStatus.SUBMITTED
                else None
            ),
            "urls": {
                name: state_url(meeting_obj, state, name)
                for name in ("delegation", "letter", "letter_file", "submit", "accept", "return")
            },
            "back_url": meeting_url(meeting_obj),
        }
    )
    return render(request, "registration/state.html", context, status=status)


@require_http_methods(["GET", "POST"])
def state_registration(
    request: HttpRequest, forum: str, number: int, pk: int, code: str
) -> HttpResponse:
    """A state's registration. POST saves the head and members (starting the registration when
    there is none); the "Add a member row" button shows the form again with one more row,
    saving nothing."""
    meeting_obj, state, registration = _state_of(request, forum, number, pk, code)
    refused = _view_refusal(request, meeting_obj, state, registration)
    if refused:
        return refused
    if request.method == "GET":
        return state_page(request, meeting_obj, state, registration)
    refused = _write_refusal(request, meeting_obj, state, registration)
    if refused:
        return refused
    people = queries.head_candidates(
        state, current=registration.head_person if registration else None
    )
    head_form = HeadForm(request.POST, people=people)
    add_row = "add_row" in request.POST
    formset = member_formset(data=request.POST, add_row=add_row)
    bound = {"head": head_form, "members": formset}
    now = timezone.now()
    if add_row:
        refusal = domain.change_refusal(
            meeting=meeting_obj,
            state=state,
            registration=registration,
            call=queries.call_of(meeting_obj),
            by=request.user,
            now=now,
        )
        if refusal is None:
            return state_page(request, meeting_obj, state, registration, bound=bound)
        head_form.add_error(None, refusal)
        return state_page(request, meeting_obj, state, registration, bound=bound, status=400)
    if head_form.is_valid() and formset.is_valid():
        values = {**head_form.cleaned_data, "members": members_of(formset)}
        try:
            if registration is None:
                domain.delegation_register(
                    meeting=meeting_obj, state=state, by=request.user, now=now, **values
                )
            else:
                domain.delegation_registration_edit(
                    registration=registration, by=request.user, now=now, **values
                )
        except ValidationError as error:
            put_errors(head_form, error)
        else:
            messages.success(
                request,
                _("%(state)s’s registration is saved.") % {"state": reader_state_name(state)},
            )
            return redirect(f"{state_url(meeting_obj, state)}#registration")
    return state_page(request, meeting_obj, state, registration, bound=bound, status=400)


@require_POST
def letter(request: HttpRequest, forum: str, number: int, pk: int, code: str) -> HttpResponse:
    """Attach the credentials letter or note verbale to a saved registration."""
    meeting_obj, state, registration = _state_of(request, forum, number, pk, code)
    refused = _view_refusal(request, meeting_obj, state, registration) or _write_refusal(
        request, meeting_obj, state, registration
    )
    if refused:
        return refused
    form = LetterForm(request.POST, request.FILES)
    if registration is None:
        form.add_error(None, _("Save the registration first; then attach the letter."))
    elif form.is_valid():
        try:
            domain.delegation_registration_attach_letter(
                registration=registration, letter=form.cleaned_data["letter"], by=request.user
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, _("The letter is attached."))
            return redirect(f"{state_url(meeting_obj, state)}#letter")
    return state_page(request, meeting_obj, state, registration, bound={"letter": form}, status=400)


def letter_file(request: HttpRequest, forum: str, number: int, pk: int, code: str):
    """The letter itself, to the state's focal points and the forum's secretariat only: it is
    never served from the media folder directly."""
    meeting_obj, state, registration = _state_of(request, forum, number, pk, code)
    refused = _view_refusal(request, meeting_obj, state, registration)
    if refused:
        return refused
    if registration is None or not registration.letter:
        raise Http404(_("No letter is attached to this registration."))
    suffix = registration.letter.name.rsplit(".", 1)[-1].lower()
    content_type = LETTER_TYPES.get(f".{suffix}", ("application/octet-stream", ""))[0]
    try:
        handle = registration.letter.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("The letter's file is missing.")) from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=registration.letter_name or f"letter.{suffix}",
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def submit(request: HttpRequest, forum: str, number: int, pk: int, code: str) -> HttpResponse:
    meeting_obj, state, registration = _state_of(request, forum, number, pk, code)
    refused = _view_refusal(request, meeting_obj, state, registration) or _write_refusal(
        request, meeting_obj, state, registration
    )
    if refused:
        return refused
    form = Form(request.POST)
    if registration is None:
        form.add_error(None, _("Save the registration first; then submit it."))
    else:
        try:
            domain.delegation_registration_submit(registration=registration, by=request.user)
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, _("The registration is submitted to the secretariat."))
            return redirect(f"{state_url(meeting_obj, state)}#status")
    return state_page(request, meeting_obj, state, registration, bound={"submit": form}, status=400)


def _decision_of(request, forum, number, pk, code):
    meeting_obj, state, registration = _state_of(request, forum, number, pk, code)
    refused = _view_refusal(request, meeting_obj, state, registration)
    if refused:
        return None, refused
    if registration is None:
        raise Http404(_("This state has not registered for the meeting."))
    if not user_can(request.user, "registration.decide", registration):
        return None, _refused(
            request, _("Only the secretariat of the forum accepts or returns a registration.")
        )
    return (meeting_obj, state, registration), None


@require_POST
def accept(request: HttpRequest, forum: str, number: int, pk: int, code: str) -> HttpResponse:
    found, refused = _decision_of(request, forum, number, pk, code)
    if refused:
        return refused
    meeting_obj, state, registration = found
    form = Form(request.POST)
    try:
        domain.delegation_registration_accept(registration=registration, by=request.user)
    except ValidationError as error:
        put_errors(form, error)
    else:
        messages.success(
            request,
            _("%(state)s’s registration is accepted; its delegation is recorded for the meeting.")
            % {"state": reader_state_name(state)},
        )
        return redirect(f"{state_url(meeting_obj, state)}#status")
    return state_page(request, meeting_obj, state, registration, bound={"decide": form}, status=400)


@require_POST
def return_(request: HttpRequest, forum: str, number: int, pk: int, code: str) -> HttpResponse:
    found, refused = _decision_of(request, forum, number, pk, code)
    if refused:
        return refused
    meeting_obj, state, registration = found
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            domain.delegation_registration_return(
                registration=registration, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(
                request,
                _("%(state)s’s registration is returned for changes.")
                % {"state": reader_state_name(state)},
            )
            return redirect(f"{state_url(meeting_obj, state)}#status")
    return state_page(request, meeting_obj, state, registration, bound={"return": form}, status=400)


# Experts ----------------------------------------------------------------------------------------


def _expert_session(forum: str, number: int, pk: int) -> Meeting:
    meeting_obj = queries.meeting_for(forum_slug=forum, number=number, pk=pk)
    if meeting_obj.kind != MeetingKind.EXPERT_SESSION:
        raise Http404(_("Experts register for expert sessions only."))
    return meeting_obj


def _expert_options(meeting_obj: Meeting, *, today) -> dict:
    fields = (
        Field.objects.filter(pk=meeting_obj.field_id)
        if meeting_obj.field_id
        else Field.objects.order_by("name")
    )
    return {
        "states": queries.member_states(meeting_obj, today=today),
        "fields": fields,
        "single_field": bool(meeting_obj.field_id),
    }


def expert_page(
    request: HttpRequest,
    meeting_obj: Meeting,
    *,
    form: ExpertForm | None = None,
    cancel_form: Form | None = None,
    status: int = 200,
) -> HttpResponse:
    """The session's call, the places left, the expert's registration and the form."""
    user = request.user
    now = timezone.now()
    own = ExpertRegistration.objects.filter(meeting=meeting_obj, user=user).first()
    if form is None:
        role_state = next(
            (
                r.state_id
                for r in roles_of(user)
                if r.kind == RoleKind.EXPERT and r.forum_id == meeting_obj.edition.forum_id
            ),
            None,
        )
        initial = {
            "name": own.name if own else user.get_full_name(),
            "organization": own.organization if own else "",
            "state": own.state_id if own else role_state,
            "field": own.field_id if own else meeting_obj.field_id,
        }
        form = ExpertForm(initial=initial, **_expert_options(meeting_obj, today=now.date()))
    call = queries.call_of(meeting_obj)
    context = {
        **_base_context(meeting_obj),
        "own": own,
        "form": form,
        "cancel_form": cancel_form or Form(),
        "open_now": call is not None and call.is_open(now),
        "not_yet_open": call is not None and now < call.opens_at,
        "taken": queries.experts_taken(meeting_obj),
    }
    return render(request, "registration/expert.html", context, status=status)


def _expert_url(meeting_obj: Meeting) -> str:
    return reverse("registration:expert", kwargs=_meeting_kwargs(meeting_obj))


@require_http_methods(["GET", "POST"])
def expert(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    """An expert of the forum registers for an expert session, in its field."""
    meeting_obj = _expert_session(forum, number, pk)
    user = request.user
    refused = _login_or_refuse(
        request,
        user_can(user, "registration.expert_register", meeting_obj),
        _("Only the experts of the forum register for its expert sessions."),
    )
    if refused:
        return refused
    if request.method == "GET":
        return expert_page(request, meeting_obj)
    now = timezone.now()
    form = ExpertForm(request.POST, **_expert_options(meeting_obj, today=now.date()))
    if form.is_valid():
        data = form.cleaned_data
        try:
            registration = domain.expert_register(
                meeting=meeting_obj,
                user=user,
                name=data["name"],
                organization=data["organization"],
                state=form.chosen_state(),
                field=data["field"],
                now=now,
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(
                request,
                _("You are registered for %(meeting)s in %(field)s.")
                % {
                    "meeting": record_text(meeting_obj, "title"),
                    "field": record_text(registration.field, "name"),
                },
            )
            return redirect(_expert_url(meeting_obj))
    return expert_page(request, meeting_obj, form=form, status=400)


@require_POST
def expert_cancel(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    """An expert cancels their registration for the session, freeing the place."""
    meeting_obj = _expert_session(forum, number, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    own = get_object_or_404(
        ExpertRegistration.objects.select_related("meeting__edition"),
        meeting=meeting_obj,
        user=request.user,
    )
    if not user_can(request.user, "registration.expert_cancel", own):
        return _refused(request, _("Only the expert who registered cancels the registration."))
    form = Form(request.POST)
    try:
        domain.expert_registration_cancel(registration=own, by=request.user)
    except ValidationError as error:
        put_errors(form, error)
        return expert_page(request, meeting_obj, cancel_form=form, status=400)
    messages.success(request, _("Your registration is cancelled; its place is free again."))
    return redirect(_expert_url(meeting_obj))
