"""Forms of the drafting pages. They parse what a person typed; every rule of the workflow is
checked by the functions of ``drafting``, whose refusals the views put back on these forms."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.common.enums import Language
from plenary.common.translations import localized
from plenary.documents.enums import PositionKind
from plenary.documents.models import Comment, DocumentKind, OutcomeDocument
from plenary.forums import naming
from plenary.forums.models import Edition, State
from plenary.meetings.models import Meeting

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]

# Paragraphs are typed one after another, separated by an empty line.
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def split_paragraphs(text: str) -> list[str]:
    return [
        part.strip() for part in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")) if part.strip()
    ]


def _state_name(state: State) -> str:
    return naming.state_name(state, translation.get_language() or "en")


def put_errors(form: forms.Form, error: ValidationError, *, fields: dict[str, str] | None = None):
    """Show a refusal of the domain on ``form``: by field where the form has that field (or the
    one ``fields`` maps it to), above the form otherwise."""
    fields = fields or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            target = fields.get(name, name)
            form.add_error(target if target in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class StateChoiceForm(forms.Form):
    """A form sent for one state: the states the user speaks for, hidden when there is one."""

    state = forms.TypedChoiceField(coerce=int, label=pgettext_lazy("speaking for a state", "For"))

    def __init__(self, *args, states: list[State], **kwargs):
        super().__init__(*args, **kwargs)
        self.states = {state.pk: state for state in states}
        field = self.fields["state"]
        field.choices = [(state.pk, _state_name(state)) for state in states]
        if len(states) == 1:
            field.widget = forms.HiddenInput()
            field.initial = states[0].pk

    def chosen_state(self) -> State:
        return self.states[self.cleaned_data["state"]]


class ZonedDeadlineForm(forms.Form):
    """A deadline typed as a local date and time in UTC or in the forum's host time zone."""

    deadline_field = "deadline"
    zone = forms.ChoiceField(label=_("Time zone"))

    def __init__(self, *args, host_zone: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        zones = ["UTC"]
        if host_zone and host_zone != "UTC":
            zones.insert(0, host_zone)
        self.fields["zone"].choices = [(zone, zone) for zone in zones]
        self.fields["zone"].initial = zones[0]

    def clean(self):
        data = super().clean()
        moment, zone = data.get(self.deadline_field), data.get("zone")
        if isinstance(moment, dt.datetime) and zone:
            # The field reads the wall time in the site's zone; the form's zone is the one meant.
            data[self.deadline_field] = moment.replace(tzinfo=None).replace(
                tzinfo=zoneinfo.ZoneInfo(zone)
            )
        return data


class CirculateForm(ZonedDeadlineForm):
    deadline_field = "comments_due"
    field_order = ["comments_due", "zone"]
    comments_due = forms.DateTimeField(
        label=_("Comments due by"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS
    )


class SilenceOpenForm(ZonedDeadlineForm):
    field_order = ["deadline", "zone"]
    deadline = forms.DateTimeField(
        label=_("Silence until"), widget=DATETIME_WIDGET, input_formats=DATETIME_FORMATS
    )


class SilenceBreakForm(StateChoiceForm):
    reason = forms.CharField(
        label=_("Reason, in writing"), widget=forms.Textarea(attrs={"rows": 3})
    )


class PositionForm(StateChoiceForm):
    kind = forms.ChoiceField(
        label=_("Position"), choices=PositionKind.choices, widget=forms.RadioSelect
    )
    paragraphs = forms.CharField(
        label=_("Paragraphs"),
        required=False,
        help_text=_("For a reservation: the paragraphs it applies to, such as “3, 5–7”."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(StateChoiceForm):
    text = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    proposed_text = forms.CharField(
        label=_("Proposed text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("To propose an amendment, write the paragraph as it should read."),
    )

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not (data.get("proposed_text") or "").strip():
            raise ValidationError(gettext("Write a comment or propose a text."))
        return data


class NoteForm(StateChoiceForm):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class ParagraphEditForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}), strip=False)
    expected_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ParagraphAddForm(forms.Form):
    text = forms.CharField(label=_("New paragraph"), widget=forms.Textarea(attrs={"rows": 3}))


class VersionTextForm(forms.Form):
    """A text in some of the forum's working languages: a title and paragraphs for each."""

    def __init__(self, *args, languages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.languages = list(languages)
        for code in self.languages:
            label = Language(code).label if code in Language.values else code
            self.fields[f"title_{code}"] = forms.CharField(
                label=gettext("Title in %(language)s") % {"language": label},
                required=False,
                max_length=500,
            )
            self.fields[f"paragraphs_{code}"] = forms.CharField(
                label=gettext("Paragraphs in %(language)s") % {"language": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 6, "lang": code}),
                help_text=_("One paragraph after another, separated by an empty line."),
            )

    def language_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"title_{code}"], self[f"paragraphs_{code}"]) for code in self.languages]

    def clean(self):
        data = super().clean()
        if not any(
            data.get(f"title_{code}") or data.get(f"paragraphs_{code}") for code in self.languages
        ):
            raise ValidationError(gettext("Give the text in at least one language."))
        return data

    def titles(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"title_{code}"]
            for code in self.languages
            if self.cleaned_data.get(f"title_{code}") or self.cleaned_data.get(f"paragraphs_{code}")
        }

    def paragraphs(self) -> dict[str, list[str]]:
        return {
            code: split_paragraphs(self.cleaned_data[f"paragraphs_{code}"])
            for code in self.languages
            if self.cleaned_data.get(f"title_{code}") or self.cleaned_data.get(f"paragraphs_{code}")
        }


class NewDocumentForm(VersionTextForm):
    """A new outcome document of a forum, with the text of its first version."""

    kind = forms.ModelChoiceField(queryset=DocumentKind.objects.none(), label=_("Kind"))
    title = forms.CharField(max_length=500, label=_("Title"))
    edition = forms.ModelChoiceField(
        queryset=Edition.objects.none(),
        required=False,
        label=pgettext_lazy("outcome document", "Edition"),
    )
    pen_holder_state = forms.ModelChoiceField(
        queryset=State.objects.none(),
        required=False,
        label=_("Pen holder"),
        empty_label=_("the secretariat"),
    )
    field_order = ["kind", "title", "edition", "pen_holder_state"]

    def __init__(self, *args, forum, member_states: list[State], **kwargs):
        super().__init__(*args, languages=forum.languages, **kwargs)
        self.forum = forum
        self.fields["kind"].queryset = DocumentKind.objects.order_by("name")
        self.fields["edition"].queryset = (
            Edition.objects.filter(forum=forum).select_related("forum").order_by("-number")
        )
        field = self.fields["pen_holder_state"]
        field.queryset = State.objects.filter(pk__in=[state.pk for state in member_states])
        field.choices = [("", field.empty_label)] + [
            (state.pk, _state_name(state)) for state in member_states
        ]

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        # ``document_record`` brings an existing document of that title up to date; a new
        # document must not land on another one.
        if OutcomeDocument.objects.filter(forum=self.forum, title=title).exists():
            raise ValidationError(gettext("This forum already has a document of this title."))
        return title


class AdoptForm(forms.Form):
    meeting = forms.ModelChoiceField(queryset=Meeting.objects.none(), label=_("At the meeting"))
    on = forms.DateField(
        label=pgettext_lazy("date of adoption", "On"),
        # A date input reads and writes ISO dates whatever the reader's language.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )
    consenting_states = forms.ModelMultipleChoiceField(
        queryset=State.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("States whose heads of delegation consented"),
    )

    def __init__(self, *args, forum, member_states: list[State], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(edition__forum=forum)
            .select_related("edition__forum")
            .order_by("-edition__number", "-date", "-position", "-pk")
        )
        self.fields["meeting"].label_from_instance = lambda meeting: (
            f"{meeting.edition}: {localized(meeting, 'title').text}"
            + (f" ({meeting.local_date:%Y-%m-%d})" if meeting.local_date else "")
        )
        field = self.fields["consenting_states"]
        field.queryset = State.objects.filter(pk__in=[state.pk for state in member_states])
        field.choices = [(state.pk, _state_name(state)) for state in member_states]
        field.initial = [state.pk for state in member_states]
        self.fields["on"].initial = timezone.localdate()


class NextVersionForm(forms.Form):
    accepted_comments = forms.ModelMultipleChoiceField(
        queryset=Comment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Amendments to take in"),
    )

    def __init__(self, *args, amendments: list[Comment], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["accepted_comments"]
        if not amendments:
            field.widget = forms.MultipleHiddenInput()
        field.queryset = Comment.objects.filter(pk__in=[comment.pk for comment in amendments])
        field.choices = [
            (
                comment.pk,
                gettext("¶%(number)s (%(language)s), %(state)s: “%(text)s”")
                % {
                    "number": comment.paragraph.number,
                    "language": comment.paragraph.language_version.language,
                    "state": _state_name(comment.state),
                    "text": Truncator(comment.proposed_text).words(14),
                },
            )
            for comment in amendments
        ]
