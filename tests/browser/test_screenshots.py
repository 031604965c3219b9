"""The main pages of the demo at a desktop's width and a phone's, in English and Russian: each is
photographed (``test-artifacts/screenshots/``; ``make screenshots`` copies some to
``docs/screenshots/`` for the README), none scrolls sideways on a phone, and the keyboard reaches
every control of each: pressing Tab from the top of the page goes through the main navigation, the
language switcher, the page's first form control and every other visible link and control.

The demo is loaded once for the module (``tests/a11y_pages.py``); each role has one browser
context per width, signed in by its session cookie.
"""

from __future__ import annotations

import time

import pytest

from tests.a11y_pages import Site, page_named
from tests.browser.conftest import ARTIFACTS
from tests.browser.support import WIDTHS, check_keyboard, check_overflow, slug

pytestmark = pytest.mark.browser

FOLDER = ARTIFACTS / "screenshots"
PAGES = [
    "landing",
    "edition (14th)",
    "meeting",
    "document",
    "drafting workspace (secretariat)",
    "registration (focal point)",
]


def visit(site: Site, chromium, language: str) -> list[str]:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for old in FOLDER.glob(f"{language}-*.png"):
        old.unlink()
    pages = [page_named(site.pages, name) for name in PAGES]
    problems = []
    for width_name, viewport in WIDTHS.items():
        contexts = {}
        try:
            for page in pages:
                if page.role not in contexts:
                    context = chromium.new_context(viewport=viewport)
                    context.add_cookies(site.cookies(page.role, language))
                    contexts[page.role] = context.new_page()
                tab = contexts[page.role]
                where = f"{page.name} [{page.role}, {language}, {width_name}]"
                response = tab.goto(site.url + page.url, wait_until="load")
                if response is None or response.status != page.status:
                    problems.append(f"{where}: answered {response and response.status}")
                    continue
                name = f"{language}-{width_name}-{slug(page.name)}"
                tab.screenshot(path=str(FOLDER / f"{name}.png"), full_page=True)
                tab.screenshot(path=str(FOLDER / f"{name}.top.png"))
                if width_name == "phone":
                    problems += check_overflow(tab, where)
                problems += check_keyboard(tab, where)
        finally:
            for tab in contexts.values():
                tab.context.close()
    return problems


@pytest.mark.parametrize("language", ["en", "ru"])
def test_main_pages_fit_a_phone_and_the_keyboard_reaches_every_control(
    site, chromium, db, language
):
    started = time.monotonic()
    problems = visit(site, chromium, language)
    print(
        f"screenshots: {len(PAGES)} pages × {len(WIDTHS)} widths in {language}"
        f" in {time.monotonic() - started:.1f} s"
    )
    assert not problems, "\n".join(problems)
