from django.db import models


class Rank(models.TextChoices):
    """The rank at which someone represents a state, highest first.

    ``RANK_LEVEL`` gives each a number so that the level of representation can be compared across
    editions (a deputy prime minister outranks an ambassador).
    """

    HEAD_OF_STATE = "head_of_state", "head of state"
    HEAD_OF_GOVERNMENT = "head_of_government", "head of government"
    DEPUTY_PRIME_MINISTER = "deputy_prime_minister", "deputy prime minister"
    FOREIGN_MINISTER = "foreign_minister", "foreign minister"
    MINISTER = "minister", "minister"
    FIRST_DEPUTY_MINISTER = "first_deputy_minister", "first deputy minister"
    DEPUTY_MINISTER = "deputy_minister", "deputy / vice minister"
    AMBASSADOR = "ambassador", "ambassador"
    DIRECTOR_GENERAL = "director_general", "director-general"
    DIRECTOR = "director", "director"
    OFFICIAL = "official", "official"
    EXPERT = "expert", "expert"
    OTHER = "other", "other"


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
    NATIVE = "native", "native script"
    ROMANIZATION = "romanization", "romanization"
    TRANSLITERATION = "transliteration", "transliteration"
    ALIAS = "alias", "other spelling"


class OrganizationKind(models.TextChoices):
    MINISTRY = "ministry", "ministry"
    AGENCY = "agency", "government agency"
    INSTITUTE = "institute", "research institute"
    SECRETARIAT = "secretariat", "secretariat"
    INTERNATIONAL = "international", "international organization"
    BUSINESS = "business", "business body"
    OTHER = "other", "other"
