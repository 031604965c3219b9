"""Cooperation projects born from proposals or work-plan items, and their partner agencies."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from plenary.common.models import CitedModel, TimeStampedModel
from plenary.projects.enums import ProjectStatus


class Project(CitedModel):
    forum = models.ForeignKey("forums.Forum", on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    field = models.ForeignKey(
        "forums.Field", null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    status = models.CharField(
        max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    proposing_states = models.ManyToManyField(
        "forums.State", blank=True, related_name="projects_proposed"
    )
    partners = models.ManyToManyField("people.Organization", blank=True, related_name="projects")
    origin_proposal = models.ForeignKey(
        "meetings.Proposal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    origin_item = models.ForeignKey(
        "workplans.WorkPlanItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    budget_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    budget_currency = models.CharField(max_length=3, blank=True)

    class Meta:
        ordering = ["forum", "title"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "title"], name="project_unique_title"),
            models.CheckConstraint(
                condition=Q(budget_amount__isnull=True) | ~Q(budget_currency=""),
                name="project_budget_has_currency",
                violation_error_message="Give the currency of the budget.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:project", kwargs={"forum": self.forum.slug, "pk": self.pk})


class ProjectStatusChange(TimeStampedModel):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_history")
    status = models.CharField(max_length=16, choices=ProjectStatus.choices)
    on = models.DateField()
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["project", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_status_display()} on {self.on}"


class ProjectReport(TimeStampedModel):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField()
    text = models.TextField()
    evidence_url = models.URLField(blank=True)
    state = models.ForeignKey(
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
        ordering = ["project", "-reported_on"]

    def __str__(self) -> str:
        return f"{self.project} ({self.reported_on})"
