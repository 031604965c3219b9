"""Writing the accepted facts of a report in intake to the record (``intake.apply.report_apply``).

Reports and their facts are built directly, as the reviewer leaves them: accepted, pending,
rejected, or accepted with an edited value.
"""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from plenary.common.models import AuditEntry, Citation, Source
from plenary.common.queries import citations_by_subject, conflicts_among
from plenary.demo.kcaf import kcaf_load
from plenary.documents.models import OutcomeDocument
from plenary.forums.models import CoChair, Decision, Edition, Field, State
from plenary.intake import models as intake
from plenary.intake.apply import report_apply
from plenary.meetings.models import (
    Delegation,
    ExpertParticipation,
    Meeting,
    Proposal,
    Statement,
)
from plenary.people.models import Person, Post
from tests import factories

ACCEPTED = intake.FactDecision.ACCEPTED
PENDING = intake.FactDecision.PENDING
REJECTED = intake.FactDecision.REJECTED

BUSAN_TEXT = (
    "BUSAN, Oct. 25 -- The 15th Korea-Central Asia Cooperation Forum opened in Busan on Tuesday "
    'under the theme "Building a Sustainable Future Together", co-chaired by Foreign Minister '
    "Park Jin. Taking part were Tajik Foreign Minister Sirojiddin Muhriddin, Turkmen Foreign "
    "Minister Rashid Meredov, Kazakh Deputy Foreign Minister Akan Rakhmetullin, Kazakhstan's "
    "Ambassador Nurgali Arystanov and Uzbekistan's first deputy foreign minister. Park called for "
    "resilient supply chains for critical minerals and asked the Central Asian countries to back "
    "Busan's bid for the 2030 World Expo. Muhriddin proposed a working group on water and "
    "climate; Uzbekistan hoped Korea would widen its aid to health. Some 50 experts met in "
    "sessions on forestry and health. Senior officials met on Monday to fine-tune the outcome "
    "documents. The ministers adopted the Busan Joint Statement and the 2023 Work Plan of the "
    "Korea-Central Asia Cooperation Forum Secretariat, and agreed to hold the 16th forum in "
    "Ashgabat in 2023."
)

PROPOSAL_SUPPLY = "resilient supply chains for critical minerals"
PROPOSAL_EXPO = "the Central Asian countries to back Busan's bid for the 2030 World Expo"
PROPOSAL_WATER = "a working group on water and climate"
PROPOSAL_AID = "Korea would widen its aid to health"
JOINT_STATEMENT = "Busan Joint Statement"
WORK_PLAN = "2023 Work Plan of the Korea-Central Asia Cooperation Forum Secretariat"
NEXT = "hold the 16th forum in Ashgabat in 2023"


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def fifteenth_facts() -> list[tuple]:
    """Every key of the 15th Forum's report as ``(key, value, decision, words)``."""
    return [
        ("forum", "Korea–Central Asia Cooperation Forum", ACCEPTED, "Korea-Central Asia"),
        ("edition_number", 15, ACCEPTED, "15th"),
        ("start_date", "2022-10-25", ACCEPTED, "Oct. 25"),
        ("end_date", "2022-10-25", ACCEPTED, "Oct. 25"),
        ("city", "Busan", ACCEPTED, "Busan"),
        ("country", "KR", ACCEPTED, "Busan"),
        ("format", "in_person", ACCEPTED, "opened in Busan"),
        ("theme", "Building a Sustainable Future Together", ACCEPTED, "Building a Sustainable"),
        ("chairs", {"country": "KR", "person": "Park Jin", "rank": "foreign_minister"}, ACCEPTED, "Park Jin"),
        ("participants", {"country": "KR", "person": "Park Jin", "rank": "foreign_minister"}, ACCEPTED, "Park Jin"),
        ("participants", {"country": "TJ", "person": "Sirojiddin Muhriddin", "rank": "foreign_minister"}, ACCEPTED, "Tajik Foreign"),
        ("participants", {"country": "TM", "person": "Rashid Meredov", "rank": "foreign_minister"}, ACCEPTED, "Turkmen Foreign"),
        ("participants", {"country": "KZ", "person": "Akan Rakhmetullin", "rank": "deputy_minister"}, ACCEPTED, "Kazakh Deputy"),
        ("participants", {"country": "KZ", "person": "Nurgali Arystanov", "rank": "ambassador"}, ACCEPTED, "Ambassador Nurgali"),
        ("participants", {"country": "UZ", "person": None, "rank": "first_deputy_minister"}, ACCEPTED, "Uzbekistan's first"),
        ("proposals", {"country": "KR", "person": "Park Jin", "text": PROPOSAL_SUPPLY}, ACCEPTED, "resilient supply"),
        ("proposals", {"country": "KR", "person": "Park Jin", "text": PROPOSAL_EXPO}, ACCEPTED, "the Central Asian countries to back"),
        ("proposals", {"country": "TJ", "person": "Sirojiddin Muhriddin", "text": PROPOSAL_WATER}, ACCEPTED, "a working group"),
        ("proposals", {"country": "UZ", "person": None, "text": PROPOSAL_AID}, ACCEPTED, "Korea would widen"),
        ("expert_session_fields", "forestry", ACCEPTED, "forestry"),
        ("expert_session_fields", "health", ACCEPTED, "and health."),
        ("expert_count", 50, ACCEPTED, "Some 50 experts"),
        ("preparatory_meetings", {"kind": "senior_officials", "text": "Senior officials met on Monday"}, ACCEPTED, "Senior officials met"),
        ("outcome_documents", JOINT_STATEMENT, ACCEPTED, JOINT_STATEMENT),
        ("outcome_documents", WORK_PLAN, ACCEPTED, "2023 Work Plan"),
        ("decisions", {"kind": "next_edition", "text": NEXT, "city": "Ashgabat", "year": 2023}, ACCEPTED, "hold the 16th"),
        ("conflicts", {"kind": "duplicate_participant", "text": "Kazakhstan is listed twice."}, ACCEPTED, "Kazakh"),
    ]  # fmt: skip


def make_report(
    forum,
    facts,
    *,
    title="Korea, Central Asia meet in Busan",
    publisher="Wire Agency",
    text=BUSAN_TEXT,
    published_on=dt.date(2022, 10, 25),
    edits=None,
    **values,
) -> intake.IntakeReport:
    """A report in review with ``facts`` as ``(key, value, decision, words)``; ``edits`` maps
    ``(key, position)`` to the reviewer's correction."""
    report = intake.IntakeReport.objects.create(
        forum=forum,
        title=title,
        publisher=publisher,
        url="https://news.example.org/busan",
        published_on=published_on,
        text=text,
        proposal=proposal_of(facts),
        **values,
    )
    positions: dict[str, int] = {}
    for key, value, decision, words in facts:
        position = positions.get(key, 0)
        positions[key] = position + 1
        start, end = span(text, words)
        intake.IntakeFact.objects.create(
            report=report,
            key=key,
            position=position,
            value=value,
            edited_value=(edits or {}).get((key, position)),
            start=start,
            end=end,
            confidence=0.9,
            decision=decision,
        )
    return report


LIST_KEYS = {
    "chairs",
    "participants",
    "proposals",
    "expert_session_fields",
    "preparatory_meetings",
    "outcome_documents",
    "decisions",
    "conflicts",
}


def proposal_of(facts) -> dict:
    """The extractor's proposal, whole, that the facts were made from."""
    proposal: dict = {}
    for key, value, _, _ in facts:
        if key in LIST_KEYS:
            proposal.setdefault(key, []).append(value)
        else:
            proposal[key] = value
    return proposal


def counts() -> dict[str, int]:
    models = [
        Edition,
        Meeting,
        Delegation,
        Statement,
        Proposal,
        OutcomeDocument,
        Decision,
        CoChair,
        ExpertParticipation,
        Person,
        Post,
        Field,
        State,
        Source,
        Citation,
        AuditEntry,
    ]
    return {model.__name__: model.objects.count() for model in models}


def refused(report, user) -> list[str]:
    before = counts()
    with pytest.raises(ValidationError) as refusal:
        report_apply(report, by=user)
    assert counts() == before
    report.refresh_from_db()
    assert report.status == intake.ReportStatus.IN_REVIEW
    assert report.source is None
    assert report.edition is None
    return refusal.value.messages


def citations_of(subject, source=None, **filters):
    found = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk, **filters
    )
    return found.filter(source=source) if source is not None else found


def cited(subject, source, **filters) -> bool:
    return citations_of(subject, source, **filters).exists()


def heads(meeting) -> list[tuple]:
    return [
        (d.state.code, d.head_person.name if d.head_person else None, d.head_rank, str(d.head_post))
        for d in meeting.delegations.select_related("state", "head_person", "head_post").order_by(
            "state__code"
        )
    ]


@pytest.fixture
def fifteenth(forum, staff_user):
    """The 15th Forum written from a report with every kind of fact, into a forum with none."""
    report = make_report(forum, fifteenth_facts())
    edition = report_apply(report, by=staff_user)
    return report, edition


# ---------------------------------------------------------------------------------------------
# Nothing accepted, nothing written


def test_nothing_is_written_when_no_fact_is_accepted(forum, staff_user):
    facts = [
        (key, value, PENDING if number % 2 else REJECTED, words)
        for number, (key, value, _, words) in enumerate(fifteenth_facts())
    ]
    report = make_report(forum, facts)

    assert refused(report, staff_user) == [
        "Accept the edition number before writing the report: the facts must belong to an "
        "identified edition."
    ]
    assert Edition.objects.count() == 0


# ---------------------------------------------------------------------------------------------
# A new edition with every kind of fact


def test_a_new_edition_with_its_scalar_facts(fifteenth, forum):
    _, edition = fifteenth
    assert Edition.objects.filter(forum=forum).count() == 1
    assert (edition.number, edition.start_date, edition.end_date) == (
        15,
        dt.date(2022, 10, 25),
        dt.date(2022, 10, 25),
    )
    assert (edition.city, edition.host_state.code, edition.format, edition.theme) == (
        "Busan",
        "KR",
        "in_person",
        "Building a Sustainable Future Together",
    )
    # Published the day it met: the report tells of an edition held.
    assert edition.status == "held"
    assert edition.chair_state is None


def test_the_report_becomes_the_source_and_is_marked_applied(fifteenth):
    report, edition = fifteenth
    report.refresh_from_db()
    assert report.status == intake.ReportStatus.APPLIED
    assert report.edition == edition
    assert report.text == BUSAN_TEXT
    source = report.source
    assert (source.title, source.publisher, source.kind, source.url, source.published_on) == (
        "Korea, Central Asia meet in Busan",
        "Wire Agency",
        Source.Kind.NEWS_REPORT,
        "https://news.example.org/busan",
        dt.date(2022, 10, 25),
    )
    assert source.notes == (
        f"Came into the record through intake (report #{report.pk}): the secretariat reviewed "
        "each fact proposed from the report and wrote the accepted ones. The report's full text "
        "is kept with it."
    )


def test_a_ministrys_report_is_a_press_release(forum, staff_user):
    report = make_report(
        forum,
        [("edition_number", 15, ACCEPTED, "15th")],
        publisher="Ministry of Foreign Affairs of the Republic of Korea",
    )
    report_apply(report, by=staff_user)
    report.refresh_from_db()
    assert report.source.kind == Source.Kind.PRESS_RELEASE


def test_co_chairs_with_their_office(fifteenth):
    _, edition = fifteenth
    assert [
        (c.state.code, c.person.name, c.post.title, c.post.rank, c.post.state.code)
        for c in edition.co_chairs.all()
    ] == [("KR", "Park Jin", "Minister of Foreign Affairs", "foreign_minister", "KR")]


def test_delegations_at_a_ministerial_plenary_created_on_the_editions_day(fifteenth):
    _, edition = fifteenth
    meeting = edition.meetings.get(kind="ministerial")
    assert (meeting.title, meeting.date, meeting.city, meeting.state.code) == (
        "Ministerial plenary",
        dt.date(2022, 10, 25),
        "Busan",
        "KR",
    )
    assert (meeting.format, meeting.status) == ("in_person", "held")
    assert heads(meeting) == [
        ("KR", "Park Jin", "foreign_minister", "Minister of Foreign Affairs of South Korea"),
        ("KZ", "Akan Rakhmetullin", "deputy_minister", "None"),
        ("TJ", "Sirojiddin Muhriddin", "foreign_minister", "Minister of Foreign Affairs of Tajikistan"),
        ("TM", "Rashid Meredov", "foreign_minister", "Minister of Foreign Affairs of Turkmenistan"),
        ("UZ", None, "first_deputy_minister", "None"),
    ]  # fmt: skip


def test_a_state_listed_twice_is_one_delegation_with_both_claims(fifteenth):
    report, edition = fifteenth
    report.refresh_from_db()
    kazakhstan = Delegation.objects.get(meeting__edition=edition, state__code="KZ")
    claims = citations_of(kazakhstan, report.source).exclude(claim="")
    assert sorted(claims.values_list("field", "claim")) == [
        ("head_person", "Akan Rakhmetullin"),
        ("head_person", "Nurgali Arystanov"),
        ("head_rank", "ambassador"),
        ("head_rank", "deputy / vice minister"),
    ]
    conflicts = conflicts_among([kazakhstan], citations_by_subject([kazakhstan]))
    assert sorted(c.field for c in conflicts) == ["head_person", "head_rank"]
    # Only the person who led it is written; the other stays a claim.
    assert not Person.objects.filter(name="Nurgali Arystanov").exists()


def test_new_people_are_created_once_each(fifteenth):
    assert sorted(Person.objects.values_list("name", "slug", "note")) == [
        ("Akan Rakhmetullin", "akan-rakhmetullin", "Named in “Korea, Central Asia meet in Busan”."),
        ("Park Jin", "park-jin", "Named in “Korea, Central Asia meet in Busan”."),
        ("Rashid Meredov", "rashid-meredov", "Named in “Korea, Central Asia meet in Busan”."),
        (
            "Sirojiddin Muhriddin",
            "sirojiddin-muhriddin",
            "Named in “Korea, Central Asia meet in Busan”.",
        ),
    ]


def test_proposals_in_the_statement_of_each_delegation(fifteenth):
    _, edition = fifteenth
    meeting = edition.meetings.get(kind="ministerial")
    statements = [
        (
            s.position,
            s.delegation.state.code,
            s.speaker_person.name if s.speaker_person else None,
            s.summary,
            [(p.position, p.text) for p in s.proposals.all()],
        )
        for s in meeting.statements.select_related("delegation__state", "speaker_person")
    ]
    assert statements == [
        (
            1,
            "KR",
            "Park Jin",
            f"Proposed, in the words of the report: {PROPOSAL_SUPPLY}; {PROPOSAL_EXPO}.",
            [(1, PROPOSAL_SUPPLY), (2, PROPOSAL_EXPO)],
        ),
        (
            2,
            "TJ",
            "Sirojiddin Muhriddin",
            f"Proposed, in the words of the report: {PROPOSAL_WATER}.",
            [(1, PROPOSAL_WATER)],
        ),
        (
            3,
            "UZ",
            None,
            f"Proposed, in the words of the report: {PROPOSAL_AID}.",
            [(1, PROPOSAL_AID)],
        ),
    ]


def test_expert_sessions_one_per_field_and_the_count_of_experts(fifteenth):
    _, edition = fifteenth
    sessions = edition.meetings.filter(kind="expert_session").order_by("position")
    assert [(m.title, m.field.name, m.date, m.city, m.status) for m in sessions] == [
        ("Expert session on forestry", "Forestry", dt.date(2022, 10, 25), "Busan", "held"),
        ("Expert session on health", "Health", dt.date(2022, 10, 25), "Busan", "held"),
    ]
    assert [
        (e.description, e.count, e.approximate, e.state, e.field, e.person)
        for e in edition.expert_participations.all()
    ] == [("Experts at the expert sessions", 50, False, None, None, None)]


def test_a_preparatory_meeting_without_a_date(fifteenth):
    _, edition = fifteenth
    [meeting] = edition.meetings.filter(kind__in=["senior_officials", "working_group"])
    assert (meeting.kind, meeting.title, meeting.date, meeting.status, meeting.summary) == (
        "senior_officials",
        "Senior officials' preparatory meeting",
        None,
        "held",
        "The report speaks of it as “Senior officials met on Monday”.",
    )


def test_outcome_documents_adopted_at_the_plenary_without_a_text(fifteenth, forum):
    _, edition = fifteenth
    plenary = edition.meetings.get(kind="ministerial")
    documents = OutcomeDocument.objects.filter(forum=forum).order_by("title")
    assert [
        (d.title, d.kind.name, d.edition, d.status, d.adopted_on, d.adopted_at, d.adoption_method)
        for d in documents
    ] == [
        (WORK_PLAN, "Work Plan", edition, "adopted", dt.date(2022, 10, 25), plenary, "meeting"),
        (JOINT_STATEMENT, "Joint Statement", edition, "adopted", dt.date(2022, 10, 25), plenary, "meeting"),
    ]  # fmt: skip
    assert documents[1].summary == (
        "Adopted at the 15th Korea–Central Asia Cooperation Forum, as “Korea, Central Asia meet "
        "in Busan” reports. The report gives its title and its adoption but nothing of its text, "
        "which is not in the sources of this record."
    )
    assert not documents[1].versions.exists()


def test_the_decision_on_the_next_edition(fifteenth):
    _, edition = fifteenth
    assert [
        (d.kind, d.text, d.city, d.year, d.state, d.realized_by) for d in edition.decisions.all()
    ] == [("next_edition", NEXT, "Ashgabat", 2023, None, None)]


def test_every_written_fact_cites_the_report(fifteenth, forum):
    report, edition = fifteenth
    report.refresh_from_db()
    source = report.source
    for field in ["number", "start_date", "end_date", "city", "host_state", "format", "theme"]:
        assert cited(edition, source, field=field, claim=""), field
    rows = [
        *edition.co_chairs.all(),
        *edition.meetings.all(),
        *Delegation.objects.filter(meeting__edition=edition),
        *Statement.objects.filter(meeting__edition=edition),
        *Proposal.objects.filter(statement__meeting__edition=edition),
        *OutcomeDocument.objects.filter(edition=edition),
        *edition.decisions.all(),
        *Person.objects.all(),
        *Post.objects.all(),
    ]
    assert len(rows) == 1 + 4 + 5 + 3 + 4 + 2 + 1 + 4 + 3
    for row in rows:
        assert cited(row, source, field="", claim=""), row
    [experts] = edition.expert_participations.all()
    assert cited(experts, source, field="count")
    # Only this report's citations, each pointing at the words it was read from.
    assert set(Citation.objects.values_list("source", flat=True)) == {source.pk}
    [city] = citations_of(edition, source, field="city")
    assert city.locator == "characters {}–{}".format(*span(BUSAN_TEXT, "Busan"))
    [meeting] = citations_of(edition.meetings.get(kind="ministerial"), source)
    assert meeting.locator.startswith("characters ")
    assert meeting.locator.count("–") == 8  # the six participants and the two documents
    # The report's conflicts are advice for the reviewer, not facts of the record.
    assert not Citation.objects.filter(field="conflicts").exists()


def test_the_audit_log_names_who_wrote_the_report(forum, staff_user):
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    report = make_report(forum, fifteenth_facts())
    report_apply(report, by=staff_user)
    entries = AuditEntry.objects.exclude(pk__in=before)
    assert {entry.actor for entry in entries} == {staff_user}
    actions = set(entries.values_list("action", flat=True))
    assert {
        "common.source.created",
        "forums.edition.created",
        "forums.co_chair.created",
        "meetings.meeting.created",
        "meetings.delegation.created",
        "meetings.statement.created",
        "meetings.proposal.created",
        "meetings.experts.created",
        "documents.document.created",
        "documents.document.adopted",
        "forums.decision.created",
        "people.person.created",
        "common.citation.created",
        "intake.report.updated",
    } <= actions
    report_entry = entries.get(action="intake.report.updated")
    assert report_entry.data["status"] == {"before": "in_review", "after": "applied"}


# ---------------------------------------------------------------------------------------------
# Only accepted facts, as the reviewer left them


def test_pending_and_rejected_facts_are_not_written(forum, staff_user):
    facts = [
        ("edition_number", 15, ACCEPTED, "15th"),
        ("city", "Busan", PENDING, "Busan"),
        ("theme", "Building a Sustainable Future Together", REJECTED, "Building"),
        ("participants", {"country": "KR", "person": "Park Jin", "rank": "foreign_minister"}, ACCEPTED, "Park Jin"),
        ("participants", {"country": "TJ", "person": "Sirojiddin Muhriddin", "rank": "foreign_minister"}, REJECTED, "Tajik"),
        ("participants", {"country": "TM", "person": "Rashid Meredov", "rank": "foreign_minister"}, PENDING, "Turkmen"),
        ("decisions", {"kind": "next_edition", "text": NEXT, "city": "Ashgabat", "year": 2023}, PENDING, "hold the 16th"),
        ("outcome_documents", JOINT_STATEMENT, REJECTED, JOINT_STATEMENT),
        ("expert_count", 50, PENDING, "Some 50"),
    ]  # fmt: skip
    report = make_report(forum, facts)

    edition = report_apply(report, by=staff_user)

    assert (edition.city, edition.theme, edition.start_date, edition.status) == (
        "",
        "",
        None,
        "planned",
    )
    assert [d.state.code for d in Delegation.objects.all()] == ["KR"]
    assert list(Person.objects.values_list("name", flat=True)) == ["Park Jin"]
    assert not edition.decisions.exists()
    assert not OutcomeDocument.objects.exists()
    assert not ExpertParticipation.objects.exists()
    assert not citations_of(edition, field="city").exists()
    assert not citations_of(edition, field="theme").exists()


def test_an_edited_value_is_written_instead_of_the_proposal(forum, staff_user):
    facts = [
        ("edition_number", 51, ACCEPTED, "15th"),
        ("city", "Pusan", ACCEPTED, "Busan"),
        ("participants", {"country": "KZ", "person": "Akan Rakhmetulin", "rank": "ambassador"}, ACCEPTED, "Kazakh"),
        ("outcome_documents", "Joint Statment", ACCEPTED, JOINT_STATEMENT),
        ("start_date", "2022-10-52", ACCEPTED, "Oct. 25"),
    ]  # fmt: skip
    edits = {
        ("edition_number", 0): 15,
        ("city", 0): "Busan",
        ("participants", 0): {
            "country": "KZ",
            "person": "Akan Rakhmetullin",
            "rank": "deputy_minister",
        },
        ("outcome_documents", 0): JOINT_STATEMENT,
        ("start_date", 0): "2022-10-25",
    }
    report = make_report(forum, facts, edits=edits)

    edition = report_apply(report, by=staff_user)

    assert (edition.number, edition.city, edition.start_date) == (
        15,
        "Busan",
        dt.date(2022, 10, 25),
    )
    assert heads(edition.meetings.get()) == [("KZ", "Akan Rakhmetullin", "deputy_minister", "None")]
    assert list(OutcomeDocument.objects.values_list("title", flat=True)) == [JOINT_STATEMENT]
    assert not Person.objects.filter(name="Akan Rakhmetulin").exists()


# ---------------------------------------------------------------------------------------------
# Refusals: a clear message and nothing written


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (
            intake.ReportStatus.APPLIED,
            "Only a report in review can be written to the record; this one has already been "
            "written to it.",
        ),
        (
            intake.ReportStatus.DISCARDED,
            "Only a report in review can be written to the record; this one was discarded.",
        ),
    ],
)
def test_refuses_a_report_not_in_review(forum, staff_user, status, message):
    report = make_report(forum, fifteenth_facts())
    intake.IntakeReport.objects.filter(pk=report.pk).update(status=status)
    before = counts()
    with pytest.raises(ValidationError) as refusal:
        report_apply(report, by=staff_user)
    assert refusal.value.messages == [message]
    assert counts() == before


def test_refuses_a_report_whose_edition_number_is_not_accepted(forum, staff_user):
    facts = [
        (key, value, PENDING if key == "edition_number" else decision, words)
        for key, value, decision, words in fifteenth_facts()
    ]
    assert refused(make_report(forum, facts), staff_user) == [
        "Accept the edition number before writing the report: the facts must belong to an "
        "identified edition."
    ]


def test_refuses_a_report_about_another_forum(forum, staff_user):
    facts = [
        ("forum", "Central Asia plus Japan Dialogue", ACCEPTED, "Korea-Central Asia"),
        *fifteenth_facts()[1:],
    ]
    assert refused(make_report(forum, facts), staff_user) == [
        "The report names the forum “Central Asia plus Japan Dialogue”, which is neither "
        "Korea–Central Asia Cooperation Forum nor another name of it."
    ]


def test_the_forum_may_be_named_by_another_name_in_any_case(forum, staff_user):
    forum.other_names.create(name="Central Asia–Republic of Korea Cooperation Forum")
    facts = [
        ("forum", "central asia-republic of korea cooperation forum", ACCEPTED, "Korea-Central"),
        ("edition_number", 15, ACCEPTED, "15th"),
    ]
    edition = report_apply(make_report(forum, facts), by=staff_user)
    assert (edition.forum, edition.number) == (forum, 15)


def test_refuses_a_country_that_is_no_state(forum, staff_user):
    facts = [
        ("edition_number", 15, ACCEPTED, "15th"),
        ("country", "XX", ACCEPTED, "Busan"),
        ("participants", {"country": "EU", "person": None, "rank": "ambassador"}, ACCEPTED, "Kazakh"),
        ("participants", {"country": "KZ", "person": None, "rank": "ambassador"}, ACCEPTED, "Ambassador"),
    ]  # fmt: skip
    assert refused(make_report(forum, facts), staff_user) == [
        "country: “XX” is not a known state (an ISO 3166-1 alpha-2 code such as TJ).",
        "participants #1: “EU” is not a known state (an ISO 3166-1 alpha-2 code such as TJ).",
    ]


def test_refuses_values_of_the_wrong_shape_naming_each(forum, staff_user):
    facts = [
        ("edition_number", "XIV", ACCEPTED, "15th"),
        ("start_date", "25 October", ACCEPTED, "Oct. 25"),
        ("format", "offline", ACCEPTED, "opened"),
        ("chairs", {"country": "KR", "person": "Park Jin", "rank": "boss"}, ACCEPTED, "Park Jin"),
        ("decisions", {"kind": "next_edition", "text": None, "city": "Ashgabat", "year": 2023}, ACCEPTED, "hold"),
    ]  # fmt: skip
    assert refused(make_report(forum, facts), staff_user) == [
        "Accept the edition number before writing the report: the facts must belong to an "
        "identified edition.",
        "chairs #1: “boss” is not one of the ranks (head_of_state, head_of_government, "
        "deputy_prime_minister, foreign_minister, minister, first_deputy_minister, "
        "deputy_minister, ambassador, director_general, director, official, expert, other).",
        "decisions #1: give the text.",
        "edition_number: “XIV” is not a whole number from 1 up.",
        "format: “offline” is not a format (in_person, online, hybrid).",
        "start_date: “25 October” is not a date in the form YYYY-MM-DD.",
    ]


def test_refuses_a_head_of_delegation_without_a_rank(forum, staff_user):
    facts = [
        ("edition_number", 15, ACCEPTED, "15th"),
        ("city", "Busan", ACCEPTED, "Busan"),
        ("participants", {"country": "KR", "person": "Park Jin", "rank": None}, ACCEPTED, "Park Jin"),
    ]  # fmt: skip
    assert refused(make_report(forum, facts), staff_user) == [
        "Give the rank at which Park Jin led the delegation of South Korea: a head of "
        "delegation needs one."
    ]


def test_refuses_an_adoption_without_a_date(forum, staff_user):
    facts = [
        ("edition_number", 15, ACCEPTED, "15th"),
        ("outcome_documents", JOINT_STATEMENT, ACCEPTED, JOINT_STATEMENT),
    ]
    assert refused(make_report(forum, facts), staff_user) == [
        "“Busan Joint Statement” cannot be recorded as adopted without a date: accept the "
        "edition's start or end date."
    ]


def test_refuses_an_end_before_the_start(forum, staff_user):
    facts = [
        ("edition_number", 15, ACCEPTED, "15th"),
        ("start_date", "2022-10-25", ACCEPTED, "Oct. 25"),
        ("end_date", "2022-10-24", ACCEPTED, "Oct. 25"),
    ]
    assert refused(make_report(forum, facts), staff_user) == [
        "The edition cannot end before it starts."
    ]


def test_refuses_a_title_the_forum_already_gave_a_document_of_another_edition(forum, staff_user):
    fourteenth = factories.EditionFactory(forum=forum, number=14)
    OutcomeDocument.objects.create(
        forum=forum,
        edition=fourteenth,
        title="Joint Statement",
        kind=factories.DocumentKindFactory(name="Joint Statement"),
    )
    facts = [
        ("edition_number", 15, ACCEPTED, "15th"),
        ("start_date", "2022-10-25", ACCEPTED, "Oct. 25"),
        ("outcome_documents", "joint statement", ACCEPTED, JOINT_STATEMENT),
    ]
    assert refused(make_report(forum, facts), staff_user) == [
        "The forum already has a document titled “Joint Statement”, of the 14th "
        "Korea–Central Asia Cooperation Forum; edit the title to tell the two apart."
    ]


# ---------------------------------------------------------------------------------------------
# Never a duplicate


def test_applying_the_same_report_again_changes_nothing(fifteenth, staff_user):
    report, _ = fifteenth
    intake.IntakeReport.objects.filter(pk=report.pk).update(status=intake.ReportStatus.IN_REVIEW)
    before = counts()
    entries = set(AuditEntry.objects.values_list("pk", flat=True))

    report_apply(report, by=staff_user)

    assert counts() == {**before, "AuditEntry": before["AuditEntry"] + 1}
    [entry] = AuditEntry.objects.exclude(pk__in=entries)
    assert entry.action == "intake.report.updated"


def test_a_second_report_of_the_edition_adds_only_its_citations(fifteenth, forum, staff_user):
    _, edition = fifteenth
    facts = fifteenth_facts()
    # Another wording of the same decision and document titles; the same people and proposals.
    facts[-2] = (
        "decisions",
        {"kind": "next_edition", "text": "the 16th Forum will be held in Ashgabat", "city": "Ashgabat", "year": 2023},
        ACCEPTED,
        "hold the 16th",
    )  # fmt: skip
    facts[-3] = ("outcome_documents", WORK_PLAN.replace("-", "–").upper(), ACCEPTED, "2023 Work")
    before = counts()
    second = make_report(forum, facts, title="Busan hosts the 15th Forum", publisher="Daily")

    assert report_apply(second, by=staff_user) == edition

    after = counts()
    unchanged = ["Edition", "Meeting", "Delegation", "Statement", "Proposal", "OutcomeDocument"]
    unchanged += ["Decision", "CoChair", "ExpertParticipation", "Person", "Post", "Field"]
    assert {name: after[name] for name in unchanged} == {name: before[name] for name in unchanged}
    assert after["Source"] == before["Source"] + 1
    second.refresh_from_db()
    assert citations_of(edition, second.source, field="city").exists()
    [decision] = edition.decisions.all()
    assert (decision.text, decision.city, decision.year) == (NEXT, "Ashgabat", 2023)
    assert cited(decision, second.source)
    # Both reports agree: no conflict anywhere.
    assert (
        not Citation.objects.exclude(claim="").exclude(object_id=_kazakhstan(edition).pk).exists()
    )


def _kazakhstan(edition):
    return Delegation.objects.get(meeting__edition=edition, state__code="KZ")


# ---------------------------------------------------------------------------------------------
# An edition the record already has


@pytest.fixture
def kcaf(db):
    return kcaf_load()


FOURTEENTH_TEXT = (
    "The 14th Korea-Central Asia Cooperation Forum was held in Dushanbe on 30 November, "
    "co-chaired by Tajik Foreign Minister Sirojiddin Mukhriddin and Korean Foreign Minister Chung "
    "Eui-yong, under the theme Korea-Central Asia Cooperation for Post-COVID-19 Economic Recovery. "
    "The foreign ministers of Kazakhstan, Kyrgyzstan and Turkmenistan and the deputy foreign "
    "minister of Kazakhstan took part. Mukhriddin called to draw up and carry out Korea-Central "
    "Asia digital cooperation programs. Some 100 experts met in sessions on forestry and energy "
    "after vice foreign ministerial meetings. The Joint Statement on the Outcome of the 14th "
    "Korea-Central Asia Cooperation Forum was adopted; they agreed to hold the 15th Forum in "
    "Seoul in 2022."
)
FOURTEENTH_PROPOSAL = "draw up and carry out Korea-Central Asia digital cooperation programs"
FOURTEENTH_JOINT_STATEMENT = (
    "Joint Statement on the Outcome of the 14th Korea-Central Asia Cooperation Forum"
)


def fourteenth_facts(city="Dushanbe") -> list[tuple]:
    return [
        ("forum", "Korea–Central Asia Cooperation Forum", ACCEPTED, "Korea-Central Asia"),
        ("edition_number", 14, ACCEPTED, "14th"),
        ("start_date", "2021-11-30", ACCEPTED, "30 November"),
        ("end_date", "2021-11-30", ACCEPTED, "30 November"),
        ("city", city, ACCEPTED, "Dushanbe"),
        ("country", "TJ", ACCEPTED, "Dushanbe"),
        ("theme", "Korea-Central Asia Cooperation for Post-COVID-19 Economic Recovery", ACCEPTED, "Korea-Central Asia Cooperation for"),
        ("chairs", {"country": "TJ", "person": "Sirojiddin Mukhriddin", "rank": "foreign_minister"}, ACCEPTED, "Tajik Foreign"),
        ("chairs", {"country": "KR", "person": "Chung Eui-yong", "rank": "foreign_minister"}, ACCEPTED, "Korean Foreign"),
        ("participants", {"country": "KZ", "person": None, "rank": "foreign_minister"}, ACCEPTED, "Kazakhstan, Kyrgyzstan"),
        ("participants", {"country": "KG", "person": None, "rank": "foreign_minister"}, ACCEPTED, "Kyrgyzstan"),
        ("participants", {"country": "TM", "person": None, "rank": "foreign_minister"}, ACCEPTED, "Turkmenistan"),
        ("participants", {"country": "KZ", "person": None, "rank": "deputy_minister"}, ACCEPTED, "deputy foreign"),
        ("proposals", {"country": "TJ", "person": "Sirojiddin Mukhriddin", "text": FOURTEENTH_PROPOSAL}, ACCEPTED, "draw up"),
        ("expert_session_fields", "forestry", ACCEPTED, "forestry"),
        ("expert_session_fields", "energy", ACCEPTED, "energy"),
        ("expert_count", 100, ACCEPTED, "Some 100"),
        ("preparatory_meetings", {"kind": "senior_officials", "text": "vice foreign ministerial meetings"}, ACCEPTED, "vice foreign"),
        ("outcome_documents", FOURTEENTH_JOINT_STATEMENT, ACCEPTED, "Joint Statement"),
        ("decisions", {"kind": "next_edition", "text": "they agreed to hold the 15th Forum in Seoul in 2022", "city": "Seoul", "year": 2022}, ACCEPTED, "they agreed"),
    ]  # fmt: skip


def fourteenth_report(forum, city="Dushanbe"):
    return make_report(
        forum,
        fourteenth_facts(city),
        title="Dushanbe hosts the 14th Forum",
        publisher="Ministry of Foreign Affairs of Tajikistan",
        text=FOURTEENTH_TEXT,
        published_on=dt.date(2021, 11, 30),
    )


def test_the_demos_14th_forum_is_updated_without_a_duplicate(kcaf, staff_user):
    fourteenth = kcaf.editions.get(number=14)
    plenary = fourteenth.meetings.get(kind="ministerial")
    before = counts()
    heads_before = heads(plenary)
    entries = set(AuditEntry.objects.values_list("pk", flat=True))

    edition = report_apply(fourteenth_report(kcaf), by=staff_user)

    assert edition == fourteenth
    after = counts()
    added = {name: after[name] - before[name] for name in before if after[name] != before[name]}
    # One expert session (energy, a field the record has), one proposal in Tajikistan's statement
    # in the report's words; the rest is the source and its citations.
    assert {name: added[name] for name in added if name not in {"Citation", "AuditEntry"}} == {
        "Meeting": 1,
        "Proposal": 1,
        "Source": 1,
    }
    # The edition's facts agree with the report; only its end date, blank before, is filled.
    [entry] = AuditEntry.objects.filter(action__startswith="forums.edition").exclude(pk__in=entries)
    assert (entry.action, entry.actor, entry.data) == (
        "forums.edition.updated",
        staff_user,
        {"end_date": {"before": None, "after": "2021-11-30"}},
    )
    # Kazakhstan stays led by its deputy foreign minister, as the record holds; the report's
    # two ranks are its two claims.
    assert heads(plenary) == heads_before
    kazakhstan = plenary.delegations.get(state__code="KZ")
    source = Source.objects.get(title="Dushanbe hosts the 14th Forum")
    assert source.kind == Source.Kind.PRESS_RELEASE
    assert sorted(
        citations_of(kazakhstan, source).exclude(claim="").values_list("field", "claim")
    ) == [("head_rank", "deputy / vice minister"), ("head_rank", "foreign minister")]
    # The co-chair named in another form of his name is the person the record has.
    assert [(c.state.code, c.person.name) for c in fourteenth.co_chairs.all()] == [
        ("TJ", "Sirojiddin Muhriddin"),
        ("KR", "Chung Eui-yong"),
    ]
    tajik = plenary.statements.get(delegation__state__code="TJ")
    assert [p.text for p in tajik.proposals.all()] == [
        "Draw up and carry out Korea–Central Asia programmes of digital cooperation.",
        FOURTEENTH_PROPOSAL,
    ]
    energy = fourteenth.meetings.get(kind="expert_session", field__name="Energy")
    assert (energy.title, energy.date, energy.city, energy.position) == (
        "Expert session on energy",
        dt.date(2021, 11, 30),
        "Dushanbe",
        24,
    )
    # The Joint Statement the demo adopted at the closing ceremony stays as it was.
    joint = OutcomeDocument.objects.get(title=FOURTEENTH_JOINT_STATEMENT)
    assert (joint.adopted_at.kind, joint.status) == ("closing_ceremony", "adopted")
    assert cited(joint, source)
    [decision] = fourteenth.decisions.filter(kind="next_edition")
    assert (decision.text, decision.city, decision.year) == (
        "Hold the 15th Forum in Seoul in 2022.",
        "Seoul",
        2022,
    )
    [experts] = fourteenth.expert_participations.all()
    assert (experts.count, experts.approximate) == (100, True)
    assert cited(experts, source, field="count")


def test_a_value_other_than_the_records_is_written_and_shown_as_a_conflict(kcaf, staff_user):
    fourteenth = kcaf.editions.get(number=14)
    seed = Source.objects.get(title="14th Korea–Central Asia Cooperation Forum held in Dushanbe")
    history = Source.objects.get(title="Public record of the Forum's editions")

    report_apply(fourteenth_report(kcaf, city="Khujand"), by=staff_user)

    fourteenth.refresh_from_db()
    assert fourteenth.city == "Khujand"
    entry = AuditEntry.objects.get(
        action="forums.edition.updated", object_id=fourteenth.pk, actor=staff_user
    )
    assert entry.data == {
        "city": {"before": "Dushanbe", "after": "Khujand"},
        "end_date": {"before": None, "after": "2021-11-30"},
    }
    source = Source.objects.get(title="Dushanbe hosts the 14th Forum")
    claims = sorted(
        (c.source.title, c.claim) for c in citations_of(fourteenth, field="city").exclude(claim="")
    )
    assert claims == sorted(
        [
            (seed.title, "Dushanbe"),
            (history.title, "Dushanbe"),
            (source.title, "Khujand"),
        ]
    )
    [conflict] = [
        c
        for c in conflicts_among([fourteenth], citations_by_subject([fourteenth]))
        if c.field == "city"
    ]
    assert sorted(set(conflict.claims)) == ["Dushanbe", "Khujand"]


def test_a_value_no_source_supported_is_written_without_a_conflict(forum, staff_user):
    factories.EditionFactory(forum=forum, number=15, city="Seoul")
    facts = [("edition_number", 15, ACCEPTED, "15th"), ("city", "Busan", ACCEPTED, "Busan")]

    edition = report_apply(make_report(forum, facts), by=staff_user)

    assert edition.city == "Busan"
    assert Edition.objects.filter(forum=forum).count() == 1
    assert list(citations_of(edition, field="city").values_list("claim", flat=True)) == [""]
    entry = AuditEntry.objects.get(action="forums.edition.updated", object_id=edition.pk)
    assert (entry.actor, entry.data) == (
        staff_user,
        {"city": {"before": "Seoul", "after": "Busan"}},
    )


def test_a_state_not_yet_in_the_record_is_added_from_the_iso_tables(forum, staff_user):
    facts = [
        ("edition_number", 15, ACCEPTED, "15th"),
        ("start_date", "2022-10-25", ACCEPTED, "Oct. 25"),
        ("participants", {"country": "jp", "person": None, "rank": "ambassador"}, ACCEPTED, "Ambassador"),
    ]  # fmt: skip
    assert not State.objects.filter(code="JP").exists()

    edition = report_apply(make_report(forum, facts), by=staff_user)

    japan = State.objects.get(code="JP")
    assert (japan.name, japan.alpha3) == ("Japan", "JPN")
    assert AuditEntry.objects.get(action="forums.state.created", object_id=japan.pk).actor == (
        staff_user
    )
    assert heads(edition.meetings.get()) == [("JP", None, "ambassador", "None")]


def test_a_delegation_led_at_another_rank_is_updated_and_shown_as_a_conflict(kcaf, staff_user):
    plenary = kcaf.editions.get(number=14).meetings.get(kind="ministerial")
    seed = Source.objects.get(title="14th Korea–Central Asia Cooperation Forum held in Dushanbe")
    facts = [
        ("edition_number", 14, ACCEPTED, "14th"),
        ("participants", {"country": "KG", "person": None, "rank": "deputy_minister"}, ACCEPTED, "Kyrgyzstan"),
    ]  # fmt: skip
    report = make_report(kcaf, facts, title="Kyrgyz deputy in Dushanbe", text=FOURTEENTH_TEXT)

    report_apply(report, by=staff_user)

    kyrgyzstan = plenary.delegations.get(state__code="KG")
    assert (kyrgyzstan.head_rank, kyrgyzstan.head_post, kyrgyzstan.head_title) == (
        "deputy_minister",
        None,
        "",
    )
    assert plenary.delegations.count() == 6
    assert sorted(
        (c.source.title, c.claim)
        for c in citations_of(kyrgyzstan, field="head_rank").exclude(claim="")
    ) == [(seed.title, "foreign minister"), ("Kyrgyz deputy in Dushanbe", "deputy / vice minister")]
    entry = AuditEntry.objects.get(action="meetings.delegation.updated", object_id=kyrgyzstan.pk)
    assert entry.actor == staff_user
    assert entry.data["head_rank"] == {"before": "foreign_minister", "after": "deputy_minister"}


def test_a_decision_worded_alike_is_recorded_once(forum, staff_user):
    appointment = {
        "kind": "appointment",
        "text": "Approve Rhee Jong Kook as Director of the Secretariat",
        "city": None,
        "year": None,
    }
    facts = [
        ("edition_number", 15, ACCEPTED, "15th"),
        ("decisions", appointment, ACCEPTED, "ministers"),
    ]
    edition = report_apply(make_report(forum, facts), by=staff_user)
    again = {**appointment, "text": "approve Rhee Jong Kook as director of the secretariat."}
    second = make_report(
        forum,
        [("edition_number", 15, ACCEPTED, "15th"), ("decisions", again, ACCEPTED, "ministers")],
        title="Another report",
    )

    report_apply(second, by=staff_user)

    assert [(d.kind, d.text, d.city, d.year) for d in edition.decisions.all()] == [
        ("appointment", "Approve Rhee Jong Kook as Director of the Secretariat", "", None)
    ]
    second.refresh_from_db()
    assert cited(edition.decisions.get(), second.source)


@pytest.mark.parametrize("city", ["Dushanbe", "Khujand"])
def test_applying_a_report_of_the_demos_14th_again_changes_nothing(kcaf, staff_user, city):
    report = fourteenth_report(kcaf, city=city)
    report_apply(report, by=staff_user)
    intake.IntakeReport.objects.filter(pk=report.pk).update(status=intake.ReportStatus.IN_REVIEW)
    before = counts()
    entries = set(AuditEntry.objects.values_list("pk", flat=True))

    report_apply(report, by=staff_user)

    assert counts() == {**before, "AuditEntry": before["AuditEntry"] + 1}
    assert list(AuditEntry.objects.exclude(pk__in=entries).values_list("action", flat=True)) == [
        "intake.report.updated"
    ]


def test_a_proposal_without_a_state_is_a_statement_with_no_delegation(forum, staff_user):
    facts = [
        ("edition_number", 15, ACCEPTED, "15th"),
        ("proposals", {"country": None, "person": None, "text": PROPOSAL_AID}, ACCEPTED, "Korea would"),
    ]  # fmt: skip
    report = make_report(forum, facts)
    edition = report_apply(report, by=staff_user)
    intake.IntakeReport.objects.filter(pk=report.pk).update(status=intake.ReportStatus.IN_REVIEW)
    report_apply(report, by=staff_user)

    [statement] = Statement.objects.filter(meeting__edition=edition)
    assert (statement.delegation, statement.speaker_person, statement.summary) == (
        None,
        None,
        f"Proposed, in the words of the report: {PROPOSAL_AID}.",
    )
    assert [p.text for p in statement.proposals.all()] == [PROPOSAL_AID]
    assert not Delegation.objects.exists()
