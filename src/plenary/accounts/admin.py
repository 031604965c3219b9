"""Roles and invitations in the back office."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plenary.accounts.models import Invitation, Role
from plenary.common.backoffice import PlenaryAdmin, PlenaryModelForm


class RoleForm(PlenaryModelForm):
    constraint_messages = {
        "role_unique_for_state": ("state", _("{obj.user} already has this role for this state.")),
        "role_unique_for_forum": ("kind", _("{obj.user} already has this role in this forum.")),
        "role_focal_point_has_state": "state",
        "role_secretariat_has_no_state": "state",
    }

    class Meta(PlenaryModelForm.Meta):
        model = Role
        fields = "__all__"


class InvitationForm(PlenaryModelForm):
    constraint_messages = {"invitation_focal_point_has_state": "state"}

    class Meta(PlenaryModelForm.Meta):
        model = Invitation
        fields = "__all__"


@admin.register(Role)
class RoleAdmin(PlenaryAdmin):
    form = RoleForm
    list_display = ["user", "forum", "kind", "state"]
    list_filter = ["forum", "kind"]
    list_select_related = ["user", "forum", "state"]
    search_fields = ["user__username", "user__email", "forum__name", "state__name"]
    autocomplete_fields = ["user", "forum", "state"]


@admin.register(Invitation)
class InvitationAdmin(PlenaryAdmin):
    form = InvitationForm
    list_display = ["email", "forum", "kind", "state", "invited_by", "expires_at", "accepted_at"]
    list_filter = ["forum", "kind"]
    list_select_related = ["forum", "state", "invited_by"]
    search_fields = ["email"]
    fields = ["email", "forum", "kind", "state", "expires_at", "accepted_at", "accepted_by"]
    readonly_fields = ["accepted_at", "accepted_by"]
    autocomplete_fields = ["forum", "state"]

    def has_change_permission(self, request, obj=None):
        # An invitation is sent through the invitation page; here it can only be looked at or
        # withdrawn (deleted).
        return False
