"""The Central Asia plus Japan Dialogue: a second, smaller forum beside the reference case.

It holds only its founding meeting, and exercises what the reference forum does not: an observer
member and lists that put the host of an edition first. Who led each delegation in 2004 is not
in the sources, so no delegation is recorded.
"""

from __future__ import annotations

import datetime as dt

from plenary.common.domain import cite, source_record
from plenary.common.models import Source
from plenary.forums.domain import (
    edition_record,
    forum_record,
    membership_record,
    side_track_record,
    state_ensure,
)
from plenary.forums.enums import EditionStatus, MembershipRole, Precedence, SideTrackKind
from plenary.forums.models import Forum
from plenary.meetings.domain import meeting_record
from plenary.meetings.enums import MeetingKind, MeetingStatus

FORUM_SLUG = "central-asia-japan"
LAUNCHED = dt.date(2004, 8, 28)


def japan_load(*, by=None) -> Forum:
    """Load the Dialogue, its members and its first foreign ministers' meeting."""
    source = source_record(
        title="Public record of the Central Asia plus Japan Dialogue",
        kind=Source.Kind.OTHER,
        language="en",
        notes=(
            "The Dialogue's founding, members, layers of meetings and chairing, as published in "
            "public reports and gathered here for reference."
        ),
        by=by,
    )
    japan = state_ensure("JP", adjective="Japanese", by=by)
    kazakhstan = state_ensure("KZ", adjective="Kazakh", by=by)
    kyrgyzstan = state_ensure("KG", adjective="Kyrgyz", by=by)
    tajikistan = state_ensure("TJ", adjective="Tajik", by=by)
    turkmenistan = state_ensure("TM", adjective="Turkmen", by=by)
    uzbekistan = state_ensure("UZ", adjective="Uzbek", by=by)

    forum = forum_record(
        slug=FORUM_SLUG,
        name="Central Asia plus Japan Dialogue",
        short_name="Central Asia plus Japan",
        description=(
            "Japan's dialogue with the Central Asian states, opened by a meeting of foreign "
            "ministers in Astana on 28 August 2004. Meetings of senior officials prepare the "
            'foreign ministers\' meetings; beside them run the "Tokyo Dialogue" of experts, '
            "further expert meetings and a business dialogue. By December 2022 the foreign "
            "ministers had met eight times and the senior officials fifteen times. The chair "
            "rotates: Kazakhstan held it in 2024, when its deputy foreign minister chaired the "
            "senior officials' meeting. Turkmenistan long took part as an observer. The Dialogue "
            "has no secretariat."
        ),
        established_on=LAUNCHED,
        languages=["en"],
        precedence=Precedence.ENGLISH,
        host_first=True,
        secretariat=None,
        is_demo=False,
        by=by,
    )
    cite(forum, source, by=by)

    # Japan is the "+1"; Turkmenistan's observer status has no recorded start.
    members = [
        (japan, MembershipRole.PARTNER, LAUNCHED),
        (kazakhstan, MembershipRole.MEMBER, LAUNCHED),
        (kyrgyzstan, MembershipRole.MEMBER, LAUNCHED),
        (tajikistan, MembershipRole.MEMBER, LAUNCHED),
        (uzbekistan, MembershipRole.MEMBER, LAUNCHED),
        (turkmenistan, MembershipRole.OBSERVER, None),
    ]
    for state, role, joined_on in members:
        membership = membership_record(
            forum=forum, state=state, role=role, joined_on=joined_on, by=by
        )
        cite(membership, source, by=by)

    side_track_record(
        forum=forum,
        name="Tokyo Dialogue",
        kind=SideTrackKind.THINK_TANK,
        description="The Dialogue's meetings of experts.",
        by=by,
    )
    side_track_record(
        forum=forum,
        name="Business dialogue",
        kind=SideTrackKind.BUSINESS,
        description="The Dialogue's business track.",
        by=by,
    )

    first = edition_record(
        forum=forum,
        number=1,
        start_date=LAUNCHED,
        end_date=None,
        date_precision="day",
        city="Astana",
        host_state=kazakhstan,
        chair_state=None,
        format="in_person",
        theme="",
        status=EditionStatus.HELD,
        summary=(
            "The first meeting of foreign ministers, which opened the Dialogue. Who led each "
            "delegation is not recorded here."
        ),
        by=by,
    )
    cite(first, source, by=by)
    meeting = meeting_record(
        edition=first,
        title="Foreign ministers' meeting",
        kind=MeetingKind.MINISTERIAL,
        date=LAUNCHED,
        city="Astana",
        state=kazakhstan,
        timezone="Asia/Almaty",
        status=MeetingStatus.HELD,
        summary="The founding meeting of the Dialogue's foreign ministers.",
        position=1,
        by=by,
    )
    cite(meeting, source, by=by)
    return forum
