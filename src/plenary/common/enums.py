"""Vocabularies shared by every app. Enums come first in the import order: they import nothing."""

from django.db import models


class DatePrecision(models.TextChoices):
    """How much of a date the sources give: the 6th Forum is known only as "July 2012"."""

    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", "in person"
    ONLINE = "online", "online"
    HYBRID = "hybrid", "hybrid"


class Language(models.TextChoices):
    """Languages a forum may work in or a name may be written in (ISO 639-1)."""

    ENGLISH = "en", "English"
    RUSSIAN = "ru", "Russian"
    KOREAN = "ko", "Korean"
    KAZAKH = "kk", "Kazakh"
    KYRGYZ = "ky", "Kyrgyz"
    TAJIK = "tg", "Tajik"
    TURKMEN = "tk", "Turkmen"
    UZBEK = "uz", "Uzbek"
    JAPANESE = "ja", "Japanese"
    CHINESE = "zh", "Chinese"
    FRENCH = "fr", "French"
    GERMAN = "de", "German"
