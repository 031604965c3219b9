"""Who may read and do what with outcome documents.

One permission name per action, used by the pages and, later, by the API:

| permission | who |
|---|---|
| ``documents.view_document`` | everyone for an adopted or withdrawn document; for a draft, the forum's secretariat and the focal points of its member states |
| ``documents.view_history`` | the forum's secretariat and member focal points, even after adoption: the public reads the adopted text, not the negotiating record |
| ``documents.draft`` | the pen holder: the forum's secretariat, or the focal points of the pen-holding state |
| ``documents.circulate``, ``documents.open_silence``, ``documents.adopt`` | the pen holder |
| ``documents.comment``, ``documents.record_position``, ``documents.break_silence`` | focal points of the forum's member states |
| ``documents.view_note``, ``documents.add_note`` | object: a state's note (or the document, for adding): focal points of that state only; no one else, the secretariat included |

A draft's address answers 404 to anyone who may not see it, so that its existence is not
disclosed.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet

from plenary.accounts.enums import RoleKind
from plenary.accounts.rules import (
    focal_point_states,
    is_member_delegate,
    is_secretariat,
    roles_of,
    user_can,
)
from plenary.documents.enums import CONFIDENTIAL_STATUSES


@rules.predicate
def is_public(user, document) -> bool:
    return document is not None and not document.is_confidential


@rules.predicate
def forum_secretariat(user, document) -> bool:
    return document is not None and is_secretariat(user, document.forum_id)


@rules.predicate
def member_focal_point(user, document) -> bool:
    return document is not None and is_member_delegate(user, document.forum_id)


@rules.predicate
def pen_holder(user, document) -> bool:
    if document is None:
        return False
    if document.pen_holder_state_id is None:
        return is_secretariat(user, document.forum_id)
    return is_secretariat(user, document.forum_id) or (
        document.pen_holder_state_id in focal_point_states(user, document.forum_id)
    )


@rules.predicate
def own_state_note(user, note) -> bool:
    """For a note: the user speaks for its state. For a document: the user speaks for a state."""
    if note is None:
        return False
    if note._meta.label == "documents.OutcomeDocument":
        return is_member_delegate(user, note.forum_id)
    return note.state_id in focal_point_states(user, note.document.forum_id)


can_view = is_public | forum_secretariat | member_focal_point

rules.add_perm("documents.view_document", can_view)
# The negotiating record (comments, positions, superseded texts) stays with the forum's own people
# after adoption; the public reads the adopted text.
rules.add_perm("documents.view_history", forum_secretariat | member_focal_point)
rules.add_perm("documents.draft", pen_holder)
rules.add_perm("documents.circulate", pen_holder)
rules.add_perm("documents.open_silence", pen_holder)
rules.add_perm("documents.adopt", pen_holder)
rules.add_perm("documents.comment", member_focal_point)
rules.add_perm("documents.record_position", member_focal_point)
rules.add_perm("documents.break_silence", member_focal_point)
rules.add_perm("documents.view_note", own_state_note)
rules.add_perm("documents.add_note", own_state_note)


__all__ = ["can_view_document", "sees_drafts_of", "user_can", "visible_documents"]


def can_view_document(user, document) -> bool:
    return user_can(user, "documents.view_document", document)


def visible_documents(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` of outcome documents narrowed to what ``user`` may read, in one query."""
    forums = {
        r.forum_id for r in roles_of(user) if r.kind in (RoleKind.SECRETARIAT, RoleKind.FOCAL_POINT)
    }
    return queryset.filter(~Q(status__in=CONFIDENTIAL_STATUSES) | Q(forum_id__in=forums))


def sees_drafts_of(user, forum_id: int) -> bool:
    """Whether ``user`` reads the forum's drafts: its secretariat and member focal points do."""
    return is_secretariat(user, forum_id) or is_member_delegate(user, forum_id)
