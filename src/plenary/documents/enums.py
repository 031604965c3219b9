from django.db import models


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    UNDER_NEGOTIATION = "negotiation", "under negotiation"
    UNDER_SILENCE = "silence", "under silence procedure"
    ADOPTED = "adopted", "adopted"
    WITHDRAWN = "withdrawn", "withdrawn"


CONFIDENTIAL_STATUSES = frozenset(
    {DocumentStatus.DRAFT, DocumentStatus.UNDER_NEGOTIATION, DocumentStatus.UNDER_SILENCE}
)


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    CIRCULATED = "circulated", "circulated"
    SUPERSEDED = "superseded", "superseded"
    ADOPTED = "adopted", "adopted"


class AdoptionMethod(models.TextChoices):
    AT_MEETING = "meeting", "at a meeting, by the heads of delegation"
    SILENCE = "silence", "by silence procedure"


class PositionKind(models.TextChoices):
    AGREED = "agreed", "agreed"
    AD_REFERENDUM = "ad_referendum", "agreed ad referendum"
    RESERVATION = "reservation", "reservation"
    OBJECTION = "objection", "objection"


class SilenceOutcome(models.TextChoices):
    OPEN = "open", "open"
    BROKEN = "broken", "broken"
    ADOPTED = "adopted", "adopted by silence"
