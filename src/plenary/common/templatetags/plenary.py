"""Template filters and tags for the public pages: dates as precise as the sources, ranks, names
and the "Sources" box under each group of facts.

Dates are written out in English month names, not through the active locale: the pages are in
English, and a Russian browser must not get "30 ноября" inside an English sentence.
"""

from __future__ import annotations

import datetime as dt
import re

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist

from plenary.common.enums import DatePrecision, Language
from plenary.forums import naming
from plenary.people.enums import RANK_LEVEL, Rank

register = template.Library()

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@register.filter
def partial_date(value: dt.date | None, precision: str = DatePrecision.DAY) -> str:
    """``30 November 2021``, ``July 2012`` or ``2012``, as far as the sources give the date."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return f"{MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def date_span(
    start: dt.date | None, end: dt.date | None, precision: str = DatePrecision.DAY
) -> str:
    """A span of days written once where the ends share month or year: ``6–7 November 2018``."""
    if start is None:
        return partial_date(end, precision)
    if end is None or end == start or precision != DatePrecision.DAY:
        return partial_date(start, precision)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {partial_date(end)}"
    return f"{partial_date(start)} – {partial_date(end)}"


@register.filter
def edition_date(edition) -> str:
    """The dates of an edition, honouring ``date_precision``; ``date not known`` when empty."""
    return (
        date_span(edition.start_date, edition.end_date, edition.date_precision) or "date not known"
    )


@register.filter
def iso_date(value: dt.date | None, precision: str = DatePrecision.DAY) -> str:
    """The machine-readable form for ``<time datetime>``, as precise as the date is known."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def utc_offset(moment: dt.datetime) -> str:
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


@register.filter
def meeting_when(meeting) -> str:
    """Date and local times of a meeting in its own time zone, with the zone and its offset:
    ``30 November 2021, 10:00–12:30, Asia/Dushanbe (UTC+05:00)``."""
    day = meeting.local_date
    if day is None:
        return "date not known"
    parts = [partial_date(day)]
    start, end = meeting.local_start, meeting.local_end
    if start is not None:
        times = f"{start:%H:%M}"
        if end is not None:
            times += (
                f"–{end:%H:%M}"
                if end.date() == start.date()
                else f" – {partial_date(end.date())} {end:%H:%M}"
            )
        parts.append(times)
        reference = start
    else:
        reference = dt.datetime.combine(day, dt.time(12), tzinfo=meeting.zone)
    if meeting.timezone:
        parts.append(f"{meeting.timezone} ({utc_offset(reference)})")
    return ", ".join(parts)


@register.filter
def rank_label(value: str) -> str:
    """The reader's word for a rank: ``foreign minister``, ``deputy / vice minister``."""
    if not value:
        return ""
    try:
        return Rank(value).label
    except ValueError:
        return value


@register.filter
def rank_tier(value: str) -> str:
    """A coarse level (``high``, ``middle``, ``working``) so that a table shows the level of
    representation at a glance; the rank itself is always written out beside it."""
    level = RANK_LEVEL.get(value)
    if level is None:
        return "none"
    if level >= 75:
        return "high"
    if level >= 50:
        return "middle"
    return "working"


@register.simple_tag
def state_name(state, language: str = "en") -> str:
    """The name of ``state`` in ``language``: the forum's usage where recorded, else CLDR."""
    return naming.state_name(state, language)


@register.filter
def language_label(code: str) -> str:
    try:
        return Language(code).label
    except ValueError:
        return code


@register.filter
def lang_of(text: str, declared: str = "") -> str:
    """The language to declare in a ``lang`` attribute: the recorded one, else a guess from the
    script (Hangul is Korean; Cyrillic is taken as Russian), else ``""`` (inherit English)."""
    if declared:
        return declared
    if _HANGUL.search(text or ""):
        return "ko"
    if _CYRILLIC.search(text or ""):
        return "ru"
    return ""


def _citation_key(obj) -> tuple[int, int] | None:
    if obj is None or getattr(obj, "pk", None) is None:
        return None
    # Served from ContentType's cache, which citations_by_subject filled for every model shown.
    return (ContentType.objects.get_for_model(obj).pk, obj.pk)


def field_label(obj, name: str) -> str:
    if not name:
        return ""
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name.replace("_", " ")


@register.simple_tag
def citations_of(citations: dict, obj) -> list:
    """The citations of ``obj`` out of a page's ``citations_by_subject`` result."""
    key = _citation_key(obj)
    return list(citations.get(key, [])) if key else []


@register.inclusion_tag("partials/sources.html")
def sources(citations: dict, obj, label: str = "Sources") -> dict:
    """A ``<details>`` box listing where the facts of ``obj`` come from; nothing when no source
    is recorded."""
    key = _citation_key(obj)
    found = citations.get(key, []) if key else []
    return {
        "label": label,
        "items": [{"citation": c, "field": field_label(obj, c.field)} for c in found],
    }


@register.inclusion_tag("partials/conflicts.html")
def conflicts_box(conflicts: list) -> dict:
    """The "Conflicts between sources" box: every unsettled disagreement on the page."""
    return {
        "conflicts": [
            {
                "subject": conflict.subject,
                "field": field_label(conflict.subject, conflict.field),
                "citations": conflict.citations,
            }
            for conflict in conflicts
        ]
    }
