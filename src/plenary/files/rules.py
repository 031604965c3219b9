"""Who may read, upload and manage a meeting's files.

| permission | object | who |
|---|---|---|
| ``files.view`` | a file | a public file: everyone; members only: the forum's secretariat and the focal points of its member states; one delegation only: the forum's secretariat and that state's focal points |
| ``files.upload`` | a meeting (a new file) | the forum's secretariat; a focal point, for a file for its own delegation only |
| ``files.upload`` | a file (a new version) | the forum's secretariat; a focal point, for a file for its own delegation only |
| ``files.manage`` | a file or a meeting | the forum's secretariat: who may read a file |

A file the user may not read answers 404 at every address under it, so that its existence is not
disclosed. A Django superuser without a role in the forum has none of these: a forum's files
belong to its own people, whoever runs the installation.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet

from plenary.accounts.rules import focal_point_states, is_member_delegate, is_secretariat, user_can
from plenary.files.enums import FileAccess

__all__ = ["file_forum_id", "user_can", "visible_files"]


def file_forum_id(obj) -> int | None:
    """The forum of a meeting, or of a file's meeting (its meeting and edition loaded)."""
    if obj is None:
        return None
    meeting = obj if obj._meta.label == "meetings.Meeting" else obj.meeting
    return meeting.edition.forum_id


def _is_file(obj) -> bool:
    return obj is not None and obj._meta.label == "files.MeetingFile"


@rules.predicate
def readable(user, meeting_file) -> bool:
    if not _is_file(meeting_file):
        return False
    if meeting_file.access == FileAccess.PUBLIC:
        return True
    forum_id = file_forum_id(meeting_file)
    if is_secretariat(user, forum_id):
        return True
    if meeting_file.access == FileAccess.MEMBERS:
        return is_member_delegate(user, forum_id)
    return meeting_file.state_id in focal_point_states(user, forum_id)


@rules.predicate
def forum_secretariat(user, obj) -> bool:
    return obj is not None and is_secretariat(user, file_forum_id(obj))


@rules.predicate
def own_delegation_uploader(user, obj) -> bool:
    """On a meeting: a focal point in its forum (who uploads for its own delegation only). On a
    file: a focal point of the state of a file for one delegation."""
    if obj is None:
        return False
    forum_id = file_forum_id(obj)
    if not _is_file(obj):
        return is_member_delegate(user, forum_id)
    return obj.access == FileAccess.DELEGATION and obj.state_id in focal_point_states(
        user, forum_id
    )


rules.add_perm("files.view", readable)
rules.add_perm("files.upload", forum_secretariat | own_delegation_uploader)
rules.add_perm("files.manage", forum_secretariat)


def visible_files(queryset: QuerySet, user, forum_id: int) -> QuerySet:
    """``queryset`` of one forum's files narrowed to those ``user`` may read, as ``files.view``
    decides one by one."""
    if is_secretariat(user, forum_id):
        return queryset
    shown = Q(access=FileAccess.PUBLIC)
    if is_member_delegate(user, forum_id):
        shown |= Q(access=FileAccess.MEMBERS)
        shown |= Q(access=FileAccess.DELEGATION, state_id__in=focal_point_states(user, forum_id))
    return queryset.filter(shown)
