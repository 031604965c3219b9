"""Who may read which outcome documents.

A draft is confidential to the member states and the secretariat until it is adopted. Until focal
points of member states have accounts, the secretariat's staff are the only readers of drafts;
everyone else sees adopted (and withdrawn) documents only, and a draft's address answers 404 so
that its existence is not disclosed.
"""

from __future__ import annotations

from django.db.models import QuerySet

from plenary.documents.enums import CONFIDENTIAL_STATUSES


def can_see_confidential(user) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
    )


def can_view_document(user, document) -> bool:
    return not document.is_confidential or can_see_confidential(user)


def visible_documents(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` of outcome documents narrowed to what ``user`` may read."""
    if can_see_confidential(user):
        return queryset
    return queryset.exclude(status__in=CONFIDENTIAL_STATUSES)
