"""The steps minutes go through."""

from django.db import models


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    CIRCULATED = "circulated", "circulated for comments"
    APPROVED = "approved", "approved"
