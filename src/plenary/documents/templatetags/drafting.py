"""Template filters of the drafting pages."""

from __future__ import annotations

import datetime as dt

from django import template

from plenary.documents.notifications import utc as utc_text

register = template.Library()


@register.filter
def utc(value: dt.datetime | None) -> str:
    """A moment of the negotiation as every page, message and e-mail gives it, the same in every
    language: ``2025-03-24 09:00 UTC``."""
    if value is None or value == "":
        return ""
    return utc_text(value)


@register.filter
def iso_moment(value: dt.datetime | None) -> str:
    """The machine-readable form of a moment for ``<time datetime>``, in UTC to the second:
    ``2025-03-24T09:00:00Z``."""
    if value is None or value == "":
        return ""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
