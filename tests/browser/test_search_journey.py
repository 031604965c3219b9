"""Search in a real browser, on a phone and at a desk: a reader looks for a minister by the Russian form of
his name, narrows the results to people, and follows the result to the person's page; the page
of results has no accessibility violation (axe-core, WCAG 2.0 and 2.1, A and AA) in English,
Russian and Korean."""

from __future__ import annotations

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture fails or skips with what to install
    expect = None

from plenary.common.domain import translation_record
from plenary.people.domain import person_record
from tests import factories
from tests.browser.conftest import _missing
from tests.browser.support import WIDTHS, check_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}


@pytest.fixture
def record(forum):
    komilov = person_record(
        slug="sirojiddin-komilov",
        name="Sirojiddin Komilov",
        names=[("Сироджиддин Комилов", "ru", "native"), ("시로지딘 코밀로프", "ko", "native")],
        note="Foreign Minister of Tajikistan.",
    )
    edition = factories.EditionFactory(
        forum=forum, number=14, city="Dushanbe", host_state=factories.state("TJ")
    )
    translation_record(edition, field="city", language="ru", text="Душанбе")
    meeting = factories.MeetingFactory(edition=edition, title="Ministerial plenary")
    factories.StatementFactory(
        meeting=meeting,
        delegation__state=factories.state("TJ"),
        speaker_person=komilov,
        summary="Komilov spoke of <water> and energy in Dushanbe.",
    )
    return komilov


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_a_reader_finds_a_minister_by_the_russian_form_of_his_name(
    live_server, browser, record, width
):
    problems: list[str] = []
    page = browser.new_page(viewport=WIDTHS[width])
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(live_server.url + "/search/")

    search = page.get_by_role("search")
    search.get_by_label("Words to look for").fill("Комилов")
    search.get_by_role("button", name="Search").click()

    results = page.locator(".search-results__list > li")
    expect(page.get_by_role("status")).to_have_text("2 records match “Комилов”.")
    expect(results).to_have_count(2)
    expect(results.locator("mark").first).to_have_text("Комилов")

    page.get_by_role("group", name="Kinds of record").get_by_label("Person").check()
    search.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text("1 record matches “Комилов”.")
    expect(results).to_have_count(1)
    expect(page.get_by_label("Person")).to_be_checked()
    if width == "phone":
        assert check_overflow(page, "the results") == []

    page.get_by_role("link", name="Сироджиддин Комилов").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sirojiddin Komilov")
    assert problems == []


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_results_page_passes_axe_in_every_language(live_server, browser, record, width):
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _missing("axe-playwright-python is not installed; pip install -e '.[dev]' brings it.")
    axe = Axe()
    found = {}
    for language, query in [("en", "Dushanbe"), ("ru", "Душанбе"), ("ko", "코밀로프")]:
        context = browser.new_context(viewport=WIDTHS[width], locale=language)
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        context.add_init_script(axe.axe_script)
        page = context.new_page()
        page.goto(f"{live_server.url}/search/?q={query}")
        expect(page.locator(".search-results__list > li").first).to_be_visible()
        results = page.evaluate("options => axe.run(document, options)", OPTIONS)
        found[language] = [
            (violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in results["violations"]
        ]
        context.close()
    assert found == {"en": [], "ru": [], "ko": []}
