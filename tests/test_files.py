"""Files of a meeting: versions and the stable link to the latest, the checks on every upload, who
may read and upload each file, the names given on download, and what the pages cost in queries.

``MATRIX`` has one row per page or action and one column per role, in the manner of
``test_workplans_pages``: a file the role may not read answers 404 at every address under it; a
step on a file the role may read but not upload to answers 403 (an anonymous visitor is sent to
log in); a form the role may send but with a choice it may not make answers 400. An allowed
action must have done what it says; a refused one must have changed nothing and stored no file.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.common.models import AuditEntry
from plenary.files import domain
from plenary.files.enums import FileAccess
from plenary.files.models import FileVersion, MeetingFile
from plenary.files.rules import user_can
from plenary.forums.domain import state_ensure
from plenary.meetings.enums import MeetingKind
from tests import factories
from tests.html import section_text, table_rows
from tests.matrix import (
    DONE,
    FORBIDDEN,
    HIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    REFUSED,
    SHOWN,
    cases,
    check_answer,
)
from tests.test_pages import count_queries, markup_problems

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "a long pass phrase 7"


# Contents of every allowed kind, and of some that must be refused --------------------------------


def pdf(text: str = "") -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n% " + text.encode() + b"\n%%EOF\n"


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as container:
        for name, content in entries.items():
            container.writestr(name, content)
    return buffer.getvalue()


def office(folder: str) -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", f"{folder}/document.xml": b"<doc/>"})


def odt() -> bytes:
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<doc/>"})


PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(20)
EXE_BYTES = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + bytes(48)
    + b"This program cannot be run in DOS mode.\r\n"
)


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    """A file as a browser sends it, claiming a type that says nothing."""
    return SimpleUploadedFile(
        name, pdf(name) if content is None else content, content_type="application/octet-stream"
    )


def stored_files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


# The roles, one column each ----------------------------------------------------------------------

ROLES = (
    "anonymous",  # the public
    "expert",  # an expert of the forum
    "focal",  # focal point of Kazakhstan, whose delegation's file is in the world
    "other_focal",  # focal point of another member state (Kyrgyzstan)
    "other_secretariat",  # secretariat of another forum
    "secretariat",  # secretariat of this forum
    "superuser",  # a Django superuser with no role in any forum
)


# fmt: off
MATRIX: dict[str, tuple] = {
    #                                              anonymous  expert     focal      other_focal other_sec  secretariat superuser
    "GET list: the public file":                  (SHOWN,     SHOWN,     SHOWN,     SHOWN,     SHOWN,     SHOWN,     SHOWN),
    "GET list: the members-only file":            (HIDDEN,    HIDDEN,    SHOWN,     SHOWN,     HIDDEN,    SHOWN,     HIDDEN),
    "GET list: Kazakhstan's delegation file":     (HIDDEN,    HIDDEN,    SHOWN,     HIDDEN,    HIDDEN,    SHOWN,     HIDDEN),
    "GET list: the upload link":                  (HIDDEN,    HIDDEN,    SHOWN,     SHOWN,     HIDDEN,    SHOWN,     HIDDEN),
    "GET file page, public":                      (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET file page, members only":                (NOT_FOUND, NOT_FOUND, OK,        OK,        NOT_FOUND, OK,        NOT_FOUND),
    "GET file page, one delegation":              (NOT_FOUND, NOT_FOUND, OK,        NOT_FOUND, NOT_FOUND, OK,        NOT_FOUND),
    "GET latest download, public":                (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET latest download, members only":          (NOT_FOUND, NOT_FOUND, OK,        OK,        NOT_FOUND, OK,        NOT_FOUND),
    "GET latest download, one delegation":        (NOT_FOUND, NOT_FOUND, OK,        NOT_FOUND, NOT_FOUND, OK,        NOT_FOUND),
    "GET version download, public":               (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET version download, members only":         (NOT_FOUND, NOT_FOUND, OK,        OK,        NOT_FOUND, OK,        NOT_FOUND),
    "GET version download, one delegation":       (NOT_FOUND, NOT_FOUND, OK,        NOT_FOUND, NOT_FOUND, OK,        NOT_FOUND),
    "GET upload page, public":                    (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
    "GET upload page, members only":              (NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK,        NOT_FOUND),
    "GET upload page, one delegation":            (NOT_FOUND, NOT_FOUND, OK,        NOT_FOUND, NOT_FOUND, OK,        NOT_FOUND),
    "POST upload, public":                        (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST upload, members only":                  (NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, DONE,      NOT_FOUND),
    "POST upload, one delegation":                (NOT_FOUND, NOT_FOUND, DONE,      NOT_FOUND, NOT_FOUND, DONE,      NOT_FOUND),
    "GET new file page":                          (LOGIN,     FORBIDDEN, OK,        OK,        FORBIDDEN, OK,        FORBIDDEN),
    "POST new file for Kazakhstan's delegation":  (LOGIN,     FORBIDDEN, DONE,      REFUSED,   FORBIDDEN, DONE,      FORBIDDEN),
    "POST new public file":                       (LOGIN,     FORBIDDEN, REFUSED,   REFUSED,   FORBIDDEN, DONE,      FORBIDDEN),
    "POST who may read, members only":            (NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, DONE,      NOT_FOUND),
    "POST who may read, public":                  (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
}
# fmt: on


# The world every cell is tried in ----------------------------------------------------------------


@dataclass
class World:
    forum: Any
    other_forum: Any
    meeting: Any
    users: dict[str, Any]
    states: dict[str, Any]
    files: dict[str, MeetingFile]

    def meeting_kwargs(self) -> dict:
        return {"forum": self.forum.slug, "number": 14, "pk": self.meeting.pk}

    def url(self, name: str, **kwargs) -> str:
        return reverse(f"files:{name}", kwargs={**self.meeting_kwargs(), **kwargs})

    def file_url(self, name: str, key: str, **kwargs) -> str:
        return self.url(name, file_pk=self.files[key].pk, **kwargs)


def make_world() -> World:
    """The ministerial meeting of the 14th Korea–Central Asia Forum with three files, each with
    one version uploaded by the secretariat: a public agenda, a members-only draft and the
    speaking notes of Kazakhstan's delegation. Another forum has Kazakhstan as a member too."""
    forum = factories.ForumFactory(slug="kca", name="Korea–Central Asia Cooperation Forum")
    states = {code: factories.state(code) for code in ["KR", "KZ", "KG", "TJ", "TM", "UZ"]}
    states["KR"] = state_ensure("KR", name="Republic of Korea")
    for state in states.values():
        factories.MembershipFactory(forum=forum, state=state)
    other_forum = factories.ForumFactory(slug="japan", name="Central Asia plus Japan Dialogue")
    factories.MembershipFactory(forum=other_forum, state=states["KZ"])

    users: dict[str, Any] = {"anonymous": None}
    for role in ROLES[1:]:
        users[role] = User.objects.create_user(role, f"{role}@example.org", PASSWORD)
    users["superuser"].is_staff = users["superuser"].is_superuser = True
    users["superuser"].save()
    role_grant(user=users["expert"], forum=forum, kind=RoleKind.EXPERT)
    role_grant(user=users["focal"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["KZ"])
    role_grant(
        user=users["other_focal"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["KG"]
    )
    role_grant(user=users["other_secretariat"], forum=other_forum, kind=RoleKind.SECRETARIAT)
    role_grant(user=users["secretariat"], forum=forum, kind=RoleKind.SECRETARIAT)

    edition = factories.EditionFactory(forum=forum, number=14, start_date=dt.date(2021, 11, 30))
    meeting = factories.MeetingFactory(
        edition=edition, kind=MeetingKind.MINISTERIAL, title="Ministerial meeting"
    )
    by = users["secretariat"]
    files = {
        "public": domain.meeting_file_add(
            meeting=meeting,
            title="Provisional agenda",
            upload=upload("agenda.pdf", pdf("agenda v1")),
            access=FileAccess.PUBLIC,
            agenda_item_number="1",
            by=by,
        ),
        "members": domain.meeting_file_add(
            meeting=meeting,
            title="Draft joint statement",
            upload=upload("statement.pdf", pdf("statement v1")),
            access=FileAccess.MEMBERS,
            agenda_item_number="2.a",
            by=by,
        ),
        "delegation": domain.meeting_file_add(
            meeting=meeting,
            title="Speaking notes of Kazakhstan",
            upload=upload("notes.pdf", pdf("notes v1")),
            access=FileAccess.DELEGATION,
            state=states["KZ"],
            agenda_item_number="2.a",
            by=by,
        ),
    }
    return World(
        forum=forum,
        other_forum=other_forum,
        meeting=meeting,
        users=users,
        states=states,
        files=files,
    )


# What each row asks, and what an allowed action must have done -----------------------------------


def snapshot() -> tuple:
    """Everything a refused action must leave as it was, the stored files included."""
    return (
        MeetingFile.objects.count(),
        FileVersion.objects.count(),
        AuditEntry.objects.count(),
        list(MeetingFile.objects.order_by("pk").values_list("pk", "title", "access", "state")),
        stored_files(),
    )


@dataclass(frozen=True)
class Row:
    method: str
    url: Callable[[World], str]
    data: Callable[[World, str], dict] = lambda world, role: {}
    shows: Callable[[World], str] | None = None  # for SHOWN / HIDDEN cells
    effect: Callable[[World, str], None] | None = None  # for DONE cells
    refusal: str = ""  # for REFUSED cells


def _version_data(world: World, role: str) -> dict:
    return {"upload": upload("second.pdf", pdf(f"second by {role}")), "note": "Corrected."}


def _second_version(key: str) -> Callable[[World, str], None]:
    def check(world: World, role: str) -> None:
        version = FileVersion.objects.get(file=world.files[key], number=2)
        assert (version.original_name, version.note, version.uploaded_by) == (
            "second.pdf",
            "Corrected.",
            world.users[role],
        )
        with version.stored.open("rb") as stored:
            assert stored.read() == pdf(f"second by {role}")

    return check


def _new_file_data(access: str, state_code: str | None) -> Callable[[World, str], dict]:
    def data(world: World, role: str) -> dict:
        return {
            "title": "Background note",
            "agenda_item_number": "3",
            "description": "",
            "access": access,
            "state": world.states[state_code].pk if state_code else "",
            "upload": upload("background.docx", office("word")),
            "note": "",
        }

    return data


def _new_file(access: str, state_code: str | None) -> Callable[[World, str], None]:
    def check(world: World, role: str) -> None:
        meeting_file = MeetingFile.objects.get(title="Background note")
        assert (meeting_file.access, meeting_file.agenda_item_number) == (access, "3")
        assert meeting_file.state == (world.states[state_code] if state_code else None)
        assert meeting_file.created_by == world.users[role]
        version = meeting_file.versions.get()
        assert (version.number, version.original_name, version.content_type) == (
            1,
            "background.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )

    return check


def _access_now(key: str, access: str) -> Callable[[World, str], None]:
    def check(world: World, role: str) -> None:
        meeting_file = MeetingFile.objects.get(pk=world.files[key].pk)
        assert (meeting_file.access, meeting_file.state) == (access, None)

    return check


OWN_DELEGATION_ONLY = "You may upload files for your own delegation only"


def _access_data(access: str) -> Callable[[World, str], dict]:
    return lambda world, role: {"access": access, "state": ""}


ROWS: dict[str, Row] = {
    "GET list: the public file": Row(
        "GET", lambda w: w.url("files"), shows=lambda w: w.file_url("file", "public")
    ),
    "GET list: the members-only file": Row(
        "GET", lambda w: w.url("files"), shows=lambda w: w.file_url("file", "members")
    ),
    "GET list: Kazakhstan's delegation file": Row(
        "GET", lambda w: w.url("files"), shows=lambda w: w.file_url("file", "delegation")
    ),
    "GET list: the upload link": Row(
        "GET", lambda w: w.url("files"), shows=lambda w: w.url("upload")
    ),
    "GET file page, public": Row("GET", lambda w: w.file_url("file", "public")),
    "GET file page, members only": Row("GET", lambda w: w.file_url("file", "members")),
    "GET file page, one delegation": Row("GET", lambda w: w.file_url("file", "delegation")),
    "GET latest download, public": Row("GET", lambda w: w.file_url("download", "public")),
    "GET latest download, members only": Row("GET", lambda w: w.file_url("download", "members")),
    "GET latest download, one delegation": Row(
        "GET", lambda w: w.file_url("download", "delegation")
    ),
    "GET version download, public": Row(
        "GET", lambda w: w.file_url("download_version", "public", version=1)
    ),
    "GET version download, members only": Row(
        "GET", lambda w: w.file_url("download_version", "members", version=1)
    ),
    "GET version download, one delegation": Row(
        "GET", lambda w: w.file_url("download_version", "delegation", version=1)
    ),
    "GET upload page, public": Row("GET", lambda w: w.file_url("upload_version", "public")),
    "GET upload page, members only": Row("GET", lambda w: w.file_url("upload_version", "members")),
    "GET upload page, one delegation": Row(
        "GET", lambda w: w.file_url("upload_version", "delegation")
    ),
    "POST upload, public": Row(
        "POST",
        lambda w: w.file_url("upload_version", "public"),
        data=_version_data,
        effect=_second_version("public"),
    ),
    "POST upload, members only": Row(
        "POST",
        lambda w: w.file_url("upload_version", "members"),
        data=_version_data,
        effect=_second_version("members"),
    ),
    "POST upload, one delegation": Row(
        "POST",
        lambda w: w.file_url("upload_version", "delegation"),
        data=_version_data,
        effect=_second_version("delegation"),
    ),
    "GET new file page": Row("GET", lambda w: w.url("upload")),
    "POST new file for Kazakhstan's delegation": Row(
        "POST",
        lambda w: w.url("upload"),
        data=_new_file_data(FileAccess.DELEGATION, "KZ"),
        effect=_new_file(FileAccess.DELEGATION, "KZ"),
        refusal=OWN_DELEGATION_ONLY,
    ),
    "POST new public file": Row(
        "POST",
        lambda w: w.url("upload"),
        data=_new_file_data(FileAccess.PUBLIC, None),
        effect=_new_file(FileAccess.PUBLIC, None),
        refusal=OWN_DELEGATION_ONLY,
    ),
    "POST who may read, members only": Row(
        "POST",
        lambda w: w.file_url("access", "members"),
        data=_access_data(FileAccess.PUBLIC),
        effect=_access_now("members", FileAccess.PUBLIC),
    ),
    "POST who may read, public": Row(
        "POST",
        lambda w: w.file_url("access", "public"),
        data=_access_data(FileAccess.MEMBERS),
        effect=_access_now("public", FileAccess.MEMBERS),
    ),
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_matrix_covers_every_row_and_role():
    assert sorted(MATRIX) == sorted(ROWS)
    assert {len(cells) for cells in MATRIX.values()} == {len(ROLES)}


@pytest.mark.parametrize(("name", "role", "expected"), list(cases(MATRIX, ROLES)))
def test_permission_matrix(client, name, role, expected):
    row = ROWS[name]
    world = make_world()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = row.url(world)
    data = row.data(world, role)
    before = snapshot()

    response = client.get(url) if row.method == "GET" else client.post(url, data)

    check_answer(
        response,
        expected,
        url=url,
        shows=row.shows(world) if row.shows else "",
        refusal=row.refusal,
    )
    if row.method == "GET":
        return
    if expected == DONE:
        assert snapshot() != before, "the action changed nothing"
        row.effect(world, role)
    else:
        assert snapshot() == before, "a refused action changed something"


# Pages and versions ------------------------------------------------------------------------------


@pytest.fixture
def world(db):
    return make_world()


def _login(client, world: World, role: str) -> None:
    client.force_login(world.users[role])


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_three_versions_the_stable_link_serves_the_third_each_version_its_own(client, world):
    meeting_file = world.files["members"]
    secretariat = world.users["secretariat"]
    domain.meeting_file_upload(
        file=meeting_file,
        upload=upload("statement-2.pdf", pdf("v2")),
        note="Second.",
        by=secretariat,
    )
    domain.meeting_file_upload(
        file=meeting_file,
        upload=upload("statement-3.pdf", pdf("v3")),
        note="Third.",
        by=secretariat,
    )
    _login(client, world, "other_focal")

    latest = client.get(world.file_url("download", "members"))
    versions = [
        _content(client.get(world.file_url("download_version", "members", version=n)))
        for n in (1, 2, 3)
    ]

    assert _content(latest) == pdf("v3")
    assert latest["Content-Disposition"] == 'attachment; filename="statement-3.pdf"'
    assert versions == [pdf("statement v1"), pdf("v2"), pdf("v3")]
    html = client.get(world.file_url("file", "members")).content.decode()
    rows = table_rows(html, "versions")
    assert [row[0] for row in rows] == ["Version", "3", "2", "1"]
    assert [row[1] for row in rows[1:]] == ["statement-3.pdf", "statement-2.pdf", "statement.pdf"]
    assert [row[5] for row in rows[1:]] == ["Third.", "Second.", "—"]
    for n in (1, 2, 3):
        assert world.file_url("download_version", "members", version=n) in html
    assert "Latest version 3, uploaded" in section_text(html, "file-facts")


def test_a_version_that_does_not_exist_answers_404(client, world):
    _login(client, world, "secretariat")
    response = client.get(world.file_url("download_version", "public", version=2))
    assert response.status_code == 404


def test_a_file_under_another_meeting_answers_404(client, world):
    other = factories.MeetingFactory(edition=world.meeting.edition, title="Senior officials")
    url = reverse(
        "files:file",
        kwargs={"forum": "kca", "number": 14, "pk": other.pk, "file_pk": world.files["public"].pk},
    )
    assert client.get(url).status_code == 404
    wrong_edition = reverse(
        "files:files", kwargs={"forum": "kca", "number": 15, "pk": world.meeting.pk}
    )
    assert client.get(wrong_edition).status_code == 404


def test_the_stored_copy_is_under_the_media_folder_by_meeting_file_and_number(world):
    meeting_file = world.files["public"]
    version = domain.meeting_file_upload(
        file=meeting_file, upload=upload("Повестка дня (final).PDF"), by=None
    )

    expected = f"meeting-files/{world.meeting.pk}/{meeting_file.pk}/2/final.pdf"
    assert version.stored.name == expected
    assert (Path(settings.MEDIA_ROOT) / expected).read_bytes() == pdf("Повестка дня (final).PDF")
    assert version.original_name == "Повестка дня (final).PDF"
    assert version.sha256 == __import__("hashlib").sha256(version.stored.read()).hexdigest()


def test_downloads_carry_the_recorded_type_and_tell_the_browser_not_to_guess(client, world):
    domain.meeting_file_upload(
        file=world.files["public"], upload=upload("map.png", PNG_BYTES), by=None
    )

    response = client.get(world.file_url("download", "public"))

    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="map.png"'
    assert response["Content-Length"] == str(len(PNG_BYTES))
    assert _content(response) == PNG_BYTES


def test_a_restricted_file_is_not_kept_by_shared_caches(client, world):
    _login(client, world, "focal")
    response = client.get(world.file_url("download", "delegation"))
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "name",
    ["회의 자료 제14차.pdf", "Проект совместного заявления.docx", "Ташкент — 한국.txt"],
    ids=["korean", "russian", "mixed"],
)
def test_non_ascii_names_are_given_back_as_rfc_6266_asks(client, world, name):
    content = {
        ".pdf": pdf("x"),
        ".docx": office("word"),
        ".txt": "Повестка дня\n".encode(),
    }[Path(name).suffix]
    domain.meeting_file_upload(file=world.files["public"], upload=upload(name, content), by=None)

    response = client.get(world.file_url("download", "public"))

    disposition = response["Content-Disposition"]
    assert disposition == f"attachment; filename*=utf-8''{quote(name)}"
    assert unquote(disposition.split("''", 1)[1]) == name
    assert disposition.isascii()
    assert _content(response) == content
    html = client.get(world.file_url("file", "public")).content.decode()
    assert table_rows(html, "versions")[1][1] == name


def test_a_name_with_folders_and_quotes_keeps_only_its_own_name(client, world):
    domain.meeting_file_upload(
        file=world.files["public"], upload=upload('C:\\Users\\kim\\"final" agenda.pdf'), by=None
    )
    response = client.get(world.file_url("download", "public"))
    assert response["Content-Disposition"] == 'attachment; filename="\\"final\\" agenda.pdf"'


# Checks on every upload --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("agenda.pdf", pdf("agenda"), "application/pdf"),
        (
            "statement.docx",
            office("word"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "budget.XLSX",
            office("xl"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "slides.pptx",
            office("ppt"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("minutes.odt", odt(), "application/vnd.oasis.opendocument.text"),
        ("notes.txt", "Итоги встречи — 회의 결과\n".encode(), "text/plain"),
        ("photo.png", PNG_BYTES, "image/png"),
        ("photo.jpg", JPEG_BYTES, "image/jpeg"),
        ("photo.jpeg", JPEG_BYTES, "image/jpeg"),
    ],
)
def test_every_allowed_kind_is_kept_with_its_type(world, name, content, content_type):
    version = domain.meeting_file_upload(
        file=world.files["public"], upload=upload(name, content), by=None
    )
    assert (version.number, version.content_type, version.size) == (2, content_type, len(content))


def _refusal(meeting_file: MeetingFile, name: str, content: bytes) -> str:
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        domain.meeting_file_upload(file=meeting_file, upload=upload(name, content), by=None)
    assert snapshot() == before
    return refused.value.message_dict["upload"][0]


def test_a_program_renamed_pdf_is_refused(world):
    message = _refusal(world.files["public"], "agenda.pdf", EXE_BYTES)
    assert message == (
        "“agenda.pdf” is not a PDF file, whatever its name says; send the file as it was saved, "
        "without renaming it."
    )


@pytest.mark.parametrize(
    ("name", "content", "label"),
    [
        ("agenda.txt", EXE_BYTES, "plain text"),
        ("photo.jpg", PNG_BYTES, "JPEG"),
        ("photo.png", JPEG_BYTES, "PNG"),
        ("budget.xlsx", office("word"), "Excel (XLSX)"),
        ("statement.docx", _zip({"readme.txt": b"hello"}), "Word (DOCX)"),
        ("statement.docx", b"PK\x03\x04 broken", "Word (DOCX)"),
        ("minutes.odt", office("word"), "OpenDocument text (ODT)"),
        ("statement.docx", pdf("x"), "Word (DOCX)"),
        ("notes.txt", "Caf\xe9".encode("latin-1"), "plain text"),
    ],
)
def test_content_that_is_not_what_the_name_says_is_refused(world, name, content, label):
    message = _refusal(world.files["public"], name, content)
    assert message.startswith(f"“{name}” is not a {label} file")


@pytest.mark.parametrize(
    "name", ["setup.exe", "agenda.pdf.exe", "macro.docm", "agenda", "page.html"]
)
def test_a_type_not_allowed_is_refused_by_its_name(world, name):
    message = _refusal(world.files["public"], name, pdf("x"))
    assert message.endswith(
        "cannot be uploaded; send a PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), "
        "OpenDocument text (ODT), plain text, PNG or JPEG file."
    )
    assert message.startswith(
        "Files without an extension" if name == "agenda" else "Files of type ."
    )


def test_an_empty_file_is_refused(world):
    assert _refusal(world.files["public"], "agenda.pdf", b"") == (
        "The file is empty; choose the file again."
    )


def test_a_file_over_the_limit_is_refused_with_the_limit(world, settings):
    settings.PLENARY_MAX_UPLOAD_MB = 1
    limit = 1024 * 1024
    assert _refusal(world.files["public"], "big.pdf", pdf().ljust(limit + 1, b" ")) == (
        "The file is 1.1 MB, more than the 1 MB a file may have; make it smaller or split it."
    )
    version = domain.meeting_file_upload(
        file=world.files["public"], upload=upload("big.pdf", pdf().ljust(limit, b" ")), by=None
    )
    assert version.size == limit


def test_a_refused_upload_comes_back_on_the_page_with_the_reason(client, world, settings):
    settings.PLENARY_MAX_UPLOAD_MB = 1
    _login(client, world, "secretariat")
    url = world.file_url("upload_version", "public")
    before = snapshot()

    renamed = client.post(url, {"upload": upload("agenda.pdf", EXE_BYTES)})
    empty = client.post(url, {"upload": upload("agenda.pdf", b"")})
    large = client.post(url, {"upload": upload("agenda.pdf", pdf().ljust(2 * 1024 * 1024))})

    assert (renamed.status_code, empty.status_code, large.status_code) == (400, 400, 400)
    assert "is not a PDF file" in section_text(renamed.content.decode(), "upload")
    assert "The file is empty" in section_text(empty.content.decode(), "upload")
    assert "more than the 1 MB a file may have" in section_text(large.content.decode(), "upload")
    assert snapshot() == before


def test_a_new_file_with_a_title_the_meeting_has_is_refused_with_every_reason(client, world):
    _login(client, world, "secretariat")
    before = snapshot()

    response = client.post(
        world.url("upload"),
        {
            "title": "Provisional agenda",
            "agenda_item_number": "2 a",
            "access": FileAccess.DELEGATION,
            "state": "",
            "upload": upload("agenda.pdf", EXE_BYTES),
        },
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors == {
        "title": [
            "This meeting already has a file of this title; upload a new version of it instead."
        ],
        "agenda_item_number": [
            "Give the agenda item's number as the agenda shows it, such as 1 or 2.a."
        ],
        "state": ["Choose the delegation that may read this file."],
        "upload": [
            "“agenda.pdf” is not a PDF file, whatever its name says; send the file as it was "
            "saved, without renaming it."
        ],
    }
    assert snapshot() == before


def test_a_focal_point_uploads_for_its_own_delegation_only(client, world):
    _login(client, world, "other_focal")
    page = client.get(world.url("upload")).content.decode()
    response = client.post(
        world.url("upload"), _new_file_data(FileAccess.DELEGATION, "KZ")(world, "other_focal")
    )

    assert 'type="hidden" name="access" value="delegation"' in page
    assert f'type="hidden" name="state" value="{world.states["KG"].pk}"' in page
    assert response.context["form"].errors == {
        "state": ["You may upload files for your own delegation only."]
    }


def test_the_delegation_must_be_a_member_of_the_forum(world):
    with pytest.raises(ValidationError) as refused:
        domain.meeting_file_access_set(
            file=world.files["public"],
            access=FileAccess.DELEGATION,
            state=factories.state("JP"),
            by=None,
        )
    assert refused.value.message_dict == {
        "state": ["Japan is not a member of Korea–Central Asia Cooperation Forum."]
    }


def test_the_database_holds_a_delegation_file_to_its_state(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFile.objects.filter(pk=world.files["delegation"].pk).update(state=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFile.objects.filter(pk=world.files["public"].pk).update(state=world.states["KZ"])


# What the steps write ----------------------------------------------------------------------------


def test_each_step_writes_its_audit_entry(world):
    secretariat = world.users["secretariat"]
    meeting_file = world.files["members"]
    domain.meeting_file_upload(file=meeting_file, upload=upload("v2.pdf"), by=secretariat)
    domain.meeting_file_access_set(file=meeting_file, access=FileAccess.PUBLIC, by=secretariat)
    domain.meeting_file_access_set(file=meeting_file, access=FileAccess.PUBLIC, by=secretariat)

    entries = list(
        AuditEntry.objects.filter(action__startswith="files.")
        .order_by("pk")
        .values_list("action", "object_id", "actor")
    )
    v1, v2 = meeting_file.versions.order_by("number")
    assert entries[2:4] == [
        ("files.file.created", meeting_file.pk, secretariat.pk),
        ("files.version.created", v1.pk, secretariat.pk),
    ]
    assert entries[6:] == [
        ("files.version.created", v2.pk, secretariat.pk),
        ("files.file.updated", meeting_file.pk, secretariat.pk),
    ]
    assert AuditEntry.objects.filter(action="files.file.updated").get().data == {
        "access": {"before": "members", "after": "public"}
    }


def test_an_upload_through_the_page_goes_to_the_file_page_with_a_message(client, world):
    _login(client, world, "focal")
    response = client.post(
        world.file_url("upload_version", "delegation"),
        {"upload": upload("notes-2.pdf"), "note": "Updated figures."},
    )

    assert response.status_code == 302
    assert response["Location"] == world.file_url("file", "delegation")
    html = client.get(response["Location"]).content.decode()
    assert "“Speaking notes of Kazakhstan” is uploaded as version 2." in html


def test_the_secretariat_sets_who_may_read_a_file(client, world):
    _login(client, world, "secretariat")
    url = world.file_url("access", "public")

    missing = client.post(url, {"access": FileAccess.DELEGATION, "state": ""})
    done = client.post(url, {"access": FileAccess.DELEGATION, "state": world.states["TJ"].pk})

    assert missing.status_code == 400
    assert "Choose the delegation that may read this file." in section_text(
        missing.content.decode(), "access"
    )
    assert done.status_code == 302
    assert "now Tajikistan delegation only" in client.get(done["Location"]).content.decode()
    meeting_file = MeetingFile.objects.get(pk=world.files["public"].pk)
    assert (meeting_file.access, meeting_file.state) == (FileAccess.DELEGATION, world.states["TJ"])
    assert user_can(world.users["focal"], "files.view", meeting_file) is False


# The list ----------------------------------------------------------------------------------------


def test_the_list_groups_files_by_agenda_item_in_the_agenda_order(client, world):
    by = world.users["secretariat"]
    for number, title in [("10", "Closing remarks"), ("", "List of participants"), ("2", "Report")]:
        domain.meeting_file_add(
            meeting=world.meeting,
            title=title,
            upload=upload("file.txt", b"Text.\n"),
            access=FileAccess.PUBLIC,
            agenda_item_number=number,
            by=by,
        )
    _login(client, world, "focal")

    html = client.get(world.url("files")).content.decode()

    headings = [
        section_text(html, f"{key}-heading")
        for key in ["whole-meeting", "agenda-1", "agenda-2", "agenda-2.a", "agenda-10"]
    ]
    assert headings == [
        "For the whole meeting",
        "Agenda item 1",
        "Agenda item 2",
        "Agenda item 2.a",
        "Agenda item 10",
    ]
    order = [
        html.index(f'id="{key}"')
        for key in ["whole-meeting", "agenda-1", "agenda-2", "agenda-2.a", "agenda-10"]
    ]
    assert order == sorted(order)
    today = world.files["members"].versions.get().uploaded_at.strftime("%-d %B %Y")
    assert table_rows(html, "agenda-2.a") == [
        ["Title", "Who may read it", "Version", "Size", "Uploaded", "By", "Download"],
        ["Draft joint statement", "Members only", "1", f"{len(pdf('statement v1'))} bytes", today, "secretariat", "Download"],
        ["Speaking notes of Kazakhstan", "Kazakhstan delegation only", "1", f"{len(pdf('notes v1'))} bytes", today, "secretariat", "Download"],
    ]  # fmt: skip


def test_the_list_names_the_latest_version_and_who_uploaded_it(client, world):
    focal = world.users["focal"]
    focal.first_name, focal.last_name = "Aigerim", "Nurlanova"
    focal.save()
    domain.meeting_file_upload(
        file=world.files["delegation"], upload=upload("n.pdf", pdf("x" * 3000)), by=focal
    )
    _login(client, world, "secretariat")

    rows = table_rows(client.get(world.url("files")).content.decode(), "agenda-2.a")

    assert rows[2][:6] == [
        "Speaking notes of Kazakhstan",
        "Kazakhstan delegation only",
        "2",
        "3.0 KB",
        rows[2][4],
        "Aigerim Nurlanova",
    ]


def test_a_visitor_is_told_when_there_is_nothing_public(client, world):
    MeetingFile.objects.filter(pk=world.files["public"].pk).update(access=FileAccess.MEMBERS)
    html = client.get(world.url("files")).content.decode()
    assert "There are no public files of this meeting." in html


def test_pages_are_valid_markup(client, world):
    _login(client, world, "secretariat")
    for url in [
        world.url("files"),
        world.url("upload"),
        world.file_url("file", "delegation"),
        world.file_url("upload_version", "delegation"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert markup_problems(response.content.decode()) == [], url


def test_the_upload_form_is_multipart_and_posts_to_itself(client, world):
    _login(client, world, "focal")
    html = client.get(world.url("upload")).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert f'action="{world.url("upload")}"' in html
    assert 'name="csrfmiddlewaretoken"' in html


# Queries per page --------------------------------------------------------------------------------


def _grow(world: World, count: int) -> None:
    """``count`` more files of every access, each with two versions, under agenda items."""
    by = world.users["secretariat"]
    start = MeetingFile.objects.count()
    for i in range(start, start + count):
        for access, state in [
            (FileAccess.PUBLIC, None),
            (FileAccess.MEMBERS, None),
            (FileAccess.DELEGATION, world.states["KZ"]),
        ]:
            meeting_file = domain.meeting_file_add(
                meeting=world.meeting,
                title=f"File {i} {access}",
                upload=upload(f"file-{i}.pdf"),
                access=access,
                state=state,
                agenda_item_number=str(i % 4) if i % 4 else "",
                by=by,
            )
            domain.meeting_file_upload(file=meeting_file, upload=upload("again.pdf"), by=by)
        domain.meeting_file_upload(
            file=world.files["delegation"], upload=upload(f"notes-{i}.pdf"), by=by
        )


# The meeting, its files, their latest versions; signed in, also the session, user and roles, and
# on a file's page for the secretariat, the delegations of the access form.
EXPECTED_QUERIES = {
    ("files", "anonymous"): 3,
    ("files", "focal"): 6,
    ("files", "secretariat"): 6,
    ("file", "anonymous"): 2,
    ("file", "focal"): 5,
    ("file", "secretariat"): 6,
}


@pytest.mark.parametrize(("page", "role"), list(EXPECTED_QUERIES))
def test_page_queries_do_not_grow_with_files_or_versions(client, world, page, role):
    if role != "anonymous":
        _login(client, world, role)
    url = world.url("files") if page == "files" else world.file_url("file", "public")
    if page == "file" and role != "anonymous":
        url = world.file_url("file", "delegation")
    _grow(world, 1)
    small = count_queries(client, url)
    _grow(world, 4)
    large = count_queries(client, url)
    assert (small, large) == (EXPECTED_QUERIES[page, role], EXPECTED_QUERIES[page, role])


def test_the_large_list_shows_every_file_the_viewer_may_read(client, world):
    _grow(world, 3)
    _login(client, world, "other_focal")
    html = client.get(world.url("files")).content.decode()
    shown = MeetingFile.objects.exclude(access=FileAccess.DELEGATION)
    assert all(f'id="file-{f.pk}"' in html for f in shown)
    assert not any(
        f'id="file-{f.pk}"' in html
        for f in MeetingFile.objects.filter(access=FileAccess.DELEGATION)
    )


# Two uploads at the same moment ------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions")
@pytest.mark.django_db(transaction=True)
def test_two_uploads_at_once_get_two_numbers_never_the_same():
    world = make_world()
    meeting_file = world.files["members"]
    rounds = 3
    for round_number in range(rounds):
        barrier = threading.Barrier(2)
        results: dict[str, object] = {}

        def send(name: str, round_number: int = round_number, results=results, barrier=barrier):
            try:
                barrier.wait()
                results[name] = domain.meeting_file_upload(
                    file=meeting_file,
                    upload=upload(f"{name}-{round_number}.pdf"),
                    by=None,
                )
            except Exception as error:  # the test reports what went wrong
                results[name] = error
            finally:
                connection.close()

        threads = [threading.Thread(target=send, args=(name,)) for name in ("alma", "bolat")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        numbers = sorted(result.number for result in results.values())
        assert numbers == [2 + 2 * round_number, 3 + 2 * round_number], results
    versions = list(meeting_file.versions.order_by("number").values_list("number", flat=True))
    assert versions == list(range(1, 2 + 2 * rounds))
    assert len(stored_files()) == 3 + 2 * rounds


# The back office ---------------------------------------------------------------------------------


def test_a_file_added_in_the_back_office_gets_its_first_version(client, world, staff_user):
    client.force_login(staff_user)
    url = reverse("admin:files_meetingfile_add")
    data = {
        "meeting": world.meeting.pk,
        "agenda_item_number": "4",
        "title": "Press release",
        "description": "",
        "access": FileAccess.PUBLIC,
        "state": "",
        "upload": upload("press.pdf", pdf("press")),
        "note": "As issued.",
    }

    refused = client.post(url, {**data, "upload": upload("press.pdf", EXE_BYTES)})
    response = client.post(url, {**data, "upload": upload("press.pdf", pdf("press"))})

    assert refused.status_code == 200
    assert "is not a PDF file" in refused.content.decode()
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response.status_code == 302
    meeting_file = MeetingFile.objects.get(title="Press release")
    version = meeting_file.versions.get()
    assert (version.number, version.note, version.uploaded_by, meeting_file.created_by) == (
        1,
        "As issued.",
        staff_user,
        staff_user,
    )
    actions = set(AuditEntry.objects.filter(actor=staff_user).values_list("action", flat=True))
    assert actions == {"files.file.created", "files.version.created"}


def test_versions_cannot_be_changed_in_the_back_office(client, world, staff_user):
    client.force_login(staff_user)
    version = world.files["public"].versions.get()
    url = reverse("admin:files_fileversion_change", args=[version.pk])

    page = client.get(url)
    post = client.post(url, {"note": "Rewritten."})
    file_page = client.get(
        reverse("admin:files_meetingfile_change", args=[world.files["public"].pk])
    )

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert post.status_code == 403
    assert 'name="versions-0-note"' not in file_page.content.decode()
    assert FileVersion.objects.get(pk=version.pk).note == ""
