"""Writes of meeting files: adding a file with its first version, uploading the next version,
setting who may read a file.

Every upload is checked before anything is written: its name must end in an allowed extension,
its first bytes must be what that extension promises (a program renamed ``.pdf`` is refused), it
must not be empty, and it must not be larger than ``PLENARY_MAX_UPLOAD_MB``. Who may call each
function is decided by the permissions of ``rules``, which the pages check first.
"""

from __future__ import annotations

import codecs
import hashlib
import math
import posixpath
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plenary.common.domain import record
from plenary.files.enums import (
    ALLOWED_KINDS_TEXT,
    DOCX,
    JPEG,
    KINDS_BY_EXTENSION,
    ODT,
    PDF,
    PNG,
    PPTX,
    TEXT,
    XLSX,
    FileAccess,
    FileKind,
)
from plenary.files.models import FileVersion, MeetingFile, version_path

#: How much of a file's start is read to tell what it holds.
HEAD_SIZE = 8192

#: The folder inside the ZIP container that each Office Open XML format keeps its content in.
_OFFICE_FOLDERS = {DOCX: "word/", XLSX: "xl/", PPTX: "ppt/"}


# Checking an upload ------------------------------------------------------------------------------


def _head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    return head


def _zip_contents(upload) -> tuple[list[str], bytes] | None:
    """The names inside a ZIP container and the start of its ``mimetype`` entry (OpenDocument
    keeps its type there), or None when it is not a container that can be read."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as container:
            names = container.namelist()
            mimetype = b""
            if "mimetype" in names:
                with container.open("mimetype") as entry:
                    mimetype = entry.read(100)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, NotImplementedError):
        return None
    finally:
        upload.seek(0)
    return names, mimetype.strip()


def _is_text(head: bytes) -> bool:
    """UTF-8 text (ASCII included) with no control characters other than white space."""
    if b"\x00" in head:
        return False
    try:
        # A head cut short of the whole file may end inside a character; that is no fault.
        final = len(head) < HEAD_SIZE
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=final)
    except UnicodeDecodeError:
        return False
    return all(ch >= " " or ch in "\t\n\r\f" for ch in text)


def content_matches(kind: FileKind, upload) -> bool:
    """Whether the first bytes of ``upload`` are those of a file of ``kind``."""
    head = _head(upload)
    if kind is PDF:
        return head.startswith(b"%PDF-")
    if kind is PNG:
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind is JPEG:
        return head.startswith(b"\xff\xd8\xff")
    if kind is TEXT:
        return _is_text(head)
    if not head.startswith(b"PK\x03\x04"):
        return False
    contents = _zip_contents(upload)
    if contents is None:
        return False
    names, mimetype = contents
    if kind is ODT:
        return mimetype == ODT.content_type.encode()
    folder = _OFFICE_FOLDERS[kind]
    return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)


def _size_text(size: int) -> str:
    """A size in megabytes, rounded up to a tenth, so that a file just over a limit reads so."""
    return _("%(size)s MB") % {"size": f"{math.ceil(size * 10 / (1024 * 1024)) / 10:g}"}


def inspect_upload(upload) -> FileKind:
    """The kind of file ``upload`` is; ``ValidationError`` on ``upload`` when it may not be kept.

    Reads the settings when called, so a changed limit holds at once.
    """
    name = upload.name or ""
    extension = posixpath.splitext(name.lower())[1]
    kind = KINDS_BY_EXTENSION.get(extension)
    if kind is None:
        if extension:
            told = _("Files of type %(extension)s cannot be uploaded; send a %(kinds)s file.")
        else:
            told = _("Files without an extension cannot be uploaded; send a %(kinds)s file.")
        raise ValidationError(
            {"upload": told % {"extension": extension, "kinds": ALLOWED_KINDS_TEXT}}
        )
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"upload": _("The file is empty; choose the file again.")})
    limit = settings.PLENARY_MAX_UPLOAD_MB
    if size > limit * 1024 * 1024:
        raise ValidationError(
            {
                "upload": _(
                    "The file is %(size)s, more than the %(limit)s MB a file may have; make it "
                    "smaller or split it."
                )
                % {"size": _size_text(size), "limit": limit}
            }
        )
    if not content_matches(kind, upload):
        raise ValidationError(
            {
                "upload": _(
                    "“%(name)s” is not a %(kind)s file, whatever its name says; send the file as "
                    "it was saved, without renaming it."
                )
                % {"name": name, "kind": kind.label}
            }
        )
    return kind


def safe_name(original: str) -> str:
    """A name for the stored copy that any file system takes: ASCII letters, digits and
    hyphens, with the extension in lower case: ``Повестка (final).PDF`` is kept as ``final.pdf``,
    ``회의 자료.pdf`` as ``file.pdf``. The name the uploader gave is kept beside it, for
    downloads."""
    base = posixpath.basename(original.replace("\\", "/"))
    stem, extension = posixpath.splitext(base)
    stem = slugify(stem)[:80].strip("-_") or "file"
    return f"{stem}{extension.lower()}"


def _display_name(original: str) -> str:
    """The name given back on download: the uploader's name without any folder in it."""
    return posixpath.basename(original.replace("\\", "/")).strip()[:255] or "file"


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


# Writes ------------------------------------------------------------------------------------------


def _check_access(access: str, state) -> None:
    """A file for one delegation names it; another names none. The database holds the same rule;
    here it is put on the field the person filled in."""
    if access == FileAccess.DELEGATION and state is None:
        raise ValidationError({"state": _("Choose the delegation that may read this file.")})
    if access != FileAccess.DELEGATION and state is not None:
        raise ValidationError(
            {
                "state": _(
                    "Only a file for one delegation names a state; leave the delegation empty."
                )
            }
        )


@transaction.atomic
def meeting_file_add(
    *,
    meeting,
    title: str,
    upload,
    access: str = FileAccess.MEMBERS,
    state=None,
    agenda_item_number: str = "",
    description: str = "",
    note: str = "",
    by,
) -> MeetingFile:
    """Attach a new file to ``meeting`` with ``upload`` as its version 1.

    Creates the ``MeetingFile`` (``files.file.created``) and its first ``FileVersion``
    (``files.version.created``), and stores the bytes. Refuses, writing nothing: a title the
    meeting already has, a file for one delegation that names none, and any upload
    ``inspect_upload`` refuses; all the reasons at once, by field.
    """
    title = title.strip()
    errors: dict[str, list[str]] = {}
    try:
        inspect_upload(upload)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        _check_access(access, state)
    except ValidationError as error:
        errors.update(error.message_dict)
    if title and MeetingFile.objects.filter(meeting=meeting, title=title).exists():
        errors.setdefault("title", []).append(
            _("This meeting already has a file of this title; upload a new version of it instead.")
        )
    candidate = MeetingFile(
        meeting=meeting,
        title=title,
        access=access,
        state=state,
        agenda_item_number=agenda_item_number.strip(),
        description=description,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    try:
        candidate.full_clean(exclude=[*errors, "created_by"], validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    meeting_file, _created = record(
        MeetingFile,
        lookup={"meeting": meeting, "title": title},
        values={
            "agenda_item_number": candidate.agenda_item_number,
            "description": description,
            "access": access,
            "state": state,
            "created_by": candidate.created_by,
        },
        action="files.file",
        by=by,
    )
    meeting_file_upload(file=meeting_file, upload=upload, note=note, by=by)
    return meeting_file


@transaction.atomic
def meeting_file_upload(*, file: MeetingFile, upload, note: str = "", by) -> FileVersion:
    """Keep ``upload`` as the next version of ``file`` and return it.

    The number is taken under a lock on the file's row, so two uploads at the same moment get two
    numbers one after the other, never the same one. Stores the bytes under
    ``meeting-files/<meeting>/<file>/<number>/`` and writes ``files.version.created``. An upload
    ``inspect_upload`` refuses raises ``ValidationError`` before anything is stored.
    """
    kind = inspect_upload(upload)
    locked = MeetingFile.objects.select_for_update().get(pk=file.pk)
    latest = locked.versions.aggregate(latest=Max("number"))["latest"] or 0
    number = latest + 1
    original = _display_name(upload.name)
    field = FileVersion._meta.get_field("stored")
    path = version_path(FileVersion(file=locked, number=number), safe_name(original))
    stored = field.storage.save(path, upload, max_length=field.max_length)
    try:
        version, _created = record(
            FileVersion,
            lookup={"file": locked, "number": number},
            values={
                "stored": stored,
                "original_name": original,
                "content_type": kind.content_type,
                "size": upload.size,
                "sha256": _sha256(upload),
                "uploaded_by": by if by is not None and by.is_authenticated else None,
                "note": note,
            },
            action="files.version",
            by=by,
        )
    except BaseException:
        field.storage.delete(stored)
        raise
    return version


@transaction.atomic
def meeting_file_access_set(*, file: MeetingFile, access: str, state=None, by) -> MeetingFile:
    """Set who may read ``file``: everyone, the forum's members, or one delegation (``state``).

    Writes ``files.file.updated`` with before and after; nothing when nothing changes.
    """
    _check_access(access, state)
    meeting_file, _created = record(
        MeetingFile,
        lookup={"pk": file.pk},
        values={"access": access, "state": state},
        action="files.file",
        by=by,
    )
    return meeting_file
