"""Vocabularies of registration and accreditation."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegistrationStatus(models.TextChoices):
    """Where a delegation's registration stands. A returned registration is put right and
    submitted again."""

    DRAFT = "draft", pgettext_lazy("registration status", "draft")
    SUBMITTED = "submitted", pgettext_lazy("registration status", "submitted")
    ACCEPTED = "accepted", pgettext_lazy("registration status", "accepted")
    RETURNED = "returned", pgettext_lazy("registration status", "returned for changes")


#: The statuses in which the focal points may still change their registration (before the
#: deadline).
OPEN_TO_THE_STATE = frozenset({RegistrationStatus.DRAFT, RegistrationStatus.RETURNED})


class StepKind(models.TextChoices):
    """The steps of a registration's visible history."""

    CREATED = "created", pgettext_lazy("registration step", "registration started")
    EDITED = "edited", pgettext_lazy("registration step", "registration changed")
    LETTER = "letter", pgettext_lazy("registration step", "credentials letter attached")
    SUBMITTED = "submitted", pgettext_lazy("registration step", "submitted to the secretariat")
    ACCEPTED = "accepted", pgettext_lazy("registration step", "accepted by the secretariat")
    RETURNED = "returned", pgettext_lazy("registration step", "returned for changes")
    LATE_CHANGE = (
        "late_change",
        pgettext_lazy("registration step", "changed after the deadline by the secretariat"),
    )


class ExpertStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("expert registration status", "registered")
    CANCELLED = "cancelled", pgettext_lazy("expert registration status", "cancelled")


#: Credentials letters and notes verbales: the file types accepted, by the ending of their name,
#: with the content type they are served with and a description for messages.
LETTER_TYPES: dict[str, tuple[str, str]] = {
    ".pdf": ("application/pdf", "PDF"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _("Word document"),
    ),
    ".png": ("image/png", _("PNG image")),
    ".jpg": ("image/jpeg", _("JPEG image")),
    ".jpeg": ("image/jpeg", _("JPEG image")),
}
