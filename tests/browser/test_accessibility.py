"""axe-core, run in Chromium, finds no violation of WCAG 2.0 and 2.1 (levels A and AA) on any
public or staff page of the demo, in English, Russian and Korean.

The pages are those of ``tests/a11y_pages.py``, each seen by its role. One test per language,
and one more for English in the dark colour scheme (the stylesheet has one, with colours of its
own); the demo is loaded once for all of them, one browser serves them, and each role has one
browser context (signed in by its session cookie, reading in the language by Django's language
cookie) whose one tab visits its pages in turn. A failure lists every violation: the page, the
rule, the elements (CSS selectors) and what axe says is wrong; the whole results are also kept in
``test-artifacts/accessibility/<language>.json``.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict

import pytest

from tests.a11y_pages import LANGUAGES, Site
from tests.browser.conftest import ARTIFACTS, _missing
from tests.browser.support import DESKTOP

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
FOLDER = ARTIFACTS / "accessibility"


@pytest.fixture(scope="module")
def axe():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _missing("axe-playwright-python is not installed; pip install -e '.[dev]' brings it.")
    return Axe()


def check_language(
    site: Site, chromium, axe, language: str, color_scheme: str = "light"
) -> tuple[list[dict], list[str]]:
    """Run axe on every page in ``language``; return the violations (one row per rule and
    page) and the pages that did not answer as expected."""
    by_role = defaultdict(list)
    for page in site.pages:
        by_role[page.role].append(page)
    rows, wrong = [], []
    for role, pages in by_role.items():
        context = chromium.new_context(viewport=DESKTOP, color_scheme=color_scheme)
        context.add_cookies(site.cookies(role, language))
        # axe is in every page from its start: evaluated once per page load, before the page's
        # own scripts, rather than sent again after each load.
        context.add_init_script(axe.axe_script)
        tab = context.new_page()
        try:
            for page in pages:
                response = tab.goto(site.url + page.url, wait_until="load")
                status = response.status if response else None
                if status != page.status:
                    wrong.append(f"{page} answered {status}")
                    continue
                results = tab.evaluate("options => axe.run(document, options)", OPTIONS)
                for violation in results["violations"]:
                    rows.append(
                        {
                            "page": page.name,
                            "role": role,
                            "url": page.url,
                            "language": language,
                            "rule": violation["id"],
                            "impact": violation.get("impact"),
                            "help": violation["help"],
                            "nodes": [
                                {
                                    "target": node["target"],
                                    "html": node.get("html", "")[:300],
                                    "summary": node.get("failureSummary", ""),
                                }
                                for node in violation["nodes"]
                            ],
                        }
                    )
        finally:
            context.close()
    return rows, wrong


def readable(rows: list[dict]) -> str:
    """Page by page, each rule with its elements and axe's summary for the first of them."""
    lines = []
    for row in rows:
        lines.append(
            f"{row['page']} [{row['role']}, {row['language']}] {row['url']}\n"
            f"  {row['rule']} ({row['impact']}): {row['help']}"
        )
        for node in row["nodes"][:5]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {' > '.join(map(str, node['target']))}\n      {summary[:300]}")
        if len(row["nodes"]) > 5:
            lines.append(f"    … and {len(row['nodes']) - 5} more elements")
    rules = defaultdict(set)
    for row in rows:
        rules[row["rule"]].add(row["page"])
    lines.append("\nBy rule:")
    lines += [f"  {rule}: {', '.join(sorted(pages))}" for rule, pages in sorted(rules.items())]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("language", "color_scheme"),
    [*((language, "light") for language in LANGUAGES), ("en", "dark")],
    ids=[*LANGUAGES, "en-dark"],
)
def test_axe_finds_no_violation_on_any_page(site, chromium, axe, db, language, color_scheme):
    started = time.monotonic()
    rows, wrong = check_language(site, chromium, axe, language, color_scheme)
    elapsed = time.monotonic() - started

    FOLDER.mkdir(parents=True, exist_ok=True)
    name = language if color_scheme == "light" else f"{language}-{color_scheme}"
    (FOLDER / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    print(f"axe: {len(site.pages)} pages in {name} in {elapsed:.1f} s")
    problems = []
    if wrong:
        problems.append("Pages that did not answer as expected:\n" + "\n".join(wrong))
    if rows:
        problems.append(
            f"axe found {len(rows)} violations (rule × page) in {name}:\n" + readable(rows)
        )
    assert not problems, "\n\n".join(problems)
