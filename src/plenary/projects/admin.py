"""Cooperation projects with their status history and reports."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.common.admin import CitationInline
from plenary.common.backoffice import PlenaryAdmin, PlenaryTabularInline, RelatedOnlyListFilter
from plenary.projects.admin_forms import ProjectForm, ProjectReportForm, ProjectStatusChangeForm
from plenary.projects.models import Project, ProjectReport, ProjectStatusChange
from plenary.workplans.templatetags.followup import money


class ProjectStatusChangeInline(PlenaryTabularInline):
    """The history as the decisions on the project's page wrote it: read here, written there, so
    that status and history cannot part."""

    model = ProjectStatusChange
    form = ProjectStatusChangeForm
    fields = ["on", "status", "note", "decided_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("status history (decided on the project's page)")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class ProjectReportInline(PlenaryTabularInline):
    model = ProjectReport
    form = ProjectReportForm
    fields = ["reported_on", "text"]


@admin.register(Project)
class ProjectAdmin(PlenaryAdmin):
    form = ProjectForm
    list_display = ["title", "forum", "field", "status", "budget"]
    list_filter = [
        "forum",
        "status",
        ("field", RelatedOnlyListFilter),
        ("proposing_states", RelatedOnlyListFilter),
        ("partners", RelatedOnlyListFilter),
    ]
    list_select_related = ["forum", "field"]
    search_fields = ["title", "description", "partners__name", "partners__short_name"]
    ordering = ["forum__name", "title"]
    autocomplete_fields = ["proposing_states", "partners", "origin_proposal", "origin_item"]
    fieldsets = [
        (None, {"fields": ["forum", "title", "description", "field", "status"]}),
        (
            pgettext_lazy("who proposes a project", "Who"),
            {"fields": ["proposing_states", "partners"]},
        ),
        (
            _("Where it comes from"),
            {"fields": ["origin_proposal", "origin_item"]},
        ),
        (_("Budget"), {"fields": [("budget_amount", "budget_currency")]}),
    ]
    inlines = [ProjectStatusChangeInline, ProjectReportInline, CitationInline]

    def get_readonly_fields(self, request, obj=None):
        # A new project starts as proposed; later steps are decided on the project's page
        # (``project_decide``), which keeps the history.
        return [*super().get_readonly_fields(request, obj), "status"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            ProjectStatusChange.objects.create(
                project=obj, status=obj.status, on=timezone.localdate(), decided_by=request.user
            )

    @admin.display(description=_("budget"), ordering="budget_amount")
    def budget(self, obj):
        if obj.budget_amount is None:
            return "—"
        return money(obj.budget_amount, obj.budget_currency)


@admin.register(ProjectStatusChange)
class ProjectStatusChangeAdmin(PlenaryAdmin):
    """Read only: a step is taken on the project's page, through ``project_decide``."""

    form = ProjectStatusChangeForm
    list_display = ["__str__", "project", "status", "on"]
    list_filter = ["status", "project__forum"]
    list_select_related = ["project"]
    search_fields = ["project__title", "note"]
    ordering = ["project__title", "on", "pk"]
    autocomplete_fields = ["project"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ProjectReport)
class ProjectReportAdmin(PlenaryAdmin):
    form = ProjectReportForm
    list_display = ["__str__", "project", "reported_on"]
    list_filter = ["project__forum"]
    list_select_related = ["project"]
    search_fields = ["project__title", "text"]
    ordering = ["project__title", "-reported_on"]
    autocomplete_fields = ["project"]
