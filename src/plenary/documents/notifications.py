"""E-mails to the focal points of a forum's member states at each step of the drafting workflow.

Each message is plain text, rendered from ``documents/email/<event>.txt`` (its subject from
``<event>_subject.txt``), links to the document at ``PLENARY_BASE_URL``, and goes to one focal
point at a time, so no state sees another's addresses. A message is written in the language active
when the step is taken (the reader's on a page, English for a job). Messages are queued with
``transaction.on_commit``: a step that is rolled back sends nothing, and a mail server that fails
after the commit is logged without undoing the step.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from plenary.accounts.enums import RoleKind
from plenary.accounts.models import Role
from plenary.common.translations import localized
from plenary.documents.models import DocumentVersion, OutcomeDocument, SilenceProcedure
from plenary.forums import naming
from plenary.forums.models import Forum

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def focal_point_addresses(forum: Forum, *, on: dt.date | None = None) -> list[str]:
    """The e-mail addresses of the active focal points of the states that are members of
    ``forum`` on ``on`` (today by default), sorted, each once."""
    day = on or timezone.now().date()
    members = [m.state_id for m in forum.memberships.all() if m.is_member_on(day)]
    return list(
        Role.objects.filter(
            forum=forum,
            kind=RoleKind.FOCAL_POINT,
            state_id__in=members,
            user__is_active=True,
        )
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("user__email", flat=True)
        .distinct()
    )


def document_link(document: OutcomeDocument) -> str:
    base = getattr(settings, "PLENARY_BASE_URL", DEFAULT_BASE_URL).rstrip("/")
    return f"{base}{document.get_absolute_url()}"


def utc(moment: dt.datetime) -> str:
    """A moment as the e-mails and messages give it: ``2025-03-24 09:00 UTC``."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _send(event: str, document: OutcomeDocument, context: dict[str, Any]) -> None:
    recipients = focal_point_addresses(document.forum)
    if not recipients:
        return
    forum = document.forum
    context = {
        "document": document,
        "forum": forum,
        # The forum as a subject line names it: its short name, else its name.
        "forum_label": localized(forum, "short_name").text or localized(forum, "name").text,
        "link": document_link(document),
        **context,
    }
    subject = " ".join(render_to_string(f"documents/email/{event}_subject.txt", context).split())
    body = render_to_string(f"documents/email/{event}.txt", context).strip() + "\n"

    def deliver() -> None:
        with get_connection() as connection:
            for address in recipients:
                send_mail(subject, body, None, [address], connection=connection)

    transaction.on_commit(deliver, robust=True)


def notify_circulated(version: DocumentVersion) -> None:
    _send(
        "circulated",
        version.document,
        {"version": version, "comments_due": utc(version.comments_due)},
    )


def notify_new_version(version: DocumentVersion) -> None:
    _send(
        "new_version",
        version.document,
        {"version": version, "accepted": version.accepted_comments.count()},
    )


def notify_silence_opened(procedure: SilenceProcedure) -> None:
    _send(
        "silence_opened",
        procedure.version.document,
        {"version": procedure.version, "deadline": utc(procedure.deadline)},
    )


def notify_silence_broken(procedure: SilenceProcedure) -> None:
    _send(
        "silence_broken",
        procedure.version.document,
        {
            "version": procedure.version,
            "state": procedure.broken_by,
            "state_name": naming.state_name(
                procedure.broken_by, translation.get_language() or "en"
            ),
            "reason": procedure.break_reason,
            "broken_at": utc(procedure.broken_at),
        },
    )


def notify_adopted(document: OutcomeDocument) -> None:
    _send("adopted", document, {"version": document.versions.order_by("-number").first()})
