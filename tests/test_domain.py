"""Domain rules and the database constraints under them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plenary.common.domain import cite, record, source_record
from plenary.common.models import AuditEntry, Citation
from plenary.common.queries import citations_by_subject, conflicts_among, history_of
from plenary.documents.domain import document_adopt
from plenary.documents.enums import AdoptionMethod, DocumentStatus, VersionStatus
from plenary.forums.domain import (
    decision_record,
    edition_record,
    membership_record,
    state_ensure,
    state_name_set,
)
from plenary.forums.enums import Precedence
from plenary.forums.models import Edition
from plenary.forums.naming import state_name
from plenary.forums.precedence import collation_key, in_precedence
from plenary.meetings.domain import delegation_record, meeting_record
from plenary.meetings.models import Delegation
from plenary.people.enums import Rank
from tests import factories

pytestmark = pytest.mark.django_db


def test_state_ensure_takes_names_from_iso_and_cldr():
    kyrgyzstan = state_ensure("kg")
    assert (kyrgyzstan.code, kyrgyzstan.alpha3, kyrgyzstan.name) == ("KG", "KGZ", "Kyrgyzstan")


def test_state_ensure_refuses_unknown_code():
    with pytest.raises(ValidationError) as error:
        state_ensure("XX")
    assert error.value.message_dict == {"code": ["'XX' is not an ISO 3166-1 alpha-2 country code."]}


def test_state_name_prefers_the_forums_usage_over_cldr():
    korea = state_ensure("KR", name="Republic of Korea")
    assert state_name(korea, "en") == "Republic of Korea"
    assert state_name(korea, "ru") == "Республика Корея"
    state_name_set(state=korea, language="ko", name="대한민국 (한국)")
    korea.refresh_from_db()
    assert state_name(korea, "ko") == "대한민국 (한국)"


def test_edition_number_is_unique_per_forum(forum):
    edition_record(forum=forum, number=14, city="Dushanbe")
    with pytest.raises(IntegrityError), transaction.atomic():
        Edition.objects.create(forum=forum, number=14)
    other = factories.ForumFactory()
    assert edition_record(forum=other, number=14).forum == other


def test_edition_record_updates_instead_of_duplicating(forum):
    first = edition_record(forum=forum, number=15, city="Seoul")
    second = edition_record(forum=forum, number=15, city="Busan")
    assert first.pk == second.pk
    assert Edition.objects.filter(forum=forum, number=15).count() == 1
    assert list(history_of(second).values_list("action", "data")) == [
        ("forums.edition.updated", {"city": {"before": "Seoul", "after": "Busan"}}),
        (
            "forums.edition.created",
            {"forum": {"pk": forum.pk, "str": str(forum)}, "number": 15, "city": "Seoul"},
        ),
    ]


def test_record_that_changes_nothing_writes_nothing(forum):
    edition_record(forum=forum, number=3, city="Seoul")
    entries = AuditEntry.objects.count()
    edition_record(forum=forum, number=3, city="Seoul")
    assert AuditEntry.objects.count() == entries


def test_edition_cannot_end_before_it_starts(forum):
    with pytest.raises(ValidationError) as error:
        edition_record(
            forum=forum, number=11, start_date=dt.date(2018, 11, 7), end_date=dt.date(2018, 11, 6)
        )
    assert error.value.messages == ["The edition cannot end before it starts."]
    assert not Edition.objects.filter(forum=forum, number=11).exists()


def test_edition_number_must_be_positive(forum):
    with pytest.raises(ValidationError) as error:
        edition_record(forum=forum, number=0)
    assert error.value.messages == ["Edition numbers start at 1."]


def test_one_delegation_per_state_and_meeting(forum):
    meeting = factories.MeetingFactory(edition=factories.EditionFactory(forum=forum))
    kazakhstan = state_ensure("KZ")
    delegation_record(meeting=meeting, state=kazakhstan)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delegation.objects.create(meeting=meeting, state=kazakhstan)


def test_delegation_head_needs_a_rank(forum):
    meeting = factories.MeetingFactory(edition=factories.EditionFactory(forum=forum))
    with pytest.raises(ValidationError) as error:
        delegation_record(
            meeting=meeting, state=state_ensure("TJ"), head_person=factories.PersonFactory()
        )
    assert error.value.messages == ["Give the rank at which the head led the delegation."]


def test_delegation_head_office_gives_its_rank(forum):
    meeting = factories.MeetingFactory(edition=factories.EditionFactory(forum=forum))
    post = factories.PostFactory(
        title="Deputy Minister of Foreign Affairs",
        state=state_ensure("KZ"),
        rank=Rank.DEPUTY_MINISTER,
    )
    delegation = delegation_record(meeting=meeting, state=state_ensure("KZ"), head_post=post)
    assert (delegation.head_rank, delegation.head_label, delegation.rank_level) == (
        "deputy_minister",
        "Deputy Minister of Foreign Affairs of Kazakhstan",
        65,
    )


def test_meeting_rejects_unknown_time_zone(forum):
    edition = factories.EditionFactory(forum=forum)
    with pytest.raises(ValidationError) as error:
        meeting_record(edition=edition, title="Plenary", kind="ministerial", timezone="UTC+5")
    assert error.value.message_dict == {
        "timezone": ["'UTC+5' is not an IANA time zone such as Asia/Dushanbe."]
    }


def test_meeting_local_time_is_shown_in_its_own_zone(forum):
    edition = factories.EditionFactory(forum=forum)
    meeting = meeting_record(
        edition=edition,
        title="Plenary",
        kind="ministerial",
        timezone="Asia/Dushanbe",
        starts_at=dt.datetime(2021, 11, 30, 5, 0, tzinfo=dt.UTC),
    )
    assert meeting.local_start.isoformat() == "2021-11-30T10:00:00+05:00"
    assert meeting.local_date == dt.date(2021, 11, 30)


def test_precedence_english_alphabetical_by_default(forum):
    state_ensure("KR", name="Republic of Korea")
    states = [state_ensure(code) for code in ["UZ", "KR", "TJ", "KZ", "TM", "KG"]]
    assert [s.code for s in in_precedence(states, forum)] == ["KZ", "KG", "KR", "TJ", "TM", "UZ"]


def test_precedence_russian_alphabetical(forum):
    forum.precedence = Precedence.RUSSIAN
    forum.save()
    states = [state_ensure(code) for code in ["UZ", "KR", "TJ", "KZ", "TM", "KG"]]
    # Казахстан, Киргизия, Республика Корея, Таджикистан, Туркменистан, Узбекистан
    assert [s.code for s in in_precedence(states, forum)] == ["KZ", "KG", "KR", "TJ", "TM", "UZ"]


def test_precedence_korean_alphabetical(forum):
    forum.precedence = Precedence.KOREAN
    forum.save()
    states = [state_ensure(code) for code in ["UZ", "KR", "TJ", "KZ", "TM", "KG"]]
    # 대한민국, 우즈베키스탄, 카자흐스탄, 키르기스스탄, 타지키스탄, 투르크메니스탄
    assert [s.code for s in in_precedence(states, forum)] == ["KR", "UZ", "KZ", "KG", "TJ", "TM"]


def test_precedence_host_first_when_the_forum_wants_it(forum):
    states = [state_ensure(code) for code in ["KR", "TJ", "KZ"]]
    assert [s.code for s in in_precedence(states, forum, host=state_ensure("TJ"))] == [
        "KZ",
        "KR",
        "TJ",
    ]
    forum.host_first = True
    forum.save()
    assert [s.code for s in in_precedence(states, forum, host=state_ensure("TJ"))] == [
        "TJ",
        "KZ",
        "KR",
    ]


def test_precedence_in_the_forums_own_order(forum):
    forum.precedence = Precedence.CUSTOM
    forum.save()
    for rank, code in enumerate(["TM", "KR", "UZ"], start=1):
        membership_record(forum=forum, state=state_ensure(code), precedence_rank=rank)
    states = [state_ensure(code) for code in ["UZ", "KR", "KZ", "TM"]]
    assert [s.code for s in in_precedence(states, forum)] == ["TM", "KR", "UZ", "KZ"]


def test_precedence_orders_anything_that_names_a_state(forum):
    meeting = factories.MeetingFactory(edition=factories.EditionFactory(forum=forum))
    tajik = delegation_record(meeting=meeting, state=state_ensure("TJ"))
    kazakh = delegation_record(meeting=meeting, state=state_ensure("KZ"))
    assert in_precedence([tajik, kazakh], forum, state_of=lambda d: d.state) == [kazakh, tajik]


def test_collation_key_files_yo_with_ye():
    assert sorted(["Ёлка", "Ель", "Еж"], key=collation_key) == ["Еж", "Ёлка", "Ель"]


def test_decision_shows_what_happened_differently(forum):
    fourteenth = edition_record(forum=forum, number=14, start_date=dt.date(2021, 11, 30))
    fifteenth = edition_record(
        forum=forum, number=15, start_date=dt.date(2022, 10, 25), city="Busan"
    )
    decision = decision_record(
        edition=fourteenth,
        kind="next_edition",
        text="The 15th Forum to meet in Seoul in 2022.",
        city="Seoul",
        year=2022,
        realized_by=fifteenth,
    )
    assert decision.differences == ["decided Seoul, held in Busan"]


def test_decision_without_later_edition_has_no_differences(forum):
    decision = decision_record(
        edition=factories.EditionFactory(forum=forum),
        kind="next_edition",
        text="Next in Ashgabat.",
        city="Ashgabat",
    )
    assert decision.differences == []


def test_conflicting_sources_are_a_conflict_until_settled(forum):
    eighth = edition_record(forum=forum, number=8, start_date=dt.date(2014, 4, 22))
    ninth = edition_record(forum=forum, number=9, city="Seoul")
    one = source_record(title="Report A", publisher="Agency A")
    other = source_record(title="Report B", publisher="Agency B")
    cite(eighth, one, field="city", claim="Jeju")
    cite(eighth, other, field="city", claim="Seoul")
    cite(ninth, one, field="city")
    citations = citations_by_subject([eighth, ninth])
    conflicts = conflicts_among([eighth, ninth], citations)
    assert [(c.subject, c.field, c.claims) for c in conflicts] == [
        (eighth, "city", ["Jeju", "Seoul"])
    ]
    Citation.objects.filter(object_id=eighth.pk).update(settled=True)
    assert conflicts_among([eighth], citations_by_subject([eighth])) == []


def test_cite_twice_keeps_one_citation(forum):
    edition = factories.EditionFactory(forum=forum)
    source = source_record(title="Report", publisher="Ministry")
    cite(edition, source, field="city", locator="para. 1")
    cite(edition, source, field="city", locator="para. 1")
    assert Citation.objects.count() == 1


def test_adoption_at_a_meeting_freezes_the_latest_version(forum):
    edition = factories.EditionFactory(forum=forum)
    closing = factories.MeetingFactory(edition=edition, kind="closing_ceremony")
    document = factories.OutcomeDocumentFactory(forum=forum, edition=edition)
    first = factories.DocumentVersionFactory(document=document, number=1)
    second = factories.DocumentVersionFactory(document=document, number=2)
    document_adopt(document, on=dt.date(2021, 11, 30), at_meeting=closing)
    document.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (document.status, document.adopted_on, document.adopted_at) == (
        DocumentStatus.ADOPTED,
        dt.date(2021, 11, 30),
        closing,
    )
    assert (first.status, second.status) == (VersionStatus.SUPERSEDED, VersionStatus.ADOPTED)
    assert list(history_of(document).values_list("action", flat=True)) == [
        "documents.document.adopted"
    ]


def test_adoption_is_refused_twice_with_other_facts(forum):
    document = factories.OutcomeDocumentFactory(forum=forum)
    document_adopt(document, on=dt.date(2021, 11, 30), method=AdoptionMethod.SILENCE)
    document_adopt(document, on=dt.date(2021, 11, 30), method=AdoptionMethod.SILENCE)
    with pytest.raises(ValidationError) as error:
        document_adopt(document, on=dt.date(2021, 12, 1), method=AdoptionMethod.SILENCE)
    assert error.value.messages == ["This document has already been adopted."]


def test_adoption_at_another_forums_meeting_is_refused(forum):
    document = factories.OutcomeDocumentFactory(forum=forum)
    elsewhere = factories.MeetingFactory()
    with pytest.raises(ValidationError) as error:
        document_adopt(document, on=dt.date(2021, 11, 30), at_meeting=elsewhere)
    assert error.value.message_dict == {"adopted_at": ["That meeting belongs to another forum."]}
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT


def test_adopted_document_needs_date_and_method_in_the_database(forum):
    document = factories.OutcomeDocumentFactory(forum=forum)
    document.status = DocumentStatus.ADOPTED
    with pytest.raises(IntegrityError), transaction.atomic():
        document.save()


def test_record_validates_before_writing(forum):
    with pytest.raises(ValidationError):
        record(
            Edition,
            lookup={"forum": forum, "number": 2},
            values={"format": "by carrier pigeon"},
            action="forums.edition",
        )
    assert not Edition.objects.filter(number=2).exists()
    assert AuditEntry.objects.filter(action="forums.edition.created").count() == 0


def test_post_names_its_state_with_the_article_english_needs():
    korea = state_ensure("KR", name="Republic of Korea")
    minister = factories.PostFactory(title="Minister of Foreign Affairs", state=korea)
    tajik = factories.PostFactory(title="Minister of Foreign Affairs", state=state_ensure("TJ"))
    assert (str(minister), str(tajik)) == (
        "Minister of Foreign Affairs of the Republic of Korea",
        "Minister of Foreign Affairs of Tajikistan",
    )


def test_meeting_with_times_needs_a_time_zone(forum):
    edition = factories.EditionFactory(forum=forum)
    with pytest.raises(ValidationError) as error:
        meeting_record(
            edition=edition,
            title="Plenary",
            kind="ministerial",
            timezone="",
            starts_at=dt.datetime(2021, 11, 30, 5, 0, tzinfo=dt.UTC),
        )
    assert error.value.messages == ["Give the time zone of a meeting whose times are known."]
    unknown = meeting_record(edition=edition, title="Preparatory meeting", kind="working_group")
    assert (unknown.timezone, unknown.format, unknown.local_date) == ("", "", None)


def test_statement_delegation_must_be_at_the_same_meeting(forum):
    edition = factories.EditionFactory(forum=forum)
    plenary = factories.MeetingFactory(edition=edition)
    closing = factories.MeetingFactory(edition=edition, kind="closing_ceremony")
    elsewhere = delegation_record(meeting=closing, state=state_ensure("KZ"))
    from plenary.meetings.domain import statement_record

    with pytest.raises(ValidationError) as error:
        statement_record(meeting=plenary, position=1, summary="Spoke.", delegation=elsewhere)
    assert error.value.message_dict == {
        "delegation": ["That delegation was sent to another meeting."]
    }


def test_decision_realized_by_an_edition_of_the_same_forum(forum):
    other_forum_edition = factories.EditionFactory()
    with pytest.raises(ValidationError) as error:
        decision_record(
            edition=factories.EditionFactory(forum=forum),
            kind="next_edition",
            text="Next in Seoul.",
            realized_by=other_forum_edition,
        )
    assert error.value.message_dict == {"realized_by": ["That edition belongs to another forum."]}


def test_state_ensure_without_a_name_keeps_the_forums_usage():
    state_ensure("KR", name="Republic of Korea")
    assert state_ensure("KR").name == "Republic of Korea"
