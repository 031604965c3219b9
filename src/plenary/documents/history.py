"""The record of an outcome document as a reader follows it.

Every step of the drafting workflow and every back-office change is in the audit log as a dotted
action (``documents.version.circulated``) with its data. ``document_history`` gathers the entries
about a document and everything under it (versions, language versions, paragraphs, comments,
positions, silence procedures, adoption consents) in a fixed number of queries, and ``SENTENCES``
turns each action into a sentence, in this one place.

A delegation's internal notes are never part of it: they are logged on the note
(``documents.note.*``), and the history of a document is read by every member state and, once it
is adopted, by the public.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from plenary.common.enums import Language
from plenary.common.models import AuditEntry
from plenary.documents.drafting import word_diff
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
    DocumentVersion,
    LanguageVersion,
    OutcomeDocument,
    Paragraph,
    Position,
    SilenceProcedure,
)

#: Actions never shown in a document's history, whatever they are logged on.
PRIVATE_PREFIXES = ("documents.note.",)


@dataclass(frozen=True)
class Change:
    """One field changed by a step: its label, the values before and after, and for texts the
    word-level difference (``ops``) to show insertions and deletions."""

    label: str
    before: str
    after: str
    ops: list[tuple[str, str]] | None = None


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    actor: str
    action: str
    sentence: str
    quotes: list[tuple[str, str]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


# Reading the logged values ---------------------------------------------------------------------


def _name(value: Any) -> str:
    """A logged value as text: rows were logged as ``{"pk", "str"}``."""
    if isinstance(value, dict) and "str" in value:
        return str(value["str"])
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return ", ".join(_name(item) for item in value) or "—"
    return str(value)


def _moment(value: Any) -> str:
    """A logged date and time (ISO text) in UTC, minutes only."""
    if not isinstance(value, str):
        return _name(value)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        return value
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _language(code: Any) -> str:
    try:
        return Language(code).label
    except ValueError:
        return str(code)


def _label(choices: type, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return _name(value)


#: How the values of a changed field read, by the field's name in the logged data.
VALUE_LABELS: dict[str, Callable[[Any], str]] = {
    "status": lambda value: _label(VersionStatus, value),
    "document_status": lambda value: _label(DocumentStatus, value),
    "outcome": lambda value: _label(SilenceOutcome, value),
    "kind": lambda value: _label(PositionKind, value),
    "adoption_method": lambda value: _label(AdoptionMethod, value),
    "language": _language,
    "comments_due": _moment,
    "deadline": _moment,
    "circulated_at": _moment,
    "broken_at": _moment,
}

FIELD_LABELS = {
    "document_status": "status of the document",
    "status": "status",
    "comments_due": "comments due",
    "kind": "position",
    "paragraphs": "paragraphs",
    "proposed_text": "proposed text",
    "break_reason": "reason",
    "pen_holder_state": "pen holder",
    "adopted_on": "adopted on",
    "adopted_at": "adopted at",
}

TEXT_FIELDS = frozenset({"text", "proposed_text", "title", "note", "summary", "break_reason"})


def _changes(data: Mapping[str, Any]) -> list[Change]:
    """Each ``{"before": …, "after": …}`` in ``data`` as a readable change."""
    changes = []
    for key, value in data.items():
        if not (isinstance(value, dict) and set(value) == {"before", "after"}):
            continue
        if value["before"] == value["after"]:
            continue
        show = VALUE_LABELS.get(key, _name)
        before, after = value["before"], value["after"]
        ops = None
        if key in TEXT_FIELDS and isinstance(before, str) and isinstance(after, str):
            ops = word_diff(before, after)
        changes.append(
            Change(
                label=FIELD_LABELS.get(key, key.replace("_", " ")),
                before=show(before),
                after=show(after),
                ops=ops,
            )
        )
    return changes


def _paragraph(data: Mapping[str, Any]) -> str:
    return (
        f"paragraph {data.get('number', '?')} ({_language(data.get('language', ''))}) of "
        f"version {data.get('version', '?')}"
    )


# Sentences --------------------------------------------------------------------------------------
# Each takes the entry's data and returns the sentence and the texts to quote beside it.

Sentence = Callable[[Mapping[str, Any]], tuple[str, list[tuple[str, str]]]]


def _version_created(data):
    number, based_on = data.get("version"), data.get("based_on")
    languages = ", ".join(_language(code) for code in data.get("languages") or [])
    if based_on is None:
        sentence = f"Started version {number} with a new text"
    else:
        accepted = len(data.get("accepted_comments") or [])
        sentence = f"Made version {number} from version {based_on}"
        if accepted:
            sentence += f", taking in {accepted} accepted amendment{'s' if accepted > 1 else ''}"
    sentence += f" ({data.get('paragraphs', 0)} paragraphs"
    sentence += f" in {languages})" if languages else ")"
    if data.get("superseded"):
        sentence += f"; version {data['superseded']} is superseded"
    return sentence + ".", []


def _document_adopted(data):
    sentence = f"Adopted version {_name(data.get('version'))}"
    if data.get("on"):
        sentence += f" on {_name(data['on'])}"
    if isinstance(data.get("at_meeting"), dict):
        sentence += f" at the {_name(data['at_meeting'])}"
    if data.get("method") == AdoptionMethod.AT_MEETING:
        sentence += ", by the heads of delegation"
    else:
        sentence += f", {_label(AdoptionMethod, data.get('method'))}"
    states = data.get("consenting_states")
    if states:
        sentence += f"; with the consent of {_name(states)}"
    return sentence + ".", []


def _comment_added(data):
    proposes = bool(data.get("proposed_text"))
    sentence = (
        f"{_name(data.get('state'))} {'proposed an amendment to' if proposes else 'commented on'} "
        f"{_paragraph(data)}."
    )
    quotes = []
    if data.get("text"):
        quotes.append(("comment", data["text"]))
    if proposes:
        quotes.append(("proposed text", data["proposed_text"]))
    return sentence, quotes


def _position_recorded(data):
    sentence = (
        f"{_name(data.get('state'))} recorded its position on version {data.get('version')}: "
        f"{_label(PositionKind, data.get('kind'))}"
    )
    if data.get("paragraphs"):
        sentence += f" (paragraphs {data['paragraphs']})"
    quotes = [("note", data["note"])] if data.get("note") else []
    return sentence + ".", quotes


def _silence_broken(data):
    return (
        f"{_name(data.get('state'))} broke silence on version {data.get('version')} "
        f"at {_moment(data.get('at'))}.",
        [("reason", data.get("reason", ""))],
    )


SENTENCES: dict[str, Sentence] = {
    "documents.document.created": lambda d: (
        f"Recorded the document “{_name(d.get('title'))}”.",
        [],
    ),
    "documents.document.updated": lambda d: ("Changed the particulars of the document.", []),
    "documents.document.adopted": _document_adopted,
    "documents.version.created": _version_created,
    "documents.version.circulated": lambda d: (
        f"Circulated version {d.get('version')} to the delegations; comments are due by "
        f"{_moment(d.get('comments_due'))}.",
        [],
    ),
    "documents.paragraph.edited": lambda d: (f"Edited {_paragraph(d)}.", []),
    "documents.paragraph.added": lambda d: (
        f"Added {_paragraph(d)}.",
        [("text", d.get("text", ""))],
    ),
    "documents.comment.added": _comment_added,
    "documents.position.recorded": _position_recorded,
    "documents.position.updated": lambda d: (
        f"{_name(d.get('state'))} changed its position on version {d.get('version')}.",
        [],
    ),
    "documents.silence.opened": lambda d: (
        f"Opened a silence procedure on version {d.get('version')}: adopted unless a delegation "
        f"breaks silence before {_moment(d.get('deadline'))}.",
        [],
    ),
    "documents.silence.broken": _silence_broken,
    "documents.silence.settled": lambda d: (
        f"The silence procedure on version {d.get('version')} ended unbroken at its deadline, "
        f"{_moment(d.get('deadline'))}.",
        [],
    ),
}

#: What the back office's own actions (``<app>.<model>.created`` …) on rows under a document say.
BACK_OFFICE_VERBS = {"created": "Entered", "updated": "Changed", "deleted": "Deleted"}


def describe(entry: AuditEntry) -> tuple[str, list[tuple[str, str]]]:
    """The sentence for ``entry`` and the texts it quotes."""
    data = entry.data or {}
    if entry.action in SENTENCES:
        return SENTENCES[entry.action](data)
    verb = entry.action.rsplit(".", 1)[-1]
    what = entry.content_type.model_class()
    noun = what._meta.verbose_name if what is not None else entry.content_type.model
    if verb in BACK_OFFICE_VERBS:
        return f"{BACK_OFFICE_VERBS[verb]} a {noun} in the back office (#{entry.object_id}).", []
    return f"{entry.action.replace('_', ' ')} ({noun} #{entry.object_id}).", []


# The query --------------------------------------------------------------------------------------


def _subjects(document: OutcomeDocument, versions: list[int]) -> Q:
    """The audit entries about ``document`` and the rows under it (its ``versions`` given)."""
    pks = {
        OutcomeDocument: [document.pk],
        DocumentVersion: versions,
        LanguageVersion: LanguageVersion.objects.filter(version__in=versions),
        Paragraph: Paragraph.objects.filter(language_version__version__in=versions),
        Position: Position.objects.filter(version__in=versions),
        Comment: Comment.objects.filter(paragraph__language_version__version__in=versions),
        SilenceProcedure: SilenceProcedure.objects.filter(version__in=versions),
        AdoptionConsent: AdoptionConsent.objects.filter(document=document),
    }
    types = ContentType.objects.get_for_models(*pks)
    query = Q()
    for model, rows in pks.items():
        ids = rows if isinstance(rows, list) else rows.values("pk")
        query |= Q(content_type=types[model], object_id__in=ids)
    return query


def document_history(document: OutcomeDocument) -> list[HistoryEntry]:
    """Every logged step about ``document`` and the rows under it, oldest first, as sentences.
    Two queries (and the content types, once per process), whatever the length of the record."""
    numbers = dict(DocumentVersion.objects.filter(document=document).values_list("pk", "number"))
    private = Q()
    for prefix in PRIVATE_PREFIXES:
        private |= Q(action__startswith=prefix)
    entries = (
        AuditEntry.objects.filter(_subjects(document, list(numbers)))
        .exclude(private)
        .select_related("actor", "content_type")
        .order_by("at", "pk")
    )
    history = []
    for entry in entries:
        data = entry.data or {}
        version = data.get("version")
        if isinstance(version, dict) and version.get("pk") in numbers:
            # Versions are logged as rows by some steps and by number by others; read a number.
            entry.data = {**data, "version": numbers[version["pk"]]}
        sentence, quotes = describe(entry)
        actor = entry.actor
        history.append(
            HistoryEntry(
                at=entry.at,
                actor=(actor.get_full_name() or actor.get_username()) if actor else "",
                action=entry.action,
                sentence=sentence,
                quotes=[(label, text) for label, text in quotes if text],
                changes=_changes(entry.data or {}),
            )
        )
    return history
