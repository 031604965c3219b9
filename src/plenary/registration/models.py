"""Registration and accreditation: the call for a meeting, each state's registration of its
delegation with the credentials letter, the visible history of each registration, and experts'
registrations for expert sessions."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.common.models import TimeStampedModel
from plenary.people.enums import Rank
from plenary.registration.enums import ExpertStatus, RegistrationStatus, StepKind


class RegistrationCall(TimeStampedModel):
    """The secretariat's call to register for one meeting: open from ``opens_at`` until the
    ``deadline``. For an expert session, ``expert_cap`` limits how many experts may register."""

    meeting = models.OneToOneField(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="registration_call",
        verbose_name=_("meeting"),
    )
    opens_at = models.DateTimeField(_("opens at"))
    deadline = models.DateTimeField(_("deadline"))
    note = models.TextField(
        _("note"), blank=True, help_text=_("What the states should know, shown on the call.")
    )
    expert_cap = models.PositiveIntegerField(
        _("expert cap"),
        null=True,
        blank=True,
        help_text=_("For an expert session: how many experts may register; empty for no limit."),
    )

    class Meta:
        ordering = ["-deadline", "pk"]
        verbose_name = _("registration call")
        verbose_name_plural = _("registration calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("opens_at")),
                name="registrationcall_deadline_after_opening",
                violation_error_message=_("The deadline must come after the call opens."),
            ),
            models.CheckConstraint(
                condition=Q(expert_cap__isnull=True) | Q(expert_cap__gte=1),
                name="registrationcall_cap_positive",
                violation_error_message=_("A cap admits at least one expert."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Registration for %(meeting)s") % {"meeting": self.meeting}

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
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("meeting"),
    )
    state = models.ForeignKey(
        "forums.State", on_delete=models.PROTECT, related_name="+", verbose_name=_("state")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
    )
    head_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("head person"),
        help_text=_("The head of delegation, when already in the record."),
    )
    head_name_latin = models.CharField(_("name in Latin script"), max_length=200, blank=True)
    head_name_cyrillic = models.CharField(_("name in Cyrillic"), max_length=200, blank=True)
    head_name_hangul = models.CharField(_("name in Hangul"), max_length=200, blank=True)
    head_rank = models.CharField(_("rank"), max_length=32, choices=Rank.choices, blank=True)
    head_title = models.CharField(
        _("title or post"),
        max_length=300,
        blank=True,
        help_text=_("e.g. Minister of Foreign Affairs"),
    )
    letter = models.FileField(
        _("credentials letter or note verbale"),
        upload_to=letter_path,
        max_length=300,
        blank=True,
    )
    letter_name = models.CharField(
        _("letter name"), max_length=255, blank=True, help_text=_("The file's name as it was sent.")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    return_reason = models.TextField(_("return reason"), blank=True)
    delegation = models.ForeignKey(
        "meetings.Delegation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("delegation"),
        help_text=_("The delegation the accepted registration became."),
    )

    class Meta:
        ordering = ["meeting", "state__name"]
        verbose_name = _("delegation registration")
        verbose_name_plural = _("delegation registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "state"],
                name="registration_unique_state",
                violation_error_message=_("This state has already registered for this meeting."),
            ),
            models.CheckConstraint(
                condition=Q(head_person__isnull=True)
                | Q(head_name_latin="", head_name_cyrillic="", head_name_hangul=""),
                name="registration_head_person_or_name",
                violation_error_message=_(
                    "Choose the head of delegation from the record or type the name, not both."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(head_name_latin="") | Q(head_name_cyrillic="", head_name_hangul=""),
                name="registration_head_name_in_latin",
                violation_error_message=_("Give the name in Latin script as well."),
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.RETURNED) | ~Q(return_reason=""),
                name="registration_returned_with_reason",
                violation_error_message=_("Say why the registration is returned."),
            ),
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="registration_submitted_when",
                violation_error_message=_(
                    "A submitted registration has the time it was submitted."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[RegistrationStatus.ACCEPTED, RegistrationStatus.RETURNED])
                | Q(decided_at__isnull=False),
                name="registration_decided_when",
                violation_error_message=_("A decided registration has the time it was decided."),
            ),
        ]

    def __str__(self) -> str:
        # Kept in English: members' rows name their registration this way in the audit log.
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
        DelegationRegistration,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("registration"),
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    function = models.CharField(
        _("function"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Director of the Asia Department; adviser"),
    )
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order in a list", "position"), default=0
    )

    class Meta:
        ordering = ["registration", "position", "pk"]
        verbose_name = _("registered member")
        verbose_name_plural = _("registered members")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "position"], name="registeredmember_unique_position"
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="registeredmember_named",
                violation_error_message=_("Give the member's name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


# The notes the domain writes on the steps it takes itself. They are kept in English, like the
# rest of the record, and shown in the reader's language by ``RegistrationStep.note_text``.
NOTE_LATE_REGISTRATION = "Registered by the secretariat after the deadline."
NOTE_LATE_EDIT = "Head or members changed."
NOTE_LATE_SUBMISSION = "Submitted by the secretariat after the deadline."
NOTE_LETTER = "Credentials letter attached: %(name)s."
_NOTE_LETTER_START, _NOTE_LETTER_END = NOTE_LETTER.split("%(name)s")
_NOTES = {
    NOTE_LATE_REGISTRATION: _("Registered by the secretariat after the deadline."),
    NOTE_LATE_EDIT: _("Head or members changed."),
    NOTE_LATE_SUBMISSION: _("Submitted by the secretariat after the deadline."),
}


class RegistrationStep(models.Model):
    """One step of a registration's history, as the focal points and the secretariat see it:
    who did what, and when."""

    registration = models.ForeignKey(
        DelegationRegistration,
        on_delete=models.CASCADE,
        related_name="steps",
        verbose_name=_("registration"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=StepKind.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("The reason of a return; what changed.")
    )

    class Meta:
        ordering = ["registration", "at", "pk"]
        verbose_name = _("registration step")
        verbose_name_plural = _("registration steps")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=StepKind.RETURNED) | ~Q(note=""),
                name="registrationstep_return_has_reason",
                violation_error_message=_("A return gives its reason."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(kind)s (%(registration)s)") % {
            "kind": self.get_kind_display(),
            "registration": self.registration,
        }

    @property
    def note_text(self) -> str:
        """The note as the reader reads it: a note the domain wrote, in the reader's language; a
        person's note (the reason of a return) as it was written."""
        note = self.note
        if self.kind == StepKind.RETURNED:
            return note
        if note in _NOTES:
            return str(_NOTES[note])
        if (
            note.startswith(_NOTE_LETTER_START)
            and note.endswith(_NOTE_LETTER_END)
            and len(note) > len(_NOTE_LETTER_START) + len(_NOTE_LETTER_END)
        ):
            name = note[len(_NOTE_LETTER_START) : len(note) - len(_NOTE_LETTER_END)]
            return gettext("Credentials letter attached: %(name)s.") % {"name": name}
        return note


class ExpertRegistration(TimeStampedModel):
    """An expert's registration for an expert session, in a field."""

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="expert_registrations",
        verbose_name=_("meeting"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_registrations",
        verbose_name=_("user"),
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    organization = models.CharField(
        _("organization"),
        max_length=300,
        blank=True,
        help_text=_("The institute or agency the expert comes from."),
    )
    state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("state"),
    )
    field = models.ForeignKey(
        "forums.Field",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("field of cooperation", "field"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ExpertStatus.choices, default=ExpertStatus.REGISTERED
    )
    registered_at = models.DateTimeField(_("registered at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "registered_at", "pk"]
        verbose_name = _("expert registration")
        verbose_name_plural = _("expert registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="expertregistration_unique_user",
                violation_error_message=_("This expert has already registered for the session."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ExpertStatus.CANCELLED) | Q(cancelled_at__isnull=False),
                name="expertregistration_cancelled_when",
                violation_error_message=_(
                    "A cancelled registration has the time it was cancelled."
                ),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(name)s for %(meeting)s") % {"name": self.name, "meeting": self.meeting}

    @property
    def forum_id(self) -> int:
        return self.meeting.edition.forum_id
