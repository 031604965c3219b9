from django.db import models
from django.utils.translation import pgettext_lazy


class ItemStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("work-plan item status", "planned")
    UNDER_WAY = "under_way", pgettext_lazy("work-plan item status", "under way")
    DONE = "done", pgettext_lazy("work-plan item status", "done")
    POSTPONED = "postponed", pgettext_lazy("work-plan item status", "postponed")
    DROPPED = "dropped", pgettext_lazy("work-plan item status", "dropped")


class Compliance(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("compliance", "not started")
    PARTIAL = "partial", pgettext_lazy("compliance", "partial")
    FULL = "full", pgettext_lazy("compliance", "full")


# How far each status counts towards an item's implementation: only ``done`` does. A dropped or
# postponed item stays in the denominator: it was planned and not carried out.
ITEM_DONE = ItemStatus.DONE

# The compliance scale as a share of the promise kept, in the manner of the G7 Research Group's
# scores (-1, 0, +1), moved to 0, ½ and 1 so that an average reads as a percentage.
COMPLIANCE_SCORE = {
    Compliance.NOT_STARTED: 0.0,
    Compliance.PARTIAL: 0.5,
    Compliance.FULL: 1.0,
}
