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


class Screenshots:
    """``shoot(page, name)`` saves a full-page screenshot under ``test-artifacts/<test name>/``,
    numbered in the order taken. At a phone's width it also looks whether the page scrolls
    sideways there, and keeps what it finds in ``sideways`` (each journey asserts it empty at its
    end, so that the rest of the journey still runs)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.taken: list[Path] = []
        self.sideways: list[str] = []

    def __call__(self, page, name: str) -> Path:
        from tests.browser.support import PHONE, check_overflow

        path = self.folder / f"{len(self.taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)
        if page.viewport_size and page.viewport_size["width"] <= PHONE["width"]:
            self.sideways += check_overflow(page, f"{name} ({page.url})")
        return path


@pytest.fixture
def screenshots(request):
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return Screenshots(folder)


# One loaded demo and one Chromium for all the tests of a module (tests/a11y_pages.py) ---------


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo behind a live server, with a signed-in session per role; each test that uses it
    must also ask for ``db`` (see ``tests.a11y_pages.demo_site``)."""
    from tests.a11y_pages import demo_site

    with demo_site(django_db_blocker, tmp_path_factory.mktemp("media")) as site:
        yield site


@pytest.fixture(scope="module")
def chromium(site, chromium_path):
    """One Chromium for the module (started after the site, stopped before it)."""
    from tests.a11y_pages import module_chromium

    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("Playwright is not installed; pip install -e '.[dev]' brings it.")
    with module_chromium(chromium_path, CHROMIUM_ARGS) as browser:
        yield browser
