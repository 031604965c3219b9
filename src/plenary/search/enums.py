"""What the search index holds: one kind of entry per kind of record, and where each entry sits."""

import zlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.common.enums import Language


class SearchKind(models.TextChoices):
    EDITION = "edition", _("Edition")
    MEETING = "meeting", _("Meeting")
    STATEMENT = "statement", _("Statement")
    DOCUMENT = "document", _("Document")
    PERSON = "person", _("Person")
    PROJECT = "project", _("Project")


# The longest query the page accepts, in characters.
MAX_QUERY_LENGTH = 200
# The trigram index finds substrings of three characters or more; shorter terms are looked up as
# word prefixes (``backends``).
TRIGRAM = 3

# Entry ids are laid out by kind: the entry of record ``object_id`` of kind ``k`` in a language
# is ``k << 44 | object_id << 5 | language slot``. Each kind is then one range of the full-text
# index's row ids, which the index reads in order, newest record first, one kind at a time; the id
# of an entry never depends on the order in which entries were written.
_KIND_SLOT = {kind: slot for slot, kind in enumerate(SearchKind.values, start=1)}
_KIND_SHIFT = 44
_OBJECT_SHIFT = 5
_LANGUAGE_SLOTS = 1 << _OBJECT_SHIFT


def language_slot(language: str) -> int:
    """0–15 for the languages Plenary knows, 16–31 for any other (by a hash of the code)."""
    if language in Language.values:
        return Language.values.index(language)
    return 16 + zlib.crc32(language.encode()) % 16


def entry_id(kind: str, object_id: int, language: str) -> int:
    if not 0 < object_id < 1 << (_KIND_SHIFT - _OBJECT_SHIFT):
        raise ValueError(f"Object id {object_id} is out of the index's range.")
    return _KIND_SLOT[kind] << _KIND_SHIFT | object_id << _OBJECT_SHIFT | language_slot(language)


def kind_range(kind: str) -> tuple[int, int]:
    """The first and last entry id a kind may have."""
    first = _KIND_SLOT[kind] << _KIND_SHIFT
    return first, first + (1 << _KIND_SHIFT) - 1
