"""Reads behind the meeting page, and the querysets other pages use to show delegations and
statements with everything they name, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import F, Prefetch, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404

from plenary.common.queries import citations_by_subject, conflicts_among
from plenary.documents.models import OutcomeDocument
from plenary.documents.rules import visible_documents
from plenary.forums.models import Forum, Membership, State
from plenary.forums.precedence import in_precedence
from plenary.meetings.models import (
    Delegation,
    DelegationMember,
    ExpertParticipation,
    Meeting,
    Proposal,
    Statement,
)
from plenary.projects.models import Project

# Post.__str__ names the post's state or organization: select both wherever a post is shown.
POST = ("state", "organization")


def _post(prefix: str) -> list[str]:
    return [f"{prefix}__{name}" for name in POST]


def delegations_shown() -> QuerySet[Delegation]:
    """Delegations with state, head (person and office) and members."""
    return Delegation.objects.select_related(
        "state", "head_person", "head_post", *_post("head_post")
    ).prefetch_related(
        Prefetch(
            "members",
            queryset=DelegationMember.objects.select_related("person", "post", *_post("post")),
        )
    )


def proposals_shown() -> QuerySet[Proposal]:
    """Proposals with their field, partners and the projects born from them."""
    return Proposal.objects.select_related("field").prefetch_related(
        "partners", Prefetch("projects", Project.objects.select_related("forum"))
    )


def statements_shown() -> QuerySet[Statement]:
    """Statements with their delegation, speaker, fields and proposals (with partners)."""
    return Statement.objects.select_related(
        "delegation__state",
        "delegation__meeting",
        "speaker_person",
        "speaker_post",
        *_post("speaker_post"),
    ).prefetch_related("fields", Prefetch("proposals", queryset=proposals_shown()))


def experts_shown() -> QuerySet[ExpertParticipation]:
    return ExpertParticipation.objects.select_related(
        "meeting__edition__forum", "state", "field", "organization", "person"
    )


def documents_shown(viewer) -> QuerySet[OutcomeDocument]:
    """Outcome documents the viewer may see, with what their list entries name."""
    return visible_documents(
        OutcomeDocument.objects.select_related(
            "forum", "kind", "edition__forum", "adopted_at__edition__forum"
        ),
        viewer,
    ).order_by(F("adopted_on").asc(nulls_last=True), "kind__name", "title")


def prefetch_state_names(states: Iterable[State | None]) -> None:
    """Load the name overrides of every state a page lists, in one query, so that ordering by
    Russian or Korean names (``naming.state_name``) asks nothing more of the database."""
    found = [state for state in states if state is not None]
    if found:
        prefetch_related_objects(found, "names")


def mark_disputed(conflicts) -> None:
    """Give each conflicting subject a ``disputed_fields`` set, so that a template can flag the
    fact itself (the 8th Forum's city) and not only list the conflict in the box."""
    for conflict in conflicts:
        disputed = getattr(conflict.subject, "disputed_fields", set())
        conflict.subject.disputed_fields = disputed | {conflict.field}


def precedence_ranks(memberships: Iterable[Membership]) -> dict[int, int | None]:
    """The forum's own order by state id, from memberships a page already holds."""
    return {m.state_id: m.precedence_rank for m in memberships}


def delegations_in_precedence(
    delegations: Iterable[Delegation],
    forum: Forum,
    *,
    host: State | None,
    ranks: dict[int, int | None],
) -> list[Delegation]:
    return in_precedence(delegations, forum, state_of=lambda d: d.state, host=host, ranks=ranks)


def statements_in_precedence(
    statements: Iterable[Statement],
    forum: Forum,
    *,
    host: State | None,
    ranks: dict[int, int | None],
) -> list[Statement]:
    """Statements of delegations in the forum's order of their states (a delegation's several
    statements keep their order); statements with no delegation follow in their own order."""
    statements = list(statements)
    by_delegation = [s for s in statements if s.delegation_id]
    others = [s for s in statements if not s.delegation_id]
    ordered = in_precedence(
        by_delegation, forum, state_of=lambda s: s.delegation.state, host=host, ranks=ranks
    )
    return ordered + others


def states_named(objects: Iterable[Any], *paths: str) -> list[State]:
    """The states reached from ``objects`` through dotted attribute ``paths`` (``delegation.state``)."""
    found = []
    for obj in objects:
        for path in paths:
            value = obj
            for attr in path.split("."):
                value = getattr(value, attr, None) if value is not None else None
            if value is not None:
                found.append(value)
    return found


def meeting_page(*, forum_slug: str, number: int, pk: int, viewer) -> dict[str, Any]:
    """Everything the meeting page shows; 404 unless the meeting belongs to that edition."""
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "edition__forum",
            "edition__host_state",
            "field",
            "side_track",
            "state",
        ).prefetch_related(
            Prefetch("delegations", queryset=delegations_shown()),
            Prefetch("statements", queryset=statements_shown()),
            Prefetch("experts", queryset=experts_shown()),
        ),
        pk=pk,
        edition__forum__slug=forum_slug,
        edition__number=number,
    )
    edition = meeting.edition
    forum = edition.forum
    memberships = list(forum.memberships.all())
    ranks = precedence_ranks(memberships)
    delegations = list(meeting.delegations.all())
    statements = list(meeting.statements.all())
    prefetch_state_names(
        [
            edition.host_state,
            *states_named(delegations, "state"),
            *states_named(statements, "delegation.state"),
        ]
    )
    delegations = delegations_in_precedence(
        delegations, forum, host=edition.host_state, ranks=ranks
    )
    statements = statements_in_precedence(statements, forum, host=edition.host_state, ranks=ranks)
    documents = list(documents_shown(viewer).filter(adopted_at=meeting))
    experts = list(meeting.experts.all())
    proposals = [p for s in statements for p in s.proposals.all()]
    shown = [meeting, *delegations, *statements, *proposals, *documents, *experts]
    citations = citations_by_subject(shown)
    conflicts = conflicts_among(shown, citations)
    mark_disputed(conflicts)
    return {
        "forum": forum,
        "edition": edition,
        "meeting": meeting,
        "delegations": delegations,
        "statements": statements,
        "documents": documents,
        "experts": experts,
        "citations": citations,
        "conflicts": conflicts,
    }
