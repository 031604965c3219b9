"""The main pages of the demo at a desktop's width and a phone's, in English and Russian: each is
photographed (``test-artifacts/screenshots/``; ``make screenshots`` copies some to
``docs/screenshots/`` for the README), none scrolls sideways on a phone, and the keyboard reaches
every control of each: pressing Tab from the top of the page goes through the main navigation, the
language switcher, the page's first form control and every other visible link and control.

The demo is loaded once for the module (``tests/a11y_pages.py``); each role has one browser
context per width, signed in by its session cookie.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.a11y_pages import Site, demo_site, module_chromium, page_named
from tests.browser.conftest import ARTIFACTS, CHROMIUM_ARGS, _missing

pytestmark = pytest.mark.browser

FOLDER = ARTIFACTS / "screenshots"
WIDTHS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}
PAGES = [
    "landing",
    "edition (14th)",
    "meeting",
    "document",
    "drafting workspace (secretariat)",
    "registration (focal point)",
]

# What a keyboard user can reach: every visible link and control, not disabled, not in an inert
# part of the page. Radio buttons of one group count once (Tab enters the group, arrows move).
INTERACTIVE = (
    "a[href], area[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), "
    "select:not([disabled]), textarea:not([disabled]), summary, iframe, "
    "[tabindex]:not([tabindex='-1']), [contenteditable='true']"
)

RECORD_FOCUS = """() => {
  window.__tabbed = [];
  document.addEventListener('focusin', event => window.__tabbed.push(event.target), true);
  if (document.activeElement && document.activeElement !== document.body) {
    document.activeElement.blur();
  }
}"""

# After the Tabs: which visible controls were never focused, and whether the main navigation,
# the language switcher and the first form control of the page were.
UNREACHED = """(selector) => {
  const tabbed = new Set(window.__tabbed);
  const visible = el => el.checkVisibility({visibilityProperty: true})
      && !el.closest('[inert]') && el.getClientRects().length > 0;
  const key = el => (el.type === 'radio' && el.name) ? 'radio:' + el.form?.id + ':' + el.name : el;
  const reachedKeys = new Set([...tabbed].map(key));
  const describe = el => {
    let text = (el.getAttribute('aria-label') || el.textContent || el.value || el.name || '')
        .trim().replace(/\\s+/g, ' ').slice(0, 60);
    let path = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string'
           ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    return path + (text ? ' “' + text + '”' : '');
  };
  const candidates = [...document.querySelectorAll(selector)].filter(visible);
  const unreached = candidates.filter(el => !reachedKeys.has(key(el))).map(describe);
  const main = document.querySelector('main');
  const firstControl = main && [...main.querySelectorAll(
      'input:not([type=hidden]):not([disabled]), select:not([disabled]), '
      + 'textarea:not([disabled]), button:not([disabled])')].find(visible);
  return {
    candidates: candidates.length,
    tabbed: tabbed.size,
    unreached,
    navigation: [...tabbed].some(el => el.closest('.site-nav')),
    switcher: [...tabbed].some(el => el.closest('.language-switcher')),
    firstControl: firstControl ? describe(firstControl) : null,
    firstControlReached: firstControl ? reachedKeys.has(key(firstControl)) : null,
  };
}"""

OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1 && el.checkVisibility())
    .filter(el => !el.closest('.visually-hidden'))
    .slice(0, 8)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
         + (typeof el.className === 'string' && el.className
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
         + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ')');
  return {scrollWidth: root.scrollWidth, clientWidth: width, wide};
}"""


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    with demo_site(django_db_blocker, tmp_path_factory.mktemp("media")) as site:
        yield site


@pytest.fixture(scope="module")
def chromium(site, chromium_path):
    """One Chromium for the module (started after the site, stopped before it)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("Playwright is not installed; pip install -e '.[dev]' brings it.")
    with module_chromium(chromium_path, CHROMIUM_ARGS) as browser:
        yield browser


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def tab_through(tab, limit: int) -> None:
    """Press Tab from the top of the page until focus leaves the page or comes back round to
    the first element it reached (or ``limit`` presses)."""
    tab.evaluate(RECORD_FOCUS)
    for _ in range(limit):
        tab.keyboard.press("Tab")
        round_done = tab.evaluate(
            """() => {
              const active = document.activeElement;
              return !active || active === document.body
                || (window.__tabbed.length > 1 && active === window.__tabbed[0]);
            }"""
        )
        if round_done:
            break


def check_keyboard(tab, where: str) -> list[str]:
    limit = tab.evaluate("selector => document.querySelectorAll(selector).length", INTERACTIVE) + 10
    tab_through(tab, limit)
    found = tab.evaluate(UNREACHED, INTERACTIVE)
    print(
        f"  {where}: Tab went through {found['tabbed']} elements; {found['candidates']} visible controls"
    )
    problems = []
    if not found["navigation"]:
        problems.append(f"{where}: Tab never reaches the main navigation")
    if not found["switcher"]:
        problems.append(f"{where}: Tab never reaches the language switcher")
    if found["firstControl"] and not found["firstControlReached"]:
        problems.append(
            f"{where}: Tab never reaches the first form control, {found['firstControl']}"
        )
    if found["unreached"]:
        problems.append(
            f"{where}: Tab reaches {found['tabbed']} of {found['candidates']} visible controls;"
            f" never: {'; '.join(found['unreached'][:10])}"
        )
    return problems


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
                    overflow = tab.evaluate(OVERFLOW)
                    if overflow["scrollWidth"] > overflow["clientWidth"]:
                        problems.append(
                            f"{where}: scrolls sideways ({overflow['scrollWidth']} px wide in "
                            f"{overflow['clientWidth']}); too wide: {', '.join(overflow['wide'])}"
                        )
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
