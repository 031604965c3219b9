"""Minutes of meetings: the workflow from the first draft to approval, the lock on approved
minutes (in the domain and in the database), the comparison of revisions, who may open and send
each page, and what the pages cost in queries.

``MATRIX`` has one row per page or action and one column per role, in the manner of
``test_permissions``: minutes a role may not see answer 404 at every address under them; on
minutes it may see, an anonymous visitor is sent to log in and a signed-in user without the
permission gets 403; a step the domain refuses answers 400 (409 for a revision that crossed
another). An allowed action must have done what it says; a refused one must have changed nothing.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.common.models import AuditEntry
from plenary.minutes.domain import (
    MinutesLocked,
    MinutesWorkflowError,
    RevisionConflict,
    minutes_approve,
    minutes_circulate,
    minutes_comment,
    minutes_revise,
    minutes_start,
)
from plenary.minutes.enums import MinutesStatus
from plenary.minutes.models import Minutes, MinutesComment, MinutesRevision, agenda_order
from tests import factories
from tests.html import section_text
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
PASSWORD = "a long pass phrase 7"
CONFLICT = 409  # a revision sent from a text someone else has since revised; nothing is saved

NOW = timezone.now().replace(microsecond=0)
EARLIER = NOW - dt.timedelta(days=10)

FIRST = (
    "The meeting opened at 10:00 under the chairmanship of Kazakhstan.\n\n"
    "The delegations adopted the agenda."
)
SECOND = (
    "The meeting was opened at 10:00 under the chairmanship of Kazakhstan.\n\n"
    "The delegations adopted the agenda."
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The world ---------------------------------------------------------------------------------------

ROLES = (
    "anonymous",  # the public
    "expert",  # an expert of the forum
    "focal",  # focal point of Kazakhstan, a member state
    "other_focal",  # focal point of Kyrgyzstan, another member state
    "other_secretariat",  # secretariat of another forum
    "secretariat",  # secretariat of this forum
    "superuser",  # a Django superuser with no role in any forum
)


@dataclass
class World:
    forum: Any
    meeting: Any
    other_meeting: Any
    users: dict[str, Any]
    states: dict[str, Any]
    draft: Minutes  # the whole meeting, two revisions
    circulated: Minutes  # agenda item 2, open for comments, one comment of Kazakhstan
    closed: Minutes  # agenda item 3, circulated, its deadline passed
    approved: Minutes  # agenda item 1, approved, with a comment of Kyrgyzstan

    def url(self, name: str, minutes: Minutes | None = None, meeting=None) -> str:
        meeting = meeting or self.meeting
        kwargs = {"forum": meeting.edition.forum.slug, "number": meeting.edition.number}
        kwargs["pk"] = meeting.pk
        if minutes is not None:
            kwargs["minutes_pk"] = minutes.pk
        return reverse(f"minutes:{name}", kwargs=kwargs)


def make_world() -> World:
    """A ministerial meeting of a forum of Korea and the five Central Asian states, with minutes at
    every step: a draft of the whole meeting, agenda item 2 circulated for comments, item 3
    circulated with its deadline passed, item 1 approved. A meeting of another forum stands
    beside it."""
    forum = factories.ForumFactory(slug="kca", name="Korea–Central Asia Cooperation Forum")
    states = {code: factories.state(code) for code in ["KR", "KZ", "KG", "TJ", "TM", "UZ"]}
    for state in states.values():
        factories.MembershipFactory(forum=forum, state=state)
    other_forum = factories.ForumFactory(slug="japan", name="Central Asia plus Japan Dialogue")
    factories.MembershipFactory(forum=other_forum, state=states["KZ"])

    users: dict[str, Any] = {"anonymous": None}
    for role in ROLES[1:]:
        users[role] = User.objects.create_user(role, f"{role}@example.org", PASSWORD)
    users["superuser"].is_staff = users["superuser"].is_superuser = True
    users["superuser"].save()
    role_grant(user=users["expert"], forum=forum, kind=RoleKind.EXPERT)
    role_grant(user=users["focal"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["KZ"])
    role_grant(
        user=users["other_focal"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["KG"]
    )
    role_grant(user=users["other_secretariat"], forum=other_forum, kind=RoleKind.SECRETARIAT)
    role_grant(user=users["secretariat"], forum=forum, kind=RoleKind.SECRETARIAT)
    secretariat = users["secretariat"]

    edition = factories.EditionFactory(forum=forum, number=17, start_date=EARLIER.date())
    meeting = factories.MeetingFactory(
        edition=edition, title="Meeting of Foreign Ministers", timezone="Asia/Almaty"
    )
    other_meeting = factories.MeetingFactory(
        edition=factories.EditionFactory(forum=other_forum, number=10), title="Tokyo meeting"
    )

    draft = minutes_start(
        meeting=meeting, title="Minutes of the meeting", text=FIRST, by=secretariat, now=EARLIER
    )
    minutes_revise(draft, text=SECOND, expected_revision=1, by=secretariat, now=EARLIER)

    circulated = minutes_start(
        meeting=meeting,
        agenda_item_number="2",
        title="Item 2: Transport",
        text="The delegations discussed a transport corridor.",
        by=secretariat,
        now=EARLIER,
    )
    minutes_circulate(
        circulated, comments_due=NOW + dt.timedelta(days=7), by=secretariat, now=EARLIER
    )
    minutes_comment(
        circulated,
        state=states["KZ"],
        text="Kazakhstan proposed the corridor.",
        by=users["focal"],
        now=EARLIER,
    )

    closed = minutes_start(
        meeting=meeting,
        agenda_item_number="3",
        title="Item 3: Energy",
        text="The delegations discussed energy efficiency.",
        by=secretariat,
        now=EARLIER,
    )
    minutes_circulate(
        closed, comments_due=EARLIER + dt.timedelta(days=2), by=secretariat, now=EARLIER
    )

    approved = minutes_start(
        meeting=meeting,
        agenda_item_number="1",
        title="Item 1: Opening",
        text="The chair opened the meeting.",
        by=secretariat,
        now=EARLIER,
    )
    minutes_circulate(
        approved, comments_due=EARLIER + dt.timedelta(days=2), by=secretariat, now=EARLIER
    )
    minutes_comment(
        approved,
        state=states["KG"],
        text="Kyrgyzstan asks that the chair's name be given.",
        by=users["other_focal"],
        now=EARLIER + dt.timedelta(days=1),
    )
    minutes_revise(
        approved,
        text="The chair, the Minister of Foreign Affairs of Kazakhstan, opened the meeting.",
        expected_revision=1,
        note="Comment of Kyrgyzstan taken in",
        by=secretariat,
        now=EARLIER + dt.timedelta(days=2),
    )
    minutes_approve(approved, by=secretariat, now=EARLIER + dt.timedelta(days=3))
    for minutes in (draft, circulated, closed, approved):
        minutes.refresh_from_db()
    return World(
        forum=forum,
        meeting=meeting,
        other_meeting=other_meeting,
        users=users,
        states=states,
        draft=draft,
        circulated=circulated,
        closed=closed,
        approved=approved,
    )


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture
def secretariat(world):
    return world.users["secretariat"]


def texts(minutes: Minutes) -> list[tuple[int, str]]:
    return list(
        MinutesRevision.objects.filter(minutes=minutes)
        .order_by("number")
        .values_list("number", "text")
    )


def actions(minutes: Minutes) -> list[str]:
    return list(
        AuditEntry.objects.filter(
            content_type__app_label="minutes", content_type__model="minutes", object_id=minutes.pk
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


# The workflow ------------------------------------------------------------------------------------


def test_minutes_go_from_draft_through_comments_to_approval(world, secretariat):
    focal = world.users["focal"]
    minutes = minutes_start(
        meeting=world.meeting,
        agenda_item_number="4",
        title="Item 4: Next meeting",
        text="The next meeting will be held in Seoul.\r\n\r\nThe chair closed the meeting.",
        by=secretariat,
        now=EARLIER,
    )
    second = minutes_revise(
        minutes,
        text="The next meeting will be held in Seoul in 2026.\n\nThe chair closed the meeting.",
        expected_revision=1,
        note="Year added",
        by=secretariat,
        now=EARLIER + dt.timedelta(hours=1),
    )
    minutes_circulate(
        minutes, comments_due=EARLIER + dt.timedelta(days=5), by=secretariat, now=EARLIER
    )
    comment = minutes_comment(
        minutes,
        state=world.states["KZ"],
        text="Kazakhstan offers to host the meeting after.",
        by=focal,
        now=EARLIER + dt.timedelta(days=1),
    )
    third = minutes_revise(
        minutes,
        text="The next meeting will be held in Seoul in 2026, the one after in Astana.\n\n"
        "The chair closed the meeting.",
        expected_revision=2,
        by=secretariat,
        now=EARLIER + dt.timedelta(days=2),
    )
    approved = minutes_approve(
        minutes, by=secretariat, expected_revision=3, now=EARLIER + dt.timedelta(days=6)
    )

    assert (approved.status, approved.approved_at, approved.approved_by) == (
        MinutesStatus.APPROVED,
        EARLIER + dt.timedelta(days=6),
        secretariat,
    )
    assert [number for number, _ in texts(minutes)] == [1, 2, 3]
    assert texts(minutes)[0][1] == (
        "The next meeting will be held in Seoul.\n\nThe chair closed the meeting."
    )
    assert (second.note, second.author, third.number) == ("Year added", secretariat, 3)
    assert (comment.revision, comment.state, comment.author) == (second, world.states["KZ"], focal)
    assert actions(minutes) == [
        "minutes.minutes.created",
        "minutes.revision.created",
        "minutes.minutes.circulated",
        "minutes.comment.added",
        "minutes.revision.created",
        "minutes.minutes.approved",
    ]
    entry = AuditEntry.objects.filter(action="minutes.minutes.approved").order_by("pk").last()
    assert (entry.actor, entry.data["status"], entry.data["revision"]) == (
        secretariat,
        {"before": "circulated", "after": "approved"},
        3,
    )


def test_minutes_of_the_meeting_and_of_each_agenda_item_are_one_each(world, secretariat):
    with pytest.raises(ValidationError) as twice:
        minutes_start(
            meeting=world.meeting, agenda_item_number="2", title="Again", text="x", by=None
        )
    with pytest.raises(ValidationError) as whole:
        minutes_start(meeting=world.meeting, title="Again", text="x", by=None)
    with pytest.raises(ValidationError) as badly_numbered:
        minutes_start(meeting=world.meeting, agenda_item_number="2 a", title="T", text="x", by=None)
    with pytest.raises(ValidationError) as empty:
        minutes_start(meeting=world.meeting, agenda_item_number="9", title="T", text=" \n", by=None)

    duplicate = (
        "This meeting already has minutes for this agenda item (or, without a number, for the "
        "whole meeting)."
    )
    assert twice.value.message_dict == whole.value.message_dict == {"__all__": [duplicate]}
    assert badly_numbered.value.message_dict == {
        "agenda_item_number": [
            "Give the agenda item's number as on the agenda, such as 1, 2.a or IV.3."
        ]
    }
    assert empty.value.message_dict == {"text": ["Write the minutes."]}
    assert Minutes.objects.filter(meeting=world.meeting).count() == 4


def test_agenda_items_are_ordered_as_on_an_agenda():
    numbers = ["10", "2.b", "", "2", "IV.3", "2.a", "1"]
    assert sorted(numbers, key=agenda_order) == ["", "1", "2", "2.a", "2.b", "10", "IV.3"]


def test_a_revision_from_a_stale_text_is_refused_with_the_current_one(world, secretariat):
    with pytest.raises(RevisionConflict) as crossed:
        minutes_revise(world.draft, text="My text.", expected_revision=1, by=secretariat)

    assert (crossed.value.current_revision, crossed.value.current_text) == (2, SECOND)
    assert crossed.value.attempted_text == "My text."
    assert crossed.value.messages == [
        "The minutes were revised by someone else while you worked on them (they are now at "
        "revision 2). Read the current text and make your change again."
    ]
    assert [number for number, _ in texts(world.draft)] == [1, 2]


def test_of_two_editors_who_read_the_same_revision_only_the_first_saves(world, secretariat):
    first = minutes_revise(world.draft, text="Alma's text.", expected_revision=2, by=secretariat)
    with pytest.raises(RevisionConflict):
        minutes_revise(world.draft, text="Bolat's text.", expected_revision=2, by=secretariat)

    assert first.number == 3
    assert texts(world.draft)[-1] == (3, "Alma's text.")


def test_saving_the_same_text_again_writes_nothing(world, secretariat):
    before = AuditEntry.objects.count()

    same = minutes_revise(
        world.draft, text=SECOND.replace("\n", "\r\n") + "\n", expected_revision=2, by=secretariat
    )

    assert same.number == 2
    assert MinutesRevision.objects.filter(minutes=world.draft).count() == 2
    assert AuditEntry.objects.count() == before


def test_circulation_needs_a_deadline_in_the_future_with_its_zone(world, secretariat):
    with pytest.raises(ValidationError) as past:
        minutes_circulate(world.draft, comments_due=NOW - dt.timedelta(hours=1), by=secretariat)
    without_zone = dt.datetime(2099, 1, 1, 12)
    with pytest.raises(ValidationError) as naive:
        minutes_circulate(world.draft, comments_due=without_zone, by=secretariat)

    assert past.value.message_dict == {
        "comments_due": ["The deadline for comments must be in the future."]
    }
    assert naive.value.message_dict == {
        "comments_due": ["Give the deadline for comments with its time zone."]
    }
    assert Minutes.objects.get(pk=world.draft.pk).status == MinutesStatus.DRAFT


def test_circulated_minutes_may_be_revised_and_circulated_again(world, secretariat):
    revision = minutes_revise(
        world.circulated,
        text="The delegations agreed on a corridor.",
        expected_revision=1,
        by=secretariat,
    )
    later = NOW + dt.timedelta(days=14)
    minutes = minutes_circulate(world.circulated, comments_due=later, by=secretariat)
    comment = minutes_comment(
        minutes, state=world.states["KG"], text="Agreed.", by=world.users["other_focal"]
    )

    assert (minutes.status, minutes.comments_due) == (MinutesStatus.CIRCULATED, later)
    assert comment.revision == revision
    assert list(
        MinutesComment.objects.filter(minutes=minutes)
        .order_by("pk")
        .values_list("revision__number", flat=True)
    ) == [1, 2]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_of_two_concurrent_revisions_from_one_text_exactly_one_is_saved():
    """Two editors send their text at the same moment, both from the latest revision: the row
    lock lets one through and the other finds the minutes revised, with the winner's text."""
    world = make_world()
    secretariat = world.users["secretariat"]
    rounds = 4
    outcomes = []
    for round_number in range(rounds):
        expected = round_number + 2
        barrier = threading.Barrier(2)
        results: dict[str, object] = {}

        def revise(name: str, expected=expected, results=results, barrier=barrier) -> None:
            try:
                barrier.wait()
                results[name] = minutes_revise(
                    world.draft,
                    text=f"Text of {name} from revision {expected}.",
                    expected_revision=expected,
                    by=secretariat,
                )
            except RevisionConflict as refused:
                results[name] = refused
            finally:
                connection.close()

        threads = [threading.Thread(target=revise, args=(name,)) for name in ("Alma", "Bolat")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        saved = [r for r in results.values() if isinstance(r, MinutesRevision)]
        crossed = [r for r in results.values() if isinstance(r, RevisionConflict)]
        latest = MinutesRevision.objects.filter(minutes=world.draft).order_by("-number").first()
        outcomes.append(
            (
                len(saved),
                len(crossed),
                latest.number,
                [refusal.current_text for refusal in crossed] == [latest.text],
            )
        )

    assert outcomes == [(1, 1, n + 3, True) for n in range(rounds)]
    assert MinutesRevision.objects.filter(minutes=world.draft).count() == rounds + 2


# Comments ----------------------------------------------------------------------------------------


def test_comments_are_taken_only_while_circulated_and_before_the_deadline(world):
    focal, kz = world.users["focal"], world.states["KZ"]
    due = world.circulated.comments_due

    with pytest.raises(MinutesWorkflowError) as draft:
        minutes_comment(world.draft, state=kz, text="Too early.", by=focal)
    with pytest.raises(MinutesWorkflowError) as at_deadline:
        minutes_comment(world.circulated, state=kz, text="Too late.", by=focal, now=due)
    with pytest.raises(MinutesWorkflowError) as closed:
        minutes_comment(world.closed, state=kz, text="Too late.", by=focal)
    with pytest.raises(MinutesLocked) as approved:
        minutes_comment(world.approved, state=kz, text="Too late.", by=focal)
    just_in_time = minutes_comment(
        world.circulated,
        state=kz,
        text="Just in time.",
        by=focal,
        now=due - dt.timedelta(seconds=1),
    )

    assert draft.value.messages == ["These minutes have not been circulated for comments yet."]
    assert at_deadline.value.messages == [
        f"Comments on these minutes were due by {due.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC."
    ]
    assert closed.value.messages[0].startswith("Comments on these minutes were due by ")
    assert approved.value.messages == [
        f"These minutes were approved on "
        f"{world.approved.approved_at.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC; they take no more "
        "comments."
    ]
    assert just_in_time.revision.number == 1
    assert (
        list(
            MinutesComment.objects.filter(minutes__in=[world.draft, world.closed]).values_list("pk")
        )
        == []
    )


def test_a_comment_is_made_for_a_member_state_by_its_own_focal_point(world):
    outsider = factories.state("JP")
    with pytest.raises(ValidationError) as not_member:
        minutes_comment(world.circulated, state=outsider, text="x", by=world.users["focal"])
    with pytest.raises(ValidationError) as not_theirs:
        minutes_comment(
            world.circulated, state=world.states["KG"], text="x", by=world.users["focal"]
        )
    with pytest.raises(ValidationError) as secretariat:
        minutes_comment(
            world.circulated, state=world.states["KZ"], text="x", by=world.users["secretariat"]
        )
    with pytest.raises(ValidationError) as empty:
        minutes_comment(
            world.circulated, state=world.states["KZ"], text="  ", by=world.users["focal"]
        )

    assert not_member.value.message_dict == {
        "state": ["Japan is not a member of Korea–Central Asia Cooperation Forum."]
    }
    assert not_theirs.value.message_dict == {
        "state": ["Only a focal point of Kyrgyzstan comments for Kyrgyzstan."]
    }
    assert secretariat.value.message_dict == {
        "state": ["Only a focal point of Kazakhstan comments for Kazakhstan."]
    }
    assert empty.value.message_dict == {"text": ["Write the comment."]}
    assert MinutesComment.objects.filter(minutes=world.circulated).count() == 1


# Approval and the lock ---------------------------------------------------------------------------


def test_minutes_are_approved_only_once_circulated_and_the_deadline_passed(world, secretariat):
    with pytest.raises(MinutesWorkflowError) as draft:
        minutes_approve(world.draft, by=secretariat)
    with pytest.raises(MinutesWorkflowError) as open_for_comments:
        minutes_approve(world.circulated, by=secretariat)
    with pytest.raises(MinutesWorkflowError) as stale:
        minutes_approve(world.closed, by=secretariat, expected_revision=0)
    with pytest.raises(MinutesLocked) as again:
        minutes_approve(world.approved, by=secretariat)

    due = world.circulated.comments_due.astimezone(dt.UTC)
    assert draft.value.messages == ["Circulate the minutes for comments before approving them."]
    assert open_for_comments.value.messages == [
        f"Comments are open until {due:%Y-%m-%d %H:%M} UTC; the minutes can be approved once the "
        "deadline has passed."
    ]
    assert stale.value.messages == [
        "Revision 1 was saved after you read revision 0; read it before approving the minutes."
    ]
    assert again.value.messages[0].endswith("; they cannot be approved again.")
    assert set(Minutes.objects.exclude(pk=world.approved.pk).values_list("status", flat=True)) == {
        MinutesStatus.DRAFT,
        MinutesStatus.CIRCULATED,
    }


def test_the_domain_refuses_any_change_to_approved_minutes(world, secretariat):
    approved_at = world.approved.approved_at.astimezone(dt.UTC)
    with pytest.raises(MinutesLocked) as revise:
        minutes_revise(world.approved, text="Changed.", expected_revision=2, by=secretariat)
    with pytest.raises(MinutesLocked) as circulate:
        minutes_circulate(world.approved, comments_due=NOW + dt.timedelta(days=1), by=secretariat)

    assert revise.value.messages == [
        f"These minutes were approved on {approved_at:%Y-%m-%d %H:%M} UTC; their text is locked."
    ]
    assert circulate.value.messages == [
        f"These minutes were approved on {approved_at:%Y-%m-%d %H:%M} UTC; they are no longer "
        "circulated."
    ]
    assert [number for number, _ in texts(world.approved)] == [1, 2]


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda w: MinutesRevision.objects.filter(minutes=w.approved).update(text="Changed."),
            "a revision of minutes is never changed",
        ),
        (
            lambda w: _raw(
                "UPDATE minutes_minutesrevision SET text = %s WHERE minutes_id = %s",
                ["Changed.", w.approved.pk],
            ),
            "a revision of minutes is never changed",
        ),
        (
            lambda w: _raw(
                "DELETE FROM minutes_minutesrevision WHERE minutes_id = %s", [w.approved.pk]
            ),
            "a revision of minutes is deleted only with its minutes",
        ),
        (
            lambda w: MinutesRevision.objects.create(minutes=w.approved, number=3, text="More."),
            "approved minutes take no new revision",
        ),
        (
            lambda w: _raw(
                "INSERT INTO minutes_minutesrevision (minutes_id, number, text, created, note) "
                "VALUES (%s, 3, 'More.', %s, '')",
                [w.approved.pk, NOW],
            ),
            "approved minutes take no new revision",
        ),
        (
            lambda w: Minutes.objects.filter(pk=w.approved.pk).update(
                status=MinutesStatus.CIRCULATED, approved_at=None, approved_by=None
            ),
            "approved minutes stay as approved",
        ),
        (
            lambda w: _raw(
                "UPDATE minutes_minutes SET title = %s WHERE id = %s", ["Renamed", w.approved.pk]
            ),
            "approved minutes stay as approved",
        ),
    ],
    ids=[
        "revision update",
        "raw revision update",
        "raw revision delete",
        "new revision",
        "raw new revision",
        "reopen",
        "raw rename",
    ],
)
def test_the_database_refuses_any_change_to_approved_minutes(world, change, message):
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        change(world)

    assert message in str(refused.value)
    assert texts(world.approved) == [
        (1, "The chair opened the meeting."),
        (2, "The chair, the Minister of Foreign Affairs of Kazakhstan, opened the meeting."),
    ]
    approved = Minutes.objects.get(pk=world.approved.pk)
    assert (approved.status, approved.title) == (MinutesStatus.APPROVED, "Item 1: Opening")


def test_the_database_refuses_to_change_or_delete_a_revision_of_a_draft(world):
    with pytest.raises(IntegrityError) as update, transaction.atomic():
        MinutesRevision.objects.filter(minutes=world.draft, number=1).update(note="Changed")
    with pytest.raises(IntegrityError) as delete, transaction.atomic():
        _raw(
            "DELETE FROM minutes_minutesrevision WHERE minutes_id = %s AND number = 2",
            [world.draft.pk],
        )

    assert "a revision of minutes is never changed" in str(update.value)
    assert "a revision of minutes is deleted only with its minutes" in str(delete.value)
    assert texts(world.draft) == [(1, FIRST), (2, SECOND)]


def test_the_database_leaves_the_updated_time_of_approved_minutes_alone(world):
    changed = Minutes.objects.filter(pk=world.approved.pk).update(updated_at=NOW)

    assert changed == 1


def test_deleting_minutes_or_their_meeting_deletes_revisions_and_comments(world):
    world.draft.delete()
    assert not MinutesRevision.objects.filter(minutes_id=world.draft.pk).exists()

    world.meeting.delete()

    assert (
        Minutes.objects.count(),
        MinutesRevision.objects.count(),
        MinutesComment.objects.count(),
    ) == (0, 0, 0)


def test_the_constraints_read_plainly(world):
    minutes = Minutes(
        meeting=world.meeting, agenda_item_number="7", title="T", status=MinutesStatus.APPROVED
    )
    with pytest.raises(ValidationError) as approved:
        minutes.full_clean()
    inverted = Minutes(
        meeting=world.meeting,
        agenda_item_number="8",
        title="T",
        status=MinutesStatus.CIRCULATED,
        circulated_at=NOW,
        comments_due=NOW - dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as before:
        inverted.full_clean()

    assert approved.value.messages == [
        "Minutes that were circulated have the time of their circulation and a deadline for "
        "comments.",
        "Approved minutes have the time of their approval.",
    ]
    assert before.value.messages == ["Comments cannot be due before the minutes are circulated."]
    with pytest.raises(IntegrityError), transaction.atomic():
        Minutes.objects.filter(pk=world.draft.pk).update(status=MinutesStatus.APPROVED)


# Comparing revisions ----------------------------------------------------------------------------


def test_the_comparison_marks_the_words_changed(client, world):
    client.force_login(world.users["focal"])

    html = client.get(world.url("compare", world.draft) + "?from=1&to=2").content.decode()

    assert (
        '<div class="amendment" id="diff">The meeting<ins> was</ins> opened at 10:00 under the '
        "chairmanship of Kazakhstan.\n\nThe delegations adopted the agenda.</div>"
    ) in html
    assert section_text(html, "comparison-heading") == "From revision 1 to revision 2"


def test_the_comparison_is_of_the_two_latest_revisions_unless_told(client, world, secretariat):
    minutes_revise(
        world.draft,
        text=SECOND.replace("adopted", "approved"),
        expected_revision=2,
        by=secretariat,
    )
    client.force_login(secretariat)

    html = client.get(world.url("compare", world.draft)).content.decode()
    backwards = client.get(world.url("compare", world.draft) + "?from=3&to=1").content.decode()

    assert "The delegations <del>adopted</del><ins>approved</ins> the agenda.</div>" in html
    assert "From revision 2 to revision 3" in html
    assert '<div class="amendment" id="diff">The meeting<del> was</del> opened at' in backwards
    assert "The delegations <del>approved</del><ins>adopted</ins> the agenda.</div>" in backwards


def test_comparing_a_revision_that_does_not_exist_answers_404(client, world):
    client.force_login(world.users["secretariat"])
    url = world.url("compare", world.draft)

    assert client.get(url + "?from=1&to=9").status_code == 404
    assert client.get(url + "?from=x&to=2").status_code == 404
    assert client.get(url + "?from=1&to=1").status_code == 200


# Pages -------------------------------------------------------------------------------------------


def _login(client, world: World, role: str) -> None:
    client.force_login(world.users[role])


def test_pages_are_valid_markup(client, world):
    for role in ["secretariat", "focal"]:
        _login(client, world, role)
        for url in [
            world.url("list"),
            world.url("minutes", world.draft),
            world.url("minutes", world.circulated),
            world.url("minutes", world.closed),
            world.url("minutes", world.approved),
            world.url("revisions", world.approved),
            world.url("compare", world.draft),
            world.url("compare", world.circulated),
        ] + ([world.url("new")] if role == "secretariat" else []):
            response = client.get(url)
            assert response.status_code == 200, url
            assert markup_problems(response.content.decode()) == [], url


def test_the_list_shows_the_whole_meeting_first_then_the_items(client, world):
    _login(client, world, "secretariat")
    html = client.get(world.url("list")).content.decode()

    titles = ["Minutes of the meeting", "Item 1: Opening", "Item 2: Transport", "Item 3: Energy"]
    assert [html.index(title) for title in titles] == sorted(html.index(t) for t in titles)
    client.logout()
    public = client.get(world.url("list")).content.decode()
    assert "Item 1: Opening" in public
    assert "Item 2: Transport" not in public


def test_the_minutes_page_shows_status_text_and_comments(client, world):
    _login(client, world, "other_focal")

    html = client.get(world.url("minutes", world.circulated)).content.decode()

    assert section_text(html, "text") == (
        "Revision 1 The delegations discussed a transport corridor. Every revision"
    )
    assert "Kazakhstan proposed the corridor." in section_text(html, "comments")
    assert "Confidential until approved." in html
    assert 'name="comment-state"' in html


def test_a_revision_sent_from_a_stale_text_shows_both_texts_and_keeps_the_one_sent(client, world):
    _login(client, world, "secretariat")
    url = world.url("revise", world.draft)

    response = client.post(
        url, {"revise-text": "My own text.", "revise-note": "", "revise-expected_revision": "1"}
    )

    html = response.content.decode()
    assert response.status_code == CONFLICT
    assert "Someone else revised these minutes while you were working on them" in html
    assert "My own text.</textarea>" in html
    assert 'name="revise-expected_revision" value="2"' in html
    assert MinutesRevision.objects.filter(minutes=world.draft).count() == 2


def test_a_refused_step_shows_the_reason_on_the_page(client, world):
    _login(client, world, "secretariat")

    response = client.post(
        world.url("approve", world.circulated), {"approve-expected_revision": "1"}
    )

    assert response.status_code == REFUSED
    assert "Comments are open until" in response.content.decode()


# Who may do what ---------------------------------------------------------------------------------

# fmt: off
MATRIX: dict[str, tuple] = {
    #                                                anonymous  expert     focal      other_focal other_sec  secretariat superuser
    "GET list":                                     (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET list: the draft is listed":                (HIDDEN,    HIDDEN,    SHOWN,     SHOWN,     HIDDEN,    SHOWN,     HIDDEN),
    "GET list: the approved minutes are listed":    (SHOWN,     SHOWN,     SHOWN,     SHOWN,     SHOWN,     SHOWN,     SHOWN),
    "GET list: the new minutes link":               (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    SHOWN,     HIDDEN),
    "GET list of another forum's meeting address":  (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "GET new":                                      (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
    "GET draft":                                    (NOT_FOUND, NOT_FOUND, OK,        OK,        NOT_FOUND, OK,        NOT_FOUND),
    "GET draft: the revise form":                   (NOT_FOUND, NOT_FOUND, HIDDEN,    HIDDEN,    NOT_FOUND, SHOWN,     NOT_FOUND),
    "GET draft: the circulate form":                (NOT_FOUND, NOT_FOUND, HIDDEN,    HIDDEN,    NOT_FOUND, SHOWN,     NOT_FOUND),
    "GET draft under another meeting":              (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "GET circulated":                               (NOT_FOUND, NOT_FOUND, OK,        OK,        NOT_FOUND, OK,        NOT_FOUND),
    "GET circulated: the comment form":             (NOT_FOUND, NOT_FOUND, SHOWN,     SHOWN,     NOT_FOUND, HIDDEN,    NOT_FOUND),
    "GET circulated: Kazakhstan's comment":         (NOT_FOUND, NOT_FOUND, SHOWN,     SHOWN,     NOT_FOUND, SHOWN,     NOT_FOUND),
    "GET closed: the approve form":                 (NOT_FOUND, NOT_FOUND, HIDDEN,    HIDDEN,    NOT_FOUND, SHOWN,     NOT_FOUND),
    "GET approved":                                 (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET approved: the text":                       (SHOWN,     SHOWN,     SHOWN,     SHOWN,     SHOWN,     SHOWN,     SHOWN),
    "GET approved: the comments":                   (HIDDEN,    HIDDEN,    SHOWN,     SHOWN,     HIDDEN,    SHOWN,     HIDDEN),
    "GET approved: the revise form":                (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN),
    "GET draft revisions":                          (NOT_FOUND, NOT_FOUND, OK,        OK,        NOT_FOUND, OK,        NOT_FOUND),
    "GET approved revisions":                       (LOGIN,     FORBIDDEN, OK,        OK,        FORBIDDEN, OK,        FORBIDDEN),
    "GET draft compare":                            (NOT_FOUND, NOT_FOUND, OK,        OK,        NOT_FOUND, OK,        NOT_FOUND),
    "GET approved compare":                         (LOGIN,     FORBIDDEN, OK,        OK,        FORBIDDEN, OK,        FORBIDDEN),
    "GET compare with a missing revision":          (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST new":                                     (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST new for an item that has minutes":        (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST revise the draft":                        (NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, DONE,      NOT_FOUND),
    "POST revise from a stale revision":            (NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, CONFLICT,  NOT_FOUND),
    "POST revise the approved minutes":             (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST circulate the draft":                     (NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, DONE,      NOT_FOUND),
    "POST circulate the approved minutes":          (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST comment on the circulated minutes":       (NOT_FOUND, NOT_FOUND, DONE,      DONE,      NOT_FOUND, FORBIDDEN, NOT_FOUND),
    "POST comment on the draft":                    (NOT_FOUND, NOT_FOUND, REFUSED,   REFUSED,   NOT_FOUND, FORBIDDEN, NOT_FOUND),
    "POST comment after the deadline":              (NOT_FOUND, NOT_FOUND, REFUSED,   REFUSED,   NOT_FOUND, FORBIDDEN, NOT_FOUND),
    "POST comment on the approved minutes":         (LOGIN,     FORBIDDEN, REFUSED,   REFUSED,   FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "POST approve after the deadline":              (NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, DONE,      NOT_FOUND),
    "POST approve before the deadline":             (NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, REFUSED,   NOT_FOUND),
    "POST approve the draft":                       (NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, REFUSED,   NOT_FOUND),
}
# fmt: on


def snapshot() -> tuple:
    """Everything a refused action must leave as it was."""
    return (
        [model.objects.count() for model in (Minutes, MinutesRevision, MinutesComment, AuditEntry)],
        list(
            Minutes.objects.order_by("pk").values_list(
                "pk", "title", "status", "circulated_at", "comments_due", "approved_at"
            )
        ),
    )


@dataclass(frozen=True)
class Row:
    method: str
    url: Callable[[World], str]
    data: Callable[[World, str], dict] = lambda world, role: {}
    shows: Callable[[World], str] | None = None  # for SHOWN / HIDDEN cells
    effect: Callable[[World, str], None] | None = None  # for DONE cells


def _new_data(world: World, role: str, *, item: str = "4") -> dict:
    return {"title": "Item 4: Closing", "agenda_item_number": item, "text": "The chair closed it."}


def _started(world: World, role: str) -> None:
    minutes = Minutes.objects.get(meeting=world.meeting, agenda_item_number="4")
    assert (minutes.title, minutes.status) == ("Item 4: Closing", MinutesStatus.DRAFT)
    assert texts(minutes) == [(1, "The chair closed it.")]


def _revise_data(world: World, role: str, *, expected: int = 2) -> dict:
    return {
        "revise-text": "The meeting opened at 10:30.",
        "revise-note": "Time corrected",
        "revise-expected_revision": str(expected),
    }


def _revised(world: World, role: str) -> None:
    revision = MinutesRevision.objects.get(minutes=world.draft, number=3)
    assert (revision.text, revision.note, revision.author) == (
        "The meeting opened at 10:30.",
        "Time corrected",
        world.users[role],
    )


def _circulate_data(world: World, role: str) -> dict:
    due = (NOW + dt.timedelta(days=10)).astimezone(dt.UTC)
    return {"circulate-comments_due": f"{due:%Y-%m-%dT%H:%M}", "circulate-zone": "UTC"}


def _circulated(world: World, role: str) -> None:
    minutes = Minutes.objects.get(pk=world.draft.pk)
    due = (NOW + dt.timedelta(days=10)).astimezone(dt.UTC).replace(second=0)
    assert (minutes.status, minutes.comments_due) == (MinutesStatus.CIRCULATED, due)


def _comment_data(world: World, role: str) -> dict:
    state = world.states["KG" if role == "other_focal" else "KZ"]
    return {"comment-state": str(state.pk), "comment-text": "Please add the time of closing."}


def _commented(world: World, role: str) -> None:
    comment = MinutesComment.objects.get(text="Please add the time of closing.")
    state = world.states["KG" if role == "other_focal" else "KZ"]
    assert (comment.minutes, comment.state, comment.author, comment.revision.number) == (
        world.circulated,
        state,
        world.users[role],
        1,
    )


def _approve_data(world: World, role: str) -> dict:
    return {"approve-expected_revision": "1"}


def _approved(world: World, role: str) -> None:
    minutes = Minutes.objects.get(pk=world.closed.pk)
    assert (minutes.status, minutes.approved_by) == (MinutesStatus.APPROVED, world.users[role])


ROWS: dict[str, Row] = {
    "GET list": Row("GET", lambda w: w.url("list")),
    "GET list: the draft is listed": Row(
        "GET", lambda w: w.url("list"), shows=lambda w: w.url("minutes", w.draft)
    ),
    "GET list: the approved minutes are listed": Row(
        "GET", lambda w: w.url("list"), shows=lambda w: w.url("minutes", w.approved)
    ),
    "GET list: the new minutes link": Row(
        "GET", lambda w: w.url("list"), shows=lambda w: w.url("new")
    ),
    "GET list of another forum's meeting address": Row(
        "GET",
        lambda w: reverse(
            "minutes:list", kwargs={"forum": "kca", "number": 17, "pk": w.other_meeting.pk}
        ),
    ),
    "GET new": Row("GET", lambda w: w.url("new")),
    "GET draft": Row("GET", lambda w: w.url("minutes", w.draft)),
    "GET draft: the revise form": Row(
        "GET", lambda w: w.url("minutes", w.draft), shows=lambda w: w.url("revise", w.draft)
    ),
    "GET draft: the circulate form": Row(
        "GET", lambda w: w.url("minutes", w.draft), shows=lambda w: w.url("circulate", w.draft)
    ),
    "GET draft under another meeting": Row(
        "GET", lambda w: w.url("minutes", w.draft, meeting=w.other_meeting)
    ),
    "GET circulated": Row("GET", lambda w: w.url("minutes", w.circulated)),
    "GET circulated: the comment form": Row(
        "GET",
        lambda w: w.url("minutes", w.circulated),
        shows=lambda w: w.url("comment", w.circulated),
    ),
    "GET circulated: Kazakhstan's comment": Row(
        "GET",
        lambda w: w.url("minutes", w.circulated),
        shows=lambda w: "Kazakhstan proposed the corridor.",
    ),
    "GET closed: the approve form": Row(
        "GET", lambda w: w.url("minutes", w.closed), shows=lambda w: w.url("approve", w.closed)
    ),
    "GET approved": Row("GET", lambda w: w.url("minutes", w.approved)),
    "GET approved: the text": Row(
        "GET",
        lambda w: w.url("minutes", w.approved),
        shows=lambda w: "The chair, the Minister of Foreign Affairs of Kazakhstan, opened",
    ),
    "GET approved: the comments": Row(
        "GET",
        lambda w: w.url("minutes", w.approved),
        shows=lambda w: "Kyrgyzstan asks that the chair",
    ),
    "GET approved: the revise form": Row(
        "GET",
        lambda w: w.url("minutes", w.approved),
        shows=lambda w: w.url("revise", w.approved),
    ),
    "GET draft revisions": Row("GET", lambda w: w.url("revisions", w.draft)),
    "GET approved revisions": Row("GET", lambda w: w.url("revisions", w.approved)),
    "GET draft compare": Row("GET", lambda w: w.url("compare", w.draft) + "?from=1&to=2"),
    "GET approved compare": Row("GET", lambda w: w.url("compare", w.approved)),
    "GET compare with a missing revision": Row(
        "GET", lambda w: w.url("compare", w.draft) + "?from=1&to=7"
    ),
    "POST new": Row("POST", lambda w: w.url("new"), data=_new_data, effect=_started),
    "POST new for an item that has minutes": Row(
        "POST", lambda w: w.url("new"), data=lambda w, role: _new_data(w, role, item="2")
    ),
    "POST revise the draft": Row(
        "POST", lambda w: w.url("revise", w.draft), data=_revise_data, effect=_revised
    ),
    "POST revise from a stale revision": Row(
        "POST",
        lambda w: w.url("revise", w.draft),
        data=lambda w, role: _revise_data(w, role, expected=1),
    ),
    "POST revise the approved minutes": Row(
        "POST", lambda w: w.url("revise", w.approved), data=_revise_data
    ),
    "POST circulate the draft": Row(
        "POST", lambda w: w.url("circulate", w.draft), data=_circulate_data, effect=_circulated
    ),
    "POST circulate the approved minutes": Row(
        "POST", lambda w: w.url("circulate", w.approved), data=_circulate_data
    ),
    "POST comment on the circulated minutes": Row(
        "POST", lambda w: w.url("comment", w.circulated), data=_comment_data, effect=_commented
    ),
    "POST comment on the draft": Row(
        "POST", lambda w: w.url("comment", w.draft), data=_comment_data
    ),
    "POST comment after the deadline": Row(
        "POST", lambda w: w.url("comment", w.closed), data=_comment_data
    ),
    "POST comment on the approved minutes": Row(
        "POST", lambda w: w.url("comment", w.approved), data=_comment_data
    ),
    "POST approve after the deadline": Row(
        "POST", lambda w: w.url("approve", w.closed), data=_approve_data, effect=_approved
    ),
    "POST approve before the deadline": Row(
        "POST", lambda w: w.url("approve", w.circulated), data=_approve_data
    ),
    "POST approve the draft": Row(
        "POST",
        lambda w: w.url("approve", w.draft),
        data=lambda w, role: {"approve-expected_revision": "2"},
    ),
}


def test_matrix_covers_every_row_and_role():
    assert sorted(MATRIX) == sorted(ROWS)
    assert {len(cells) for cells in MATRIX.values()} == {len(ROLES)}


@pytest.mark.parametrize(("name", "role", "expected"), list(cases(MATRIX, ROLES)))
def test_permission_matrix(client, name, role, expected):
    row = ROWS[name]
    world = make_world()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = row.url(world)
    data = row.data(world, role)
    before = snapshot()

    response = client.get(url) if row.method == "GET" else client.post(url, data)

    check_answer(response, expected, url=url, shows=row.shows(world) if row.shows else "")
    if row.method == "GET":
        return
    if expected == DONE:
        assert snapshot() != before, "the action changed nothing"
        row.effect(world, role)
    else:
        assert snapshot() == before, "a refused action changed something"


# Queries -----------------------------------------------------------------------------------------


def _grow(world: World, n: int) -> None:
    """``n`` more revisions of the circulated minutes, each with a comment of a member state, and
    ``n`` more minutes of agenda items."""
    secretariat = world.users["secretariat"]
    focal_points = {"KZ": world.users["focal"], "KG": world.users["other_focal"]}
    minutes = world.circulated
    start = Minutes.objects.filter(meeting=world.meeting).count()
    for i in range(n):
        latest = MinutesRevision.objects.filter(minutes=minutes).order_by("-number").first()
        minutes_revise(
            minutes,
            text=f"Text {latest.number + 1}.",
            expected_revision=latest.number,
            by=secretariat,
        )
        code = "KZ" if i % 2 else "KG"
        minutes_comment(
            minutes, state=world.states[code], text=f"Comment {i}.", by=focal_points[code]
        )
        minutes_start(
            meeting=world.meeting,
            agenda_item_number=f"5.{start + i}",
            title=f"Item 5.{start + i}",
            text="Discussed.",
            by=secretariat,
        )


@pytest.mark.parametrize(
    ("role", "page", "expected"),
    [
        # session, user, roles, minutes, current revision, comments, member states
        ("focal", "minutes", 7),
        # session, user, roles, minutes, current revision, comments
        ("secretariat", "minutes", 6),
        # minutes, current revision
        ("anonymous", "approved", 2),
        # session, user, meeting, minutes, roles
        ("secretariat", "list", 5),
        ("anonymous", "list", 2),
        # session, user, minutes, roles, revisions
        ("secretariat", "revisions", 5),
        # session, user, minutes, roles, revision numbers, two texts
        ("secretariat", "compare", 6),
    ],
)
def test_pages_cost_the_same_queries_at_two_sizes(client, world, role, page, expected):
    if world.users[role] is not None:
        _login(client, world, role)
    url = {
        "minutes": world.url("minutes", world.circulated),
        "approved": world.url("minutes", world.approved),
        "list": world.url("list"),
        "revisions": world.url("revisions", world.circulated),
        "compare": world.url("compare", world.circulated),
    }[page]
    _grow(world, 1)
    small = count_queries(client, url)
    _grow(world, 5)
    large = count_queries(client, url)

    assert (small, large) == (expected, expected)


# Back office -------------------------------------------------------------------------------------


def test_the_back_office_minutes_page_costs_the_same_queries_for_more_revisions(client, world):
    client.force_login(world.users["superuser"])
    url = reverse("admin:minutes_minutes_change", args=[world.circulated.pk])
    _grow(world, 1)
    small = count_queries(client, url)
    _grow(world, 3)
    large = count_queries(client, url)

    assert small == large


def test_approved_minutes_are_read_only_in_the_back_office(client, world):
    client.force_login(world.users["superuser"])
    change = reverse("admin:minutes_minutes_change", args=[world.approved.pk])
    delete = reverse("admin:minutes_minutes_delete", args=[world.approved.pk])

    page = client.get(change)

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Minutes.objects.filter(pk=world.approved.pk).exists()


def test_draft_minutes_are_deleted_in_the_back_office_with_their_revisions(client, world):
    client.force_login(world.users["superuser"])
    delete = reverse("admin:minutes_minutes_delete", args=[world.draft.pk])

    response = client.post(delete, {"post": "yes"})

    assert response.status_code == 302
    assert not Minutes.objects.filter(pk=world.draft.pk).exists()
    assert not MinutesRevision.objects.filter(minutes_id=world.draft.pk).exists()
