"""Minutes of a meeting, or of one item of its agenda: every revision of their text, and the
comments of the member states while they are circulated.

A revision is written once and never changed; approved minutes take no new revision. Besides the
domain functions, database triggers (migration ``0002_lock_revisions``) hold both rules.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.minutes.enums import MinutesStatus

#: "1", "2.a", "IV.3": letters and digits, parts separated by dots.
AGENDA_ITEM_NUMBER = RegexValidator(
    r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$",
    _("Give the agenda item's number as on the agenda, such as 1, 2.a or IV.3."),
)


def agenda_order(number: str) -> tuple:
    """Sort key for agenda item numbers: the whole meeting first, then 1, 2, 2.a, 2.b, 10."""
    if not number:
        return ()
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower()) for part in number.split(".")
    )


class Minutes(models.Model):
    """The minutes of ``meeting``, or of one item of its agenda when ``agenda_item_number`` is
    given. Drafted by the secretariat, circulated to the member states for comments until
    ``comments_due``, then approved; approved minutes are the public record and their text is
    locked."""

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="minutes",
        verbose_name=_("meeting"),
    )
    agenda_item_number = models.CharField(
        _("agenda item number"),
        max_length=16,
        blank=True,
        validators=[AGENDA_ITEM_NUMBER],
        help_text=_(
            "For the minutes of one agenda item, its number (1, 2.a); empty for the whole meeting."
        ),
    )
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    comments_due = models.DateTimeField(_("comments due"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # Approved minutes are locked in the database: their approver stays on record.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "agenda_item_number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "agenda_item_number"],
                name="minutes_unique_per_agenda_item",
                violation_error_message=_(
                    "This meeting already has minutes for this agenda item "
                    "(or, without a number, for the whole meeting)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status=MinutesStatus.DRAFT)
                | Q(circulated_at__isnull=False, comments_due__isnull=False),
                name="minutes_circulated_has_deadline",
                violation_error_message=_(
                    "Minutes that were circulated have the time of their "
                    "circulation and a deadline for comments."
                ),
            ),
            models.CheckConstraint(
                condition=Q(comments_due__isnull=True)
                | Q(circulated_at__isnull=True)
                | Q(comments_due__gt=F("circulated_at")),
                name="minutes_comments_due_after_circulation",
                violation_error_message=_(
                    "Comments cannot be due before the minutes are circulated."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=MinutesStatus.APPROVED) | Q(approved_at__isnull=False),
                name="minutes_approved_has_time",
                violation_error_message=_("Approved minutes have the time of their approval."),
            ),
            models.CheckConstraint(
                condition=Q(status=MinutesStatus.APPROVED)
                | Q(approved_at__isnull=True, approved_by__isnull=True),
                name="minutes_unapproved_has_no_approval",
                violation_error_message=_(
                    "Only approved minutes have a time of approval and an approver."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        edition = self.meeting.edition
        return reverse(
            "minutes:minutes",
            kwargs={
                "forum": edition.forum.slug,
                "number": edition.number,
                "pk": self.meeting_id,
                "minutes_pk": self.pk,
            },
        )

    @property
    def is_approved(self) -> bool:
        return self.status == MinutesStatus.APPROVED

    @property
    def is_confidential(self) -> bool:
        """Until approved, minutes are for the forum's secretariat and member states."""
        return not self.is_approved

    @property
    def scope(self) -> str:
        """What the minutes cover, in words."""
        if self.agenda_item_number:
            return gettext("agenda item %(number)s") % {"number": self.agenda_item_number}
        return gettext("the whole meeting")


class MinutesRevision(models.Model):
    """One saved text of the minutes, numbered from 1. Never changed once written."""

    minutes = models.ForeignKey(
        Minutes,
        # The database removes the revisions of deleted minutes itself (a trigger): it refuses
        # to delete a revision of minutes that still exist, which Django's own cascade would do
        # first.
        on_delete=models.DO_NOTHING,
        related_name="revisions",
        verbose_name=_("minutes"),
    )
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # A revision is never changed, not even to forget its author.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_("What this revision changes, in a few words."),
    )

    class Meta:
        ordering = ["minutes", "number"]
        verbose_name = _("minutes revision")
        verbose_name_plural = _("minutes revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "number"],
                name="minutesrevision_unique_number",
                violation_error_message=_("These minutes already have a revision of this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="minutesrevision_number_positive",
                violation_error_message=_("Revisions are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="minutesrevision_has_text",
                violation_error_message=_("The minutes cannot be empty."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(minutes)s, revision %(number)s") % {
            "minutes": self.minutes,
            "number": self.number,
        }


class MinutesComment(models.Model):
    """A member state's comment on circulated minutes, on the revision current when it was
    made."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="comments", verbose_name=_("minutes")
    )
    revision = models.ForeignKey(
        MinutesRevision,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=pgettext_lazy("minutes", "revision"),
    )
    state = models.ForeignKey(
        "forums.State", on_delete=models.PROTECT, related_name="+", verbose_name=_("state")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"))
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["minutes", "created", "pk"]
        verbose_name = _("minutes comment")
        verbose_name_plural = _("minutes comments")
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="minutescomment_has_text",
                violation_error_message=_("Write the comment."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(state)s on %(minutes)s") % {"state": self.state, "minutes": self.minutes}

    def clean(self) -> None:
        if self.revision_id and self.minutes_id and self.revision.minutes_id != self.minutes_id:
            raise ValidationError({"revision": gettext("That revision belongs to other minutes.")})
