"""Template filters of the registration pages."""

from __future__ import annotations

from django import template

from plenary.registration.moments import in_zone as _in_zone

register = template.Library()


@register.filter
def in_zone(moment, zone: str = "") -> str:
    """A moment in ``zone`` (a meeting's time zone), with the zone named and UTC beside it."""
    return _in_zone(moment, zone)
