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
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy

from plenary.common.enums import Language
from plenary.common.models import AuditEntry
from plenary.common.translations import localized
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
from plenary.forums import naming
from plenary.forums.models import State
from plenary.meetings.models import Meeting

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
    if isinstance(value, bool):
        return pgettext("logged value", "True") if value else pgettext("logged value", "False")
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
        return str(Language(code).label)
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
    "document_status": gettext_lazy("status of the document"),
    "status": gettext_lazy("status"),
    "comments_due": gettext_lazy("comments due"),
    "kind": pgettext_lazy("delegation's position", "position"),
    "paragraphs": gettext_lazy("paragraphs"),
    "proposed_text": gettext_lazy("proposed text"),
    "break_reason": gettext_lazy("reason"),
    "pen_holder_state": gettext_lazy("pen holder"),
    "adopted_on": gettext_lazy("adopted on"),
    "adopted_at": gettext_lazy("adopted at"),
}

TEXT_FIELDS = frozenset({"text", "proposed_text", "title", "note", "summary", "break_reason"})


def _field_label(key: str, model: type | None) -> str:
    """What a changed field is called: ``FIELD_LABELS``, else the field's own name on the model
    the entry is about (in the reader's language), else the logged name with spaces."""
    if key in FIELD_LABELS:
        return str(FIELD_LABELS[key])
    if model is not None:
        try:
            return str(model._meta.get_field(key).verbose_name)
        except FieldDoesNotExist:
            pass
    return key.replace("_", " ")


def _changes(data: Mapping[str, Any], model: type | None = None) -> list[Change]:
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
            Change(label=_field_label(key, model), before=show(before), after=show(after), ops=ops)
        )
    return changes


def _where(data: Mapping[str, Any]) -> dict[str, Any]:
    """The placeholders that name a paragraph: its number, language and version."""
    return {
        "number": data.get("number", "?"),
        "language": _language(data.get("language", "")),
        "version": data.get("version", "?"),
    }


# Sentences --------------------------------------------------------------------------------------
# Each takes the entry's data and returns the sentence and the texts to quote beside it, both in
# the reader's language (the quoted texts themselves are the record's).

Sentence = Callable[[Mapping[str, Any]], tuple[str, list[tuple[str, str]]]]


def _version_created(data):
    number, based_on = data.get("version"), data.get("based_on")
    languages = ", ".join(_language(code) for code in data.get("languages") or [])
    if based_on is None:
        step = _("Started version %(number)s with a new text") % {"number": number}
    else:
        accepted = len(data.get("accepted_comments") or [])
        values = {"number": number, "based_on": based_on, "count": accepted}
        if accepted:
            step = (
                ngettext(
                    "Made version %(number)s from version %(based_on)s, taking in %(count)s "
                    "accepted amendment",
                    "Made version %(number)s from version %(based_on)s, taking in %(count)s "
                    "accepted amendments",
                    accepted,
                )
                % values
            )
        else:
            step = _("Made version %(number)s from version %(based_on)s") % values
    count = data.get("paragraphs", 0)
    if languages:
        size = _("%(count)s paragraphs in %(languages)s") % {
            "count": count,
            "languages": languages,
        }
    else:
        size = _("%(count)s paragraphs") % {"count": count}
    if data.get("superseded"):
        sentence = _("%(step)s (%(size)s); version %(superseded)s is superseded.") % {
            "step": step,
            "size": size,
            "superseded": data["superseded"],
        }
    else:
        sentence = _("%(step)s (%(size)s).") % {"step": step, "size": size}
    return sentence, []


def _document_adopted(data):
    values = {
        "version": _name(data.get("version")),
        "date": _name(data.get("on")),
        "meeting": _name(data.get("at_meeting")),
        "method": _label(AdoptionMethod, data.get("method")),
    }
    dated = bool(data.get("on"))
    if data.get("method") == AdoptionMethod.AT_MEETING:
        if isinstance(data.get("at_meeting"), dict):
            if dated:
                adoption = _(
                    "Adopted version %(version)s on %(date)s at the %(meeting)s, by the heads of "
                    "delegation"
                )
            else:
                adoption = _(
                    "Adopted version %(version)s at the %(meeting)s, by the heads of delegation"
                )
        elif dated:
            adoption = _("Adopted version %(version)s on %(date)s, by the heads of delegation")
        else:
            adoption = _("Adopted version %(version)s, by the heads of delegation")
    elif isinstance(data.get("at_meeting"), dict):
        if dated:
            adoption = _("Adopted version %(version)s on %(date)s at the %(meeting)s, %(method)s")
        else:
            adoption = _("Adopted version %(version)s at the %(meeting)s, %(method)s")
    elif dated:
        adoption = _("Adopted version %(version)s on %(date)s, %(method)s")
    else:
        adoption = _("Adopted version %(version)s, %(method)s")
    adoption %= values
    states = data.get("consenting_states")
    if states:
        return _("%(adoption)s; with the consent of %(states)s.") % {
            "adoption": adoption,
            "states": _name(states),
        }, []
    return f"{adoption}.", []


def _comment_added(data):
    proposes = bool(data.get("proposed_text"))
    values = {"state": _name(data.get("state")), **_where(data)}
    if proposes:
        sentence = _(
            "%(state)s proposed an amendment to paragraph %(number)s (%(language)s) of version "
            "%(version)s."
        )
    else:
        sentence = _(
            "%(state)s commented on paragraph %(number)s (%(language)s) of version %(version)s."
        )
    quotes = []
    if data.get("text"):
        quotes.append((_("comment"), data["text"]))
    if proposes:
        quotes.append((_("proposed text"), data["proposed_text"]))
    return sentence % values, quotes


def _position_recorded(data):
    values = {
        "state": _name(data.get("state")),
        "version": data.get("version"),
        "position": _label(PositionKind, data.get("kind")),
        "paragraphs": data.get("paragraphs"),
    }
    if data.get("paragraphs"):
        sentence = _(
            "%(state)s recorded its position on version %(version)s: %(position)s (paragraphs "
            "%(paragraphs)s)."
        )
    else:
        sentence = _("%(state)s recorded its position on version %(version)s: %(position)s.")
    quotes = [(_("note"), data["note"])] if data.get("note") else []
    return sentence % values, quotes


def _silence_broken(data):
    return (
        _("%(state)s broke silence on version %(version)s at %(moment)s.")
        % {
            "state": _name(data.get("state")),
            "version": data.get("version"),
            "moment": _moment(data.get("at")),
        },
        [(_("reason"), data.get("reason", ""))],
    )


SENTENCES: dict[str, Sentence] = {
    "documents.document.created": lambda d: (
        _("Recorded the document “%(title)s”.") % {"title": _name(d.get("title"))},
        [],
    ),
    "documents.document.updated": lambda d: (_("Changed the particulars of the document."), []),
    "documents.document.adopted": _document_adopted,
    "documents.version.created": _version_created,
    "documents.version.circulated": lambda d: (
        _("Circulated version %(version)s to the delegations; comments are due by %(deadline)s.")
        % {"version": d.get("version"), "deadline": _moment(d.get("comments_due"))},
        [],
    ),
    "documents.paragraph.edited": lambda d: (
        _("Edited paragraph %(number)s (%(language)s) of version %(version)s.") % _where(d),
        [],
    ),
    "documents.paragraph.added": lambda d: (
        _("Added paragraph %(number)s (%(language)s) of version %(version)s.") % _where(d),
        [(_("text"), d.get("text", ""))],
    ),
    "documents.comment.added": _comment_added,
    "documents.position.recorded": _position_recorded,
    "documents.position.updated": lambda d: (
        _("%(state)s changed its position on version %(version)s.")
        % {"state": _name(d.get("state")), "version": d.get("version")},
        [],
    ),
    "documents.silence.opened": lambda d: (
        _(
            "Opened a silence procedure on version %(version)s: adopted unless a delegation "
            "breaks silence before %(deadline)s."
        )
        % {"version": d.get("version"), "deadline": _moment(d.get("deadline"))},
        [],
    ),
    "documents.silence.broken": _silence_broken,
    "documents.silence.settled": lambda d: (
        _(
            "The silence procedure on version %(version)s ended unbroken at its deadline, "
            "%(deadline)s."
        )
        % {"version": d.get("version"), "deadline": _moment(d.get("deadline"))},
        [],
    ),
}

#: What the back office's own actions (``<app>.<model>.created`` …) on rows under a document say.
BACK_OFFICE_SENTENCES = {
    "created": gettext_lazy("Entered a %(model)s in the back office (#%(id)s)."),
    "updated": gettext_lazy("Changed a %(model)s in the back office (#%(id)s)."),
    "deleted": gettext_lazy("Deleted a %(model)s in the back office (#%(id)s)."),
}


def describe(entry: AuditEntry) -> tuple[str, list[tuple[str, str]]]:
    """The sentence for ``entry`` and the texts it quotes."""
    data = entry.data or {}
    if entry.action in SENTENCES:
        return SENTENCES[entry.action](data)
    verb = entry.action.rsplit(".", 1)[-1]
    what = entry.content_type.model_class()
    noun = what._meta.verbose_name if what is not None else entry.content_type.model
    values = {"model": noun, "id": entry.object_id}
    if verb in BACK_OFFICE_SENTENCES:
        return str(BACK_OFFICE_SENTENCES[verb]) % values, []
    # An action with no sentence of its own is named by its key.
    return _("%(action)s (%(model)s #%(id)s).") % {
        "action": entry.action.replace("_", " "),
        **values,
    }, []


# Names in the reader's language -----------------------------------------------------------------


def _reader_names(entries: list[AuditEntry]) -> None:
    """Put the states and meetings that the entries name (logged by their English names) in the
    reader's language, in the entries' data. One query, and none in English."""
    language = translation.get_language() or "en"
    if language == "en":
        return
    pks, names = set(), set()
    for entry in entries:
        data = entry.data or {}
        if isinstance(data.get("state"), dict):
            pks.add(data["state"].get("pk"))
        names.update(name for name in data.get("consenting_states") or [] if isinstance(name, str))
    states = list(State.objects.filter(Q(pk__in=pks) | Q(name__in=names))) if pks or names else []
    by_pk = {state.pk: state for state in states}
    by_name = {state.name: state for state in states}
    for entry in entries:
        data = dict(entry.data or {})
        state = data.get("state")
        if isinstance(state, dict) and state.get("pk") in by_pk:
            data["state"] = {**state, "str": naming.state_name(by_pk[state["pk"]], language)}
        if data.get("consenting_states"):
            data["consenting_states"] = [
                naming.state_name(by_name[name], language) if name in by_name else name
                for name in data["consenting_states"]
            ]
        meeting = data.get("at_meeting")
        if isinstance(meeting, dict) and meeting.get("pk"):
            # A meeting is logged by its title; its translation is read from the cached map.
            shown = Meeting(pk=meeting["pk"], title=str(meeting.get("str", "")))
            data["at_meeting"] = {**meeting, "str": localized(shown, "title", language).text}
        entry.data = data


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
    entries = list(entries)
    _reader_names(entries)
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
                changes=_changes(entry.data or {}, entry.content_type.model_class()),
            )
        )
    return history
