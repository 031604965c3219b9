"""Agenda and timetable: the rules on agenda items and sessions, local times in the meeting's own
time zone, the edition's programme by day, illustrative times, and what the pages cost."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from plenary.common.domain import cite
from plenary.common.models import AuditEntry
from plenary.documents.enums import AdoptionMethod, DocumentStatus
from plenary.forums.enums import Precedence
from plenary.meetings.admin_forms import SessionForm
from plenary.meetings.agenda import (
    agenda_item_record,
    session_record,
    session_speaker_record,
    statement_agenda_item_set,
)
from plenary.meetings.enums import MeetingKind
from plenary.meetings.models import AgendaItem, Session
from tests import factories
from tests.html import section_text, table_rows
from tests.test_pages import (
    EXPECTED_QUERIES,
    count_queries,
    grow,
    korea_named,
    make_world,
    markup_problems,
    state_links,
)

DUSHANBE = zoneinfo.ZoneInfo("Asia/Dushanbe")
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
HEADER = ["Time", "Session", "Chairs", "Speakers", "Sources"]
PROGRAMME_HEADER = ["Time", "Meeting and session", "Chairs", "Speakers", "Sources"]
LEGEND = (
    "Times marked time illustrative are illustrative: no source gives the time. They place each "
    "session in its day and are not part of the record."
)

#: The programme page: edition, memberships, meetings, their sessions, the sessions' chairs,
#: speakers and agenda items, state names, citations.
PROGRAMME_QUERIES = 9

#: The meeting page once it has agenda items and sessions: the items' documents and the sessions'
#: chairs, speakers and agenda items come on top of the page's own queries (which already look
#: for agenda items and sessions).
MEETING_QUERIES = EXPECTED_QUERIES["meeting"] + 4


def at(day: int, hour: int, minute: int = 0, zone: zoneinfo.ZoneInfo = DUSHANBE) -> dt.datetime:
    month = 12 if day < 29 else 11
    return dt.datetime(2021, month, day, hour, minute, tzinfo=zone)


@pytest.fixture
def edition(forum):
    return factories.EditionFactory(
        forum=forum,
        number=14,
        start_date=dt.date(2021, 11, 30),
        city="Dushanbe",
        host_state=factories.state("TJ"),
    )


@pytest.fixture
def plenary(edition):
    return factories.MeetingFactory(
        edition=edition,
        title="Ministerial plenary",
        timezone="Asia/Dushanbe",
        date=dt.date(2021, 11, 30),
    )


def programme_url(edition) -> str:
    return reverse("meetings:programme", kwargs={"forum": edition.forum.slug, "number": 14})


def page_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def session_audit_count() -> int:
    return AuditEntry.objects.filter(action__startswith="meetings.session").count()


# Rules -------------------------------------------------------------------------------------------


def test_session_ending_before_it_starts_is_refused_with_its_message(plenary):
    with pytest.raises(ValidationError) as caught:
        session_record(meeting=plenary, title="Opening", starts_at=at(30, 10), ends_at=at(30, 9))

    assert caught.value.message_dict == {"__all__": ["A session must end after it starts."]}
    assert (Session.objects.count(), session_audit_count()) == (0, 0)


def test_session_ending_as_it_starts_is_refused(plenary):
    with pytest.raises(ValidationError) as caught:
        session_record(meeting=plenary, title="Opening", starts_at=at(30, 10), ends_at=at(30, 10))

    assert caught.value.messages == ["A session must end after it starts."]


def test_session_end_before_start_is_refused_by_the_database_too(plenary):
    """The constraint holds for code that skips validation."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            meeting=plenary, title="Opening", starts_at=at(30, 10), ends_at=at(30, 9)
        )


def test_session_without_an_end_is_accepted(plenary):
    session = session_record(meeting=plenary, title="Opening", starts_at=at(30, 10))

    assert (session.ends_at, session.local_time_span) == (None, "10:00")


def test_session_of_a_meeting_without_a_time_zone_is_refused(plenary):
    plenary.timezone = ""
    plenary.save()

    with pytest.raises(ValidationError) as caught:
        session_record(meeting=plenary, title="Opening", starts_at=at(30, 10))

    assert caught.value.message_dict == {
        "starts_at": ["Give the meeting's time zone before the times of its sessions."]
    }


def test_agenda_item_of_another_meeting_is_refused(plenary, edition):
    closing = factories.MeetingFactory(edition=edition, title="Closing ceremony")
    elsewhere = agenda_item_record(meeting=closing, number="1", title="Adoption of documents")

    with pytest.raises(ValidationError) as caught:
        session_record(
            meeting=plenary, title="Opening", starts_at=at(30, 10), agenda_items=[elsewhere]
        )

    assert caught.value.message_dict == {
        "agenda_items": ["Agenda item 1 belongs to another meeting."]
    }
    assert (Session.objects.count(), session_audit_count()) == (0, 0)


def test_agenda_item_of_another_meeting_is_refused_by_the_session_form(plenary, edition):
    closing = factories.MeetingFactory(edition=edition, title="Closing ceremony")
    own = agenda_item_record(meeting=plenary, number="1", title="Opening")
    elsewhere = agenda_item_record(meeting=closing, number="2", title="Adoption of documents")
    form = SessionForm(
        data={
            "meeting": plenary.pk,
            "title": "Opening",
            "starts_at": "2021-11-30 04:00",
            "position": "0",
            "agenda_items": [own.pk, elsewhere.pk],
        }
    )

    assert form.errors == {"agenda_items": ["Agenda item 2 belongs to another meeting."]}


def test_statement_under_an_agenda_item_of_another_meeting_is_refused(plenary, edition):
    closing = factories.MeetingFactory(edition=edition, title="Closing ceremony")
    elsewhere = agenda_item_record(meeting=closing, number="1", title="Adoption of documents")
    statement = factories.StatementFactory(meeting=plenary)

    with pytest.raises(ValidationError) as caught:
        statement_agenda_item_set(statement=statement, agenda_item=elsewhere)

    assert caught.value.message_dict == {
        "agenda_item": ["That agenda item belongs to another meeting."]
    }
    statement.refresh_from_db()
    assert statement.agenda_item is None


def test_agenda_item_number_is_unique_per_meeting(plenary, edition):
    agenda_item_record(meeting=plenary, number="1", title="Opening")
    closing = factories.MeetingFactory(edition=edition, title="Closing ceremony")
    agenda_item_record(meeting=closing, number="1", title="Opening")  # another meeting: fine

    with pytest.raises(ValidationError) as caught:
        AgendaItem(meeting=plenary, number="1", title="Another opening").full_clean()

    assert caught.value.message_dict == {
        "__all__": ["The agenda of this meeting already has an item so numbered."]
    }


def test_agenda_item_number_is_numbered_as_an_agenda_does(plenary):
    with pytest.raises(ValidationError) as caught:
        agenda_item_record(meeting=plenary, number="2 a", title="Statements")

    assert caught.value.message_dict == {
        "number": [
            "Number the item as the agenda does: digits or letters separated by dots, such as "
            "1, 2 or 2.a."
        ]
    }


def test_agenda_item_refuses_a_document_of_another_forum(plenary):
    other = factories.OutcomeDocumentFactory(forum=factories.ForumFactory(), title="Elsewhere")

    with pytest.raises(ValidationError) as caught:
        agenda_item_record(meeting=plenary, number="1", title="Opening", documents=[other])

    assert caught.value.message_dict == {
        "documents": ["“Elsewhere” is a document of another forum."]
    }
    assert AgendaItem.objects.count() == 0


def test_recording_the_same_session_twice_writes_nothing_the_second_time(plenary):
    chair = factories.PersonFactory()
    values = {
        "meeting": plenary,
        "title": "Opening",
        "starts_at": at(30, 9),
        "ends_at": at(30, 10),
        "chairs": [chair],
    }
    session_record(**values)
    entries = AuditEntry.objects.count()

    session_record(**values)

    assert AuditEntry.objects.count() == entries


# Local times -------------------------------------------------------------------------------------


def test_session_at_nine_in_dushanbe_is_four_utc_and_shows_nine(client, plenary):
    session = session_record(
        meeting=plenary, title="Opening", starts_at=at(30, 9), ends_at=at(30, 10, 30)
    )
    session.refresh_from_db()

    page = page_of(client, plenary.get_absolute_url())

    assert session.starts_at == dt.datetime(2021, 11, 30, 4, 0, tzinfo=dt.UTC)
    assert table_rows(page, "timetable") == [
        HEADER,
        ["09:00–10:30", "Opening", "—", "—", ""],
    ]
    assert "30 November 2021: local times in Asia/Dushanbe (UTC+05:00)" in section_text(
        page, "timetable"
    )
    assert '<time datetime="2021-11-30T09:00:00+05:00">09:00–10:30</time>' in page


def test_session_ending_after_midnight_says_so(client, plenary):
    session_record(meeting=plenary, title="Dinner", starts_at=at(30, 21), ends_at=at(1, 1))

    page = page_of(client, plenary.get_absolute_url())

    assert table_rows(page, "timetable")[1][0] == "21:00–01:00 the next day"


def test_meeting_page_without_agenda_or_timetable_says_so(client, plenary):
    page = page_of(client, plenary.get_absolute_url())

    assert section_text(page, "agenda") == "Agenda No agenda is recorded for this meeting."
    assert section_text(page, "timetable") == (
        "Timetable No timetable is recorded for this meeting. "
        "The whole programme of the 14th edition, day by day"
    )


# The programme -----------------------------------------------------------------------------------


@pytest.fixture
def programme(edition, plenary):
    """Sessions in two time zones over three local days, recorded out of order, a meeting with a
    day but no session, and a preparatory meeting of unknown day."""
    session_record(meeting=plenary, title="Afternoon", starts_at=at(30, 14), ends_at=at(30, 16))
    session_record(meeting=plenary, title="Morning", starts_at=at(30, 9), ends_at=at(30, 12))
    # 01:00 in Dushanbe on 1 December is still 30 November in UTC.
    session_record(meeting=plenary, title="Night sitting", starts_at=at(1, 1))
    online = factories.MeetingFactory(
        edition=edition,
        title="Online expert session",
        kind=MeetingKind.EXPERT_SESSION,
        timezone="Asia/Seoul",
        date=dt.date(2021, 11, 30),
    )
    # 15:00 in Seoul is 11:00 in Dushanbe: between the morning and the afternoon.
    session_record(
        meeting=online,
        title="Forestry",
        starts_at=at(30, 15, zone=SEOUL),
        ends_at=at(30, 16, 0, SEOUL),
    )
    factories.MeetingFactory(
        edition=edition,
        title="Business forum",
        kind=MeetingKind.SIDE_EVENT,
        timezone="Asia/Dushanbe",
        date=dt.date(2021, 11, 29),
    )
    factories.MeetingFactory(
        edition=edition,
        title="Senior officials' meeting",
        kind=MeetingKind.SENIOR_OFFICIALS,
        timezone="",
        date=None,
    )
    return edition


def test_programme_groups_by_local_day_and_orders_by_time(client, programme):
    page = page_of(client, programme_url(programme))
    days = ["day-2021-11-29", "day-2021-11-30", "day-2021-12-01", "day-unknown"]

    assert sorted(days, key=lambda day: page.index(f'id="{day}"')) == days
    assert [section_text(page, f"{day}-heading") for day in days] == [
        "29 November 2021",
        "30 November 2021",
        "1 December 2021",
        "Date not known",
    ]
    assert table_rows(page, "day-2021-11-29") == [
        PROGRAMME_HEADER,
        [
            "time not known",
            "Side event: Business forum No timetable is recorded for this meeting.",
            "—",
            "—",
            "",
        ],
    ]
    assert table_rows(page, "day-2021-11-30") == [
        PROGRAMME_HEADER,
        [
            "09:00–12:00 Asia/Dushanbe (UTC+05:00)",
            "Ministerial plenary: Ministerial plenary Morning",
            "—",
            "—",
            "",
        ],
        [
            "15:00–16:00 Asia/Seoul (UTC+09:00)",
            "Expert session: Online expert session Forestry",
            "—",
            "—",
            "",
        ],
        [
            "14:00–16:00 Asia/Dushanbe (UTC+05:00)",
            "Ministerial plenary: Ministerial plenary Afternoon",
            "—",
            "—",
            "",
        ],
    ]
    assert table_rows(page, "day-2021-12-01")[1][:2] == [
        "01:00",
        "Ministerial plenary: Ministerial plenary Night sitting",
    ]
    assert table_rows(page, "day-unknown")[1][:2] == [
        "time not known",
        "preparatory Senior officials / vice-ministerial meeting: Senior officials' meeting "
        "No timetable is recorded for this meeting.",
    ]


def test_programme_names_the_zone_once_for_a_day_in_one_zone(client, programme):
    page = page_of(client, programme_url(programme))

    assert section_text(page, "day-2021-12-01").startswith(
        "1 December 2021 Local times in Asia/Dushanbe (UTC+05:00) Time"
    )
    assert section_text(page, "day-2021-11-30").startswith(
        "30 November 2021 Local times of each meeting Time"
    )


def test_programme_page_is_well_formed(client, programme):
    assert markup_problems(page_of(client, programme_url(programme))) == []


def test_programme_of_an_unknown_edition_is_404(client, edition):
    url = reverse("meetings:programme", kwargs={"forum": edition.forum.slug, "number": 99})

    assert client.get(url).status_code == 404


def test_edition_page_links_to_its_programme(client, edition, plenary):
    page = page_of(client, edition.get_absolute_url())

    assert f'href="{programme_url(edition)}"' in page


# Illustrative times ------------------------------------------------------------------------------


def test_illustrative_time_is_marked_and_explained(client, plenary):
    session_record(
        meeting=plenary,
        title="Statements",
        starts_at=at(30, 9),
        ends_at=at(30, 10, 30),
        illustrative=True,
    )
    session_record(meeting=plenary, title="Press", starts_at=at(30, 11), ends_at=at(30, 12))

    meeting_page = page_of(client, plenary.get_absolute_url())
    programme_page = page_of(client, programme_url(plenary.edition))

    assert [row[0] for row in table_rows(meeting_page, "timetable")[1:]] == [
        "09:00–10:30 time illustrative",
        "11:00–12:00",
    ]
    assert [row[0] for row in table_rows(programme_page, "day-2021-11-30")[1:]] == [
        "09:00–10:30 time illustrative",
        "11:00–12:00",
    ]
    assert section_text(meeting_page, "timetable").startswith(f"Timetable {LEGEND}")
    assert section_text(programme_page, "illustrative-legend") == LEGEND


def test_times_from_the_record_carry_no_illustrative_note(client, plenary):
    session_record(meeting=plenary, title="Press", starts_at=at(30, 11), ends_at=at(30, 12))

    for url in [plenary.get_absolute_url(), programme_url(plenary.edition)]:
        assert "illustrative" not in page_of(client, url)


# Chairs, speakers and precedence -----------------------------------------------------------------


@pytest.fixture
def statements_session(plenary):
    """A session whose speakers were recorded in the order they spoke, not in precedence."""
    session = session_record(
        meeting=plenary,
        title="Statements",
        starts_at=at(30, 10),
        chairs=[factories.PersonFactory(name="Sirojiddin Muhriddin", sort_name="Muhriddin")],
        chair_office="Minister of Foreign Affairs of the Republic of Korea",
    )
    for position, code in enumerate(["UZ", "TM", "TJ", "KR", "KG", "KZ"], start=1):
        state = factories.state(code)
        session_speaker_record(
            session=session,
            position=position,
            post=factories.PostFactory(title="Minister of Foreign Affairs", state=state),
        )
    secretariat = factories.OrganizationFactory(name="Secretariat")
    session_speaker_record(
        session=session,
        position=7,
        post=factories.PostFactory(title="Director", state=None, organization=secretariat),
    )
    korea_named()
    return session


@pytest.mark.parametrize(
    ("precedence", "expected"),
    [
        (
            Precedence.ENGLISH,
            [
                "Kazakhstan",
                "Kyrgyzstan",
                "Republic of Korea",
                "Tajikistan",
                "Turkmenistan",
                "Uzbekistan",
            ],
        ),
        (
            Precedence.KOREAN,
            [
                "Republic of Korea",
                "Uzbekistan",
                "Kazakhstan",
                "Kyrgyzstan",
                "Tajikistan",
                "Turkmenistan",
            ],
        ),
    ],
)
def test_speakers_are_listed_in_the_forums_order_of_precedence(
    client, forum, statements_session, precedence, expected
):
    forum.precedence = precedence
    forum.save()
    element = f"session-{statements_session.pk}"

    for url in [statements_session.meeting.get_absolute_url(), programme_url(forum.editions.get())]:
        response = client.get(url)
        assert state_links(response, element) == expected


def test_speaker_for_no_state_follows_the_states(client, statements_session):
    page = page_of(client, statements_session.meeting.get_absolute_url())
    speakers = table_rows(page, "timetable")[1][3]

    assert speakers.endswith(
        "Uzbekistan: Minister of Foreign Affairs of Uzbekistan Director, Secretariat"
    )


def test_chairs_are_named_with_an_office_whose_holder_is_not_known(client, statements_session):
    page = page_of(client, statements_session.meeting.get_absolute_url())

    assert table_rows(page, "timetable")[1][2] == (
        "Sirojiddin Muhriddin; Minister of Foreign Affairs of the Republic of Korea"
    )


def test_speaker_takes_the_state_of_the_office(statements_session):
    assert [s.state.code for s in statements_session.speakers.order_by("position")[:6]] == [
        "UZ",
        "TM",
        "TJ",
        "KR",
        "KG",
        "KZ",
    ]


# The agenda --------------------------------------------------------------------------------------


def test_agenda_lists_items_with_their_documents_statements_and_sessions(client, forum, plenary):
    adopted = factories.OutcomeDocumentFactory(
        forum=forum,
        edition=plenary.edition,
        title="Joint Statement",
        kind=factories.DocumentKindFactory(name="Joint Statement"),
        status=DocumentStatus.ADOPTED,
        adopted_on=dt.date(2021, 11, 30),
        adoption_method=AdoptionMethod.AT_MEETING,
        adopted_at=plenary,
    )
    draft = factories.OutcomeDocumentFactory(
        forum=forum, title="Draft press release", status=DocumentStatus.UNDER_NEGOTIATION
    )
    # Recorded out of order; the agenda follows the positions.
    statements_item = agenda_item_record(
        meeting=plenary, number="2.a", title="Statements of the delegations", position=2
    )
    adoption = agenda_item_record(
        meeting=plenary,
        number="3",
        title="Adoption of the outcome documents",
        position=3,
        documents=[adopted, draft],
    )
    agenda_item_record(meeting=plenary, number="1", title="Opening of the meeting", position=1)
    for code in ["UZ", "KZ"]:
        delegation = factories.DelegationFactory(meeting=plenary, state=factories.state(code))
        statement = factories.StatementFactory(
            meeting=plenary, delegation=delegation, position=1 if code == "UZ" else 2
        )
        statement_agenda_item_set(statement=statement, agenda_item=statements_item)
    factories.StatementFactory(meeting=plenary, delegation=None, position=3)  # under no item
    session_record(
        meeting=plenary,
        title="Morning sitting",
        starts_at=at(30, 9),
        agenda_items=[statements_item, adoption],
    )

    page = page_of(client, plenary.get_absolute_url())

    assert section_text(page, "agenda") == (
        "Agenda "
        "1 Opening of the meeting "
        "2.a Statements of the delegations Statements: Kazakhstan Uzbekistan "
        "Taken up at Morning sitting. "
        "3 Adoption of the outcome documents Document: Joint Statement "
        "(Joint Statement, adopted 30 November 2021) Taken up at Morning sitting."
    )
    assert table_rows(page, "timetable")[1][1] == "Morning sitting Agenda items 2.a, 3"
    assert markup_problems(page) == []


def test_agenda_shows_drafts_to_the_secretariat(client, forum, plenary, staff_user):
    from plenary.accounts.domain import role_grant
    from plenary.accounts.enums import RoleKind

    draft = factories.OutcomeDocumentFactory(
        forum=forum, title="Draft press release", status=DocumentStatus.UNDER_NEGOTIATION
    )
    agenda_item_record(meeting=plenary, number="1", title="Press release", documents=[draft])
    role_grant(user=staff_user, forum=forum, kind=RoleKind.SECRETARIAT)
    client.force_login(staff_user)

    page = page_of(client, plenary.get_absolute_url())

    assert "Draft press release" in section_text(page, "agenda")


# Query counts ------------------------------------------------------------------------------------


def add_programme(world, i: int) -> None:
    """One more agenda item (with documents and a statement), and a session on the main meeting
    and on another meeting of the edition, each with chairs, speakers, agenda items and
    sources."""
    source = factories.SourceFactory()
    main = world.main
    main.timezone = "Asia/Dushanbe"
    main.save()
    item = agenda_item_record(
        meeting=main,
        number=str(i + 1),
        title=f"Item {i + 1}",
        position=i,
        documents=[
            world.document,
            factories.OutcomeDocumentFactory(forum=world.forum, edition=world.edition),
        ],
    )
    cite(item, source)
    statement = factories.StatementFactory(
        meeting=main, delegation=None, speaker_person=factories.PersonFactory()
    )
    statement_agenda_item_set(statement=statement, agenda_item=item)
    other = factories.MeetingFactory(
        edition=world.edition, timezone="Asia/Seoul", date=dt.date(2021, 11, 29 + i % 2)
    )
    for meeting, agenda in [(main, [item]), (other, [])]:
        session = session_record(
            meeting=meeting,
            title=f"Session {i}",
            starts_at=at(30, 8 + i),
            ends_at=at(30, 9 + i),
            illustrative=bool(i % 2),
            chairs=[factories.PersonFactory(), world.person],
            chair_office="A chair",
            agenda_items=agenda,
        )
        cite(session, source)
        for position, code in enumerate(["UZ", "KR"]):
            state = factories.state(code)
            session_speaker_record(
                session=session,
                position=position,
                person=factories.PersonFactory(),
                post=factories.PostFactory(state=state),
            )


def test_meeting_page_query_count_does_not_grow_with_agenda_and_sessions(client, forum):
    world = make_world(forum)
    grow(world, 1)
    add_programme(world, 0)
    small = count_queries(client, world.main.get_absolute_url())
    grow(world, 3)
    for i in range(1, 4):
        add_programme(world, i)
    large = count_queries(client, world.main.get_absolute_url())

    assert (small, large) == (MEETING_QUERIES, MEETING_QUERIES)


def test_programme_page_query_count_does_not_grow_with_data(client, forum):
    world = make_world(forum)
    url = programme_url(world.edition)
    grow(world, 1)
    add_programme(world, 0)
    small = count_queries(client, url)
    grow(world, 3)
    for i in range(1, 4):
        add_programme(world, i)
    large = count_queries(client, url)

    assert (small, large) == (PROGRAMME_QUERIES, PROGRAMME_QUERIES)


# The back office ---------------------------------------------------------------------------------


def test_back_office_shows_session_times_in_the_meetings_zone(client, plenary, staff_user):
    session = session_record(meeting=plenary, title="Opening", starts_at=at(30, 9))
    client.force_login(staff_user)

    meeting_page = page_of(client, reverse("admin:meetings_meeting_change", args=[plenary.pk]))
    session_page = page_of(client, reverse("admin:meetings_session_change", args=[session.pk]))

    assert 'name="sessions-0-starts_at_1" value="09:00:00"' in meeting_page
    assert 'name="starts_at_1" value="09:00:00"' in session_page


def _timetable_rows(meeting, speakers_of: Session, i: int) -> None:
    document = factories.OutcomeDocumentFactory(forum=meeting.edition.forum)
    item = agenda_item_record(
        meeting=meeting, number=str(i + 1), title=f"Item {i + 1}", documents=[document]
    )
    session_record(
        meeting=meeting,
        title=f"Session {i}",
        starts_at=at(30, 8 + i),
        chairs=[factories.PersonFactory()],
        agenda_items=[item],
    )
    state = factories.state(["KZ", "KG", "TJ", "TM"][i])
    session_speaker_record(
        session=speakers_of,
        position=i,
        person=factories.PersonFactory(),
        post=factories.PostFactory(state=state),
    )


def test_back_office_pages_cost_the_same_for_one_row_or_four(client, plenary, staff_user):
    """The meeting's agenda and timetable inlines, and a session's speakers."""
    session = session_record(meeting=plenary, title="Statements", starts_at=at(30, 14))
    urls = [
        reverse("admin:meetings_meeting_change", args=[plenary.pk]),
        reverse("admin:meetings_session_change", args=[session.pk]),
    ]
    client.force_login(staff_user)
    _timetable_rows(plenary, session, 0)
    small = [count_queries(client, url) for url in urls]
    for i in range(1, 4):
        _timetable_rows(plenary, session, i)
    large = [count_queries(client, url) for url in urls]

    assert large == small


def test_back_office_refuses_a_session_ending_before_it_starts(client, plenary, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:meetings_session_add"),
        {
            "meeting": plenary.pk,
            "title": "Opening",
            "starts_at_0": "2021-11-30",
            "starts_at_1": "10:00",
            "ends_at_0": "2021-11-30",
            "ends_at_1": "09:00",
            "position": "0",
            "speakers-TOTAL_FORMS": "0",
            "speakers-INITIAL_FORMS": "0",
            "common-citation-content_type-object_id-TOTAL_FORMS": "0",
            "common-citation-content_type-object_id-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "ends_at": ["A session must end after it starts."]
    }
    assert Session.objects.count() == 0


def test_back_office_reads_session_times_in_the_meetings_zone(client, plenary, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:meetings_session_add"),
        {
            "meeting": plenary.pk,
            "title": "Opening",
            "starts_at_0": "2021-11-30",
            "starts_at_1": "09:00",
            "position": "0",
            "speakers-TOTAL_FORMS": "0",
            "speakers-INITIAL_FORMS": "0",
            "common-citation-content_type-object_id-TOTAL_FORMS": "0",
            "common-citation-content_type-object_id-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    assert Session.objects.get().starts_at == dt.datetime(2021, 11, 30, 4, tzinfo=dt.UTC)


# The 14th Forum in the demo ----------------------------------------------------------------------


def test_demo_fourteenth_programme(client, db):
    call_command("demo", stdout=io.StringIO())
    url = reverse("meetings:programme", kwargs={"forum": "korea-central-asia", "number": 14})

    page = page_of(client, url)

    assert section_text(page, "illustrative-legend") == LEGEND
    assert [row[:3] for row in table_rows(page, "day-2021-11-30")] == [
        PROGRAMME_HEADER[:3],
        [
            "10:00–12:30 time illustrative",
            "Ministerial plenary: Ministerial plenary Statements of the heads of delegation",
            "Chung Eui-yong; Sirojiddin Muhriddin",
        ],
        [
            "14:00–14:45 time illustrative",
            "Expert session: Expert session on forestry",
            "—",
        ],
        [
            "14:45–15:30 time illustrative",
            "Expert session: Expert session on carbon neutrality",
            "—",
        ],
        [
            "15:45–16:30 time illustrative",
            "Expert session: Expert session on health",
            "—",
        ],
        [
            "16:30–17:15 time illustrative",
            "Expert session: Expert session on digitalization",
            "—",
        ],
        [
            "17:30–18:00 time illustrative",
            "Closing ceremony: Closing ceremony "
            "Adoption of the Joint Statement and the 2022 Work Plan",
            "—",
        ],
    ]
    assert section_text(page, "day-2021-11-30").startswith(
        "30 November 2021 Local times in Asia/Dushanbe (UTC+05:00)"
    )
    assert table_rows(page, "day-2021-11-30")[1][3] == (
        "Kazakhstan: Deputy Minister of Foreign Affairs of Kazakhstan "
        "Kyrgyzstan: Minister of Foreign Affairs of Kyrgyzstan "
        "Republic of Korea: Chung Eui-yong, Minister of Foreign Affairs of the Republic of Korea "
        "Tajikistan: Sirojiddin Muhriddin, Minister of Foreign Affairs of Tajikistan "
        "Turkmenistan: Minister of Foreign Affairs of Turkmenistan "
        "Uzbekistan: Minister of Foreign Affairs of Uzbekistan"
    )
    assert [row[:2] for row in table_rows(page, "day-2021-11-29")[1:]] == [
        [
            "time not known",
            "Side event: First 5+1 Business Forum No timetable is recorded for this meeting.",
        ]
    ]
    assert [row[1].split(":")[1].strip() for row in table_rows(page, "day-unknown")[1:]] == [
        "Vice-foreign-ministerial preparatory meeting No timetable is recorded for this meeting.",
        "Working-level preparatory meeting No timetable is recorded for this meeting.",
    ]
    assert markup_problems(page) == []


def test_demo_fourteenth_times_are_all_illustrative_and_in_utc(db):
    call_command("demo", stdout=io.StringIO())
    sessions = Session.objects.filter(meeting__edition__number=14).order_by("starts_at")

    assert [(s.meeting.title, s.starts_at.strftime("%H:%M"), s.illustrative) for s in sessions] == [
        ("Ministerial plenary", "05:00", True),
        ("Expert session on forestry", "09:00", True),
        ("Expert session on carbon neutrality", "09:45", True),
        ("Expert session on health", "10:45", True),
        ("Expert session on digitalization", "11:30", True),
        ("Closing ceremony", "12:30", True),
    ]
    # The report names no heads-of-delegation meeting, so the demo records none.
    assert not Session.objects.filter(meeting__kind=MeetingKind.HEADS_OF_DELEGATION).exists()
