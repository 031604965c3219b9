"""The extractor: its output shape, the reports of eval/intake against their gold, the seed's case.

The gazetteer is built once from the demo's database (the forums, their other names and the people
with their name forms), then the database is rolled back; extraction itself reads no database.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from plenary.intake.evaluate import evaluate, load_corpus, score_case
from plenary.intake.extract import KEYS, extract, html_to_text
from plenary.intake.gazetteer import Gazetteer, fold_name

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "eval" / "intake"
SEED = ROOT.parent / "shared" / "seed"

pytestmark = pytest.mark.django_db

# The floor each own report must keep (F1 over all its fields), and the corpus as a whole.
CASE_FLOOR = 0.75
OVERALL_FLOOR = 0.90

# A report written for these tests: the seed's two contradictions in other words, and no year.
CONTRADICTIONS = """\
The 14th Korea–Central Asia Cooperation Forum was held in Dushanbe on 30 November.
Taking part were the foreign ministers of the Republic of Korea, Tajikistan, Kyrgyzstan and
Kazakhstan, and the deputy foreign minister of Kazakhstan.
The Uzbek foreign minister proposed a joint programme on the Aral Sea.
The participants adopted the 2022 Work Plan of the Forum's Secretariat.
"""


@pytest.fixture(scope="module")
def gazetteer(django_db_setup, django_db_blocker) -> Gazetteer:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        built = Gazetteer.from_database()
        transaction.set_rollback(True)
    return built


def test_output_has_exactly_the_documented_keys(gazetteer):
    result = extract(CONTRADICTIONS, gazetteer=gazetteer)
    assert list(result) == [*KEYS, "spans"]
    assert set(result["spans"]) == set(KEYS) - {"conflicts"}


def test_contradictions_are_flagged_not_resolved(gazetteer):
    result = extract(CONTRADICTIONS, gazetteer=gazetteer)
    assert [c["kind"] for c in result["conflicts"]] == [
        "duplicate_participant",
        "speaker_not_listed",
    ]
    assert "Kazakhstan" in result["conflicts"][0]["text"]
    assert "Uzbekistan" in result["conflicts"][1]["text"]
    # Both of Kazakhstan's entries stay, and Uzbekistan is there because its minister spoke.
    assert [(p["country"], p["rank"]) for p in result["participants"]] == [
        ("KR", "foreign_minister"),
        ("TJ", "foreign_minister"),
        ("KG", "foreign_minister"),
        ("KZ", "foreign_minister"),
        ("KZ", "deputy_minister"),
        ("UZ", "foreign_minister"),
    ]


def test_year_from_the_work_plan_when_the_date_has_none(gazetteer):
    result = extract(CONTRADICTIONS, gazetteer=gazetteer)
    assert (result["start_date"], result["end_date"]) == ("2021-11-30", "2021-11-30")


def test_year_from_the_publication_date(gazetteer):
    text = "The 9th Korea–Central Asia Cooperation Forum took place in Seoul on 5-6 October."
    result = extract(text, published=dt.date(2016, 1, 20), gazetteer=gazetteer)
    # The latest 5 October not after publication is in 2015.
    assert (result["start_date"], result["end_date"]) == ("2015-10-05", "2015-10-06")
    assert (result["city"], result["country"], result["format"]) == ("Seoul", "KR", "in_person")


def test_no_year_anywhere_gives_no_date(gazetteer):
    text = "The 9th Korea–Central Asia Cooperation Forum took place in Seoul on 5 October."
    result = extract(text, gazetteer=gazetteer)
    assert (result["start_date"], result["end_date"]) == (None, None)


def test_date_after_publication_is_a_conflict(gazetteer):
    text = "The 16th Korea–Central Asia Cooperation Forum was held in Seoul on 12 December 2023."
    result = extract(text, published=dt.date(2023, 12, 1), gazetteer=gazetteer)
    assert result["start_date"] == "2023-12-12"
    assert [c["kind"] for c in result["conflicts"]] == ["date_after_publication"]


def test_unknown_values_are_null_or_empty(gazetteer):
    result = extract("The weather in the capital was mild all week.", gazetteer=gazetteer)
    for key in KEYS:
        assert result[key] in (None, []), key


def test_spans_point_at_the_words_they_came_from(gazetteer):
    result = extract(CONTRADICTIONS, gazetteer=gazetteer)
    spans = result["spans"]
    city = spans["city"]
    assert CONTRADICTIONS[city["start"] : city["end"]] == "Dushanbe"
    number = spans["edition_number"]
    assert CONTRADICTIONS[number["start"] : number["end"]] == "14th"
    for key, value in spans.items():
        for span in value if isinstance(value, list) else [value]:
            if span is None:
                continue
            assert 0 <= span["start"] < span["end"] <= len(CONTRADICTIONS), key
            assert 0 < span["confidence"] <= 1, key
    proposal = spans["proposals"][0]
    assert (
        CONTRADICTIONS[proposal["start"] : proposal["end"]] == "a joint programme on the Aral Sea"
    )


def test_transliteration_variants_fold_alike():
    assert fold_name("Sirojiddin Mukhriddin") == fold_name("Sirojiddin Muhriddin")
    assert fold_name("Rashid Meredow") == fold_name("Rashid Meredov")


def test_a_known_person_under_another_spelling_gets_the_recorded_name(gazetteer):
    text = (
        "The 14th Korea–Central Asia Cooperation Forum was co-chaired in Dushanbe on "
        "30 November 2021 by Tajik Foreign Minister Sirojiddin Mukhriddin."
    )
    result = extract(text, gazetteer=gazetteer)
    assert result["chairs"] == [
        {"country": "TJ", "person": "Sirojiddin Muhriddin", "rank": "foreign_minister"}
    ]


def test_ordinals_in_words_and_roman_numerals(gazetteer):
    for text, number in [
        ("The fourteenth Korea–Central Asia Cooperation Forum opened.", 14),
        ("The VII Korea–Central Asia Cooperation Forum opened.", 7),
        ("The 30th anniversary was marked at the 15th Forum.", 15),
    ]:
        assert extract(text, gazetteer=gazetteer)["edition_number"] == number, text


def test_html_is_reduced_to_its_readable_text():
    html = (
        "<html><head><script>var x = 1;</script><style>p{}</style></head><body>"
        "<nav>Home &gt; Press</nav><h1>Forum held</h1><p>It met in <b>Seoul</b> &amp; "
        "Busan.</p><footer>Copyright</footer></body></html>"
    )
    assert html_to_text(html) == "Forum held\n\nIt met in Seoul & Busan."


@pytest.fixture(scope="module")
def corpus():
    cases = load_corpus(CORPUS, SEED)
    assert len([c for c in cases if c.name != "seed"]) >= 12
    return cases


def test_every_report_of_the_corpus_keeps_its_floor(corpus, gazetteer):
    below = {}
    for case in corpus:
        scores = score_case(
            extract(case.text, published=case.published, gazetteer=gazetteer), case.expected
        )
        matched = sum(s.matched for s in scores.values())
        proposed = sum(s.proposed for s in scores.values())
        expected = sum(s.expected for s in scores.values())
        precision = matched / proposed if proposed else 1.0
        recall = matched / expected if expected else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 < CASE_FLOOR:
            below[case.name] = round(f1, 3)
    assert below == {}


def test_the_corpus_as_a_whole_keeps_its_floor(corpus, gazetteer):
    assert evaluate(corpus, gazetteer).overall.f1 >= OVERALL_FLOOR


def test_gold_files_have_every_key(corpus):
    for case in corpus:
        assert set(case.expected) == set(KEYS), case.name


@pytest.mark.skipif(not SEED.is_dir(), reason="the seed folder is not beside this checkout")
def test_the_seed_report_gives_the_14th_forum_with_its_two_contradictions(gazetteer):
    text = next(p for p in sorted(SEED.iterdir()) if p.suffix == ".txt").read_text()
    result = extract(text, gazetteer=gazetteer)
    assert result["forum"] == "Korea–Central Asia Cooperation Forum"
    assert result["edition_number"] == 14
    assert (result["start_date"], result["city"], result["country"]) == (
        "2021-11-30",
        "Dushanbe",
        "TJ",
    )
    assert result["theme"] == "Korea-Central Asia Cooperation for Post-COVID-19 Economic Recovery"
    assert result["expert_count"] == 100
    assert [c["kind"] for c in result["conflicts"]] == [
        "duplicate_participant",
        "speaker_not_listed",
    ]
    assert result["decisions"] == [
        {
            "kind": "next_edition",
            "text": "In addition, they agreed to hold the 15th Forum in Seoul in 2022.",
            "city": "Seoul",
            "year": 2022,
        }
    ]


def test_command_prints_the_proposal_as_json(tmp_path, gazetteer):
    report = tmp_path / "report.txt"
    report.write_text(CONTRADICTIONS, encoding="utf-8")
    out = io.StringIO()
    call_command("intake", str(report), "--json", "--published", "2021-12-01", stdout=out)
    result = json.loads(out.getvalue())
    assert result["edition_number"] == 14
    assert result["start_date"] == "2021-11-30"


def test_command_refuses_bad_input(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(CommandError, match="is empty"):
        call_command("intake", str(empty), "--json")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("intake", str(tmp_path / "missing.txt"), "--json")
    report = tmp_path / "report.txt"
    report.write_text(CONTRADICTIONS, encoding="utf-8")
    with pytest.raises(CommandError, match="is not a date"):
        call_command("intake", str(report), "--json", "--published", "30/11/2021")


def test_evaluation_command_prints_the_table(capsys):
    out = io.StringIO()
    call_command("intake_eval", str(CORPUS), "--seed", str(SEED), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["field", "proposed", "expected", "matched", "P", "R", "F1"]
    assert any(line.startswith("overall") for line in lines)
