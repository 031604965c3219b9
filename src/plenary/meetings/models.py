"""Meetings of an edition's cycle, the delegations at each, what they said and proposed."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from plenary.common.enums import MeetingFormat
from plenary.common.models import CitedModel
from plenary.meetings.enums import PREPARATORY_KINDS, MeetingKind, MeetingStatus
from plenary.people.enums import RANK_LEVEL, Rank


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not an IANA time zone such as Asia/Dushanbe.")


class Meeting(CitedModel):
    """Any meeting of an edition's cycle.

    Preparatory meetings (working level, senior officials) belong to the edition they prepare.
    Times are stored in UTC; ``timezone`` is where the meeting took place, and local times are
    shown in it. When the sources give only a day, ``date`` holds it and the times stay empty.
    """

    edition = models.ForeignKey("forums.Edition", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=24, choices=MeetingKind.choices)
    title = models.CharField(max_length=300)
    field = models.ForeignKey(
        "forums.Field", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    side_track = models.ForeignKey(
        "forums.SideTrack",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    date = models.DateField(null=True, blank=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    timezone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_timezone],
        help_text="Where the meeting took place, e.g. Asia/Dushanbe; empty when not known.",
    )
    city = models.CharField(max_length=120, blank=True)
    state = models.ForeignKey(
        "forums.State", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    venue = models.CharField(max_length=300, blank=True)
    format = models.CharField(
        max_length=16,
        choices=MeetingFormat.choices,
        blank=True,
        help_text="Empty when the sources do not say.",
    )
    status = models.CharField(
        max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    summary = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order within the edition when dates are the same or unknown."
    )

    class Meta:
        ordering = ["edition", "date", "starts_at", "position", "pk"]
        indexes = [models.Index(fields=["edition", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message="The meeting cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | ~Q(timezone=""),
                name="meeting_times_have_zone",
                violation_error_message="Give the time zone of a meeting whose times are known.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "meetings:meeting",
            kwargs={
                "forum": self.edition.forum.slug,
                "number": self.edition.number,
                "pk": self.pk,
            },
        )

    @property
    def is_preparatory(self) -> bool:
        return self.kind in PREPARATORY_KINDS

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The meeting's time zone; UTC when it is not known (then no times are recorded)."""
        return zoneinfo.ZoneInfo(self.timezone or "UTC")

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone) if self.starts_at else None

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone) if self.ends_at else None

    @property
    def local_date(self):
        if self.date:
            return self.date
        return self.local_start.date() if self.starts_at else None


class Delegation(CitedModel):
    """One state's delegation to one meeting, with the rank of its head at that meeting.

    The rank belongs here, not to the state or the forum: the same state sends a foreign minister
    one year and an ambassador the next. The head is a person, an office with no known holder, or
    both.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="delegations")
    state = models.ForeignKey("forums.State", on_delete=models.PROTECT, related_name="delegations")
    head_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations_led",
    )
    head_post = models.ForeignKey(
        "people.Post",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations_led",
        help_text="The office of the head, even when the holder is not known.",
    )
    head_rank = models.CharField(max_length=32, choices=Rank.choices, blank=True)
    head_title = models.CharField(
        max_length=300, blank=True, help_text="The head's title as the sources give it."
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "state__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "state"], name="delegation_unique_state"),
            models.CheckConstraint(
                condition=Q(head_person__isnull=True, head_post__isnull=True) | ~Q(head_rank=""),
                name="delegation_head_has_rank",
                violation_error_message="Give the rank at which the head led the delegation.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} at {self.meeting}"

    @property
    def rank_level(self) -> int | None:
        return RANK_LEVEL[self.head_rank] if self.head_rank else None

    @property
    def head_label(self) -> str:
        """The head as a reader should see them: the name if known, else the office."""
        if self.head_person_id:
            return self.head_person.name
        if self.head_post_id:
            return str(self.head_post)
        return ""


class DelegationMember(models.Model):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    post = models.ForeignKey(
        "people.Post", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    function = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["delegation", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(post__isnull=False),
                name="delegationmember_person_or_post",
                violation_error_message="Name the member, the office, or both.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person or self.post)


class ExpertParticipation(CitedModel):
    """Experts at an edition's expert sessions, counted by state and field where known.

    A row with a ``person`` is one expert; otherwise it is a count ("about 100 experts from Korea
    and the five Central Asian states"), with ``approximate`` set when the sources round.
    """

    edition = models.ForeignKey(
        "forums.Edition", on_delete=models.CASCADE, related_name="expert_participations"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="experts"
    )
    state = models.ForeignKey(
        "forums.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    field = models.ForeignKey(
        "forums.Field", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        "people.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    count = models.PositiveIntegerField(default=1)
    approximate = models.BooleanField(default=False)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["edition", "state__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(count=1),
                name="expertparticipation_person_counts_one",
                violation_error_message="A row naming one expert counts one.",
            ),
            models.CheckConstraint(
                condition=Q(count__gte=1),
                name="expertparticipation_count_positive",
                violation_error_message="Count at least one expert.",
            ),
        ]

    def __str__(self) -> str:
        prefix = "about " if self.approximate else ""
        return f"{prefix}{self.count} expert(s)"

    def clean(self) -> None:
        if self.meeting_id and self.edition_id and self.meeting.edition_id != self.edition_id:
            raise ValidationError({"meeting": "That meeting belongs to another edition."})


class Statement(CitedModel):
    """What a delegation (or its speaker) said at a meeting, in summary."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="statements")
    delegation = models.ForeignKey(
        Delegation, null=True, blank=True, on_delete=models.CASCADE, related_name="statements"
    )
    speaker_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    speaker_post = models.ForeignKey(
        "people.Post", null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    summary = models.TextField()
    fields = models.ManyToManyField("forums.Field", blank=True, related_name="statements")
    symbol = models.CharField(max_length=100, blank=True, help_text="Document symbol, if any.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        who = self.speaker_person or self.speaker_post or self.delegation
        return f"Statement by {who}" if who else "Statement"

    def clean(self) -> None:
        if self.delegation_id and self.meeting_id and self.delegation.meeting_id != self.meeting_id:
            raise ValidationError({"delegation": "That delegation was sent to another meeting."})

    @property
    def speaker_label(self) -> str:
        if self.speaker_person_id:
            return self.speaker_person.name
        if self.speaker_post_id:
            return str(self.speaker_post)
        return ""


class Proposal(CitedModel):
    """A proposal made in a statement; cooperation projects can be born from it."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="proposals")
    text = models.TextField()
    field = models.ForeignKey(
        "forums.Field", null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    partners = models.ManyToManyField("people.Organization", blank=True, related_name="proposals")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["statement", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
