"""The Secretariat's yearly work plans and the commitments made in adopted documents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from plenary.common.models import CitedModel, TimeStampedModel
from plenary.workplans.enums import Compliance, ItemStatus


class WorkPlan(CitedModel):
    """The Secretariat's plan for one year, adopted at an edition (the 14th adopted 2022's)."""

    forum = models.ForeignKey("forums.Forum", on_delete=models.PROTECT, related_name="work_plans")
    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    adopted_at = models.ForeignKey(
        "forums.Edition", null=True, blank=True, on_delete=models.PROTECT, related_name="work_plans"
    )
    document = models.OneToOneField(
        "documents.OutcomeDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_plan",
    )

    class Meta:
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
            raise ValidationError({"adopted_at": "That edition belongs to another forum."})


class WorkPlanArea(models.Model):
    """One of a plan's areas (the 2022 plan had six: transport and logistics, energy ...)."""

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    field = models.ForeignKey(
        "forums.Field", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="workplanarea_unique_number"),
        ]

    def __str__(self) -> str:
        return self.name


class WorkPlanItem(CitedModel):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="items")
    area = models.ForeignKey(WorkPlanArea, on_delete=models.PROTECT, related_name="items")
    number = models.CharField(max_length=20)
    text = models.TextField()
    responsible_state = models.ForeignKey(
        "forums.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responsible_organization = models.ForeignKey(
        "people.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_date = models.DateField(null=True, blank=True)
    carried_over_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_over_to"
    )

    class Meta:
        ordering = ["plan", "area__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="workplanitem_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}"

    def clean(self) -> None:
        if self.area_id and self.plan_id and self.area.plan_id != self.plan_id:
            raise ValidationError({"area": "That area belongs to another work plan."})


class ItemReport(TimeStampedModel):
    """The status of an item as reported for one year."""

    item = models.ForeignKey(WorkPlanItem, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=16, choices=ItemStatus.choices)
    text = models.TextField(blank=True)
    evidence_url = models.URLField(blank=True)
    reporter_state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The state whose focal point reported; empty when the secretariat did.",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["item", "year"]
        constraints = [
            models.UniqueConstraint(fields=["item", "year"], name="itemreport_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.item.number} in {self.year}: {self.get_status_display()}"


class Commitment(CitedModel):
    """A promise made in an adopted document, and who is responsible for it."""

    document = models.ForeignKey(
        "documents.OutcomeDocument", on_delete=models.CASCADE, related_name="commitments"
    )
    paragraph_number = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField()
    responsible_states = models.ManyToManyField("forums.State", blank=True, related_name="+")

    class Meta:
        ordering = ["document", "paragraph_number", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        from plenary.documents.enums import DocumentStatus, VersionStatus
        from plenary.documents.models import Paragraph

        if not self.document_id:
            return
        if self.document.status != DocumentStatus.ADOPTED:
            raise ValidationError({"document": "Commitments are marked in adopted documents only."})
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
                    {"paragraph_number": "The adopted text has no paragraph of that number."}
                )


class CommitmentAssessment(TimeStampedModel):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="assessments")
    state = models.ForeignKey("forums.State", on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField()
    compliance = models.CharField(max_length=16, choices=Compliance.choices)
    evidence = models.TextField(blank=True)
    evidence_url = models.URLField(blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["commitment", "state__name", "-assessed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "state", "assessed_on"], name="assessment_unique_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.get_compliance_display()}"
