"""Score the extractor against reports with a gold answer: precision, recall and F1 per field.

Each field is a set of items (a scalar is one item when not ``None``). A proposed item counts when
it matches an expected one that no other proposed item matched. How items match is set per field
below and described in docs/intake.md. *Overall* pools the items of every field.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from plenary.intake.extract import Extractor, html_to_text, looks_like_html
from plenary.intake.gazetteer import Gazetteer, fold, fold_name

FIELD_SYNONYMS = Extractor.FIELD_SYNONYMS
STOPWORDS = {
    "the", "a", "an", "of", "to", "and", "in", "on", "for", "that", "will", "would", "be", "with",
    "its", "their", "his", "her", "by", "as", "at", "is", "are", "this", "between", "two",
}  # fmt: skip


@dataclass
class Case:
    name: str
    text: str
    published: dt.date | None
    expected: dict
    note: str = ""


@dataclass
class Score:
    proposed: int = 0
    expected: int = 0
    matched: int = 0

    def add(self, other: Score) -> None:
        self.proposed += other.proposed
        self.expected += other.expected
        self.matched += other.matched

    @property
    def precision(self) -> float:
        return (
            self.matched / self.proposed if self.proposed else (1.0 if not self.expected else 0.0)
        )

    @property
    def recall(self) -> float:
        return (
            self.matched / self.expected if self.expected else (1.0 if not self.proposed else 0.0)
        )

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    fields: dict[str, Score] = field(default_factory=dict)
    per_case: dict[str, dict[str, Score]] = field(default_factory=dict)

    @property
    def overall(self) -> Score:
        total = Score()
        for score in self.fields.values():
            total.add(score)
        return total


# --- matching -------------------------------------------------------------------------------------


def _same_name(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return a == b
    fa, fb = fold_name(a), fold_name(b)
    if fa == fb or fuzz.ratio(fa, fb) >= 85:
        return True
    ta, tb = set(fa.split()), set(fb.split())
    return bool(ta and tb and (ta <= tb or tb <= ta))


def _same_title(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return fa == fb or fuzz.ratio(fa, fb) >= 85


def _same_forum(a: str, b: str) -> bool:
    words = Extractor._forum_words
    return _same_title(a, b) or fuzz.token_set_ratio(words(a), words(b)) >= 90


def _same_field(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return FIELD_SYNONYMS.get(fa, fa) == FIELD_SYNONYMS.get(fb, fb) or fuzz.ratio(fa, fb) >= 88


def _words(text: str) -> set[str]:
    return {w for w in fold(text).split() if w not in STOPWORDS}


def _same_proposal(a: dict, b: dict) -> bool:
    if a.get("country") != b.get("country"):
        return False
    wa, wb = _words(a.get("text") or ""), _words(b.get("text") or "")
    if not wa or not wb:
        return False
    common = len(wa & wb)
    return common / len(wb) >= 0.5 or common / len(wa) >= 0.5


def _same_decision(a: dict, b: dict) -> bool:
    return (
        a.get("kind") == b.get("kind")
        and fold(a.get("city") or "") == fold(b.get("city") or "")
        and a.get("year") == b.get("year")
    )


def _score(proposed: Iterable, expected: Iterable, same: Callable) -> Score:
    proposed, expected = list(proposed), list(expected)
    free = list(expected)
    matched = 0
    for item in proposed:
        for candidate in free:
            if same(item, candidate):
                free.remove(candidate)
                matched += 1
                break
    return Score(len(proposed), len(expected), matched)


def _scalar(value) -> list:
    return [] if value is None or value == "" else [value]


def _eq(a, b) -> bool:
    return a == b


def score_case(got: dict, want: dict) -> dict[str, Score]:
    """Per-field scores of one proposal against its gold answer."""
    scores: dict[str, Score] = {}
    scores["forum"] = _score(_scalar(got["forum"]), _scalar(want["forum"]), _same_forum)
    for key in ("edition_number", "start_date", "end_date", "country", "format", "expert_count"):
        scores[key] = _score(_scalar(got[key]), _scalar(want[key]), _eq)
    scores["city"] = _score(_scalar(got["city"]), _scalar(want["city"]), _same_title)
    scores["theme"] = _score(_scalar(got["theme"]), _scalar(want["theme"]), _same_title)
    for key in ("chairs", "participants"):
        scores[key] = _score(
            [(p["country"], p["rank"]) for p in got[key]],
            [(p["country"], p["rank"]) for p in want[key]],
            _eq,
        )
        scores[f"{key}.person"] = _score(
            [(p["country"], p["person"]) for p in got[key] if p["person"]],
            [(p["country"], p["person"]) for p in want[key] if p["person"]],
            lambda a, b: a[0] == b[0] and _same_name(a[1], b[1]),
        )
    scores["expert_session_fields"] = _score(
        got["expert_session_fields"], want["expert_session_fields"], _same_field
    )
    scores["preparatory_meetings"] = _score(
        [m["kind"] for m in got["preparatory_meetings"]],
        [m["kind"] for m in want["preparatory_meetings"]],
        _eq,
    )
    scores["proposals"] = _score(got["proposals"], want["proposals"], _same_proposal)
    scores["outcome_documents"] = _score(
        got["outcome_documents"], want["outcome_documents"], _same_title
    )
    scores["decisions"] = _score(got["decisions"], want["decisions"], _same_decision)
    scores["conflicts"] = _score(
        [c["kind"] for c in got["conflicts"]], [c["kind"] for c in want["conflicts"]], _eq
    )
    return scores


# --- corpus ---------------------------------------------------------------------------------------


def load_case(gold_path: Path, text_path: Path, name: str | None = None) -> Case:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = text_path.read_text(encoding="utf-8")
    text = html_to_text(raw) if text_path.suffix == ".html" or looks_like_html(raw) else raw
    published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
    return Case(
        name=name or gold_path.stem,
        text=text,
        published=published,
        expected=gold["expected"],
        note=gold.get("note", ""),
    )


def load_corpus(folder: Path, seed_folder: Path | None = None) -> list[Case]:
    """Every ``NN-slug.json`` with its ``.txt`` or ``.html``; the seed's report when present."""
    cases = []
    for gold in sorted(folder.glob("*.json")):
        if not re.match(r"\d+-", gold.name):
            continue
        texts = [gold.with_suffix(s) for s in (".txt", ".html") if gold.with_suffix(s).exists()]
        if not texts:
            raise FileNotFoundError(f"{gold.name} has no report beside it (.txt or .html).")
        cases.append(load_case(gold, texts[0]))
    seed_gold = folder / "seed.json"
    if seed_folder and seed_folder.is_dir() and seed_gold.exists():
        reports = sorted(p for p in seed_folder.iterdir() if p.suffix in (".txt", ".html"))
        if reports:
            cases.append(load_case(seed_gold, reports[0], name="seed"))
    return cases


def evaluate(cases: list[Case], gazetteer: Gazetteer | None = None) -> Report:
    from plenary.intake.extract import extract

    gazetteer = gazetteer or Gazetteer.from_database()
    report = Report()
    for case in cases:
        got = extract(case.text, published=case.published, gazetteer=gazetteer)
        scores = score_case(got, case.expected)
        report.per_case[case.name] = scores
        for key, score in scores.items():
            report.fields.setdefault(key, Score()).add(score)
    return report


def format_table(report: Report) -> str:
    lines = [
        f"{'field':<24} {'proposed':>8} {'expected':>8} {'matched':>8} {'P':>6} {'R':>6} {'F1':>6}"
    ]
    rows = [*report.fields.items(), ("overall", report.overall)]
    for key, s in rows:
        if key == "overall":
            lines.append("-" * len(lines[0]))
        lines.append(
            f"{key:<24} {s.proposed:>8} {s.expected:>8} {s.matched:>8} "
            f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    return "\n".join(lines)
