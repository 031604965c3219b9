"""Who may read minutes and take each step of their making.

| permission | who |
|---|---|
| ``minutes.view`` | everyone for approved minutes (the public record); for draft and circulated minutes, the forum's secretariat and the focal points of its member states |
| ``minutes.view_history`` | the forum's secretariat and member focal points, even after approval: the public reads the approved text, not the earlier revisions and the comments on them |
| ``minutes.draft``, ``minutes.circulate``, ``minutes.approve`` | the forum's secretariat |
| ``minutes.comment`` | focal points of the forum's member states |

The object is the minutes; for starting new ones, unsaved minutes of the meeting
(``Minutes(meeting=meeting)``). Minutes a user may not see answer 404, so that unapproved minutes
are not disclosed.
"""

from __future__ import annotations

import rules

from plenary.accounts.rules import is_member_delegate, is_secretariat, user_can
from plenary.minutes.enums import MinutesStatus

__all__ = ["minutes_forum_id", "user_can"]


def minutes_forum_id(minutes) -> int | None:
    """The forum of ``minutes``, through its meeting's edition (select them with the minutes)."""
    if minutes is None:
        return None
    return minutes.meeting.edition.forum_id


@rules.predicate
def is_approved(user, minutes) -> bool:
    return minutes is not None and minutes.status == MinutesStatus.APPROVED


@rules.predicate
def forum_secretariat(user, minutes) -> bool:
    return minutes is not None and is_secretariat(user, minutes_forum_id(minutes))


@rules.predicate
def member_focal_point(user, minutes) -> bool:
    return minutes is not None and is_member_delegate(user, minutes_forum_id(minutes))


rules.add_perm("minutes.view", is_approved | forum_secretariat | member_focal_point)
rules.add_perm("minutes.view_history", forum_secretariat | member_focal_point)
rules.add_perm("minutes.draft", forum_secretariat)
rules.add_perm("minutes.circulate", forum_secretariat)
rules.add_perm("minutes.approve", forum_secretariat)
rules.add_perm("minutes.comment", member_focal_point)
