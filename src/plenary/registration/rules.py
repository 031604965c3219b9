"""Who may open registration, register a delegation, decide on it, and register as an expert.

One permission name per action. The objects are meetings (with their edition loaded), a
``(meeting, state)`` pair for a state's registration that may not exist yet, a registration, an
expert's registration, or a forum.

| permission | object | who |
|---|---|---|
| ``registration.see_calls`` | a forum | its secretariat, focal points and experts |
| ``registration.see_meeting`` | a meeting | the forum's secretariat; its focal points (delegations) or, for an expert session, its experts |
| ``registration.open`` | a meeting | the forum's secretariat |
| ``registration.view`` | a pair or a registration | the state's focal points and the forum's secretariat (the letter too) |
| ``registration.register`` | a pair or a registration | the state's focal points, until the deadline |
| ``registration.change_late`` | a pair or a registration | the forum's secretariat, after the deadline |
| ``registration.decide`` | a registration or a meeting | the forum's secretariat |
| ``registration.expert_register`` | a meeting | the forum's experts, for an expert session |
| ``registration.expert_cancel`` | an expert's registration | the expert who registered |
| ``registration.view_experts`` | a meeting | the forum's secretariat |

Delegations register for meetings; experts register one by one for expert sessions, where no
delegation is registered. The deadline is not in the permissions: the domain refuses a change
made out of time with the reason, so that the page can say it.
"""

from __future__ import annotations

import rules

from plenary.accounts.enums import RoleKind
from plenary.accounts.rules import focal_point_states, is_secretariat, roles_of
from plenary.meetings.enums import MeetingKind


def meeting_of(obj):
    """The meeting an object is about: a meeting, a ``(meeting, state)`` pair, a registration."""
    if obj is None:
        return None
    if isinstance(obj, tuple):
        return obj[0]
    if obj._meta.label == "meetings.Meeting":
        return obj
    return obj.meeting


def state_id_of(obj) -> int | None:
    if isinstance(obj, tuple):
        return obj[1].pk
    return getattr(obj, "state_id", None)


def forum_id_of(obj) -> int | None:
    if obj is None:
        return None
    if not isinstance(obj, tuple) and obj._meta.label == "forums.Forum":
        return obj.pk
    meeting = meeting_of(obj)
    return meeting.edition.forum_id if meeting is not None else None


def is_expert(user, forum_id: int | None) -> bool:
    return forum_id is not None and any(
        r.kind == RoleKind.EXPERT and r.forum_id == forum_id for r in roles_of(user)
    )


@rules.predicate
def secretariat(user, obj) -> bool:
    return is_secretariat(user, forum_id_of(obj))


@rules.predicate
def state_focal_point(user, obj) -> bool:
    """The user is a focal point of the state the object is about."""
    state_id = state_id_of(obj)
    return state_id is not None and state_id in focal_point_states(user, forum_id_of(obj))


@rules.predicate
def forum_focal_point(user, obj) -> bool:
    """The user is a focal point of any state of the object's forum."""
    return bool(focal_point_states(user, forum_id_of(obj)))


@rules.predicate
def forum_expert(user, obj) -> bool:
    return is_expert(user, forum_id_of(obj))


@rules.predicate
def expert_session(user, obj) -> bool:
    meeting = meeting_of(obj)
    return meeting is not None and meeting.kind == MeetingKind.EXPERT_SESSION


@rules.predicate
def own_expert_registration(user, obj) -> bool:
    return (
        obj is not None
        and getattr(user, "is_authenticated", False)
        and obj.user_id == user.pk
        and is_expert(user, forum_id_of(obj))
    )


rules.add_perm("registration.see_calls", secretariat | forum_focal_point | forum_expert)
rules.add_perm(
    "registration.see_meeting",
    secretariat | (forum_focal_point & ~expert_session) | (forum_expert & expert_session),
)
rules.add_perm("registration.open", secretariat)
rules.add_perm("registration.view", secretariat | state_focal_point)
rules.add_perm("registration.register", state_focal_point)
rules.add_perm("registration.change_late", secretariat)
rules.add_perm("registration.decide", secretariat)
rules.add_perm("registration.expert_register", forum_expert & expert_session)
rules.add_perm("registration.expert_cancel", own_expert_registration)
rules.add_perm("registration.view_experts", secretariat)
