"""How fast the report extractor reads, on the reports of eval/intake/.

Prints reports per second and the time per report (median and 95th percentile) for the whole
extraction, and in the same run for a baseline that only prepares a report (sentences cut,
states found, no fact read), so that the cost of reading the facts shows apart from the machine's
speed. The goal is at least 50 reports per second. Figures, not a pass or fail.

    .venv/bin/python bench/intake_speed.py [ROUNDS]

Uses the configured database (with the demo loaded: ``make demo``) for the gazetteer.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    import django

    django.setup()
    import dateparser

    from plenary.intake.evaluate import load_corpus
    from plenary.intake.extract import Extractor, extract
    from plenary.intake.gazetteer import Gazetteer

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    cases = load_corpus(ROOT / "eval" / "intake", ROOT.parent / "shared" / "seed")
    gazetteer = Gazetteer.from_database()
    dateparser.parse("30.11.2021", languages=["en"])  # its language data loads once

    def timed(run) -> list[float]:
        times = []
        for _ in range(rounds):
            for case in cases:
                started = time.perf_counter()
                run(case)
                times.append(time.perf_counter() - started)
        return times

    rows = [
        (
            "prepare only (baseline)",
            timed(lambda c: Extractor(text=c.text, published=c.published, gazetteer=gazetteer)),
        ),
        (
            "full extraction",
            timed(lambda c: extract(c.text, published=c.published, gazetteer=gazetteer)),
        ),
    ]
    chars = sum(len(c.text) for c in cases) / len(cases)
    print(f"{len(cases)} reports (mean {chars:.0f} characters), {rounds} rounds each")
    print(f"{'pass':<26} {'reports/s':>10} {'p50 ms':>8} {'p95 ms':>8}")
    for name, times in rows:
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"{name:<26} {len(times) / sum(times):>10.0f} "
            f"{statistics.median(times) * 1000:>8.1f} {p95 * 1000:>8.1f}"
        )
    full = rows[1][1]
    print(f"goal: 50 reports/s; full extraction is {len(full) / sum(full) / 50:.1f}x the goal")


if __name__ == "__main__":
    main()
