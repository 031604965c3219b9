from django import forms
from django.contrib.auth.password_validation import validate_password

from plenary.accounts.enums import RoleKind
from plenary.forums.models import State


class InvitationForm(forms.Form):
    email = forms.EmailField()
    kind = forms.ChoiceField(
        choices=[
            (RoleKind.FOCAL_POINT, "focal point of a member state"),
            (RoleKind.EXPERT, "expert"),
        ]
    )
    state = forms.ModelChoiceField(queryset=State.objects.none(), required=False)

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = State.objects.filter(memberships__forum=forum)


class AcceptForm(forms.Form):
    username = forms.CharField(max_length=150)
    password = forms.CharField(widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(widget=forms.PasswordInput, strip=False)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", "The two passwords differ.")
        elif data.get("password"):
            try:
                validate_password(data["password"])
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data
