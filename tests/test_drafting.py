"""The drafting workflow of outcome documents: every step, every refusal, the record it leaves,
the e-mails it sends, and the freezing of adopted text in the domain and in the database.

Time is a fixed clock passed as ``now=``; nothing sleeps and no worker runs.
"""

import copy
import datetime as dt
import pickle
import threading
import zoneinfo
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.accounts.models import Role
from plenary.common.models import AuditEntry
from plenary.common.queries import history_of
from plenary.documents.drafting import (
    DocumentFrozen,
    EditConflict,
    ParagraphDiff,
    WorkflowError,
    amendment_diff,
    comment_add,
    document_adopt_at_meeting,
    document_compare,
    note_add,
    paragraph_add,
    paragraph_edit,
    position_record,
    silence_break,
    silence_open,
    silence_outcome,
    silences_settle,
    version_circulate,
    version_next,
    version_start,
    word_diff,
)
from plenary.documents.enums import AdoptionMethod, DocumentStatus, SilenceOutcome, VersionStatus
from plenary.documents.models import (
    AdoptionConsent,
    Comment,
    DelegationNote,
    DocumentVersion,
    LanguageVersion,
    Paragraph,
    Position,
    SilenceProcedure,
)
from plenary.forums.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)
COMMENTS_DUE = NOW + dt.timedelta(days=14)  # 2025-03-17 09:00 UTC
DEADLINE = NOW + dt.timedelta(days=21)  # 2025-03-24 09:00 UTC
FORUM = "Korea–Central Asia Cooperation Forum"
TITLE = "Joint Statement of the 19th Forum"
TITLES = {"en": "Joint Statement", "ru": "Совместное заявление"}
EN = ["The parties welcome the forum.", "The parties will cooperate on forests."]
RU = ["Стороны приветствуют форум.", "Стороны будут сотрудничать в области лесов."]


# Helpers --------------------------------------------------------------------------------------


@pytest.fixture
def document(forum):
    return factories.OutcomeDocumentFactory(forum=forum, title=TITLE)


@pytest.fixture
def pen(staff_user):
    """The user holding the pen (the secretariat)."""
    return staff_user


def start(document, by=None, *, en=EN, ru=RU):
    return version_start(
        document, by=by, titles=TITLES, paragraphs={"en": list(en), "ru": list(ru)}
    )


def circulate(version, by=None):
    return version_circulate(version, by=by, comments_due=COMMENTS_DUE, now=NOW)


def paragraph_of(version, number, language="en"):
    return Paragraph.objects.get(
        language_version__version=version, language_version__language=language, number=number
    )


def texts(version, language="en"):
    return list(
        Paragraph.objects.filter(
            language_version__version=version, language_version__language=language
        ).values_list("number", "text")
    )


def last_entry(subject):
    return history_of(subject).values_list("action", "data").first()


def actions(subject):
    return list(reversed(history_of(subject).values_list("action", flat=True)))


def ref(obj):
    return {"pk": obj.pk, "str": str(obj)}


def state(code):
    return factories.state(code)


# Starting a version -----------------------------------------------------------------------------


def test_version_start_creates_an_aligned_draft(document, pen):
    version = start(document, pen)
    assert (version.number, version.status) == (1, VersionStatus.DRAFT)
    assert list(version.languages.values_list("language", "title")) == [
        ("en", "Joint Statement"),
        ("ru", "Совместное заявление"),
    ]
    assert texts(version, "en") == [(1, EN[0]), (2, EN[1])]
    assert texts(version, "ru") == [(1, RU[0]), (2, RU[1])]
    assert set(
        Paragraph.objects.filter(language_version__version=version).values_list(
            "revision", flat=True
        )
    ) == {1}
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT
    entry = history_of(document).get()
    assert (entry.action, entry.actor, entry.subject, entry.data) == (
        "documents.version.created",
        pen,
        document,
        {
            "version": 1,
            "based_on": None,
            "superseded": None,
            "languages": ["en", "ru"],
            "paragraphs": 2,
            "accepted_comments": [],
        },
    )


def test_version_start_again_supersedes_the_latest_and_numbers_the_next(document):
    first = circulate(start(document))
    second = start(document, en=["Fresh text."], ru=["Новый текст."])
    first.refresh_from_db()
    document.refresh_from_db()
    assert (first.status, second.number, second.status) == (
        VersionStatus.SUPERSEDED,
        2,
        VersionStatus.DRAFT,
    )
    assert texts(second) == [(1, "Fresh text.")]
    assert document.status == DocumentStatus.UNDER_NEGOTIATION
    assert last_entry(document)[1]["superseded"] == 1


@pytest.mark.parametrize(
    ("titles", "paragraphs", "error"),
    [
        ({}, {}, {"titles": ["Give the title in at least one language."]}),
        (
            {"en": "T", "tg": "T"},
            {"en": [], "tg": []},
            {"titles": [f"Not a working language of {FORUM}: tg (it works in en, ru, ko)."]},
        ),
        ({"en": "T", "ru": " "}, {"en": [], "ru": []}, {"titles": ["The title in ru is empty."]}),
        (
            {"en": "T", "ru": "T"},
            {"en": ["One."]},
            {"paragraphs": ["Give the paragraphs in every language: none in ru."]},
        ),
        (
            {"en": "T"},
            {"en": ["One."], "ko": ["하나."]},
            {"titles": ["Give the title in every language: none in ko."]},
        ),
        (
            {"en": "T", "ru": "T"},
            {"en": ["One.", "Two."], "ru": ["Один."]},
            {
                "paragraphs": [
                    "Every language needs the same number of paragraphs, aligned by number: "
                    "en 2, ru 1."
                ]
            },
        ),
        (
            {"en": "T", "ru": "T"},
            {"en": ["One.", ""], "ru": ["Один.", "Два."]},
            {"paragraphs": ["Paragraph 2 in en is empty."]},
        ),
    ],
)
def test_version_start_refuses_texts_that_do_not_fit(document, titles, paragraphs, error):
    with pytest.raises(ValidationError) as refused:
        version_start(document, by=None, titles=titles, paragraphs=paragraphs)
    assert refused.value.message_dict == error
    assert DocumentVersion.objects.count() == 0


def test_version_start_refused_under_silence(document):
    silence_open(circulate(start(document)), deadline=DEADLINE, by=None, now=NOW)
    with pytest.raises(WorkflowError) as refused:
        start(document)
    assert refused.value.messages == [
        "A silence procedure is open on this document until 2025-03-24 09:00 UTC."
    ]


def test_version_start_refused_on_an_adopted_document(document):
    meeting = factories.MeetingFactory(edition=factories.EditionFactory(forum=document.forum))
    start(document)
    document_adopt_at_meeting(
        document, meeting=meeting, on=dt.date(2025, 3, 20), by=None, consenting_states=[state("KZ")]
    )
    with pytest.raises(DocumentFrozen) as refused:
        start(document)
    assert refused.value.messages == ["This document has been adopted; its text is frozen."]


# Editing a draft --------------------------------------------------------------------------------


def test_paragraph_edit_raises_the_revision_and_logs_before_and_after(document, pen):
    version = start(document)
    edited = paragraph_edit(
        paragraph_of(version, 2),
        text=" The parties will cooperate closely. ",
        expected_revision=1,
        by=pen,
    )
    assert (edited.text, edited.revision) == ("The parties will cooperate closely.", 2)
    assert paragraph_of(version, 2).revision == 2
    assert last_entry(document) == (
        "documents.paragraph.edited",
        {
            "version": 1,
            "language": "en",
            "number": 2,
            "text": {"before": EN[1], "after": "The parties will cooperate closely."},
            "revision": {"before": 1, "after": 2},
        },
    )


def test_paragraph_edit_with_a_stale_revision_is_a_conflict_carrying_both_texts(document):
    version = start(document)
    paragraph = paragraph_of(version, 1)
    paragraph_edit(paragraph, text="Text of the first editor.", expected_revision=1, by=None)
    with pytest.raises(EditConflict) as conflict:
        paragraph_edit(paragraph, text="Text of the second editor.", expected_revision=1, by=None)
    error = conflict.value
    assert (
        error.paragraph.pk,
        error.current_text,
        error.current_revision,
        error.attempted_text,
        error.messages,
    ) == (
        paragraph.pk,
        "Text of the first editor.",
        2,
        "Text of the second editor.",
        [
            "Paragraph 1 was changed by someone else while you edited it (it is now at "
            "revision 2). Read its current text and make your change again."
        ],
    )
    assert isinstance(error, WorkflowError)
    assert (paragraph_of(version, 1).text, paragraph_of(version, 1).revision) == (
        "Text of the first editor.",
        2,
    )


def test_edit_conflict_survives_copying_and_pickling(document):
    paragraph = paragraph_of(start(document), 1)
    conflict = EditConflict(
        paragraph=paragraph, current_text="Now.", current_revision=3, attempted_text="Mine."
    )
    for twin in (copy.deepcopy(conflict), pickle.loads(pickle.dumps(conflict))):
        assert (
            twin.paragraph.pk,
            twin.current_text,
            twin.current_revision,
            twin.attempted_text,
            twin.messages,
            twin.code,
        ) == (paragraph.pk, "Now.", 3, "Mine.", conflict.messages, "edit_conflict")


def test_paragraph_edit_that_changes_nothing_writes_nothing(document):
    version = start(document)
    entries = AuditEntry.objects.count()
    same = paragraph_edit(paragraph_of(version, 1), text=EN[0], expected_revision=1, by=None)
    assert (same.revision, AuditEntry.objects.count()) == (1, entries)


def test_paragraph_edit_refuses_an_empty_text(document):
    version = start(document)
    with pytest.raises(ValidationError) as refused:
        paragraph_edit(paragraph_of(version, 1), text="  ", expected_revision=1, by=None)
    assert refused.value.message_dict == {"text": ["A paragraph cannot be empty."]}


def test_paragraph_edit_refused_once_circulated(document):
    version = circulate(start(document))
    with pytest.raises(WorkflowError) as refused:
        paragraph_edit(paragraph_of(version, 1), text="Changed.", expected_revision=1, by=None)
    assert refused.value.messages == ["Version 1 has been circulated; only a draft can be changed."]
    assert not isinstance(refused.value, DocumentFrozen)


def test_paragraph_add_appends_to_one_language(document, pen):
    version = start(document)
    english = version.languages.get(language="en")
    added = paragraph_add(english, text="The parties will meet again in 2026.", by=pen)
    assert (added.number, added.revision) == (3, 1)
    assert texts(version) == [(1, EN[0]), (2, EN[1]), (3, "The parties will meet again in 2026.")]
    assert last_entry(document) == (
        "documents.paragraph.added",
        {
            "version": 1,
            "language": "en",
            "number": 3,
            "text": "The parties will meet again in 2026.",
        },
    )


def test_paragraph_add_refused_once_circulated(document):
    version = circulate(start(document))
    with pytest.raises(WorkflowError) as refused:
        paragraph_add(version.languages.get(language="en"), text="More.", by=None)
    assert refused.value.messages == ["Version 1 has been circulated; only a draft can be changed."]


# Circulation ------------------------------------------------------------------------------------


def test_version_circulate_opens_negotiation(document, pen):
    version = circulate(start(document), pen)
    document.refresh_from_db()
    assert (version.status, version.circulated_at, version.comments_due, document.status) == (
        VersionStatus.CIRCULATED,
        NOW,
        COMMENTS_DUE,
        DocumentStatus.UNDER_NEGOTIATION,
    )
    assert last_entry(document) == (
        "documents.version.circulated",
        {
            "version": 1,
            "status": {"before": "draft", "after": "circulated"},
            "comments_due": "2025-03-17 09:00:00+00:00",
            "document_status": {"before": "draft", "after": "negotiation"},
        },
    )


@pytest.mark.parametrize(
    ("comments_due", "message"),
    [
        (None, "Give the deadline for comments with its time zone."),
        (dt.datetime(2025, 3, 17, 9, 0), "Give the deadline for comments with its time zone."),
        (NOW, "The deadline for comments must be in the future."),
        (NOW - dt.timedelta(days=1), "The deadline for comments must be in the future."),
    ],
)
def test_version_circulate_needs_an_aware_future_deadline(document, comments_due, message):
    version = start(document)
    with pytest.raises(ValidationError) as refused:
        version_circulate(version, by=None, comments_due=comments_due, now=NOW)
    assert refused.value.message_dict == {"comments_due": [message]}
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_version_circulate_refuses_languages_out_of_alignment(document):
    version = start(document)
    paragraph_add(version.languages.get(language="en"), text="Only in English.", by=None)
    with pytest.raises(WorkflowError) as refused:
        circulate(version)
    assert refused.value.messages == [
        "The languages of version 1 are not aligned (en 3, ru 2 paragraphs); align them before "
        "circulating."
    ]


def test_version_circulate_refuses_a_version_without_text(document):
    version = start(document, en=[], ru=[])
    with pytest.raises(WorkflowError) as refused:
        circulate(version)
    assert refused.value.messages == ["Version 1 has no text to circulate."]


def test_version_circulate_refused_twice(document):
    version = circulate(start(document))
    with pytest.raises(WorkflowError) as refused:
        circulate(version)
    assert refused.value.messages == ["Version 1 has already been circulated."]


# Comments and positions -------------------------------------------------------------------------


def test_comment_add_records_an_amendment(document, member_user):
    version = circulate(start(document))
    comment = comment_add(
        paragraph_of(version, 2),
        state=state("KZ"),
        by=member_user,
        text="Name the forests.",
        proposed_text="The parties will cooperate on mountain forests.",
        now=NOW + dt.timedelta(days=1),
    )
    assert (comment.state, comment.author, comment.text, comment.proposed_text) == (
        state("KZ"),
        member_user,
        "Name the forests.",
        "The parties will cooperate on mountain forests.",
    )
    assert last_entry(document) == (
        "documents.comment.added",
        {
            "comment": comment.pk,
            "version": 1,
            "language": "en",
            "number": 2,
            "state": ref(state("KZ")),
            "text": "Name the forests.",
            "proposed_text": "The parties will cooperate on mountain forests.",
        },
    )
    assert amendment_diff(comment) == [
        ("equal", "The parties will cooperate on "),
        ("insert", "mountain "),
        ("equal", "forests."),
    ]


def test_comment_add_refused_at_the_deadline(document):
    version = circulate(start(document))
    with pytest.raises(WorkflowError) as refused:
        comment_add(
            paragraph_of(version, 1), state=state("KZ"), by=None, text="Late.", now=COMMENTS_DUE
        )
    assert refused.value.messages == ["Comments on version 1 were due by 2025-03-17 09:00 UTC."]


def test_comment_add_refused_on_a_draft(document):
    version = start(document)
    with pytest.raises(WorkflowError) as refused:
        comment_add(paragraph_of(version, 1), state=state("KZ"), by=None, text="Early.", now=NOW)
    assert refused.value.messages == ["Version 1 has not been circulated for comment yet."]


def test_comment_add_refused_on_a_superseded_version(document):
    version = circulate(start(document))
    version_next(document, by=None)
    with pytest.raises(WorkflowError) as refused:
        comment_add(paragraph_of(version, 1), state=state("KZ"), by=None, text="Too late.", now=NOW)
    assert refused.value.messages == ["Version 1 has been superseded; it takes no more comments."]


def test_comment_add_refused_under_silence(document):
    version = circulate(start(document))
    silence_open(version, deadline=DEADLINE, by=None, now=NOW)
    with pytest.raises(WorkflowError) as refused:
        comment_add(paragraph_of(version, 1), state=state("KZ"), by=None, text="Hm.", now=NOW)
    assert refused.value.messages == [
        "A silence procedure is open on this version; a delegation that objects to the text "
        "breaks silence."
    ]


@pytest.mark.parametrize(
    ("code", "text", "proposed_text", "error"),
    [
        ("JP", "Agreed.", "", {"state": [f"Japan is not a member of {FORUM}."]}),
        ("KZ", " ", "", {"__all__": ["Write a comment or propose a text."]}),
        ("KZ", "", EN[0], {"proposed_text": ["The proposed text is the paragraph's own text."]}),
    ],
)
def test_comment_add_refusals(document, code, text, proposed_text, error):
    version = circulate(start(document))
    with pytest.raises(ValidationError) as refused:
        comment_add(
            paragraph_of(version, 1),
            state=state(code),
            by=None,
            text=text,
            proposed_text=proposed_text,
            now=NOW,
        )
    assert refused.value.message_dict == error
    assert Comment.objects.count() == 0


def test_a_comment_left_by_a_former_member_is_refused(document):
    Membership.objects.filter(forum=document.forum, state__code="TM").update(
        left_on=dt.date(2024, 12, 31)
    )
    version = circulate(start(document))
    with pytest.raises(ValidationError) as refused:
        comment_add(paragraph_of(version, 1), state=state("TM"), by=None, text="x", now=NOW)
    assert refused.value.message_dict == {"state": [f"Turkmenistan is not a member of {FORUM}."]}


def test_position_record_then_replace_logs_before_and_after(document, member_user):
    version = circulate(start(document))
    position = position_record(version, state=state("KZ"), kind="ad_referendum", by=member_user)
    assert (position.kind, position.paragraphs, position.recorded_by) == (
        "ad_referendum",
        "",
        member_user,
    )
    assert last_entry(document) == (
        "documents.position.recorded",
        {
            "version": 1,
            "state": ref(state("KZ")),
            "kind": "ad_referendum",
            "paragraphs": "",
            "note": "",
        },
    )
    replaced = position_record(
        version, state=state("KZ"), kind="reservation", paragraphs="2, 1–2", by=member_user
    )
    assert (replaced.pk, replaced.kind, replaced.paragraphs) == (position.pk, "reservation", "1–2")
    assert Position.objects.count() == 1
    assert last_entry(document) == (
        "documents.position.updated",
        {
            "version": 1,
            "state": ref(state("KZ")),
            "kind": {"before": "ad_referendum", "after": "reservation"},
            "paragraphs": {"before": "", "after": "1–2"},
        },
    )
    entries = AuditEntry.objects.count()
    position_record(version, state=state("KZ"), kind="reservation", paragraphs="1-2", by=None)
    assert AuditEntry.objects.count() == entries


def test_position_record_allowed_under_silence(document):
    version = circulate(start(document))
    silence_open(version, deadline=DEADLINE, by=None, now=NOW)
    assert position_record(version, state=state("TJ"), kind="agreed", by=None).kind == "agreed"


@pytest.mark.parametrize(
    ("kind", "paragraphs", "error"),
    [
        ("maybe", "", {"kind": ["Unknown position “maybe”."]}),
        ("reservation", "", {"paragraphs": ["A reservation names the paragraphs it applies to."]}),
        ("reservation", "1, 3, 7", {"paragraphs": ["Version 1 has no paragraphs 3, 7."]}),
        ("reservation", "2–9", {"paragraphs": ["Version 1 has no paragraph 9."]}),
        (
            "objection",
            "two",
            {"paragraphs": ["Give paragraph numbers such as “3, 5–7”, not “two”."]},
        ),
        ("reservation", "2–1", {"paragraphs": ["The range 2–1 runs backwards."]}),
    ],
)
def test_position_record_refusals(document, kind, paragraphs, error):
    version = circulate(start(document))
    with pytest.raises(ValidationError) as refused:
        position_record(version, state=state("KZ"), kind=kind, paragraphs=paragraphs, by=None)
    assert refused.value.message_dict == error


def test_position_record_refused_on_a_draft(document):
    with pytest.raises(WorkflowError) as refused:
        position_record(start(document), state=state("KZ"), kind="agreed", by=None)
    assert refused.value.messages == ["Version 1 has not been circulated yet."]


# The next version -------------------------------------------------------------------------------


def test_version_next_takes_in_the_accepted_amendments(document, pen):
    version = circulate(start(document))
    later = NOW + dt.timedelta(days=2)
    accepted = comment_add(
        paragraph_of(version, 2),
        state=state("KZ"),
        by=None,
        proposed_text="The parties will cooperate on mountain forests.",
        now=later,
    )
    accepted_ru = comment_add(
        paragraph_of(version, 1, "ru"),
        state=state("UZ"),
        by=None,
        proposed_text="Стороны приветствуют девятнадцатый форум.",
        now=later,
    )
    rejected = comment_add(
        paragraph_of(version, 1),
        state=state("TJ"),
        by=None,
        proposed_text="The parties warmly welcome the forum.",
        now=later,
    )
    following = version_next(document, by=pen, accepted_comments=[accepted, accepted_ru])
    version.refresh_from_db()
    assert (following.number, following.status, version.status) == (
        2,
        VersionStatus.DRAFT,
        VersionStatus.SUPERSEDED,
    )
    assert texts(following, "en") == [
        (1, EN[0]),
        (2, "The parties will cooperate on mountain forests."),
    ]
    assert texts(following, "ru") == [(1, "Стороны приветствуют девятнадцатый форум."), (2, RU[1])]
    assert list(following.languages.values_list("language", "title")) == [
        ("en", "Joint Statement"),
        ("ru", "Совместное заявление"),
    ]
    assert texts(version, "en") == [(1, EN[0]), (2, EN[1])]
    assert [
        c.accepted_in
        for c in Comment.objects.filter(pk__in=[accepted.pk, accepted_ru.pk, rejected.pk]).order_by(
            "pk"
        )
    ] == [following, following, None]
    assert last_entry(document) == (
        "documents.version.created",
        {
            "version": 2,
            "based_on": 1,
            "superseded": 1,
            "languages": ["en", "ru"],
            "paragraphs": 2,
            "accepted_comments": [accepted.pk, accepted_ru.pk],
        },
    )


def test_version_next_refuses_what_cannot_be_taken_in(document):
    version = circulate(start(document))
    plain = comment_add(paragraph_of(version, 1), state=state("KZ"), by=None, text="Fine.", now=NOW)
    first = comment_add(
        paragraph_of(version, 2), state=state("KZ"), by=None, proposed_text="One way.", now=NOW
    )
    second = comment_add(
        paragraph_of(version, 2), state=state("TJ"), by=None, proposed_text="Another way.", now=NOW
    )
    refusals = []
    for accepted in ([plain], [first, second]):
        with pytest.raises(ValidationError) as refused:
            version_next(document, by=None, accepted_comments=accepted)
        refusals.append(refused.value.message_dict)
    following = version_next(document, by=None)
    with pytest.raises(ValidationError) as refused:
        version_next(document, by=None, accepted_comments=[first])
    refusals.append(refused.value.message_dict)
    assert refusals == [
        {"accepted_comments": ["The comment of Kazakhstan on ¶1 [en] proposes no text."]},
        {"accepted_comments": ["Two accepted amendments replace ¶2 [en]; accept one."]},
        {
            "accepted_comments": [
                "The comment of Kazakhstan on ¶2 [en] is on version 1, not on the latest version 2."
            ]
        },
    ]
    assert (following.number, DocumentVersion.objects.count()) == (2, 2)


def test_version_next_needs_a_version(document):
    with pytest.raises(WorkflowError) as refused:
        version_next(document, by=None)
    assert refused.value.messages == ["This document has no version yet; start the first one."]


# Comparing versions -----------------------------------------------------------------------------


def test_document_compare_shows_each_paragraph_changed_added_or_removed(document):
    version = circulate(start(document))
    amendment = comment_add(
        paragraph_of(version, 2),
        state=state("KZ"),
        by=None,
        proposed_text="The parties will cooperate closely on forests and water.",
        now=NOW,
    )
    following = version_next(document, by=None, accepted_comments=[amendment])
    paragraph_add(following.languages.get(language="en"), text="They will meet in 2026.", by=None)
    assert document_compare(version, following, language="en") == [
        ParagraphDiff(number=1, old_text=EN[0], new_text=EN[0], ops=[("equal", EN[0])]),
        ParagraphDiff(
            number=2,
            old_text=EN[1],
            new_text="The parties will cooperate closely on forests and water.",
            ops=[
                ("equal", "The parties will cooperate "),
                ("insert", "closely "),
                ("equal", "on forests"),
                ("insert", " and water"),
                ("equal", "."),
            ],
        ),
        ParagraphDiff(
            number=3,
            old_text=None,
            new_text="They will meet in 2026.",
            ops=[("insert", "They will meet in 2026.")],
        ),
    ]
    backwards = document_compare(following, version, language="en")
    assert [(d.number, d.change, d.ops[-1]) for d in backwards] == [
        (1, "unchanged", ("equal", EN[0])),
        (2, "changed", ("equal", ".")),
        (3, "removed", ("delete", "They will meet in 2026.")),
    ]


def test_word_diff_keeps_a_replaced_phrase_together():
    assert word_diff("a quick brown fox", "a slow red fox") == [
        ("equal", "a "),
        ("delete", "quick brown"),
        ("insert", "slow red"),
        ("equal", " fox"),
    ]
    assert word_diff("", "New.") == [("insert", "New.")]


def test_document_compare_refuses_versions_of_two_documents(document, forum):
    other = factories.OutcomeDocumentFactory(forum=forum)
    with pytest.raises(ValidationError) as refused:
        document_compare(start(document), start(other), language="en")
    assert refused.value.messages == ["Compare two versions of the same document."]


# Silence ----------------------------------------------------------------------------------------


@pytest.fixture
def silence(document):
    version = circulate(start(document))
    return silence_open(version, deadline=DEADLINE, by=None, now=NOW)


def test_silence_open_puts_the_document_under_silence(document, pen):
    version = circulate(start(document))
    procedure = silence_open(version, deadline=DEADLINE, by=pen, now=NOW)
    document.refresh_from_db()
    assert (procedure.outcome, procedure.deadline, document.status) == (
        SilenceOutcome.OPEN,
        DEADLINE,
        DocumentStatus.UNDER_SILENCE,
    )
    assert last_entry(document) == (
        "documents.silence.opened",
        {
            "version": 1,
            "deadline": "2025-03-24 09:00:00+00:00",
            "document_status": {"before": "negotiation", "after": "silence"},
        },
    )


def test_silence_open_refusals(document):
    draft = start(document)
    with pytest.raises(WorkflowError) as on_draft:
        silence_open(draft, deadline=DEADLINE, by=None, now=NOW)
    version = circulate(draft)
    with pytest.raises(ValidationError) as naive:
        silence_open(version, deadline=dt.datetime(2025, 3, 24, 9, 0), by=None, now=NOW)
    with pytest.raises(ValidationError) as past:
        silence_open(version, deadline=NOW, by=None, now=NOW)
    silence_open(version, deadline=DEADLINE, by=None, now=NOW)
    with pytest.raises(WorkflowError) as twice:
        silence_open(version, deadline=DEADLINE, by=None, now=NOW)
    assert (
        on_draft.value.messages,
        naive.value.message_dict,
        past.value.message_dict,
        twice.value.messages,
    ) == (
        ["Silence is opened on a circulated version; version 1 is a draft."],
        {"deadline": ["Give the deadline with its time zone."]},
        {"deadline": ["The deadline must be in the future."]},
        ["A silence procedure is open on this document until 2025-03-24 09:00 UTC."],
    )
    assert SilenceProcedure.objects.count() == 1


def test_silence_outcome_is_derived_from_the_deadline_without_any_worker(document, silence):
    second = dt.timedelta(seconds=1)
    assert [
        silence_outcome(silence, now=moment)
        for moment in [NOW, DEADLINE - second, DEADLINE, DEADLINE + second, DEADLINE + 30 * second]
    ] == ["open", "open", "adopted", "adopted", "adopted"]
    silence.refresh_from_db()
    document.refresh_from_db()
    assert (silence.outcome, document.status) == (SilenceOutcome.OPEN, DocumentStatus.UNDER_SILENCE)


def test_silence_break_before_the_deadline(document, silence, member_user):
    moment = DEADLINE - dt.timedelta(seconds=1)
    broken = silence_break(
        silence,
        state=state("TJ"),
        reason=" Paragraph 2 needs the capital's review. ",
        by=member_user,
        now=moment,
    )
    document.refresh_from_db()
    assert (broken.outcome, broken.broken_by, broken.broken_at, broken.break_reason) == (
        SilenceOutcome.BROKEN,
        state("TJ"),
        moment,
        "Paragraph 2 needs the capital's review.",
    )
    assert document.status == DocumentStatus.UNDER_NEGOTIATION
    assert [silence_outcome(broken, now=m) for m in (moment, DEADLINE + dt.timedelta(days=1))] == [
        "broken",
        "broken",
    ]
    assert last_entry(document) == (
        "documents.silence.broken",
        {
            "version": 1,
            "state": ref(state("TJ")),
            "reason": "Paragraph 2 needs the capital's review.",
            "at": "2025-03-24 08:59:59+00:00",
            "outcome": {"before": "open", "after": "broken"},
            "document_status": {"before": "silence", "after": "negotiation"},
        },
    )
    assert silences_settle(now=DEADLINE + dt.timedelta(days=1)) == []


@pytest.mark.parametrize("moment", [DEADLINE, DEADLINE + dt.timedelta(hours=1)])
def test_silence_break_refused_at_and_after_the_deadline(document, silence, moment):
    with pytest.raises(WorkflowError) as refused:
        silence_break(silence, state=state("TJ"), reason="Too late.", by=None, now=moment)
    assert refused.value.messages == [
        "The deadline passed at 2025-03-24 09:00 UTC; silence can no longer be broken."
    ]
    silence.refresh_from_db()
    assert silence.outcome == SilenceOutcome.OPEN


def test_silence_break_refusals(document, silence):
    with pytest.raises(ValidationError) as no_reason:
        silence_break(silence, state=state("TJ"), reason=" ", by=None, now=NOW)
    with pytest.raises(ValidationError) as outsider:
        silence_break(silence, state=state("JP"), reason="No.", by=None, now=NOW)
    silence_break(silence, state=state("TJ"), reason="No.", by=None, now=NOW)
    with pytest.raises(WorkflowError) as twice:
        silence_break(silence, state=state("KZ"), reason="No.", by=None, now=NOW)
    assert (no_reason.value.message_dict, outsider.value.message_dict, twice.value.messages) == (
        {"reason": ["Give the reason for breaking silence in writing."]},
        {"state": [f"Japan is not a member of {FORUM}."]},
        ["Silence was already broken by Tajikistan at 2025-03-03 09:00 UTC."],
    )


def test_silences_settle_adopts_at_the_deadline_and_is_idempotent(document, forum):
    version = circulate(start(document))
    # 03:00 in Seoul on 25 March is still 24 March in UTC: the day of adoption is the UTC one.
    deadline = dt.datetime(2025, 3, 25, 3, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Seoul"))
    procedure = silence_open(version, deadline=deadline, by=None, now=NOW)
    other = factories.OutcomeDocumentFactory(forum=forum, title="Work Plan 2026")
    later = silence_open(
        circulate(start(other)), deadline=deadline + dt.timedelta(days=7), by=None, now=NOW
    )

    assert silences_settle(now=deadline - dt.timedelta(seconds=1)) == []
    assert silences_settle(now=deadline) == [procedure]
    entries = AuditEntry.objects.count()
    assert silences_settle(now=deadline + dt.timedelta(days=1)) == []
    assert AuditEntry.objects.count() == entries

    procedure.refresh_from_db()
    later.refresh_from_db()
    version.refresh_from_db()
    document.refresh_from_db()
    assert (procedure.outcome, later.outcome, version.status) == (
        SilenceOutcome.ADOPTED,
        SilenceOutcome.OPEN,
        VersionStatus.ADOPTED,
    )
    assert (document.status, document.adoption_method, document.adopted_on) == (
        DocumentStatus.ADOPTED,
        AdoptionMethod.SILENCE,
        dt.date(2025, 3, 24),
    )
    assert list(history_of(document).values_list("action", "data"))[:2] == [
        (
            "documents.document.adopted",
            {
                "on": "2025-03-24",
                "method": "silence",
                "at_meeting": None,
                "version": ref(version),
            },
        ),
        (
            "documents.silence.settled",
            {
                "version": 1,
                "deadline": "2025-03-24 18:00:00+00:00",
                "outcome": {"before": "open", "after": "adopted"},
            },
        ),
    ]


def test_silences_settle_leaves_a_procedure_it_cannot_settle_and_goes_on(document, forum, caplog):
    stranded = silence_open(circulate(start(document)), deadline=DEADLINE, by=None, now=NOW)
    # A version added behind the workflow's back (in the back office, say).
    factories.DocumentVersionFactory(document=document, number=2)
    other = factories.OutcomeDocumentFactory(forum=forum, title="Work Plan 2026")
    settled = silence_open(circulate(start(other)), deadline=DEADLINE, by=None, now=NOW)
    assert silences_settle(now=DEADLINE) == [settled]
    stranded.refresh_from_db()
    document.refresh_from_db()
    assert (stranded.outcome, document.status) == (
        SilenceOutcome.OPEN,
        DocumentStatus.UNDER_SILENCE,
    )
    assert [record.getMessage() for record in caplog.records] == [
        f"Silence procedure {stranded.pk} cannot be settled: Silence was kept on version 1 of "
        f"“{TITLE}”, which is no longer its latest version."
    ]


def test_settle_silences_command_reports_what_it_settled(document):
    # The clock of the steps is in the past, so the real clock has passed the deadline.
    silence_open(circulate(start(document)), deadline=DEADLINE, by=None, now=NOW)
    first, second = StringIO(), StringIO()
    call_command("settle_silences", stdout=first)
    call_command("settle_silences", stdout=second)
    assert first.getvalue() == (
        f"Adopted by silence: {TITLE} (version 1, deadline 2025-03-24 09:00 UTC).\n1 settled.\n"
    )
    assert second.getvalue() == "No silence procedure has reached its deadline unsettled.\n"
    document.refresh_from_db()
    assert (document.status, document.adopted_on) == (DocumentStatus.ADOPTED, dt.date(2025, 3, 24))


# Adoption at a meeting --------------------------------------------------------------------------


@pytest.fixture
def closing(forum):
    return factories.MeetingFactory(
        edition=factories.EditionFactory(forum=forum, number=19), kind="closing"
    )


def test_document_adopt_at_meeting_records_each_consent(document, closing, pen):
    first = circulate(start(document))
    latest = version_next(document, by=None)
    kazakh = factories.DelegationFactory(meeting=closing, state=state("KZ"))
    adopted = document_adopt_at_meeting(
        document,
        meeting=closing,
        on=dt.date(2025, 3, 20),
        by=pen,
        consenting_states=[state("TJ"), state("KZ"), state("KZ")],
    )
    first.refresh_from_db()
    latest.refresh_from_db()
    assert (adopted.status, adopted.adopted_on, adopted.adopted_at, adopted.adoption_method) == (
        DocumentStatus.ADOPTED,
        dt.date(2025, 3, 20),
        closing,
        AdoptionMethod.AT_MEETING,
    )
    assert (first.status, latest.status) == (VersionStatus.SUPERSEDED, VersionStatus.ADOPTED)
    assert list(
        AdoptionConsent.objects.values_list("document", "version", "state__code", "delegation")
    ) == [
        (document.pk, latest.pk, "KZ", kazakh.pk),
        (document.pk, latest.pk, "TJ", None),
    ]
    assert last_entry(document) == (
        "documents.document.adopted",
        {
            "on": "2025-03-20",
            "method": "meeting",
            "at_meeting": ref(closing),
            "version": ref(latest),
            "consenting_states": ["Kazakhstan", "Tajikistan"],
        },
    )


def test_document_adopt_at_meeting_refusals(document, closing, forum):
    on = dt.date(2025, 3, 20)
    elsewhere = factories.MeetingFactory()

    def adopt(meeting=closing, states=None):
        with pytest.raises(ValidationError) as refused:
            document_adopt_at_meeting(
                document,
                meeting=meeting,
                on=on,
                by=None,
                consenting_states=[state("KZ")] if states is None else states,
                now=NOW,
            )
        return (
            refused.value.message_dict
            if hasattr(refused.value, "error_dict")
            else refused.value.messages
        )

    no_version = adopt()
    version = circulate(start(document))
    other_forum = adopt(meeting=elsewhere)
    nobody = adopt(states=())
    outsiders = adopt(states=(state("KZ"), state("JP"), state("CN")))
    procedure = silence_open(version, deadline=DEADLINE, by=None, now=NOW)
    under_silence = adopt()
    silence_break(procedure, state=state("TJ"), reason="Not yet.", by=None, now=NOW)
    document_adopt_at_meeting(
        document, meeting=closing, on=on, by=None, consenting_states=[state("KZ")]
    )
    twice = adopt()
    assert [no_version, other_forum, nobody, outsiders, under_silence, twice] == [
        ["This document has no version to adopt."],
        {"meeting": ["That meeting belongs to another forum."]},
        {"consenting_states": ["Name the states whose heads of delegation adopted the text."]},
        {"consenting_states": [f"Not members of {FORUM}: Japan, China."]},
        [
            "A silence procedure is open on this document until 2025-03-24 09:00 UTC; it must be "
            "broken before the text is adopted at a meeting."
        ],
        ["This document has already been adopted."],
    ]
    assert AdoptionConsent.objects.count() == 1


def test_adoption_at_a_meeting_after_an_unsettled_silence_is_refused(document, closing):
    silence_open(circulate(start(document)), deadline=DEADLINE, by=None, now=NOW)
    # Past the deadline the text was adopted by silence, whether that was settled yet or not.
    with pytest.raises(WorkflowError) as refused:
        document_adopt_at_meeting(
            document,
            meeting=closing,
            on=dt.date(2025, 3, 25),
            by=None,
            consenting_states=[state("KZ")],
            now=DEADLINE,
        )
    assert refused.value.messages == [
        "This document was adopted by silence when its deadline passed at 2025-03-24 09:00 UTC."
    ]


# Freezing ---------------------------------------------------------------------------------------


@pytest.fixture
def adopted(document, closing):
    version = circulate(start(document))
    document_adopt_at_meeting(
        document, meeting=closing, on=dt.date(2025, 3, 20), by=None, consenting_states=[state("KZ")]
    )
    version.refresh_from_db()
    return version


def test_the_domain_refuses_to_edit_an_adopted_version(adopted):
    paragraph = paragraph_of(adopted, 1)
    with pytest.raises(DocumentFrozen) as edit:
        paragraph_edit(paragraph, text="Changed.", expected_revision=1, by=None)
    with pytest.raises(DocumentFrozen) as add:
        paragraph_add(adopted.languages.get(language="en"), text="More.", by=None)
    assert (
        edit.value.messages
        == add.value.messages
        == ["Version 1 has been adopted; its text is frozen."]
    )
    assert texts(adopted) == [(1, EN[0]), (2, EN[1])]


@pytest.mark.parametrize(
    "change",
    [
        lambda v: Paragraph.objects.filter(language_version__version=v).update(text="Changed."),
        lambda v: Paragraph.objects.filter(language_version__version=v, number=2).delete(),
        lambda v: LanguageVersion.objects.filter(version=v).update(title="Changed"),
        lambda v: LanguageVersion.objects.filter(version=v, language="ru").delete(),
        lambda v: Paragraph.objects.filter(language_version__version=v, number=1).update(
            language_version=LanguageVersion.objects.get(version=v, language="ru")
        ),
    ],
    ids=["paragraph update", "paragraph delete", "title update", "language delete", "move"],
)
def test_the_database_refuses_to_change_an_adopted_version(adopted, change):
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        change(adopted)
    assert "the text of an adopted version is frozen" in str(refused.value)
    assert (texts(adopted, "en"), texts(adopted, "ru")) == (
        [(1, EN[0]), (2, EN[1])],
        [(1, RU[0]), (2, RU[1])],
    )


def test_the_database_refuses_to_move_a_paragraph_into_an_adopted_version(adopted, document):
    draft = factories.DocumentVersionFactory(document=document, number=9)
    loose = LanguageVersion.objects.create(version=draft, language="ko", title="공동성명")
    paragraph = Paragraph.objects.create(language_version=loose, number=9, text="하나.")
    target = LanguageVersion.objects.get(version=adopted, language="en")
    with pytest.raises(IntegrityError), transaction.atomic():
        Paragraph.objects.filter(pk=paragraph.pk).update(language_version=target)


def test_the_database_leaves_drafts_and_superseded_versions_alone(document):
    version = circulate(start(document))
    version_next(document, by=None)
    changed = Paragraph.objects.filter(language_version__version=version).update(text="Changed.")
    deleted, _ = LanguageVersion.objects.filter(version=version, language="ru").delete()
    assert (changed, deleted) == (4, 3)


# Optimistic locking under real concurrency -----------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_concurrent_edits_of_one_paragraph_exactly_one_wins(document):
    paragraph = paragraph_of(start(document), 1)
    rounds = 5
    outcomes = []
    for round_number in range(rounds):
        revision = round_number + 1
        barrier = threading.Barrier(2)
        results: dict[str, object] = {}

        def edit(name: str, revision: int = revision, results: dict = results, barrier=barrier):
            try:
                barrier.wait()
                results[name] = paragraph_edit(
                    paragraph,
                    text=f"Text of {name}, round {revision}.",
                    expected_revision=revision,
                    by=None,
                )
            except EditConflict as conflict:
                results[name] = conflict
            finally:
                connection.close()

        threads = [threading.Thread(target=edit, args=(name,)) for name in ("Alma", "Bolat")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        winners = [name for name, result in results.items() if isinstance(result, Paragraph)]
        losers = [result for result in results.values() if isinstance(result, EditConflict)]
        kept = Paragraph.objects.get(pk=paragraph.pk)
        outcomes.append(
            (
                len(winners),
                len(losers),
                kept.text == f"Text of {winners[0]}, round {revision}." if winners else None,
                kept.revision,
                [loser.current_text for loser in losers] == [kept.text],
            )
        )
    assert outcomes == [(1, 1, True, n + 2, True) for n in range(rounds)]
    assert AuditEntry.objects.filter(action="documents.paragraph.edited").count() == rounds


# Notes of a delegation --------------------------------------------------------------------------


def test_note_add_is_logged_on_the_note_not_on_the_document(document, member_user):
    before = actions(document)
    note = note_add(document, state=state("KZ"), text=" Ask the capital about ¶2. ", by=member_user)
    assert (note.state, note.text, note.author) == (
        state("KZ"),
        "Ask the capital about ¶2.",
        member_user,
    )
    assert actions(document) == before
    assert last_entry(note) == (
        "documents.note.added",
        {"document": ref(document), "state": ref(state("KZ")), "text": "Ask the capital about ¶2."},
    )


def test_note_add_refusals(document):
    with pytest.raises(ValidationError) as empty:
        note_add(document, state=state("KZ"), text=" ", by=None)
    with pytest.raises(ValidationError) as outsider:
        note_add(document, state=state("JP"), text="Note.", by=None)
    assert (empty.value.message_dict, outsider.value.message_dict) == (
        {"text": ["Write the note."]},
        {"state": [f"Japan is not a member of {FORUM}."]},
    )
    assert DelegationNote.objects.count() == 0


# The whole record -------------------------------------------------------------------------------


def test_every_step_is_in_the_documents_history(document, closing):
    version = circulate(start(document))
    comment = comment_add(
        paragraph_of(version, 2), state=state("KZ"), by=None, proposed_text="Better.", now=NOW
    )
    position_record(version, state=state("KZ"), kind="agreed", by=None)
    second = version_next(document, by=None, accepted_comments=[comment])
    paragraph_edit(paragraph_of(second, 1), text="Edited.", expected_revision=1, by=None)
    paragraph_edit(paragraph_of(second, 1, "ru"), text="Изменено.", expected_revision=1, by=None)
    procedure = silence_open(circulate(second), deadline=DEADLINE, by=None, now=NOW)
    silence_break(procedure, state=state("TJ"), reason="No.", by=None, now=NOW)
    document_adopt_at_meeting(
        document, meeting=closing, on=dt.date(2025, 3, 30), by=None, consenting_states=[state("KZ")]
    )
    assert actions(document) == [
        "documents.version.created",
        "documents.version.circulated",
        "documents.comment.added",
        "documents.position.recorded",
        "documents.version.created",
        "documents.paragraph.edited",
        "documents.paragraph.edited",
        "documents.version.circulated",
        "documents.silence.opened",
        "documents.silence.broken",
        "documents.document.adopted",
    ]


# E-mails to the focal points --------------------------------------------------------------------


@pytest.fixture
def focal_points(forum):
    """Focal points of Kazakhstan (two people) and Tajikistan get the e-mails; nobody else."""
    user_model = get_user_model()

    def user(name, email, **extra):
        return user_model.objects.create_user(name, email, "pw-for-tests", **extra)

    for name, code in [("aigerim", "KZ"), ("nurlan", "KZ"), ("farrukh", "TJ")]:
        role_grant(
            user=user(name, f"{name}@{code.lower()}.example.org"),
            forum=forum,
            kind=RoleKind.FOCAL_POINT,
            state=state(code),
        )
    role_grant(
        user=user("gone", "gone@kg.example.org", is_active=False),
        forum=forum,
        kind=RoleKind.FOCAL_POINT,
        state=state("KG"),
    )
    role_grant(user=user("nomail", ""), forum=forum, kind=RoleKind.FOCAL_POINT, state=state("UZ"))
    role_grant(user=user("staff", "staff@example.org"), forum=forum, kind=RoleKind.SECRETARIAT)
    role_grant(
        user=user("expert", "expert@example.org"),
        forum=forum,
        kind=RoleKind.EXPERT,
        state=state("KR"),
    )
    Membership.objects.filter(forum=forum, state__code="TM").update(left_on=dt.date(2024, 12, 31))
    Role.objects.create(
        user=user("former", "former@tm.example.org"),
        forum=forum,
        kind=RoleKind.FOCAL_POINT,
        state=state("TM"),
    )
    Role.objects.create(
        user=user("outsider", "outsider@jp.example.org"),
        forum=forum,
        kind=RoleKind.FOCAL_POINT,
        state=state("JP"),
    )
    elsewhere = factories.ForumFactory()
    factories.MembershipFactory(forum=elsewhere, state=state("KZ"))
    role_grant(
        user=user("other", "other@kz.example.org"),
        forum=elsewhere,
        kind=RoleKind.FOCAL_POINT,
        state=state("KZ"),
    )
    return ["aigerim@kz.example.org", "farrukh@tj.example.org", "nurlan@kz.example.org"]


def test_each_step_mails_the_focal_points_of_member_states(
    document, closing, focal_points, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.PLENARY_BASE_URL = "https://plenary.example.org"
    subjects = []
    with django_capture_on_commit_callbacks(execute=True):
        version = start(document)
    with django_capture_on_commit_callbacks(execute=True):
        circulate(version)
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_add(
            paragraph_of(version, 1), state=state("KZ"), by=None, proposed_text="Better.", now=NOW
        )
        position_record(version, state=state("KZ"), kind="agreed", by=None)
    assert len(mailoutbox) == 6, "comments and positions send nothing"
    with django_capture_on_commit_callbacks(execute=True):
        second = version_next(document, by=None, accepted_comments=[comment])
    with django_capture_on_commit_callbacks(execute=True):
        procedure = silence_open(circulate(second), deadline=DEADLINE, by=None, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        silence_break(
            procedure, state=state("TJ"), reason="The capital has not replied.", by=None, now=NOW
        )
    with django_capture_on_commit_callbacks(execute=True):
        document_adopt_at_meeting(
            document,
            meeting=closing,
            on=dt.date(2025, 3, 30),
            by=None,
            consenting_states=[state("KZ")],
        )
    prefix = f"[{FORUM}]"
    for start_index in range(0, len(mailoutbox), 3):
        batch = mailoutbox[start_index : start_index + 3]
        assert [message.to for message in batch] == [[address] for address in focal_points]
        assert len({message.subject for message in batch}) == 1
        subjects.append(batch[0].subject)
    assert subjects == [
        f"{prefix} New draft: {TITLE}, version 1",
        f"{prefix} For comment: {TITLE}, version 1",
        f"{prefix} New draft: {TITLE}, version 2",
        f"{prefix} For comment: {TITLE}, version 2",
        f"{prefix} Silence procedure: {TITLE}, until 2025-03-24 09:00 UTC",
        f"{prefix} Silence broken by Tajikistan: {TITLE}",
        f"{prefix} Adopted: {TITLE}",
    ]
    link = f"https://plenary.example.org/forums/kca/documents/{document.pk}/"
    assert all(link in message.body for message in mailoutbox)
    circulated_body = mailoutbox[3].body
    assert (
        "Comments, proposed amendments and positions are due by 2025-03-17 09:00 UTC."
        in circulated_body
    )
    assert "It takes in 1 accepted amendment." in mailoutbox[6].body
    assert "Its reason:\nThe capital has not replied." in mailoutbox[15].body
    assert mailoutbox[18].body.startswith(
        f'"{TITLE}" was adopted on 30 March 2025, at a meeting, by the heads of delegation'
    )


def test_settling_a_silence_mails_the_adoption(
    document, focal_points, mailoutbox, django_capture_on_commit_callbacks
):
    silence_open(circulate(start(document)), deadline=DEADLINE, by=None, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        silences_settle(now=DEADLINE)
    assert [(m.to, m.subject) for m in mailoutbox] == [
        ([address], f"[{FORUM}] Adopted: {TITLE}") for address in focal_points
    ]
    assert "by silence procedure" in mailoutbox[0].body


def test_a_step_rolled_back_sends_nothing(
    document, focal_points, mailoutbox, django_capture_on_commit_callbacks
):
    version = start(document)

    def fail_after_circulating():
        with transaction.atomic():
            circulate(version)
            raise RuntimeError("the page failed after the step")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        fail_after_circulating()
    assert (callbacks, mailoutbox) == ([], [])
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
