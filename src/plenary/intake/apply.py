"""Write the accepted facts of a report in intake to the record of its forum.

``report_apply`` takes the facts the secretariat accepted (``IntakeFact.final_value``: the
reviewer's correction, else the proposal), checks them all, and writes them in one transaction
through the domain functions of the record, so every change is in the audit log with ``by``. The
report becomes a ``Source`` (a press release when a ministry, embassy or government publishes it,
else a news report) and every fact written cites it, with the characters of the report it was
read from as the locator. Pending and rejected facts are not written. Keys of the proposal that
are not facts of the record (``conflicts``) are warnings for the reviewer and are not written.

What each accepted key writes:

- ``edition_number``: the edition (forum, number), updated if it exists, created if not.
- ``start_date``, ``end_date``, ``city``, ``country`` (host state), ``format``, ``theme``: those
  fields of the edition, and only those.
- ``chairs``: the edition's co-chairs, one per state: the person if named, and the office of the
  rank given (an office already recorded at that rank is kept).
- ``participants``: a delegation per state at the edition's main meeting (its ministerial
  plenary, else its heads-of-delegation meeting, else a ministerial plenary created in the
  edition's city, on its day when it lasted one), with its head and the rank at which they led
  it. A head named without a rank is refused: the record needs the rank of every head.
- ``proposals``: a proposal in the statement of the state's delegation at the main meeting, as
  the demo records the 14th Forum's proposals (the statement is created when the delegation has
  none; a proposal of the same text is not added twice). A proposal the report gives without a
  state goes to a statement of its speaker, or of no one named, with no delegation.
- ``expert_session_fields``: one expert session of the edition per field of cooperation.
- ``expert_count``: the edition's count of experts (an ``ExpertParticipation`` row counting the
  experts as a whole, with no state, field, person or organization).
- ``preparatory_meetings``: a senior officials' or a working-level meeting of the edition, undated.
- ``outcome_documents``: outcome documents of the edition adopted at the main meeting, with no
  text, as the demo records the 14th Forum's Joint Statement.
- ``decisions``: decisions of the edition (kind, text, city, year); an edition decides on its
  next edition once, so a later report's wording updates that decision instead of adding one.

People are matched by their recorded name, any other form of it, or the same slug, and created
when none matches. Nothing is ever duplicated: each write finds the row by its natural key first,
so applying the same report again, or a second report of the same edition, adds only citations of
the new source.

Decisions:

- **A value that differs from the record is written and made a conflict.** The secretariat has
  accepted the fact, so the field is updated (the audit log keeps the value before). But the
  record's rule is that where sources disagree, each claim is cited and readers see the conflict
  until the secretariat settles it (``Citation``, ``common.queries.conflicts_among``). So when a
  field already held another value, the report is cited with a claim of the new value, and every
  source that supported the old value (a citation of that field, or of the whole row, with no
  claim) is cited with a claim of the old value. When the old value had no source, there is no
  one to disagree with and only the audit log keeps it. Two values the report itself gives for
  one field (a state listed twice with two ranks) are cited as two claims of the report, and the
  value the record already holds, if it is one of them, is kept.
- **States**: a country is any ISO 3166-1 alpha-2 code. A state not yet in the database is
  created through ``forums.domain.state_ensure``, as the demo does, which takes its names from the
  ISO and CLDR tables. Any other code (``EU`` included: the record has no row for the European
  Union) is refused, so the reviewer rejects or corrects that fact.
- **Experts**: the record keeps the number of experts in ``ExpertParticipation``; the count of a
  report is written to the edition's row that counts all its experts (created if missing).
- **Status**: a field no fact speaks of is never changed. A new edition, though, is created as
  held when the report, published on or after its last day, tells of it; meetings created for an
  edition take its status (held, or planned otherwise).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pycountry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.common.domain import cite, record, source_record
from plenary.common.enums import MeetingFormat
from plenary.common.models import Citation, Source
from plenary.common.translations import localized
from plenary.documents.domain import document_adopt, document_kind_ensure, document_record
from plenary.documents.enums import AdoptionMethod, DocumentStatus
from plenary.documents.models import DocumentKind, OutcomeDocument
from plenary.forums.domain import (
    co_chair_record,
    decision_record,
    edition_record,
    field_ensure,
    state_ensure,
)
from plenary.forums.enums import DecisionKind, EditionStatus
from plenary.forums.models import Edition, Field, Forum, State
from plenary.forums.naming import state_name
from plenary.intake.gazetteer import fold
from plenary.intake.models import FactDecision, IntakeReport, ReportStatus
from plenary.meetings.domain import (
    delegation_record,
    experts_record,
    meeting_record,
    proposal_record,
    statement_record,
)
from plenary.meetings.enums import MeetingKind, MeetingStatus
from plenary.meetings.models import ExpertParticipation, Meeting
from plenary.people.domain import person_record, post_record
from plenary.people.enums import Rank
from plenary.people.models import Person, Post
from plenary.workplans.templatetags.followup import edition_name

# The edition's fields written from scalar facts, by key.
EDITION_FIELDS = {
    "start_date": "start_date",
    "end_date": "end_date",
    "city": "city",
    "country": "host_state",
    "format": "format",
    "theme": "theme",
}

# Offices named by a rank alone: one per state. Other ranks name an office only where the record
# needs one (a co-chair whom the report does not name).
RANK_OFFICES = {
    Rank.HEAD_OF_STATE: "Head of State",
    Rank.HEAD_OF_GOVERNMENT: "Head of Government",
    Rank.FOREIGN_MINISTER: "Minister of Foreign Affairs",
}
RANK_TITLES = {
    **RANK_OFFICES,
    Rank.DEPUTY_PRIME_MINISTER: "Deputy Prime Minister",
    Rank.MINISTER: "Minister",
    Rank.FIRST_DEPUTY_MINISTER: "First Deputy Minister",
    Rank.DEPUTY_MINISTER: "Deputy Minister",
    Rank.AMBASSADOR: "Ambassador",
    Rank.DIRECTOR_GENERAL: "Director-General",
    Rank.DIRECTOR: "Director",
    Rank.OFFICIAL: "Official",
    Rank.EXPERT: "Expert",
    Rank.OTHER: "Representative",
}

PREPARATORY_TITLES = {
    MeetingKind.SENIOR_OFFICIALS: "Senior officials' preparatory meeting",
    MeetingKind.WORKING_GROUP: "Working-level preparatory meeting",
}

# Kinds of outcome document recognised in a title when no recorded kind is named in it.
DOCUMENT_KINDS = [
    ("joint statement", "Joint Statement"),
    ("declaration", "Declaration"),
    ("work plan", "Work Plan"),
    ("action plan", "Action Plan"),
    ("roadmap", "Roadmap"),
    ("road map", "Roadmap"),
    ("communiqué", "Communiqué"),
    ("communique", "Communiqué"),
    ("memorandum", "Memorandum of Understanding"),
    ("chair's summary", "Chair's Summary"),
    ("chair’s summary", "Chair's Summary"),
    ("agreement", "Agreement"),
    ("statement", "Statement"),
]
OTHER_DOCUMENT_KIND = "Outcome document"

PUBLISHER_OF_PRESS_RELEASES = re.compile(
    r"\b(ministry|ministère|mfa|foreign affairs|government|embassy|president|presidential|"
    r"prime minister|secretariat|министерство|мид|외교부)",
    re.IGNORECASE,
)

NOT_IN_REVIEW = {
    ReportStatus.APPLIED: _(
        "Only a report in review can be written to the record; this one has already been "
        "written to it."
    ),
    ReportStatus.DISCARDED: _(
        "Only a report in review can be written to the record; this one was discarded."
    ),
}
NO_EDITION = _(
    "Accept the edition number before writing the report: the facts must belong to an identified "
    "edition."
)

# The keys of a proposal as a refusal names them (in English, the key itself).
KEY_NAMES = {
    "forum": pgettext_lazy("a key of a proposal", "forum"),
    "edition_number": pgettext_lazy("a key of a proposal", "edition_number"),
    "start_date": pgettext_lazy("a key of a proposal", "start_date"),
    "end_date": pgettext_lazy("a key of a proposal", "end_date"),
    "city": pgettext_lazy("a key of a proposal", "city"),
    "country": pgettext_lazy("a key of a proposal", "country"),
    "format": pgettext_lazy("a key of a proposal", "format"),
    "theme": pgettext_lazy("a key of a proposal", "theme"),
    "expert_count": pgettext_lazy("a key of a proposal", "expert_count"),
    "chairs": pgettext_lazy("a key of a proposal", "chairs"),
    "participants": pgettext_lazy("a key of a proposal", "participants"),
    "proposals": pgettext_lazy("a key of a proposal", "proposals"),
    "expert_session_fields": pgettext_lazy("a key of a proposal", "expert_session_fields"),
    "preparatory_meetings": pgettext_lazy("a key of a proposal", "preparatory_meetings"),
    "outcome_documents": pgettext_lazy("a key of a proposal", "outcome_documents"),
    "decisions": pgettext_lazy("a key of a proposal", "decisions"),
}


def _where(key: str, position: int | None = None) -> str:
    """A fact as a refusal names it: ``country``, ``participants #1``."""
    name = str(KEY_NAMES.get(key, key))
    return name if position is None else f"{name} #{position + 1}"


LOCATOR_LENGTH = 200


@dataclass(frozen=True)
class _Fact:
    """One accepted value, checked and cleaned, with where the report gives it."""

    key: str
    position: int
    value: Any
    span: tuple[int, int] | None


@dataclass(frozen=True)
class _Actor:
    """An item of ``chairs`` or ``participants``."""

    code: str
    person: str | None
    rank: str | None


@dataclass(frozen=True)
class _Proposal:
    code: str | None
    person: str | None
    text: str


@dataclass(frozen=True)
class _Preparatory:
    kind: str
    text: str


@dataclass(frozen=True)
class _Decision:
    kind: str
    text: str
    city: str
    year: int | None


def report_apply(report: IntakeReport, *, by) -> Edition:
    """Write ``report``'s accepted facts to the record of ``report.forum``; return the edition.

    All or nothing, in one transaction. Refuses (``ValidationError``, nothing written) a report
    not in review, a report whose edition number is not accepted, an accepted forum other than the
    report's, a country that is no state, and any accepted value of the wrong shape. Changes: the
    edition and its co-chairs, meetings, delegations, statements, proposals, expert count,
    outcome documents and decisions as the module docstring lists; a ``Source`` for the report and
    a citation of it for every fact written; the report's ``source``, ``edition`` and status
    (applied).
    """
    with transaction.atomic():
        locked = IntakeReport.objects.select_for_update().select_related("forum").get(pk=report.pk)
        if locked.status != ReportStatus.IN_REVIEW:
            raise ValidationError(str(NOT_IN_REVIEW[locked.status]))
        facts = _accepted_facts(locked)
        writer = _Writer(report=locked, facts=facts, by=by)
        edition = writer.write()
        record(
            IntakeReport,
            lookup={"pk": locked.pk},
            values={
                "source": writer.source,
                "edition": edition,
                "status": ReportStatus.APPLIED,
            },
            action="intake.report",
            by=by,
        )
    report.refresh_from_db()
    return edition


# ---------------------------------------------------------------------------------------------
# Checking the accepted facts before anything is written


def _accepted_facts(report: IntakeReport) -> dict[str, list[_Fact]]:
    """The accepted facts by key, in the report's order, each cleaned; refuses what cannot be
    written, naming every fact at fault."""
    errors: list[str] = []
    facts: dict[str, list[_Fact]] = defaultdict(list)
    for fact in report.facts.filter(decision=FactDecision.ACCEPTED).order_by("key", "position"):
        cleaner = CLEANERS.get(fact.key)
        if cleaner is None:
            continue
        where = _where(fact.key, None if fact.key in SCALAR_KEYS else fact.position)
        try:
            value = cleaner(fact.final_value, where)
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        if value is None:
            continue
        span = (fact.start, fact.end) if fact.start is not None else None
        facts[fact.key].append(_Fact(fact.key, fact.position, value, span))
    if not facts.get("edition_number"):
        errors.insert(0, str(NO_EDITION))
    for fact in facts.get("forum", []):
        if not _names_forum(report.forum, fact.value):
            errors.append(
                gettext(
                    "The report names the forum “%(named)s”, which is neither %(forum)s nor "
                    "another name of it."
                )
                % {"named": fact.value, "forum": localized(report.forum, "name").text}
            )
    if errors:
        raise ValidationError(errors)
    return facts


def _text(value, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(
            gettext("%(where)s: “%(value)s” is not a text.") % {"where": where, "value": value}
        )
    return value.strip() or None


def _number(value, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(
            gettext("%(where)s: “%(value)s” is not a whole number from 1 up.")
            % {"where": where, "value": value}
        )
    return value


def _date(value, where: str) -> dt.date | None:
    text = _text(value, where)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            gettext("%(where)s: “%(value)s” is not a date in the form YYYY-MM-DD.")
            % {"where": where, "value": text}
        ) from None


def _choice(choices: Iterable[str], message) -> Callable[[Any, str], str | None]:
    """A cleaner of a value that must be one of ``choices``; ``message`` (lazy, with ``where``,
    ``value`` and ``choices``) says why another is refused."""
    allowed = list(choices)

    def clean(value, where: str) -> str | None:
        text = _text(value, where)
        if text is not None and text not in allowed:
            raise ValidationError(
                str(message) % {"where": where, "value": text, "choices": ", ".join(allowed)}
            )
        return text

    return clean


_format = _choice(MeetingFormat.values, _("%(where)s: “%(value)s” is not a format (%(choices)s)."))
_rank = _choice(Rank.values, _("%(where)s: “%(value)s” is not one of the ranks (%(choices)s)."))
_decision_kind = _choice(
    DecisionKind.values, _("%(where)s: “%(value)s” is not a kind of decision (%(choices)s).")
)
_preparatory_kind = _choice(
    PREPARATORY_TITLES,
    _("%(where)s: “%(value)s” is not a kind of preparatory meeting (%(choices)s)."),
)


def _country(value, where: str) -> str | None:
    text = _text(value, where)
    if text is None:
        return None
    if pycountry.countries.get(alpha_2=text.upper()) is None:
        raise ValidationError(
            gettext(
                "%(where)s: “%(value)s” is not a known state (an ISO 3166-1 alpha-2 code such as "
                "TJ)."
            )
            % {"where": where, "value": text}
        )
    return text.upper()


def _item(value, where: str, keys: Iterable[str]) -> dict:
    if not isinstance(value, dict):
        raise ValidationError(
            gettext("%(where)s: “%(value)s” is not an item with %(keys)s.")
            % {"where": where, "value": value, "keys": ", ".join(keys)}
        )
    return value


# What a refusal asks for when a part of an item is missing, by part.
REQUIRED = {
    "country": _("%(where)s: give the country."),
    "text": _("%(where)s: give the text."),
    "kind": _("%(where)s: give the kind."),
}


def _required(value, where: str, what: str):
    if value is None:
        raise ValidationError(str(REQUIRED[what]) % {"where": where})
    return value


def _actor(value, where: str) -> _Actor:
    item = _item(value, where, ["country", "person", "rank"])
    return _Actor(
        code=_required(_country(item.get("country"), where), where, "country"),
        person=_text(item.get("person"), where),
        rank=_rank(item.get("rank"), where),
    )


def _proposal(value, where: str) -> _Proposal:
    item = _item(value, where, ["country", "person", "text"])
    return _Proposal(
        code=_country(item.get("country"), where),
        person=_text(item.get("person"), where),
        text=_required(_text(item.get("text"), where), where, "text"),
    )


def _preparatory(value, where: str) -> _Preparatory:
    item = _item(value, where, ["kind", "text"])
    return _Preparatory(
        kind=_required(_preparatory_kind(item.get("kind"), where), where, "kind"),
        text=_text(item.get("text"), where) or "",
    )


def _decision(value, where: str) -> _Decision:
    item = _item(value, where, ["kind", "text", "city", "year"])
    return _Decision(
        kind=_required(_decision_kind(item.get("kind"), where), where, "kind"),
        text=_required(_text(item.get("text"), where), where, "text"),
        city=_text(item.get("city"), where) or "",
        year=_number(item.get("year"), where),
    )


SCALAR_KEYS = {
    "forum",
    "edition_number",
    "start_date",
    "end_date",
    "city",
    "country",
    "format",
    "theme",
    "expert_count",
}
CLEANERS: dict[str, Callable[[Any, str], Any]] = {
    "forum": _text,
    "edition_number": _number,
    "start_date": _date,
    "end_date": _date,
    "city": _text,
    "country": _country,
    "format": _format,
    "theme": _text,
    "expert_count": _number,
    "chairs": _actor,
    "participants": _actor,
    "proposals": _proposal,
    "expert_session_fields": _text,
    "preparatory_meetings": _preparatory,
    "outcome_documents": _text,
    "decisions": _decision,
}


def _names_forum(forum: Forum, name: str) -> bool:
    names = [forum.name, forum.short_name, *forum.other_names.values_list("name", flat=True)]
    return fold(name) in {fold(other) for other in names if other}


# ---------------------------------------------------------------------------------------------
# Writing


def _state(state: State) -> str:
    """A state's name in the reader's language, for a refusal."""
    return state_name(state, translation.get_language() or "en")


def _state_in_sentence(state: State) -> str:
    """A state's name after "of": "the Republic of Korea" in English."""
    language = translation.get_language() or "en"
    return state.name_in_sentence if language == "en" else state_name(state, language)


def _given(value) -> bool:
    return value is not None and value != ""


def _date_shown(value: dt.date) -> str:
    return value.isoformat()


def _rank_shown(rank: str) -> str:
    # A claim written to the record: in the record's language, English, whoever writes it.
    with translation.override("en"):
        return str(Rank(rank).label)


def _locator(spans: Iterable[tuple[int, int] | None]) -> str:
    places = sorted({span for span in spans if span is not None})
    if not places:
        return ""
    words = [f"{start}–{end}" for start, end in places]
    locator = f"characters {', '.join(words)}"
    while len(locator) > LOCATOR_LENGTH:
        words = words[:-1]
        locator = f"characters {', '.join(words)} and more"
    return locator


class _Citations:
    """The report's citations, gathered while writing and recorded once each at the end, so a
    row spoken of by several facts cites them all in one locator."""

    def __init__(self) -> None:
        self.spans: dict[tuple, list] = {}
        self.subjects: dict[tuple, models.Model] = {}

    def add(self, subject: models.Model, *spans, field: str = "", claim: str = "") -> None:
        key = (type(subject), subject.pk, field, claim)
        self.subjects[key] = subject
        self.spans.setdefault(key, []).extend(spans)

    def write(self, source: Source, *, by) -> None:
        for key, subject in self.subjects.items():
            _, _, field, claim = key
            cite(
                subject,
                source,
                field=field,
                claim=claim,
                locator=_locator(self.spans[key]),
                by=by,
            )


class _Writer:
    def __init__(self, *, report: IntakeReport, facts: dict[str, list[_Fact]], by) -> None:
        self.report = report
        self.forum = report.forum
        self.facts = facts
        self.by = by
        self.citations = _Citations()
        self.source: Source | None = None
        self.states: dict[str, State] = {}
        self.people: dict[str, Person] = {}
        self.edition: Edition | None = None
        self._main: Meeting | None = None

    def scalar(self, key: str) -> _Fact | None:
        found = self.facts.get(key)
        return found[0] if found else None

    def items(self, key: str) -> list[_Fact]:
        return self.facts.get(key, [])

    def write(self) -> Edition:
        self.source = self._source()
        self._edition()
        self._co_chairs()
        self._delegations()
        self._proposals()
        self._expert_sessions()
        self._expert_count()
        self._preparatory_meetings()
        self._documents()
        self._decisions()
        self.citations.write(self.source, by=self.by)
        return self.edition

    # The source, states and people ----------------------------------------------------------

    def _source(self) -> Source:
        report = self.report
        notes = (
            f"Came into the record through intake (report #{report.pk}): the secretariat "
            "reviewed each fact proposed from the report and wrote the accepted ones. The "
            "report's full text is kept with it."
        )
        existing = Source.objects.filter(title=report.title, publisher=report.publisher).first()
        if existing is not None:
            # The same publication already has a source: it is kept as it is, blanks filled.
            return source_record(
                title=existing.title,
                publisher=existing.publisher,
                kind=existing.kind,
                url=existing.url or report.url,
                published_on=existing.published_on or report.published_on,
                language=existing.language,
                notes=existing.notes or notes,
                by=self.by,
            )
        kind = (
            Source.Kind.PRESS_RELEASE
            if PUBLISHER_OF_PRESS_RELEASES.search(report.publisher)
            else Source.Kind.NEWS_REPORT
        )
        return source_record(
            title=report.title,
            publisher=report.publisher,
            kind=kind,
            url=report.url,
            published_on=report.published_on,
            notes=notes,
            by=self.by,
        )

    def state(self, code: str) -> State:
        if code not in self.states:
            self.states[code] = State.objects.filter(code=code).first() or state_ensure(
                code, by=self.by
            )
        return self.states[code]

    def person(self, name: str | None, span) -> Person | None:
        """The person of that name or name form, created if the record has none."""
        if not name:
            return None
        if name not in self.people:
            self.people[name] = _person_named(name) or self._person_create(name)
        person = self.people[name]
        self.citations.add(person, span)
        return person

    def _person_create(self, name: str) -> Person:
        base = slugify(name) or "person"
        slug, number = base, 1
        while Person.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return person_record(
            slug=slug, name=name, note=f"Named in “{self.report.title}”.", by=self.by
        )

    def post(self, state: State, rank: str, *, needed: bool) -> Post | None:
        """The office a rank names in ``state``; any rank when the record ``needed`` an office."""
        title = (RANK_TITLES if needed else RANK_OFFICES).get(rank)
        if title is None:
            return None
        return post_record(title=title, state=state, rank=rank, by=self.by)

    # Conflicts ------------------------------------------------------------------------------

    def speak_of(
        self,
        subject: models.Model,
        field: str,
        *,
        old: str,
        new: str,
        said: Iterable[tuple[str, Any]] = (),
        spans: Iterable = (),
    ) -> None:
        """Cite the report for ``field`` of ``subject``, now holding ``new`` (as shown), and make
        a conflict of any disagreement.

        ``old`` is the value shown as the record held it before; ``said`` every value the report
        gives for the field with the span of each. When the record held another value on some
        source's word, the report claims the new one and each source that supported the old one
        claims that; when the report gives several values, each is one of its claims.
        """
        spans = list(spans)
        self.citations.add(subject, *spans, field=field)
        claims: dict[str, list] = defaultdict(list)
        for shown, span in said:
            if shown:
                claims[shown].append(span)
        supporters = (
            _supporting_sources(subject, field, other_than=self.source)
            if old and old != new
            else []
        )
        if supporters:
            claims[new].extend(spans)
        if supporters or len(claims) >= 2:
            for claim, claim_spans in claims.items():
                self.citations.add(subject, *claim_spans, field=field, claim=claim)
        note = f"The record held this before “{self.report.title}” changed it."
        for source in supporters:
            cite(subject, source, field=field, claim=old, note=note, by=self.by)

    # The edition ----------------------------------------------------------------------------

    def _edition(self) -> None:
        number_fact = self.scalar("edition_number")
        number = number_fact.value
        existing = Edition.objects.filter(forum=self.forum, number=number).first()
        values: dict[str, Any] = {}
        facts: dict[str, _Fact] = {}
        for key, field in EDITION_FIELDS.items():
            fact = self.scalar(key)
            if fact is None:
                continue
            values[field] = self.state(fact.value) if key == "country" else fact.value
            facts[field] = fact
        if existing is None and self._held_when_reported(values):
            values["status"] = EditionStatus.HELD
        before = {field: _edition_shown(existing, field) for field in facts} if existing else {}
        self.edition = edition_record(forum=self.forum, number=number, by=self.by, **values)
        self.citations.add(self.edition, number_fact.span, field="number")
        for field, fact in facts.items():
            self.speak_of(
                self.edition,
                field,
                old=before.get(field, ""),
                new=_edition_shown(self.edition, field),
                spans=[fact.span],
            )

    def _held_when_reported(self, values: dict) -> bool:
        last = values.get("end_date") or values.get("start_date")
        published = self.report.published_on
        return last is not None and published is not None and last <= published

    def meeting_status(self) -> str:
        return MeetingStatus.HELD if self.edition.status == EditionStatus.HELD else ""

    def meeting_day(self) -> dt.date | None:
        """The edition's day, when it lasted one; a meeting of a longer edition stays undated."""
        start, end = self.edition.start_date, self.edition.end_date
        return start if start is not None and end in (None, start) else None

    def _where(self) -> dict[str, Any]:
        values = {
            "date": self.meeting_day(),
            "city": self.edition.city,
            "state": self.edition.host_state,
            "format": self.edition.format,
        }
        if self.meeting_status():
            values["status"] = self.meeting_status()
        return values

    def main_meeting(self) -> Meeting:
        """The ministerial plenary of the edition, else its heads-of-delegation meeting; a
        ministerial plenary is created when it has neither."""
        if self._main is None:
            meetings = self.edition.meetings.order_by("date", "position", "pk")
            self._main = (
                meetings.filter(kind=MeetingKind.MINISTERIAL).first()
                or meetings.filter(kind=MeetingKind.HEADS_OF_DELEGATION).first()
                or meeting_record(
                    edition=self.edition,
                    title="Ministerial plenary",
                    kind=MeetingKind.MINISTERIAL,
                    position=10,
                    by=self.by,
                    **self._where(),
                )
            )
        return self._main

    # Co-chairs and delegations --------------------------------------------------------------

    def _by_state(self, key: str) -> dict[str, list[_Fact]]:
        found: dict[str, list[_Fact]] = defaultdict(list)
        for fact in self.items(key):
            found[fact.value.code].append(fact)
        return found

    def _co_chairs(self) -> None:
        for code, facts in self._by_state("chairs").items():
            state = self.state(code)
            existing = self.edition.co_chairs.filter(state=state).first()
            old_post = existing.post if existing else None
            fact = _chosen(facts, old_post.rank if old_post else "")
            person = self.person(fact.value.person, fact.span) or (
                existing.person if existing else None
            )
            post = old_post
            if fact.value.rank and (post is None or post.rank != fact.value.rank):
                post = self.post(state, fact.value.rank, needed=True)
            if person is None and post is None:
                raise ValidationError(
                    gettext(
                        "Name the co-chair for %(state)s or give the rank: the record needs one "
                        "or the other."
                    )
                    % {"state": _state(state)}
                )
            co_chair = co_chair_record(
                edition=self.edition, state=state, person=person, post=post, by=self.by
            )
            self.citations.add(co_chair, *(f.span for f in facts))
            if post is not None:
                self.citations.add(post, fact.span)
            self._speak_of_people(co_chair, "person", existing and existing.person, facts)
            if fact.value.rank:
                self.speak_of(
                    co_chair,
                    "post",
                    old=_rank_shown(old_post.rank) if old_post else "",
                    new=_rank_shown(post.rank),
                    said=[(_rank_shown(f.value.rank), f.span) for f in facts if f.value.rank],
                    spans=[f.span for f in facts if f.value.rank == fact.value.rank],
                )

    def _speak_of_people(self, subject, field: str, old: Person | None, facts: list[_Fact]):
        named = [f for f in facts if f.value.person]
        if not named:
            return
        now = getattr(subject, field)
        shown = now.name if now else ""
        said = [(self._person_shown(f.value.person), f.span) for f in named]
        self.speak_of(
            subject,
            field,
            old=old.name if old else "",
            new=shown,
            said=said,
            spans=[span for name, span in said if name == shown],
        )

    def _person_known(self, name: str) -> Person | None:
        if name not in self.people:
            found = _person_named(name)
            if found is None:
                return None
            self.people[name] = found
        return self.people[name]

    def _person_shown(self, name: str) -> str:
        """A name the report gives, in its recorded form when the record knows the person."""
        person = self._person_known(name)
        return person.name if person else name

    def _delegations(self) -> None:
        participants = self._by_state("participants")
        if not participants:
            return
        meeting = self.main_meeting()
        self.citations.add(meeting, *(f.span for f in self.items("participants")))
        for code, facts in participants.items():
            state = self.state(code)
            existing = meeting.delegations.filter(state=state).first()
            old_rank = existing.head_rank if existing else ""
            fact = _chosen(facts, old_rank)
            person = self.person(fact.value.person, fact.span)
            if person is None and existing is not None:
                person = existing.head_person
            rank = fact.value.rank or old_rank
            post = existing.head_post if existing else None
            title = existing.head_title if existing else ""
            if rank != old_rank:
                post = self.post(state, rank, needed=False)
                title = ""
            if person is not None and not rank:
                raise ValidationError(
                    gettext(
                        "Give the rank at which %(person)s led the delegation of %(state)s: a "
                        "head of delegation needs one."
                    )
                    % {"person": person.name, "state": _state_in_sentence(state)}
                )
            delegation = delegation_record(
                meeting=meeting,
                state=state,
                head_person=person,
                head_post=post,
                head_rank=rank,
                head_title=title,
                note=existing.note if existing else "",
                by=self.by,
            )
            self.citations.add(delegation, *(f.span for f in facts))
            if post is not None:
                self.citations.add(post, fact.span)
            self._speak_of_people(
                delegation, "head_person", existing and existing.head_person, facts
            )
            if fact.value.rank:
                self.speak_of(
                    delegation,
                    "head_rank",
                    old=_rank_shown(old_rank) if old_rank else "",
                    new=_rank_shown(rank),
                    said=[(_rank_shown(f.value.rank), f.span) for f in facts if f.value.rank],
                    spans=[f.span for f in facts if f.value.rank == rank],
                )

    # Statements and proposals ---------------------------------------------------------------

    def _proposals(self) -> None:
        """Each state's proposals in its delegation's statement; proposals the report gives
        without a state go to a statement of their speaker (or of no one) with no delegation."""
        groups: dict[tuple, list[_Fact]] = defaultdict(list)
        for fact in self.items("proposals"):
            code = fact.value.code
            groups[(code, None if code else fact.value.person)].append(fact)
        if not groups:
            return
        meeting = self.main_meeting()
        for (code, speaker_name), facts in groups.items():
            delegation = None
            speaker = None
            if code:
                state = self.state(code)
                delegation = meeting.delegations.filter(state=state).first()
                if delegation is None:
                    delegation = delegation_record(meeting=meeting, state=state, by=self.by)
                self.citations.add(delegation, *(f.span for f in facts))
                statements = meeting.statements.filter(delegation=delegation)
            else:
                speaker = self.person(speaker_name, facts[0].span)
                statements = meeting.statements.filter(delegation=None, speaker_person=speaker)
            statement = statements.order_by("position", "pk").first()
            if statement is None:
                speaker = speaker or next(
                    (self.person(f.value.person, f.span) for f in facts if f.value.person), None
                )
                statement = statement_record(
                    meeting=meeting,
                    position=_next_position(meeting.statements.all()),
                    summary=_proposals_summary([f.value.text for f in facts]),
                    delegation=delegation,
                    speaker_person=speaker,
                    by=self.by,
                )
            # The speakers the record knows are cited; a statement the record already has gets
            # no new speaker.
            for fact in facts:
                if fact.value.person and self._person_known(fact.value.person):
                    self.person(fact.value.person, fact.span)
            self.citations.add(statement, *(f.span for f in facts))
            for fact in facts:
                proposal = _same_text(statement.proposals.all(), fact.value.text)
                if proposal is None:
                    proposal = proposal_record(
                        statement=statement,
                        position=_next_position(statement.proposals.all()),
                        text=fact.value.text,
                        by=self.by,
                    )
                self.citations.add(proposal, fact.span)

    # Experts --------------------------------------------------------------------------------

    def _expert_sessions(self) -> None:
        sessions = self.edition.meetings.filter(kind=MeetingKind.EXPERT_SESSION)
        for fact in self.items("expert_session_fields"):
            field = self._field(fact.value)
            title = f"Expert session on {field.name.lower()}"
            meeting = sessions.filter(field=field).first()
            if meeting is None:
                found = sessions.filter(title__iexact=title, field__isnull=True).first()
                meeting = meeting_record(
                    edition=self.edition,
                    title=found.title if found else title,
                    kind=MeetingKind.EXPERT_SESSION,
                    field=field,
                    by=self.by,
                    **({} if found else {"position": 20 + sessions.count(), **self._where()}),
                )
            self.citations.add(meeting, fact.span)

    def _field(self, name: str) -> Field:
        found = Field.objects.filter(name__iexact=name).first()
        if found is None and slugify(name):
            found = Field.objects.filter(slug=slugify(name)).first()
        return found or field_ensure(name[:1].upper() + name[1:], by=self.by)

    def _expert_count(self) -> None:
        fact = self.scalar("expert_count")
        if fact is None:
            return
        total = ExpertParticipation.objects.filter(
            edition=self.edition,
            meeting=None,
            state=None,
            field=None,
            organization=None,
            person=None,
        ).first()
        if total is None:
            row = experts_record(
                edition=self.edition,
                description="Experts at the expert sessions",
                count=fact.value,
                by=self.by,
            )
        else:
            row = experts_record(
                edition=self.edition,
                description=total.description,
                count=fact.value,
                approximate=total.approximate,
                by=self.by,
            )
        self.speak_of(
            row,
            "count",
            old=str(total.count) if total else "",
            new=str(row.count),
            spans=[fact.span],
        )

    # Preparatory meetings, documents, decisions ---------------------------------------------

    def _preparatory_meetings(self) -> None:
        by_kind: dict[str, list[_Fact]] = defaultdict(list)
        for fact in self.items("preparatory_meetings"):
            by_kind[fact.value.kind].append(fact)
        for kind, facts in by_kind.items():
            meeting = self.edition.meetings.filter(kind=kind).order_by("position", "pk").first()
            if meeting is None:
                words = " and ".join(f"“{f.value.text}”" for f in facts if f.value.text)
                status = self.meeting_status()
                meeting = meeting_record(
                    edition=self.edition,
                    title=PREPARATORY_TITLES[kind],
                    kind=kind,
                    date=None,
                    summary=f"The report speaks of it as {words}." if words else "",
                    position=1
                    + self.edition.meetings.filter(kind__in=list(PREPARATORY_TITLES)).count(),
                    by=self.by,
                    **({"status": status} if status else {}),
                )
            self.citations.add(meeting, *(f.span for f in facts))

    def _documents(self) -> None:
        facts = self.items("outcome_documents")
        if not facts:
            return
        for fact in facts:
            title = fact.value
            document = _same_title(OutcomeDocument.objects.filter(forum=self.forum), title)
            if document is not None and document.edition_id not in (None, self.edition.pk):
                raise ValidationError(
                    gettext(
                        "The forum already has a document titled “%(title)s”, of the "
                        "%(edition)s; edit the title to tell the two apart."
                    )
                    % {"title": document.title, "edition": edition_name(document.edition)}
                )
            if document is None:
                document = document_record(
                    forum=self.forum,
                    title=title,
                    kind=_document_kind(title, by=self.by),
                    edition=self.edition,
                    summary=(
                        f"Adopted at the {self.edition}, as “{self.report.title}” reports. The "
                        "report gives its title and its adoption but nothing of its text, which "
                        "is not in the sources of this record."
                    ),
                    by=self.by,
                )
            elif document.edition_id is None:
                document = document_record(
                    forum=self.forum,
                    title=document.title,
                    kind=document.kind,
                    edition=self.edition,
                    by=self.by,
                )
            if document.status != DocumentStatus.ADOPTED:
                meeting = self.main_meeting()
                day = meeting.date or self.edition.end_date or self.edition.start_date
                if day is None:
                    raise ValidationError(
                        gettext(
                            "“%(title)s” cannot be recorded as adopted without a date: accept "
                            "the edition's start or end date."
                        )
                        % {"title": title}
                    )
                document = document_adopt(
                    document,
                    on=day,
                    method=AdoptionMethod.AT_MEETING,
                    at_meeting=meeting,
                    by=self.by,
                )
            self.citations.add(document, fact.span)
            if document.adopted_at is not None:
                self.citations.add(document.adopted_at, fact.span)

    def _decisions(self) -> None:
        next_edition: list[_Fact] = []
        for fact in self.items("decisions"):
            if fact.value.kind == DecisionKind.NEXT_EDITION:
                next_edition.append(fact)
                continue
            decision = _same_text(
                self.edition.decisions.filter(kind=fact.value.kind), fact.value.text
            )
            values = {"city": fact.value.city, "year": fact.value.year}
            if decision is None:
                decision = decision_record(
                    edition=self.edition,
                    kind=fact.value.kind,
                    text=fact.value.text,
                    by=self.by,
                    **values,
                )
                self.citations.add(decision, fact.span)
            else:
                self._decision_update(decision, [fact])
        if next_edition:
            decision = self.edition.decisions.filter(kind=DecisionKind.NEXT_EDITION).first()
            if decision is None:
                first = next_edition[0].value
                decision = decision_record(
                    edition=self.edition,
                    kind=first.kind,
                    text=first.text,
                    city=first.city,
                    year=first.year,
                    by=self.by,
                )
            self._decision_update(decision, next_edition)

    def _decision_update(self, decision, facts: list[_Fact]) -> None:
        """Bring the city and year of a recorded decision to what the report says; its text, in
        the secretariat's words, stays."""
        given = {
            "city": next((f.value.city for f in facts if f.value.city), ""),
            "year": next((f.value.year for f in facts if f.value.year), None),
        }
        values = {name: value for name, value in given.items() if _given(value)}
        before = {name: _shown(getattr(decision, name)) for name in values}
        updated = decision_record(
            edition=self.edition,
            kind=decision.kind,
            text=decision.text,
            by=self.by,
            **values,
        )
        self.citations.add(updated, *(f.span for f in facts))
        for name in values:
            self.speak_of(
                updated,
                name,
                old=before[name],
                new=_shown(getattr(updated, name)),
                said=[
                    (_shown(getattr(f.value, name)), f.span)
                    for f in facts
                    if _given(getattr(f.value, name))
                ],
                spans=[f.span for f in facts if getattr(f.value, name) == values[name]],
            )


# ---------------------------------------------------------------------------------------------
# Helpers


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return _date_shown(value)
    return str(value)


def _edition_shown(edition: Edition, field: str) -> str:
    value = getattr(edition, field)
    if field == "format" and value:
        # A claim written to the record: in English, whoever writes it.
        with translation.override("en"):
            return str(MeetingFormat(value).label)
    return _shown(value)


def _chosen(facts: list[_Fact], held: str) -> _Fact:
    """Of a state's items, the one to write: the one at the rank the record holds, else the first
    that names a person, else the first."""
    return (
        next((f for f in facts if held and f.value.rank == held), None)
        or next((f for f in facts if f.value.person), None)
        or facts[0]
    )


def _person_named(name: str) -> Person | None:
    found = (
        Person.objects.filter(name__iexact=name).order_by("pk").first()
        or Person.objects.filter(names__name__iexact=name).order_by("pk").first()
    )
    if found is None and slugify(name):
        found = Person.objects.filter(slug=slugify(name)).first()
    return found


def _supporting_sources(subject: models.Model, field: str, *, other_than: Source):
    """Sources citing ``field`` of ``subject``, or the whole of it, with no claim of their own."""
    citations = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        field__in=[field, ""],
        claim="",
    ).exclude(source=other_than)
    return list(Source.objects.filter(pk__in=citations.values("source")).order_by("pk"))


def _next_position(rows: models.QuerySet) -> int:
    return (rows.aggregate(last=Max("position"))["last"] or 0) + 1


def _same_text(rows: Iterable[Any], text: str):
    """The row of ``rows`` (proposals, decisions) whose text is ``text``, wording aside."""
    folded = fold(text)
    return next((row for row in rows if fold(row.text) == folded), None)


def _same_title(rows: Iterable[OutcomeDocument], title: str) -> OutcomeDocument | None:
    folded = fold(title)
    return next((row for row in rows if fold(row.title) == folded), None)


def _proposals_summary(texts: list[str]) -> str:
    clauses = "; ".join(text.rstrip(" .") for text in texts)
    return f"Proposed, in the words of the report: {clauses}."


def _document_kind(title: str, *, by) -> DocumentKind:
    folded = title.casefold()
    for kind in sorted(DocumentKind.objects.all(), key=lambda k: -len(k.name)):
        if kind.name.casefold() in folded:
            return kind
    name = next((name for words, name in DOCUMENT_KINDS if words in folded), OTHER_DOCUMENT_KIND)
    return document_kind_ensure(name, by=by)


__all__ = ["report_apply"]
