from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("document status", "draft")
    UNDER_NEGOTIATION = "negotiation", pgettext_lazy("document status", "under negotiation")
    UNDER_SILENCE = "silence", pgettext_lazy("document status", "under silence procedure")
    ADOPTED = "adopted", pgettext_lazy("document status", "adopted")
    WITHDRAWN = "withdrawn", pgettext_lazy("document status", "withdrawn")


CONFIDENTIAL_STATUSES = frozenset(
    {DocumentStatus.DRAFT, DocumentStatus.UNDER_NEGOTIATION, DocumentStatus.UNDER_SILENCE}
)


class VersionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("version status", "draft")
    CIRCULATED = "circulated", pgettext_lazy("version status", "circulated")
    SUPERSEDED = "superseded", pgettext_lazy("version status", "superseded")
    ADOPTED = "adopted", pgettext_lazy("version status", "adopted")


class AdoptionMethod(models.TextChoices):
    AT_MEETING = "meeting", _("at a meeting, by the heads of delegation")
    SILENCE = "silence", _("by silence procedure")


class PositionKind(models.TextChoices):
    AGREED = "agreed", _("agreed")
    AD_REFERENDUM = "ad_referendum", _("agreed ad referendum")
    RESERVATION = "reservation", _("reservation")
    OBJECTION = "objection", _("objection")


class SilenceOutcome(models.TextChoices):
    OPEN = "open", pgettext_lazy("silence procedure", "open")
    BROKEN = "broken", pgettext_lazy("silence procedure", "broken")
    ADOPTED = "adopted", pgettext_lazy("silence procedure", "adopted by silence")
