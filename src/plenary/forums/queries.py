"""Reads behind the public pages of forums, editions and states.

Every page function fetches what its template shows in a fixed number of queries whatever the
amount of data: related rows come through ``select_related``/``prefetch_related``, the sources of
every object shown through one ``citations_by_subject`` call, and lists of states are ordered by
``in_precedence`` with the forum's ranks taken from memberships already loaded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from plenary.common.enums import Language
from plenary.common.queries import citations_by_subject, conflicts_among
from plenary.documents.enums import DocumentStatus
from plenary.documents.rules import can_view_document
from plenary.forums.enums import EditionStatus
from plenary.forums.models import Decision, Edition, Forum, Membership, State
from plenary.forums.naming import state_name
from plenary.forums.precedence import in_precedence
from plenary.meetings.enums import MeetingKind
from plenary.meetings.models import Delegation
from plenary.meetings.queries import (
    delegations_in_precedence,
    delegations_shown,
    documents_shown,
    experts_shown,
    mark_disputed,
    precedence_ranks,
    prefetch_state_names,
    statements_in_precedence,
    statements_shown,
    states_named,
)

NAME_LANGUAGES = (Language.ENGLISH, Language.RUSSIAN, Language.KOREAN)


def decisions_shown() -> QuerySet[Decision]:
    """Decisions with the edition that took them, the one that carried them out, and whom or
    what they name."""
    return Decision.objects.select_related(
        "edition__forum",
        "realized_by__forum",
        "state",
        "person",
        "post__state",
        "post__organization",
    )


def _latest_and_next(editions: list[Edition]) -> tuple[Edition | None, Edition | None]:
    """The last edition held (else the last recorded) and the first upcoming one after it."""
    held = [e for e in editions if e.status == EditionStatus.HELD]
    latest = held[-1] if held else (editions[-1] if editions else None)
    upcoming = [
        e for e in editions if e.is_upcoming and (latest is None or e.number > latest.number)
    ]
    return latest, (upcoming[0] if upcoming else None)


def _current(memberships: list[Membership], today: dt.date) -> list[Membership]:
    return [m for m in memberships if m.left_on is None or m.left_on >= today]


def landing_page() -> dict[str, Any]:
    """The forums, each with its member states in its own order and its latest edition."""
    forums = list(
        Forum.objects.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.select_related("state")),
            Prefetch(
                "editions",
                queryset=Edition.objects.select_related("host_state").order_by("number"),
            ),
        ).order_by("is_demo", "name")
    )
    prefetch_state_names(m.state for f in forums for m in f.memberships.all())
    today = timezone.localdate()
    entries = []
    for forum in forums:
        memberships = list(forum.memberships.all())
        editions = list(forum.editions.all())
        latest, upcoming = _latest_and_next(editions)
        entries.append(
            {
                "forum": forum,
                "memberships": in_precedence(
                    _current(memberships, today),
                    forum,
                    state_of=lambda m: m.state,
                    ranks=precedence_ranks(memberships),
                ),
                "edition_count": len(editions),
                "latest": latest,
                "next": upcoming,
            }
        )
    return {"entries": entries}


def forum_page(*, forum_slug: str, viewer) -> dict[str, Any]:
    """A forum: its names, members, secretariat, side tracks, editions, milestones, decisions
    and adopted documents, with their sources."""
    forum = get_object_or_404(
        Forum.objects.select_related("secretariat").prefetch_related(
            "other_names", "side_tracks", "secretariat__children"
        ),
        slug=forum_slug,
    )
    memberships = list(forum.memberships.select_related("state"))
    prefetch_state_names(m.state for m in memberships)
    memberships = in_precedence(
        memberships, forum, state_of=lambda m: m.state, ranks=precedence_ranks(memberships)
    )
    editions = list(forum.editions.select_related("host_state", "chair_state").order_by("number"))
    milestones = list(forum.milestones.select_related("edition__forum"))
    decisions = list(
        decisions_shown().filter(edition__forum=forum).order_by("edition__number", "pk")
    )
    documents = list(
        documents_shown(viewer)
        .filter(forum=forum, status=DocumentStatus.ADOPTED)
        .order_by("edition__number", "kind__name", "title")
    )
    latest, upcoming = _latest_and_next(editions)
    shown = [forum, *memberships, *editions, *milestones, *decisions, *documents]
    citations = citations_by_subject(shown)
    conflicts = conflicts_among(shown, citations)
    mark_disputed(conflicts)
    return {
        "forum": forum,
        "other_names": list(forum.other_names.all()),
        "memberships": memberships,
        "side_tracks": list(forum.side_tracks.all()),
        "secretariat": forum.secretariat,
        "secretariat_bodies": list(forum.secretariat.children.all()) if forum.secretariat else [],
        "editions": editions,
        "latest": latest,
        "next": upcoming,
        "milestones": milestones,
        "decisions": decisions,
        "documents": documents,
        "citations": citations,
        "conflicts": conflicts,
    }


def _meeting_order(meeting) -> tuple:
    """Meetings by local day and start time; meetings of unknown date last, in their order."""
    day = meeting.local_date
    start = meeting.starts_at
    return (
        day is None,
        day or dt.date.min,
        start is None,
        start.timestamp() if start else 0.0,
        meeting.position,
        meeting.pk,
    )


def edition_page(*, forum_slug: str, number: int, viewer) -> dict[str, Any]:
    """Everything known of one edition, grouped as a reader of its press reports expects.

    Lists of states put the host first when the forum wants it. Outcome documents the viewer may
    not read (drafts, for the public) are left out.
    """
    edition = get_object_or_404(
        Edition.objects.select_related("forum", "host_state", "chair_state"),
        forum__slug=forum_slug,
        number=number,
    )
    forum = edition.forum
    host = edition.host_state
    ranks = precedence_ranks(forum.memberships.all())
    co_chairs = list(
        edition.co_chairs.select_related("state", "person", "post__state", "post__organization")
    )
    meetings = list(
        edition.meetings.select_related("field", "side_track", "state").prefetch_related(
            Prefetch("delegations", queryset=delegations_shown()),
            Prefetch("statements", queryset=statements_shown()),
        )
    )
    meetings.sort(key=_meeting_order)
    experts = list(experts_shown().filter(edition=edition))
    documents = list(documents_shown(viewer).filter(edition=edition))
    work_plans = list(
        edition.work_plans.select_related("document__forum").prefetch_related("areas")
    )
    for plan in work_plans:
        plan.document_visible = plan.document is not None and can_view_document(
            viewer, plan.document
        )
    decisions = list(decisions_shown().filter(edition=edition))
    decided_earlier = list(decisions_shown().filter(realized_by=edition))
    milestones = list(forum.milestones.select_related("edition__forum"))
    numbers = list(forum.editions.order_by("number").values_list("number", flat=True))

    delegations: list[Delegation] = [d for m in meetings for d in m.delegations.all()]
    statements = [s for m in meetings for s in m.statements.all()]
    prefetch_state_names(
        [
            *states_named(co_chairs, "state"),
            *states_named(delegations, "state"),
            *states_named(statements, "delegation.state"),
        ]
    )
    co_chairs = in_precedence(co_chairs, forum, state_of=lambda c: c.state, host=host, ranks=ranks)
    for meeting in meetings:
        meeting.delegations_ordered = delegations_in_precedence(
            meeting.delegations.all(), forum, host=host, ranks=ranks
        )
        meeting.statements_ordered = statements_in_precedence(
            meeting.statements.all(), forum, host=host, ranks=ranks
        )
    preparatory = [m for m in meetings if m.is_preparatory]
    programme = [m for m in meetings if not m.is_preparatory]
    main_meeting = next((m for m in programme if m.kind == MeetingKind.MINISTERIAL), None)

    proposals = [p for s in statements for p in s.proposals.all()]
    shown = [
        edition,
        *co_chairs,
        *meetings,
        *delegations,
        *statements,
        *proposals,
        *experts,
        *documents,
        *work_plans,
        *decisions,
        *decided_earlier,
        *milestones,
    ]
    citations = citations_by_subject(shown)
    conflicts = conflicts_among(shown, citations)
    mark_disputed(conflicts)
    position = numbers.index(edition.number)
    return {
        "forum": forum,
        "edition": edition,
        "previous_number": numbers[position - 1] if position > 0 else None,
        "next_number": numbers[position + 1] if position + 1 < len(numbers) else None,
        "co_chairs": co_chairs,
        "preparatory": preparatory,
        "programme": programme,
        "main_meeting": main_meeting,
        "other_meetings_with_delegations": [
            m for m in meetings if m is not main_meeting and m.delegations_ordered
        ],
        "has_delegations": bool(delegations),
        "meetings_with_statements": [m for m in meetings if m.statements_ordered],
        "experts": experts,
        "experts_total": sum(e.count for e in experts),
        "experts_approximate": any(e.approximate for e in experts),
        "documents": documents,
        "work_plans": work_plans,
        "decisions": decisions,
        "decided_earlier": decided_earlier,
        "milestones": [m for m in milestones if m.edition_id == edition.pk],
        "other_milestones": [m for m in milestones if m.edition_id != edition.pk],
        "citations": citations,
        "conflicts": conflicts,
    }


def states_index() -> dict[str, Any]:
    """Every state on record, English alphabetical, with its names and forums."""
    states = list(
        State.objects.prefetch_related(
            "names",
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("forum").order_by("forum__name"),
            ),
        )
    )
    return {"states": in_precedence(states, None)}


def state_page(*, code: str) -> dict[str, Any]:
    """A state: its names, the forums it belongs to, its delegations with the rank of each head,
    the editions it hosted and what its delegations said."""
    state = get_object_or_404(State.objects.prefetch_related("names"), code=code.upper())
    memberships = list(state.memberships.select_related("forum").order_by("forum__name"))
    delegations = list(
        Delegation.objects.filter(state=state)
        .select_related(
            "meeting__edition__forum",
            "head_person",
            "head_post__state",
            "head_post__organization",
        )
        .order_by(
            "meeting__edition__forum__name",
            "meeting__edition__number",
            "meeting__date",
            "meeting__starts_at",
            "meeting__position",
            "meeting__pk",
        )
    )
    statements = list(
        statements_shown()
        .filter(delegation__state=state)
        .select_related("meeting__edition__forum")
        .order_by(
            "meeting__edition__forum__name",
            "meeting__edition__number",
            "meeting__date",
            "meeting__pk",
            "position",
        )
    )
    hosted = list(state.editions_hosted.select_related("forum").order_by("forum__name", "number"))
    proposals = [p for s in statements for p in s.proposals.all()]
    shown = [*memberships, *delegations, *statements, *proposals, *hosted]
    citations = citations_by_subject(shown)
    return {
        "state": state,
        "names": [
            {"language": language, "label": language.label, "name": state_name(state, language)}
            for language in NAME_LANGUAGES
        ],
        "memberships": memberships,
        "delegations": delegations,
        "statements": statements,
        "hosted": hosted,
        "citations": citations,
        "conflicts": conflicts_among(shown, citations),
    }
