from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MeetingKind(models.TextChoices):
    """The kinds of meeting in an edition's cycle, the preparatory ones first."""

    WORKING_GROUP = "working_group", _("working-level meeting")
    SENIOR_OFFICIALS = "senior_officials", _("senior officials / vice-ministerial meeting")
    EXPERT_SESSION = "expert_session", _("expert session")
    MINISTERIAL = "ministerial", _("ministerial plenary")
    HEADS_OF_DELEGATION = "heads_of_delegation", _("heads-of-delegation meeting")
    CLOSING_CEREMONY = "closing_ceremony", _("closing ceremony")
    SIDE_EVENT = "side_event", _("side event")
    BILATERAL = "bilateral", _("bilateral meeting on the sidelines")


PREPARATORY_KINDS = frozenset({MeetingKind.WORKING_GROUP, MeetingKind.SENIOR_OFFICIALS})


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting status", "planned")
    HELD = "held", pgettext_lazy("meeting status", "held")
    POSTPONED = "postponed", pgettext_lazy("meeting status", "postponed")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "cancelled")
