"""Browser tests drive Debian's Chromium through Playwright; Playwright's own browser builds are
never downloaded.

Without ``/usr/bin/chromium`` (the Debian package ``chromium``) the browser tests fail on CI
(where ``CI`` is set and ``.ci/run`` installs it) and are skipped elsewhere, each with a message
that says what to install.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} CI must have it: .ci/run installs it with apt-get.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _unfreeze_adopted_text_before_flush(request):
    """Browser tests run against a live server, so their database is emptied after each test
    (a flush) rather than rolled back. On SQLite a flush deletes row by row, which the triggers
    that freeze an adopted text refuse; marking adopted versions superseded first (the triggers
    watch the version's status) lets the flush empty the tables. Nothing is checked after it."""
    if "transactional_db" not in request.fixturenames and not request.node.get_closest_marker(
        "django_db"
    ):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    from plenary.documents.enums import VersionStatus
    from plenary.documents.models import DocumentVersion

    DocumentVersion.objects.filter(status=VersionStatus.ADOPTED).update(
        status=VersionStatus.SUPERSEDED
    )
    # Approved minutes are locked the same way; deleting them (their revisions follow, by a
    # trigger) is what the locks allow.
    from plenary.minutes.models import Minutes

    Minutes.objects.all().delete()


@pytest.fixture(autouse=True)
def _live_server_closes_connections():
    """The live server answers each request in a thread of its own; with persistent connections
    (``CONN_MAX_AGE``, as on PostgreSQL) those threads would keep theirs open after the tests,
    and the test database could not be dropped. Close them at the end of each request instead."""
    from django.db import connections

    settings_dict = connections["default"].settings_dict
    kept = settings_dict.get("CONN_MAX_AGE", 0)
    settings_dict["CONN_MAX_AGE"] = 0
    yield
    settings_dict["CONN_MAX_AGE"] = kept


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not os.path.exists(CHROMIUM):
        _missing(
            f"Chromium is not installed at {CHROMIUM}; install the Debian package "
            "(apt-get install chromium) to run the browser tests."
        )
    return CHROMIUM


@pytest.fixture
def browser(chromium_path, monkeypatch):
    from django.db import connections

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed; pip install -e '.[dev]' brings it.")
    # Playwright's sync API runs an event loop in the test's thread; Django refuses ORM calls
    # from a thread with a running loop unless told that this use is safe, as it is here: the
    # loop only waits for the browser.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()
            # While Playwright's loop runs in this thread, Django keeps the ORM's connection in
            # the context's storage rather than the thread's: close that one here, or it stays
            # open after the test.
            connections.close_all()


@pytest.fixture
def screenshots(request):
    """``shoot(page, name)`` saves a full-page screenshot under ``test-artifacts/<test name>/``,
    numbered in the order taken."""
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    taken = []

    def shoot(page, name: str) -> Path:
        path = folder / f"{len(taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        taken.append(path)
        return path

    return shoot
