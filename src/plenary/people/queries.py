"""Reads behind the people pages: who a person is, which posts they held and what they did."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from plenary.common.queries import citations_by_subject, conflicts_among
from plenary.forums.queries import decisions_shown
from plenary.meetings.models import Delegation, DelegationMember
from plenary.meetings.queries import statements_shown
from plenary.people.models import Person, Tenure

_POST = ("post", "post__state", "post__organization")


def people_index() -> dict[str, Any]:
    """Everyone on record by sort name, with other name forms and posts."""
    people = list(
        Person.objects.prefetch_related(
            "names",
            Prefetch("tenures", queryset=Tenure.objects.select_related(*_POST)),
        ).order_by("sort_name", "name")
    )
    return {"people": people}


def person_page(*, slug: str) -> dict[str, Any]:
    """A person: name forms, posts over time, delegations led or joined, co-chairs, statements
    and decisions naming them, with their sources."""
    person = get_object_or_404(Person.objects.prefetch_related("names"), slug=slug)
    tenures = list(person.tenures.select_related(*_POST))
    chronological = ("meeting__edition__start_date", "meeting__date", "meeting__starts_at")
    delegations = list(
        Delegation.objects.filter(head_person=person)
        .select_related(
            "meeting__edition__forum", "state", "head_post__state", "head_post__organization"
        )
        .order_by(*chronological, "meeting__pk")
    )
    member_of = list(
        DelegationMember.objects.filter(person=person)
        .select_related("delegation__meeting__edition__forum", "delegation__state", *_POST)
        .order_by(*(f"delegation__{key}" for key in chronological), "pk")
    )
    co_chairs = list(
        person.co_chairs.select_related(
            "edition__forum", "state", "post__state", "post__organization"
        ).order_by("edition__start_date", "edition__number")
    )
    statements = list(
        statements_shown()
        .filter(speaker_person=person)
        .select_related("meeting__edition__forum")
        .order_by(*chronological, "meeting__pk", "position")
    )
    decisions = list(
        decisions_shown().filter(person=person).order_by("edition__start_date", "edition__number")
    )
    proposals = [p for s in statements for p in s.proposals.all()]
    shown = [person, *tenures, *delegations, *co_chairs, *statements, *proposals, *decisions]
    citations = citations_by_subject(shown)
    return {
        "person": person,
        "names": list(person.names.all()),
        "tenures": tenures,
        "delegations": delegations,
        "member_of": member_of,
        "co_chairs": co_chairs,
        "statements": statements,
        "decisions": decisions,
        "citations": citations,
        "conflicts": conflicts_among(shown, citations),
    }
