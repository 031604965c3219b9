"""Moments as the registration pages and messages write them: in the meeting's own time zone,
with the zone and its offset, and in UTC beside it."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from plenary.common import l10n


def in_zone(moment: dt.datetime | None, zone: str = "") -> str:
    """``30 November 2026, 18:00 Asia/Seoul (UTC+09:00; 09:00 UTC)``, or ``…, 09:00 UTC`` when
    the meeting's zone is not known."""
    if moment is None:
        return ""
    utc = moment.astimezone(dt.UTC)
    if not zone or zone == "UTC":
        return f"{l10n.moment(utc)} UTC"
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    same_day = local.date() == utc.date()
    in_utc = f"{utc:%H:%M}" if same_day else l10n.moment(utc)
    return f"{l10n.moment(local)} {zone} ({l10n.utc_offset(local)}; {in_utc} UTC)"
