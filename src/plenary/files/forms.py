"""Forms of the meeting files pages. They parse what a person sent; what may be kept (types, sizes,
titles, who reads a file) is decided by ``domain``, whose refusals the views put back on them."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.files.enums import ALLOWED_KINDS_TEXT, FileAccess
from plenary.forums import naming
from plenary.forums.models import State


def _upload_field() -> forms.FileField:
    # Empty files are refused by the domain, with the same words wherever a file comes from.
    return forms.FileField(
        label=_("File"),
        allow_empty_file=True,
        help_text=_("A %(kinds)s file of up to %(limit)s MB.")
        % {"kinds": ALLOWED_KINDS_TEXT, "limit": settings.PLENARY_MAX_UPLOAD_MB},
    )


def _note_field() -> forms.CharField:
    return forms.CharField(
        label=_("Note on this version"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What is new in it, if anything needs saying."),
    )


class AccessChoiceMixin:
    """The access and delegation fields: every choice for the secretariat; for a focal point, a
    file for its own delegation only (hidden when it speaks for one state)."""

    def _set_access_fields(self, *, states: list[State], own_delegation_only: bool) -> None:
        self.states = {state.pk: state for state in states}
        access = self.fields["access"]
        state = self.fields["state"]
        language = translation.get_language() or "en"
        state.choices = [("", "—"), *((s.pk, naming.state_name(s, language)) for s in states)]
        if own_delegation_only:
            access.choices = [(FileAccess.DELEGATION.value, FileAccess.DELEGATION.label)]
            access.initial = FileAccess.DELEGATION
            access.widget = forms.HiddenInput()
            access.error_messages["invalid_choice"] = _(
                "You may upload files for your own delegation only; the secretariat shares "
                "files more widely."
            )
            state.choices = [(s.pk, naming.state_name(s, language)) for s in states]
            state.required = True
            state.error_messages["invalid_choice"] = _(
                "You may upload files for your own delegation only."
            )
            state.help_text = _("Only your delegation and the secretariat will read the file.")
            if len(states) == 1:
                state.widget = forms.HiddenInput()
                state.initial = states[0].pk

    def chosen_state(self) -> State | None:
        value = self.cleaned_data.get("state")
        return self.states[value] if value else None


class NewFileForm(AccessChoiceMixin, forms.Form):
    """A new file for the meeting, with its first version."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    agenda_item_number = forms.CharField(
        label=gettext_lazy("Agenda item"),
        max_length=20,
        required=False,
        help_text=gettext_lazy(
            "The item's number as the agenda shows it, such as 2.a; leave empty for a file "
            "of the whole meeting."
        ),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    access = forms.ChoiceField(label=gettext_lazy("Who may read it"), choices=FileAccess.choices)
    state = forms.TypedChoiceField(
        label=gettext_lazy("Delegation"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy(
            "For a file for one delegation only: the delegation that may read it."
        ),
    )

    def __init__(self, *args, states: list[State], own_delegation_only: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["access"].initial = FileAccess.MEMBERS
        self.fields["upload"] = _upload_field()
        self.fields["note"] = _note_field()
        self._set_access_fields(states=states, own_delegation_only=own_delegation_only)


class NewVersionForm(forms.Form):
    """The next version of a file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"] = _upload_field()
        self.fields["note"] = _note_field()


class AccessForm(AccessChoiceMixin, forms.Form):
    """Who may read a file, as the secretariat sets it."""

    access = forms.ChoiceField(label=gettext_lazy("Who may read it"), choices=FileAccess.choices)
    state = forms.TypedChoiceField(
        label=gettext_lazy("Delegation"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=gettext_lazy(
            "For a file for one delegation only: the delegation that may read it."
        ),
    )

    def __init__(self, *args, states: list[State], **kwargs):
        super().__init__(*args, **kwargs)
        self._set_access_fields(states=states, own_delegation_only=False)
