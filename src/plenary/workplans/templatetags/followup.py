"""Template filters of the follow-up pages (work plans, commitments, cooperation projects) and of
intake: an edition's number as the reader's language puts it in a sentence, an edition's name, and
a budget written as the reader's language writes money.

``{% load followup %}``.
"""

from __future__ import annotations

from babel.numbers import format_currency
from django import template

from plenary.common import l10n
from plenary.forums.models import ordinal

register = template.Library()


@register.filter
def nth(value) -> str:
    """An edition (or its number) for the ``%(nth)s`` of the catalogues: ``14th`` in English, the
    bare number in other languages, whose sentences write it themselves (``14-й форум``,
    ``제14차 포럼``) and decline it where the sentence needs a case that ``Edition.ordinal``
    (nominative) and ``Edition.ordinal_genitive`` do not give ("на 14-м форуме"). A sentence that
    takes the whole ordinal uses ``Edition.ordinal`` instead."""
    number = getattr(value, "number", value)
    if number is None or number == "":
        return ""
    english = l10n.language().split("-")[0] == "en"
    return ordinal(int(number)) if english else str(number)


@register.filter
def edition_name(edition) -> str:
    """An edition named in the reader's language: ``14th Korea–Central Asia Forum`` (as
    ``str(edition)`` in English), ``14-й …``, ``제14차 …`` (``Edition.short_display_name``)."""
    if edition is None:
        return ""
    return edition.short_display_name


def money(amount, currency: str) -> str:
    """``amount`` of ``currency`` as the reader's language writes it (Babel, CLDR)."""
    if amount is None:
        return ""
    return format_currency(amount, currency or "", locale=l10n.current_locale())


@register.filter
def budget(project) -> str:
    """A project's budget in the reader's format, or ``""`` when none is recorded."""
    return money(project.budget_amount, project.budget_currency)
