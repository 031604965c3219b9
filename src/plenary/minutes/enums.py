"""The steps minutes go through."""

from django.db import models
from django.utils.translation import pgettext_lazy


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("minutes status", "draft")
    CIRCULATED = "circulated", pgettext_lazy("minutes status", "circulated for comments")
    APPROVED = "approved", pgettext_lazy("minutes status", "approved")
