"""Writes for a meeting's agenda and timetable: agenda items, sessions and their speakers, and
the agenda item a statement was made under.

Every write goes through ``common.domain.record`` (validated, audited, and silent when nothing
changes), so loading the same agenda twice writes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from plenary.common.domain import record, set_related
from plenary.documents.models import OutcomeDocument
from plenary.forums.models import State
from plenary.meetings.models import AgendaItem, Meeting, Session, SessionSpeaker, Statement
from plenary.people.models import Person, Post


@transaction.atomic
def agenda_item_record(
    *,
    meeting: Meeting,
    number: str,
    title: str,
    description: str = "",
    position: int = 0,
    documents: Iterable[OutcomeDocument] = (),
    by=None,
) -> AgendaItem:
    """Create or update item ``number`` of ``meeting``'s agenda and the documents under it.

    Documents must be the meeting's forum's own; an item number is unique per meeting (a
    database constraint).
    """
    documents = list(documents)
    forum_id = meeting.edition.forum_id
    foreign = [d for d in documents if d.forum_id != forum_id]
    if foreign:
        raise ValidationError(
            {
                "documents": gettext("“%(document)s” is a document of another forum.")
                % {"document": foreign[0]}
            },
        )
    item, _ = record(
        AgendaItem,
        lookup={"meeting": meeting, "number": number},
        values={"title": title, "description": description, "position": position},
        action="meetings.agenda_item",
        by=by,
    )
    set_related(item, "documents", documents, action="meetings.agenda_item", by=by)
    return item


@transaction.atomic
def session_record(
    *,
    meeting: Meeting,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    illustrative: bool = False,
    description: str = "",
    chairs: Iterable[Person] = (),
    chair_office: str = "",
    agenda_items: Iterable[AgendaItem] = (),
    position: int = 0,
    by=None,
) -> Session:
    """Create or update the session ``title`` of ``meeting``: its times (aware datetimes, stored
    in UTC), whether they are illustrative, its chairs and the agenda items it took up.

    Refuses an end before the start (a database constraint), times for a meeting with no time
    zone, and agenda items of another meeting; nothing is saved then.
    """
    if starts_at.tzinfo is None or (ends_at is not None and ends_at.tzinfo is None):
        raise ValueError("Session times must be aware datetimes.")
    items = list(agenda_items)
    Session(meeting=meeting).validate_agenda_items(items)
    session, _ = record(
        Session,
        lookup={"meeting": meeting, "title": title},
        values={
            "starts_at": starts_at.astimezone(dt.UTC),
            "ends_at": ends_at.astimezone(dt.UTC) if ends_at is not None else None,
            "illustrative": illustrative,
            "description": description,
            "chair_office": chair_office,
            "position": position,
        },
        action="meetings.session",
        by=by,
    )
    set_related(session, "chairs", list(chairs), action="meetings.session", by=by)
    set_related(session, "agenda_items", items, action="meetings.session", by=by)
    return session


def session_speaker_record(
    *,
    session: Session,
    position: int,
    person: Person | None = None,
    post: Post | None = None,
    state: State | None = None,
    note: str = "",
    by=None,
) -> SessionSpeaker:
    """Record the ``position``-th speaker of ``session``: a person, an office, or both. The state
    defaults to the office's."""
    if state is None and post is not None:
        state = post.state
    speaker, _ = record(
        SessionSpeaker,
        lookup={"session": session, "position": position},
        values={"person": person, "post": post, "state": state, "note": note},
        action="meetings.session_speaker",
        by=by,
    )
    return speaker


def statement_agenda_item_set(
    *, statement: Statement, agenda_item: AgendaItem | None, by=None
) -> Statement:
    """File ``statement`` under ``agenda_item`` of its own meeting (None takes it out)."""
    statement, _ = record(
        Statement,
        lookup={"pk": statement.pk},
        values={"agenda_item": agenda_item},
        action="meetings.statement",
        by=by,
    )
    return statement
