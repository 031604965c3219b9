"""Cooperation projects born from proposals or work-plan items, and their partner agencies."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.common.models import CitedModel, TimeStampedModel
from plenary.projects.enums import ProjectStatus


class Project(CitedModel):
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.PROTECT, related_name="projects", verbose_name=_("forum")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    field = models.ForeignKey(
        "forums.Field",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=pgettext_lazy("field of cooperation", "field"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    proposing_states = models.ManyToManyField(
        "forums.State",
        blank=True,
        related_name="projects_proposed",
        verbose_name=_("proposing states"),
    )
    partners = models.ManyToManyField(
        "people.Organization", blank=True, related_name="projects", verbose_name=_("partners")
    )
    origin_proposal = models.ForeignKey(
        "meetings.Proposal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("origin proposal"),
    )
    origin_item = models.ForeignKey(
        "workplans.WorkPlanItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("origin item"),
    )
    budget_amount = models.DecimalField(
        _("budget amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_currency = models.CharField(_("budget currency"), max_length=3, blank=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["forum", "title"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "title"], name="project_unique_title"),
            models.CheckConstraint(
                condition=Q(budget_amount__isnull=True) | ~Q(budget_currency=""),
                name="project_budget_has_currency",
                violation_error_message=_("Give the currency of the budget."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:project", kwargs={"forum": self.forum.slug, "pk": self.pk})


class ProjectStatusChange(TimeStampedModel):
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="status_history",
        verbose_name=_("project"),
    )
    status = models.CharField(_("status"), max_length=16, choices=ProjectStatus.choices)
    on = models.DateField(pgettext_lazy("the day of a step of a project", "on"))
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("project status change")
        verbose_name_plural = _("project status changes")
        ordering = ["project", "on", "pk"]

    def __str__(self) -> str:
        return gettext("%(project)s: %(status)s on %(date)s") % {
            "project": self.project,
            "status": self.get_status_display(),
            "date": self.on,
        }


class ProjectReport(TimeStampedModel):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reports", verbose_name=_("project")
    )
    reported_on = models.DateField(_("reported on"))
    text = models.TextField(_("text"))
    evidence_url = models.URLField(_("evidence url"), blank=True)
    state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("state"),
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
        verbose_name = _("project report")
        verbose_name_plural = _("project reports")
        ordering = ["project", "-reported_on"]

    def __str__(self) -> str:
        return f"{self.project} ({self.reported_on})"
