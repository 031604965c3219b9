"""Template filters of the follow-up pages (work plans, commitments, cooperation projects) and of
intake: an edition's number as the reader's language puts it in a sentence, an edition's name, and
a budget written as the reader's language writes money.

``{% load followup %}``.
"""

from __future__ import annotations

from babel.numbers import format_currency
from django import template
from django.utils import translation
from django.utils.translation import pgettext

from plenary.common import l10n
from plenary.common.translations import localized
from plenary.forums.models import ordinal

register = template.Library()


@register.filter
def nth(value) -> str:
    """An edition (or its number) for the ``%(nth)s`` of the catalogues: ``14th`` in English, the
    bare number in other languages, whose sentences write it themselves (``14-й форум``,
    ``제14차 포럼``)."""
    number = getattr(value, "number", value)
    if number is None or number == "":
        return ""
    language = (translation.get_language() or "en").split("-")[0]
    return ordinal(int(number)) if language == "en" else str(number)


def forum_short_name(forum) -> str:
    """The forum's short name (else its name) in the reader's language where one is recorded."""
    return localized(forum, "short_name" if forum.short_name else "name").text


@register.filter
def edition_name(edition) -> str:
    """An edition named in the reader's language: ``14th Korea–Central Asia Forum`` (as
    ``str(edition)`` in English), ``14-й …``, ``제14차 …``."""
    if edition is None:
        return ""
    return pgettext("an edition of a forum", "%(nth)s %(forum)s") % {
        "nth": nth(edition.number),
        "forum": forum_short_name(edition.forum),
    }


def money(amount, currency: str) -> str:
    """``amount`` of ``currency`` as the reader's language writes it (Babel, CLDR)."""
    if amount is None:
        return ""
    return format_currency(amount, currency or "", locale=l10n.current_locale())


@register.filter
def budget(project) -> str:
    """A project's budget in the reader's format, or ``""`` when none is recorded."""
    return money(project.budget_amount, project.budget_currency)
