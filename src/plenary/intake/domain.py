"""Writes of intake: a report read into proposed facts, the secretariat's word on each fact, and
the report discarded or written to the record.

Who may call which write is decided by ``intake.review`` in ``rules`` (checked by the pages); the
functions here hold what must be true whoever calls them. Every write leaves an audit entry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.common import l10n
from plenary.common.domain import log_action, record
from plenary.intake.models import FactDecision, IntakeFact, IntakeReport, ReportStatus
from plenary.people.enums import Rank

# The keys of a proposal (docs/intake.md), in the order a reader meets them.
SCALAR_KEYS = (
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
LIST_KEYS = (
    "chairs",
    "participants",
    "expert_session_fields",
    "preparatory_meetings",
    "proposals",
    "outcome_documents",
    "decisions",
)
KEY_ORDER = (
    "forum",
    "edition_number",
    "start_date",
    "end_date",
    "city",
    "country",
    "format",
    "theme",
    "chairs",
    "participants",
    "expert_session_fields",
    "expert_count",
    "preparatory_meetings",
    "proposals",
    "outcome_documents",
    "decisions",
)
KEY_LABELS = {
    "forum": pgettext_lazy("a kind of proposed fact", "Forum"),
    "edition_number": pgettext_lazy("a kind of proposed fact", "Edition number"),
    "start_date": pgettext_lazy("a kind of proposed fact", "Start date"),
    "end_date": pgettext_lazy("a kind of proposed fact", "End date"),
    "city": pgettext_lazy("a kind of proposed fact", "City"),
    "country": pgettext_lazy("a kind of proposed fact", "Host state"),
    "format": pgettext_lazy("a kind of proposed fact", "Format"),
    "theme": pgettext_lazy("a kind of proposed fact", "Theme"),
    "chairs": pgettext_lazy("a kind of proposed fact", "Chairs"),
    "participants": pgettext_lazy("a kind of proposed fact", "Participants"),
    "expert_session_fields": pgettext_lazy("a kind of proposed fact", "Fields of expert sessions"),
    "expert_count": pgettext_lazy("a kind of proposed fact", "Number of experts"),
    "preparatory_meetings": pgettext_lazy("a kind of proposed fact", "Preparatory meetings"),
    "proposals": pgettext_lazy("a kind of proposed fact", "Proposals"),
    "outcome_documents": pgettext_lazy("a kind of proposed fact", "Outcome documents"),
    "decisions": pgettext_lazy("a kind of proposed fact", "Decisions"),
}

# The keys of each item of the lists whose items are objects.
ITEM_FIELDS: dict[str, tuple[str, ...]] = {
    "chairs": ("country", "person", "rank"),
    "participants": ("country", "person", "rank"),
    "proposals": ("country", "person", "text"),
    "preparatory_meetings": ("kind", "text"),
    "decisions": ("kind", "text", "city", "year"),
}

DATE_KEYS = frozenset({"start_date", "end_date"})
COUNT_KEYS = frozenset({"edition_number", "expert_count"})
FORMATS = ("in_person", "online", "hybrid")
MEETING_KINDS = ("senior_officials", "working_group")
DECISION_KINDS = ("next_edition", "appointment", "new_member", "institutional", "other")

MAX_TEXT = 200_000  # characters of the text the extractor reads
MAX_HTML = 2_000_000  # characters of an HTML page as given

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_YEAR = re.compile(r"^\d{4}$")


def one_of(values, word: str = "or") -> str:
    """``a, b or c`` (``a, b and c`` with ``word="and"``) in the reader's language."""
    values = [str(value) for value in values]
    if len(values) < 2:
        return "".join(values)
    parts = {"rest": ", ".join(values[:-1]), "last": values[-1]}
    if word == "and":
        return gettext("%(rest)s and %(last)s") % parts
    return gettext("%(rest)s or %(last)s") % parts


def _give_one_of(values) -> str:
    return gettext("Give one of %(choices)s.") % {"choices": one_of(values)}


_give_one_of_lazy = lazy(_give_one_of, str)

_MESSAGE_TEXTS = {
    "date": _("Give the date as YYYY-MM-DD, such as 2021-11-02."),
    "count": _("Give a whole number above zero."),
    "country": _("Give the state by its two-letter ISO code in capitals, such as KR."),
    "format": _give_one_of_lazy(FORMATS),
    "rank": _("Give one of Plenary's ranks, such as deputy_minister, or leave the rank empty."),
    "meeting_kind": _give_one_of_lazy(MEETING_KINDS),
    "decision_kind": _give_one_of_lazy(DECISION_KINDS),
    "year": _("Give the year in four digits, such as 2019, or leave it empty."),
    "value": _("Give a value."),
    "text": _("Write the text."),
    "no_text": _("The report has no text."),
    "no_page_text": _("The page has no readable text."),
    "no_title": _("Give the report a title."),
}


class _Messages(Mapping):
    """The refusals of a correction, each read in the reader's language when it is looked up."""

    def __getitem__(self, key: str) -> str:
        return str(_MESSAGE_TEXTS[key])

    def __iter__(self):
        return iter(_MESSAGE_TEXTS)

    def __len__(self) -> int:
        return len(_MESSAGE_TEXTS)


MESSAGES = _Messages()


# Values as the reviewer corrects them -------------------------------------------------------------


def _text(value, *, message: str, nullable: bool = False):
    if value is None or (isinstance(value, str) and not value.strip()):
        if nullable:
            return None
        raise ValueError(message)
    if not isinstance(value, str):
        raise ValueError(message)
    return value.strip()


def _count(value) -> int:
    if isinstance(value, bool):
        raise ValueError(MESSAGES["count"])
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or value < 1:
        raise ValueError(MESSAGES["count"])
    return value


def _date(value) -> str:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str) and _DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise ValueError(MESSAGES["date"])


def _country(value, *, nullable: bool = False):
    if nullable and (value is None or value == ""):
        return None
    if isinstance(value, str) and _COUNTRY.match(value.strip()):
        return value.strip()
    raise ValueError(MESSAGES["country"])


def _choice(value, choices, message: str, *, nullable: bool = False):
    if nullable and (value is None or value == ""):
        return None
    if isinstance(value, str) and value.strip() in choices:
        return value.strip()
    raise ValueError(message)


def _year(value):
    if value is None or value == "":
        return None
    if isinstance(value, str) and _YEAR.match(value.strip()):
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return value
    raise ValueError(MESSAGES["year"])


def _scalar(key: str, value):
    if key in DATE_KEYS:
        return _date(value)
    if key in COUNT_KEYS:
        return _count(value)
    if key == "country":
        return _country(value)
    if key == "format":
        return _choice(value, FORMATS, MESSAGES["format"])
    return _text(value, message=MESSAGES["value"])


def _item_field(key: str, name: str, value):
    if name == "country":
        return _country(value, nullable=key == "proposals")
    if name == "person":
        return _text(value, message=MESSAGES["value"], nullable=True)
    if name == "rank":
        return _choice(value, Rank.values, MESSAGES["rank"], nullable=True)
    if name == "kind":
        kinds = MEETING_KINDS if key == "preparatory_meetings" else DECISION_KINDS
        message = MESSAGES["meeting_kind" if key == "preparatory_meetings" else "decision_kind"]
        return _choice(value, kinds, message)
    if name == "city":
        return _text(value, message=MESSAGES["value"], nullable=True)
    if name == "year":
        return _year(value)
    return _text(value, message=MESSAGES["text"])


def clean_value(key: str, value):
    """``value`` as the reviewer gave it for a fact of ``key``, normalized (surrounding spaces
    dropped, numbers as integers, dates as ISO strings, empty optional parts as ``None``).

    Raises ``ValidationError`` keyed by ``value`` for a scalar (or a plain item of a list), by the
    item's own keys for an object item:

    - ``start_date``, ``end_date``: an ISO date;
    - ``edition_number``, ``expert_count``: a whole number above zero;
    - ``country``: two capital letters (ISO 3166-1 alpha-2);
    - ``format``: ``in_person``, ``online`` or ``hybrid``;
    - ``chairs``, ``participants``: ``{country, person, rank}``, the country required, the rank
      one of ``people.enums.Rank`` or ``None``;
    - ``proposals``: ``{country, person, text}``, the text required;
    - ``preparatory_meetings``: ``{kind, text}``; ``decisions``: ``{kind, text, city, year}``;
    - anything else: text that is not empty.
    """
    fields = ITEM_FIELDS.get(key)
    if fields is None:
        try:
            return _scalar(key, value)
        except ValueError as error:
            raise ValidationError({"value": str(error)}) from None
    if not isinstance(value, dict) or set(value) != set(fields):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: gettext("An item of %(list)s has exactly the keys %(keys)s.")
                % {"list": str(KEY_LABELS[key]).lower(), "keys": one_of(fields, "and")}
            }
        )
    cleaned, errors = {}, {}
    for name in fields:
        try:
            cleaned[name] = _item_field(key, name, value[name])
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise ValidationError(errors)
    return cleaned


# Reading a report --------------------------------------------------------------------------------


def _span(span, length: int) -> tuple[int | None, int | None, float]:
    """Start, end and confidence of a span of the proposal; a span that does not fit the text
    is dropped (the fact is then shown without its place in the text)."""
    if not isinstance(span, dict):
        return None, None, 0.0
    start, end = span.get("start"), span.get("end")
    try:
        confidence = min(max(float(span.get("confidence") or 0), 0.0), 1.0)
    except (TypeError, ValueError):
        confidence = 0.0
    if (
        isinstance(start, int)
        and isinstance(end, int)
        and not isinstance(start, bool)
        and not isinstance(end, bool)
        and 0 <= start <= end <= length
    ):
        return start, end, confidence
    return None, None, confidence


def facts_from_proposal(report: IntakeReport, proposal: dict) -> list[IntakeFact]:
    """Create the facts of ``report`` from the extractor's ``proposal`` and return them.

    One fact per scalar key that is not ``null`` and one per item of each list, at its index;
    start, end and confidence come from ``proposal["spans"]``. Conflicts are not facts: they stay
    in ``report.proposal`` and are shown as warnings. Every fact starts pending. Called by
    ``report_create``, whose audit entry counts the facts.
    """
    if report.facts.exists():
        raise ValidationError(gettext("This report already has its facts."))
    spans = proposal.get("spans") or {}
    length = len(report.text)
    facts: list[IntakeFact] = []
    for key in SCALAR_KEYS:
        value = proposal.get(key)
        if value is None:
            continue
        start, end, confidence = _span(spans.get(key), length)
        facts.append(
            IntakeFact(
                report=report,
                key=key,
                position=0,
                value=value,
                start=start,
                end=end,
                confidence=confidence,
            )
        )
    for key in LIST_KEYS:
        items = proposal.get(key) or []
        item_spans = spans.get(key) or []
        for position, value in enumerate(items):
            span = item_spans[position] if position < len(item_spans) else None
            start, end, confidence = _span(span, length)
            facts.append(
                IntakeFact(
                    report=report,
                    key=key,
                    position=position,
                    value=value,
                    start=start,
                    end=end,
                    confidence=confidence,
                )
            )
    for fact in facts:
        fact.full_clean()
        fact.save()
    return facts


def _normalized(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def report_create(
    *,
    forum,
    title: str,
    text: str,
    published_on: dt.date | None = None,
    publisher: str = "",
    url: str = "",
    is_html: bool = False,
    by,
) -> IntakeReport:
    """Read a press report into intake for ``forum`` and return it, in review.

    HTML is reduced to its text (the page is kept in ``original``); the extractor reads the text
    (with ``published_on`` to date what the text leaves undated); the whole proposal is stored and
    its facts are created, each pending. Refuses an empty text, a text over 200,000 characters
    and an HTML page over 2,000,000. Logs ``intake.report.created``.
    """
    title = (title or "").strip()
    text = _normalized(text or "")
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = MESSAGES["no_title"]
    original = ""
    if not text.strip():
        errors["text"] = MESSAGES["no_text"]
    elif is_html:
        if len(text) > MAX_HTML:
            errors["text"] = gettext(
                "An HTML page may hold at most %(limit)s characters; this one has %(length)s."
            ) % {"limit": l10n.number(MAX_HTML), "length": l10n.number(len(text))}
        else:
            from plenary.intake.extract import html_to_text

            original = text
            text = html_to_text(text)
            if not text.strip():
                errors["text"] = MESSAGES["no_page_text"]
    if "text" not in errors and len(text) > MAX_TEXT:
        errors["text"] = gettext(
            "A report may hold at most %(limit)s characters; this one has %(length)s."
        ) % {"limit": l10n.number(MAX_TEXT), "length": l10n.number(len(text))}
    if errors:
        raise ValidationError(errors)

    from plenary.intake.extract import extract

    proposal = extract(text, published=published_on)
    with transaction.atomic():
        report = IntakeReport(
            forum=forum,
            title=title,
            publisher=(publisher or "").strip(),
            url=(url or "").strip(),
            published_on=published_on,
            text=text,
            original=original,
            proposal=proposal,
            created_by=by if (by is not None and by.is_authenticated) else None,
        )
        report.full_clean()
        report.save()
        facts = facts_from_proposal(report, proposal)
        log_action(
            report,
            "intake.report.created",
            by=by,
            data={
                "forum": forum,
                "title": title,
                "publisher": report.publisher,
                "url": report.url,
                "published_on": published_on,
                "html": is_html,
                "facts": len(facts),
                "conflicts": len(proposal.get("conflicts") or []),
            },
        )
    return report


# Review -----------------------------------------------------------------------------------------


# Why a report no longer in review refuses a step, by step.
CLOSED = {
    "decide": _("This report is %(status)s; its facts can no longer change."),
    "discard": _("This report is %(status)s; it can no longer be discarded."),
    "write": _("This report is %(status)s; nothing more of it can be written."),
}


def _closed(report: IntakeReport, step: str) -> ValidationError:
    return ValidationError(str(CLOSED[step]) % {"status": report.get_status_display()})


def fact_decide(
    fact: IntakeFact,
    *,
    decision: str,
    edited_value=None,
    by,
    now: dt.datetime | None = None,
) -> IntakeFact:
    """Accept or reject ``fact``, or accept it with ``edited_value`` (checked and normalized by
    ``clean_value``; a correction equal to the proposed value is no correction). ``pending``
    takes the decision back.

    Changes the fact's decision, edited value, who decided and when; refused once the report is
    no longer in review. Runs under a row lock on the report, so that no decision slips in while
    the report is written. Logs ``intake.fact.decided`` with before and after; a decision that
    changes nothing writes nothing.
    """
    if decision not in FactDecision.values:
        raise ValidationError(
            {"decision": gettext("Accept or reject the fact, or leave it pending.")}
        )
    if edited_value is not None and decision != FactDecision.ACCEPTED:
        raise ValidationError({"decision": gettext("Only an accepted fact takes an edited value.")})
    with transaction.atomic():
        report = IntakeReport.objects.select_for_update().get(pk=fact.report_id)
        if report.status != ReportStatus.IN_REVIEW:
            raise _closed(report, "decide")
        locked = IntakeFact.objects.select_for_update().get(pk=fact.pk)
        if edited_value is not None:
            edited_value = clean_value(locked.key, edited_value)
            if edited_value == locked.value:
                edited_value = None
        before = {"decision": locked.decision, "edited_value": locked.edited_value}
        if (locked.decision, locked.edited_value) != (decision, edited_value):
            decided = decision != FactDecision.PENDING
            locked.decision = decision
            locked.edited_value = edited_value
            locked.decided_by = by if (decided and by is not None and by.is_authenticated) else None
            locked.decided_at = (now or timezone.now()) if decided else None
            locked.full_clean()
            locked.save()
            log_action(
                locked,
                "intake.fact.decided",
                by=by,
                data={
                    "report": report.pk,
                    "key": locked.key,
                    "position": locked.position,
                    "decision": {"before": before["decision"], "after": decision},
                    "edited_value": {"before": before["edited_value"], "after": edited_value},
                },
            )
    for name in ("decision", "edited_value", "decided_by_id", "decided_at"):
        setattr(fact, name, getattr(locked, name))
    return fact


def report_discard(report: IntakeReport, *, by) -> IntakeReport:
    """Set ``report`` aside without writing anything of it to the record.

    Only a report in review can be discarded. Logs ``intake.report.updated`` with the status
    before and after.
    """
    with transaction.atomic():
        locked = IntakeReport.objects.select_for_update().get(pk=report.pk)
        if locked.status == ReportStatus.DISCARDED:
            raise ValidationError(gettext("This report is discarded already."))
        if locked.status != ReportStatus.IN_REVIEW:
            raise _closed(locked, "discard")
        record(
            IntakeReport,
            lookup={"pk": report.pk},
            values={"status": ReportStatus.DISCARDED},
            action="intake.report",
            by=by,
        )
    report.status = ReportStatus.DISCARDED
    return report


def report_write(report: IntakeReport, *, by):
    """Write the accepted facts of ``report`` to the record (``apply.report_apply``) and return
    the edition they were written to.

    Refused unless the report is in review and at least one of its facts is accepted; whatever
    ``report_apply`` refuses leaves nothing written, as the whole step is one transaction.
    """
    with transaction.atomic():
        locked = IntakeReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.IN_REVIEW:
            raise _closed(locked, "write")
        if not locked.facts.filter(decision=FactDecision.ACCEPTED).exists():
            raise ValidationError(gettext("Accept at least one fact before writing to the record."))
        from plenary.intake.apply import report_apply

        edition = report_apply(locked, by=by)
    report.refresh_from_db()
    return edition
