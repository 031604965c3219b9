"""Who may read a meeting file, and the kinds of file that may be uploaded."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FileAccess(models.TextChoices):
    PUBLIC = "public", pgettext_lazy("file access", "public")
    MEMBERS = "members", pgettext_lazy("file access", "members only")
    DELEGATION = "delegation", pgettext_lazy("file access", "one delegation only")


@dataclass(frozen=True)
class FileKind:
    """A kind of file that may be uploaded: its name for people (in the reader's language) and its
    content type, which alone tells kinds apart."""

    label: str = field(compare=False)
    content_type: str


PDF = FileKind("PDF", "application/pdf")
DOCX = FileKind(
    "Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
XLSX = FileKind("Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = FileKind(
    "PowerPoint (PPTX)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
)
ODT = FileKind(_("OpenDocument text (ODT)"), "application/vnd.oasis.opendocument.text")
TEXT = FileKind(_("plain text"), "text/plain")
PNG = FileKind("PNG", "image/png")
JPEG = FileKind("JPEG", "image/jpeg")

#: The kind of file each allowed extension (lower case, with its dot) must hold.
KINDS_BY_EXTENSION: dict[str, FileKind] = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".pptx": PPTX,
    ".odt": ODT,
    ".txt": TEXT,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
}

ALLOWED_KINDS_TEXT = _(
    "PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), OpenDocument text (ODT), plain text, "
    "PNG or JPEG"
)
