"""Writes for meetings, delegations, experts, statements and proposals."""

from __future__ import annotations

from plenary.common.domain import record, set_related
from plenary.forums.models import Edition, State
from plenary.meetings.models import (
    Delegation,
    DelegationMember,
    ExpertParticipation,
    Meeting,
    Proposal,
    Statement,
)


def meeting_record(*, edition: Edition, title: str, kind: str, by=None, **values) -> Meeting:
    """Create or update the meeting ``title`` of ``edition``'s cycle."""
    meeting, _ = record(
        Meeting,
        lookup={"edition": edition, "title": title},
        values={"kind": kind, **values},
        action="meetings.meeting",
        by=by,
    )
    return meeting


def delegation_record(
    *,
    meeting: Meeting,
    state: State,
    head_person=None,
    head_post=None,
    head_rank: str = "",
    head_title: str = "",
    note: str = "",
    by=None,
) -> Delegation:
    """Record ``state``'s delegation to ``meeting`` and who led it at what rank.

    One delegation per state and meeting (a database constraint); a head needs a rank.
    """
    if head_post is not None and not head_rank:
        head_rank = head_post.rank
    delegation, _ = record(
        Delegation,
        lookup={"meeting": meeting, "state": state},
        values={
            "head_person": head_person,
            "head_post": head_post,
            "head_rank": head_rank,
            "head_title": head_title,
            "note": note,
        },
        action="meetings.delegation",
        by=by,
    )
    return delegation


def delegation_member_record(
    *, delegation: Delegation, position: int, person=None, post=None, function: str = "", by=None
) -> DelegationMember:
    member, _ = record(
        DelegationMember,
        lookup={"delegation": delegation, "position": position},
        values={"person": person, "post": post, "function": function},
        action="meetings.delegation_member",
        by=by,
    )
    return member


def experts_record(
    *,
    edition: Edition,
    description: str,
    count: int,
    approximate: bool = False,
    meeting: Meeting | None = None,
    state: State | None = None,
    field=None,
    organization=None,
    person=None,
    by=None,
) -> ExpertParticipation:
    """Record experts taking part: one named expert, or a count by state and field."""
    participation, _ = record(
        ExpertParticipation,
        lookup={"edition": edition, "description": description},
        values={
            "count": count,
            "approximate": approximate,
            "meeting": meeting,
            "state": state,
            "field": field,
            "organization": organization,
            "person": person,
        },
        action="meetings.experts",
        by=by,
    )
    return participation


def statement_record(
    *,
    meeting: Meeting,
    position: int,
    summary: str,
    delegation: Delegation | None = None,
    speaker_person=None,
    speaker_post=None,
    fields=(),
    symbol: str = "",
    by=None,
) -> Statement:
    """Record what was said at ``meeting`` as its ``position``-th statement."""
    statement, _ = record(
        Statement,
        lookup={"meeting": meeting, "position": position},
        values={
            "summary": summary,
            "delegation": delegation,
            "speaker_person": speaker_person,
            "speaker_post": speaker_post,
            "symbol": symbol,
        },
        action="meetings.statement",
        by=by,
    )
    set_related(statement, "fields", fields, action="meetings.statement", by=by)
    return statement


def proposal_record(
    *, statement: Statement, position: int, text: str, field=None, partners=(), by=None
) -> Proposal:
    proposal, _ = record(
        Proposal,
        lookup={"statement": statement, "position": position},
        values={"text": text, "field": field},
        action="meetings.proposal",
        by=by,
    )
    set_related(proposal, "partners", partners, action="meetings.proposal", by=by)
    return proposal
