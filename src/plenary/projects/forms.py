"""Forms of the project pages. They parse what a person typed; the rules on projects are checked
by the functions of ``domain``, whose refusals the views put back on these forms."""

from __future__ import annotations

import re

from babel.numbers import list_currencies
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from plenary.forums.models import Field, State
from plenary.people.models import Organization
from plenary.projects.enums import NEXT_STATUSES, ProjectStatus

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _states_field(field: forms.ModelMultipleChoiceField, states: list[State]) -> None:
    """Offer ``states`` (already in the forum's order of precedence) and no others."""
    field.queryset = State.objects.filter(pk__in=[state.pk for state in states])
    field.choices = [(state.pk, state.name) for state in states]


class ProjectFilterForm(forms.Form):
    """The filters of the project list, read by the page itself (an unknown value matches
    nothing); this form only draws them."""

    status = forms.ChoiceField(label="Status", required=False)
    field = forms.ChoiceField(label="Field", required=False)
    state = forms.ChoiceField(label="Proposed by", required=False)

    def __init__(self, *args, fields: list[Field], states: list[State], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", "any status"), *ProjectStatus.choices]
        self.fields["field"].choices = [("", "any field")] + [(f.slug, f.name) for f in fields]
        self.fields["state"].choices = [("", "any member state")] + [
            (state.code, state.name) for state in states
        ]


class ProposeForm(forms.Form):
    title = forms.CharField(label="Title", max_length=300)
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    field = forms.ModelChoiceField(
        queryset=Field.objects.none(), required=False, label="Field", empty_label="not given"
    )
    proposing_states = forms.ModelMultipleChoiceField(
        queryset=State.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Proposing states",
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label="Partner agencies",
        help_text="Hold down Ctrl (Cmd on a Mac) to choose more than one.",
    )
    budget_amount = forms.DecimalField(
        label="Budget", required=False, min_value=0, max_digits=14, decimal_places=2
    )
    budget_currency = forms.CharField(
        label="Currency of the budget",
        required=False,
        max_length=3,
        help_text="Its three-letter ISO 4217 code, such as USD, EUR or KRW.",
    )
    proposed_on = forms.DateField(label="Proposed on", widget=DATE_WIDGET)

    def __init__(self, *args, states: list[State], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.order_by("name")
        self.fields["partners"].queryset = Organization.objects.order_by("name")
        _states_field(self.fields["proposing_states"], states)
        self.fields["proposed_on"].initial = timezone.localdate()

    def clean_budget_currency(self) -> str:
        code = self.cleaned_data["budget_currency"].strip().upper()
        if code and (not _CURRENCY.match(code) or code not in list_currencies()):
            raise ValidationError("Give a currency by its ISO 4217 code, such as USD.")
        return code

    def clean(self):
        data = super().clean()
        if (
            data.get("budget_amount") is not None
            and not data.get("budget_currency")
            and "budget_currency" not in self.errors
        ):
            self.add_error("budget_currency", "Give the currency of the budget.")
        return data


class DecideForm(forms.Form):
    """A decision on a project's status. Only the next statuses are offered; any status is read,
    so that a step the workflow refuses comes back with its reason."""

    status = forms.ChoiceField(label="New status", choices=ProjectStatus.choices)
    on = forms.DateField(label="Decided on", widget=DATE_WIDGET)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].widget.choices = [
            (status, ProjectStatus(status).label) for status in NEXT_STATUSES[current]
        ]
        self.fields["on"].initial = timezone.localdate()


class ReportForm(forms.Form):
    """A report on a project, for one of the states the user reports for, or by the
    secretariat."""

    text = forms.CharField(label="Report", widget=forms.Textarea(attrs={"rows": 4}))
    reported_on = forms.DateField(label="Dated", widget=DATE_WIDGET)
    evidence_url = forms.URLField(
        label="Evidence",
        required=False,
        assume_scheme="https",
        help_text="The address of a page or document that bears the report out.",
    )
    state = forms.TypedChoiceField(label="Reported for", coerce=int, empty_value=None)

    def __init__(self, *args, states: list[State], secretariat: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_on"].initial = timezone.localdate()
        self.states = {state.pk: state for state in states}
        if secretariat and not states:
            del self.fields["state"]
            return
        field = self.fields["state"]
        field.choices = [(state.pk, state.name) for state in states]
        if secretariat:
            field.choices = [("", "the secretariat"), *field.choices]
            field.required = False
        elif len(states) == 1:
            field.widget = forms.HiddenInput()
            field.initial = states[0].pk

    def chosen_state(self) -> State | None:
        """The state reported for; ``None`` when the secretariat reports."""
        if "state" not in self.fields or self.cleaned_data["state"] is None:
            return None
        return self.states[self.cleaned_data["state"]]
