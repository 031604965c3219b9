"""Writes for outcome documents. The negotiation workflow (circulation, comments, positions,
silence) builds on these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plenary.common.domain import log_action, record
from plenary.documents.enums import AdoptionMethod, DocumentStatus, VersionStatus
from plenary.documents.models import DocumentKind, OutcomeDocument


def document_kind_ensure(name: str, *, by=None) -> DocumentKind:
    kind, _created = record(
        DocumentKind,
        lookup={"slug": slugify(name)},
        values={"name": name},
        action="documents.kind",
        by=by,
    )
    return kind


def document_record(*, forum, title: str, kind: DocumentKind, by=None, **values) -> OutcomeDocument:
    """Create or update an outcome document's facts. Refuses to touch an adopted one's text."""
    document, _created = record(
        OutcomeDocument,
        lookup={"forum": forum, "title": title},
        values={"kind": kind, **values},
        action="documents.document",
        by=by,
    )
    return document


@transaction.atomic
def document_adopt(
    document: OutcomeDocument,
    *,
    on: dt.date,
    method: str = AdoptionMethod.AT_MEETING,
    at_meeting=None,
    by=None,
    details: Mapping[str, Any] | None = None,
) -> OutcomeDocument:
    """Mark ``document`` adopted on ``on`` (at ``at_meeting`` or by silence).

    Its latest version, if it has one, becomes the adopted version and earlier ones are
    superseded. Refuses a document already adopted or withdrawn, and a meeting of another forum.
    Logs ``documents.document.adopted``, with ``details`` added to the entry's data. The drafting
    workflow (``drafting.document_adopt_at_meeting``, ``drafting.silences_settle``) adopts through
    this function.
    """
    document = OutcomeDocument.objects.select_for_update().get(pk=document.pk)
    if document.status == DocumentStatus.ADOPTED:
        if document.adopted_on == on and document.adopted_at_id == getattr(at_meeting, "pk", None):
            return document
        raise ValidationError(_("This document has already been adopted."))
    if document.status == DocumentStatus.WITHDRAWN:
        raise ValidationError(_("A withdrawn document cannot be adopted."))
    if at_meeting is not None and at_meeting.edition.forum_id != document.forum_id:
        raise ValidationError({"adopted_at": _("That meeting belongs to another forum.")})
    latest = document.versions.order_by("-number").first()
    if latest is not None:
        document.versions.exclude(pk=latest.pk).update(status=VersionStatus.SUPERSEDED)
        latest.status = VersionStatus.ADOPTED
        latest.save(update_fields=["status", "updated_at"])
    document.status = DocumentStatus.ADOPTED
    document.adopted_on = on
    document.adopted_at = at_meeting
    document.adoption_method = method
    document.full_clean()
    document.save()
    log_action(
        document,
        "documents.document.adopted",
        by=by,
        data={
            "on": on,
            "method": method,
            "at_meeting": at_meeting,
            "version": latest,
            **(details or {}),
        },
    )
    return document
