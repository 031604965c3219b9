"""Back-office forms for work plans and commitments: constraint violations in plain words."""

from django.utils.translation import gettext_lazy as _

from plenary.common.backoffice import PlenaryModelForm
from plenary.workplans.models import (
    Commitment,
    CommitmentAssessment,
    ItemReport,
    WorkPlan,
    WorkPlanArea,
    WorkPlanItem,
)


class WorkPlanForm(PlenaryModelForm):
    constraint_messages = {
        "workplan_unique_year": ("year", _("{obj.forum} already has a work plan for {obj.year}.")),
    }

    class Meta(PlenaryModelForm.Meta):
        model = WorkPlan
        fields = "__all__"


class WorkPlanAreaForm(PlenaryModelForm):
    constraint_messages = {
        "workplanarea_unique_number": ("number", _("This plan already has an area {obj.number}.")),
    }

    class Meta(PlenaryModelForm.Meta):
        model = WorkPlanArea
        fields = "__all__"


class WorkPlanItemForm(PlenaryModelForm):
    constraint_messages = {
        "workplanitem_unique_number": ("number", _("This plan already has an item {obj.number}.")),
    }

    class Meta(PlenaryModelForm.Meta):
        model = WorkPlanItem
        fields = "__all__"


class ItemReportForm(PlenaryModelForm):
    constraint_messages = {
        "itemreport_unique_year": ("year", _("This item already has a report for {obj.year}.")),
    }

    class Meta(PlenaryModelForm.Meta):
        model = ItemReport
        fields = "__all__"


class CommitmentForm(PlenaryModelForm):
    class Meta(PlenaryModelForm.Meta):
        model = Commitment
        fields = "__all__"


class CommitmentAssessmentForm(PlenaryModelForm):
    constraint_messages = {
        "assessment_unique_day": (
            "assessed_on",
            _("{obj.state} already has an assessment of this commitment on this day."),
        ),
    }

    class Meta(PlenaryModelForm.Meta):
        model = CommitmentAssessment
        fields = "__all__"
