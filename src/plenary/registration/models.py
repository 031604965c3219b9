"""Registration and accreditation: the call for a meeting, each state's registration of its
delegation with the credentials letter, the visible history of each registration, and experts'
registrations for expert sessions."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q

from plenary.common.models import TimeStampedModel
from plenary.people.enums import Rank
from plenary.registration.enums import ExpertStatus, RegistrationStatus, StepKind


class RegistrationCall(TimeStampedModel):
    """The secretariat's call to register for one meeting: open from ``opens_at`` until the
    ``deadline``. For an expert session, ``expert_cap`` limits how many experts may register."""

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="registration_call"
    )
    opens_at = models.DateTimeField()
    deadline = models.DateTimeField()
    note = models.TextField(blank=True, help_text="What the states should know, shown on the call.")
    expert_cap = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="For an expert session: how many experts may register; empty for no limit.",
    )

    class Meta:
        ordering = ["-deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("opens_at")),
                name="registrationcall_deadline_after_opening",
                violation_error_message="The deadline must come after the call opens.",
            ),
            models.CheckConstraint(
                condition=Q(expert_cap__isnull=True) | Q(expert_cap__gte=1),
                name="registrationcall_cap_positive",
                violation_error_message="A cap admits at least one expert.",
            ),
        ]

    def __str__(self) -> str:
        return f"Registration for {self.meeting}"

    @property
    def forum_id(self) -> int:
        return self.meeting.edition.forum_id

    def is_open(self, now) -> bool:
        return self.opens_at <= now < self.deadline

    def has_passed(self, now) -> bool:
        return now >= self.deadline


def letter_path(registration: DelegationRegistration, filename: str) -> str:
    """Where a letter is stored, under the media folder: a name of its own, never the one sent."""
    suffix = Path(filename).suffix.lower()
    state = registration.state.code.lower()
    return f"registration/{registration.meeting_id}/{state}/{uuid.uuid4().hex}{suffix}"


class DelegationRegistration(TimeStampedModel):
    """One state's registration of its delegation to one meeting, as its focal points enter it.

    The head of delegation is a person already in the record or, for someone new, their name in
    Latin script (and in Cyrillic and Hangul where known). Once the secretariat accepts the
    registration, it becomes the meeting's ``Delegation``.
    """

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="registrations"
    )
    state = models.ForeignKey("forums.State", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT
    )
    head_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The head of delegation, when already in the record.",
    )
    head_name_latin = models.CharField("name in Latin script", max_length=200, blank=True)
    head_name_cyrillic = models.CharField("name in Cyrillic", max_length=200, blank=True)
    head_name_hangul = models.CharField("name in Hangul", max_length=200, blank=True)
    head_rank = models.CharField("rank", max_length=32, choices=Rank.choices, blank=True)
    head_title = models.CharField(
        "title or post", max_length=300, blank=True, help_text="e.g. Minister of Foreign Affairs"
    )
    letter = models.FileField(
        "credentials letter or note verbale", upload_to=letter_path, max_length=300, blank=True
    )
    letter_name = models.CharField(
        max_length=255, blank=True, help_text="The file's name as it was sent."
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)
    delegation = models.ForeignKey(
        "meetings.Delegation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The delegation the accepted registration became.",
    )

    class Meta:
        ordering = ["meeting", "state__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "state"],
                name="registration_unique_state",
                violation_error_message="This state has already registered for this meeting.",
            ),
            models.CheckConstraint(
                condition=Q(head_person__isnull=True)
                | Q(head_name_latin="", head_name_cyrillic="", head_name_hangul=""),
                name="registration_head_person_or_name",
                violation_error_message=(
                    "Choose the head of delegation from the record or type the name, not both."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(head_name_latin="") | Q(head_name_cyrillic="", head_name_hangul=""),
                name="registration_head_name_in_latin",
                violation_error_message="Give the name in Latin script as well.",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.RETURNED) | ~Q(return_reason=""),
                name="registration_returned_with_reason",
                violation_error_message="Say why the registration is returned.",
            ),
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="registration_submitted_when",
                violation_error_message="A submitted registration has the time it was submitted.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[RegistrationStatus.ACCEPTED, RegistrationStatus.RETURNED])
                | Q(decided_at__isnull=False),
                name="registration_decided_when",
                violation_error_message="A decided registration has the time it was decided.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} for {self.meeting}"

    @property
    def forum_id(self) -> int:
        return self.meeting.edition.forum_id

    @property
    def head_label(self) -> str:
        if self.head_person_id:
            return self.head_person.name
        return self.head_name_latin

    @property
    def has_head(self) -> bool:
        return bool(self.head_person_id or self.head_name_latin)


class RegisteredMember(models.Model):
    """A member of a registered delegation, in the order the focal point lists them."""

    registration = models.ForeignKey(
        DelegationRegistration, on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField(max_length=200)
    function = models.CharField(
        max_length=200, blank=True, help_text="e.g. Director of the Asia Department; adviser"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["registration", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "position"], name="registeredmember_unique_position"
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="registeredmember_named",
                violation_error_message="Give the member's name.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RegistrationStep(models.Model):
    """One step of a registration's history, as the focal points and the secretariat see it:
    who did what, and when."""

    registration = models.ForeignKey(
        DelegationRegistration, on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(max_length=16, choices=StepKind.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(blank=True, help_text="The reason of a return; what changed.")

    class Meta:
        ordering = ["registration", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=StepKind.RETURNED) | ~Q(note=""),
                name="registrationstep_return_has_reason",
                violation_error_message="A return gives its reason.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.registration})"


class ExpertRegistration(TimeStampedModel):
    """An expert's registration for an expert session, in a field."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="expert_registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_registrations"
    )
    name = models.CharField(max_length=200)
    organization = models.CharField(
        max_length=300, blank=True, help_text="The institute or agency the expert comes from."
    )
    state = models.ForeignKey(
        "forums.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    field = models.ForeignKey("forums.Field", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=16, choices=ExpertStatus.choices, default=ExpertStatus.REGISTERED
    )
    registered_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="expertregistration_unique_user",
                violation_error_message="This expert has already registered for the session.",
            ),
            models.CheckConstraint(
                condition=~Q(status=ExpertStatus.CANCELLED) | Q(cancelled_at__isnull=False),
                name="expertregistration_cancelled_when",
                violation_error_message="A cancelled registration has the time it was cancelled.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} for {self.meeting}"

    @property
    def forum_id(self) -> int:
        return self.meeting.edition.forum_id
