from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Precedence(models.TextChoices):
    """How a forum orders lists of states."""

    ENGLISH = "en_alpha", _("English alphabetical")
    RUSSIAN = "ru_alpha", _("Russian alphabetical")
    KOREAN = "ko_alpha", _("Korean alphabetical")
    CUSTOM = "custom", _("the forum's own order")


class EditionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("edition status", "planned")
    CONFIRMED = "confirmed", pgettext_lazy("edition status", "confirmed")
    HELD = "held", pgettext_lazy("edition status", "held")
    POSTPONED = "postponed", pgettext_lazy("edition status", "postponed")
    CANCELLED = "cancelled", pgettext_lazy("edition status", "cancelled")


class MembershipRole(models.TextChoices):
    MEMBER = "member", pgettext_lazy("membership role", "member")
    OBSERVER = "observer", pgettext_lazy("membership role", "observer")
    PARTNER = "partner", pgettext_lazy("membership role", 'partner (the "+1")')


class DecisionKind(models.TextChoices):
    NEXT_EDITION = "next_edition", _("venue and date of the next edition")
    APPOINTMENT = "appointment", _("appointment")
    NEW_MEMBER = "new_member", _("new member")
    INSTITUTIONAL = "institutional", _("institutional")
    OTHER = "other", pgettext_lazy("decision kind", "other")


class SideTrackKind(models.TextChoices):
    BUSINESS = "business", _("business council or forum")
    THINK_TANK = "think_tank", _("think-tank or expert forum")
    OTHER = "other", pgettext_lazy("side track kind", "other")
