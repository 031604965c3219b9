"""The order of precedence: how every list of states in a forum is ordered.

English alphabetical by default; a forum may choose Russian or Korean alphabetical, or its own
order, and may put the host of an edition first. Views never sort states themselves: they call
``in_precedence``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from plenary.forums.enums import Precedence
from plenary.forums.models import Forum, Membership, State
from plenary.forums.naming import state_name

T = TypeVar("T")

_LANGUAGE_OF = {Precedence.ENGLISH: "en", Precedence.RUSSIAN: "ru", Precedence.KOREAN: "ko"}


def collation_key(text: str) -> str:
    """A sort key that ignores case and accents, and files Russian ё with е."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("ё", "е"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def precedence_key(
    forum: Forum | None,
    *,
    host: State | None = None,
    ranks: dict[int, int | None] | None = None,
) -> Callable[[State], tuple]:
    """A key function ordering states as ``forum`` wants them.

    ``ranks`` maps state ids to the forum's own order (from ``Membership.precedence_rank``); it is
    looked up once when the forum uses its own order and none is given.
    """
    precedence = forum.precedence if forum is not None else Precedence.ENGLISH
    put_host_first = host is not None and (forum is None or forum.host_first)
    if precedence == Precedence.CUSTOM and ranks is None and forum is not None:
        ranks = dict(
            Membership.objects.filter(forum=forum).values_list("state_id", "precedence_rank")
        )
    language = _LANGUAGE_OF.get(precedence, "en")

    def key(state: State) -> tuple:
        first = 0 if put_host_first and state.pk == host.pk else 1
        if precedence == Precedence.CUSTOM:
            rank = (ranks or {}).get(state.pk)
            return (first, rank if rank is not None else 10_000, collation_key(state.name))
        return (first, collation_key(state_name(state, language)))

    return key


def in_precedence(
    items: Iterable[T],
    forum: Forum | None,
    *,
    state_of: Callable[[T], State] = lambda item: item,  # type: ignore[assignment,return-value]
    host: State | None = None,
    ranks: dict[int, int | None] | None = None,
) -> list[T]:
    """``items`` (states, or anything ``state_of`` maps to a state) in the forum's order.

    Pages that order many lists of one forum pass ``ranks`` (built from memberships they already
    hold), so that a forum with its own order costs no query per list.
    """
    key = precedence_key(forum, host=host, ranks=ranks)
    return sorted(items, key=lambda item: key(state_of(item)))
