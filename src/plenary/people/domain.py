"""Writes for people, their name forms, organizations, posts and tenures."""

from __future__ import annotations

import datetime as dt

from plenary.common.domain import record
from plenary.people.models import Organization, Person, PersonName, Post, Tenure


def person_record(
    *,
    slug: str,
    name: str,
    sort_name: str = "",
    names: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
    note: str = "",
    by=None,
) -> Person:
    """Create or update a person; ``names`` are other forms as ``(name, language, kind)``."""
    person, _ = record(
        Person,
        lookup={"slug": slug},
        values={"name": name, "sort_name": sort_name or name, "note": note},
        action="people.person",
        by=by,
    )
    for other, language, kind in names:
        record(
            PersonName,
            lookup={"person": person, "name": other},
            values={"language": language, "kind": kind},
            action="people.person_name",
            by=by,
        )
    return person


def organization_record(*, name: str, kind: str, by=None, **values) -> Organization:
    organization, _ = record(
        Organization,
        lookup={"name": name},
        values={"kind": kind, **values},
        action="people.organization",
        by=by,
    )
    return organization


def post_record(*, title: str, state=None, rank: str, organization=None, by=None) -> Post:
    post, _ = record(
        Post,
        lookup={"title": title, "state": state, "organization": organization},
        values={"rank": rank},
        action="people.post",
        by=by,
    )
    return post


def tenure_record(
    *,
    person: Person,
    post: Post,
    start: dt.date | None = None,
    start_precision: str = "day",
    end: dt.date | None = None,
    end_precision: str = "day",
    by=None,
) -> Tenure:
    """Record that ``person`` held ``post`` from ``start`` (to ``end``); a precision of "year"
    says that only the year of a date is known."""
    tenure, _ = record(
        Tenure,
        lookup={"person": person, "post": post, "start": start},
        values={"start_precision": start_precision, "end": end, "end_precision": end_precision},
        action="people.tenure",
        by=by,
    )
    return tenure
