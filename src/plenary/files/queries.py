"""Reads for the pages of a meeting's files, each in a fixed number of queries."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.files.models import FileVersion, MeetingFile
from plenary.files.rules import user_can, visible_files
from plenary.forums.models import Membership
from plenary.forums.precedence import in_precedence
from plenary.meetings.models import Meeting


def meeting_at(*, forum_slug: str, number: int, pk: int) -> Meeting:
    """The meeting at this address, with its edition and forum; 404 unless the meeting belongs
    to that edition of that forum. One query."""
    return get_object_or_404(
        Meeting.objects.select_related("edition__forum"),
        pk=pk,
        edition__number=number,
        edition__forum__slug=forum_slug,
    )


def file_at(*, forum_slug: str, number: int, pk: int, file_pk: int, viewer) -> MeetingFile:
    """The file at this address if ``viewer`` may read it; 404 otherwise, whether or not it
    exists, so that a file's existence is not disclosed. One query (and the viewer's roles)."""
    meeting_file = (
        MeetingFile.objects.select_related("meeting__edition__forum", "state")
        .filter(
            pk=file_pk,
            meeting_id=pk,
            meeting__edition__number=number,
            meeting__edition__forum__slug=forum_slug,
        )
        .first()
    )
    if meeting_file is None or not user_can(viewer, "files.view", meeting_file):
        raise Http404(_("No file matches the given query."))
    return meeting_file


def _agenda_key(number: str) -> tuple:
    """ "2.a" after "2" and before "10": numbers compared as numbers, letters as letters."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower())
        for part in re.split(r"\.", number)
    )


@dataclass
class FileGroup:
    """The files under one agenda item, or those for the whole meeting (``agenda_item_number``
    empty)."""

    agenda_item_number: str
    files: list[MeetingFile] = field(default_factory=list)


def meeting_files_page(*, forum_slug: str, number: int, pk: int, viewer) -> dict[str, Any]:
    """The meeting's files that ``viewer`` may read, grouped by agenda item, each with its latest
    version. Three queries, and the viewer's roles."""
    meeting = meeting_at(forum_slug=forum_slug, number=number, pk=pk)
    forum_id = meeting.edition.forum_id
    latest = FileVersion.objects.filter(file=OuterRef("pk")).order_by("-number").values("pk")[:1]
    files = list(
        visible_files(MeetingFile.objects.filter(meeting=meeting), viewer, forum_id)
        .select_related("state")
        .annotate(latest_pk=Subquery(latest))
        .order_by("title", "pk")
    )
    versions = FileVersion.objects.select_related("uploaded_by").in_bulk(
        [f.latest_pk for f in files if f.latest_pk is not None]
    )
    groups: dict[str, FileGroup] = {}
    for meeting_file in files:
        meeting_file.meeting = meeting
        meeting_file.latest = versions.get(meeting_file.latest_pk)
        number_text = meeting_file.agenda_item_number
        groups.setdefault(number_text, FileGroup(number_text)).files.append(meeting_file)
    ordered = sorted(
        groups.values(),
        key=lambda g: (g.agenda_item_number != "", _agenda_key(g.agenda_item_number)),
    )
    return {
        "forum": meeting.edition.forum,
        "edition": meeting.edition,
        "meeting": meeting,
        "groups": ordered,
        "file_count": len(files),
    }


def file_page(*, forum_slug: str, number: int, pk: int, file_pk: int, viewer) -> dict[str, Any]:
    """One file with every version, newest first. Two queries, and the viewer's roles."""
    meeting_file = file_at(
        forum_slug=forum_slug, number=number, pk=pk, file_pk=file_pk, viewer=viewer
    )
    versions = list(meeting_file.versions.select_related("uploaded_by").order_by("-number"))
    meeting = meeting_file.meeting
    return {
        "forum": meeting.edition.forum,
        "edition": meeting.edition,
        "meeting": meeting,
        "file": meeting_file,
        "versions": versions,
        "latest": versions[0] if versions else None,
    }


def latest_version(meeting_file: MeetingFile) -> FileVersion:
    """The newest version of ``meeting_file``; 404 if it has none. One query."""
    version = meeting_file.versions.order_by("-number").first()
    if version is None:
        raise Http404(_("This file has no version yet."))
    return version


def version_of(meeting_file: MeetingFile, number: int) -> FileVersion:
    """Version ``number`` of ``meeting_file``; 404 if there is none. One query."""
    return get_object_or_404(FileVersion, file=meeting_file, number=number)


def delegation_states(forum) -> list:
    """The forum's member states today, in its order of precedence: the delegations a file can
    be for. One query."""
    day = timezone.localdate()
    memberships = [
        m
        for m in Membership.objects.filter(forum=forum).select_related("state")
        if m.is_member_on(day)
    ]
    ranks = {m.state_id: m.precedence_rank for m in memberships}
    return in_precedence([m.state for m in memberships], forum, ranks=ranks)
