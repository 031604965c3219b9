from django.db import models


class MeetingKind(models.TextChoices):
    """The kinds of meeting in an edition's cycle, the preparatory ones first."""

    WORKING_GROUP = "working_group", "working-level meeting"
    SENIOR_OFFICIALS = "senior_officials", "senior officials / vice-ministerial meeting"
    EXPERT_SESSION = "expert_session", "expert session"
    MINISTERIAL = "ministerial", "ministerial plenary"
    HEADS_OF_DELEGATION = "heads_of_delegation", "heads-of-delegation meeting"
    CLOSING_CEREMONY = "closing_ceremony", "closing ceremony"
    SIDE_EVENT = "side_event", "side event"
    BILATERAL = "bilateral", "bilateral meeting on the sidelines"


PREPARATORY_KINDS = frozenset({MeetingKind.WORKING_GROUP, MeetingKind.SENIOR_OFFICIALS})


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "planned"
    HELD = "held", "held"
    POSTPONED = "postponed", "postponed"
    CANCELLED = "cancelled", "cancelled"
