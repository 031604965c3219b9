"""Registration in the practice forum, invented so that a newcomer can try it: the secretariat
has opened the call for the upcoming "Closing session (demo)", with a deadline far in the future,
so that the demo focal points can register their delegations, attach a letter and submit, and the
demo secretariat can accept or return what they send.

Nothing here happened. The call's opening and deadline are fixed moments, not computed from the
clock, so a second run finds the call as it is and writes nothing.
"""

from __future__ import annotations

import datetime as dt

from plenary.forums.models import Forum
from plenary.registration.domain import registration_open
from plenary.registration.models import RegistrationCall

FORUM_SLUG = "practice-forum"
EDITION_NUMBER = 1
MEETING_TITLE = "Closing session (demo)"
OPENS_AT = dt.datetime(2025, 1, 1, 0, 0, tzinfo=dt.UTC)
DEADLINE = dt.datetime(2099, 12, 31, 12, 0, tzinfo=dt.UTC)
NOTE = (
    "A practice call (demo): register your delegation with its head, their rank and the members, "
    "attach a credentials letter or note verbale, and submit it to the secretariat."
)


def registration_demo_load(*, by=None) -> RegistrationCall:
    """Open registration for the practice forum's closing session, once."""
    forum = Forum.objects.get(slug=FORUM_SLUG)
    meeting = forum.editions.get(number=EDITION_NUMBER).meetings.get(title=MEETING_TITLE)
    return registration_open(
        meeting=meeting, opens_at=OPENS_AT, deadline=DEADLINE, note=NOTE, by=by
    )
