"""The drafting workflow of outcome documents, from the first draft to adoption.

A version is a draft (its text may change), then circulated (delegations comment, propose
amendments and record positions), then superseded by the next version or adopted. A document is
a draft, under negotiation once a version is circulated, under silence while a silence procedure
is open, and adopted at a meeting or by silence. An adopted version's text is frozen here and, for
code that goes around these functions, by database triggers.

Every write runs in one transaction, locks the rows it changes (the document first, then the
version, then rows under it, so that two steps never wait on each other in opposite orders),
validates, writes one dotted action to the audit log of the document with the values before and
after, and queues the e-mails of the step for after the commit. A delegation's internal notes are
logged on the note itself, never on the document that every member state may read the history of.

Whether a silence procedure has ended in adoption is derived from its deadline
(``silence_outcome``), so the deadline holds even when ``silences_settle`` has not run yet.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plenary.common.domain import log_action
from plenary.common.translations import localized
from plenary.documents import notifications
from plenary.documents.domain import document_adopt
from plenary.documents.enums import (
    AdoptionMethod,
    DocumentStatus,
    PositionKind,
    SilenceOutcome,
    VersionStatus,
)
from plenary.documents.models import (
    AdoptionConsent,
    Comment,
    DelegationNote,
    DocumentVersion,
    LanguageVersion,
    OutcomeDocument,
    Paragraph,
    Position,
    SilenceProcedure,
)
from plenary.forums import naming
from plenary.forums.models import Forum, Membership, State
from plenary.meetings.models import Delegation, Meeting

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    #: Who takes a step; ``None`` (or an anonymous user) for the system, e.g. a cron job.
    Actor = AbstractBaseUser | AnonymousUser | None

logger = logging.getLogger(__name__)

__all__ = [
    "DocumentFrozen",
    "EditConflict",
    "ParagraphDiff",
    "WorkflowError",
    "amendment_diff",
    "comment_add",
    "document_adopt",
    "document_adopt_at_meeting",
    "document_compare",
    "note_add",
    "paragraph_add",
    "paragraph_edit",
    "position_record",
    "silence_break",
    "silence_open",
    "silence_outcome",
    "silences_settle",
    "version_circulate",
    "version_next",
    "version_start",
    "word_diff",
]


class WorkflowError(ValidationError):
    """A step that the current state of the document or version does not allow."""

    def __init__(self, message, code: str = "workflow", params=None):
        super().__init__(message, code=code, params=params)


class DocumentFrozen(WorkflowError):  # noqa: N818 (the name views are written against)
    """An attempt to change the text of an adopted version."""

    def __init__(self, message, code: str = "frozen", params=None):
        super().__init__(message, code=code, params=params)


class EditConflict(WorkflowError):  # noqa: N818 (the name views are written against)
    """Someone else changed the paragraph since the editor read it (optimistic locking).

    Carries what a page needs to let the editor merge: the text and revision now in the database
    and the text the editor tried to save.
    """

    def __init__(
        self, *, paragraph: Paragraph, current_text: str, current_revision: int, attempted_text: str
    ):
        self.paragraph = paragraph
        self.current_text = current_text
        self.current_revision = current_revision
        self.attempted_text = attempted_text
        super().__init__(
            _(
                "Paragraph %(number)s was changed by someone else while you edited it (it is now "
                "at revision %(revision)s). Read its current text and make your change again."
            )
            % {"number": paragraph.number, "revision": current_revision},
            code="edit_conflict",
        )

    def __reduce__(self):
        # Exceptions are rebuilt from their positional arguments; this one takes keywords.
        rebuild = functools.partial(
            EditConflict,
            paragraph=self.paragraph,
            current_text=self.current_text,
            current_revision=self.current_revision,
            attempted_text=self.attempted_text,
        )
        return (rebuild, ())


# Helpers ------------------------------------------------------------------------------------


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else timezone.now()


def _when(moment: dt.datetime) -> str:
    return notifications.utc(moment)


def _state_name(state: State) -> str:
    """The state's name in the reader's language, for messages."""
    return naming.state_name(state, translation.get_language() or "en")


def _forum_name(forum: Forum) -> str:
    """The forum's name in the reader's language, for messages."""
    return localized(forum, "name").text


def _version_status(version: DocumentVersion) -> str:
    return str(version.get_status_display())


def _actor(by: Actor):
    return by if by is not None and by.is_authenticated else None


def _locked_document(document: OutcomeDocument | int) -> OutcomeDocument:
    pk = document if isinstance(document, int) else document.pk
    return OutcomeDocument.objects.select_for_update().get(pk=pk)


def _locked_version(version: DocumentVersion | int) -> DocumentVersion:
    pk = version if isinstance(version, int) else version.pk
    return DocumentVersion.objects.select_for_update().get(pk=pk)


def _latest_version(document: OutcomeDocument) -> DocumentVersion | None:
    return (
        DocumentVersion.objects.select_for_update()
        .filter(document=document)
        .order_by("-number")
        .first()
    )


def _open_silence(document: OutcomeDocument) -> SilenceProcedure | None:
    return (
        SilenceProcedure.objects.select_for_update(of=("self",))
        .filter(version__document=document, outcome=SilenceOutcome.OPEN)
        .order_by("pk")
        .first()
    )


def _check_document_open(document: OutcomeDocument) -> None:
    if document.status == DocumentStatus.ADOPTED:
        raise DocumentFrozen(_("This document has been adopted; its text is frozen."))
    if document.status == DocumentStatus.WITHDRAWN:
        raise WorkflowError(_("This document has been withdrawn."))


def _check_no_silence(document: OutcomeDocument) -> None:
    procedure = _open_silence(document)
    if procedure is not None:
        raise WorkflowError(
            _("A silence procedure is open on this document until %(deadline)s.")
            % {"deadline": _when(procedure.deadline)}
        )


def _check_draft(version: DocumentVersion) -> None:
    """The text of ``version`` may change: it is a draft."""
    if version.status == VersionStatus.ADOPTED:
        raise DocumentFrozen(
            _("Version %(number)s has been adopted; its text is frozen.")
            % {"number": version.number}
        )
    if version.status != VersionStatus.DRAFT:
        raise WorkflowError(
            _("Version %(number)s has been %(status)s; only a draft can be changed.")
            % {"number": version.number, "status": _version_status(version)}
        )


def _check_member(forum: Forum, state: State, *, on: dt.date, field: str = "state") -> None:
    memberships = Membership.objects.filter(forum=forum, state=state)
    if not any(membership.is_member_on(on) for membership in memberships):
        raise ValidationError(
            {
                field: _("%(state)s is not a member of %(forum)s.")
                % {"state": _state_name(state), "forum": _forum_name(forum)}
            }
        )


def _aware_future(moment: dt.datetime | None, *, now: dt.datetime, field: str) -> None:
    """``moment`` (the deadline for comments when ``field`` is ``comments_due``, else the
    deadline of a silence procedure) carries its time zone and lies after ``now``."""
    for_comments = field == "comments_due"
    if moment is None or timezone.is_naive(moment):
        raise ValidationError(
            {
                field: _("Give the deadline for comments with its time zone.")
                if for_comments
                else _("Give the deadline with its time zone.")
            }
        )
    if moment <= now:
        raise ValidationError(
            {
                field: _("The deadline for comments must be in the future.")
                if for_comments
                else _("The deadline must be in the future.")
            }
        )


def _changed(before: object, after: object) -> dict[str, object]:
    return {"before": before, "after": after}


def _move_document(document: OutcomeDocument, status: str) -> dict[str, object]:
    """Give the (locked) ``document`` a new status; return the change for the audit entry."""
    before = document.status
    document.status = status
    document.save(update_fields=["status", "updated_at"])
    return _changed(before, status)


def _copy_text(
    source: DocumentVersion, target: DocumentVersion, replacements: dict[int, str]
) -> None:
    """Copy every language of ``source`` into ``target``; ``replacements`` maps a paragraph's pk
    to the text that replaces it."""
    for language in source.languages.prefetch_related("paragraphs"):
        copy = LanguageVersion.objects.create(
            version=target, language=language.language, title=language.title
        )
        Paragraph.objects.bulk_create(
            Paragraph(
                language_version=copy,
                number=paragraph.number,
                text=replacements.get(paragraph.pk, paragraph.text),
            )
            for paragraph in language.paragraphs.all()
        )


def _paragraph_counts(version: DocumentVersion) -> dict[str, int]:
    return {
        language.language: language.paragraphs.count()
        for language in version.languages.order_by("language")
    }


# Versions and their text --------------------------------------------------------------------


def _check_new_text(forum: Forum, titles: dict[str, str], paragraphs: dict[str, list[str]]) -> None:
    if not titles:
        raise ValidationError({"titles": _("Give the title in at least one language.")})
    unknown = [code for code in titles if code not in forum.languages]
    if unknown:
        raise ValidationError(
            {
                "titles": _(
                    "Not a working language of %(forum)s: %(codes)s (it works in %(working)s)."
                )
                % {
                    "forum": _forum_name(forum),
                    "codes": ", ".join(unknown),
                    "working": ", ".join(forum.languages),
                }
            }
        )
    for code, title in titles.items():
        if not title.strip():
            raise ValidationError(
                {"titles": _("The title in %(language)s is empty.") % {"language": code}}
            )
    without_text = [code for code in titles if code not in paragraphs]
    if without_text:
        raise ValidationError(
            {
                "paragraphs": _("Give the paragraphs in every language: none in %(languages)s.")
                % {"languages": ", ".join(without_text)}
            }
        )
    without_title = [code for code in paragraphs if code not in titles]
    if without_title:
        raise ValidationError(
            {
                "titles": _("Give the title in every language: none in %(languages)s.")
                % {"languages": ", ".join(without_title)}
            }
        )
    counts = {code: len(paragraphs[code]) for code in titles}
    if len(set(counts.values())) > 1:
        listed = ", ".join(f"{code} {count}" for code, count in counts.items())
        raise ValidationError(
            {
                "paragraphs": _(
                    "Every language needs the same number of paragraphs, aligned by number: "
                    "%(counts)s."
                )
                % {"counts": listed}
            }
        )
    for code in titles:
        for number, text in enumerate(paragraphs[code], start=1):
            if not text.strip():
                raise ValidationError(
                    {
                        "paragraphs": _("Paragraph %(number)s in %(language)s is empty.")
                        % {"number": number, "language": code}
                    }
                )


@transaction.atomic
def version_start(
    document: OutcomeDocument,
    *,
    by: Actor,
    titles: dict[str, str],
    paragraphs: dict[str, list[str]],
) -> DocumentVersion:
    """Start a new draft version of ``document`` with the text given, not copied from another.

    ``titles`` and ``paragraphs`` are keyed by language (the forum's working languages); each
    language has the same number of paragraphs, numbered from 1 in the order given.

    Side effects: creates the version (numbered after the last one, status draft), its language
    versions and paragraphs; the previous latest version, if it was a draft or circulated, is
    superseded. The document's status is left as it is (a draft stays a draft; a negotiation goes
    on with the new text). Logs ``documents.version.created``; e-mails the focal points.
    Refuses an adopted or withdrawn document and one under an open silence procedure.
    """
    document = _locked_document(document)
    _check_document_open(document)
    _check_no_silence(document)
    forum = document.forum
    _check_new_text(forum, titles, paragraphs)
    previous = _latest_version(document)
    superseded = None
    if previous is not None and previous.status in (VersionStatus.DRAFT, VersionStatus.CIRCULATED):
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status", "updated_at"])
        superseded = previous.number
    version = DocumentVersion.objects.create(
        document=document, number=previous.number + 1 if previous else 1
    )
    languages = [code for code in forum.languages if code in titles]
    for code in languages:
        language = LanguageVersion.objects.create(
            version=version, language=code, title=titles[code].strip()
        )
        Paragraph.objects.bulk_create(
            Paragraph(language_version=language, number=number, text=text.strip())
            for number, text in enumerate(paragraphs[code], start=1)
        )
    log_action(
        document,
        "documents.version.created",
        by=by,
        data={
            "version": version.number,
            "based_on": None,
            "superseded": superseded,
            "languages": languages,
            "paragraphs": len(paragraphs[languages[0]]),
            "accepted_comments": [],
        },
    )
    notifications.notify_new_version(version)
    return version


@transaction.atomic
def paragraph_edit(
    paragraph: Paragraph, *, text: str, expected_revision: int, by: Actor
) -> Paragraph:
    """Replace the text of ``paragraph`` of a draft version, if no one changed it since the
    editor read it at ``expected_revision``.

    The write is a conditional update (``WHERE pk = … AND revision = expected_revision``), so of
    two concurrent edits from the same revision exactly one wins; the other raises
    ``EditConflict`` carrying the current text. A text equal to the current one changes nothing.

    Side effects: the paragraph's text, and its revision raised by one. Logs
    ``documents.paragraph.edited`` with the text and revision before and after.
    """
    language = LanguageVersion.objects.get(pk=paragraph.language_version_id)
    version = _locked_version(language.version_id)
    document = OutcomeDocument.objects.get(pk=version.document_id)
    _check_draft(version)
    _check_document_open(document)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("A paragraph cannot be empty.")})
    current = Paragraph.objects.select_for_update().get(pk=paragraph.pk)
    if current.revision != expected_revision:
        raise EditConflict(
            paragraph=current,
            current_text=current.text,
            current_revision=current.revision,
            attempted_text=text,
        )
    if current.text == text:
        return current
    updated = Paragraph.objects.filter(pk=current.pk, revision=expected_revision).update(
        text=text, revision=F("revision") + 1
    )
    if updated != 1:
        current.refresh_from_db()
        raise EditConflict(
            paragraph=current,
            current_text=current.text,
            current_revision=current.revision,
            attempted_text=text,
        )
    before = current.text
    current.refresh_from_db()
    log_action(
        document,
        "documents.paragraph.edited",
        by=by,
        data={
            "version": version.number,
            "language": language.language,
            "number": current.number,
            "text": _changed(before, current.text),
            "revision": _changed(expected_revision, current.revision),
        },
    )
    return current


@transaction.atomic
def paragraph_add(language_version: LanguageVersion, *, text: str, by: Actor) -> Paragraph:
    """Append a paragraph to one language of a draft version, numbered after the last one.

    The languages are out of alignment until the same is done in the others; circulation
    refuses a version whose languages are not aligned.

    Side effects: creates the paragraph. Logs ``documents.paragraph.added``.
    """
    version = _locked_version(language_version.version_id)
    document = OutcomeDocument.objects.get(pk=version.document_id)
    _check_draft(version)
    _check_document_open(document)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("A paragraph cannot be empty.")})
    last = Paragraph.objects.filter(language_version=language_version).aggregate(
        last=Max("number")
    )["last"]
    paragraph = Paragraph.objects.create(
        language_version=language_version, number=(last or 0) + 1, text=text
    )
    log_action(
        document,
        "documents.paragraph.added",
        by=by,
        data={
            "version": version.number,
            "language": language_version.language,
            "number": paragraph.number,
            "text": text,
        },
    )
    return paragraph


@transaction.atomic
def version_circulate(
    version: DocumentVersion,
    *,
    by: Actor,
    comments_due: dt.datetime,
    now: dt.datetime | None = None,
) -> DocumentVersion:
    """Circulate a draft version to the delegations for comment until ``comments_due``.

    ``comments_due`` must carry its time zone and lie in the future; the version must have text,
    with every language holding the same number of paragraphs.

    Side effects: the version becomes circulated (with the time of circulation and the deadline
    for comments); a draft document goes under negotiation. Logs ``documents.version.circulated``;
    e-mails the focal points.
    """
    now = _now(now)
    document = _locked_document(version.document_id)
    version = _locked_version(version)
    _check_document_open(document)
    if version.status == VersionStatus.CIRCULATED:
        raise WorkflowError(
            _("Version %(number)s has already been circulated.") % {"number": version.number}
        )
    _check_draft(version)
    _aware_future(comments_due, now=now, field="comments_due")
    counts = _paragraph_counts(version)
    if not any(counts.values()):
        raise WorkflowError(
            _("Version %(number)s has no text to circulate.") % {"number": version.number}
        )
    if len(set(counts.values())) > 1:
        listed = ", ".join(f"{code} {count}" for code, count in counts.items())
        raise WorkflowError(
            _(
                "The languages of version %(number)s are not aligned (%(counts)s paragraphs); "
                "align them before circulating."
            )
            % {"number": version.number, "counts": listed}
        )
    version.status = VersionStatus.CIRCULATED
    version.circulated_at = now
    version.comments_due = comments_due
    version.save(update_fields=["status", "circulated_at", "comments_due", "updated_at"])
    document_status = _move_document(document, DocumentStatus.UNDER_NEGOTIATION)
    log_action(
        document,
        "documents.version.circulated",
        by=by,
        data={
            "version": version.number,
            "status": _changed(VersionStatus.DRAFT.value, version.status),
            "comments_due": comments_due,
            "document_status": document_status,
        },
    )
    notifications.notify_circulated(version)
    return version


@transaction.atomic
def version_next(
    document: OutcomeDocument, *, by: Actor, accepted_comments: Iterable[Comment] = ()
) -> DocumentVersion:
    """Start the next draft version as a copy of the latest one, taking in accepted amendments.

    Every language and paragraph is copied; the ``proposed_text`` of each comment in
    ``accepted_comments`` (comments on the latest version, at most one per paragraph) replaces
    its paragraph's text in that language.

    Side effects: creates the version (status draft) with its language versions and paragraphs;
    the latest version is superseded; each accepted comment records the version that took it
    in (``Comment.accepted_in``). The document's status is left as it is. Logs
    ``documents.version.created``; e-mails the focal points.
    """
    document = _locked_document(document)
    _check_document_open(document)
    _check_no_silence(document)
    latest = _latest_version(document)
    if latest is None:
        raise WorkflowError(_("This document has no version yet; start the first one."))
    pks = [comment.pk for comment in accepted_comments]
    comments = list(
        Comment.objects.select_for_update(of=("self",))
        .filter(pk__in=pks)
        .select_related("state", "paragraph__language_version__version")
        .order_by("pk")
    )
    replacements: dict[int, str] = {}
    for comment in comments:
        paragraph = comment.paragraph
        where = f"¶{paragraph.number} [{paragraph.language_version.language}]"
        if paragraph.language_version.version_id != latest.pk:
            raise ValidationError(
                {
                    "accepted_comments": _(
                        "The comment of %(state)s on %(where)s is on version %(version)s, not on "
                        "the latest version %(latest)s."
                    )
                    % {
                        "state": _state_name(comment.state),
                        "where": where,
                        "version": paragraph.language_version.version.number,
                        "latest": latest.number,
                    }
                }
            )
        if not comment.proposed_text:
            raise ValidationError(
                {
                    "accepted_comments": _(
                        "The comment of %(state)s on %(where)s proposes no text."
                    )
                    % {"state": _state_name(comment.state), "where": where}
                }
            )
        if paragraph.pk in replacements:
            raise ValidationError(
                {
                    "accepted_comments": _("Two accepted amendments replace %(where)s; accept one.")
                    % {"where": where}
                }
            )
        replacements[paragraph.pk] = comment.proposed_text
    version = DocumentVersion.objects.create(document=document, number=latest.number + 1)
    _copy_text(latest, version, replacements)
    superseded = None
    if latest.status in (VersionStatus.DRAFT, VersionStatus.CIRCULATED):
        latest.status = VersionStatus.SUPERSEDED
        latest.save(update_fields=["status", "updated_at"])
        superseded = latest.number
    Comment.objects.filter(pk__in=[comment.pk for comment in comments]).update(accepted_in=version)
    counts = _paragraph_counts(version)
    log_action(
        document,
        "documents.version.created",
        by=by,
        data={
            "version": version.number,
            "based_on": latest.number,
            "superseded": superseded,
            "languages": [code for code in document.forum.languages if code in counts],
            "paragraphs": max(counts.values(), default=0),
            "accepted_comments": [comment.pk for comment in comments],
        },
    )
    notifications.notify_new_version(version)
    return version


# Comments and positions ---------------------------------------------------------------------


@transaction.atomic
def comment_add(
    paragraph: Paragraph,
    *,
    state: State,
    by: Actor,
    text: str = "",
    proposed_text: str = "",
    now: dt.datetime | None = None,
) -> Comment:
    """A member state's comment on a paragraph of a circulated version, with the amendment it
    proposes, if any. Taken until the deadline for comments, and not under silence.

    Side effects: creates the comment. Logs ``documents.comment.added``.
    """
    now = _now(now)
    language = LanguageVersion.objects.get(pk=paragraph.language_version_id)
    version = _locked_version(language.version_id)
    document = OutcomeDocument.objects.select_related("forum").get(pk=version.document_id)
    _check_document_open(document)
    if version.status == VersionStatus.DRAFT:
        raise WorkflowError(
            _("Version %(number)s has not been circulated for comment yet.")
            % {"number": version.number}
        )
    if version.status != VersionStatus.CIRCULATED:
        raise WorkflowError(
            _("Version %(number)s has been %(status)s; it takes no more comments.")
            % {"number": version.number, "status": _version_status(version)}
        )
    if version.comments_due is not None and now >= version.comments_due:
        raise WorkflowError(
            _("Comments on version %(number)s were due by %(deadline)s.")
            % {"number": version.number, "deadline": _when(version.comments_due)}
        )
    if SilenceProcedure.objects.filter(version=version, outcome=SilenceOutcome.OPEN).exists():
        raise WorkflowError(
            _(
                "A silence procedure is open on this version; a delegation that objects to the "
                "text breaks silence."
            )
        )
    _check_member(document.forum, state, on=now.date())
    text, proposed_text = text.strip(), proposed_text.strip()
    current = Paragraph.objects.get(pk=paragraph.pk)
    if proposed_text and proposed_text == current.text:
        raise ValidationError(
            {"proposed_text": _("The proposed text is the paragraph's own text.")}
        )
    comment = Comment(
        paragraph=current,
        state=state,
        text=text,
        proposed_text=proposed_text,
        author=_actor(by),
    )
    comment.full_clean()
    comment.save()
    log_action(
        document,
        "documents.comment.added",
        by=by,
        data={
            "comment": comment.pk,
            "version": version.number,
            "language": language.language,
            "number": current.number,
            "state": state,
            "text": text,
            "proposed_text": proposed_text,
        },
    )
    return comment


_RANGE = re.compile(r"^(\d+)\s*[-–]\s*(\d+)$")


def _paragraph_numbers(value: str, *, existing: set[int], version_number: int) -> list[int]:
    """``"3, 5–7"`` → ``[3, 5, 6, 7]``, each number checked against the ``existing`` ones (for a
    range, its two ends: paragraphs are numbered without gaps)."""
    numbers: set[int] = set()
    missing: list[int] = []
    for part in re.split(r"[,;]", value):
        part = part.strip()
        if not part:
            continue
        if part.isdigit():
            first = last = int(part)
        elif match := _RANGE.match(part):
            first, last = int(match[1]), int(match[2])
            if first > last:
                raise ValidationError(
                    {"paragraphs": _("The range %(range)s runs backwards.") % {"range": part}}
                )
        else:
            raise ValidationError(
                {
                    "paragraphs": _("Give paragraph numbers such as “3, 5–7”, not “%(part)s”.")
                    % {"part": part}
                }
            )
        absent = [end for end in dict.fromkeys((first, last)) if end not in existing]
        if absent:
            missing += absent
            continue
        numbers.update(number for number in range(first, last + 1) if number in existing)
    if missing:
        absent = sorted(set(missing))
        raise ValidationError(
            {
                "paragraphs": ngettext(
                    "Version %(version)s has no paragraph %(numbers)s.",
                    "Version %(version)s has no paragraphs %(numbers)s.",
                    len(absent),
                )
                % {"version": version_number, "numbers": ", ".join(map(str, absent))}
            }
        )
    return sorted(numbers)


def _compact(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` → ``"1–3, 5"``."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


@transaction.atomic
def position_record(
    version: DocumentVersion,
    *,
    state: State,
    kind: str,
    by: Actor,
    paragraphs: str = "",
    note: str = "",
) -> Position:
    """Record a member state's position on a circulated version (also under silence): agreed,
    agreed ad referendum, a reservation on some paragraphs, or an objection.

    One position per state and version: recording again replaces it. ``paragraphs`` takes
    numbers and ranges (``"3, 5–7"``), which must exist in the version; a reservation needs them.
    They are kept in a tidy form (``"2, 1-3"`` becomes ``"1–3"``).

    Side effects: creates or updates the position. Logs ``documents.position.recorded`` for a
    new one, ``documents.position.updated`` with before and after for a change; nothing when
    nothing changed.
    """
    version = _locked_version(version)
    document = OutcomeDocument.objects.select_related("forum").get(pk=version.document_id)
    _check_document_open(document)
    if version.status == VersionStatus.DRAFT:
        raise WorkflowError(
            _("Version %(number)s has not been circulated yet.") % {"number": version.number}
        )
    if version.status != VersionStatus.CIRCULATED:
        raise WorkflowError(
            _("Version %(number)s has been %(status)s; positions on it are closed.")
            % {"number": version.number, "status": _version_status(version)}
        )
    if kind not in PositionKind.values:
        raise ValidationError({"kind": _("Unknown position “%(kind)s”.") % {"kind": kind}})
    _check_member(document.forum, state, on=timezone.now().date())
    existing = set(
        Paragraph.objects.filter(language_version__version=version).values_list("number", flat=True)
    )
    numbers = _paragraph_numbers(paragraphs, existing=existing, version_number=version.number)
    if kind == PositionKind.RESERVATION and not numbers:
        raise ValidationError(
            {"paragraphs": _("A reservation names the paragraphs it applies to.")}
        )
    values = {
        "kind": kind,
        "paragraphs": _compact(numbers),
        "note": note.strip(),
    }
    position = (
        Position.objects.select_for_update()
        .filter(version=version, state=state)
        .order_by("pk")
        .first()
    )
    if position is None:
        position = Position(version=version, state=state, recorded_by=_actor(by), **values)
        position.full_clean()
        position.save()
        log_action(
            document,
            "documents.position.recorded",
            by=by,
            data={"version": version.number, "state": state, **values},
        )
        return position
    changes = {
        key: _changed(getattr(position, key), value)
        for key, value in values.items()
        if getattr(position, key) != value
    }
    if not changes:
        return position
    for key, value in values.items():
        setattr(position, key, value)
    position.recorded_by = _actor(by)
    position.full_clean()
    position.save()
    log_action(
        document,
        "documents.position.updated",
        by=by,
        data={"version": version.number, "state": state, **changes},
    )
    return position


# Silence procedure --------------------------------------------------------------------------


def silence_outcome(procedure: SilenceProcedure, *, now: dt.datetime | None = None) -> str:
    """What the silence procedure has come to at ``now``, without writing anything.

    ``"broken"`` if a delegation broke silence; ``"adopted"`` once the deadline is reached
    unbroken (whether or not ``silences_settle`` has run); ``"open"`` before it.
    """
    if procedure.outcome != SilenceOutcome.OPEN:
        return SilenceOutcome(procedure.outcome).value
    if _now(now) >= procedure.deadline:
        return SilenceOutcome.ADOPTED.value
    return SilenceOutcome.OPEN.value


@transaction.atomic
def silence_open(
    version: DocumentVersion, *, deadline: dt.datetime, by: Actor, now: dt.datetime | None = None
) -> SilenceProcedure:
    """Open a silence procedure on a circulated version: it is adopted unless a member state
    breaks silence in writing before ``deadline`` (aware, in the future).

    Side effects: creates the procedure; the document goes under silence. Logs
    ``documents.silence.opened``; e-mails the focal points.
    """
    now = _now(now)
    document = _locked_document(version.document_id)
    version = _locked_version(version)
    _check_document_open(document)
    if version.status == VersionStatus.DRAFT:
        raise WorkflowError(
            _("Silence is opened on a circulated version; version %(number)s is a draft.")
            % {"number": version.number}
        )
    if version.status != VersionStatus.CIRCULATED:
        raise WorkflowError(
            _("Silence is opened on a circulated version; version %(number)s is %(status)s.")
            % {"number": version.number, "status": _version_status(version)}
        )
    _check_no_silence(document)
    _aware_future(deadline, now=now, field="deadline")
    procedure = SilenceProcedure(version=version, deadline=deadline)
    procedure.full_clean()
    procedure.save()
    document_status = _move_document(document, DocumentStatus.UNDER_SILENCE)
    log_action(
        document,
        "documents.silence.opened",
        by=by,
        data={
            "version": version.number,
            "deadline": deadline,
            "document_status": document_status,
        },
    )
    notifications.notify_silence_opened(procedure)
    return procedure


@transaction.atomic
def silence_break(
    procedure: SilenceProcedure,
    *,
    state: State,
    reason: str,
    by: Actor,
    now: dt.datetime | None = None,
) -> SilenceProcedure:
    """A member state breaks silence in writing, before the deadline.

    Side effects: the procedure ends as broken (by whom, when, why); the document goes back
    under negotiation. Logs ``documents.silence.broken``; e-mails the focal points.
    """
    now = _now(now)
    version = DocumentVersion.objects.get(pk=procedure.version_id)
    document = _locked_document(version.document_id)
    procedure = SilenceProcedure.objects.select_for_update().get(pk=procedure.pk)
    if procedure.outcome == SilenceOutcome.BROKEN:
        raise WorkflowError(
            _("Silence was already broken by %(state)s at %(moment)s.")
            % {"state": _state_name(procedure.broken_by), "moment": _when(procedure.broken_at)}
        )
    if procedure.outcome == SilenceOutcome.ADOPTED or now >= procedure.deadline:
        raise WorkflowError(
            _("The deadline passed at %(deadline)s; silence can no longer be broken.")
            % {"deadline": _when(procedure.deadline)}
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for breaking silence in writing.")})
    _check_member(document.forum, state, on=now.date())
    procedure.outcome = SilenceOutcome.BROKEN
    procedure.broken_by = state
    procedure.broken_at = now
    procedure.break_reason = reason
    procedure.full_clean()
    procedure.save()
    document_status = _move_document(document, DocumentStatus.UNDER_NEGOTIATION)
    log_action(
        document,
        "documents.silence.broken",
        by=by,
        data={
            "version": version.number,
            "state": state,
            "reason": reason,
            "at": now,
            "outcome": _changed(SilenceOutcome.OPEN.value, procedure.outcome),
            "document_status": document_status,
        },
    )
    notifications.notify_silence_broken(procedure)
    return procedure


@transaction.atomic
def _silence_settle(pk: int, *, now: dt.datetime, by: Actor) -> SilenceProcedure | None:
    unlocked = SilenceProcedure.objects.select_related("version").get(pk=pk)
    document = _locked_document(unlocked.version.document_id)
    procedure = SilenceProcedure.objects.select_for_update().get(pk=pk)
    if procedure.outcome != SilenceOutcome.OPEN or procedure.deadline > now:
        return None
    version = _locked_version(procedure.version_id)
    latest = _latest_version(document)
    if latest is None or latest.pk != version.pk:
        raise WorkflowError(
            _(
                "Silence was kept on version %(number)s of “%(document)s”, which is no longer its "
                "latest version."
            )
            % {"number": version.number, "document": document}
        )
    procedure.outcome = SilenceOutcome.ADOPTED
    procedure.save(update_fields=["outcome", "updated_at"])
    log_action(
        document,
        "documents.silence.settled",
        by=by,
        data={
            "version": version.number,
            "deadline": procedure.deadline,
            "outcome": _changed(SilenceOutcome.OPEN.value, procedure.outcome),
        },
    )
    document = document_adopt(
        document,
        on=procedure.deadline.astimezone(dt.UTC).date(),
        method=AdoptionMethod.SILENCE,
        by=by,
    )
    notifications.notify_adopted(document)
    return procedure


def silences_settle(*, now: dt.datetime | None = None, by: Actor = None) -> list[SilenceProcedure]:
    """Record the outcome of every open silence procedure whose deadline has passed unbroken.

    Each is settled in its own transaction: the procedure's outcome becomes adopted and its
    document is adopted by silence, on the deadline's date in UTC. Running it again settles
    nothing more, so a cron job may call it as often as it likes. A procedure that cannot be
    settled (its version is no longer the document's latest) is logged as an error and left
    open for the secretariat; the others are settled all the same.

    Side effects per procedure: the outcome; the document adopted (its version adopted, earlier
    ones superseded). Logs ``documents.silence.settled`` and ``documents.document.adopted``;
    e-mails the focal points. Returns the procedures settled by this call.
    """
    now = _now(now)
    due = (
        SilenceProcedure.objects.filter(outcome=SilenceOutcome.OPEN, deadline__lte=now)
        .order_by("deadline", "pk")
        .values_list("pk", flat=True)
    )
    settled = []
    for pk in list(due):
        try:
            procedure = _silence_settle(pk, now=now, by=by)
        except ValidationError as error:
            # One procedure that cannot be settled must not hold back the others.
            logger.error("Silence procedure %s cannot be settled: %s", pk, " ".join(error.messages))
            continue
        if procedure is not None:
            settled.append(procedure)
    return settled


# Adoption -----------------------------------------------------------------------------------


@transaction.atomic
def document_adopt_at_meeting(
    document: OutcomeDocument,
    *,
    meeting: Meeting,
    on: dt.date,
    by: Actor,
    consenting_states: Iterable[State],
    now: dt.datetime | None = None,
) -> OutcomeDocument:
    """Adoption of the latest version by the heads of delegation at ``meeting``.

    Side effects: one ``AdoptionConsent`` per consenting state (linked to its delegation at the
    meeting when there is one); the latest version adopted and earlier ones superseded; the
    document adopted on ``on`` at the meeting. Logs ``documents.document.adopted`` with the
    consenting states; e-mails the focal points. Refuses a document without a version, one
    already adopted or withdrawn, one under an open silence procedure, a meeting of another forum
    and states that are not members.
    """
    document = _locked_document(document)
    if document.status == DocumentStatus.ADOPTED:
        raise WorkflowError(_("This document has already been adopted."))
    _check_document_open(document)
    procedure = _open_silence(document)
    if procedure is not None:
        if silence_outcome(procedure, now=now) == SilenceOutcome.ADOPTED:
            raise WorkflowError(
                _("This document was adopted by silence when its deadline passed at %(deadline)s.")
                % {"deadline": _when(procedure.deadline)}
            )
        raise WorkflowError(
            _(
                "A silence procedure is open on this document until %(deadline)s; it must be "
                "broken before the text is adopted at a meeting."
            )
            % {"deadline": _when(procedure.deadline)}
        )
    latest = _latest_version(document)
    if latest is None:
        raise WorkflowError(_("This document has no version to adopt."))
    forum = document.forum
    if meeting.edition.forum_id != forum.pk:
        raise ValidationError({"meeting": _("That meeting belongs to another forum.")})
    states = list({state.pk: state for state in consenting_states}.values())
    if not states:
        raise ValidationError(
            {"consenting_states": _("Name the states whose heads of delegation adopted the text.")}
        )
    outsiders = []
    for state in states:
        try:
            _check_member(forum, state, on=on)
        except ValidationError:
            outsiders.append(_state_name(state))
    if outsiders:
        raise ValidationError(
            {
                "consenting_states": _("Not members of %(forum)s: %(states)s.")
                % {"forum": _forum_name(forum), "states": ", ".join(outsiders)}
            }
        )
    states.sort(key=lambda state: state.name)
    document = document_adopt(
        document,
        on=on,
        method=AdoptionMethod.AT_MEETING,
        at_meeting=meeting,
        by=by,
        details={"consenting_states": [state.name for state in states]},
    )
    delegations = {
        delegation.state_id: delegation
        for delegation in Delegation.objects.filter(meeting=meeting, state__in=states)
    }
    AdoptionConsent.objects.bulk_create(
        AdoptionConsent(
            document=document,
            version=latest,
            state=state,
            delegation=delegations.get(state.pk),
        )
        for state in states
    )
    notifications.notify_adopted(document)
    return document


# Notes of a delegation ----------------------------------------------------------------------


@transaction.atomic
def note_add(document: OutcomeDocument, *, state: State, text: str, by: Actor) -> DelegationNote:
    """A delegation's internal note on ``document``, for its own state's eyes only.

    Side effects: creates the note. Logs ``documents.note.added`` on the note itself (not on the
    document, whose history other states may read).
    """
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    _check_member(document.forum, state, on=timezone.now().date())
    note = DelegationNote(document=document, state=state, text=text, author=_actor(by))
    note.full_clean()
    note.save()
    log_action(
        note,
        "documents.note.added",
        by=by,
        data={"document": document, "state": state, "text": text},
    )
    return note


# Comparing texts ----------------------------------------------------------------------------

# Words, single punctuation marks and runs of white space: joined back they give the text.
_TOKEN = re.compile(r"\w+|[^\w\s]|\s+")


def _tidy(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Read like an editor's markup: the space between two changed words belongs to the change,
    and within a run of changes all that is deleted comes before all that is inserted."""
    spread: list[tuple[str, str]] = []
    for index, (op, text) in enumerate(ops):
        between_changes = (
            0 < index < len(ops) - 1
            and ops[index - 1][0] != "equal"
            and ops[index + 1][0] != "equal"
        )
        if op == "equal" and text.isspace() and between_changes:
            spread += [("delete", text), ("insert", text)]
        else:
            spread.append((op, text))
    result: list[tuple[str, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def close_run() -> None:
        if deleted:
            result.append(("delete", "".join(deleted)))
        if inserted:
            result.append(("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, text in spread:
        if op == "delete":
            deleted.append(text)
        elif op == "insert":
            inserted.append(text)
        else:
            close_run()
            if result and result[-1][0] == "equal":
                result[-1] = ("equal", result[-1][1] + text)
            else:
                result.append(("equal", text))
    close_run()
    return result


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The word-level difference between two texts, as ``(op, text)`` with op ``"equal"``,
    ``"delete"`` or ``"insert"``: the equal and deleted parts give ``old``, the equal and
    inserted parts ``new``."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("insert", "".join(b[j1:j2])))
    return _tidy(ops)


@dataclass(frozen=True)
class ParagraphDiff:
    """One paragraph number of two versions in one language. A paragraph present in one version
    only has ``None`` for the other text."""

    number: int
    old_text: str | None
    new_text: str | None
    ops: list[tuple[str, str]]

    @property
    def change(self) -> str:
        """``"added"``, ``"removed"``, ``"changed"`` or ``"unchanged"``."""
        if self.old_text is None:
            return "added"
        if self.new_text is None:
            return "removed"
        return "unchanged" if self.old_text == self.new_text else "changed"


def _texts(version: DocumentVersion, language: str) -> dict[int, str]:
    return dict(
        Paragraph.objects.filter(
            language_version__version=version, language_version__language=language
        ).values_list("number", "text")
    )


def document_compare(
    old_version: DocumentVersion, new_version: DocumentVersion, *, language: str
) -> list[ParagraphDiff]:
    """Paragraph by paragraph, what changed in ``language`` from ``old_version`` to
    ``new_version`` (of the same document), with paragraphs added or removed. Writes nothing;
    two queries."""
    if old_version.document_id != new_version.document_id:
        raise ValidationError(_("Compare two versions of the same document."))
    old, new = _texts(old_version, language), _texts(new_version, language)
    diffs = []
    for number in sorted(old.keys() | new.keys()):
        before, after = old.get(number), new.get(number)
        if after is None:
            ops = [("delete", before)]
        elif before is None:
            ops = [("insert", after)]
        else:
            ops = word_diff(before, after)
        diffs.append(ParagraphDiff(number=number, old_text=before, new_text=after, ops=ops))
    return diffs


def amendment_diff(comment: Comment) -> list[tuple[str, str]]:
    """The amendment a comment proposes, as a word-level difference from its paragraph's text;
    empty for a comment that proposes no text."""
    if not comment.proposed_text:
        return []
    return word_diff(comment.paragraph.text, comment.proposed_text)
