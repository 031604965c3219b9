"""The pages of the demo that the accessibility and HTML-validity checks visit, each with the role
that sees it.

``load_demo()`` loads the demo forum (``plenary demo``) and adds, once, the few things the demo
itself lacks but some pages need to show (a press report in intake, draft minutes, a meeting file,
an open invitation); ``demo_pages()`` then lists every page worth checking, built from the demo's
own objects (the Korea–Central Asia forum and its 14th Forum, the practice forum's draft and its
open registration call), never from fixed ids.

Used by ``tests/browser/test_accessibility.py`` (axe-core in Chromium),
``tests/browser/test_screenshots.py`` and ``tests/test_html_validity.py`` (the Nu HTML Checker).
The browser tests share one loaded demo per test module through ``demo_site()``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, Resolver404, resolve, reverse

# The roles a page is seen by, and the demo account each is signed in as (None: not signed in).
ANONYMOUS = "anonymous"
SECRETARIAT = "secretariat"
FOCAL_POINT = "focal point"
EXPERT = "expert"
ROLES: dict[str, str | None] = {
    ANONYMOUS: None,
    SECRETARIAT: "secretariat",  # staff: also sees the back office (Django admin)
    FOCAL_POINT: "focal-kz",  # Kazakhstan's focal point: negotiates, registers its delegation
    EXPERT: "expert",
}
LANGUAGES = ("en", "ru", "ko")

KCAF = "korea-central-asia"
PRACTICE = "practice-forum"

REPORT_TITLE = "Seoul hosts the 9th Forum (accessibility check)"
REPORT_TEXT = (
    "The 9th Korea–Central Asia Cooperation Forum took place in Seoul on 5-6 October 2015.\n\n"
    "Taking part were the foreign ministers of the Republic of Korea, Kazakhstan and Tajikistan, "
    "and the deputy foreign minister of Kazakhstan.\n\n"
    "The participants agreed to hold the 10th Forum in Dushanbe in 2016."
)
MINUTES_TITLE = "Minutes of the closing session (accessibility check)"
FILE_TITLE = "Provisional agenda (accessibility check)"
INVITED = "newcomer@example.org"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@dataclass(frozen=True)
class Page:
    """One page to check: a short name (unique), its address, who looks at it, and the status
    it answers with."""

    name: str
    url: str
    role: str = ANONYMOUS
    status: int = 200

    def __str__(self) -> str:
        return f"{self.name} [{self.role}] {self.url}"


def load_demo() -> None:
    """Load the demo (as ``tests/test_demo.py`` does) and what it lacks for some pages."""
    from django.core.management import call_command

    call_command("demo", stdout=io.StringIO())
    _extras_ensure()


def _extras_ensure() -> None:
    """A report in intake, draft minutes and a public file for the practice closing session, and
    an invitation waiting to be accepted; each made once, by the demo secretariat."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plenary.accounts.domain import invitation_send
    from plenary.accounts.enums import RoleKind
    from plenary.accounts.models import Invitation
    from plenary.files.domain import meeting_file_add
    from plenary.files.enums import FileAccess
    from plenary.files.models import MeetingFile
    from plenary.forums.models import Forum
    from plenary.intake.domain import report_create
    from plenary.intake.models import IntakeReport
    from plenary.minutes.domain import minutes_start
    from plenary.minutes.models import Minutes

    secretariat = get_user_model().objects.get(username=ROLES[SECRETARIAT])
    kcaf = Forum.objects.get(slug=KCAF)
    closing = _practice_closing()
    if not IntakeReport.objects.filter(title=REPORT_TITLE).exists():
        report_create(forum=kcaf, title=REPORT_TITLE, text=REPORT_TEXT, by=secretariat)
    if not Minutes.objects.filter(meeting=closing, title=MINUTES_TITLE).exists():
        minutes_start(
            meeting=closing,
            title=MINUTES_TITLE,
            text="1. Opening\n\nThe chair opened the session and welcomed the delegations.",
            by=secretariat,
        )
    if not MeetingFile.objects.filter(meeting=closing, title=FILE_TITLE).exists():
        meeting_file_add(
            meeting=closing,
            title=FILE_TITLE,
            upload=SimpleUploadedFile("agenda.pdf", PDF, content_type="application/pdf"),
            access=FileAccess.PUBLIC,
            by=secretariat,
        )
    if not Invitation.objects.filter(email=INVITED).exists():
        invitation_send(forum=kcaf, email=INVITED, kind=RoleKind.EXPERT, by=secretariat)


def _practice_closing():
    """The practice forum's meeting with the demo's open registration call."""
    from plenary.registration.models import RegistrationCall

    return (
        RegistrationCall.objects.filter(meeting__edition__forum__slug=PRACTICE)
        .select_related("meeting__edition__forum")
        .order_by("pk")
        .first()
        .meeting
    )


def _search_url() -> str | None:
    """The search page, once the search app serves one."""
    try:
        url = reverse("search:search")
    except NoReverseMatch:
        try:
            resolve("/search/")
        except Resolver404:
            return None
        url = "/search/"
    return f"{url}?q=forum"


def demo_pages() -> list[Page]:
    """Every page of the demo worth checking, with the role that sees it."""
    from plenary.accounts.models import Invitation
    from plenary.documents.enums import DocumentStatus
    from plenary.documents.models import OutcomeDocument
    from plenary.files.models import MeetingFile
    from plenary.forums.models import Forum, State
    from plenary.intake.models import IntakeReport
    from plenary.meetings.enums import MeetingKind
    from plenary.minutes.models import Minutes
    from plenary.people.models import Person
    from plenary.projects.models import Project
    from plenary.workplans.models import Commitment, WorkPlan, WorkPlanItem

    kcaf = Forum.objects.get(slug=KCAF)
    practice = Forum.objects.get(slug=PRACTICE)
    first = kcaf.editions.order_by("number").first()
    fourteenth = kcaf.editions.get(number=14)
    ministerial = fourteenth.meetings.filter(kind=MeetingKind.MINISTERIAL).order_by("pk").first()
    expert_session = (
        fourteenth.meetings.filter(kind=MeetingKind.EXPERT_SESSION).order_by("pk").first()
    )
    closing = _practice_closing()
    korea = State.objects.get(code="KR")
    kazakhstan = State.objects.get(code="KZ")
    person = Person.objects.order_by("pk").first()
    kcaf_document = OutcomeDocument.objects.filter(forum=kcaf).order_by("pk").first()
    adopted = (
        OutcomeDocument.objects.filter(forum=practice, status=DocumentStatus.ADOPTED)
        .order_by("pk")
        .first()
    )
    draft = (
        OutcomeDocument.objects.filter(forum=practice, status=DocumentStatus.UNDER_NEGOTIATION)
        .order_by("pk")
        .first()
    )
    plan = WorkPlan.objects.filter(forum=kcaf).order_by("-year").first()
    practice_item = (
        WorkPlanItem.objects.filter(plan__forum=practice, responsible_state=kazakhstan)
        .order_by("pk")
        .first()
    )
    commitment = Commitment.objects.filter(document__forum=practice).order_by("pk").first()
    project = Project.objects.filter(forum=kcaf).order_by("pk").first()
    report = IntakeReport.objects.get(title=REPORT_TITLE)
    minutes = Minutes.objects.get(meeting=closing, title=MINUTES_TITLE)
    meeting_file = MeetingFile.objects.get(meeting=closing, title=FILE_TITLE)
    invitation = Invitation.objects.get(email=INVITED)

    def meeting_kwargs(meeting) -> dict:
        return {
            "forum": meeting.edition.forum.slug,
            "number": meeting.edition.number,
            "pk": meeting.pk,
        }

    closing_kw = meeting_kwargs(closing)
    draft_kw = {"forum": practice.slug, "pk": draft.pk}
    paragraph = (
        draft.versions.order_by("-number").first().languages.get(language="en")
    ).paragraphs.order_by("number")[0]

    pages = [
        # The public record
        Page("landing", reverse("forums:landing")),
        Page("forum", reverse("forums:forum", kwargs={"forum": kcaf.slug})),
        Page(
            "edition (first)",
            reverse("forums:edition", kwargs={"forum": kcaf.slug, "number": first.number}),
        ),
        Page(
            "edition (14th)",
            reverse("forums:edition", kwargs={"forum": kcaf.slug, "number": fourteenth.number}),
        ),
        Page("meeting", reverse("meetings:meeting", kwargs=meeting_kwargs(ministerial))),
        Page(
            "programme",
            reverse("meetings:programme", kwargs={"forum": kcaf.slug, "number": 14}),
        ),
        Page("states", reverse("forums:states")),
        Page("state", reverse("forums:state", kwargs={"code": korea.code.lower()})),
        Page("people", reverse("people:list")),
        Page("person", reverse("people:person", kwargs={"slug": person.slug})),
        Page("documents", reverse("documents:list", kwargs={"forum": kcaf.slug})),
        Page(
            "document (no text)",
            reverse("documents:document", kwargs={"forum": kcaf.slug, "pk": kcaf_document.pk}),
        ),
        Page(
            "document",
            reverse("documents:document", kwargs={"forum": practice.slug, "pk": adopted.pk}),
        ),
        Page("work plans", reverse("workplans:plans", kwargs={"forum": kcaf.slug})),
        Page(
            "work plan",
            reverse("workplans:plan", kwargs={"forum": kcaf.slug, "year": plan.year}),
        ),
        Page("commitments", reverse("workplans:commitments", kwargs={"forum": practice.slug})),
        Page("projects", reverse("projects:projects", kwargs={"forum": kcaf.slug})),
        Page(
            "project",
            reverse("projects:project", kwargs={"forum": kcaf.slug, "pk": project.pk}),
        ),
        Page("glance", reverse("stats:glance", kwargs={"forum": kcaf.slug})),
        Page("participants", reverse("participants:list", kwargs=meeting_kwargs(ministerial))),
        Page("files", reverse("files:files", kwargs=closing_kw)),
        Page(
            "file",
            reverse("files:file", kwargs={**closing_kw, "file_pk": meeting_file.pk}),
        ),
        Page("minutes list", reverse("minutes:list", kwargs=closing_kw)),
        Page("login", reverse("login")),
        Page("password reset", reverse("password_reset")),
        Page("password reset sent", reverse("password_reset_done")),
        Page(
            "password reset (bad link)",
            reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "bad-token"}),
        ),
        Page("invitation", reverse("accounts:accept", kwargs={"token": invitation.token})),
        Page("not found", "/forums/no-such-forum/", status=404),
        # The secretariat's pages
        Page("home (secretariat)", reverse("accounts:home"), SECRETARIAT),
        Page("invite", reverse("accounts:invite", kwargs={"forum": kcaf.slug}), SECRETARIAT),
        Page(
            "documents (secretariat)",
            reverse("documents:list", kwargs={"forum": practice.slug}),
            SECRETARIAT,
        ),
        Page(
            "new document",
            reverse("documents:new", kwargs={"forum": practice.slug}),
            SECRETARIAT,
        ),
        Page(
            "drafting workspace (secretariat)",
            reverse("documents:document", kwargs=draft_kw),
            SECRETARIAT,
        ),
        Page(
            "paragraph edit",
            reverse("documents:paragraph_edit", kwargs={**draft_kw, "paragraph": paragraph.pk}),
            SECRETARIAT,
        ),
        Page("history", reverse("documents:history", kwargs=draft_kw), SECRETARIAT),
        Page("compare", reverse("documents:compare", kwargs=draft_kw), SECRETARIAT),
        Page(
            "registration calls (secretariat)",
            reverse("registration:calls", kwargs={"forum": practice.slug}),
            SECRETARIAT,
        ),
        Page(
            "registration back office",
            reverse("registration:meeting", kwargs=closing_kw),
            SECRETARIAT,
        ),
        Page(
            "registration of a delegation (secretariat)",
            reverse("registration:delegation", kwargs={**closing_kw, "code": kazakhstan.code}),
            SECRETARIAT,
        ),
        Page(
            "open a registration call",
            reverse("registration:open", kwargs=meeting_kwargs(ministerial)),
            SECRETARIAT,
        ),
        Page("intake", reverse("intake:reports"), SECRETARIAT),
        Page("intake: new report", reverse("intake:report_new"), SECRETARIAT),
        Page("intake: report", reverse("intake:report", kwargs={"pk": report.pk}), SECRETARIAT),
        Page("new minutes", reverse("minutes:new", kwargs=closing_kw), SECRETARIAT),
        Page(
            "minutes editing",
            reverse("minutes:minutes", kwargs={**closing_kw, "minutes_pk": minutes.pk}),
            SECRETARIAT,
        ),
        Page(
            "minutes revisions",
            reverse("minutes:revisions", kwargs={**closing_kw, "minutes_pk": minutes.pk}),
            SECRETARIAT,
        ),
        Page("files upload", reverse("files:upload", kwargs=closing_kw), SECRETARIAT),
        Page(
            "file: new version",
            reverse("files:upload_version", kwargs={**closing_kw, "file_pk": meeting_file.pk}),
            SECRETARIAT,
        ),
        Page(
            "new project",
            reverse("projects:project_new", kwargs={"forum": kcaf.slug}),
            SECRETARIAT,
        ),
        Page(
            "new commitment",
            reverse("workplans:commitment_new", kwargs={"forum": practice.slug, "pk": adopted.pk}),
            SECRETARIAT,
        ),
        Page(
            "assess a commitment",
            reverse(
                "workplans:commitment_assess",
                kwargs={"forum": practice.slug, "pk": commitment.pk},
            ),
            SECRETARIAT,
        ),
        # The back office
        Page("admin", reverse("admin:index"), SECRETARIAT),
        Page("admin: editions", reverse("admin:forums_edition_changelist"), SECRETARIAT),
        Page(
            "admin: an edition",
            reverse("admin:forums_edition_change", args=[fourteenth.pk]),
            SECRETARIAT,
        ),
        # A focal point's pages
        Page("home (focal point)", reverse("accounts:home"), FOCAL_POINT),
        Page(
            "drafting workspace (focal point)",
            reverse("documents:document", kwargs=draft_kw),
            FOCAL_POINT,
        ),
        Page(
            "registration (focal point)",
            reverse("registration:delegation", kwargs={**closing_kw, "code": kazakhstan.code}),
            FOCAL_POINT,
        ),
        Page(
            "work plan item report",
            reverse(
                "workplans:item_report",
                kwargs={
                    "forum": practice.slug,
                    "year": practice_item.plan.year,
                    "pk": practice_item.pk,
                },
            ),
            FOCAL_POINT,
        ),
        # An expert's pages
        Page("home (expert)", reverse("accounts:home"), EXPERT),
        Page(
            "registration for an expert session",
            reverse("registration:meeting", kwargs=meeting_kwargs(expert_session)),
            EXPERT,
        ),
    ]
    if search := _search_url():
        pages.insert(
            pages.index(next(p for p in pages if p.name == "login")), Page("search", search)
        )
    names = [page.name for page in pages]
    assert len(names) == len(set(names)), "page names must be unique"
    return pages


def page_named(pages: list[Page], name: str) -> Page:
    return next(page for page in pages if page.name == name)


# One loaded demo behind a live server, for all the tests of a browser module ------------------


@dataclass
class Site:
    """The live server's address, the pages, and a signed-in session per role (its cookie)."""

    url: str
    pages: list[Page]
    sessions: dict[str, str] = field(default_factory=dict)

    def cookies(self, role: str, language: str) -> list[dict]:
        """The cookies of a browser context for ``role`` reading in ``language``."""
        from django.conf import settings

        cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": self.url}]
        if self.sessions.get(role):
            cookies.append(
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": self.sessions[role],
                    "url": self.url,
                }
            )
        return cookies


def refuse_unless_test_database() -> None:
    """Stop unless the default database is pytest-django's test database.

    pytest-django creates the test database only when some collected test asks for the database
    (the ``db`` fixture or the ``django_db`` marker); a module fixture that loads and empties the
    database must never run against the real one, so every test that uses ``demo_site`` also
    asks for ``db``.
    """
    from django.db import connections
    from django.db.backends.base.creation import TEST_DATABASE_PREFIX

    connection = connections["default"]
    name = str(connection.settings_dict["NAME"])
    test_name = connection.settings_dict.get("TEST", {}).get("NAME")
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if not (
        in_memory or name.startswith(TEST_DATABASE_PREFIX) or (test_name and name == test_name)
    ):
        raise RuntimeError(
            f"Refusing to load and empty {name!r}: it is not the test database "
            "(the test using demo_site must ask for the db fixture)."
        )


@contextmanager
def demo_site(django_db_blocker, media_root) -> Iterator[Site]:
    """Load the demo once, serve it on a live server, and sign each role in, for every test of a
    module (loading it for each test would cost seconds each time); empty the database after.

    pytest-django's ``live_server`` fixture cannot be used for this: it empties the database after
    each test. The database stays open to the server's threads while the module runs. Each test
    must ask for the ``db`` fixture, so that pytest-django sets the test database up; it wraps the
    test in a transaction that the server's requests share on SQLite, and that is rolled back.
    """
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import Client, override_settings
    from pytest_django.live_server_helper import LiveServer

    refuse_unless_test_database()
    settings_dict = connections["default"].settings_dict
    kept_age = settings_dict.get("CONN_MAX_AGE", 0)
    settings_dict["CONN_MAX_AGE"] = 0  # the server's threads close their connections
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        server = None
        try:
            load_demo()
            users = get_user_model().objects.in_bulk(
                [name for name in ROLES.values() if name], field_name="username"
            )
            sessions = {}
            for role, username in ROLES.items():
                if username:
                    client = Client()
                    client.force_login(users[username])
                    sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
            pages = demo_pages()
            server = LiveServer("localhost")
            yield Site(url=server.url, pages=pages, sessions=sessions)
        finally:
            if server is not None:
                server.stop()
            empty_database()
            connections.close_all()
            settings_dict["CONN_MAX_AGE"] = kept_age


def empty_database() -> None:
    """Empty every table as pytest-django does after a transactional test, first releasing what
    the database's triggers keep (adopted texts and approved minutes), as
    ``tests/browser/conftest.py`` does."""
    from django.core.management import call_command

    from plenary.documents.enums import VersionStatus
    from plenary.documents.models import DocumentVersion
    from plenary.minutes.models import Minutes

    DocumentVersion.objects.filter(status=VersionStatus.ADOPTED).update(
        status=VersionStatus.SUPERSEDED
    )
    Minutes.objects.all().delete()
    call_command("flush", verbosity=0, interactive=False)


@contextmanager
def module_chromium(chromium_path: str, args: list[str]):
    """One headless Chromium (Debian's, through Playwright) for all the tests of a module."""
    import os

    from django.db import connections
    from playwright.sync_api import sync_playwright

    # As in tests/browser/conftest.py: Django refuses ORM calls from a thread running an event
    # loop unless told that this use is safe, as it is here: the loop only waits for the browser.
    kept = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path, args=args, headless=True
            )
            try:
                yield browser
            finally:
                browser.close()
                # While Playwright's loop runs, Django keeps the ORM's connections in the loop's
                # context rather than the thread's: close them now, or the test database cannot
                # be dropped at the end (PostgreSQL).
                connections.close_all()
    finally:
        if kept is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = kept
