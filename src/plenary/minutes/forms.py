"""The forms of the minutes pages. Each sends its data to one function of ``domain``, which
decides; the forms only read what was typed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.documents.drafting_forms import CirculateForm, StateChoiceForm, put_errors
from plenary.minutes.models import AGENDA_ITEM_NUMBER

__all__ = [
    "ApproveForm",
    "CirculateForm",
    "CommentForm",
    "NewMinutesForm",
    "ReviseForm",
    "put_errors",
]

TEXT_HELP = _("Paragraphs are separated by an empty line.")


class NewMinutesForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    agenda_item_number = forms.CharField(
        label=_("Agenda item"),
        max_length=16,
        required=False,
        validators=[AGENDA_ITEM_NUMBER],
        help_text=_(
            "For the minutes of one agenda item, its number (1, 2.a); leave empty for the "
            "minutes of the whole meeting."
        ),
    )
    text = forms.CharField(
        label=pgettext_lazy("minutes", "Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        strip=False,
        help_text=TEXT_HELP,
    )
    note = forms.CharField(label=_("Note on this revision"), max_length=500, required=False)


class ReviseForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("minutes", "Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        strip=False,
        help_text=TEXT_HELP,
    )
    note = forms.CharField(
        label=_("What this revision changes"),
        max_length=500,
        required=False,
        help_text=_(
            "A few words for the list of revisions, such as “Comments of Kazakhstan taken in”."
        ),
    )
    expected_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CommentForm(StateChoiceForm):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}))


class ApproveForm(forms.Form):
    """The revision the approver read: approval fails if a newer one was saved since."""

    expected_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
