"""State names per language: the forum's usage where it differs, CLDR (through Babel) otherwise."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

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

    Uses the prefetched ``names`` of the state when present (call sites listing many states should
    ``prefetch_related("names")``), so that a list costs one query, not one per state.
    """
    if language == "en":
        return state.name
    for override in state.names.all():
        if override.language == language:
            return override.name
    return cldr_state_name(state.code, language) or state.name
