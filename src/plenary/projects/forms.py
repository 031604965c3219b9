"""Forms of the project pages. They parse what a person typed; the rules on projects are checked
by the functions of ``domain``, whose refusals the views put back on these forms."""

from __future__ import annotations

import re

from babel.numbers import list_currencies
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.common.translations import localized
from plenary.forums.models import Field, State
from plenary.forums.naming import state_name
from plenary.people.models import Organization
from plenary.projects.enums import NEXT_STATUSES, ProjectStatus

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _states_field(field: forms.ModelMultipleChoiceField, states: list[State]) -> None:
    """Offer ``states`` (already in the forum's order of precedence) and no others."""
    field.queryset = State.objects.filter(pk__in=[state.pk for state in states])
    field.choices = [(state.pk, _state_name(state)) for state in states]


def _state_name(state: State) -> str:
    return state_name(state, translation.get_language() or "en")


def _field_name(field: Field) -> str:
    return localized(field, "name").text


class _FieldChoiceField(forms.ModelChoiceField):
    """Fields of cooperation named in the reader's language."""

    def label_from_instance(self, obj) -> str:
        return _field_name(obj)


class _PartnerChoiceField(forms.ModelMultipleChoiceField):
    """Agencies named in the reader's language."""

    def label_from_instance(self, obj) -> str:
        name = localized(obj, "name").text
        return f"{name} ({obj.short_name})" if obj.short_name else name


class ProjectFilterForm(forms.Form):
    """The filters of the project list, read by the page itself (an unknown value matches
    nothing); this form only draws them."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    field = forms.ChoiceField(label=pgettext_lazy("field of cooperation", "Field"), required=False)
    state = forms.ChoiceField(label=_("Proposed by"), required=False)

    def __init__(self, *args, fields: list[Field], states: list[State], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("any status")), *ProjectStatus.choices]
        self.fields["field"].choices = [("", _("any field"))] + [
            (f.slug, _field_name(f)) for f in fields
        ]
        self.fields["state"].choices = [("", _("any member state"))] + [
            (state.code, _state_name(state)) for state in states
        ]


class ProposeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    field = _FieldChoiceField(
        queryset=Field.objects.none(),
        required=False,
        label=pgettext_lazy("field of cooperation", "Field"),
        empty_label=_("not given"),
    )
    proposing_states = forms.ModelMultipleChoiceField(
        queryset=State.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Proposing states"),
    )
    partners = _PartnerChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=_("Partner agencies"),
        help_text=_("Hold down Ctrl (Cmd on a Mac) to choose more than one."),
    )
    budget_amount = forms.DecimalField(
        label=_("Budget"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    budget_currency = forms.CharField(
        label=_("Currency of the budget"),
        required=False,
        max_length=3,
        help_text=_("Its three-letter ISO 4217 code, such as USD, EUR or KRW."),
    )
    proposed_on = forms.DateField(label=_("Proposed on"), widget=DATE_WIDGET)

    def __init__(self, *args, states: list[State], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.order_by("name")
        self.fields["partners"].queryset = Organization.objects.order_by("name")
        _states_field(self.fields["proposing_states"], states)
        self.fields["proposed_on"].initial = timezone.localdate()

    def clean_budget_currency(self) -> str:
        code = self.cleaned_data["budget_currency"].strip().upper()
        if code and (not _CURRENCY.match(code) or code not in list_currencies()):
            raise ValidationError(_("Give a currency by its ISO 4217 code, such as USD."))
        return code

    def clean(self):
        data = super().clean()
        if (
            data.get("budget_amount") is not None
            and not data.get("budget_currency")
            and "budget_currency" not in self.errors
        ):
            self.add_error("budget_currency", _("Give the currency of the budget."))
        return data


class DecideForm(forms.Form):
    """A decision on a project's status. Only the next statuses are offered; any status is read,
    so that a step the workflow refuses comes back with its reason."""

    status = forms.ChoiceField(label=_("New status"), choices=ProjectStatus.choices)
    on = forms.DateField(label=_("Decided on"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].widget.choices = [
            (status, ProjectStatus(status).label) for status in NEXT_STATUSES[current]
        ]
        self.fields["on"].initial = timezone.localdate()


class ReportForm(forms.Form):
    """A report on a project, for one of the states the user reports for, or by the
    secretariat."""

    text = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 4}))
    reported_on = forms.DateField(label=_("Dated"), widget=DATE_WIDGET)
    evidence_url = forms.URLField(
        label=_("Evidence"),
        required=False,
        assume_scheme="https",
        help_text=_("The address of a page or document that bears the report out."),
    )
    state = forms.TypedChoiceField(label=_("Reported for"), coerce=int, empty_value=None)

    def __init__(self, *args, states: list[State], secretariat: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reported_on"].initial = timezone.localdate()
        self.states = {state.pk: state for state in states}
        if secretariat and not states:
            del self.fields["state"]
            return
        field = self.fields["state"]
        field.choices = [(state.pk, _state_name(state)) for state in states]
        if secretariat:
            field.choices = [("", _("the secretariat")), *field.choices]
            field.required = False
        elif len(states) == 1:
            field.widget = forms.HiddenInput()
            field.initial = states[0].pk

    def chosen_state(self) -> State | None:
        """The state reported for; ``None`` when the secretariat reports."""
        if "state" not in self.fields or self.cleaned_data["state"] is None:
            return None
        return self.states[self.cleaned_data["state"]]
