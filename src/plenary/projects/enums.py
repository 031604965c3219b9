from django.db import models


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", "proposed"
    UNDER_STUDY = "under_study", "under study"
    AGREED = "agreed", "agreed"
    UNDER_WAY = "under_way", "under way"
    COMPLETED = "completed", "completed"
    DROPPED = "dropped", "dropped"
