"""Forms of the intake pages. They parse what a person typed or uploaded; the rules on reports and
facts are checked by the functions of ``domain``, whose refusals the views put back on these
forms."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.common.translations import localized
from plenary.forums.models import Forum
from plenary.intake.domain import (
    COUNT_KEYS,
    DATE_KEYS,
    DECISION_KINDS,
    FORMATS,
    ITEM_FIELDS,
    KEY_LABELS,
    MEETING_KINDS,
    one_of,
)
from plenary.intake.models import FactDecision, IntakeFact
from plenary.people.enums import Rank

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
UPLOAD_TYPES = {".txt": False, ".html": True, ".htm": True}
MAX_UPLOAD = 4 * 1024 * 1024  # bytes


class NewReportForm(forms.Form):
    """A report pasted or uploaded for one of the forums whose secretariat the user is."""

    forum = forms.ModelChoiceField(
        queryset=Forum.objects.none(), label=_("Forum"), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=500)
    publisher = forms.CharField(
        label=_("Publisher"),
        max_length=300,
        required=False,
        help_text=_("Who published it, such as the Ministry of Foreign Affairs of Kazakhstan."),
    )
    url = forms.URLField(label=_("Address"), max_length=1000, required=False, assume_scheme="https")
    published_on = forms.DateField(
        label=_("Published on"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Dates the text gives without a year are read as the latest before it."),
    )
    text = forms.CharField(
        label=_("Text of the report"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Paste the report here, or upload it below."),
    )
    html = forms.BooleanField(
        label=_("The pasted text is a page's HTML source"),
        required=False,
        help_text=_("It is then reduced to its readable text; the page is kept as given."),
    )
    file = forms.FileField(
        label=_("Or upload the report"),
        required=False,
        help_text=_("A .txt or .html file in UTF-8."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}),
    )

    def __init__(self, *args, forums: list[Forum], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["forum"]
        field.queryset = Forum.objects.filter(pk__in=[forum.pk for forum in forums])
        field.choices = [(forum.pk, localized(forum, "name").text) for forum in forums]
        if len(forums) == 1:
            field.initial = forums[0].pk

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        suffix = PurePath(upload.name).suffix.lower()
        if suffix not in UPLOAD_TYPES:
            raise ValidationError(_("Upload a .txt or .html file."))
        if upload.size > MAX_UPLOAD:
            raise ValidationError(_("The file is larger than 4 MB."))
        try:
            content = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text.")) from None
        return {"text": content, "is_html": UPLOAD_TYPES[suffix]}

    def clean(self):
        data = super().clean()
        text, upload = data.get("text") or "", data.get("file")
        if "file" in self.errors:
            return data
        if text.strip() and upload:
            raise ValidationError(_("Paste the text or upload a file, not both."))
        if not text.strip() and not upload:
            self.add_error("text", _("Paste the report's text, or upload it as a file."))
        return data

    @property
    def uploaded(self) -> bool:
        return bool(self.cleaned_data.get("file"))

    def report_text(self) -> tuple[str, bool]:
        """The text as given and whether it is HTML."""
        upload = self.cleaned_data.get("file")
        if upload:
            return upload["text"], upload["is_html"]
        return self.cleaned_data["text"], self.cleaned_data["html"]


# The decision on one fact ------------------------------------------------------------------------

# What each button of a fact's form asks for.
ACTIONS = {
    "accept": FactDecision.ACCEPTED,
    "edit": FactDecision.ACCEPTED,
    "reject": FactDecision.REJECTED,
    "undo": FactDecision.PENDING,
}

SUBFIELD_LABELS = {
    "country": pgettext_lazy("a part of a proposed fact", "State (ISO code)"),
    "person": pgettext_lazy("a part of a proposed fact", "Person"),
    "rank": pgettext_lazy("a part of a proposed fact", "Rank"),
    "kind": pgettext_lazy("a part of a proposed fact", "Kind"),
    "text": pgettext_lazy("a part of a proposed fact", "Text"),
    "city": pgettext_lazy("a part of a proposed fact", "City"),
    "year": pgettext_lazy("a part of a proposed fact", "Year"),
}

# The formats, and the kinds of preparatory meeting and of decision, as the reviewer reads them.
FORMAT_LABELS = {
    "in_person": pgettext_lazy("meeting format", "in person"),
    "online": pgettext_lazy("meeting format", "online"),
    "hybrid": pgettext_lazy("meeting format", "hybrid"),
}
KIND_LABELS = {
    "senior_officials": pgettext_lazy("preparatory meeting", "senior officials"),
    "working_group": pgettext_lazy("preparatory meeting", "working group"),
    "next_edition": pgettext_lazy("kind of decision", "next edition"),
    "appointment": pgettext_lazy("kind of decision", "appointment"),
    "new_member": pgettext_lazy("kind of decision", "new member"),
    "institutional": pgettext_lazy("kind of decision", "institutional"),
    "other": pgettext_lazy("kind of decision", "other"),
}


def _help(key: str) -> str:
    if key in DATE_KEYS:
        return gettext("YYYY-MM-DD")
    if key in COUNT_KEYS:
        return gettext("A whole number.")
    if key == "country":
        return gettext("Two capital letters, such as KR.")
    if key == "format":
        return f"{one_of(FORMATS)}."
    return ""


def _as_input(value) -> str:
    return "" if value is None else str(value)


class FactForm(forms.Form):
    """Accept, reject, or correct and accept one proposed fact. The button pressed (``decision``:
    accept, edit, reject or undo) says which; only ``edit`` reads the inputs, one for a scalar,
    one per key for an item that is an object."""

    def __init__(self, data=None, *, fact: IntakeFact, **kwargs):
        super().__init__(data, prefix=f"fact-{fact.pk}", **kwargs)
        self.fact = fact
        self.action = (data or {}).get("decision", "")
        current = fact.final_value
        subfields = ITEM_FIELDS.get(fact.key)
        if subfields is None:
            self.fields["value"] = forms.CharField(
                label=KEY_LABELS.get(fact.key, fact.key),
                required=False,
                help_text=_help(fact.key),
                initial=_as_input(current),
            )
            return
        current = current if isinstance(current, dict) else {}
        for name in subfields:
            initial = _as_input(current.get(name))
            if name == "rank":
                field = forms.ChoiceField(
                    choices=[("", _("not stated")), *Rank.choices], required=False
                )
            elif name == "kind":
                kinds = MEETING_KINDS if fact.key == "preparatory_meetings" else DECISION_KINDS
                field = forms.ChoiceField(
                    choices=[(kind, KIND_LABELS.get(kind, kind)) for kind in kinds], required=False
                )
            elif name == "text":
                field = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
            else:
                field = forms.CharField(required=False)
            field.label = SUBFIELD_LABELS[name]
            field.initial = initial
            self.fields[name] = field

    def clean(self):
        data = super().clean()
        if self.action not in ACTIONS:
            raise ValidationError(_("Accept, edit or reject the fact."))
        return data

    @property
    def decision(self) -> str:
        return ACTIONS[self.action]

    def edited_value(self):
        """The value as corrected, for the ``edit`` button; ``None`` otherwise."""
        if self.action != "edit":
            return None
        subfields = ITEM_FIELDS.get(self.fact.key)
        if subfields is None:
            return self.cleaned_data["value"]
        return {name: self.cleaned_data[name] or None for name in subfields}
