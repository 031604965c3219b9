"""Work plans with their areas and items; items with their yearly reports; commitments with their
assessments."""

from django import forms
from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from plenary.common.admin import CitationInline
from plenary.common.admin_audit import audit_names
from plenary.common.backoffice import (
    PlenaryAdmin,
    PlenaryTabularInline,
    RelatedOnlyListFilter,
)
from plenary.workplans.admin_forms import (
    CommitmentAssessmentForm,
    CommitmentForm,
    ItemReportForm,
    WorkPlanAreaForm,
    WorkPlanForm,
    WorkPlanItemForm,
)
from plenary.workplans.models import (
    Commitment,
    CommitmentAssessment,
    ItemReport,
    WorkPlan,
    WorkPlanArea,
    WorkPlanItem,
)

audit_names(
    {WorkPlan: "workplans.plan", WorkPlanArea: "workplans.area", WorkPlanItem: "workplans.item"}
)


class AreaChoiceField(forms.ModelChoiceField):
    """Areas are named with their number, as the plan numbers them."""

    def label_from_instance(self, obj):
        return f"{obj.number}. {obj.name}"


class AreaInPlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan}: {obj.number}. {obj.name}"


class WorkPlanAreaInline(PlenaryTabularInline):
    model = WorkPlanArea
    form = WorkPlanAreaForm
    fields = ["number", "name", "field"]
    extra = 1


class WorkPlanItemInline(PlenaryTabularInline):
    model = WorkPlanItem
    form = WorkPlanItemForm
    fields = [
        "number",
        "area",
        "text",
        "responsible_state",
        "responsible_organization",
        "target_date",
    ]
    autocomplete_fields = ["responsible_state", "responsible_organization"]
    select_related = ["responsible_state", "responsible_organization"]
    show_change_link = True
    verbose_name_plural = _("items (open one for its yearly reports)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "area":
            kwargs["queryset"] = (
                WorkPlanArea.objects.filter(plan=self.parent)
                if self.parent is not None and self.parent.pk is not None
                else WorkPlanArea.objects.none()
            )
            kwargs["form_class"] = AreaChoiceField
            kwargs["help_text"] = _("Areas added on this page can be chosen once saved.")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(WorkPlan)
class WorkPlanAdmin(PlenaryAdmin):
    form = WorkPlanForm
    list_display = ["title", "forum", "year", "adopted_at", "document"]
    list_filter = ["forum", ("adopted_at", RelatedOnlyListFilter)]
    list_select_related = ["forum", "adopted_at__forum", "document"]
    search_fields = ["title", "=year", "forum__name", "forum__short_name"]
    ordering = ["forum__name", "-year"]
    autocomplete_fields = ["adopted_at", "document"]
    fields = ["forum", "year", "title", "adopted_at", "document"]
    inlines = [WorkPlanAreaInline, WorkPlanItemInline, CitationInline]


@admin.register(WorkPlanArea)
class WorkPlanAreaAdmin(PlenaryAdmin):
    form = WorkPlanAreaForm
    list_display = ["name", "plan", "number", "field"]
    list_filter = ["plan__forum", ("plan", RelatedOnlyListFilter)]
    list_select_related = ["plan", "field"]
    search_fields = ["name", "plan__title"]
    ordering = ["plan__forum__name", "-plan__year", "number"]
    autocomplete_fields = ["plan"]


class ItemReportInline(PlenaryTabularInline):
    model = ItemReport
    form = ItemReportForm
    fields = ["year", "status", "text", "evidence_url"]
    extra = 1
    verbose_name_plural = _("reports, year by year")


@admin.register(WorkPlanItem)
class WorkPlanItemAdmin(PlenaryAdmin):
    form = WorkPlanItemForm
    list_display = ["__str__", "plan", "area", "responsible_state", "target_date"]
    list_filter = [
        "plan__forum",
        ("plan", RelatedOnlyListFilter),
        ("responsible_state", RelatedOnlyListFilter),
        "reports__status",
    ]
    list_select_related = ["plan", "area", "responsible_state"]
    search_fields = ["number", "text", "plan__title", "area__name"]
    ordering = ["plan__forum__name", "-plan__year", "area__number", "number"]
    autocomplete_fields = [
        "plan",
        "responsible_state",
        "responsible_organization",
        "carried_over_from",
    ]
    fields = [
        "plan",
        "area",
        "number",
        "text",
        "responsible_state",
        "responsible_organization",
        "target_date",
        "carried_over_from",
    ]
    inlines = [ItemReportInline, CitationInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "area":
            kwargs["queryset"] = WorkPlanArea.objects.select_related("plan")
            kwargs["form_class"] = AreaInPlanChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "area" in form.base_fields:
            # Only the areas of the item's own plan.
            form.base_fields["area"].queryset = WorkPlanArea.objects.filter(
                plan=obj.plan_id
            ).select_related("plan")
        return form


@admin.register(ItemReport)
class ItemReportAdmin(PlenaryAdmin):
    form = ItemReportForm
    list_display = ["__str__", "item", "year", "status"]
    list_filter = ["status", "year", "item__plan__forum"]
    list_select_related = ["item"]
    search_fields = ["text", "item__number", "item__text"]
    ordering = ["item__plan", "item__number", "year"]
    autocomplete_fields = ["item"]


class CommitmentAssessmentInline(PlenaryTabularInline):
    model = CommitmentAssessment
    form = CommitmentAssessmentForm
    fields = ["state", "assessed_on", "compliance", "evidence"]
    autocomplete_fields = ["state"]
    select_related = ["state"]
    extra = 1


@admin.register(Commitment)
class CommitmentAdmin(PlenaryAdmin):
    form = CommitmentForm
    list_display = ["short_text", "document", "paragraph_number"]
    list_filter = ["document__forum", ("document", RelatedOnlyListFilter)]
    list_select_related = ["document"]
    search_fields = ["text", "document__title"]
    ordering = ["document__title", "paragraph_number", "pk"]
    autocomplete_fields = ["document", "responsible_states"]
    inlines = [CommitmentAssessmentInline, CitationInline]

    @admin.display(description=_("commitment"))
    def short_text(self, obj):
        return Truncator(obj.text).chars(90)


@admin.register(CommitmentAssessment)
class CommitmentAssessmentAdmin(PlenaryAdmin):
    form = CommitmentAssessmentForm
    list_display = ["__str__", "commitment", "state", "assessed_on", "compliance"]
    list_filter = ["compliance", ("state", RelatedOnlyListFilter)]
    list_select_related = ["commitment", "state"]
    search_fields = ["commitment__text", "state__name", "evidence"]
    ordering = ["commitment", "state__name", "-assessed_on"]
    autocomplete_fields = ["commitment", "state"]
