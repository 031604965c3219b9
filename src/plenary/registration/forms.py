"""Forms of the registration pages. They read what a person typed; the rules (deadline, status,
who may do what, the letter's type and size) are the domain's, whose refusals the views put back
on these forms."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from plenary.common.translations import record_text
from plenary.forums.naming import reader_state_name
from plenary.meetings.enums import MeetingKind
from plenary.meetings.models import Meeting
from plenary.people.enums import Rank

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def zone_label(meeting: Meeting) -> str:
    """The zone a meeting's deadlines are typed and shown in."""
    return meeting.timezone or "UTC"


class CallForm(forms.Form):
    """The secretariat opens the call, or changes it: a deadline typed in the meeting's zone."""

    deadline = forms.DateTimeField(widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS)
    note = forms.CharField(
        label=gettext_lazy("Note to the states"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown with the call: what to send, whom to ask."),
    )
    expert_cap = forms.IntegerField(
        label=gettext_lazy("Places for experts"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("How many experts may register; leave empty for no limit."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        zone = zone_label(meeting)
        self.fields["deadline"].label = _("Deadline, %(zone)s time") % {"zone": zone}
        self.fields["deadline"].help_text = (
            _("In the meeting's time zone, %(zone)s.") % {"zone": zone}
            if meeting.timezone
            else _("The meeting's time zone is not recorded, so the deadline is in UTC.")
        )
        if meeting.kind != MeetingKind.EXPERT_SESSION:
            del self.fields["expert_cap"]

    def clean_deadline(self):
        moment = self.cleaned_data.get("deadline")
        if isinstance(moment, dt.datetime):
            # The field reads the wall time in the site's zone; the meeting's zone is the one meant.
            moment = moment.replace(tzinfo=None).replace(tzinfo=self.meeting.zone)
        return moment


class HeadForm(forms.Form):
    """The head of delegation: a person of the record, or a name typed in up to three scripts."""

    head_person = forms.ModelChoiceField(
        label=gettext_lazy("Head of delegation, from the record"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Not in the record"),
    )
    head_name_latin = forms.CharField(
        label=gettext_lazy("Name in Latin script"), required=False, max_length=200
    )
    head_name_cyrillic = forms.CharField(
        label=gettext_lazy("Name in Cyrillic (optional)"), required=False, max_length=200
    )
    head_name_hangul = forms.CharField(
        label=gettext_lazy("Name in Hangul (optional)"), required=False, max_length=200
    )
    head_rank = forms.ChoiceField(
        label=gettext_lazy("Rank"),
        required=False,
        choices=[("", gettext_lazy("Choose the rank")), *Rank.choices],
        help_text=gettext_lazy("The rank at which the head leads the delegation at this meeting."),
    )
    head_title = forms.CharField(
        label=gettext_lazy("Title or post"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("As it should read on the list, e.g. Minister of Foreign Affairs."),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head_person"].queryset = people


class MemberForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=200)
    function = forms.CharField(
        label=gettext_lazy("Function"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("e.g. adviser"),
    )


MemberFormSet = forms.formset_factory(MemberForm, extra=0)


def member_formset(*, data=None, members=(), add_row: bool = False):
    """The members as rows, with one empty row to add a member; ``add_row`` gives one more (the
    "Add a member row" button, which works without JavaScript)."""
    if data is not None:
        if add_row:
            data = data.copy()
            total = int(data.get("members-TOTAL_FORMS") or 0)
            data["members-TOTAL_FORMS"] = str(total + 1)
        return MemberFormSet(data, prefix="members")
    initial = [{"name": m.name, "function": m.function} for m in members]
    formset = forms.formset_factory(MemberForm, extra=1)
    return formset(initial=initial, prefix="members")


def members_of(formset) -> list[tuple[str, str]]:
    """The rows of a valid formset as ``(name, function)``."""
    return [
        (form.cleaned_data.get("name", ""), form.cleaned_data.get("function", ""))
        for form in formset.forms
        if form.cleaned_data
    ]


class LetterForm(forms.Form):
    letter = forms.FileField(label=gettext_lazy("Credentials letter or note verbale"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letter"].help_text = _(
            "A PDF, a Word document (.docx) or an image (.png or .jpg), up to %(limit)s MB."
        ) % {"limit": settings.PLENARY_MAX_UPLOAD_MB}


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What the focal points should put right before submitting again."),
    )


class ExpertForm(forms.Form):
    """An expert registers for an expert session: name, institute, state and field."""

    name = forms.CharField(label=gettext_lazy("Your name"), max_length=200, required=False)
    organization = forms.CharField(
        label=gettext_lazy("Institute or agency"), max_length=300, required=False
    )
    state = forms.TypedChoiceField(
        label=gettext_lazy("State"), coerce=int, required=False, empty_value=None
    )
    field = forms.ModelChoiceField(
        label=pgettext_lazy("field of cooperation", "Field"), queryset=None, required=False
    )

    def __init__(self, *args, states, fields, single_field: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.states = {state.pk: state for state in states}
        self.fields["state"].choices = [
            ("", _("None of the member states")),
            *((state.pk, reader_state_name(state)) for state in states),
        ]
        self.fields["field"].queryset = fields
        self.fields["field"].label_from_instance = lambda field: record_text(field, "name")
        self.fields["field"].empty_label = None if single_field else _("Choose your field")

    def chosen_state(self):
        return self.states.get(self.cleaned_data.get("state"))
