"""Calls to register, the states' registrations with their members and history, and experts'
registrations.

The steps of a registration (submitted, accepted, returned) are taken on its page, through the
domain, which keeps the history and records the meeting's delegation: here they are read, not
written. The credentials letter is read through the page that checks who may see it, never from
the media folder.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.common.admin_audit import audit_names
from plenary.common.backoffice import PlenaryAdmin, PlenaryModelForm, PlenaryTabularInline
from plenary.registration.models import (
    DelegationRegistration,
    ExpertRegistration,
    RegisteredMember,
    RegistrationCall,
    RegistrationStep,
)

audit_names(
    {
        RegistrationCall: "registration.call",
        DelegationRegistration: "registration.registration",
        RegisteredMember: "registration.member",
        ExpertRegistration: "registration.expert",
        RegistrationStep: "registration.step",
    }
)


class RegistrationCallForm(PlenaryModelForm):
    constraint_messages = {
        "registrationcall_deadline_after_opening": "deadline",
        "registrationcall_cap_positive": "expert_cap",
    }

    class Meta(PlenaryModelForm.Meta):
        model = RegistrationCall
        fields = "__all__"


class DelegationRegistrationForm(PlenaryModelForm):
    constraint_messages = {
        "registration_unique_state": (
            "state",
            gettext_lazy("{obj.state} has already registered for this meeting."),
        ),
        "registration_head_person_or_name": "head_person",
        "registration_head_name_in_latin": "head_name_latin",
        "registration_returned_with_reason": "return_reason",
        "registration_submitted_when": "submitted_at",
        "registration_decided_when": "decided_at",
    }

    class Meta(PlenaryModelForm.Meta):
        model = DelegationRegistration
        fields = "__all__"


class RegisteredMemberForm(PlenaryModelForm):
    constraint_messages = {
        "registeredmember_unique_position": (
            "position",
            gettext_lazy("This registration already lists a member at position {obj.position}."),
        ),
        "registeredmember_named": "name",
    }

    class Meta(PlenaryModelForm.Meta):
        model = RegisteredMember
        fields = "__all__"


class RegistrationStepForm(PlenaryModelForm):
    constraint_messages = {"registrationstep_return_has_reason": "note"}

    class Meta(PlenaryModelForm.Meta):
        model = RegistrationStep
        fields = "__all__"


class ExpertRegistrationForm(PlenaryModelForm):
    constraint_messages = {
        "expertregistration_unique_user": (
            "user",
            gettext_lazy("This expert has already registered for the session."),
        ),
        "expertregistration_cancelled_when": "cancelled_at",
    }

    class Meta(PlenaryModelForm.Meta):
        model = ExpertRegistration
        fields = "__all__"


@admin.register(RegistrationCall)
class RegistrationCallAdmin(PlenaryAdmin):
    form = RegistrationCallForm
    list_display = ["__str__", "opens_at", "deadline", "expert_cap"]
    list_filter = ["meeting__edition__forum"]
    list_select_related = ["meeting"]
    search_fields = ["meeting__title", "note"]
    ordering = ["-deadline", "pk"]
    autocomplete_fields = ["meeting"]
    fields = ["meeting", "opens_at", "deadline", "expert_cap", "note"]


class RegisteredMemberInline(PlenaryTabularInline):
    model = RegisteredMember
    form = RegisteredMemberForm
    fields = ["position", "name", "function"]
    extra = 0


class RegistrationStepInline(PlenaryTabularInline):
    """The history as the registration's page wrote it: read here, written there."""

    model = RegistrationStep
    form = RegistrationStepForm
    fields = ["at", "kind", "by", "note"]
    readonly_fields = fields
    select_related = ["by"]
    can_delete = False
    verbose_name_plural = gettext_lazy("history (written on the registration's page)")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DelegationRegistration)
class DelegationRegistrationAdmin(PlenaryAdmin):
    form = DelegationRegistrationForm
    list_display = ["__str__", "meeting", "state", "status", "head_rank", "submitted_at"]
    list_filter = ["status", "meeting__edition__forum"]
    list_select_related = ["meeting", "state"]
    search_fields = ["meeting__title", "state__name", "head_name_latin", "head_person__name"]
    ordering = ["meeting", "state__name"]
    autocomplete_fields = ["meeting", "state", "head_person"]
    fieldsets = [
        (None, {"fields": ["meeting", "state", "status"]}),
        (
            gettext_lazy("Head of delegation"),
            {
                "fields": [
                    "head_person",
                    "head_name_latin",
                    "head_name_cyrillic",
                    "head_name_hangul",
                    "head_rank",
                    "head_title",
                ]
            },
        ),
        (
            gettext_lazy("Letter and decision"),
            {
                "fields": [
                    "letter_link",
                    "submitted_at",
                    "decided_at",
                    "return_reason",
                    "delegation",
                ]
            },
        ),
    ]
    readonly_fields = [
        "status",
        "letter_link",
        "submitted_at",
        "decided_at",
        "return_reason",
        "delegation",
    ]
    inlines = [RegisteredMemberInline, RegistrationStepInline]

    @admin.display(description=gettext_lazy("credentials letter"))
    def letter_link(self, obj):
        if obj is None or not obj.letter:
            return _("none attached")
        url = reverse(
            "registration:letter_file",
            kwargs={
                "forum": obj.meeting.edition.forum.slug,
                "number": obj.meeting.edition.number,
                "pk": obj.meeting_id,
                "code": obj.state.code.lower(),
            },
        )
        return format_html('<a href="{}">{}</a>', url, obj.letter_name or _("the letter"))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting__edition__forum")


@admin.register(RegisteredMember)
class RegisteredMemberAdmin(PlenaryAdmin):
    form = RegisteredMemberForm
    list_display = ["name", "function", "registration", "position"]
    list_filter = ["registration__meeting__edition__forum"]
    list_select_related = ["registration__meeting", "registration__state"]
    search_fields = ["name", "function", "registration__state__name"]
    ordering = ["registration", "position", "pk"]
    autocomplete_fields = ["registration"]


@admin.register(RegistrationStep)
class RegistrationStepAdmin(PlenaryAdmin):
    """Read only: a step is taken on the registration's page, through the domain."""

    form = RegistrationStepForm
    list_display = ["__str__", "registration", "kind", "at", "by"]
    list_filter = ["kind"]
    list_select_related = ["registration__meeting", "registration__state", "by"]
    search_fields = ["registration__state__name", "registration__meeting__title", "note"]
    ordering = ["registration", "at", "pk"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ExpertRegistration)
class ExpertRegistrationAdmin(PlenaryAdmin):
    form = ExpertRegistrationForm
    list_display = ["name", "meeting", "organization", "state", "field", "status"]
    list_filter = ["status", "meeting__edition__forum"]
    list_select_related = ["meeting", "state", "field"]
    search_fields = ["name", "organization", "meeting__title"]
    ordering = ["meeting", "registered_at", "pk"]
    autocomplete_fields = ["meeting", "user", "state"]
