from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.accounts.enums import RoleKind
from plenary.forums.models import State


class StateChoiceField(forms.ModelChoiceField):
    """States by their names in the reader's language."""

    def label_from_instance(self, obj) -> str:
        from plenary.forums.naming import state_name

        return state_name(obj, get_language() or "en")


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    kind = forms.ChoiceField(
        label=pgettext_lazy("invitation", "Kind"),
        choices=[
            (RoleKind.FOCAL_POINT, _("focal point of a member state")),
            (RoleKind.EXPERT, _("expert")),
        ],
    )
    state = StateChoiceField(label=_("State"), queryset=State.objects.none(), required=False)

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = State.objects.filter(
            memberships__forum=forum
        ).prefetch_related("names")


class AcceptForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput, strip=False
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", gettext("The two passwords differ."))
        elif data.get("password"):
            try:
                validate_password(data["password"])
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data
