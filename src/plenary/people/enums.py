from django.db import models
from django.utils.translation import gettext_lazy as _


class Rank(models.TextChoices):
    """The rank at which someone represents a state, highest first.

    ``RANK_LEVEL`` gives each a number so that the level of representation can be compared across
    editions (a deputy prime minister outranks an ambassador).
    """

    HEAD_OF_STATE = "head_of_state", _("head of state")
    HEAD_OF_GOVERNMENT = "head_of_government", _("head of government")
    DEPUTY_PRIME_MINISTER = "deputy_prime_minister", _("deputy prime minister")
    FOREIGN_MINISTER = "foreign_minister", _("foreign minister")
    MINISTER = "minister", _("minister")
    FIRST_DEPUTY_MINISTER = "first_deputy_minister", _("first deputy minister")
    DEPUTY_MINISTER = "deputy_minister", _("deputy / vice minister")
    AMBASSADOR = "ambassador", _("ambassador")
    DIRECTOR_GENERAL = "director_general", _("director-general")
    DIRECTOR = "director", _("director")
    OFFICIAL = "official", _("official")
    EXPERT = "expert", _("expert")
    OTHER = "other", _("other")


RANK_LEVEL: dict[str, int] = {
    Rank.HEAD_OF_STATE: 100,
    Rank.HEAD_OF_GOVERNMENT: 95,
    Rank.DEPUTY_PRIME_MINISTER: 90,
    Rank.FOREIGN_MINISTER: 80,
    Rank.MINISTER: 75,
    Rank.FIRST_DEPUTY_MINISTER: 70,
    Rank.DEPUTY_MINISTER: 65,
    Rank.AMBASSADOR: 50,
    Rank.DIRECTOR_GENERAL: 45,
    Rank.DIRECTOR: 40,
    Rank.OFFICIAL: 20,
    Rank.EXPERT: 10,
    Rank.OTHER: 0,
}


class NameKind(models.TextChoices):
    NATIVE = "native", _("native script")
    ROMANIZATION = "romanization", _("romanization")
    TRANSLITERATION = "transliteration", _("transliteration")
    ALIAS = "alias", _("other spelling")


class OrganizationKind(models.TextChoices):
    MINISTRY = "ministry", _("ministry")
    AGENCY = "agency", _("government agency")
    INSTITUTE = "institute", _("research institute")
    SECRETARIAT = "secretariat", _("secretariat")
    INTERNATIONAL = "international", _("international organization")
    BUSINESS = "business", _("business body")
    OTHER = "other", _("other")
