"""Reads behind the document pages. What a viewer may read is decided in ``rules``."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from plenary.common.enums import Language
from plenary.common.queries import citations_by_subject, conflicts_among
from plenary.documents.enums import VersionStatus
from plenary.documents.models import DocumentVersion, LanguageVersion, OutcomeDocument
from plenary.documents.rules import can_view_document, sees_drafts_of
from plenary.forums.models import Forum
from plenary.meetings.queries import documents_shown


def and_list(items: list[str]) -> str:
    """``English, Russian and Korean``, in the reader's language."""
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def language_label(code: str) -> str:
    try:
        return str(Language(code).label)
    except ValueError:
        return code


def document_list(*, forum_slug: str, viewer) -> dict[str, Any]:
    """A forum's outcome documents the viewer may read, newest edition first."""
    forum = get_object_or_404(Forum, slug=forum_slug)
    documents = list(
        documents_shown(viewer)
        .filter(forum=forum)
        .order_by(F("edition__number").desc(nulls_last=True), "kind__name", "title")
    )
    return {
        "forum": forum,
        "documents": documents,
        "shows_confidential": sees_drafts_of(viewer, forum.pk),
        "citations": citations_by_subject(documents),
    }


def _aligned(version: DocumentVersion, languages: list[str]) -> None:
    """Set ``version.columns`` (its language versions, in the order of the forum's working
    ``languages``) and ``version.rows``: one row per paragraph number, with each language's
    paragraph of that number (or None) side by side."""
    order = {code: index for index, code in enumerate(languages)}
    columns = sorted(
        version.languages.all(), key=lambda column: order.get(column.language, len(order))
    )
    by_language = [{p.number: p for p in column.paragraphs.all()} for column in columns]
    numbers = sorted({number for paragraphs in by_language for number in paragraphs})
    version.columns = columns
    version.languages_text = and_list([language_label(column.language) for column in columns])
    version.rows = [
        {
            "number": number,
            "cells": [
                {"language": column.language, "paragraph": paragraphs.get(number)}
                for column, paragraphs in zip(columns, by_language, strict=True)
            ],
        }
        for number in numbers
    ]


def document_page(*, forum_slug: str, pk: int, viewer) -> dict[str, Any]:
    """One outcome document with its versions aligned by paragraph across languages.

    Raises Http404 for a confidential document the viewer may not read. Readers who may not see
    drafts get the adopted version only.
    """
    document = get_object_or_404(
        OutcomeDocument.objects.select_related(
            "forum",
            "kind",
            "edition__forum",
            "adopted_at__edition__forum",
            "pen_holder_state",
            "work_plan",
        ).prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.prefetch_related(
                    Prefetch(
                        "languages",
                        queryset=LanguageVersion.objects.prefetch_related("paragraphs"),
                    )
                ),
            )
        ),
        pk=pk,
        forum__slug=forum_slug,
    )
    if not can_view_document(viewer, document):
        raise Http404("No outcome document matches the given query.")
    versions = list(document.versions.all())
    if not sees_drafts_of(viewer, document.forum_id):
        versions = [v for v in versions if v.status == VersionStatus.ADOPTED]
    for version in versions:
        _aligned(version, document.forum.languages)
    try:
        work_plan = document.work_plan
    except OutcomeDocument.work_plan.RelatedObjectDoesNotExist:
        work_plan = None
    if work_plan is not None:
        prefetch_related_objects([work_plan], "areas")
    shown = [document, work_plan]
    citations = citations_by_subject(shown)
    return {
        "forum": document.forum,
        "document": document,
        "versions": versions,
        "has_text": any(v.rows for v in versions),
        "work_plan": work_plan,
        "citations": citations,
        "conflicts": conflicts_among(shown, citations),
    }
