"""Reads behind the meeting page and an edition's programme, and the querysets other pages use
to show delegations, statements and sessions with everything they name, in a fixed number of
queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Prefetch, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404

from plenary.common import l10n
from plenary.common.queries import citations_by_subject, conflicts_among
from plenary.documents.models import OutcomeDocument
from plenary.documents.rules import visible_documents
from plenary.forums.models import Edition, Forum, Membership, State
from plenary.forums.precedence import in_precedence
from plenary.meetings.models import (
    AgendaItem,
    Delegation,
    DelegationMember,
    ExpertParticipation,
    Meeting,
    Proposal,
    Session,
    SessionSpeaker,
    Statement,
    local_time_span,
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


def sessions_shown() -> QuerySet[Session]:
    """Sessions with their chairs, speakers (state, person, office) and the agenda items they
    took up."""
    return Session.objects.prefetch_related(
        "chairs",
        Prefetch(
            "speakers",
            queryset=SessionSpeaker.objects.select_related(
                "state", "person", "post", *_post("post")
            ),
        ),
        "agenda_items",
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


def speakers_in_precedence(
    speakers: Iterable[SessionSpeaker],
    forum: Forum,
    *,
    host: State | None,
    ranks: dict[int, int | None],
) -> list[SessionSpeaker]:
    """Speakers for a state in the forum's order of their states; the others follow in their
    recorded order."""
    speakers = list(speakers)
    for_states = [s for s in speakers if s.state_id]
    others = [s for s in speakers if not s.state_id]
    return (
        in_precedence(for_states, forum, state_of=lambda s: s.state, host=host, ranks=ranks)
        + others
    )


@dataclass
class TimetableEntry:
    """One row of a timetable: a session, or a meeting that has no session recorded."""

    meeting: Meeting
    session: Session | None
    start: dt.datetime | None  # local, in the meeting's zone
    times: str  # "09:00–10:30", or "" when the time is not known
    illustrative: bool
    zone: str  # "Asia/Dushanbe (UTC+05:00)", or "" when not known
    speakers: list[SessionSpeaker] = field(default_factory=list)


@dataclass
class TimetableDay:
    """The entries of one local day, timed ones first in time order."""

    day: dt.date | None
    entries: list[TimetableEntry]

    @property
    def zones(self) -> list[str]:
        return sorted({e.zone for e in self.entries if e.zone})

    @property
    def mixed_zones(self) -> bool:
        return len(self.zones) > 1


def _zone_label(meeting: Meeting, moment: dt.datetime | None) -> str:
    if not meeting.timezone:
        return ""
    if moment is None:
        day = meeting.local_date
        if day is None:
            return meeting.timezone
        moment = dt.datetime.combine(day, dt.time(12), tzinfo=meeting.zone)
    return f"{meeting.timezone} ({l10n.utc_offset(moment)})"


def timetable_days(
    meetings: Iterable[Meeting],
    forum: Forum,
    *,
    host: State | None,
    ranks: dict[int, int | None],
    with_meetings_without_sessions: bool = True,
) -> list[TimetableDay]:
    """The sessions of ``meetings`` (prefetched through ``sessions_shown``) grouped by their local
    day, each day in time order; meetings without a session join their day untimed, and those
    of unknown day come last. Speakers are put in the forum's order of precedence."""
    entries: list[tuple[tuple, TimetableEntry]] = []
    for meeting in meetings:
        sessions = list(meeting.sessions.all())
        for session in sessions:
            start = session.local_start
            entry = TimetableEntry(
                meeting=meeting,
                session=session,
                start=start,
                times=session.local_time_span,
                illustrative=session.illustrative,
                zone=_zone_label(meeting, start),
                speakers=speakers_in_precedence(
                    session.speakers.all(), forum, host=host, ranks=ranks
                ),
            )
            key = (session.starts_at.timestamp(), 0, session.position, session.pk)
            entries.append(((start.date(), key), entry))
        if sessions or not with_meetings_without_sessions:
            continue
        start = meeting.local_start
        entry = TimetableEntry(
            meeting=meeting,
            session=None,
            start=start,
            times=local_time_span(start, meeting.local_end),
            illustrative=False,
            zone=_zone_label(meeting, start),
        )
        if start is not None:
            key = (meeting.starts_at.timestamp(), 0, meeting.position, meeting.pk)
        else:
            key = (float("inf"), 1, meeting.position, meeting.pk)
        entries.append(((meeting.local_date, key), entry))

    by_day: dict[dt.date | None, list[tuple[tuple, TimetableEntry]]] = {}
    for (day, key), entry in entries:
        by_day.setdefault(day, []).append((key, entry))
    days = sorted(by_day, key=lambda day: (day is None, day or dt.date.min))
    return [
        TimetableDay(
            day=day, entries=[entry for _, entry in sorted(by_day[day], key=lambda p: p[0])]
        )
        for day in days
    ]


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
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.prefetch_related(
                    Prefetch("documents", queryset=documents_shown(viewer))
                ),
            ),
            Prefetch("sessions", queryset=sessions_shown()),
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
    agenda_items = list(meeting.agenda_items.all())
    sessions = list(meeting.sessions.all())
    speakers = [speaker for session in sessions for speaker in session.speakers.all()]
    prefetch_state_names(
        [
            edition.host_state,
            *states_named(delegations, "state"),
            *states_named(statements, "delegation.state"),
            *states_named(speakers, "state"),
        ]
    )
    delegations = delegations_in_precedence(
        delegations, forum, host=edition.host_state, ranks=ranks
    )
    statements = statements_in_precedence(statements, forum, host=edition.host_state, ranks=ranks)
    for item in agenda_items:
        item.statements_under = [s for s in statements if s.agenda_item_id == item.pk]
        item.sessions_covering = [
            session
            for session in sessions
            if any(covered.pk == item.pk for covered in session.agenda_items.all())
        ]
    timetable = timetable_days(
        [meeting],
        forum,
        host=edition.host_state,
        ranks=ranks,
        with_meetings_without_sessions=False,
    )
    documents = list(documents_shown(viewer).filter(adopted_at=meeting))
    experts = list(meeting.experts.all())
    proposals = [p for s in statements for p in s.proposals.all()]
    shown = [
        meeting,
        *delegations,
        *statements,
        *proposals,
        *documents,
        *experts,
        *agenda_items,
        *sessions,
    ]
    citations = citations_by_subject(shown)
    conflicts = conflicts_among(shown, citations)
    mark_disputed(conflicts)
    return {
        "forum": forum,
        "edition": edition,
        "meeting": meeting,
        "agenda_items": agenda_items,
        "timetable": timetable,
        "illustrative": any(session.illustrative for session in sessions),
        "delegations": delegations,
        "statements": statements,
        "documents": documents,
        "experts": experts,
        "citations": citations,
        "conflicts": conflicts,
    }


def programme_page(*, forum_slug: str, number: int) -> dict[str, Any]:
    """The programme of one edition across all its meetings, by local day and time; 404 for an
    unknown forum or edition."""
    edition = get_object_or_404(
        Edition.objects.select_related("forum", "host_state"),
        forum__slug=forum_slug,
        number=number,
    )
    forum = edition.forum
    host = edition.host_state
    ranks = precedence_ranks(forum.memberships.all())
    meetings = list(
        edition.meetings.prefetch_related(Prefetch("sessions", queryset=sessions_shown()))
    )
    sessions = [session for meeting in meetings for session in meeting.sessions.all()]
    speakers = [speaker for session in sessions for speaker in session.speakers.all()]
    prefetch_state_names([host, *states_named(speakers, "state")])
    days = timetable_days(meetings, forum, host=host, ranks=ranks)
    return {
        "forum": forum,
        "edition": edition,
        "days": days,
        "illustrative": any(session.illustrative for session in sessions),
        "citations": citations_by_subject(sessions),
    }
