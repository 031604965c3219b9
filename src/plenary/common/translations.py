"""Record content in the reader's language, with the English text as the fallback.

``localized(obj, "theme")`` gives the text to show and the language it is in. Translations of a
model are read once into a cached map per model and language (a site has hundreds, not
millions) and the map is dropped whenever a translation is saved or deleted, so a page costs no
query per translated value.
"""

from __future__ import annotations

from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import translation

SOURCE_LANGUAGE = "en"


class Localized(NamedTuple):
    text: str
    language: str
    missing: bool  # the reader's language has no translation; ``text`` is the English


def _key(content_type_id: int, language: str) -> str:
    return f"plenary:translations:{content_type_id}:{language}"


def _map(content_type_id: int, language: str) -> dict[tuple[int, str], str]:
    from plenary.common.models import Translation

    key = _key(content_type_id, language)
    found = cache.get(key)
    if found is None:
        rows = Translation.objects.filter(
            content_type_id=content_type_id, language=language
        ).values_list("object_id", "field", "text")
        found = {(object_id, field): text for object_id, field, text in rows}
        cache.set(key, found, None)
    return found


def localized(obj, field: str, language: str | None = None) -> Localized:
    """``obj.<field>`` in ``language`` (the reader's when not given)."""
    language = language or translation.get_language() or SOURCE_LANGUAGE
    original = getattr(obj, field, "") or ""
    if language == SOURCE_LANGUAGE or not original or obj.pk is None:
        return Localized(str(original), SOURCE_LANGUAGE, False)
    if field not in getattr(obj, "translatable_fields", ()):
        return Localized(str(original), SOURCE_LANGUAGE, False)
    content_type = ContentType.objects.get_for_model(obj)
    text = _map(content_type.pk, language).get((obj.pk, field))
    if text:
        return Localized(text, language, False)
    return Localized(str(original), SOURCE_LANGUAGE, True)


def record_text(obj, field: str) -> str:
    """``obj.<field>`` in the reader's language where it is translated, else the English; ``""``
    for no object."""
    if obj is None:
        return ""
    return localized(obj, field).text


def forget(sender=None, instance=None, **kwargs) -> None:
    """Drop the cached map of ``instance``'s model and language (connected to the signals)."""
    if instance is not None:
        cache.delete(_key(instance.content_type_id, instance.language))
