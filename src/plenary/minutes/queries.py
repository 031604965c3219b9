"""Reads behind the minutes pages, each in a fixed number of queries.

The meeting or the minutes at an address are found here (404 when there are none); whether the
viewer may see them is decided by ``rules`` in the views. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max
from django.shortcuts import get_object_or_404

from plenary.documents.drafting import word_diff
from plenary.documents.drafting_queries import Moment, member_states, speaking_for
from plenary.meetings.models import Meeting
from plenary.minutes.enums import MinutesStatus
from plenary.minutes.models import Minutes, MinutesComment, MinutesRevision, agenda_order
from plenary.minutes.rules import user_can

#: Every permission the minutes pages check, by the short name the templates use.
PERMISSIONS = {
    "view_history": "minutes.view_history",
    "draft": "minutes.draft",
    "circulate": "minutes.circulate",
    "approve": "minutes.approve",
    "comment": "minutes.comment",
}


def meeting_at(*, forum_slug: str, number: int, pk: int) -> Meeting:
    """The meeting at this address, with its edition and forum; 404 if there is none."""
    return get_object_or_404(
        Meeting.objects.select_related("edition__forum"),
        pk=pk,
        edition__number=number,
        edition__forum__slug=forum_slug,
    )


def minutes_at(*, forum_slug: str, number: int, pk: int, minutes_pk: int) -> Minutes:
    """The minutes at this address, with their meeting, edition, forum and approver; 404 if there
    are none. One query."""
    return get_object_or_404(
        Minutes.objects.select_related("meeting__edition__forum", "approved_by"),
        pk=minutes_pk,
        meeting=pk,
        meeting__edition__number=number,
        meeting__edition__forum__slug=forum_slug,
    )


def moment(value, meeting: Meeting) -> Moment | None:
    """A time shown in UTC and in the meeting's own time zone."""
    return Moment(value, meeting.timezone or None) if value is not None else None


def permissions_of(viewer, minutes: Minutes) -> dict[str, bool]:
    return {name: user_can(viewer, permission, minutes) for name, permission in PERMISSIONS.items()}


def minutes_list(*, forum_slug: str, number: int, pk: int, viewer) -> dict[str, Any]:
    """The meeting's minutes the viewer may see, the whole meeting's first and then by agenda
    item, each with its number of revisions and the time of the last. Two queries, and the
    viewer's roles."""
    meeting = meeting_at(forum_slug=forum_slug, number=number, pk=pk)
    rows = (
        Minutes.objects.filter(meeting=meeting)
        .annotate(revision_count=Count("revisions"), last_revised=Max("revisions__created"))
        .order_by("pk")
    )
    shown = []
    for minutes in rows:
        minutes.meeting = meeting
        if user_can(viewer, "minutes.view", minutes):
            minutes.last_revised_at = moment(minutes.last_revised, meeting)
            minutes.approved_moment = moment(minutes.approved_at, meeting)
            shown.append(minutes)
    shown.sort(key=lambda minutes: agenda_order(minutes.agenda_item_number))
    return {
        "meeting": meeting,
        "edition": meeting.edition,
        "forum": meeting.edition.forum,
        "minutes_list": shown,
        "may_start": user_can(viewer, "minutes.draft", Minutes(meeting=meeting)),
    }


def minutes_page(minutes: Minutes, *, viewer, now) -> dict[str, Any]:
    """What the page of ``minutes`` shows the viewer: the current revision, the comments (to
    those who may read the record) and what the viewer may do now. One query for the current
    revision, one for the comments, one for the member states of a focal point."""
    meeting = minutes.meeting
    forum = meeting.edition.forum
    can = permissions_of(viewer, minutes)
    current = (
        MinutesRevision.objects.filter(minutes=minutes)
        .select_related("author")
        .order_by("-number")
        .first()
    )
    comments: list[MinutesComment] = []
    if can["view_history"]:
        comments = list(
            MinutesComment.objects.filter(minutes=minutes)
            .select_related("state", "author", "revision")
            .order_by("created", "pk")
        )
    own_states = speaking_for(viewer, forum, member_states(forum)) if can["comment"] else []
    circulated = minutes.status == MinutesStatus.CIRCULATED
    return {
        "minutes": minutes,
        "meeting": meeting,
        "edition": meeting.edition,
        "forum": forum,
        "current": current,
        "comments": comments,
        "own_states": own_states,
        "can": can,
        "stage": {
            "open": not minutes.is_approved,
            "comments_open": circulated and now < minutes.comments_due,
            "may_approve": circulated and now >= minutes.comments_due,
        },
        "circulated_at": moment(minutes.circulated_at, meeting),
        "comments_due": moment(minutes.comments_due, meeting),
        "approved_at": moment(minutes.approved_at, meeting),
        "revised_at": moment(current.created, meeting) if current else None,
        "zone": meeting.timezone,
    }


def revisions_page(minutes: Minutes) -> dict[str, Any]:
    """Every revision of ``minutes``, newest first, with its author and number of comments. One
    query."""
    meeting = minutes.meeting
    revisions = list(
        MinutesRevision.objects.filter(minutes=minutes)
        .select_related("author")
        .annotate(comment_count=Count("comments"))
        .order_by("-number")
    )
    for revision in revisions:
        revision.created_moment = moment(revision.created, meeting)
    return {
        "minutes": minutes,
        "meeting": meeting,
        "edition": meeting.edition,
        "forum": meeting.edition.forum,
        "revisions": revisions,
    }


@dataclass(frozen=True)
class Comparison:
    older: MinutesRevision
    newer: MinutesRevision
    ops: list[tuple[str, str]]

    @property
    def unchanged(self) -> bool:
        return all(op == "equal" for op, _ in self.ops)


def revision_numbers(minutes: Minutes) -> list[int]:
    return list(
        MinutesRevision.objects.filter(minutes=minutes)
        .order_by("number")
        .values_list("number", flat=True)
    )


def comparison(minutes: Minutes, *, old: int | None, new: int | None) -> dict[str, Any]:
    """The revisions of ``minutes`` and, between the two numbered ``old`` and ``new`` (by default
    the one before the latest and the latest), what was deleted and inserted. ``None`` for a
    revision asked for that does not exist. Two queries."""
    numbers = revision_numbers(minutes)
    newer_number = new if new is not None else (numbers[-1] if numbers else None)
    if old is not None:
        older_number = old
    else:
        earlier = [n for n in numbers if newer_number is not None and n < newer_number]
        older_number = earlier[-1] if earlier else None
    wanted = [n for n in (older_number, newer_number) if n is not None and n in numbers]
    texts = (
        {
            revision.number: revision
            for revision in MinutesRevision.objects.filter(
                minutes=minutes, number__in=wanted
            ).select_related("author")
        }
        if wanted
        else {}
    )
    older, newer = texts.get(older_number), texts.get(newer_number)
    meeting = minutes.meeting
    return {
        "minutes": minutes,
        "meeting": meeting,
        "edition": meeting.edition,
        "forum": meeting.edition.forum,
        "numbers": numbers,
        "older": older,
        "newer": newer,
        "missing": (old is not None and older is None) or (new is not None and newer is None),
        "comparison": Comparison(older, newer, word_diff(older.text, newer.text))
        if older is not None and newer is not None
        else None,
    }
