"""Dates, times and numbers in the reader's language, through Babel (CLDR).

English is written the way the forum's documents write it (``30 November 2021``, CLDR's British
English); Russian and Korean follow CLDR (``30 ноября 2021 г.``, ``2021년 11월 30일``). Every
function takes the language explicitly or uses the one Django activated for the request.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton, format_time
from babel.numbers import format_decimal
from django.utils import translation

# English dates are written day first, as in the forum's documents.
_BABEL_LOCALE = {"en": "en_GB"}


@lru_cache(maxsize=32)
def babel_locale(language: str | None = None) -> Locale:
    code = language or "en"
    try:
        return Locale.parse(_BABEL_LOCALE.get(code, code).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


def language() -> str:
    """The reader's language (English outside a request)."""
    return translation.get_language() or "en"


def current_locale() -> Locale:
    return babel_locale(language())


def day(value: dt.date, locale: Locale | None = None) -> str:
    """``30 November 2021``, ``30 ноября 2021 г.``, ``2021년 11월 30일``."""
    return format_date(value, format="long", locale=locale or current_locale())


def month(value: dt.date, locale: Locale | None = None) -> str:
    """``November 2021``, ``ноябрь 2021 г.``, ``2021년 11월``."""
    return format_skeleton("yMMMM", value, locale=locale or current_locale())


def day_span(start: dt.date, end: dt.date, locale: Locale | None = None) -> str:
    """A span of days written once where the ends share month or year: ``6–7 November 2018``,
    ``6–7 ноября 2018 г.``, ``2018년 11월 6일~7일``. Months are written out in full."""
    locale = locale or current_locale()
    if start == end:
        return day(start, locale)
    if not str(locale.date_formats["long"].pattern).startswith("d"):
        # Year first (Korean): CLDR's own interval keeps the month's full name.
        return format_interval(start, end, skeleton="yMMMMd", locale=locale)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{day(end, locale)}"
    if start.year == end.year:
        return f"{format_skeleton('MMMMd', start, locale=locale)} – {day(end, locale)}"
    return f"{day(start, locale)} – {day(end, locale)}"


def clock(value: dt.datetime | dt.time, locale: Locale | None = None) -> str:
    """A time of day on the 24-hour clock the forum's programmes use: ``10:00``."""
    return format_time(value, format="HH:mm", locale=locale or current_locale())


def moment(value: dt.datetime, locale: Locale | None = None) -> str:
    """A date and a time: ``30 November 2021, 10:00``."""
    locale = locale or current_locale()
    return f"{day(value.date(), locale)}, {clock(value, locale)}"


def utc_offset(value: dt.datetime) -> str:
    """The offset of an aware datetime from UTC: ``UTC+09:00``, ``UTC-03:30``, ``UTC+00:00``."""
    offset = value.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def number(value, locale: Locale | None = None) -> str:
    """``1,234`` in English, ``1 234`` in Russian, ``1,234`` in Korean."""
    return format_decimal(value, locale=locale or current_locale())


def language_name(code: str, locale: Locale | None = None) -> str:
    """A language's name in the reader's language: ``Russian``, ``русский``, ``러시아어``."""
    locale = locale or current_locale()
    return locale.languages.get(code) or code
