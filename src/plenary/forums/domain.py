"""Writes for forums, states, editions, decisions and milestones.

Every function takes keyword-only arguments, validates through the model (fields and database
constraints) before saving, and logs a dotted action; calling one again with the same facts
changes nothing.
"""

from __future__ import annotations

import datetime as dt

import pycountry
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext

from plenary.common.domain import record
from plenary.forums.models import (
    CoChair,
    Decision,
    Edition,
    Field,
    Forum,
    ForumName,
    Membership,
    Milestone,
    SideTrack,
    State,
    StateName,
)
from plenary.forums.naming import cldr_state_name


def state_ensure(code: str, *, name: str = "", adjective: str = "", by=None) -> State:
    """The state with ISO 3166-1 alpha-2 ``code``, created from the ISO tables if missing.

    ``name`` overrides CLDR's English short name where the forum's usage differs ("Republic of
    Korea"); without it an existing state keeps the name it has.
    """
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        raise ValidationError(
            {
                "code": gettext("%(value)s is not an ISO 3166-1 alpha-2 country code.")
                % {"value": repr(code)}
            }
        )
    existing = State.objects.filter(code=country.alpha_2).first()
    values = {"alpha3": country.alpha_3}
    if name or existing is None:
        values["name"] = name or cldr_state_name(code, "en") or country.name
    if adjective:
        values["adjective"] = adjective
    state, _ = record(
        State, lookup={"code": country.alpha_2}, values=values, action="forums.state", by=by
    )
    return state


def state_name_set(
    *, state: State, language: str, name: str, official_name: str = "", by=None
) -> StateName:
    """Override CLDR's name of ``state`` in ``language`` with the forum's usage."""
    override, _ = record(
        StateName,
        lookup={"state": state, "language": language},
        values={"name": name, "official_name": official_name},
        action="forums.state_name",
        by=by,
    )
    return override


def field_ensure(name: str, *, by=None) -> Field:
    field, _ = record(
        Field, lookup={"slug": slugify(name)}, values={"name": name}, action="forums.field", by=by
    )
    return field


def forum_record(*, slug: str, by=None, **values) -> Forum:
    forum, _ = record(Forum, lookup={"slug": slug}, values=values, action="forums.forum", by=by)
    return forum


def forum_name_add(*, forum: Forum, name: str, language: str = "en", by=None) -> ForumName:
    other, _ = record(
        ForumName,
        lookup={"forum": forum, "name": name},
        values={"language": language},
        action="forums.forum_name",
        by=by,
    )
    return other


def membership_record(
    *,
    forum: Forum,
    state: State,
    role: str = "member",
    joined_on: dt.date | None = None,
    left_on: dt.date | None = None,
    precedence_rank: int | None = None,
    by=None,
) -> Membership:
    membership, _ = record(
        Membership,
        lookup={"forum": forum, "state": state},
        values={
            "role": role,
            "joined_on": joined_on,
            "left_on": left_on,
            "precedence_rank": precedence_rank,
        },
        action="forums.membership",
        by=by,
    )
    return membership


def side_track_record(
    *, forum: Forum, name: str, kind: str, description: str = "", by=None
) -> SideTrack:
    track, _ = record(
        SideTrack,
        lookup={"forum": forum, "name": name},
        values={"kind": kind, "description": description},
        action="forums.side_track",
        by=by,
    )
    return track


def edition_record(*, forum: Forum, number: int, by=None, **values) -> Edition:
    """Create the ``number``-th edition of ``forum`` or update its facts; never a duplicate."""
    edition, _ = record(
        Edition,
        lookup={"forum": forum, "number": number},
        values=values,
        action="forums.edition",
        by=by,
    )
    return edition


def co_chair_record(*, edition: Edition, state: State, person=None, post=None, by=None) -> CoChair:
    co_chair, _ = record(
        CoChair,
        lookup={"edition": edition, "state": state},
        values={"person": person, "post": post},
        action="forums.co_chair",
        by=by,
    )
    return co_chair


def decision_record(*, edition: Edition, kind: str, text: str, by=None, **values) -> Decision:
    decision, _ = record(
        Decision,
        lookup={"edition": edition, "kind": kind, "text": text},
        values=values,
        action="forums.decision",
        by=by,
    )
    return decision


def milestone_record(*, forum: Forum, title: str, date: dt.date, by=None, **values) -> Milestone:
    milestone, _ = record(
        Milestone,
        lookup={"forum": forum, "title": title},
        values={"date": date, **values},
        action="forums.milestone",
        by=by,
    )
    return milestone
