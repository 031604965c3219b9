"""Reads of the registration pages, each in a fixed number of queries whatever the number of
states, registrations, members or calls."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from plenary.accounts.rules import focal_point_states, is_secretariat
from plenary.forums.models import Forum, Membership, State
from plenary.forums.precedence import in_precedence
from plenary.meetings.enums import MeetingKind
from plenary.meetings.models import Meeting
from plenary.people.models import Person
from plenary.registration.enums import ExpertStatus, RegistrationStatus
from plenary.registration.models import (
    DelegationRegistration,
    ExpertRegistration,
    RegistrationCall,
)
from plenary.registration.rules import is_expert


def meeting_for(*, forum_slug: str, number: int, pk: int) -> Meeting:
    """The meeting at this address with its edition, forum, field and call; 404 otherwise. One
    query."""
    return get_object_or_404(
        Meeting.objects.select_related(
            "edition__forum", "edition__host_state", "field", "registration_call"
        ),
        pk=pk,
        edition__number=number,
        edition__forum__slug=forum_slug,
    )


def call_of(meeting: Meeting) -> RegistrationCall | None:
    """The meeting's call, as ``meeting_for`` loaded it (no query), or None."""
    try:
        return meeting.registration_call
    except RegistrationCall.DoesNotExist:
        return None


def member_states(meeting: Meeting, *, today: dt.date) -> list[State]:
    """The forum's member states on the meeting's day (today when it has none), in the forum's
    order of precedence with the edition's host first if the forum wants it. Two queries: the
    memberships with their states, and the states' names in other languages (for Russian or
    Korean alphabetical order)."""
    forum = meeting.edition.forum
    day = meeting.local_date or today
    memberships = [
        m
        for m in Membership.objects.filter(forum=forum)
        .select_related("state")
        .prefetch_related("state__names")
        if m.is_member_on(day)
    ]
    ranks = {m.state_id: m.precedence_rank for m in memberships}
    return in_precedence(
        [m.state for m in memberships], forum, host=meeting.edition.host_state, ranks=ranks
    )


def member_state(meeting: Meeting, code: str, *, today: dt.date) -> State:
    """The member state whose code is ``code`` (in any case); 404 for any other. One query."""
    forum = meeting.edition.forum
    day = meeting.local_date or today
    membership = get_object_or_404(
        Membership.objects.select_related("state"), forum=forum, state__code=code.upper()
    )
    if not membership.is_member_on(day):
        raise Http404(_("That state is not a member of the forum on the meeting's day."))
    return membership.state


@dataclass
class StateRow:
    """One state's line in the list of a meeting's registrations."""

    state: State
    registration: DelegationRegistration | None

    @property
    def status(self) -> str:
        return self.registration.status if self.registration else ""

    @property
    def status_label(self) -> str:
        if self.registration is None:
            return pgettext("registration status", "not registered")
        return self.registration.get_status_display()


@dataclass
class MeetingRegistrations:
    meeting: Meeting
    call: RegistrationCall | None
    rows: list[StateRow]
    experts: list[ExpertRegistration] = field(default_factory=list)
    own_expert: ExpertRegistration | None = None

    @property
    def experts_registered(self) -> int:
        return sum(1 for e in self.experts if e.status == ExpertStatus.REGISTERED)


def meeting_registrations(*, meeting: Meeting, viewer, today: dt.date) -> MeetingRegistrations:
    """The registrations of the member states ``viewer`` may see for ``meeting``: every state's
    for the secretariat, its own states' for a focal point. An expert session has no
    delegations: the experts registered (for the secretariat) and the viewer's own registration
    (for an expert) instead.

    Queries: the states (two, see ``member_states``) and their registrations with the head and
    the number of members (one) when the viewer sees any state; for an expert session, the
    experts with their states and fields (one, the secretariat) and the viewer's own (one, an
    expert).
    """
    forum_id = meeting.edition.forum_id
    secretariat = is_secretariat(viewer, forum_id)
    own = focal_point_states(viewer, forum_id)
    rows: list[StateRow] = []
    expert_session = meeting.kind == MeetingKind.EXPERT_SESSION
    if (secretariat or own) and not expert_session:
        states = [s for s in member_states(meeting, today=today) if secretariat or s.pk in own]
        registrations = {
            r.state_id: r
            for r in DelegationRegistration.objects.filter(
                meeting=meeting, state__in=[s.pk for s in states]
            )
            .select_related("head_person")
            .annotate(member_count=Count("members"))
        }
        rows = [StateRow(state, registrations.get(state.pk)) for state in states]
    result = MeetingRegistrations(meeting=meeting, call=call_of(meeting), rows=rows)
    if expert_session:
        if secretariat:
            result.experts = list(
                ExpertRegistration.objects.filter(meeting=meeting)
                .select_related("state", "field")
                .order_by("registered_at", "pk")
            )
        if is_expert(viewer, forum_id):
            result.own_expert = ExpertRegistration.objects.filter(
                meeting=meeting, user=viewer
            ).first()
    return result


def registration_of(meeting: Meeting, state: State) -> DelegationRegistration | None:
    """``state``'s registration for ``meeting`` with its head, members and history (three
    queries), or None (one)."""
    registration = (
        DelegationRegistration.objects.filter(meeting=meeting, state=state)
        .select_related("head_person", "delegation")
        .prefetch_related("members")
        .first()
    )
    if registration is not None:
        registration.meeting = meeting
        registration.state = state
        registration.history = list(registration.steps.select_related("by").order_by("at", "pk"))
    return registration


def head_candidates(state: State, *, current: Person | None = None):
    """People of the record who may head ``state``'s delegation: those who held an office of the
    state or led one of its delegations, and the head already chosen."""
    condition = Q(tenures__post__state=state) | Q(delegations_led__state=state)
    if current is not None:
        condition |= Q(pk=current.pk)
    return Person.objects.filter(condition).distinct().order_by("sort_name", "name")


@dataclass
class CallRow:
    """A call on the list of a forum's calls, with what the viewer has to do with it."""

    call: RegistrationCall
    open_now: bool
    counts: dict[str, int] = field(default_factory=dict)  # the secretariat: per status
    own: list[tuple[State, DelegationRegistration | None]] = field(default_factory=list)
    expert: ExpertRegistration | None = None
    experts_registered: int = 0  # the secretariat, for an expert session

    @property
    def meeting(self) -> Meeting:
        return self.call.meeting

    @property
    def is_expert_session(self) -> bool:
        return self.call.meeting.kind == MeetingKind.EXPERT_SESSION

    @property
    def count_labels(self) -> list[tuple[str, int]]:
        return [
            (status.label, self.counts[status])
            for status in RegistrationStatus
            if self.counts.get(status)
        ]


def forum_calls(*, forum: Forum, viewer, now: dt.datetime) -> dict:
    """The forum's calls ``viewer`` has to do with, those still open (or about to open) first
    and the closed ones after, each by deadline.

    The secretariat sees every call, with the number of registrations per status or, for an
    expert session, of experts registered; a focal point the calls of meetings with its states'
    registrations; an expert the calls of expert sessions with their own registration. Queries:
    the calls with their meetings (one); the counts (two, the secretariat); the focal point's
    states and their registrations (two); the expert's own registrations (one).
    """
    secretariat = is_secretariat(viewer, forum.pk)
    own_states = focal_point_states(viewer, forum.pk)
    expert = is_expert(viewer, forum.pk)
    calls = [
        call
        for call in RegistrationCall.objects.filter(meeting__edition__forum=forum)
        .select_related("meeting__edition__forum", "meeting__field")
        .order_by("deadline", "pk")
        if secretariat
        or (expert if call.meeting.kind == MeetingKind.EXPERT_SESSION else bool(own_states))
    ]
    rows = [CallRow(call=c, open_now=not c.has_passed(now)) for c in calls]
    meeting_ids = [c.meeting_id for c in calls]
    delegation_rows = [row for row in rows if not row.is_expert_session]
    session_rows = [row for row in rows if row.is_expert_session]
    if secretariat and meeting_ids:
        by_meeting: dict[int, dict[str, int]] = {}
        counts = (
            DelegationRegistration.objects.filter(meeting__in=meeting_ids)
            .values_list("meeting_id", "status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for meeting_id, status, n in counts:
            by_meeting.setdefault(meeting_id, {})[status] = n
        experts = dict(
            ExpertRegistration.objects.filter(
                meeting__in=meeting_ids, status=ExpertStatus.REGISTERED
            )
            .values_list("meeting_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            row.counts = by_meeting.get(row.call.meeting_id, {})
            row.experts_registered = experts.get(row.call.meeting_id, 0)
    if own_states and delegation_rows:
        states = in_precedence(
            State.objects.filter(pk__in=own_states).prefetch_related("names"), forum
        )
        registrations = {
            (r.meeting_id, r.state_id): r
            for r in DelegationRegistration.objects.filter(
                meeting__in=[row.call.meeting_id for row in delegation_rows],
                state__in=own_states,
            )
        }
        for row in delegation_rows:
            row.own = [(s, registrations.get((row.call.meeting_id, s.pk))) for s in states]
    if expert and session_rows:
        mine = {
            e.meeting_id: e
            for e in ExpertRegistration.objects.filter(
                meeting__in=[row.call.meeting_id for row in session_rows], user=viewer
            )
        }
        for row in session_rows:
            row.expert = mine.get(row.call.meeting_id)
    return {
        "forum": forum,
        "open_calls": [r for r in rows if r.open_now],
        "closed_calls": [r for r in rows if not r.open_now],
        "is_secretariat": secretariat,
        "own_states": own_states,
        "is_expert": expert,
    }


def experts_taken(meeting: Meeting) -> int:
    return ExpertRegistration.objects.filter(
        meeting=meeting, status=ExpertStatus.REGISTERED
    ).count()


__all__ = [
    "CallRow",
    "MeetingRegistrations",
    "StateRow",
    "call_of",
    "experts_taken",
    "forum_calls",
    "head_candidates",
    "meeting_for",
    "meeting_registrations",
    "member_state",
    "member_states",
    "registration_of",
]
