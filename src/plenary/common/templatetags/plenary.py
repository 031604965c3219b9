"""Template filters and tags for the public pages: dates as precise as the sources, ranks, names
and the "Sources" box under each group of facts.

Dates, times and numbers are written in the reader's language through Babel (``common.l10n``):
``30 November 2021``, ``30 ноября 2021 г.``, ``2021년 11월 30일``.
"""

from __future__ import annotations

import datetime as dt
import re

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from plenary.common import l10n, translations
from plenary.common.enums import DatePrecision, Language
from plenary.forums import naming
from plenary.people import naming as people_naming
from plenary.people.enums import RANK_LEVEL, Rank

register = template.Library()

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@register.filter
def partial_date(value: dt.date | None, precision: str = DatePrecision.DAY) -> str:
    """``30 November 2021``, ``November 2021`` or ``2012``, as far as the sources give the date."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return l10n.month(value)
    return l10n.day(value)


def date_span(
    start: dt.date | None, end: dt.date | None, precision: str = DatePrecision.DAY
) -> str:
    """A span of days written once where the ends share month or year: ``6–7 November 2018``."""
    if start is None:
        return partial_date(end, precision)
    if end is None or end == start or precision != DatePrecision.DAY:
        return partial_date(start, precision)
    return l10n.day_span(start, end)


@register.filter
def edition_date(edition) -> str:
    """The dates of an edition, honouring ``date_precision``; ``date not known`` when empty."""
    return date_span(edition.start_date, edition.end_date, edition.date_precision) or _(
        "date not known"
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


@register.filter
def ldate(value: dt.date | dt.datetime | None) -> str:
    """A day in the reader's language: ``30 November 2021``."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return l10n.day(value)


@register.filter
def lmoment(value: dt.datetime | None) -> str:
    """A day and a time in the reader's language: ``30 November 2021, 10:00``."""
    if value is None or value == "":
        return ""
    return l10n.moment(value)


@register.filter
def lclock(value: dt.datetime | dt.time | None) -> str:
    """A time of day: ``10:00``."""
    if value is None or value == "":
        return ""
    return l10n.clock(value)


@register.filter
def lnumber(value) -> str:
    """A number grouped the reader's way: ``1,234``, ``1 234``."""
    if value is None or value == "":
        return ""
    return l10n.number(value)


@register.filter
def meeting_when(meeting) -> str:
    """Date and local times of a meeting in its own time zone, with the zone and its offset:
    ``30 November 2021, 10:00–12:30, Asia/Dushanbe (UTC+05:00)``."""
    day = meeting.local_date
    if day is None:
        return _("date not known")
    parts = [partial_date(day)]
    start, end = meeting.local_start, meeting.local_end
    if start is not None:
        times = l10n.clock(start)
        if end is not None:
            times += (
                f"–{l10n.clock(end)}"
                if end.date() == start.date()
                else f" – {partial_date(end.date())} {l10n.clock(end)}"
            )
        parts.append(times)
        reference = start
    else:
        reference = dt.datetime.combine(day, dt.time(12), tzinfo=meeting.zone)
    if meeting.timezone:
        parts.append(f"{meeting.timezone} ({l10n.utc_offset(reference)})")
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
def state_name(state, language: str = "") -> str:
    """The name of ``state`` in ``language`` (the reader's when not given): the forum's usage
    where recorded, else CLDR. The Republic of Korea is never "South Korea"."""
    return naming.state_name(state, language or translation.get_language() or "en")


@register.filter
def local_name(state) -> str:
    """``{{ state|local_name }}``: the state's name in the reader's language."""
    if state is None:
        return ""
    return naming.state_name(state, translation.get_language() or "en")


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
def sources(citations: dict, obj, label: str = "") -> dict:
    """A ``<details>`` box listing where the facts of ``obj`` come from; nothing when no source
    is recorded. ``label`` names the box (``Sources`` when not given)."""
    key = _citation_key(obj)
    found = citations.get(key, []) if key else []
    return {
        "label": label or _("Sources"),
        "items": [{"citation": c, "field": field_label(obj, c.field)} for c in found],
    }


@register.inclusion_tag("partials/conflicts.html")
def conflicts_box(conflicts: list) -> dict:
    """The "Conflicts between sources" box: every unsettled disagreement on the page."""
    return {
        "conflicts": [
            {
                "subject": getattr(conflict.subject, "display_name", None) or conflict.subject,
                "field": field_label(conflict.subject, conflict.field),
                "citations": conflict.citations,
            }
            for conflict in conflicts
        ]
    }


@register.simple_tag
def tr(obj, field: str):
    """``{% tr edition "theme" %}``: a recorded value in the reader's language. Where no
    translation is recorded, the English text is shown inside ``<span lang="en">`` marked as not
    translated, so screen readers switch voice and sighted readers see the mark."""
    if obj is None:
        return ""
    value = translations.localized(obj, field)
    if not value.missing:
        if value.language == (translation.get_language() or "en"):
            return value.text
        return format_html('<span lang="{}">{}</span>', value.language, value.text)
    return format_html(
        '<span lang="en" class="untranslated" title="{}">{}</span>',
        _("Not yet translated"),
        value.text,
    )


@register.filter
def tr_text(obj, field: str) -> str:
    """``{{ edition|tr_text:"theme" }}``: the same value as plain text, for titles and
    attributes."""
    if obj is None:
        return ""
    return translations.localized(obj, field).text


@register.simple_tag
def person_name(person):
    """``{% person_name person %}``: the person's name in the reader's language, inside a
    ``lang`` span; where no form in that language is recorded, the default (English) form marked
    as such, as ``{% tr %}`` marks an untranslated value."""
    if person is None:
        return ""
    reader = translation.get_language() or "en"
    shown = people_naming.shown_name(person, reader)
    if shown.missing:
        return format_html(
            '<span lang="en" class="untranslated" title="{}">{}</span>',
            _("No form of this name is recorded in this language"),
            shown.text,
        )
    if shown.language == reader.split("-")[0]:
        return shown.text
    return format_html('<span lang="{}">{}</span>', shown.language, shown.text)


@register.filter
def person_text(person) -> str:
    """``{{ person|person_text }}``: the same name as plain text, for titles and attributes."""
    if person is None:
        return ""
    return people_naming.shown_name(person, translation.get_language() or "en").text
