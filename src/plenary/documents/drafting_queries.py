"""Reads behind the drafting pages: the negotiation of a document as its secretariat and member
states follow it, the comparison of two versions, and the forum's host time zone.

Nothing here writes. Whether a silence procedure has ended in adoption is derived at read time
(``drafting.silence_outcome``), so a passed deadline reads "adopted" whether or not the job that
records it has run.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from plenary.accounts.rules import focal_point_states
from plenary.common import l10n
from plenary.documents.drafting import amendment_diff, document_compare, silence_outcome
from plenary.documents.enums import SilenceOutcome, VersionStatus
from plenary.documents.models import (
    AdoptionConsent,
    Comment,
    DelegationNote,
    DocumentVersion,
    LanguageVersion,
    OutcomeDocument,
    Paragraph,
    Position,
    SilenceProcedure,
)
from plenary.documents.rules import user_can
from plenary.forums import naming
from plenary.forums.models import Forum, Membership, State
from plenary.forums.precedence import in_precedence
from plenary.meetings.models import Meeting

#: Every permission the drafting pages check, by the short name the templates use.
PERMISSIONS = {
    "view_history": "documents.view_history",
    "draft": "documents.draft",
    "circulate": "documents.circulate",
    "open_silence": "documents.open_silence",
    "adopt": "documents.adopt",
    "comment": "documents.comment",
    "record_position": "documents.record_position",
    "break_silence": "documents.break_silence",
    "add_note": "documents.add_note",
}


@dataclass(frozen=True)
class Moment:
    """A point in time shown in UTC and in the forum's host time zone."""

    utc: dt.datetime
    zone: str | None = None

    @property
    def iso(self) -> str:
        return self.utc.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")

    @property
    def utc_text(self) -> str:
        return self.utc.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")

    @property
    def local_text(self) -> str:
        if not self.zone or self.zone == "UTC":
            return ""
        local = self.utc.astimezone(zoneinfo.ZoneInfo(self.zone))
        return f"{local:%Y-%m-%d %H:%M} {self.zone} ({l10n.utc_offset(local)})"

    @property
    def html(self) -> SafeString:
        """The moment as the pages show it (``_moment.html``), to put inside a sentence."""
        # Rendered with autoescaping: stripping the trailing newline keeps it safe.
        return mark_safe(  # noqa: S308
            render_to_string("documents/drafting/_moment.html", {"moment": self}).strip()
        )


def host_zone(document: OutcomeDocument) -> str | None:
    """The forum's host time zone for ``document``: the zone its edition's meetings are held in,
    else that of the forum's latest edition whose meetings have one; None when none is known."""
    zones = Meeting.objects.exclude(timezone="")
    if document.edition_id:
        found = Counter(
            zones.filter(edition=document.edition_id).values_list("timezone", flat=True)
        )
        if found:
            return found.most_common(1)[0][0]
    return (
        zones.filter(edition__forum=document.forum_id)
        .order_by("-edition__number", "-date", "-pk")
        .values_list("timezone", flat=True)
        .first()
    )


def member_states(forum: Forum, *, on: dt.date | None = None) -> list[State]:
    """The forum's member states on ``on`` (today), in its order of precedence. One query."""
    day = on or timezone.now().date()
    memberships = [
        m
        for m in Membership.objects.filter(forum=forum).select_related("state")
        if m.is_member_on(day)
    ]
    ranks = {m.state_id: m.precedence_rank for m in memberships}
    return in_precedence([m.state for m in memberships], forum, ranks=ranks)


def speaking_for(viewer, forum: Forum, states: list[State]) -> list[State]:
    """The member states ``viewer`` is a focal point of, in precedence."""
    own = focal_point_states(viewer, forum.pk)
    return [state for state in states if state.pk in own]


def permissions_of(viewer, document: OutcomeDocument) -> dict[str, bool]:
    return {
        name: user_can(viewer, permission, document) for name, permission in PERMISSIONS.items()
    }


def _current_version(
    document: OutcomeDocument, versions: list[DocumentVersion] | None = None
) -> DocumentVersion | None:
    """The latest version with its languages, paragraphs, comments and positions. ``versions``,
    when the page already holds them with their languages and paragraphs, saves fetching
    those again."""
    comments = Comment.objects.select_related("state", "author", "accepted_in").order_by(
        "created_at", "pk"
    )
    positions = Prefetch("positions", queryset=Position.objects.select_related("state"))
    if versions is not None:
        current = max(versions, key=lambda version: version.number, default=None)
        if current is not None:
            prefetch_related_objects(
                [current],
                Prefetch("languages__paragraphs__comments", queryset=comments),
                positions,
            )
        return current
    paragraphs = Paragraph.objects.prefetch_related(Prefetch("comments", queryset=comments))
    languages = LanguageVersion.objects.prefetch_related(
        Prefetch("paragraphs", queryset=paragraphs)
    )
    return (
        DocumentVersion.objects.filter(document=document)
        .prefetch_related(Prefetch("languages", queryset=languages), positions)
        .order_by("-number")
        .first()
    )


def paragraph_rows(version: DocumentVersion, languages: list[str]) -> list[dict[str, Any]]:
    """One row per paragraph number, with each language's paragraph and its comments (each with
    the difference its amendment makes) side by side, in the order of the forum's languages."""
    order = {code: index for index, code in enumerate(languages)}
    columns = sorted(version.languages.all(), key=lambda c: order.get(c.language, len(order)))
    by_language = [{p.number: p for p in column.paragraphs.all()} for column in columns]
    numbers = sorted({number for paragraphs in by_language for number in paragraphs})
    return [
        {
            "number": number,
            "cells": [
                paragraph_cell(paragraphs.get(number), language=column)
                for column, paragraphs in zip(columns, by_language, strict=True)
            ],
        }
        for number in numbers
    ]


def paragraph_cell(paragraph: Paragraph | None, *, language: LanguageVersion) -> dict[str, Any]:
    """A paragraph with its comments; the comments must be prefetched or they are fetched."""
    comments = list(paragraph.comments.all()) if paragraph is not None else []
    for comment in comments:
        comment.paragraph = paragraph
    return {
        "language": language,
        "paragraph": paragraph,
        "comments": [{"comment": c, "ops": amendment_diff(c)} for c in comments],
    }


def drafting_workspace(
    document: OutcomeDocument,
    *,
    viewer,
    versions: list[DocumentVersion] | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Everything the document page shows its secretariat and member states about the
    negotiation: the current version with comments per paragraph, the positions of every member
    state in precedence, the silence procedure and its derived outcome, consents to adoption, the
    viewer's own state's internal notes, and what the viewer may do. ``versions``: all the
    document's versions with languages and paragraphs, when the page already holds them."""
    now = now or timezone.now()
    forum = document.forum
    zone = host_zone(document)
    states = member_states(forum)
    current = _current_version(document, versions)
    rows = paragraph_rows(current, forum.languages) if current is not None else []
    positions = {p.state_id: p for p in current.positions.all()} if current is not None else {}
    procedure = (
        SilenceProcedure.objects.filter(version__document=document)
        .select_related("version", "broken_by")
        .order_by("-created_at", "-pk")
        .first()
    )
    silence = None
    if procedure is not None:
        silence = {
            "procedure": procedure,
            "outcome": silence_outcome(procedure, now=now),
            "deadline": Moment(procedure.deadline, zone),
            "broken_at": Moment(procedure.broken_at, zone) if procedure.broken_at else None,
        }
    own_states = speaking_for(viewer, forum, states)
    notes = [
        note
        for note in DelegationNote.objects.filter(
            document=document, state__in=[s.pk for s in own_states]
        ).select_related("state", "author", "document")
        if user_can(viewer, "documents.view_note", note)
    ]
    consents = AdoptionConsent.objects.filter(document=document).select_related("state")
    consents = in_precedence(consents, forum, state_of=lambda consent: consent.state)
    amendments = []
    if current is not None:
        amendments = [
            cell_comment["comment"]
            for row in rows
            for cell in row["cells"]
            for cell_comment in cell["comments"]
            if cell_comment["comment"].proposed_text and not cell_comment["comment"].is_accepted
        ]
    return {
        "current": current,
        "rows": rows,
        "comments_due": Moment(current.comments_due, zone)
        if current and current.comments_due
        else None,
        "circulated_at": Moment(current.circulated_at, zone)
        if current and current.circulated_at
        else None,
        "positions": [(state, positions.get(state.pk)) for state in states],
        "silence": silence,
        "host_zone": zone,
        "member_states": states,
        "own_states": own_states,
        "own_state_names": ", ".join(
            naming.state_name(state, translation.get_language() or "en") for state in own_states
        ),
        "notes": notes,
        "consents": consents,
        "amendments": amendments,
        "can": permissions_of(viewer, document),
        "stage": stage_of(document, current, silence, now=now),
    }


def stage_of(document, current, silence, *, now: dt.datetime) -> dict[str, bool]:
    """Which steps the workflow is at, so that a page offers only the forms that can succeed.
    The domain functions check the same again when a form is sent."""
    open_document = document.is_confidential
    silence_open = silence is not None and silence["procedure"].outcome == SilenceOutcome.OPEN
    silence_running = silence_open and silence["outcome"] == SilenceOutcome.OPEN
    status = current.status if current is not None else None
    circulated = status == VersionStatus.CIRCULATED
    comments_open = circulated and (current.comments_due is None or now < current.comments_due)
    return {
        "open": open_document,
        "draft": open_document and status == VersionStatus.DRAFT,
        "circulated": open_document and circulated,
        "comments_open": open_document and comments_open and not silence_open,
        "silence_open": open_document and silence_running,
        "silence_passed": open_document and silence_open and not silence_running,
        "may_start": open_document and not silence_open,
        "may_move_on": open_document and circulated and not silence_open,
    }


def version_pair(
    document: OutcomeDocument, *, old: int | None, new: int | None
) -> tuple[list[DocumentVersion], DocumentVersion | None, DocumentVersion | None]:
    """The document's versions, and the two to compare: those numbered ``old`` and ``new``, by
    default the one before the latest and the latest."""
    versions = list(DocumentVersion.objects.filter(document=document).order_by("number"))
    by_number = {version.number: version for version in versions}
    newer = by_number.get(new) if new is not None else (versions[-1] if versions else None)
    if old is not None:
        older = by_number.get(old)
    else:
        earlier = [v for v in versions if newer is not None and v.number < newer.number]
        older = earlier[-1] if earlier else None
    return versions, older, newer


def comparison(
    document: OutcomeDocument, older: DocumentVersion, newer: DocumentVersion
) -> list[dict[str, Any]]:
    """Per language of either version (in the forum's order), each paragraph of the two versions
    with what was deleted and inserted."""
    present = set(
        LanguageVersion.objects.filter(version__in=[older, newer]).values_list(
            "language", flat=True
        )
    )
    order = [code for code in document.forum.languages if code in present]
    order += sorted(present - set(order))
    return [
        {"language": code, "diffs": document_compare(older, newer, language=code)} for code in order
    ]
