"""Back-office forms for people, posts and tenures: constraint violations in plain words."""

from django.utils.translation import gettext_lazy as _

from plenary.common.backoffice import PlenaryModelForm
from plenary.people.models import PersonName, Post, Tenure


class PersonNameForm(PlenaryModelForm):
    constraint_messages = {
        "personname_unique_per_person": ("name", _("{obj.person} already has this name form.")),
    }

    class Meta(PlenaryModelForm.Meta):
        model = PersonName
        fields = "__all__"


class PostForm(PlenaryModelForm):
    constraint_messages = {
        "post_unique_title_per_office": (
            "title",
            _("This office is already recorded: a post of this title, state and organization."),
        ),
    }

    class Meta(PlenaryModelForm.Meta):
        model = Post
        fields = "__all__"


class TenureForm(PlenaryModelForm):
    constraint_messages = {
        "tenure_end_after_start": "end",
        "tenure_unique_start": (
            "start",
            _("{obj.person} already has a tenure in this post starting on this date."),
        ),
    }

    class Meta(PlenaryModelForm.Meta):
        model = Tenure
        fields = "__all__"
