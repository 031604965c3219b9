"""A report in intake and the facts proposed from it, each waiting for the secretariat's word."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from plenary.common.models import TimeStampedModel


class ReportStatus(models.TextChoices):
    IN_REVIEW = "in_review", "in review"
    APPLIED = "applied", "written to the record"
    DISCARDED = "discarded", "discarded"


class FactDecision(models.TextChoices):
    PENDING = "pending", "not yet reviewed"
    ACCEPTED = "accepted", "accepted"
    REJECTED = "rejected", "rejected"


class IntakeReport(TimeStampedModel):
    """A press report or press release as it was given, with the extractor's proposal.

    ``text`` is the plain text that the character spans of the facts point into (HTML is reduced to
    text on the way in and kept in ``original``).
    """

    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="intake_reports"
    )
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    text = models.TextField()
    original = models.TextField(blank=True, help_text="The report as given, when it was HTML.")
    proposal = models.JSONField(default=dict, help_text="What the extractor proposed, whole.")
    status = models.CharField(
        max_length=16, choices=ReportStatus.choices, default=ReportStatus.IN_REVIEW
    )
    edition = models.ForeignKey(
        "forums.Edition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intake_reports",
        help_text="The edition the accepted facts were written to.",
    )
    source = models.ForeignKey(
        "common.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake_reports",
        help_text="The source the written facts cite.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class IntakeFact(models.Model):
    """One proposed value: a scalar of the proposal (``key``) or one item of a list (``position``)."""

    report = models.ForeignKey(IntakeReport, on_delete=models.CASCADE, related_name="facts")
    key = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    value = models.JSONField(help_text="The value as proposed.")
    edited_value = models.JSONField(
        null=True, blank=True, help_text="The value as the reviewer corrected it."
    )
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    confidence = models.FloatField(default=0)
    decision = models.CharField(
        max_length=16, choices=FactDecision.choices, default=FactDecision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "key", "position"], name="intake_fact_unique_position"
            ),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True, end__isnull=True)
                | models.Q(start__isnull=False, end__isnull=False, start__lte=models.F("end")),
                name="intake_fact_span_ordered",
                violation_error_message="A span ends after it starts.",
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0, confidence__lte=1),
                name="intake_fact_confidence_range",
                violation_error_message="Confidence lies between 0 and 1.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}[{self.position}]"

    @property
    def final_value(self):
        """What is written if the fact is accepted: the reviewer's correction, else the proposal."""
        return self.edited_value if self.edited_value is not None else self.value
