"""State names per language: the forum's usage where it differs, CLDR (through Babel) otherwise;
the ``reader_`` functions name a state in the reader's language."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

from plenary.common import l10n
from plenary.forums.models import State


@lru_cache(maxsize=64)
def _cldr_territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def cldr_state_name(code: str, language: str) -> str | None:
    """The name CLDR gives the territory ``code`` in ``language``, or None."""
    return _cldr_territories(language).get(code.upper())


def state_name(state: State, language: str) -> str:
    """The name of ``state`` in ``language``.

    Uses the prefetched ``names`` of the state when present; otherwise the forum's usage comes
    from one cached map of every recorded name in that language (a few dozen rows, dropped
    whenever a ``StateName`` is saved or deleted), so a page listing states costs no query per
    state in any language.
    """
    if language == "en":
        return state.name
    prefetched = getattr(state, "_prefetched_objects_cache", {}).get("names")
    if prefetched is not None:
        for override in prefetched:
            if override.language == language:
                return override.name
    else:
        override = recorded_names(language).get(state.pk)
        if override:
            return override
    return cldr_state_name(state.code, language) or state.name


def reader_state_name(state: State | None) -> str:
    """The state's name in the reader's language: ``Kazakhstan``, ``Казахстан``, ``카자흐스탄``."""
    if state is None:
        return ""
    return state_name(state, l10n.language())


def reader_state_in_sentence(state: State | None) -> str:
    """The state's name as it stands after "of", in the reader's language: "the Republic of
    Korea" in English (the article is English grammar), the name alone otherwise."""
    if state is None:
        return ""
    if l10n.language().split("-")[0] == "en":
        return state.name_in_sentence
    return reader_state_name(state)


def _cache_key(language: str) -> str:
    return f"plenary:state-names:{language}"


def recorded_names(language: str) -> dict[int, str]:
    """``{state id: name}`` of the forum's recorded usage in ``language``."""
    from django.core.cache import cache

    from plenary.forums.models import StateName

    key = _cache_key(language)
    names = cache.get(key)
    if names is None:
        names = dict(StateName.objects.filter(language=language).values_list("state_id", "name"))
        cache.set(key, names, None)
    return names


def forget_recorded_names(sender=None, instance=None, **kwargs) -> None:
    """Drop the cached names of ``instance``'s language (connected to StateName's signals)."""
    from django.core.cache import cache

    if instance is not None:
        cache.delete(_cache_key(instance.language))
