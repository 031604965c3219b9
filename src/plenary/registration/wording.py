"""The names that the registration, minutes and files pages put in their sentences, in the
reader's language: a state's, a forum's, a field's.

Record data itself is never translated here: a state's name comes from the forum's usage or CLDR
(``forums.naming``), a forum's or a field's name from its recorded translation, with the English
text when none is recorded.
"""

from __future__ import annotations

from django.utils import translation

from plenary.common import translations
from plenary.forums import naming


def language() -> str:
    """The reader's language (English outside a request)."""
    return translation.get_language() or "en"


def _is_english() -> bool:
    return language().split("-")[0] == "en"


def state_name(state) -> str:
    """The state's name in the reader's language: ``Kazakhstan``, ``Казахстан``, ``카자흐스탄``."""
    if state is None:
        return ""
    return naming.state_name(state, language())


def state_in_sentence(state) -> str:
    """The state's name as it stands after "of": "the Republic of Korea" in English (the article
    is English grammar), the name in the reader's language otherwise."""
    if state is None:
        return ""
    if _is_english():
        return state.name_in_sentence
    return state_name(state)


def record_text(obj, field: str) -> str:
    """A recorded value in the reader's language where it is translated, else the English."""
    if obj is None:
        return ""
    return translations.localized(obj, field).text
