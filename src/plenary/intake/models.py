"""A report in intake and the facts proposed from it, each waiting for the secretariat's word."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.common.models import TimeStampedModel


class ReportStatus(models.TextChoices):
    IN_REVIEW = "in_review", pgettext_lazy("intake report status", "in review")
    APPLIED = "applied", pgettext_lazy("intake report status", "written to the record")
    DISCARDED = "discarded", pgettext_lazy("intake report status", "discarded")


class FactDecision(models.TextChoices):
    PENDING = "pending", pgettext_lazy("intake fact decision", "not yet reviewed")
    ACCEPTED = "accepted", pgettext_lazy("intake fact decision", "accepted")
    REJECTED = "rejected", pgettext_lazy("intake fact decision", "rejected")


class IntakeReport(TimeStampedModel):
    """A press report or press release as it was given, with the extractor's proposal.

    ``text`` is the plain text that the character spans of the facts point into (HTML is reduced to
    text on the way in and kept in ``original``).
    """

    forum = models.ForeignKey(
        "forums.Forum",
        on_delete=models.CASCADE,
        related_name="intake_reports",
        verbose_name=_("forum"),
    )
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    url = models.URLField(_("url"), max_length=1000, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    text = models.TextField(_("text"))
    original = models.TextField(
        _("original"), blank=True, help_text=_("The report as given, when it was HTML.")
    )
    proposal = models.JSONField(
        pgettext_lazy("the extractor's proposal", "proposal"),
        default=dict,
        help_text=_("What the extractor proposed, whole."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.IN_REVIEW
    )
    edition = models.ForeignKey(
        "forums.Edition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intake_reports",
        verbose_name=_("edition"),
        help_text=_("The edition the accepted facts were written to."),
    )
    source = models.ForeignKey(
        "common.Source",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake_reports",
        verbose_name=_("source"),
        help_text=_("The source the written facts cite."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("report in intake")
        verbose_name_plural = _("reports in intake")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class IntakeFact(models.Model):
    """One proposed value: a scalar of the proposal (``key``) or one item of a list (``position``)."""

    report = models.ForeignKey(
        IntakeReport, on_delete=models.CASCADE, related_name="facts", verbose_name=_("report")
    )
    key = models.CharField(pgettext_lazy("a proposed fact", "key"), max_length=40)
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("a proposed fact", "position"), default=0
    )
    value = models.JSONField(
        pgettext_lazy("a proposed fact", "value"), help_text=_("The value as proposed.")
    )
    edited_value = models.JSONField(
        _("edited value"),
        null=True,
        blank=True,
        help_text=_("The value as the reviewer corrected it."),
    )
    start = models.PositiveIntegerField(
        pgettext_lazy("a proposed fact", "start"), null=True, blank=True
    )
    end = models.PositiveIntegerField(
        pgettext_lazy("a proposed fact", "end"), null=True, blank=True
    )
    confidence = models.FloatField(_("confidence"), default=0)
    decision = models.CharField(
        _("decision"), max_length=16, choices=FactDecision.choices, default=FactDecision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposed fact")
        verbose_name_plural = _("proposed facts")
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "key", "position"], name="intake_fact_unique_position"
            ),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True, end__isnull=True)
                | models.Q(start__isnull=False, end__isnull=False, start__lte=models.F("end")),
                name="intake_fact_span_ordered",
                violation_error_message=_("A span ends after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0, confidence__lte=1),
                name="intake_fact_confidence_range",
                violation_error_message=_("Confidence lies between 0 and 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}[{self.position}]"

    @property
    def final_value(self):
        """What is written if the fact is accepted: the reviewer's correction, else the proposal."""
        return self.edited_value if self.edited_value is not None else self.value
