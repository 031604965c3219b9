from django.db import models


class Precedence(models.TextChoices):
    """How a forum orders lists of states."""

    ENGLISH = "en_alpha", "English alphabetical"
    RUSSIAN = "ru_alpha", "Russian alphabetical"
    KOREAN = "ko_alpha", "Korean alphabetical"
    CUSTOM = "custom", "the forum's own order"


class EditionStatus(models.TextChoices):
    PLANNED = "planned", "planned"
    CONFIRMED = "confirmed", "confirmed"
    HELD = "held", "held"
    POSTPONED = "postponed", "postponed"
    CANCELLED = "cancelled", "cancelled"


class MembershipRole(models.TextChoices):
    MEMBER = "member", "member"
    OBSERVER = "observer", "observer"
    PARTNER = "partner", 'partner (the "+1")'


class DecisionKind(models.TextChoices):
    NEXT_EDITION = "next_edition", "venue and date of the next edition"
    APPOINTMENT = "appointment", "appointment"
    NEW_MEMBER = "new_member", "new member"
    INSTITUTIONAL = "institutional", "institutional"
    OTHER = "other", "other"


class SideTrackKind(models.TextChoices):
    BUSINESS = "business", "business council or forum"
    THINK_TANK = "think_tank", "think-tank or expert forum"
    OTHER = "other", "other"
