"""iCalendar feeds of a forum, an edition, a meeting and a person's own meetings.

What a feed holds is read here in a fixed number of queries whatever the number of meetings
(``Feed``); ``calendar_of`` writes it with the ``icalendar`` library:

- one VEVENT per meeting whose day is known. With its times recorded, DTSTART and DTEND carry
  the meeting's own zone (``TZID=Asia/Dushanbe``) and the calendar a VTIMEZONE for each zone
  used; with only its day, it is an all-day event (``VALUE=DATE``, DTEND the next day). Meetings
  of unknown day are left out.
- one all-day VEVENT for an edition known to the day that has no timed meeting, over its span.

Visibility follows the public pages, which show every meeting and every edition of the record:
the meeting page finds a meeting by its number, its edition and its forum, and nothing else;
``meeting_feed`` looks it up the same way. A meeting has no draft state.

Texts (summary, place, description, categories, the calendar's name) are in the reader's
language where the record holds a translation, as on the pages.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from icalendar import Calendar, Event, vText

from plenary.common.enums import DatePrecision
from plenary.common.translations import localized
from plenary.forums.enums import EditionStatus
from plenary.forums.models import CoChair, Edition, Forum
from plenary.forums.naming import state_name
from plenary.meetings.enums import PREPARATORY_KINDS, MeetingKind, MeetingStatus
from plenary.meetings.models import (
    Delegation,
    DelegationMember,
    ExpertParticipation,
    Meeting,
    Session,
    SessionSpeaker,
    Statement,
)
from plenary.people.models import Person
from plenary.people.naming import shown_name

PRODID = "-//Plenary//Calendars//EN"
# The span of the time zone rules written in each VTIMEZONE (``icalendar``'s own default).
ZONE_RULES_FROM = dt.date(1970, 1, 1)
ZONE_RULES_TO = dt.date(2038, 1, 1)

MEETING_STATUS = {
    MeetingStatus.PLANNED: "CONFIRMED",
    MeetingStatus.HELD: "CONFIRMED",
    MeetingStatus.POSTPONED: "TENTATIVE",
    MeetingStatus.CANCELLED: "CANCELLED",
}
EDITION_STATUS = {
    EditionStatus.PLANNED: "TENTATIVE",
    EditionStatus.CONFIRMED: "CONFIRMED",
    EditionStatus.HELD: "CONFIRMED",
    EditionStatus.POSTPONED: "TENTATIVE",
    EditionStatus.CANCELLED: "CANCELLED",
}
# Statuses a reader should be told of in the description, beside STATUS.
TOLD_STATUSES = frozenset({MeetingStatus.POSTPONED, MeetingStatus.CANCELLED})


@dataclass
class Feed:
    """What one calendar holds: its name, its file name, the meetings and the editions whose
    span is shown (an edition of ``editions`` gets an event only when it has no timed meeting:
    ``has_timed_meeting`` is annotated by ``editions_shown``)."""

    name: str
    filename: str
    meetings: list[Meeting]
    editions: list[Edition]


def meetings_shown() -> QuerySet[Meeting]:
    """Meetings with everything an event names: the edition and forum (the page's address, the
    description) and the state (the place)."""
    return Meeting.objects.select_related("edition__forum", "state").order_by(
        "edition__forum__name", "edition__number", "date", "starts_at", "position", "pk"
    )


def editions_shown() -> QuerySet[Edition]:
    """Editions with their forum and host, and whether any of their meetings is timed."""
    timed = Meeting.objects.filter(edition=OuterRef("pk"), starts_at__isnull=False)
    return (
        Edition.objects.select_related("forum", "host_state")
        .annotate(has_timed_meeting=Exists(timed))
        .order_by("forum__name", "number")
    )


def forum_feed(*, forum_slug: str) -> Feed:
    """Every meeting and edition of a forum; 404 for an unknown forum."""
    forum = get_object_or_404(Forum, slug=forum_slug)
    return Feed(
        name=localized(forum, "name").text,
        filename=f"{forum.slug}.ics",
        meetings=list(meetings_shown().filter(edition__forum=forum)),
        editions=list(editions_shown().filter(forum=forum)),
    )


def edition_feed(*, forum_slug: str, number: int) -> Feed:
    """The meetings of one edition (the edition's span when none is timed); 404 for an unknown
    forum or edition."""
    edition = get_object_or_404(editions_shown(), forum__slug=forum_slug, number=number)
    return Feed(
        name=edition.display_name,
        filename=f"{edition.forum.slug}-{edition.number}.ics",
        meetings=list(meetings_shown().filter(edition=edition)),
        editions=[edition],
    )


def meeting_feed(*, forum_slug: str, number: int, pk: int) -> Feed:
    """One meeting, found as its page finds it: 404 unless it belongs to that edition."""
    meeting = get_object_or_404(
        meetings_shown(), pk=pk, edition__forum__slug=forum_slug, edition__number=number
    )
    return Feed(
        name=localized(meeting, "title").text,
        filename=f"{forum_slug}-{number}-meeting-{meeting.pk}.ics",
        meetings=[meeting],
        editions=[],
    )


def person_meetings(person: Person) -> QuerySet[Meeting]:
    """The meetings a person took part in: delegations led or joined, statements and session
    speeches made, sessions chaired, expert participation at a meeting, the programme (the
    meetings that are not preparatory) of the editions co-chaired, and the expert sessions of
    the editions at which they took part as an expert without a meeting named."""
    editions_co_chaired = CoChair.objects.filter(person=person).values("edition")
    editions_as_expert = ExpertParticipation.objects.filter(
        person=person, meeting__isnull=True
    ).values("edition")
    return meetings_shown().filter(
        Q(pk__in=Delegation.objects.filter(head_person=person).values("meeting"))
        | Q(pk__in=DelegationMember.objects.filter(person=person).values("delegation__meeting"))
        | Q(pk__in=Statement.objects.filter(speaker_person=person).values("meeting"))
        | Q(pk__in=SessionSpeaker.objects.filter(person=person).values("session__meeting"))
        | Q(pk__in=Session.objects.filter(chairs=person).values("meeting"))
        | Q(pk__in=ExpertParticipation.objects.filter(person=person).values("meeting"))
        | (Q(edition__in=editions_co_chaired) & ~Q(kind__in=PREPARATORY_KINDS))
        | Q(edition__in=editions_as_expert, kind=MeetingKind.EXPERT_SESSION)
    )


def person_feed(*, slug: str, language: str) -> Feed:
    """A person's own meetings, and the span of the editions they co-chaired or took part in as
    an expert; 404 for an unknown person."""
    person = get_object_or_404(Person, slug=slug)
    editions = editions_shown().filter(
        Q(pk__in=CoChair.objects.filter(person=person).values("edition"))
        | Q(
            pk__in=ExpertParticipation.objects.filter(person=person, meeting__isnull=True).values(
                "edition"
            )
        )
    )
    return Feed(
        name=gettext("Meetings of %(name)s") % {"name": shown_name(person, language).text},
        filename=f"{person.slug}.ics",
        meetings=list(person_meetings(person)),
        editions=list(editions),
    )


# Writing the calendar -----------------------------------------------------------------------------


def _place(obj, state, language: str) -> str:
    """Venue, city and state of a meeting or an edition, in ``language`` where translated."""
    parts = (
        localized(obj, "venue", language).text,
        localized(obj, "city", language).text,
        state_name(state, language) if state else "",
    )
    return ", ".join(part for part in parts if part)


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def meeting_event(
    meeting: Meeting, *, language: str, url: str, uid_domain: str, stamp: dt.datetime
) -> Event | None:
    """The event of one meeting; None when its day is not known."""
    event = Event()
    if meeting.starts_at is not None:
        zone = zoneinfo.ZoneInfo(meeting.timezone)
        event.add("dtstart", meeting.starts_at.astimezone(zone))
        if meeting.ends_at is not None and meeting.ends_at > meeting.starts_at:
            event.add("dtend", meeting.ends_at.astimezone(zone))
    elif meeting.date is not None:
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    else:
        return None
    kind = capfirst(meeting.get_kind_display())
    event.add("uid", f"meeting-{meeting.pk}@{uid_domain}")
    event.add("dtstamp", stamp)
    title = localized(meeting, "title", language)
    # The language the title is in: the reader's, or English where no translation is recorded.
    event.add("summary", title.text, parameters={"LANGUAGE": title.language})
    place = _place(meeting, meeting.state, language)
    if place:
        event.add("location", place)
    event.add("url", url)
    told = capfirst(meeting.get_status_display()) if meeting.status in TOLD_STATUSES else ""
    event.add("description", _lines(told, kind, meeting.edition.name_in(language)))
    event.add("status", MEETING_STATUS.get(meeting.status, "CONFIRMED"))
    event.add("categories", [kind])
    return event


def edition_event(
    edition: Edition, *, language: str, url: str, uid_domain: str, stamp: dt.datetime
) -> Event | None:
    """The all-day event of an edition's span; None unless its first day is known to the day
    and none of its meetings is timed."""
    if (
        edition.start_date is None
        or edition.date_precision != DatePrecision.DAY
        or edition.has_timed_meeting
    ):
        return None
    last = edition.end_date or edition.start_date
    event = Event()
    event.add("uid", f"edition-{edition.pk}@{uid_domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", edition.start_date)
    event.add("dtend", last + dt.timedelta(days=1))
    event.add("summary", edition.name_in(language))
    place = _place(edition, edition.host_state, language)
    if place:
        event.add("location", place)
    event.add("url", url)
    theme = localized(edition, "theme", language).text
    if theme:
        event.add("description", theme)
    event.add("status", EDITION_STATUS.get(edition.status, "CONFIRMED"))
    return event


def calendar_of(
    feed: Feed,
    *,
    language: str,
    absolute: Callable[[str], str],
    uid_domain: str,
    stamp: dt.datetime,
) -> Calendar:
    """The calendar of ``feed`` in ``language``; ``absolute`` turns a path into an address."""
    with translation.override(language):
        return _calendar(
            feed, language=language, absolute=absolute, uid_domain=uid_domain, stamp=stamp
        )


def _calendar(
    feed: Feed,
    *,
    language: str,
    absolute: Callable[[str], str],
    uid_domain: str,
    stamp: dt.datetime,
) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property is written as given unless it is said to be text: a comma in the name
    # would otherwise split it in two for a reader.
    calendar.add("x-wr-calname", vText(feed.name))
    common = {"language": language, "uid_domain": uid_domain, "stamp": stamp}
    events = [
        edition_event(edition, url=absolute(edition.get_absolute_url()), **common)
        for edition in feed.editions
    ] + [
        meeting_event(meeting, url=absolute(meeting.get_absolute_url()), **common)
        for meeting in feed.meetings
    ]
    days = []
    for event in events:
        if event is not None:
            calendar.add_component(event)
            days += [event.decoded(name) for name in ("dtstart", "dtend") if name in event]
    if days:
        dates = [day.date() if isinstance(day, dt.datetime) else day for day in days]
        # Each zone's rules from 1970 to 2038, or wider when an event lies outside: every feed
        # then gives the same VTIMEZONE for the same zone, and a program that keeps the first
        # definition of a TZID it meets (vobject does) reads every feed right.
        calendar.add_missing_timezones(
            first_date=min(ZONE_RULES_FROM, min(dates) - dt.timedelta(days=1)),
            last_date=max(ZONE_RULES_TO, max(dates) + dt.timedelta(days=1)),
        )
        _one_date_per_rdate(calendar)
    return calendar


def _one_date_per_rdate(calendar: Calendar) -> None:
    """Write each RDATE of a zone's rules on a line of its own.

    ``icalendar`` lists a rule's dates on one line (``RDATE:19820401T010000,19830401T010000``);
    both forms are valid, but readers built on ``dateutil`` (``vobject``) keep only the first
    date of such a list, and place a time of the 1980s (the Soviet summer time of Dushanbe and
    Tashkent, Seoul's of 1987 and 1988) an hour wrong.
    """
    for zone in calendar.timezones:
        for rule in zone.subcomponents:
            found = rule.pop("RDATE", None)
            if found is None:
                continue
            for dates in found if isinstance(found, list) else [found]:
                for date in dates.dts:
                    rule.add("rdate", date.dt)
