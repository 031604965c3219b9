"""Back-office forms for meetings and what happens at them.

A meeting's start and end are typed and shown as local times in the meeting's own time zone (the
meeting admin switches to it), and stored in UTC.
"""

import zoneinfo

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from plenary.common.backoffice import PlenaryModelForm
from plenary.meetings.models import (
    AgendaItem,
    Delegation,
    DelegationMember,
    ExpertParticipation,
    Meeting,
    Proposal,
    Session,
    SessionSpeaker,
    Statement,
)

TIME_ZONE_LIST_ID = "iana-time-zones"


class TimeZoneInput(forms.TextInput):
    """A text box that suggests IANA time zone names as staff type."""

    def __init__(self, attrs=None):
        super().__init__({"list": TIME_ZONE_LIST_ID, "autocomplete": "off", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        options = format_html_join(
            "", '<option value="{}">', ((zone,) for zone in sorted(zoneinfo.available_timezones()))
        )
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            super().render(name, value, attrs, renderer),
            TIME_ZONE_LIST_ID,
            options,
        )


LOCAL_TIME_HELP = _(
    "Local time in the meeting's time zone (below), as the programme gives it. Stored in UTC. "
    "Leave empty when the sources give only the day."
)


class MeetingForm(PlenaryModelForm):
    constraint_messages = {
        "meeting_ends_after_start": "ends_at",
        "meeting_times_have_zone": "timezone",
    }

    class Meta(PlenaryModelForm.Meta):
        model = Meeting
        fields = "__all__"
        widgets = {"timezone": TimeZoneInput}
        labels = {"timezone": _("Time zone")}
        help_texts = {
            "starts_at": LOCAL_TIME_HELP,
            "ends_at": LOCAL_TIME_HELP,
            "timezone": _(
                "Where the meeting took place, as an IANA name such as Asia/Dushanbe or "
                "Asia/Seoul; empty when not known (then leave the times empty too). The start "
                "and end above are read and shown in this zone; changing it keeps the local "
                "times as typed, so check them."
            ),
            "date": _("The local day; enough on its own when the times are not known."),
        }


class DelegationForm(PlenaryModelForm):
    constraint_messages = {
        "delegation_unique_state": (
            "state",
            _("“{obj.meeting}” already has a delegation of {obj.state}."),
        ),
        "delegation_head_has_rank": "head_rank",
    }

    class Meta(PlenaryModelForm.Meta):
        model = Delegation
        fields = "__all__"


class DelegationMemberForm(PlenaryModelForm):
    constraint_messages = {
        "delegationmember_person_or_post": "person",
    }

    class Meta(PlenaryModelForm.Meta):
        model = DelegationMember
        fields = "__all__"


class ExpertParticipationForm(PlenaryModelForm):
    constraint_messages = {
        "expertparticipation_person_counts_one": "count",
        "expertparticipation_count_positive": "count",
    }

    class Meta(PlenaryModelForm.Meta):
        model = ExpertParticipation
        fields = "__all__"


class StatementForm(PlenaryModelForm):
    class Meta(PlenaryModelForm.Meta):
        model = Statement
        fields = "__all__"


class ProposalForm(PlenaryModelForm):
    class Meta(PlenaryModelForm.Meta):
        model = Proposal
        fields = "__all__"


class AgendaItemForm(PlenaryModelForm):
    constraint_messages = {
        "agendaitem_unique_number": "number",
    }

    class Meta(PlenaryModelForm.Meta):
        model = AgendaItem
        fields = "__all__"


class SessionForm(PlenaryModelForm):
    """A session's times are typed and shown in its meeting's time zone; the agenda items it
    covers must be its own meeting's."""

    constraint_messages = {
        "session_ends_after_start": "ends_at",
    }

    class Meta(PlenaryModelForm.Meta):
        model = Session
        fields = "__all__"
        help_texts = {
            "starts_at": _("Local time in the meeting's time zone. Stored in UTC."),
            "ends_at": _("Local time in the meeting's time zone; empty when not known."),
        }

    def clean(self):
        cleaned_data = super().clean()
        items = cleaned_data.get("agenda_items")
        meeting = cleaned_data.get("meeting")
        if items and meeting is not None and "agenda_items" not in self._errors:
            try:
                Session(meeting=meeting).validate_agenda_items(items)
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class SessionSpeakerForm(PlenaryModelForm):
    constraint_messages = {
        "sessionspeaker_person_or_post": "person",
    }

    class Meta(PlenaryModelForm.Meta):
        model = SessionSpeaker
        fields = "__all__"
