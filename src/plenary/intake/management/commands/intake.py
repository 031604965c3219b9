"""``plenary intake FILE [--published YYYY-MM-DD] --json``: the facts a press report states."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plenary.intake.extract import extract, html_to_text, looks_like_html


class Command(BaseCommand):
    help = "Read a press report (plain text or HTML; - for standard input) and propose its facts."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--published", help="The report's publication date, YYYY-MM-DD.")
        parser.add_argument("--json", action="store_true", help="Print the proposal as JSON.")

    def handle(self, *args, file, published, **options):
        try:
            raw = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        if not raw.strip():
            raise CommandError(f"{file} is empty.")
        try:
            day = dt.date.fromisoformat(published) if published else None
        except ValueError as error:
            raise CommandError(f"--published {published!r} is not a date (YYYY-MM-DD).") from error
        text = (
            html_to_text(raw) if file.endswith((".html", ".htm")) or looks_like_html(raw) else raw
        )
        result = extract(text, published=day)
        if options["json"]:
            self.stdout.write(_dumps(result))
        else:
            self.stdout.write(_readable(result))


def _dumps(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2)


def _readable(result: dict) -> str:
    lines = []
    for key, value in result.items():
        if key == "spans":
            continue
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {item}" for item in value)
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)
