"""Moments as the registration pages and messages write them: in the meeting's own time zone,
with the zone and its offset, and in UTC beside it."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from plenary.common import l10n


def _offset(moment: dt.datetime) -> str:
    offset = moment.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def _day_and_time(moment: dt.datetime) -> str:
    return l10n.moment(moment)


def in_zone(moment: dt.datetime | None, zone: str = "") -> str:
    """``30 November 2026, 18:00 Asia/Seoul (UTC+09:00; 09:00 UTC)``, or ``…, 09:00 UTC`` when
    the meeting's zone is not known."""
    if moment is None:
        return ""
    utc = moment.astimezone(dt.UTC)
    if not zone or zone == "UTC":
        return f"{_day_and_time(utc)} UTC"
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    same_day = local.date() == utc.date()
    in_utc = f"{utc:%H:%M}" if same_day else _day_and_time(utc)
    return f"{_day_and_time(local)} {zone} ({_offset(local)}; {in_utc} UTC)"
