"""Template filters of the registration pages."""

from __future__ import annotations

from django import template

from plenary.forums.naming import reader_state_in_sentence
from plenary.registration.moments import in_zone as _in_zone

register = template.Library()


@register.filter
def in_zone(moment, zone: str = "") -> str:
    """A moment in ``zone`` (a meeting's time zone), with the zone named and UTC beside it."""
    return _in_zone(moment, zone)


@register.filter
def in_sentence(state) -> str:
    """A state's name as it stands after "of": "the Republic of Korea" in English, the name in
    the reader's language otherwise."""
    return reader_state_in_sentence(state)
