"""Back-office forms for cooperation projects: constraint violations in plain words."""

from django.utils.translation import gettext_lazy as _

from plenary.common.backoffice import PlenaryModelForm
from plenary.projects.models import Project, ProjectReport, ProjectStatusChange


class ProjectForm(PlenaryModelForm):
    constraint_messages = {
        "project_unique_title": ("title", _("{obj.forum} already has a project of this title.")),
        "project_budget_has_currency": "budget_currency",
    }

    class Meta(PlenaryModelForm.Meta):
        model = Project
        fields = "__all__"
        help_texts = {"budget_currency": _("ISO 4217 code, such as USD, KRW or KZT.")}

    def clean_budget_currency(self) -> str:
        return self.cleaned_data["budget_currency"].strip().upper()


class ProjectStatusChangeForm(PlenaryModelForm):
    class Meta(PlenaryModelForm.Meta):
        model = ProjectStatusChange
        fields = "__all__"


class ProjectReportForm(PlenaryModelForm):
    class Meta(PlenaryModelForm.Meta):
        model = ProjectReport
        fields = "__all__"
