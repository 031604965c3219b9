from django.db import models


class ItemStatus(models.TextChoices):
    PLANNED = "planned", "planned"
    UNDER_WAY = "under_way", "under way"
    DONE = "done", "done"
    POSTPONED = "postponed", "postponed"
    DROPPED = "dropped", "dropped"


class Compliance(models.TextChoices):
    NOT_STARTED = "not_started", "not started"
    PARTIAL = "partial", "partial"
    FULL = "full", "full"
