"""iCalendar feeds of a forum, an edition, a meeting and a person's own meetings.

Every feed is read back by two parsers that share no code with ``icalendar``, which writes them:
``vobject`` (with its validation) and ``ical``. Both must accept it, and both must find each
timed meeting at the instant it is recorded at: ``vobject`` reads the zone from the VTIMEZONE
the feed carries, ``ical`` from its own tz database by the TZID.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zoneinfo

import pytest
import vobject
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from ical.calendar_stream import IcsCalendarStream

from plenary.common.domain import translation_record
from plenary.common.enums import DatePrecision
from plenary.forums.models import CoChair, Edition, Forum
from plenary.meetings.enums import MeetingKind, MeetingStatus
from plenary.meetings.models import DelegationMember, Meeting, Session, SessionSpeaker
from plenary.people.models import Person
from tests import factories

DUSHANBE = zoneinfo.ZoneInfo("Asia/Dushanbe")
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
TASHKENT = zoneinfo.ZoneInfo("Asia/Tashkent")


# Reading a feed back ------------------------------------------------------------------------------


class Parsed:
    """One feed as both parsers read it."""

    def __init__(self, text: str):
        self.text = text
        # vobject keeps the first VTIMEZONE it meets for a TZID for the life of the process:
        # forget them, so that each feed is read through the zones it carries itself.
        registry = vars(vobject.icalendar)["__tzidMap"]
        registry.clear()
        registry["UTC"] = vobject.icalendar.utc
        self.vobject = vobject.readOne(text, validate=True)
        assert self.vobject.validate(raiseException=True) is True
        self.ical = IcsCalendarStream.calendar_from_ics(text)
        self.vevents = {e.uid.value: e for e in getattr(self.vobject, "vevent_list", [])}
        self.ievents = {e.uid: e for e in self.ical.events}
        assert sorted(self.vevents) == sorted(self.ievents)
        assert len(self.ievents) == len(self.ical.events)  # no UID twice
        # Every zone named by an event is defined in the feed, once.
        assert sorted(set(re.findall(r";TZID=([^:;]+)", text))) == self.zones

    @property
    def uids(self) -> list[str]:
        return sorted(self.ievents)

    def starts(self, uid: str) -> tuple:
        """The start of one event in both parsers: UTC for a time, the day for a date."""
        return _utc(self.vevents[uid].dtstart.value), _utc(self.ievents[uid].dtstart)

    def ends(self, uid: str) -> tuple:
        return _utc(self.vevents[uid].dtend.value), _utc(self.ievents[uid].dtend)

    @property
    def zones(self) -> list[str]:
        return sorted(tz.tzid.value for tz in getattr(self.vobject, "vtimezone_list", []))


def _utc(value):
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None
        return value.astimezone(dt.UTC)
    return value


def fetch(client, url: str, **headers) -> Parsed:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Parsed(response.content.decode())


def uid(obj) -> str:
    return f"{type(obj).__name__.lower()}-{obj.pk}@testserver"


def at(zone, *args) -> dt.datetime:
    """A local time in ``zone``, as the UTC instant the record keeps."""
    return dt.datetime(*args, tzinfo=zone).astimezone(dt.UTC)


def meeting_url(meeting: Meeting) -> str:
    return f"{meeting.get_absolute_url()}calendar.ics"


# Times and days -----------------------------------------------------------------------------------


@pytest.fixture
def edition(forum) -> Edition:
    return factories.EditionFactory(
        forum=forum, number=14, start_date=dt.date(2021, 11, 29), end_date=dt.date(2021, 11, 30)
    )


@pytest.fixture
def three_zones(edition) -> list[Meeting]:
    """Meetings of one edition in Dushanbe, Seoul and Tashkent, with their times."""
    return [
        factories.MeetingFactory(
            edition=edition,
            title=title,
            date=None,
            timezone=zone.key,
            starts_at=at(zone, 2021, 11, 30, hour),
            ends_at=at(zone, 2021, 11, 30, hour + 2, 30),
        )
        for title, zone, hour in [
            ("Ministerial plenary", DUSHANBE, 10),
            ("Online expert session", SEOUL, 9),
            ("Business forum", TASHKENT, 14),
        ]
    ]


@pytest.mark.django_db
def test_a_timed_meeting_starts_and_ends_at_its_instant_in_both_parsers(client, three_zones):
    dushanbe, seoul, tashkent = three_zones
    feed = fetch(client, "/forums/kca/14/calendar.ics")

    assert feed.uids == sorted(uid(m) for m in three_zones)
    assert feed.zones == ["Asia/Dushanbe", "Asia/Seoul", "Asia/Tashkent"]
    for meeting in three_zones:
        assert feed.starts(uid(meeting)) == (meeting.starts_at, meeting.starts_at)
        assert feed.ends(uid(meeting)) == (meeting.ends_at, meeting.ends_at)
    # The local time is written with the meeting's zone, not converted to UTC.
    assert (
        "DTSTART;TZID=Asia/Dushanbe:20211130T100000\r\nDTEND;TZID=Asia/Dushanbe:20211130T123000\r\n"
    ) in feed.text
    assert "DTSTART;TZID=Asia/Seoul:20211130T090000\r\n" in feed.text
    assert "DTSTART;TZID=Asia/Tashkent:20211130T140000\r\n" in feed.text
    assert [feed.starts(uid(m))[0] for m in (dushanbe, seoul, tashkent)] == [
        dt.datetime(2021, 11, 30, 5, tzinfo=dt.UTC),
        dt.datetime(2021, 11, 30, 0, tzinfo=dt.UTC),
        dt.datetime(2021, 11, 30, 9, tzinfo=dt.UTC),
    ]
    # Timed meetings: the edition's span is not added beside them.
    assert uid(dushanbe.edition) not in feed.uids


@pytest.mark.django_db
def test_summer_time_of_a_past_zone_rule_is_in_the_vtimezone(client, forum):
    """Seoul kept summer time (UTC+10) in 1988 and Tashkent (UTC+7) in 1990: ``vobject`` finds
    the instant through the VTIMEZONE the feed carries, so the feed must give those rules."""
    seoul = factories.MeetingFactory(
        edition__forum=forum,
        date=None,
        timezone="Asia/Seoul",
        starts_at=at(SEOUL, 1988, 7, 1, 10),
    )
    tashkent = factories.MeetingFactory(
        edition__forum=forum,
        date=None,
        timezone="Asia/Tashkent",
        starts_at=at(TASHKENT, 1990, 7, 1, 10),
    )
    feed = fetch(client, "/forums/kca/calendar.ics")

    assert feed.starts(uid(seoul)) == (seoul.starts_at, seoul.starts_at)
    assert seoul.starts_at == dt.datetime(1988, 7, 1, 0, tzinfo=dt.UTC)
    assert feed.starts(uid(tashkent)) == (tashkent.starts_at, tashkent.starts_at)
    assert tashkent.starts_at == dt.datetime(1990, 7, 1, 3, tzinfo=dt.UTC)
    assert "DTEND" not in feed.text  # no end is recorded


@pytest.mark.django_db
def test_a_meeting_known_only_by_its_day_is_an_all_day_event(client, edition):
    day = factories.MeetingFactory(edition=edition, date=dt.date(2021, 11, 29), timezone="")
    factories.MeetingFactory(edition=edition, date=None, timezone="", title="Date not known")
    feed = fetch(client, "/forums/kca/14/calendar.ics")

    assert feed.uids == sorted([uid(day), uid(edition)])
    assert feed.starts(uid(day)) == (dt.date(2021, 11, 29), dt.date(2021, 11, 29))
    assert feed.ends(uid(day)) == (dt.date(2021, 11, 30), dt.date(2021, 11, 30))
    assert "DTSTART;VALUE=DATE:20211129\r\nDTEND;VALUE=DATE:20211130\r\n" in feed.text
    assert "Date not known" not in feed.text
    assert feed.zones == []


@pytest.mark.django_db
def test_an_edition_without_timed_meetings_is_one_event_over_its_span(client, forum, edition):
    dated = factories.MeetingFactory(edition=edition, date=dt.date(2021, 11, 30))
    edition.venue = "Kohi Navruz"
    edition.save()
    by_month = factories.EditionFactory(
        forum=forum, number=6, start_date=dt.date(2012, 7, 1), date_precision=DatePrecision.MONTH
    )
    timed = factories.EditionFactory(forum=forum, number=15, start_date=dt.date(2022, 10, 25))
    in_seoul = factories.MeetingFactory(
        edition=timed, date=None, starts_at=at(SEOUL, 2022, 10, 25, 10)
    )
    feed = fetch(client, "/forums/kca/calendar.ics")

    assert feed.uids == sorted([uid(edition), uid(dated), uid(in_seoul)])
    assert uid(by_month) not in feed.uids
    assert feed.starts(uid(edition)) == (dt.date(2021, 11, 29), dt.date(2021, 11, 29))
    assert feed.ends(uid(edition)) == (dt.date(2021, 12, 1), dt.date(2021, 12, 1))
    event = feed.ievents[uid(edition)]
    assert event.summary == "14th Korea–Central Asia Cooperation Forum"
    assert edition.host_state.name == "South Korea"  # the factories' name of KR
    assert event.location == "Kohi Navruz, Seoul, South Korea"
    assert event.url == "http://testserver/forums/kca/14/"


@pytest.mark.django_db
def test_an_event_names_the_meeting_its_place_page_kind_edition_and_status(client, edition):
    meeting = factories.MeetingFactory(
        edition=edition,
        title="Ministerial plenary, opening",
        kind=MeetingKind.MINISTERIAL,
        venue="Kohi Navruz",
        city="Dushanbe",
        state=factories.state("TJ"),
        timezone="Asia/Dushanbe",
        date=None,
        starts_at=at(DUSHANBE, 2021, 11, 30, 10),
        status=MeetingStatus.CANCELLED,
    )
    feed = fetch(client, meeting_url(meeting))
    event, checked = feed.ievents[uid(meeting)], feed.vevents[uid(meeting)]

    assert feed.uids == [uid(meeting)]
    assert event.summary == checked.summary.value == "Ministerial plenary, opening"
    assert event.location == checked.location.value == "Kohi Navruz, Dushanbe, Tajikistan"
    assert event.url == checked.url.value == f"http://testserver{meeting.get_absolute_url()}"
    assert (
        event.description
        == checked.description.value
        == ("Cancelled\nMinisterial plenary\n14th Korea–Central Asia Cooperation Forum")
    )
    assert event.categories == ["Ministerial plenary"]
    assert event.status.value == checked.status.value == "CANCELLED"
    assert event.dtstamp.tzinfo is not None
    assert feed.vobject.x_wr_calname.value == "Ministerial plenary, opening"
    assert feed.vobject.method.value == "PUBLISH"
    assert feed.vobject.version.value == "2.0"
    assert feed.vobject.prodid.value == "-//Plenary//Calendars//EN"


@pytest.mark.django_db
def test_uids_are_stable_from_one_request_to_the_next(client, three_zones):
    first = fetch(client, "/forums/kca/calendar.ics")
    second = fetch(client, "/forums/kca/calendar.ics")
    assert first.uids == second.uids == sorted(f"meeting-{m.pk}@testserver" for m in three_zones)


# The reader's language ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_russian_reader_gets_the_recorded_russian_title(client, edition):
    translated = factories.MeetingFactory(
        edition=edition, title="Closing ceremony", city="Dushanbe", state=factories.state("TJ")
    )
    translation_record(translated, field="title", language="ru", text="Церемония закрытия")
    translation_record(translated, field="city", language="ru", text="Душанбе")
    untranslated = factories.MeetingFactory(edition=edition, title="Business forum")
    translation_record(
        edition.forum,
        field="name",
        language="ru",
        text="Форум сотрудничества «Республика Корея – Центральная Азия»",
    )

    response = client.get(meeting_url(translated), HTTP_ACCEPT_LANGUAGE="ru")
    feed = fetch(client, "/forums/kca/14/calendar.ics", HTTP_ACCEPT_LANGUAGE="ru")
    english = fetch(client, "/forums/kca/14/calendar.ics", HTTP_ACCEPT_LANGUAGE="en")

    assert response["Content-Language"] == "ru"
    assert feed.ievents[uid(translated)].summary == "Церемония закрытия"
    assert feed.vevents[uid(translated)].summary.value == "Церемония закрытия"
    assert feed.vevents[uid(translated)].summary.params["LANGUAGE"] == ["ru"]
    # No Russian title recorded: the English one, said to be English.
    assert feed.ievents[uid(untranslated)].summary == "Business forum"
    assert feed.vevents[uid(untranslated)].summary.params["LANGUAGE"] == ["en"]
    assert feed.vevents[uid(translated)].location.value == "Душанбе, Таджикистан"
    assert english.vevents[uid(translated)].location.value == "Dushanbe, Tajikistan"
    assert feed.vobject.x_wr_calname.value == (
        "14-й Форум сотрудничества «Республика Корея – Центральная Азия»"
    )
    assert english.ievents[uid(translated)].summary == "Closing ceremony"


# Visibility and errors ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_feed_holds_exactly_the_meetings_whose_pages_the_public_sees(client, forum, edition):
    """The public pages show every meeting of the record, whatever its status (a meeting has no
    draft state); a feed shows the same ones, and a meeting asked for under another edition
    answers 404 in both."""
    meetings = [
        factories.MeetingFactory(edition=edition, status=status) for status in MeetingStatus
    ]
    other_forum = factories.MeetingFactory(edition__forum=factories.ForumFactory())
    elsewhere = factories.EditionFactory(forum=forum, number=15)

    for meeting in meetings:
        assert client.get(meeting.get_absolute_url()).status_code == 200
    feed = fetch(client, "/forums/kca/calendar.ics")
    assert feed.uids == sorted([uid(edition), uid(elsewhere), *(uid(m) for m in meetings)])
    assert uid(other_forum) not in feed.uids
    wrong = f"/forums/kca/15/meetings/{meetings[0].pk}/"
    assert client.get(wrong).status_code == 404
    assert client.get(f"{wrong}calendar.ics").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/forums/nowhere/calendar.ics",
        "/forums/kca/99/calendar.ics",
        "/forums/nowhere/14/calendar.ics",
        "/forums/kca/14/meetings/999999/calendar.ics",
        "/people/nobody/calendar.ics",
    ],
)
def test_an_unknown_object_answers_404(client, edition, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_each_feed_is_an_ics_attachment_named_after_its_object(client, edition):
    meeting = factories.MeetingFactory(edition=edition)
    person = factories.PersonFactory(name="Chung Eui-yong", slug="chung-eui-yong")
    factories.DelegationFactory(meeting=meeting, head_person=person)
    both, alone = sorted([uid(meeting), uid(edition)]), [uid(meeting)]
    expected = {
        "/forums/kca/calendar.ics": ("kca.ics", both),
        "/forums/kca/14/calendar.ics": ("kca-14.ics", both),
        meeting_url(meeting): (f"kca-14-meeting-{meeting.pk}.ics", alone),
        "/people/chung-eui-yong/calendar.ics": ("chung-eui-yong.ics", alone),
    }
    for url, (filename, uids) in expected.items():
        response = client.get(url)
        assert (response.status_code, response["Content-Type"]) == (
            200,
            "text/calendar; charset=utf-8",
        )
        assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
        assert response.content.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        assert Parsed(response.content.decode()).uids == uids


# A person's meetings ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_persons_feed_holds_the_meetings_they_took_part_in(client, forum, edition):
    person = factories.PersonFactory(name="Rustam Minnikhanov", slug="rustam")

    def meeting(**kwargs) -> Meeting:
        return factories.MeetingFactory(edition=edition, **kwargs)

    led = meeting()
    factories.DelegationFactory(meeting=led, head_person=person)
    joined = meeting()
    delegation = factories.DelegationFactory(meeting=joined, state=factories.state("UZ"))
    DelegationMember.objects.create(delegation=delegation, person=person)
    spoke = meeting()
    factories.StatementFactory(meeting=spoke, speaker_person=person)
    session_speech = meeting()
    session = Session.objects.create(
        meeting=session_speech, title="Opening", starts_at=at(SEOUL, 2021, 11, 29, 10)
    )
    SessionSpeaker.objects.create(session=session, person=person)
    chaired = meeting()
    Session.objects.create(
        meeting=chaired, title="Closing", starts_at=at(SEOUL, 2021, 11, 29, 15)
    ).chairs.add(person)
    as_expert = meeting(kind=MeetingKind.EXPERT_SESSION)
    factories.ExpertParticipationFactory(edition=edition, meeting=as_expert, person=person, count=1)
    not_theirs = meeting(kind=MeetingKind.EXPERT_SESSION)
    factories.ExpertParticipationFactory(edition=edition, meeting=not_theirs, count=1)

    co_chaired = factories.EditionFactory(forum=forum, number=15)
    CoChair.objects.create(edition=co_chaired, state=factories.state("KZ"), person=person)
    plenary = factories.MeetingFactory(edition=co_chaired, kind=MeetingKind.MINISTERIAL)
    preparatory = factories.MeetingFactory(edition=co_chaired, kind=MeetingKind.SENIOR_OFFICIALS)

    expert_edition = factories.EditionFactory(forum=forum, number=16)
    factories.ExpertParticipationFactory(edition=expert_edition, person=person, count=1)
    expert_session = factories.MeetingFactory(
        edition=expert_edition, kind=MeetingKind.EXPERT_SESSION
    )
    ministerial = factories.MeetingFactory(edition=expert_edition, kind=MeetingKind.MINISTERIAL)

    feed = fetch(client, "/people/rustam/calendar.ics")

    assert feed.uids == sorted(
        uid(obj)
        for obj in [
            led,
            joined,
            spoke,
            session_speech,
            chaired,
            as_expert,
            plenary,
            co_chaired,
            expert_session,
            expert_edition,
        ]
    )
    assert {uid(not_theirs), uid(preparatory), uid(ministerial), uid(edition)}.isdisjoint(feed.uids)
    assert feed.vobject.x_wr_calname.value == "Meetings of Rustam Minnikhanov"


# Query counts -------------------------------------------------------------------------------------


def _meetings(edition: Edition, person: Person, count: int) -> None:
    """``count`` meetings in three zones, each with a delegation the person led and a title in
    Russian."""
    zones = [DUSHANBE, SEOUL, TASHKENT]
    for n in range(count):
        zone = zones[n % 3]
        meeting = factories.MeetingFactory(
            edition=edition,
            date=None,
            timezone=zone.key,
            city="Dushanbe",
            state=factories.state("TJ"),
            starts_at=at(zone, 2021, 11, 1 + n, 10),
        )
        translation_record(meeting, field="title", language="ru", text=f"Заседание {n}")
        factories.DelegationFactory(meeting=meeting, head_person=person)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_feed_asks_the_same_number_of_queries_for_few_or_many_meetings(
    client, forum, edition, language
):
    person = factories.PersonFactory(slug="head")
    other = factories.EditionFactory(forum=forum, number=15)
    urls = ["/forums/kca/calendar.ics", "/forums/kca/14/calendar.ics", "/people/head/calendar.ics"]

    def counts() -> list[int]:
        cache.clear()  # the cached maps of names and translations are read anew each time
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200
            found.append(len(queries))
        return found

    _meetings(edition, person, 2)
    _meetings(other, person, 1)
    counts()  # content types are cached for the life of the process: read them once first
    few = counts()
    assert len(Parsed(client.get(urls[2]).content.decode()).uids) == 3
    _meetings(edition, person, 9)
    _meetings(other, person, 4)
    many = counts()

    assert len(Parsed(client.get(urls[0]).content.decode()).uids) == 16
    assert len(Parsed(client.get(urls[2]).content.decode()).uids) == 16
    assert many == few


# The pages link to their feeds --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_four_pages_link_to_their_feeds(client, edition):
    meeting = factories.MeetingFactory(edition=edition)
    person = factories.PersonFactory(slug="chung-eui-yong")
    factories.DelegationFactory(meeting=meeting, head_person=person)
    pages = {
        "/forums/kca/": "/forums/kca/calendar.ics",
        "/forums/kca/14/": "/forums/kca/14/calendar.ics",
        meeting.get_absolute_url(): meeting_url(meeting),
        "/people/chung-eui-yong/": "/people/chung-eui-yong/calendar.ics",
    }
    for page, feed in pages.items():
        html = client.get(page).content.decode()
        assert (
            html.count(
                f'<a href="{feed}" type="text/calendar">Add to calendar '
                '(<span lang="en">iCalendar</span>)</a>'
            )
            == 1
        ), page
        russian = client.get(page, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
        assert f'<a href="{feed}" type="text/calendar">Добавить в календарь ' in russian


# The demo -----------------------------------------------------------------------------------------


def _expected(meetings, editions) -> list[str]:
    """What a feed should hold, derived from the record directly: meetings of known day, and
    editions known to the day with no timed meeting."""
    shown = [uid(m) for m in meetings if m.date or m.starts_at]
    for edition in editions:
        timed = edition.meetings.filter(starts_at__isnull=False).exists()
        if edition.start_date and edition.date_precision == DatePrecision.DAY and not timed:
            shown.append(uid(edition))
    return sorted(shown)


@pytest.mark.django_db
def test_every_feed_of_the_demo_is_read_by_both_parsers(client):
    call_command("demo", stdout=io.StringIO())
    kcaf = Forum.objects.get(slug="korea-central-asia")

    # The demo forum's feed imports: the editions of the Korea–Central Asia forum and their
    # meetings, the 14th Forum's ministerial plenary among them.
    feed = fetch(client, "/forums/korea-central-asia/calendar.ics")
    ministerial = Meeting.objects.get(edition__forum=kcaf, edition__number=14, kind="ministerial")
    assert len(feed.uids) == 21
    assert feed.starts(uid(ministerial)) == (dt.date(2021, 11, 30), dt.date(2021, 11, 30))
    assert feed.ievents[uid(ministerial)].location == "Dushanbe, Tajikistan"
    assert feed.vobject.x_wr_calname.value == kcaf.name

    checked = 0
    for forum in Forum.objects.all():
        meetings = Meeting.objects.filter(edition__forum=forum)
        feed = fetch(client, f"/forums/{forum.slug}/calendar.ics")
        assert feed.uids == _expected(meetings, forum.editions.all())
        for language in ("ru", "ko"):
            other = fetch(
                client, f"/forums/{forum.slug}/calendar.ics", HTTP_ACCEPT_LANGUAGE=language
            )
            assert other.uids == feed.uids
        checked += 1
        for edition in forum.editions.all():
            feed = fetch(client, f"{edition.get_absolute_url()}calendar.ics")
            assert feed.uids == _expected(edition.meetings.all(), [edition])
            checked += 1
        for meeting in meetings:
            feed = fetch(client, meeting_url(meeting))
            assert feed.uids == _expected([meeting], [])
            checked += 1
    everything = set(_expected(Meeting.objects.all(), Edition.objects.all()))
    people = 0
    for person in Person.objects.all():
        feed = fetch(client, f"/people/{person.slug}/calendar.ics")
        assert set(feed.uids) <= everything
        people += bool(feed.uids)
        checked += 1
    assert (Person.objects.count(), people) == (3, 2)
    # Tajikistan's foreign minister co-chaired the 14th Forum: its programme (the meetings that
    # do not prepare it) and, none of them being timed, its span.
    fourteenth = kcaf.editions.get(number=14)
    programme = [m for m in fourteenth.meetings.all() if not m.is_preparatory]
    feed = fetch(client, "/people/sirojiddin-muhriddin/calendar.ics")
    assert feed.uids == _expected(programme, [fourteenth])
    assert len(feed.uids) == 8
    assert checked == (
        Forum.objects.count()
        + Edition.objects.count()
        + Meeting.objects.count()
        + Person.objects.count()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "member", "staff"])
@pytest.mark.parametrize("feed", ["forum", "edition", "meeting", "person"])
def test_permission_matrix_every_feed_is_public_to_every_role(
    client, edition, staff_user, member_user, role, feed
):
    """The feeds hold what the public pages show: every role reads every feed, and only GET
    (and HEAD) are answered."""
    meeting = factories.MeetingFactory(edition=edition)
    person = factories.PersonFactory(name="Chung Eui-yong", slug="chung-eui-yong")
    url = {
        "forum": f"/forums/{edition.forum.slug}/calendar.ics",
        "edition": f"/forums/{edition.forum.slug}/{edition.number}/calendar.ics",
        "meeting": f"/forums/{edition.forum.slug}/{edition.number}/meetings/{meeting.pk}/calendar.ics",
        "person": f"/people/{person.slug}/calendar.ics",
    }[feed]
    if role != "anonymous":
        client.force_login({"member": member_user, "staff": staff_user}[role])
    answers = (client.get(url).status_code, client.post(url).status_code)
    assert answers == (200, 405)
