"""Files attached to a meeting or one of its agenda items, each kept in numbered versions.

A file's versions are written once, by ``domain.meeting_file_upload``, and never changed: the
address of a version always serves the same bytes, and the file's own address serves the latest.
The bytes live under ``MEDIA_ROOT`` and are sent only by a view that checks who may read them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plenary.common import translations
from plenary.common.models import TimeStampedModel
from plenary.files.enums import FileAccess
from plenary.forums import naming


def _language() -> str:
    return translation.get_language() or "en"


validate_agenda_item_number = RegexValidator(
    r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$",
    _("Give the agenda item's number as the agenda shows it, such as 1 or 2.a."),
)


class MeetingFile(TimeStampedModel):
    """A document handed out at a meeting: an agenda, a presentation, a delegation's paper.

    ``agenda_item_number`` is the item's number as the agenda shows it ("2.a"), kept as text so
    that a file can be filed under an item however the agenda is recorded. ``access`` says who may
    read the file; a file for one delegation names the ``state`` whose focal points read it (with
    the forum's secretariat).
    """

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="files",
        verbose_name=_("meeting"),
    )
    agenda_item_number = models.CharField(
        _("agenda item number"),
        max_length=20,
        blank=True,
        validators=[validate_agenda_item_number],
        help_text=_(
            "The agenda item the file belongs to, such as 2.a; empty for the whole meeting."
        ),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    access = models.CharField(
        _("access"),
        max_length=16,
        choices=FileAccess.choices,
        default=FileAccess.MEMBERS,
        help_text=_(
            "Members only: the forum's secretariat and the focal points of its member "
            "states. One delegation only: that state's focal points and the secretariat."
        ),
    )
    state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("state"),
        help_text=_("The delegation that may read a file for one delegation only."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["meeting", "agenda_item_number", "title", "pk"]
        verbose_name = _("meeting file")
        verbose_name_plural = _("meeting files")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "title"],
                name="meetingfile_unique_title",
                violation_error_message=_("This meeting already has a file of this title."),
            ),
            models.CheckConstraint(
                condition=~Q(access=FileAccess.DELEGATION) | Q(state__isnull=False),
                name="meetingfile_delegation_has_state",
                violation_error_message=_("Choose the delegation that may read this file."),
            ),
            models.CheckConstraint(
                condition=Q(access=FileAccess.DELEGATION) | Q(state__isnull=True),
                name="meetingfile_state_only_for_delegation",
                violation_error_message=_(
                    "Only a file for one delegation names a state; leave the delegation empty."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.state_id and self.meeting_id:
            forum = self.meeting.edition.forum
            if not forum.memberships.filter(state_id=self.state_id).exists():
                raise ValidationError(
                    {
                        "state": gettext("%(state)s is not a member of %(forum)s.")
                        % {
                            "state": naming.state_name(self.state, _language()),
                            "forum": translations.localized(forum, "name").text,
                        }
                    }
                )

    def url_kwargs(self) -> dict:
        """The parts of the addresses under this file (its meeting's edition and forum loaded)."""
        edition = self.meeting.edition
        return {
            "forum": edition.forum.slug,
            "number": edition.number,
            "pk": self.meeting_id,
            "file_pk": self.pk,
        }

    def get_absolute_url(self) -> str:
        return reverse("files:file", kwargs=self.url_kwargs())

    @property
    def access_label(self) -> str:
        """Who may read the file, in words (the state loaded for a file of one delegation)."""
        if self.access == FileAccess.DELEGATION and self.state_id:
            return gettext("%(state)s delegation only") % {
                "state": naming.state_name(self.state, _language())
            }
        return self.get_access_display()


def version_path(version: FileVersion, filename: str) -> str:
    """``meeting-files/<meeting>/<file>/<number>/<name>``: a folder of its own per version."""
    return f"meeting-files/{version.file.meeting_id}/{version.file_id}/{version.number}/{filename}"


class FileVersion(models.Model):
    """One upload of a file, numbered from 1; written once and never changed.

    ``original_name`` is the name the file had on the uploader's computer, given back on download;
    ``stored`` is where the bytes are kept, under a name made safe for any file system.
    ``content_type`` is the type the content was found to be when it was checked at upload.
    """

    file = models.ForeignKey(
        MeetingFile, on_delete=models.PROTECT, related_name="versions", verbose_name=_("file")
    )
    number = models.PositiveIntegerField(_("number"))
    stored = models.FileField(_("stored"), upload_to=version_path, max_length=500)
    original_name = models.CharField(_("original name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"), help_text=_("In bytes."))
    sha256 = models.CharField(_("sha256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True, help_text=_("What changed in this version."))

    class Meta:
        ordering = ["file", "-number"]
        verbose_name = _("file version")
        verbose_name_plural = _("file versions")
        constraints = [
            models.UniqueConstraint(
                fields=["file", "number"],
                name="fileversion_unique_number",
                violation_error_message=_("This file already has a version of this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="fileversion_number_from_one",
                violation_error_message=_("Versions are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=Q(size__gte=1),
                name="fileversion_not_empty",
                violation_error_message=_("The file is empty."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(file)s, version %(number)s") % {"file": self.file, "number": self.number}
