"""Vocabularies of registration and accreditation."""

from django.db import models


class RegistrationStatus(models.TextChoices):
    """Where a delegation's registration stands. A returned registration is put right and
    submitted again."""

    DRAFT = "draft", "draft"
    SUBMITTED = "submitted", "submitted"
    ACCEPTED = "accepted", "accepted"
    RETURNED = "returned", "returned for changes"


#: The statuses in which the focal points may still change their registration (before the
#: deadline).
OPEN_TO_THE_STATE = frozenset({RegistrationStatus.DRAFT, RegistrationStatus.RETURNED})


class StepKind(models.TextChoices):
    """The steps of a registration's visible history."""

    CREATED = "created", "registration started"
    EDITED = "edited", "registration changed"
    LETTER = "letter", "credentials letter attached"
    SUBMITTED = "submitted", "submitted to the secretariat"
    ACCEPTED = "accepted", "accepted by the secretariat"
    RETURNED = "returned", "returned for changes"
    LATE_CHANGE = "late_change", "changed after the deadline by the secretariat"


class ExpertStatus(models.TextChoices):
    REGISTERED = "registered", "registered"
    CANCELLED = "cancelled", "cancelled"


#: Credentials letters and notes verbales: the file types accepted, by the ending of their name,
#: with the content type they are served with and a description for messages.
LETTER_TYPES: dict[str, tuple[str, str]] = {
    ".pdf": ("application/pdf", "PDF"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word document",
    ),
    ".png": ("image/png", "PNG image"),
    ".jpg": ("image/jpeg", "JPEG image"),
    ".jpeg": ("image/jpeg", "JPEG image"),
}
