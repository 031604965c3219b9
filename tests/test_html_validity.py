"""Every page of the demo is valid HTML: the Nu HTML Checker (``vnu.jar``, the npm package
vnu-jar run with the machine's Java) reports no error on any of them, in English, Russian and
Korean.

The pages (``tests/a11y_pages.py``) are rendered with Django's test client, each as the role that
sees it, written to ``test-artifacts/html-validity/`` and checked by one run of the checker for
all of them; the errors are kept beside them in ``report.json``.
The jar is installed by ``scripts/vnu`` (``make test`` runs it); without it the test is skipped,
except on CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.a11y_pages import LANGUAGES, ROLES, Page, demo_pages, load_demo

ROOT = Path(__file__).resolve().parents[1]
# The rendered pages and the checker's findings (report.json) are kept here after a run.
ARTIFACTS = ROOT / "test-artifacts" / "html-validity"


def vnu_jar() -> Path:
    """The jar: ``VNU_JAR`` when set, else where ``scripts/vnu`` installs it."""
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    where = subprocess.run(
        ["bash", str(ROOT / "scripts" / "vnu"), "--path"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(where.stdout.strip())


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} CI must have it: .ci/run installs it.", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def checker() -> list[str]:
    """The command that runs the checker, less the files (skips, or fails on CI, without it)."""
    java = shutil.which("java")
    if java is None:
        _missing(
            "Java is not installed; the Nu HTML Checker runs on it "
            "(apt-get install default-jre-headless)."
        )
    jar = vnu_jar()
    if not jar.is_file():
        _missing(f"The Nu HTML Checker is not installed at {jar}; run scripts/vnu to install it.")
    return [java, "-jar", str(jar), "--errors-only", "--format", "json"]


def _file_name(language: str, page: Page) -> str:
    return f"{language}--{re.sub(r'[^a-z0-9]+', '-', page.name.lower()).strip('-')}.html"


def render_pages(folder: Path) -> tuple[dict[str, tuple[str, Page]], list[str]]:
    """Render every page in every language into ``folder``; return the file of each (its
    language and page) and the pages that did not answer as expected."""
    users = get_user_model().objects.in_bulk(
        [name for name in ROLES.values() if name], field_name="username"
    )
    clients: dict[str, Client] = {}
    for role, username in ROLES.items():
        client = Client(raise_request_exception=False)
        if username:
            client.force_login(users[username])
        clients[role] = client
    files: dict[str, tuple[str, Page]] = {}
    wrong: list[str] = []
    pages = demo_pages()
    for language in LANGUAGES:
        for page in pages:
            client = clients[page.role]
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            response = client.get(page.url)
            if response.status_code != page.status:
                wrong.append(f"{page} ({language}): answered {response.status_code}")
                continue
            name = _file_name(language, page)
            (folder / name).write_bytes(response.content)
            files[name] = (language, page)
    return files, wrong


def run_checker(command: list[str], paths: list[Path]) -> list[dict]:
    """The checker's messages for ``paths`` (one run for all)."""
    result = subprocess.run(
        [*command, *map(str, paths)], capture_output=True, text=True, check=False
    )
    # The checker writes its JSON report to standard error, and exits 1 when it found errors.
    output = result.stderr.strip() or result.stdout.strip()
    try:
        return json.loads(output)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"The Nu HTML Checker did not answer in JSON:\n{output[:2000]}", pytrace=False)


def report(messages: list[dict], files: dict[str, tuple[str, Page]]) -> str:
    """One line per error: the page, its role and language, the line and the message; then the
    messages by how often they occur."""
    lines = []
    for message in messages:
        name = Path(message.get("url", "")).name
        language, page = files.get(name, ("?", None))
        where = f"{page.name} [{page.role}, {language}] {page.url}" if page else name
        extract = " ".join((message.get("extract") or "").split())[:120]
        lines.append(
            f"{where}: line {message.get('lastLine', '?')}: {message.get('message')}"
            + (f"  «{extract}»" if extract else "")
        )
    counts = Counter(message.get("message") for message in messages)
    summary = [f"  {count:4d} × {text}" for text, count in counts.most_common()]
    return "\n".join([*lines, "", "By message:", *summary])


def _keep(errors: list[dict], files: dict[str, tuple[str, Page]]) -> None:
    """Write the errors, each with its page, role and language, to ``report.json``."""
    kept = []
    for message in errors:
        language, page = files.get(Path(message.get("url", "")).name, ("?", None))
        kept.append(
            {
                "page": page.name if page else None,
                "role": page.role if page else None,
                "url": page.url if page else None,
                "language": language,
                "file": Path(message.get("url", "")).name,
                "line": message.get("lastLine"),
                "message": message.get("message"),
                "extract": message.get("extract"),
            }
        )
    (ARTIFACTS / "report.json").write_text(json.dumps(kept, ensure_ascii=False, indent=1))


def test_every_page_of_the_demo_is_valid_html(checker, db):
    # ``checker`` is session-scoped so that, without the checker, the test is skipped before the
    # test database is made.
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    started = time.monotonic()
    load_demo()
    loaded = time.monotonic()
    files, wrong = render_pages(ARTIFACTS)
    rendered = time.monotonic()

    messages = run_checker(checker, sorted(ARTIFACTS / name for name in files))
    print(
        f"html validity: demo loaded in {loaded - started:.1f} s, {len(files)} pages rendered in "
        f"{rendered - loaded:.1f} s, checked in {time.monotonic() - rendered:.1f} s"
    )
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    _keep(errors, files)

    problems = []
    if wrong:
        problems.append("Pages that did not answer as expected:\n" + "\n".join(wrong))
    if errors:
        problems.append(
            f"The Nu HTML Checker found {len(errors)} errors in {len(files)} pages:\n"
            + report(errors, files)
        )
    assert not problems, "\n\n".join(problems)
