"""Vocabularies shared by every app. Enums come first in the import order: they import nothing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    """How much of a date the sources give: the 6th Forum is known only as "July 2012"."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid")


class Language(models.TextChoices):
    """Languages a forum may work in or a name may be written in (ISO 639-1)."""

    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    KOREAN = "ko", _("Korean")
    KAZAKH = "kk", _("Kazakh")
    KYRGYZ = "ky", _("Kyrgyz")
    TAJIK = "tg", _("Tajik")
    TURKMEN = "tk", _("Turkmen")
    UZBEK = "uz", _("Uzbek")
    JAPANESE = "ja", _("Japanese")
    CHINESE = "zh", _("Chinese")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
