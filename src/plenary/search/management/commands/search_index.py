"""``plenary search_index``: how full the search index is; ``--rebuild`` writes it again."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db.models import Count

from plenary.search import indexing
from plenary.search.models import SearchEntry


class Command(BaseCommand):
    help = (
        "Show the entries of the search index per kind and language; with --rebuild, write the "
        "whole index again from the record (it is otherwise kept up to date on every save)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--rebuild", action="store_true", help="Write every entry again from the record."
        )

    def handle(self, *args, **options) -> None:
        if options["rebuild"]:
            started = time.monotonic()
            count = indexing.rebuild(progress=self._progress)
            seconds = time.monotonic() - started
            self.stdout.write(
                self.style.SUCCESS(f"Search index rebuilt: {count} entries in {seconds:.1f} s.")
            )
        rows = (
            SearchEntry.objects.values("kind", "language")
            .annotate(entries=Count("id"))
            .order_by("kind", "language")
        )
        by_kind: dict[str, list[str]] = {}
        for row in rows:
            by_kind.setdefault(row["kind"], []).append(f"{row['language']} {row['entries']}")
        if not by_kind:
            self.stdout.write("The search index is empty.")
        for kind, counts in by_kind.items():
            self.stdout.write(f"  {kind}: {', '.join(counts)}")

    def _progress(self, kind: str, done: int, total: int) -> None:
        ending = "\n" if done == total else ""
        self.stdout.write(f"\r  {kind}: {done} of {total}", ending=ending)
        self.stdout.flush()
