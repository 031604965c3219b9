"""A person's name in the reader's language.

The record keeps one default form of each name (``Person.name``, in English) and any number of
other forms (``PersonName``), each in a language and of a kind. A page in Russian shows the form
recorded in Russian, a native-script form before a transliteration before a romanization before
another spelling; with none recorded it shows the default form, marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from plenary.people.enums import NameKind

_KIND_ORDER = {
    NameKind.NATIVE: 0,
    NameKind.TRANSLITERATION: 1,
    NameKind.ROMANIZATION: 2,
    NameKind.ALIAS: 3,
}


@dataclass(frozen=True)
class ShownName:
    text: str
    language: str
    missing: bool  # no form in the asked language: ``text`` is the default (English) form
    default: str  # the default form, for a reader who needs it beside the other


def best_forms(rows) -> dict[int, str]:
    """``{person id: name}`` from ``(person_id, kind, name)`` rows of one language, the best
    form of each person kept."""
    found: dict[int, tuple[int, str]] = {}
    for person_id, kind, name in rows:
        rank = (_KIND_ORDER.get(kind, 9), name)
        if person_id not in found or rank < found[person_id]:
            found[person_id] = rank
    return {person_id: rank[1] for person_id, rank in found.items()}


def _cache_key(language: str) -> str:
    return f"plenary:person-names:{language}"


def recorded_forms(language: str) -> dict[int, str]:
    """``{person id: name}`` of every form recorded in ``language``: one query per language,
    kept in the cache until a ``PersonName`` in that language is saved or deleted."""
    from django.core.cache import cache

    from plenary.people.models import PersonName

    key = _cache_key(language)
    forms = cache.get(key)
    if forms is None:
        forms = best_forms(
            PersonName.objects.filter(language=language).values_list("person_id", "kind", "name")
        )
        cache.set(key, forms, None)
    return forms


def forget_recorded_forms(sender=None, instance=None, **kwargs) -> None:
    """Drop the cached forms of every language (connected to PersonName's signals): a form
    whose language was changed leaves the map of its former language as well."""
    from django.core.cache import cache

    from plenary.common.enums import Language

    cache.delete_many([_cache_key(code) for code in Language.values])


def shown_name(person, language: str) -> ShownName:
    """The name of ``person`` as a reader of ``language`` should see it."""
    base = language.split("-")[0]
    if base == "en":
        return ShownName(person.name, "en", False, person.name)
    prefetched = getattr(person, "_prefetched_objects_cache", {}).get("names")
    if prefetched is not None:
        other = best_forms(
            (row.person_id, row.kind, row.name) for row in prefetched if row.language == base
        ).get(person.pk)
    else:
        other = recorded_forms(base).get(person.pk)
    if other:
        return ShownName(other, base, False, person.name)
    return ShownName(person.name, "en", True, person.name)
