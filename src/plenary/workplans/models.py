"""The Secretariat's yearly work plans and the commitments made in adopted documents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.common.models import CitedModel, TimeStampedModel
from plenary.workplans.enums import Compliance, ItemStatus


class WorkPlan(CitedModel):
    """The Secretariat's plan for one year, adopted at an edition (the 14th adopted 2022's)."""

    forum = models.ForeignKey(
        "forums.Forum",
        on_delete=models.PROTECT,
        related_name="work_plans",
        verbose_name=_("forum"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    adopted_at = models.ForeignKey(
        "forums.Edition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_plans",
        verbose_name=pgettext_lazy("a work plan", "adopted at"),
    )
    document = models.OneToOneField(
        "documents.OutcomeDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_plan",
        verbose_name=_("document"),
    )

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["forum", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "year"], name="workplan_unique_year"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workplans:plan", kwargs={"forum": self.forum.slug, "year": self.year})

    def clean(self) -> None:
        if self.adopted_at_id and self.forum_id and self.adopted_at.forum_id != self.forum_id:
            raise ValidationError({"adopted_at": _("That edition belongs to another forum.")})


class WorkPlanArea(models.Model):
    """One of a plan's areas (the 2022 plan had six: transport and logistics, energy ...)."""

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="areas", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    field = models.ForeignKey(
        "forums.Field",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("field of cooperation", "field"),
    )

    class Meta:
        verbose_name = _("work plan area")
        verbose_name_plural = _("work plan areas")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="workplanarea_unique_number"),
        ]

    def __str__(self) -> str:
        return self.name


class WorkPlanItem(CitedModel):
    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    area = models.ForeignKey(
        WorkPlanArea, on_delete=models.PROTECT, related_name="items", verbose_name=_("area")
    )
    number = models.CharField(_("number"), max_length=20)
    text = models.TextField(_("text"))
    responsible_state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible state"),
    )
    responsible_organization = models.ForeignKey(
        "people.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible organization"),
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    carried_over_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_over_to",
        verbose_name=_("carried over from"),
    )

    class Meta:
        verbose_name = _("work plan item")
        verbose_name_plural = _("work plan items")
        ordering = ["plan", "area__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="workplanitem_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"

    def clean(self) -> None:
        if self.area_id and self.plan_id and self.area.plan_id != self.plan_id:
            raise ValidationError({"area": _("That area belongs to another work plan.")})


class ItemReport(TimeStampedModel):
    """The status of an item as reported for one year."""

    item = models.ForeignKey(
        WorkPlanItem, on_delete=models.CASCADE, related_name="reports", verbose_name=_("item")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices)
    text = models.TextField(_("text"), blank=True)
    evidence_url = models.URLField(_("evidence url"), blank=True)
    reporter_state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reporter state"),
        help_text=_("The state whose focal point reported; empty when the secretariat did."),
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reported by"),
    )

    class Meta:
        verbose_name = _("item report")
        verbose_name_plural = _("item reports")
        ordering = ["item", "year"]
        constraints = [
            models.UniqueConstraint(fields=["item", "year"], name="itemreport_unique_year"),
        ]

    def __str__(self) -> str:
        return gettext("%(number)s in %(year)s: %(status)s") % {
            "number": self.item.number,
            "year": self.year,
            "status": self.get_status_display(),
        }


class Commitment(CitedModel):
    """A promise made in an adopted document, and who is responsible for it."""

    document = models.ForeignKey(
        "documents.OutcomeDocument",
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("document"),
    )
    paragraph_number = models.PositiveSmallIntegerField(
        _("paragraph number"), null=True, blank=True
    )
    text = models.TextField(_("text"))
    responsible_states = models.ManyToManyField(
        "forums.State", blank=True, related_name="+", verbose_name=_("responsible states")
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["document", "paragraph_number", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        from plenary.documents.enums import DocumentStatus, VersionStatus
        from plenary.documents.models import Paragraph

        if not self.document_id:
            return
        if self.document.status != DocumentStatus.ADOPTED:
            raise ValidationError(
                {"document": _("Commitments are marked in adopted documents only.")}
            )
        if self.paragraph_number is not None:
            adopted_paragraphs = Paragraph.objects.filter(
                language_version__version__document_id=self.document_id,
                language_version__version__status=VersionStatus.ADOPTED,
            )
            if (
                adopted_paragraphs.exists()
                and not adopted_paragraphs.filter(number=self.paragraph_number).exists()
            ):
                raise ValidationError(
                    {"paragraph_number": _("The adopted text has no paragraph of that number.")}
                )


class CommitmentAssessment(TimeStampedModel):
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("commitment"),
    )
    state = models.ForeignKey(
        "forums.State", on_delete=models.PROTECT, related_name="+", verbose_name=_("state")
    )
    assessed_on = models.DateField(_("assessed on"))
    compliance = models.CharField(_("compliance"), max_length=16, choices=Compliance.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence url"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assessed by"),
    )

    class Meta:
        verbose_name = _("commitment assessment")
        verbose_name_plural = _("commitment assessments")
        ordering = ["commitment", "state__name", "-assessed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "state", "assessed_on"], name="assessment_unique_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.get_compliance_display()}"
