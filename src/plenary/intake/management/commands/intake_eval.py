"""``plenary intake_eval FOLDER``: precision, recall and F1 of the extractor per field."""

from __future__ import annotations

import time
from pathlib import Path

import dateparser
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plenary.intake.evaluate import evaluate, format_table, load_corpus
from plenary.intake.gazetteer import Gazetteer

# The checkout: src/plenary is BASE_DIR.
PROJECT_DIR = Path(settings.BASE_DIR).parents[1]


class Command(BaseCommand):
    help = "Score the extractor against the reports with a gold answer in FOLDER."

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=str(PROJECT_DIR / "eval" / "intake"))
        parser.add_argument(
            "--seed",
            default=str(PROJECT_DIR.parent / "shared" / "seed"),
            help="A folder with the seed press report, scored with FOLDER/seed.json when present.",
        )
        parser.add_argument("--cases", action="store_true", help="Also print F1 per report.")

    def handle(self, *args, folder, seed, cases, **options):
        folder_path = Path(folder)
        if not folder_path.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        corpus = load_corpus(folder_path, Path(seed))
        if not corpus:
            raise CommandError(f"{folder} holds no report with a gold answer.")
        gazetteer = Gazetteer.from_database()
        # dateparser reads its language data on first use; that one-time cost is not per report.
        dateparser.parse("30.11.2021", languages=["en"])
        started = time.perf_counter()
        report = evaluate(corpus, gazetteer)
        elapsed = time.perf_counter() - started
        self.stdout.write(format_table(report))
        if cases:
            self.stdout.write("")
            for name, scores in report.per_case.items():
                total = sum(s.matched for s in scores.values())
                proposed = sum(s.proposed for s in scores.values())
                expected = sum(s.expected for s in scores.values())
                p = total / proposed if proposed else 1.0
                r = total / expected if expected else 1.0
                f1 = 2 * p * r / (p + r) if p + r else 0.0
                worst = sorted(
                    (k for k, s in scores.items() if s.f1 < 1), key=lambda k: scores[k].f1
                )
                self.stdout.write(f"{name:<36} F1 {f1:.3f}  below 1: {', '.join(worst) or '-'}")
        self.stdout.write(
            f"\n{len(corpus)} reports in {elapsed:.2f} s ({len(corpus) / elapsed:.0f} reports/s)"
        )
