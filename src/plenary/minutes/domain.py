"""The making of minutes, from the first draft to approval.

The secretariat drafts the minutes of a meeting (or of one item of its agenda); every save of the
text is a new revision, numbered from 1 and never changed. It circulates them to the member states
with a deadline for comments, and may revise and circulate them again; the focal points comment on
the current revision until the deadline. Once the deadline has passed the secretariat approves
them: approved minutes are the public record and their text is locked, here and, for code that
goes around these functions, by database triggers.

Every write runs in one transaction under a lock on the minutes row (the meeting's row for a new
one), validates, and writes one dotted action to the audit log of the minutes. Functions that
depend on the clock take ``now=``.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.accounts.rules import focal_point_states
from plenary.common.domain import log_action
from plenary.common.translations import record_text
from plenary.forums.models import Membership, State
from plenary.forums.naming import reader_state_name as state_name
from plenary.meetings.models import Meeting
from plenary.minutes.enums import MinutesStatus
from plenary.minutes.models import Minutes, MinutesComment, MinutesRevision

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    #: Who takes a step; ``None`` (or an anonymous user) for the system.
    Actor = AbstractBaseUser | AnonymousUser | None

__all__ = [
    "MinutesLocked",
    "MinutesWorkflowError",
    "RevisionConflict",
    "minutes_approve",
    "minutes_circulate",
    "minutes_comment",
    "minutes_revise",
    "minutes_start",
]


class MinutesWorkflowError(ValidationError):
    """A step that the current state of the minutes does not allow."""

    def __init__(self, message, code: str = "workflow", params=None):
        super().__init__(message, code=code, params=params)


class MinutesLocked(MinutesWorkflowError):  # noqa: N818 (reads as what happened)
    """An attempt to change approved minutes."""

    def __init__(self, message, code: str = "locked", params=None):
        super().__init__(message, code=code, params=params)


class RevisionConflict(MinutesWorkflowError):  # noqa: N818 (reads as what happened)
    """The minutes were revised by someone else since the editor read them.

    Carries what a page needs to let the editor merge: the current revision's number and text,
    and the text the editor tried to save.
    """

    def __init__(self, *, current_revision: int, current_text: str, attempted_text: str):
        self.current_revision = current_revision
        self.current_text = current_text
        self.attempted_text = attempted_text
        super().__init__(
            _(
                "The minutes were revised by someone else while you worked on them (they are now "
                "at revision %(number)s). Read the current text and make your change again."
            )
            % {"number": current_revision},
            code="revision_conflict",
        )

    def __reduce__(self):
        # Exceptions are rebuilt from their positional arguments; this one takes keywords.
        rebuild = functools.partial(
            RevisionConflict,
            current_revision=self.current_revision,
            current_text=self.current_text,
            attempted_text=self.attempted_text,
        )
        return (rebuild, ())


# Helpers ------------------------------------------------------------------------------------


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else timezone.now()


def _when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _actor(by: Actor):
    return by if by is not None and by.is_authenticated else None


def _changed(before: object, after: object) -> dict[str, object]:
    return {"before": before, "after": after}


def _text(value: str) -> str:
    """The text as stored: line breaks as a browser's form sends them made plain, no white space
    around it."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _locked(minutes: Minutes | int) -> Minutes:
    pk = minutes if isinstance(minutes, int) else minutes.pk
    return (
        Minutes.objects.select_for_update(of=("self",))
        .select_related("meeting__edition__forum")
        .get(pk=pk)
    )


def _latest(minutes: Minutes) -> MinutesRevision | None:
    return MinutesRevision.objects.filter(minutes=minutes).order_by("-number").first()


def _check_not_approved(minutes: Minutes, message: str) -> None:
    """Refuse approved minutes with ``message``, which names the moment as ``%(moment)s``."""
    if minutes.status == MinutesStatus.APPROVED:
        raise MinutesLocked(message % {"moment": _when(minutes.approved_at)})


def _check_member(state: State, minutes: Minutes, *, on: dt.date) -> None:
    forum = minutes.meeting.edition.forum
    memberships = Membership.objects.filter(forum=forum, state=state)
    if not any(membership.is_member_on(on) for membership in memberships):
        raise ValidationError(
            {
                "state": _("%(state)s is not a member of %(forum)s.")
                % {"state": state_name(state), "forum": record_text(forum, "name")}
            }
        )


def _check_deadline(moment: dt.datetime | None, *, now: dt.datetime) -> None:
    if moment is None or timezone.is_naive(moment):
        raise ValidationError(
            {"comments_due": _("Give the deadline for comments with its time zone.")}
        )
    if moment <= now:
        raise ValidationError(
            {"comments_due": _("The deadline for comments must be in the future.")}
        )


# Steps --------------------------------------------------------------------------------------


@transaction.atomic
def minutes_start(
    *,
    meeting: Meeting,
    title: str,
    text: str,
    by: Actor,
    agenda_item_number: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> Minutes:
    """Start the minutes of ``meeting`` (of one agenda item when ``agenda_item_number`` is given)
    with the text of their first revision.

    Side effects: creates the minutes (a draft) and revision 1. Logs ``minutes.minutes.created``.
    Refuses a second set of minutes for the same meeting and agenda item, and an empty text.
    """
    now = _now(now)
    # Two secretaries starting the same minutes at once: the second waits, then is refused.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    minutes = Minutes(
        meeting=meeting, agenda_item_number=agenda_item_number.strip(), title=title.strip()
    )
    minutes.full_clean()
    text = _text(text)
    if not text:
        raise ValidationError({"text": _("Write the minutes.")})
    minutes.save()
    MinutesRevision.objects.create(
        minutes=minutes, number=1, text=text, author=_actor(by), created=now, note=note.strip()
    )
    log_action(
        minutes,
        "minutes.minutes.created",
        by=by,
        data={
            "meeting": meeting,
            "agenda_item_number": minutes.agenda_item_number,
            "title": minutes.title,
            "revision": 1,
        },
    )
    return minutes


@transaction.atomic
def minutes_revise(
    minutes: Minutes,
    *,
    text: str,
    expected_revision: int,
    by: Actor,
    note: str = "",
    now: dt.datetime | None = None,
) -> MinutesRevision:
    """Save a new text of ``minutes`` as their next revision, if no one revised them since the
    editor read revision ``expected_revision``.

    Two editors who read the same revision cannot both save: the second gets
    ``RevisionConflict``, with the current text. A text equal to the current one writes nothing
    and returns the current revision. Draft and circulated minutes may be revised; comments stay
    on the revision they were made on.

    Side effects: creates the revision. Logs ``minutes.revision.created``. Refuses approved
    minutes (``MinutesLocked``) and an empty text.
    """
    now = _now(now)
    minutes = _locked(minutes)
    _check_not_approved(
        minutes, _("These minutes were approved on %(moment)s; their text is locked.")
    )
    text = _text(text)
    if not text:
        raise ValidationError({"text": _("The minutes cannot be empty.")})
    latest = _latest(minutes)
    current = latest.number if latest is not None else 0
    if current != expected_revision:
        raise RevisionConflict(
            current_revision=current,
            current_text=latest.text if latest is not None else "",
            attempted_text=text,
        )
    if latest is not None and latest.text == text:
        return latest
    revision = MinutesRevision(
        minutes=minutes,
        number=current + 1,
        text=text,
        author=_actor(by),
        created=now,
        note=note.strip(),
    )
    revision.full_clean()
    revision.save()
    log_action(
        minutes,
        "minutes.revision.created",
        by=by,
        data={"revision": revision.number, "based_on": current or None, "note": revision.note},
    )
    return revision


@transaction.atomic
def minutes_circulate(
    minutes: Minutes, *, comments_due: dt.datetime, by: Actor, now: dt.datetime | None = None
) -> Minutes:
    """Circulate ``minutes`` to the member states for comments until ``comments_due`` (with its
    time zone, in the future). Circulated minutes may be circulated again, after a revision,
    with a new deadline.

    Side effects: the minutes become circulated, with the time of circulation and the deadline.
    Logs ``minutes.minutes.circulated``. Refuses approved minutes.
    """
    now = _now(now)
    minutes = _locked(minutes)
    _check_not_approved(
        minutes, _("These minutes were approved on %(moment)s; they are no longer circulated.")
    )
    latest = _latest(minutes)
    if latest is None:
        raise MinutesWorkflowError(_("These minutes have no text to circulate."))
    _check_deadline(comments_due, now=now)
    before = minutes.status
    minutes.status = MinutesStatus.CIRCULATED
    minutes.circulated_at = now
    minutes.comments_due = comments_due
    minutes.full_clean()
    minutes.save()
    log_action(
        minutes,
        "minutes.minutes.circulated",
        by=by,
        data={
            "status": _changed(before, minutes.status),
            "revision": latest.number,
            "comments_due": comments_due,
        },
    )
    return minutes


@transaction.atomic
def minutes_comment(
    minutes: Minutes,
    *,
    state: State,
    text: str,
    by: Actor,
    now: dt.datetime | None = None,
) -> MinutesComment:
    """A member state's comment on circulated ``minutes``, made by one of its focal points before
    the deadline. The comment is on the current revision.

    Side effects: creates the comment. Logs ``minutes.comment.added``. Refuses draft and approved
    minutes, a passed deadline, a state that is not a member of the forum and an author who does
    not speak for the state.
    """
    now = _now(now)
    minutes = _locked(minutes)
    _check_not_approved(
        minutes, _("These minutes were approved on %(moment)s; they take no more comments.")
    )
    if minutes.status != MinutesStatus.CIRCULATED:
        raise MinutesWorkflowError(_("These minutes have not been circulated for comments yet."))
    if now >= minutes.comments_due:
        raise MinutesWorkflowError(
            _("Comments on these minutes were due by %(moment)s.")
            % {"moment": _when(minutes.comments_due)}
        )
    _check_member(state, minutes, on=now.date())
    forum = minutes.meeting.edition.forum
    if state.pk not in focal_point_states(by, forum.pk):
        name = state_name(state)
        raise ValidationError(
            {
                "state": _("Only a focal point of %(state)s comments for %(state)s.")
                % {"state": name}
            }
        )
    text = _text(text)
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    latest = _latest(minutes)
    comment = MinutesComment(
        minutes=minutes, revision=latest, state=state, author=_actor(by), text=text, created=now
    )
    comment.full_clean()
    comment.save()
    log_action(
        minutes,
        "minutes.comment.added",
        by=by,
        data={"comment": comment.pk, "revision": latest.number, "state": state, "text": text},
    )
    return comment


@transaction.atomic
def minutes_approve(
    minutes: Minutes,
    *,
    by: Actor,
    expected_revision: int | None = None,
    now: dt.datetime | None = None,
) -> Minutes:
    """Approve circulated ``minutes`` once their deadline for comments has passed. With
    ``expected_revision``, only if that is still the current revision: whoever approves has read
    the text approved.

    Side effects: the minutes become approved (when, by whom): public, and their text locked.
    Logs ``minutes.minutes.approved``. Refuses draft minutes, minutes still open for comments and
    minutes already approved.
    """
    now = _now(now)
    minutes = _locked(minutes)
    _check_not_approved(
        minutes, _("These minutes were approved on %(moment)s; they cannot be approved again.")
    )
    if minutes.status != MinutesStatus.CIRCULATED:
        raise MinutesWorkflowError(_("Circulate the minutes for comments before approving them."))
    if now < minutes.comments_due:
        raise MinutesWorkflowError(
            _(
                "Comments are open until %(moment)s; the minutes can be approved once the "
                "deadline has passed."
            )
            % {"moment": _when(minutes.comments_due)}
        )
    latest = _latest(minutes)
    if expected_revision is not None and latest.number != expected_revision:
        raise MinutesWorkflowError(
            _(
                "Revision %(latest)s was saved after you read revision %(read)s; read it before "
                "approving the minutes."
            )
            % {"latest": latest.number, "read": expected_revision}
        )
    before = minutes.status
    minutes.status = MinutesStatus.APPROVED
    minutes.approved_at = now
    minutes.approved_by = _actor(by)
    minutes.full_clean()
    minutes.save()
    log_action(
        minutes,
        "minutes.minutes.approved",
        by=by,
        data={
            "status": _changed(before, minutes.status),
            "revision": latest.number,
            "approved_at": now,
        },
    )
    return minutes
