"""The review of a report in intake: its facts made from the extractor's proposal, the
secretariat's decision on each (accepted, corrected, rejected) with its audit entry, the
refusals of the domain, the pages with their permission matrix, and the report's text with every
proposed fact marked at its exact place.

Proposals are written here by hand in the shape of docs/intake.md (spans included) and turned
into facts by ``facts_from_proposal``; one cell of the matrix (a report uploaded by the
secretariat) runs the real extractor, and is skipped when it cannot be imported. The cells that
write to the record need ``apply.report_apply`` and are skipped without it.

``MATRIX`` has one row per page or action and one column per role:

- every page asks an anonymous visitor to log in first;
- the list and the new-report form answer 403 to a signed-in user who is secretariat of no forum;
- a report of a forum the user may not review answers 404, as a draft does, and so does a fact
  of another report under a report's address;
- a step the domain refuses answers 400 with the reason.

An allowed action must have done what its row says; a refused one must have changed nothing.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.common.models import AuditEntry, Citation, Source
from plenary.forums.models import Edition
from plenary.intake.domain import (
    MESSAGES,
    clean_value,
    fact_decide,
    facts_from_proposal,
    report_create,
    report_discard,
    report_write,
)
from plenary.intake.models import FactDecision, IntakeFact, IntakeReport, ReportStatus
from tests import factories
from tests.matrix import (
    DONE,
    FORBIDDEN,
    HIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    REFUSED,
    SHOWN,
    cases,
    check_answer,
)
from tests.test_pages import count_queries, markup_problems

pytestmark = pytest.mark.django_db

User = get_user_model()


def importable(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


HAS_EXTRACT = importable("plenary.intake.extract")
HAS_APPLY = importable("plenary.intake.apply")


# A report and the proposal read from it, written by hand -----------------------------------------

TEXT = (
    "The 14th Korea–Central Asia Cooperation Forum was held in Dushanbe on 2 November 2021.\n"
    "Foreign Minister of Tajikistan Sirojiddin Muhriddin and Vice Minister of Foreign Affairs "
    "of the Republic of Korea Choi Jong-kun co-chaired the Forum.\n"
    "Delegations of Kazakhstan, Kyrgyzstan, Turkmenistan and Uzbekistan took part.\n"
    "Kazakhstan proposed to set up a joint centre for forestry.\n"
    "The participants adopted the Joint Statement on the Outcome of the 14th Korea–Central Asia "
    "Cooperation Forum.\n"
    "It was decided to hold the 15th Forum in Busan in 2022."
)

TAJIK_CHAIR = "Foreign Minister of Tajikistan Sirojiddin Muhriddin"
KOREAN_CHAIR = "Vice Minister of Foreign Affairs of the Republic of Korea Choi Jong-kun"
STATEMENT = "Joint Statement on the Outcome of the 14th Korea–Central Asia Cooperation Forum"
NEXT_FORUM = "It was decided to hold the 15th Forum in Busan in 2022."


def at(phrase: str, confidence: float, *, after: str = "", text: str = TEXT) -> dict:
    """The span of ``phrase`` in ``text`` (its first occurrence after ``after``)."""
    start = text.index(phrase, text.index(after) + len(after) if after else 0)
    return {"start": start, "end": start + len(phrase), "confidence": confidence}


def person(country: str, name: str | None, rank: str | None) -> dict:
    return {"country": country, "person": name, "rank": rank}


PROPOSAL: dict = {
    "forum": "Korea–Central Asia Cooperation Forum",
    "edition_number": 14,
    "start_date": "2021-11-02",
    "end_date": "2021-11-02",
    "city": "Dushanbe",
    "country": "TJ",
    "format": "in_person",
    "theme": None,
    "chairs": [
        person("TJ", "Sirojiddin Muhriddin", "foreign_minister"),
        person("KR", "Choi Jong-kun", "deputy_minister"),
    ],
    "participants": [
        person("TJ", "Sirojiddin Muhriddin", "foreign_minister"),
        person("KR", "Choi Jong-kun", "deputy_minister"),
        person("KZ", None, None),
        person("KG", None, None),
        person("TM", None, None),
        person("UZ", None, None),
    ],
    "expert_session_fields": [],
    "expert_count": None,
    "preparatory_meetings": [],
    "proposals": [
        {"country": "KZ", "person": None, "text": "to set up a joint centre for forestry"}
    ],
    "outcome_documents": [STATEMENT],
    "decisions": [{"kind": "next_edition", "text": NEXT_FORUM, "city": "Busan", "year": 2022}],
    "conflicts": [
        {
            "kind": "count_mismatch",
            "text": "The text speaks of five Central Asian states but names 4.",
        }
    ],
    "spans": {
        "forum": at("Korea–Central Asia Cooperation Forum", 0.9),
        "edition_number": at("14th", 0.9),
        # the dates share one span, as do the city, its state and the format
        "start_date": at("2 November 2021", 0.85),
        "end_date": at("2 November 2021", 0.85),
        "city": at("Dushanbe", 0.85),
        "country": at("Dushanbe", 0.85),
        "format": at("Dushanbe", 0.6),
        "theme": None,
        "chairs": [at(TAJIK_CHAIR, 0.85), at(KOREAN_CHAIR, 0.85)],
        "participants": [
            at(TAJIK_CHAIR, 0.8),
            # crosses the end of the Korean chair's span
            at("Choi Jong-kun co-chaired", 0.7),
            at("Kazakhstan", 0.85),
            at("Kyrgyzstan", 0.85),
            at("Turkmenistan", 0.85),
            at("Uzbekistan", 0.85),
        ],
        "expert_session_fields": [],
        "expert_count": None,
        "preparatory_meetings": [],
        "proposals": [at("proposed to set up a joint centre for forestry", 0.7)],
        "outcome_documents": [at(STATEMENT, 0.8)],
        "decisions": [at(NEXT_FORUM, 0.8)],
    },
}

# (key, position, value, start, end, confidence) of every fact, in the order they are made
EXPECTED_FACTS = [
    ("forum", 0, "Korea–Central Asia Cooperation Forum", 9, 45, 0.9),
    ("edition_number", 0, 14, 4, 8, 0.9),
    ("start_date", 0, "2021-11-02", 70, 85, 0.85),
    ("end_date", 0, "2021-11-02", 70, 85, 0.85),
    ("city", 0, "Dushanbe", 58, 66, 0.85),
    ("country", 0, "TJ", 58, 66, 0.85),
    ("format", 0, "in_person", 58, 66, 0.6),
    ("chairs", 0, person("TJ", "Sirojiddin Muhriddin", "foreign_minister"), 87, 138, 0.85),
    ("chairs", 1, person("KR", "Choi Jong-kun", "deputy_minister"), 143, 214, 0.85),
    ("participants", 0, person("TJ", "Sirojiddin Muhriddin", "foreign_minister"), 87, 138, 0.8),
    ("participants", 1, person("KR", "Choi Jong-kun", "deputy_minister"), 201, 225, 0.7),
    ("participants", 2, person("KZ", None, None), 252, 262, 0.85),
    ("participants", 3, person("KG", None, None), 264, 274, 0.85),
    ("participants", 4, person("TM", None, None), 276, 288, 0.85),
    ("participants", 5, person("UZ", None, None), 293, 303, 0.85),
    (
        "proposals",
        0,
        {"country": "KZ", "person": None, "text": "to set up a joint centre for forestry"},
        326,
        372,
        0.7,
    ),
    ("outcome_documents", 0, STATEMENT, 403, 482, 0.8),
    (
        "decisions",
        0,
        {"kind": "next_edition", "text": NEXT_FORUM, "city": "Busan", "year": 2022},
        484,
        539,
        0.8,
    ),
]


def make_report(
    forum,
    *,
    proposal: dict = PROPOSAL,
    text: str = TEXT,
    title: str = "Dushanbe hosts the 14th Forum",
) -> IntakeReport:
    """A report in review with the facts of ``proposal``, as ``report_create`` leaves it."""
    report = IntakeReport.objects.create(
        forum=forum,
        title=title,
        publisher="Ministry of Foreign Affairs of Tajikistan",
        published_on=dt.date(2021, 11, 3),
        text=text,
        proposal=proposal,
    )
    facts_from_proposal(report, proposal)
    return report


def fact_of(report: IntakeReport, key: str, position: int = 0) -> IntakeFact:
    return IntakeFact.objects.get(report=report, key=key, position=position)


@pytest.fixture
def secretariat(forum):
    user = User.objects.create_user("secretariat", "secretariat@example.org")
    role_grant(user=user, forum=forum, kind=RoleKind.SECRETARIAT)
    return user


@pytest.fixture
def report(forum):
    return make_report(forum)


def decided_entries(fact: IntakeFact) -> list[tuple]:
    return [
        (entry.action, entry.actor_id, entry.data)
        for entry in AuditEntry.objects.filter(object_id=fact.pk, action__startswith="intake.fact")
        .filter(content_type__model="intakefact")
        .order_by("pk")
    ]


# Facts from a proposal ---------------------------------------------------------------------------


def test_the_spans_of_the_hand_written_proposal_point_at_their_words():
    assert TEXT[4:8] == "14th"
    assert TEXT[58:66] == "Dushanbe"
    assert TEXT[201:225] == "Choi Jong-kun co-chaired"
    assert TEXT[484:539] == NEXT_FORUM
    assert TEXT[403:482] == STATEMENT
    assert len(TEXT) == 539


def test_each_scalar_and_each_item_of_a_list_becomes_one_pending_fact(report):
    facts = list(report.facts.order_by("pk"))
    assert [
        (f.key, f.position, f.value, f.start, f.end, f.confidence) for f in facts
    ] == EXPECTED_FACTS
    assert len(facts) == 18
    assert {(f.decision, f.edited_value, f.decided_by_id, f.decided_at) for f in facts} == {
        (FactDecision.PENDING, None, None, None)
    }
    # Conflicts stay in the proposal as warnings; the theme and the empty lists make nothing.
    assert not report.facts.filter(
        key__in=["conflicts", "theme", "expert_count", "expert_session_fields", "spans"]
    ).exists()
    assert report.proposal["conflicts"] == PROPOSAL["conflicts"]


def test_facts_are_made_once_per_report(report):
    with pytest.raises(ValidationError) as refused:
        facts_from_proposal(report, PROPOSAL)
    assert refused.value.messages == ["This report already has its facts."]
    assert report.facts.count() == 18


def test_a_span_that_does_not_fit_the_text_is_dropped_and_confidence_is_kept_in_range(forum):
    proposal = {
        **PROPOSAL,
        "spans": {
            **PROPOSAL["spans"],
            "city": {"start": 58, "end": len(TEXT) + 1, "confidence": 1.5},
            "country": {"start": 66, "end": 58, "confidence": -0.2},
            "chairs": [PROPOSAL["spans"]["chairs"][0]],  # the second chair has no span
        },
    }
    report = make_report(forum, proposal=proposal)
    assert (fact_of(report, "city").start, fact_of(report, "city").end) == (None, None)
    assert fact_of(report, "city").confidence == 1.0
    assert (fact_of(report, "country").start, fact_of(report, "country").confidence) == (None, 0)
    second = fact_of(report, "chairs", 1)
    assert (second.start, second.end, second.confidence) == (None, None, 0)


# Reading a report: the refusals -------------------------------------------------------------------


def _nothing_written() -> tuple:
    return (IntakeReport.objects.count(), IntakeFact.objects.count(), AuditEntry.objects.count())


@pytest.mark.parametrize(
    ("title", "text", "is_html", "errors"),
    [
        ("A report", "", False, {"text": ["The report has no text."]}),
        ("A report", " \n\t ", False, {"text": ["The report has no text."]}),
        ("A report", " \n ", True, {"text": ["The report has no text."]}),
        (
            "A report",
            "x" * 200_001,
            False,
            {"text": ["A report may hold at most 200,000 characters; this one has 200,001."]},
        ),
        (
            "A report",
            "<p>" + "x" * 2_000_000,
            True,
            {
                "text": [
                    "An HTML page may hold at most 2,000,000 characters; this one has 2,000,003."
                ]
            },
        ),
        (
            "  ",
            "",
            False,
            {"title": ["Give the report a title."], "text": ["The report has no text."]},
        ),
    ],
)
def test_a_report_without_text_or_too_long_is_refused(forum, title, text, is_html, errors):
    before = _nothing_written()
    with pytest.raises(ValidationError) as refused:
        report_create(forum=forum, title=title, text=text, is_html=is_html, by=None)
    assert refused.value.message_dict == errors
    assert _nothing_written() == before


# Decisions on facts --------------------------------------------------------------------------------


def test_accepting_a_fact_records_who_and_when_with_an_audit_entry(report, secretariat):
    fact = fact_of(report, "city")
    moment = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
    fact_decide(fact, decision=FactDecision.ACCEPTED, by=secretariat, now=moment)

    fact.refresh_from_db()
    assert (fact.decision, fact.edited_value, fact.final_value) == ("accepted", None, "Dushanbe")
    assert (fact.decided_by, fact.decided_at) == (secretariat, moment)
    assert decided_entries(fact) == [
        (
            "intake.fact.decided",
            secretariat.pk,
            {
                "report": report.pk,
                "key": "city",
                "position": 0,
                "decision": {"before": "pending", "after": "accepted"},
                "edited_value": {"before": None, "after": None},
            },
        )
    ]
    # The same decision again changes nothing and writes nothing.
    fact_decide(fact, decision=FactDecision.ACCEPTED, by=secretariat)
    assert len(decided_entries(fact)) == 1


def test_a_corrected_value_is_normalized_and_accepted(report, secretariat):
    start = fact_of(report, "start_date")
    fact_decide(start, decision="accepted", edited_value=" 2021-11-01 ", by=secretariat)
    number = fact_of(report, "edition_number")
    fact_decide(number, decision="accepted", edited_value="15", by=secretariat)
    korea = fact_of(report, "participants", 1)
    fact_decide(
        korea,
        decision="accepted",
        edited_value={"country": "KR", "person": " Choi Jong-kun ", "rank": ""},
        by=secretariat,
    )

    start.refresh_from_db()
    number.refresh_from_db()
    korea.refresh_from_db()
    assert (start.value, start.edited_value, start.final_value) == (
        "2021-11-02",
        "2021-11-01",
        "2021-11-01",
    )
    assert (number.edited_value, number.final_value) == (15, 15)
    assert korea.final_value == {"country": "KR", "person": "Choi Jong-kun", "rank": None}
    assert decided_entries(korea) == [
        (
            "intake.fact.decided",
            secretariat.pk,
            {
                "report": report.pk,
                "key": "participants",
                "position": 1,
                "decision": {"before": "pending", "after": "accepted"},
                "edited_value": {
                    "before": None,
                    "after": {"country": "KR", "person": "Choi Jong-kun", "rank": None},
                },
            },
        )
    ]


def test_a_correction_equal_to_the_proposal_is_no_correction(report, secretariat):
    fact = fact_of(report, "edition_number")
    fact_decide(fact, decision="accepted", edited_value="15", by=secretariat)
    fact_decide(fact, decision="accepted", edited_value=" 14", by=secretariat)
    fact.refresh_from_db()
    assert (fact.decision, fact.edited_value, fact.final_value) == ("accepted", None, 14)
    assert [entry[2]["edited_value"] for entry in decided_entries(fact)] == [
        {"before": None, "after": 15},
        {"before": 15, "after": None},
    ]


def test_rejecting_and_taking_the_decision_back(report, secretariat):
    fact = fact_of(report, "participants", 5)
    fact_decide(fact, decision="rejected", by=secretariat)
    fact.refresh_from_db()
    assert (fact.decision, fact.decided_by) == ("rejected", secretariat)
    fact_decide(fact, decision="pending", by=secretariat)
    fact.refresh_from_db()
    assert (fact.decision, fact.decided_by, fact.decided_at) == ("pending", None, None)
    assert [entry[2]["decision"] for entry in decided_entries(fact)] == [
        {"before": "pending", "after": "rejected"},
        {"before": "rejected", "after": "pending"},
    ]


@pytest.mark.parametrize(
    ("decision", "edited", "errors"),
    [
        ("maybe", None, {"decision": ["Accept or reject the fact, or leave it pending."]}),
        ("rejected", "Busan", {"decision": ["Only an accepted fact takes an edited value."]}),
        ("pending", "Busan", {"decision": ["Only an accepted fact takes an edited value."]}),
    ],
)
def test_a_decision_must_be_one_of_the_three(report, secretariat, decision, edited, errors):
    fact = fact_of(report, "city")
    with pytest.raises(ValidationError) as refused:
        fact_decide(fact, decision=decision, edited_value=edited, by=secretariat)
    assert refused.value.message_dict == errors
    assert decided_entries(fact) == []


RANK_MESSAGE = "Give one of Plenary's ranks, such as deputy_minister, or leave the rank empty."


@pytest.mark.parametrize(
    ("key", "position", "edited", "errors"),
    [
        ("start_date", 0, "2 November 2021", {"value": [MESSAGES["date"]]}),
        ("end_date", 0, "2021-02-30", {"value": [MESSAGES["date"]]}),
        ("end_date", 0, "20211102", {"value": [MESSAGES["date"]]}),
        ("edition_number", 0, "0", {"value": ["Give a whole number above zero."]}),
        ("edition_number", 0, "fourteen", {"value": ["Give a whole number above zero."]}),
        ("edition_number", 0, -3, {"value": ["Give a whole number above zero."]}),
        ("edition_number", 0, True, {"value": ["Give a whole number above zero."]}),
        ("country", 0, "tj", {"value": [MESSAGES["country"]]}),
        ("country", 0, "TJK", {"value": [MESSAGES["country"]]}),
        ("format", 0, "in person", {"value": ["Give one of in_person, online or hybrid."]}),
        ("city", 0, "   ", {"value": ["Give a value."]}),
        ("outcome_documents", 0, "", {"value": ["Give a value."]}),
        (
            "chairs",
            0,
            {"country": "TJ", "person": "Sirojiddin Muhriddin", "rank": "foreign minister"},
            {"rank": [RANK_MESSAGE]},
        ),
        (
            "participants",
            2,
            {"country": None, "person": None, "rank": None},
            {"country": [MESSAGES["country"]]},
        ),
        (
            "chairs",
            1,
            {"country": "KR", "person": "Choi Jong-kun"},
            {"__all__": ["An item of chairs has exactly the keys country, person and rank."]},
        ),
        (
            "participants",
            3,
            {"country": "KG", "person": None, "rank": None, "note": "x"},
            {"__all__": ["An item of participants has exactly the keys country, person and rank."]},
        ),
        (
            "decisions",
            0,
            {"kind": "next", "text": " ", "city": None, "year": "22"},
            {
                "kind": [
                    "Give one of next_edition, appointment, new_member, institutional or other."
                ],
                "text": ["Write the text."],
                "year": ["Give the year in four digits, such as 2019, or leave it empty."],
            },
        ),
        (
            "proposals",
            0,
            {"country": "kz", "person": None, "text": ""},
            {"country": [MESSAGES["country"]], "text": ["Write the text."]},
        ),
    ],
)
def test_a_corrected_value_is_checked_for_its_key(
    report, secretariat, key, position, edited, errors
):
    fact = fact_of(report, key, position)
    with pytest.raises(ValidationError) as refused:
        fact_decide(fact, decision="accepted", edited_value=edited, by=secretariat)
    assert refused.value.message_dict == errors
    fact.refresh_from_db()
    assert (fact.decision, fact.edited_value) == ("pending", None)
    assert decided_entries(fact) == []


@pytest.mark.parametrize(
    ("key", "given", "cleaned"),
    [
        ("expert_count", " 60 ", 60),
        ("start_date", dt.date(2021, 11, 1), "2021-11-01"),
        ("format", "hybrid", "hybrid"),
        ("country", "EU", "EU"),
        ("theme", "  Green growth ", "Green growth"),
        (
            "decisions",
            {"kind": "other", "text": "A fund.", "city": "", "year": "2023"},
            {"kind": "other", "text": "A fund.", "city": None, "year": 2023},
        ),
        (
            "proposals",
            {"country": None, "person": "", "text": "a fund"},
            {"country": None, "person": None, "text": "a fund"},
        ),
        (
            "preparatory_meetings",
            {"kind": "senior_officials", "text": "the 1+5 meeting"},
            {"kind": "senior_officials", "text": "the 1+5 meeting"},
        ),
        (
            "chairs",
            {"country": "KR", "person": None, "rank": "head_of_government"},
            {"country": "KR", "person": None, "rank": "head_of_government"},
        ),
    ],
)
def test_corrected_values_are_normalized(key, given, cleaned):
    assert clean_value(key, given) == cleaned


def test_decisions_are_refused_once_the_report_is_closed(report, secretariat):
    fact = fact_of(report, "city")
    report_discard(report, by=secretariat)
    with pytest.raises(ValidationError) as refused:
        fact_decide(fact, decision="accepted", by=secretariat)
    assert refused.value.messages == ["This report is discarded; its facts can no longer change."]

    IntakeReport.objects.filter(pk=report.pk).update(status=ReportStatus.APPLIED)
    with pytest.raises(ValidationError) as refused:
        fact_decide(fact, decision="rejected", by=secretariat)
    assert refused.value.messages == [
        "This report is written to the record; its facts can no longer change."
    ]
    fact.refresh_from_db()
    assert fact.decision == "pending"
    assert decided_entries(fact) == []


def test_discarding_a_report_is_logged_and_happens_once(report, secretariat):
    report_discard(report, by=secretariat)
    report.refresh_from_db()
    assert report.status == "discarded"
    entry = AuditEntry.objects.get(action="intake.report.updated", object_id=report.pk)
    assert (entry.actor, entry.data) == (
        secretariat,
        {"status": {"before": "in_review", "after": "discarded"}},
    )
    with pytest.raises(ValidationError) as refused:
        report_discard(report, by=secretariat)
    assert refused.value.messages == ["This report is discarded already."]

    IntakeReport.objects.filter(pk=report.pk).update(status=ReportStatus.APPLIED)
    with pytest.raises(ValidationError) as refused:
        report_discard(report, by=secretariat)
    assert refused.value.messages == [
        "This report is written to the record; it can no longer be discarded."
    ]


def _record_rows() -> tuple:
    return (
        Edition.objects.count(),
        Source.objects.count(),
        Citation.objects.count(),
        AuditEntry.objects.count(),
        list(IntakeReport.objects.values_list("pk", "status", "edition_id", "source_id")),
    )


def test_nothing_is_written_before_a_fact_is_accepted(report, secretariat):
    fact_decide(fact_of(report, "city"), decision="rejected", by=secretariat)
    before = _record_rows()
    with pytest.raises(ValidationError) as refused:
        report_write(report, by=secretariat)
    assert refused.value.messages == ["Accept at least one fact before writing to the record."]
    assert _record_rows() == before


def test_a_discarded_report_is_not_written(report, secretariat):
    fact_decide(fact_of(report, "edition_number"), decision="accepted", by=secretariat)
    report_discard(report, by=secretariat)
    before = _record_rows()
    with pytest.raises(ValidationError) as refused:
        report_write(report, by=secretariat)
    assert refused.value.messages == [
        "This report is discarded; nothing more of it can be written."
    ]
    assert _record_rows() == before


@pytest.mark.skipif(not HAS_APPLY, reason="plenary.intake.apply cannot be imported")
def test_a_refusal_of_the_apply_step_writes_nothing(report, secretariat):
    """Accepted facts without the edition number: ``report_apply`` refuses, and the record,
    the report and its facts stay as they were."""
    for key in ("city", "country", "start_date", "end_date"):
        fact_decide(fact_of(report, key), decision="accepted", by=secretariat)
    fact_decide(fact_of(report, "edition_number"), decision="rejected", by=secretariat)
    before = _record_rows()
    with pytest.raises(ValidationError):
        report_write(report, by=secretariat)
    assert _record_rows() == before


# The permission matrix ---------------------------------------------------------------------------

ROLES = (
    "anonymous",  # the public
    "no_role",  # signed in, with no role in any forum
    "secretariat",  # secretariat of this forum
    "other_secretariat",  # secretariat of another forum
    "focal_point",  # focal point of a member state of this forum (Kazakhstan)
    "expert",  # an expert of this forum
    "superuser",  # a Django superuser with no role in any forum
)

# fmt: off
MATRIX: dict[str, tuple] = {
    #                                                  anonymous no_role    secretariat other_sec  focal      expert     superuser
    "GET list":                                       (LOGIN,    FORBIDDEN, OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "GET list: this forum's report":                  (LOGIN,    FORBIDDEN, SHOWN,     HIDDEN,    FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "GET new":                                        (LOGIN,    FORBIDDEN, OK,        OK,        FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "POST new: an HTML page for this forum":          (LOGIN,    FORBIDDEN, DONE,      REFUSED,   FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "POST new without a text":                        (LOGIN,    FORBIDDEN, REFUSED,   REFUSED,   FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "GET review":                                     (LOGIN,    NOT_FOUND, OK,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "GET review: the forms of the facts":             (LOGIN,    NOT_FOUND, SHOWN,     NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "GET review of another forum's report":           (LOGIN,    NOT_FOUND, NOT_FOUND, OK,        NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "GET review of a discarded report: no form":      (LOGIN,    NOT_FOUND, HIDDEN,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "GET review of a report that does not exist":     (LOGIN,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST accept a fact":                             (LOGIN,    NOT_FOUND, DONE,      NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST correct a fact, then accept":               (LOGIN,    NOT_FOUND, DONE,      NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST correct a date that is not ISO":            (LOGIN,    NOT_FOUND, REFUSED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST reject a fact":                             (LOGIN,    NOT_FOUND, DONE,      NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST accept another report's fact here":         (LOGIN,    NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST accept a fact of a discarded report":       (LOGIN,    NOT_FOUND, REFUSED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST discard":                                   (LOGIN,    NOT_FOUND, DONE,      NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST discard a discarded report":                (LOGIN,    NOT_FOUND, REFUSED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST write with every fact pending":             (LOGIN,    NOT_FOUND, REFUSED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST write another forum's report":              (LOGIN,    NOT_FOUND, NOT_FOUND, REFUSED,   NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST write without an accepted edition number":  (LOGIN,    NOT_FOUND, REFUSED,   NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST write accepted facts":                      (LOGIN,    NOT_FOUND, DONE,      NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
}
# fmt: on


@dataclass
class World:
    forum: Any
    other_forum: Any
    users: dict[str, Any]
    report: IntakeReport  # this forum's, in review, every fact pending
    discarded: IntakeReport  # this forum's, discarded
    foreign: IntakeReport  # the other forum's, in review

    def url(self, name: str, report: IntakeReport | None = None, **kwargs) -> str:
        if report is not None:
            kwargs["pk"] = report.pk
        return reverse(f"intake:{name}", kwargs=kwargs or None)

    def decide_url(self, report: IntakeReport, fact: IntakeFact) -> str:
        return self.url("fact_decide", report, fact_pk=fact.pk)

    def forum_of(self, role: str):
        return self.other_forum if role == "other_secretariat" else self.forum


def make_world() -> World:
    forum = factories.ForumFactory(slug="kca", name="Korea–Central Asia Cooperation Forum")
    states = {code: factories.state(code) for code in ["KR", "KZ", "KG", "TJ", "TM", "UZ"]}
    for state in states.values():
        factories.MembershipFactory(forum=forum, state=state)
    other_forum = factories.ForumFactory(slug="japan", name="Central Asia plus Japan Dialogue")
    factories.MembershipFactory(forum=other_forum, state=states["KZ"])

    users: dict[str, Any] = {"anonymous": None}
    for role in ROLES[1:]:
        users[role] = User.objects.create_user(role, f"{role}@example.org")
    users["superuser"].is_staff = users["superuser"].is_superuser = True
    users["superuser"].save()
    role_grant(user=users["secretariat"], forum=forum, kind=RoleKind.SECRETARIAT)
    role_grant(user=users["other_secretariat"], forum=other_forum, kind=RoleKind.SECRETARIAT)
    role_grant(user=users["focal_point"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["KZ"])  # fmt: skip
    role_grant(user=users["expert"], forum=forum, kind=RoleKind.EXPERT)

    report = make_report(forum)
    discarded = make_report(forum, title="An older report on the 14th Forum")
    report_discard(discarded, by=users["secretariat"])
    foreign = make_report(other_forum, title="Tokyo hosts the Dialogue")
    return World(
        forum=forum,
        other_forum=other_forum,
        users=users,
        report=report,
        discarded=discarded,
        foreign=foreign,
    )


def snapshot() -> tuple:
    """Everything a refused action must leave as it was."""
    return (
        [
            model.objects.count()
            for model in (IntakeReport, IntakeFact, AuditEntry, Edition, Source, Citation)
        ],
        list(IntakeReport.objects.order_by("pk").values_list("pk", "status", "edition_id")),
        list(
            IntakeFact.objects.order_by("pk").values_list(
                "pk", "decision", "edited_value", "decided_by_id"
            )
        ),
    )


@dataclass(frozen=True)
class Row:
    method: str
    url: Callable[[World], str]
    data: Callable[[World, str], dict] = lambda world, role: {}
    shows: Callable[[World], str] | None = None  # for SHOWN / HIDDEN cells
    effect: Callable[..., None] | None = None  # for DONE cells: (world, role, response)
    refusal: str = ""  # for REFUSED cells: the reason on the page
    setup: Callable[[World], None] | None = None  # before the request and the snapshot
    needs: str = ""  # "extract" or "apply": the module a DONE or REFUSED cell reaches


UPLOADED_HTML = (
    "<html><head><title>MFA</title><script>var tracker = 1;</script></head><body>"
    "<nav>Home | News</nav><article><h1>The 14th Forum in Dushanbe</h1>"
    "<p>The 14th Korea–Central Asia Cooperation Forum was held in Dushanbe on "
    "2 November 2021.</p></article></body></html>"
)


def _upload(world: World, role: str) -> dict:
    return {
        "forum": world.forum.pk,
        "title": "The 14th Forum in Dushanbe",
        "publisher": "Ministry of Foreign Affairs of Tajikistan",
        "url": "https://mfa.tj/en/news/14th-forum",
        "published_on": "2021-11-03",
        "text": "",
        "file": SimpleUploadedFile("forum.html", UPLOADED_HTML.encode(), content_type="text/html"),
    }


def _read(world, role, response):
    report = IntakeReport.objects.get(title="The 14th Forum in Dushanbe")
    assert response["Location"] == world.url("report", report)
    assert (report.forum, report.status, report.created_by) == (
        world.forum,
        "in_review",
        world.users[role],
    )
    assert (report.publisher, report.url, report.published_on) == (
        "Ministry of Foreign Affairs of Tajikistan",
        "https://mfa.tj/en/news/14th-forum",
        dt.date(2021, 11, 3),
    )
    assert report.original == UPLOADED_HTML
    assert "<" not in report.text
    assert "tracker" not in report.text
    assert "The 14th Korea–Central Asia Cooperation Forum was held in Dushanbe" in report.text
    # The whole proposal is kept, and its facts are exactly its scalars and items.
    proposal = report.proposal
    assert set(proposal) >= {"forum", "edition_number", "conflicts", "spans"}
    assert proposal["edition_number"] == 14
    expected = [
        (key, 0, proposal[key])
        for key in (
            "forum",
            "edition_number",
            "start_date",
            "end_date",
            "city",
            "country",
            "format",
            "theme",
            "expert_count",
        )
        if proposal[key] is not None
    ]
    for key in (
        "chairs",
        "participants",
        "expert_session_fields",
        "preparatory_meetings",
        "proposals",
        "outcome_documents",
        "decisions",
    ):
        expected += [(key, position, item) for position, item in enumerate(proposal[key])]
    assert list(report.facts.order_by("pk").values_list("key", "position", "value")) == expected
    assert set(report.facts.values_list("decision", flat=True)) == {"pending"}
    entry = AuditEntry.objects.get(action="intake.report.created", object_id=report.pk)
    assert entry.actor == world.users[role]
    assert (entry.data["facts"], entry.data["html"], entry.data["title"]) == (
        len(expected),
        True,
        "The 14th Forum in Dushanbe",
    )


def _accepted(key: str, edited=None) -> Callable[..., None]:
    def check(world, role, response):
        fact = fact_of(world.report, key)
        assert response["Location"] == world.url("report", world.report) + f"#fact-{fact.pk}"
        assert (fact.decision, fact.edited_value, fact.decided_by) == (
            "accepted",
            edited,
            world.users[role],
        )

    return check


def _rejected(world, role, response):
    fact = fact_of(world.report, "participants", 5)
    assert response["Location"] == world.url("report", world.report) + f"#fact-{fact.pk}"
    assert fact.decision == "rejected"


def _discarded(world, role, response):
    assert response["Location"] == world.url("reports")
    world.report.refresh_from_db()
    assert world.report.status == "discarded"


def _accept(world: World, *keys: str, reject: tuple[str, ...] = ()) -> None:
    by = world.users["secretariat"]
    for key in keys:
        fact_decide(fact_of(world.report, key), decision="accepted", by=by)
    for key in reject:
        fact_decide(fact_of(world.report, key), decision="rejected", by=by)


def _written(world, role, response):
    edition = Edition.objects.get(forum=world.forum, number=14)
    assert response["Location"] == edition.get_absolute_url()
    # The corrected start date is the one written.
    assert (edition.start_date, edition.end_date) == (dt.date(2021, 11, 1), dt.date(2021, 11, 2))
    world.report.refresh_from_db()
    assert (world.report.status, world.report.edition) == ("applied", edition)
    assert world.report.source is not None


def _decide(decision: str, **fields) -> Callable[[World, str], dict]:
    def data(world, role):
        return {"decision": decision, **fields}

    return data


ROWS: dict[str, Row] = {
    "GET list": Row("GET", lambda w: w.url("reports")),
    "GET list: this forum's report": Row(
        "GET", lambda w: w.url("reports"), shows=lambda w: w.url("report", w.report)
    ),
    "GET new": Row("GET", lambda w: w.url("report_new")),
    "POST new: an HTML page for this forum": Row(
        "POST",
        lambda w: w.url("report_new"),
        data=_upload,
        effect=_read,
        refusal="Select a valid choice.",
        needs="extract",
    ),
    "POST new without a text": Row(
        "POST",
        lambda w: w.url("report_new"),
        data=lambda w, role: {"forum": w.forum_of(role).pk, "title": "Empty", "text": "  "},
        refusal="Paste the report&#x27;s text, or upload it as a file.",
    ),
    "GET review": Row("GET", lambda w: w.url("report", w.report)),
    "GET review: the forms of the facts": Row(
        "GET",
        lambda w: w.url("report", w.report),
        shows=lambda w: w.decide_url(w.report, fact_of(w.report, "city")),
    ),
    "GET review of another forum's report": Row("GET", lambda w: w.url("report", w.foreign)),
    "GET review of a discarded report: no form": Row(
        "GET",
        lambda w: w.url("report", w.discarded),
        shows=lambda w: w.decide_url(w.discarded, fact_of(w.discarded, "city")),
    ),
    "GET review of a report that does not exist": Row("GET", lambda w: w.url("report", pk=999999)),
    "POST accept a fact": Row(
        "POST",
        lambda w: w.decide_url(w.report, fact_of(w.report, "city")),
        data=_decide("accept"),
        effect=_accepted("city"),
    ),
    "POST correct a fact, then accept": Row(
        "POST",
        lambda w: w.decide_url(w.report, fact_of(w.report, "start_date")),
        data=lambda w, role: {
            "decision": "edit",
            f"fact-{fact_of(w.report, 'start_date').pk}-value": "2021-11-01",
        },
        effect=_accepted("start_date", "2021-11-01"),
    ),
    "POST correct a date that is not ISO": Row(
        "POST",
        lambda w: w.decide_url(w.report, fact_of(w.report, "start_date")),
        data=lambda w, role: {
            "decision": "edit",
            f"fact-{fact_of(w.report, 'start_date').pk}-value": "1 November 2021",
        },
        refusal=MESSAGES["date"],
    ),
    "POST reject a fact": Row(
        "POST",
        lambda w: w.decide_url(w.report, fact_of(w.report, "participants", 5)),
        data=_decide("reject"),
        effect=_rejected,
    ),
    "POST accept another report's fact here": Row(
        "POST",
        lambda w: w.decide_url(w.report, fact_of(w.foreign, "city")),
        data=_decide("accept"),
    ),
    "POST accept a fact of a discarded report": Row(
        "POST",
        lambda w: w.decide_url(w.discarded, fact_of(w.discarded, "city")),
        data=_decide("accept"),
        refusal="This report is discarded; its facts can no longer change.",
    ),
    "POST discard": Row("POST", lambda w: w.url("report_discard", w.report), effect=_discarded),
    "POST discard a discarded report": Row(
        "POST",
        lambda w: w.url("report_discard", w.discarded),
        refusal="This report is discarded already.",
    ),
    "POST write with every fact pending": Row(
        "POST",
        lambda w: w.url("report_write", w.report),
        refusal="Accept at least one fact before writing to the record.",
    ),
    "POST write another forum's report": Row(
        "POST",
        lambda w: w.url("report_write", w.foreign),
        refusal="Accept at least one fact before writing to the record.",
    ),
    "POST write without an accepted edition number": Row(
        "POST",
        lambda w: w.url("report_write", w.report),
        setup=lambda w: _accept(w, "city", "country", reject=("edition_number",)),
        needs="apply",
    ),
    "POST write accepted facts": Row(
        "POST",
        lambda w: w.url("report_write", w.report),
        setup=lambda w: (
            _accept(w, "edition_number", "end_date", "city", "country"),
            fact_decide(
                fact_of(w.report, "start_date"),
                decision="accepted",
                edited_value="2021-11-01",
                by=w.users["secretariat"],
            ),
        ),
        effect=_written,
        needs="apply",
    ),
}


def test_matrix_covers_every_row_and_role():
    assert sorted(MATRIX) == sorted(ROWS)
    assert {len(cells) for cells in MATRIX.values()} == {len(ROLES)}


@pytest.mark.parametrize(("name", "role", "expected"), list(cases(MATRIX, ROLES)))
def test_permission_matrix(client, name, role, expected):
    row = ROWS[name]
    reaches = expected in (DONE, REFUSED, OK, SHOWN, HIDDEN)
    if reaches and row.needs == "extract" and expected == DONE and not HAS_EXTRACT:
        pytest.skip("plenary.intake.extract cannot be imported")
    if reaches and row.needs == "apply" and not HAS_APPLY:
        pytest.skip("plenary.intake.apply cannot be imported")
    world = make_world()
    if row.setup is not None:
        row.setup(world)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = row.url(world)
    data = row.data(world, role)
    before = snapshot()

    response = client.get(url) if row.method == "GET" else client.post(url, data)

    check_answer(
        response,
        expected,
        url=url,
        shows=row.shows(world) if row.shows else "",
        refusal=row.refusal,
    )
    if row.method == "GET":
        return
    if expected == DONE:
        assert snapshot() != before, "the action changed nothing"
        row.effect(world, role, response)
    else:
        assert snapshot() == before, "a refused action changed something"


# The review page -----------------------------------------------------------------------------------


class _Marks(HTMLParser):
    """The text inside ``#report-text-body`` and, for each fact, the offsets of that text its
    marks cover; the numbered links back to the facts are left out of the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text = ""
        self.marks: list[str] = []  # the data-fact of each open mark
        self.in_ref = 0
        self.covered: dict[str, list[int]] = {}
        self.pieces: dict[str, int] = {}
        self.ids: dict[str, str] = {}  # data-fact -> id of its first piece
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if not self.depth:
            if attrs.get("id") == "report-text-body":
                self.depth = 1
            return
        self.depth += 1
        if tag == "mark":
            fact = attrs["data-fact"]
            self.marks.append(fact)
            self.pieces[fact] = self.pieces.get(fact, 0) + 1
            if "id" in attrs:
                assert fact not in self.ids
                self.ids[fact] = attrs["id"]
        elif tag == "sup":
            self.in_ref += 1
        elif tag == "a" and self.in_ref:
            self.refs.append(attrs["href"])

    def handle_endtag(self, tag):
        if not self.depth:
            return
        self.depth -= 1
        if tag == "mark":
            self.marks.pop()
        elif tag == "sup":
            self.in_ref -= 1

    def handle_data(self, data):
        if not self.depth or self.in_ref:
            return
        for fact in self.marks:
            self.covered.setdefault(fact, []).extend(
                range(len(self.text), len(self.text) + len(data))
            )
        self.text += data


def read_marks(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    parser.close()
    return parser


def test_every_fact_is_marked_at_its_exact_span(client, report, secretariat):
    client.force_login(secretariat)
    html = client.get(reverse("intake:report", kwargs={"pk": report.pk})).content.decode()
    assert markup_problems(html) == []
    marks = read_marks(html)
    assert marks.text == TEXT
    facts = list(report.facts.order_by("pk"))
    assert {
        int(pk): (min(offsets), max(offsets) + 1, len(offsets))
        for pk, offsets in marks.covered.items()
    } == {f.pk: (f.start, f.end, f.end - f.start) for f in facts}
    # Each fact: one id on its first mark, a link from the list to it and one back.
    assert marks.ids == {str(f.pk): f"hl-{f.pk}" for f in facts}
    assert sorted(marks.refs) == sorted(f"#fact-{f.pk}" for f in facts)
    for fact in facts:
        assert html.count(f'href="#hl-{fact.pk}"') == 1
        assert html.count(f'id="fact-{fact.pk}"') == 1
    # Marks nest where spans nest; the span that crosses another is split in two pieces.
    crossing = fact_of(report, "participants", 1)
    assert marks.pieces == {str(f.pk): 2 if f == crossing else 1 for f in facts}
    decision = fact_of(report, "decisions")
    assert (
        f'<mark id="hl-{decision.pk}" class="intake-mark intake-mark--decisions" '
        f'data-fact="{decision.pk}" title="18. Decisions">{NEXT_FORUM}</mark>'
        f'<sup class="intake-ref"><a href="#fact-{decision.pk}" aria-label="Fact 18: decisions">'
        "18</a></sup>"
    ) in html
    city, country, place = (fact_of(report, key) for key in ("city", "country", "format"))
    assert (
        f'<mark id="hl-{city.pk}" class="intake-mark intake-mark--city" data-fact="{city.pk}" '
        f'title="5. City"><mark id="hl-{country.pk}" class="intake-mark intake-mark--country" '
        f'data-fact="{country.pk}" title="6. Host state"><mark id="hl-{place.pk}" '
        f'class="intake-mark intake-mark--format" data-fact="{place.pk}" title="7. Format">'
        "Dushanbe</mark>"
    ) in html


def test_the_text_is_escaped_around_and_inside_the_marks(client, forum, secretariat):
    text = "Minister <b>Ali</b> said: <script>alert('x')</script> & left for Dushanbe."
    proposal = {
        **{key: None for key in PROPOSAL if key not in ("spans", "conflicts")},
        **{key: [] for key, value in PROPOSAL.items() if isinstance(value, list)},
        "city": "Dushanbe",
        "theme": "<script>alert('x')</script>",
        "spans": {
            "city": at("Dushanbe", 0.9, text=text),
            "theme": at("<script>alert('x')</script>", 0.5, text=text),
        },
        "conflicts": [{"kind": "count_mismatch", "text": "Two <i>states</i>"}],
    }
    report = make_report(forum, proposal=proposal, text=text, title="<script>x</script>")
    client.force_login(secretariat)
    html = client.get(reverse("intake:report", kwargs={"pk": report.pk})).content.decode()
    assert "<script>alert" not in html
    assert "<script>x" not in html
    assert "<b>Ali" not in html
    assert "<i>states" not in html
    theme = fact_of(report, "theme")
    assert (
        f'data-fact="{theme.pk}" title="2. Theme">'
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</mark>"
    ) in html
    assert "Minister &lt;b&gt;Ali&lt;/b&gt; said: " in html
    assert " &amp; left for " in html
    assert markup_problems(html) == []
    marks = read_marks(html)
    assert marks.text == text
    assert [(min(o), max(o) + 1) for o in marks.covered.values()] == [
        (theme.start, theme.end),
        (fact_of(report, "city").start, fact_of(report, "city").end),
    ]


def test_conflicts_are_warnings_at_the_top(client, report, secretariat):
    client.force_login(secretariat)
    html = client.get(reverse("intake:report", kwargs={"pk": report.pk})).content.decode()
    warning = (
        "<li><strong>A count that does not match the states named</strong>: "
        "The text speaks of five Central Asian states but names 4.</li>"
    )
    assert warning in html
    assert html.index('id="conflicts"') < html.index('id="report-text"')
    assert html.index('id="conflicts"') < html.index('id="facts"')


# The inputs of each fact whose items are objects
ITEMS = {
    "chairs": ("country", "person", "rank"),
    "participants": ("country", "person", "rank"),
    "proposals": ("country", "person", "text"),
    "decisions": ("kind", "text", "city", "year"),
}


def test_each_fact_has_labelled_inputs_one_per_key_of_an_item(client, report, secretariat):
    client.force_login(secretariat)
    response = client.get(reverse("intake:report", kwargs={"pk": report.pk}))
    html = response.content.decode()
    chair = fact_of(report, "chairs", 1)
    for name, label in [("country", "State (ISO code)"), ("person", "Person"), ("rank", "Rank")]:
        assert f'<label for="id_fact-{chair.pk}-{name}">{label}</label>' in html
    assert f'name="fact-{chair.pk}-person" value="Choi Jong-kun"' in html
    assert '<option value="deputy_minister" selected>deputy / vice minister</option>' in html
    number = fact_of(report, "edition_number")
    assert f'<label for="id_fact-{number.pk}-value">Edition number</label>' in html
    assert f'name="fact-{number.pk}-value" value="14"' in html
    # Every input of the page has its label.
    assert html.count("<label for=") == sum(
        len(ITEMS.get(f.key, ("value",))) for f in report.facts.all()
    )


def test_a_refused_correction_comes_back_on_its_fact_with_the_reason(client, report, secretariat):
    client.force_login(secretariat)
    fact = fact_of(report, "chairs", 0)
    response = client.post(
        reverse("intake:fact_decide", kwargs={"pk": report.pk, "fact_pk": fact.pk}),
        {
            "decision": "edit",
            f"fact-{fact.pk}-country": "tj",
            f"fact-{fact.pk}-person": "Sirojiddin Muhriddin",
            f"fact-{fact.pk}-rank": "foreign_minister",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    item = html[html.index(f'id="fact-{fact.pk}"') :]
    item = item[: item.index("</li>")]
    assert f'<span class="form__error" role="alert">{MESSAGES["country"]}</span>' in item
    assert '<details class="intake-edit" open>' in item
    assert f'name="fact-{fact.pk}-country" value="tj"' in item
    fact.refresh_from_db()
    assert (fact.decision, fact.edited_value) == ("pending", None)


def test_a_corrected_item_is_shown_with_what_was_proposed(client, report, secretariat):
    client.force_login(secretariat)
    fact = fact_of(report, "participants", 2)
    response = client.post(
        reverse("intake:fact_decide", kwargs={"pk": report.pk, "fact_pk": fact.pk}),
        {
            "decision": "edit",
            f"fact-{fact.pk}-country": "KZ",
            f"fact-{fact.pk}-person": "Mukhtar Tileuberdi",
            f"fact-{fact.pk}-rank": "deputy_minister",
        },
    )
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.final_value == {
        "country": "KZ",
        "person": "Mukhtar Tileuberdi",
        "rank": "deputy_minister",
    }
    html = client.get(response["Location"]).content.decode()
    item = html[html.index(f'id="fact-{fact.pk}"') :]
    item = item[: item.index("</li>")]
    assert '<span class="status status--accepted">accepted</span>' in item
    assert "<dt>person</dt><dd>Mukhtar Tileuberdi</dd>" in item
    assert "<dt>rank</dt><dd>deputy / vice minister</dd>" in item
    assert "Proposed: country KZ (Kazakhstan); person not stated; rank not stated" in item
    assert 'value="undo"' in item
    assert 'value="reject"' in item
    assert "Accept as proposed" in item


def test_the_write_button_shows_the_refusal_and_writes_nothing(client, report, secretariat):
    client.force_login(secretariat)
    before = snapshot()
    response = client.post(reverse("intake:report_write", kwargs={"pk": report.pk}))
    assert response.status_code == 400
    assert (
        '<div class="form__errors intake-errors" role="alert" id="errors"><p>'
        "Accept at least one fact before writing to the record.</p></div>"
    ) in response.content.decode()
    assert snapshot() == before


# The new-report form ------------------------------------------------------------------------------


def _new(client, **data):
    return client.post(
        reverse("intake:report_new"),
        {"title": "A report", "text": "", **data},
    )


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, {"text": ["Paste the report's text, or upload it as a file."]}),
        (
            {
                "text": "The Forum met.",
                "file": SimpleUploadedFile("r.txt", b"The Forum met.", content_type="text/plain"),
            },
            {"__all__": ["Paste the text or upload a file, not both."]},
        ),
        (
            {"file": SimpleUploadedFile("r.pdf", b"%PDF-1.4", content_type="application/pdf")},
            {"file": ["Upload a .txt or .html file."]},
        ),
        (
            {
                "file": SimpleUploadedFile(
                    "r.txt", "Forum".encode("utf-16"), content_type="text/plain"
                )
            },
            {"file": ["The file is not UTF-8 text."]},
        ),
        (
            {"text": "x" * 200_001},
            {"text": ["A report may hold at most 200,000 characters; this one has 200,001."]},
        ),
        (
            {"file": SimpleUploadedFile("r.txt", b"x" * 200_001, content_type="text/plain")},
            {"file": ["A report may hold at most 200,000 characters; this one has 200,001."]},
        ),
    ],
)
def test_the_new_report_form_refuses_with_its_reason(client, forum, secretariat, data, errors):
    client.force_login(secretariat)
    before = snapshot()
    response = _new(client, forum=forum.pk, **data)
    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert snapshot() == before


def test_the_new_report_form_offers_only_the_users_forums(client, forum, secretariat):
    other = factories.ForumFactory(slug="japan", name="Central Asia plus Japan Dialogue")
    factories.ForumFactory(slug="china", name="China–Central Asia Summit")
    role_grant(user=secretariat, forum=other, kind=RoleKind.SECRETARIAT)
    client.force_login(secretariat)
    response = client.get(reverse("intake:report_new"))
    assert list(response.context["form"].fields["forum"].choices) == [
        (other.pk, "Central Asia plus Japan Dialogue"),
        (forum.pk, "Korea–Central Asia Cooperation Forum"),
    ]
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert markup_problems(html) == []
    for name in ("forum", "title", "publisher", "url", "published_on", "text", "html", "file"):
        assert f'<label for="id_{name}">' in html


# The list -----------------------------------------------------------------------------------------


def test_the_list_shows_reports_in_review_with_their_counts(client, forum, secretariat):
    report = make_report(forum)
    fact_decide(fact_of(report, "city"), decision="accepted", by=secretariat)
    fact_decide(fact_of(report, "country"), decision="rejected", by=secretariat)
    discarded = make_report(forum, title="An older report")
    report_discard(discarded, by=secretariat)
    client.force_login(secretariat)
    response = client.get(reverse("intake:reports"))
    html = response.content.decode()
    assert markup_problems(html) == []
    assert [r.pk for r in response.context["in_review"]] == [report.pk]
    assert [r.pk for r in response.context["closed"]] == [discarded.pk]
    row = html[html.index(f'href="/intake/{report.pk}/"') :]
    row = row[: row.index("</tr>")]
    assert '<td data-label="Facts">18</td>' in row
    assert '<td data-label="Not yet reviewed">16</td>' in row
    assert '<td data-label="Accepted">1</td>' in row
    assert '<span class="badge badge--warn">1</span>' in row
    assert reverse("intake:report_new") in html


# A fixed number of queries whatever the size ----------------------------------------------------


def repeated(times: int) -> tuple[str, dict]:
    """The report's text ``times`` over, with every list of the proposal as long and each span
    moved to its copy of the text."""
    text = "\n".join([TEXT] * times)
    proposal = {key: value for key, value in PROPOSAL.items() if key != "spans"}
    spans = dict(PROPOSAL["spans"])
    for key, items in PROPOSAL.items():
        if key == "conflicts" or not isinstance(items, list):
            continue
        proposal[key] = items * times
        spans[key] = [
            {
                **span,
                "start": span["start"] + copy * (len(TEXT) + 1),
                "end": span["end"] + copy * (len(TEXT) + 1),
            }
            for copy in range(times)
            for span in PROPOSAL["spans"][key]
        ]
    proposal["spans"] = spans
    return text, proposal


def test_the_review_page_costs_the_same_queries_for_a_long_report(client, forum, secretariat):
    client.force_login(secretariat)
    small = make_report(forum)
    text, proposal = repeated(4)
    large = make_report(forum, text=text, proposal=proposal, title="Long")
    assert large.facts.count() == 7 + 11 * 4
    html = client.get(reverse("intake:report", kwargs={"pk": large.pk})).content.decode()
    assert markup_problems(html) == []
    assert read_marks(html).text == text
    small_count = count_queries(client, reverse("intake:report", kwargs={"pk": small.pk}))
    large_count = count_queries(client, reverse("intake:report", kwargs={"pk": large.pk}))
    assert small_count == large_count


def test_the_list_costs_the_same_queries_for_more_reports(client, forum, secretariat):
    client.force_login(secretariat)
    make_report(forum)
    one = count_queries(client, reverse("intake:reports"))
    for number in range(4):
        make_report(forum, title=f"Report {number}")
        report_discard(make_report(forum, title=f"Old report {number}"), by=secretariat)
    assert count_queries(client, reverse("intake:reports")) == one


def test_a_decision_time_defaults_to_now(report, secretariat):
    fact = fact_of(report, "forum")
    before = timezone.now()
    fact_decide(fact, decision="accepted", by=secretariat)
    fact.refresh_from_db()
    assert before <= fact.decided_at <= timezone.now()
