"""Every page of the demo (``tests/a11y_pages.py``) on a phone, 390 by 844 pixels, in English, each
seen by its role: none scrolls sideways, and pressing Tab from the top of the page reaches every
visible link and control (the main navigation, the language switcher, the page's first form
control and all the others). The top of each page, as a phone shows it first, is kept in
``test-artifacts/phone-pages/``.

The back office (Django's admin) is built on templates of its own: there Tab must reach its header
and its navigation rather than the site's.

The demo is loaded once for the module; each role has one browser context, signed in by its
session cookie, whose one tab visits its pages in turn. A failure lists every page that fails,
with what sticks out or what Tab never reaches.
"""

from __future__ import annotations

import time
from collections import defaultdict

import pytest
from django.urls import reverse

from tests.browser.conftest import ARTIFACTS
from tests.browser.support import (
    ADMIN_LANDMARKS,
    PHONE,
    SITE_LANDMARKS,
    check_keyboard,
    check_overflow,
    slug,
)

pytestmark = pytest.mark.browser

FOLDER = ARTIFACTS / "phone-pages"
LANGUAGE = "en"


def test_every_page_fits_a_phone_and_the_keyboard_reaches_every_control(site, chromium, db):
    started = time.monotonic()
    FOLDER.mkdir(parents=True, exist_ok=True)
    for old in FOLDER.glob("*.png"):
        old.unlink()
    by_role = defaultdict(list)
    for page in site.pages:
        by_role[page.role].append(page)
    admin = reverse("admin:index")
    problems: list[tuple[str, str]] = []
    for role, pages in by_role.items():
        context = chromium.new_context(viewport=PHONE)
        context.add_cookies(site.cookies(role, LANGUAGE))
        tab = context.new_page()
        try:
            for page in pages:
                where = f"{page.name} [{role}] {page.url}"
                response = tab.goto(site.url + page.url, wait_until="load")
                status = response.status if response else None
                if status != page.status:
                    problems.append((page.name, f"{where}: answered {status}, not {page.status}"))
                    continue
                tab.screenshot(path=str(FOLDER / f"{slug(page.name)}.png"))
                landmarks = ADMIN_LANDMARKS if page.url.startswith(admin) else SITE_LANDMARKS
                found = check_overflow(tab, where) + check_keyboard(tab, where, landmarks)
                problems += [(page.name, problem) for problem in found]
        finally:
            context.close()
    elapsed = time.monotonic() - started
    print(
        f"phone pages: {len(site.pages)} pages at {PHONE['width']}×{PHONE['height']} in {elapsed:.1f} s"
    )

    assert not problems, f"{len(problems)} problems on a phone:\n" + "\n".join(
        problem for _, problem in problems
    )
