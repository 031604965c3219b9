"""Forms of the follow-up pages. They parse what a person typed; the rules (which years may be
reported on, which states answer for an item or made a promise, which dates an assessment may
bear) are checked by the functions of ``domain``, whose refusals the views put back on these
forms."""

from __future__ import annotations

from django import forms
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from plenary.forums.models import State
from plenary.forums.naming import state_name
from plenary.workplans.enums import Compliance, ItemStatus

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _state_choices(states: list[State]) -> list[tuple[int, str]]:
    language = translation.get_language() or "en"
    return [(state.pk, state_name(state, language)) for state in states]


class ItemReportForm(forms.Form):
    """A report on one work-plan item for one year; ``states`` are the states the user may report
    for as focal point (none for the secretariat, which reports in its own name)."""

    year = forms.IntegerField(label=_("Year reported on"))
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    text = forms.CharField(
        label=_("What was done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence_url = forms.URLField(
        label=_("Evidence"),
        required=False,
        assume_scheme="https",
        help_text=_("The address of a report, a press release or a page that shows it."),
    )

    def __init__(self, *args, plan_year: int, current_status: str, states: list[State], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = max(timezone.localdate().year, plan_year)
        self.fields["status"].initial = current_status
        self.states = {state.pk: state for state in states}
        if len(states) > 1:
            self.fields["reporter_state"] = forms.TypedChoiceField(
                label=_("Reporting for"), coerce=int, choices=_state_choices(states)
            )
            self.order_fields(["reporter_state", "year", "status", "text", "evidence_url"])

    def chosen_state(self) -> State | None:
        """The state reported for: the one chosen, or the only one, or none (the secretariat)."""
        if "reporter_state" in self.fields:
            return self.states[self.cleaned_data["reporter_state"]]
        if len(self.states) == 1:
            return next(iter(self.states.values()))
        return None


class CommitmentForm(forms.Form):
    """A commitment marked in an adopted document: what was promised, where and by whom."""

    paragraph_number = forms.IntegerField(
        label=_("Paragraph"),
        required=False,
        min_value=1,
        help_text=_("The number of the paragraph that holds the promise, if there is one."),
    )
    text = forms.CharField(
        label=_("What was promised"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    responsible_states = forms.TypedMultipleChoiceField(
        label=_("States that made the promise"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("All of them when the text says “the parties will …”."),
    )

    def __init__(self, *args, paragraphs: list[tuple[int, str]], states: list[State], **kwargs):
        super().__init__(*args, **kwargs)
        if paragraphs:
            self.fields["paragraph_number"] = forms.TypedChoiceField(
                label=_("Paragraph"),
                coerce=int,
                empty_value=None,
                required=False,
                choices=[("", _("no particular paragraph"))]
                + [
                    (number, f"{number}. {Truncator(text).words(12)}")
                    for number, text in paragraphs
                ],
            )
        self.states = {state.pk: state for state in states}
        field = self.fields["responsible_states"]
        field.choices = _state_choices(states)
        field.initial = [state.pk for state in states]
        self.order_fields(["paragraph_number", "text", "responsible_states"])

    def chosen_states(self) -> list[State]:
        return [self.states[pk] for pk in self.cleaned_data["responsible_states"]]


class AssessmentForm(forms.Form):
    """How far one state has carried out a commitment, on a given day."""

    state = forms.TypedChoiceField(label=_("State"), coerce=int)
    compliance = forms.ChoiceField(
        label=_("Compliance"), choices=Compliance.choices, widget=forms.RadioSelect
    )
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE_WIDGET)
    evidence = forms.CharField(
        label=_("What the assessment rests on"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence_url = forms.URLField(
        label=_("Address of the evidence"),
        required=False,
        assume_scheme="https",
    )

    def __init__(self, *args, states: list[State], **kwargs):
        super().__init__(*args, **kwargs)
        self.states = {state.pk: state for state in states}
        self.fields["state"].choices = _state_choices(states)
        self.fields["assessed_on"].initial = timezone.localdate()

    def chosen_state(self) -> State:
        return self.states[self.cleaned_data["state"]]
