"""Back-office forms for forums, states and editions: constraint violations in plain words, and
working languages ticked rather than typed as JSON."""

from django import forms
from django.utils.translation import gettext_lazy as _

from plenary.common.backoffice import PlenaryModelForm
from plenary.common.enums import Language
from plenary.forums.models import (
    CoChair,
    Decision,
    Edition,
    Forum,
    ForumName,
    Membership,
    Milestone,
    SideTrack,
    State,
    StateName,
)


class StateForm(PlenaryModelForm):
    constraint_messages = {
        "state_code_upper": "code",
    }

    class Meta(PlenaryModelForm.Meta):
        model = State
        fields = "__all__"

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()

    def clean_alpha3(self) -> str:
        return self.cleaned_data["alpha3"].strip().upper()


class StateNameForm(PlenaryModelForm):
    constraint_messages = {
        "statename_unique_language": (
            "language",
            _("{obj.state} already has a name in this language."),
        ),
    }

    class Meta(PlenaryModelForm.Meta):
        model = StateName
        fields = "__all__"


class ForumForm(PlenaryModelForm):
    languages = forms.MultipleChoiceField(
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        label=_("Working languages"),
        help_text=_(
            "Tick every working language of the forum. Languages already chosen keep "
            "their order; new ones are added after them."
        ),
        error_messages={"required": _("Tick at least one working language.")},
    )

    class Meta(PlenaryModelForm.Meta):
        model = Forum
        fields = "__all__"

    def clean_languages(self) -> list[str]:
        chosen = self.cleaned_data["languages"]
        kept = [code for code in (self.instance.languages or []) if code in chosen]
        return kept + [code for code in chosen if code not in kept]


class ForumNameForm(PlenaryModelForm):
    constraint_messages = {
        "forumname_unique_per_forum": ("name", _("{obj.forum} already goes by this name.")),
    }

    class Meta(PlenaryModelForm.Meta):
        model = ForumName
        fields = "__all__"


class MembershipForm(PlenaryModelForm):
    constraint_messages = {
        "membership_unique_state": ("state", _("{obj.state} already has a place in {obj.forum}.")),
        "membership_left_after_joined": "left_on",
    }

    class Meta(PlenaryModelForm.Meta):
        model = Membership
        fields = "__all__"


class SideTrackForm(PlenaryModelForm):
    constraint_messages = {
        "sidetrack_unique_name": ("name", _("{obj.forum} already has a side track of this name.")),
    }

    class Meta(PlenaryModelForm.Meta):
        model = SideTrack
        fields = "__all__"


class EditionForm(PlenaryModelForm):
    constraint_messages = {
        "edition_unique_number": ("number", _("{obj.forum} already has a {obj.ordinal} edition.")),
        "edition_number_positive": "number",
        "edition_end_after_start": "end_date",
    }

    class Meta(PlenaryModelForm.Meta):
        model = Edition
        fields = "__all__"


class CoChairForm(PlenaryModelForm):
    constraint_messages = {
        "cochair_unique_state": (
            "state",
            _("{obj.edition} already has a co-chair for {obj.state}."),
        ),
        "cochair_names_person_or_post": "person",
    }

    class Meta(PlenaryModelForm.Meta):
        model = CoChair
        fields = "__all__"


class DecisionForm(PlenaryModelForm):
    class Meta(PlenaryModelForm.Meta):
        model = Decision
        fields = "__all__"


class MilestoneForm(PlenaryModelForm):
    constraint_messages = {
        "milestone_unique_title": (
            "title",
            _("{obj.forum} already has a milestone of this title."),
        ),
    }

    class Meta(PlenaryModelForm.Meta):
        model = Milestone
        fields = "__all__"
