"""Forums, the states that belong to them, their numbered editions and what they decided."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from plenary.common.enums import DatePrecision, Language, MeetingFormat
from plenary.common.models import CitedModel
from plenary.forums.enums import (
    DecisionKind,
    EditionStatus,
    MembershipRole,
    Precedence,
    SideTrackKind,
)


def validate_iso_alpha2(value: str) -> None:
    import pycountry

    if pycountry.countries.get(alpha_2=value.upper()) is None:
        raise ValidationError(f"{value!r} is not an ISO 3166-1 alpha-2 country code.")


def validate_languages(value: list) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError("Give at least one working language.")
    unknown = [code for code in value if code not in Language.values]
    if unknown:
        raise ValidationError(f"Unknown language codes: {', '.join(map(str, unknown))}.")


# English names that take "the": the Republic of Korea, the United States, the Kyrgyz Republic.
_ARTICLE_PREFIXES = (
    "Republic",
    "United ",
    "Democratic",
    "Federal",
    "Kingdom",
    "Russian",
    "State of",
)
_ARTICLE_SUFFIXES = (
    "Republic",
    "Federation",
    "Islands",
    "Emirates",
    "Netherlands",
    "Philippines",
    "Bahamas",
    "Maldives",
    "Gambia",
    "Comoros",
    "Seychelles",
)


class State(models.Model):
    """A country by its ISO 3166-1 code.

    ``name`` is the English name used in lists; names in other languages come from CLDR unless the
    forum's usage differs, in which case a ``StateName`` overrides it (the "Republic of Korea",
    never "South Korea").
    """

    code = models.CharField(
        max_length=2, unique=True, validators=[validate_iso_alpha2], help_text="ISO 3166-1 alpha-2"
    )
    alpha3 = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100, help_text="Short English name used in lists.")
    adjective = models.CharField(
        max_length=60, blank=True, help_text='The English adjective: "Tajik", "Kyrgyz".'
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"),
                name="state_code_upper",
                violation_error_message="The code must be two capital letters (ISO 3166-1 alpha-2).",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:state", kwargs={"code": self.code.lower()})

    @property
    def name_in_sentence(self) -> str:
        """The name as it stands after "of": "the Republic of Korea", but "Tajikistan"."""
        takes_article = self.name.startswith(_ARTICLE_PREFIXES) or self.name.endswith(
            _ARTICLE_SUFFIXES
        )
        return f"the {self.name}" if takes_article else self.name


class StateName(models.Model):
    """A state's name in one language where the forum's usage differs from CLDR's."""

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="names")
    language = models.CharField(max_length=8, choices=Language.choices)
    name = models.CharField(max_length=200, help_text="The short name used in lists.")
    official_name = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["state", "language"]
        constraints = [
            models.UniqueConstraint(fields=["state", "language"], name="statename_unique_language")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class Field(models.Model):
    """A field of cooperation: forestry, carbon neutrality, health, digitalization ..."""

    translatable_fields = ("name",)

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Forum(CitedModel):
    """A standing format in which a group of states meets, edition after edition."""

    translatable_fields = ("name", "short_name", "description")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=300, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    description = models.TextField(blank=True)
    established_on = models.DateField(null=True, blank=True)
    languages = models.JSONField(
        default=list,
        validators=[validate_languages],
        help_text='Working languages, e.g. ["en", "ru", "ko"].',
    )
    precedence = models.CharField(
        max_length=16, choices=Precedence.choices, default=Precedence.ENGLISH
    )
    host_first = models.BooleanField(
        default=False, help_text="In lists for one edition, put the host state first."
    )
    secretariat = models.ForeignKey(
        "people.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forums_served",
    )
    is_demo = models.BooleanField(
        default=False, help_text="Invented for trying Plenary out; not a real forum."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:forum", kwargs={"forum": self.slug})


class ForumName(models.Model):
    """Another name the forum goes by ("Central Asia–Republic of Korea Cooperation Forum")."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="other_names")
    name = models.CharField(max_length=300)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)

    class Meta:
        ordering = ["forum", "language", "name"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "name"], name="forumname_unique_per_forum")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(CitedModel):
    """A state's place in a forum from the day it joined (and until it left, if it did)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="memberships")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(
        max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    precedence_rank = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Position in the forum's own order, when it has one."
    )

    class Meta:
        ordering = ["forum", "state__name"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "state"], name="membership_unique_state"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
                violation_error_message="A state cannot leave a forum before it joined.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} in {self.forum}"

    def is_member_on(self, day: dt.date) -> bool:
        return (self.joined_on is None or self.joined_on <= day) and (
            self.left_on is None or day <= self.left_on
        )


class SideTrack(models.Model):
    """A track beside the forum itself: a business council, a think-tank forum."""

    translatable_fields = ("name", "description")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="side_tracks")
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=SideTrackKind.choices)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["forum", "name"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "name"], name="sidetrack_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Edition(CitedModel):
    """One numbered meeting of a forum (the 14th), with the cycle of meetings that prepares it."""

    translatable_fields = ("theme", "summary", "city", "venue")

    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="editions")
    number = models.PositiveSmallIntegerField()
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    city = models.CharField(max_length=120, blank=True)
    host_state = models.ForeignKey(
        State, null=True, blank=True, on_delete=models.PROTECT, related_name="editions_hosted"
    )
    chair_state = models.ForeignKey(
        State,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="editions_chaired",
        help_text="The state whose chairmanship this edition is.",
    )
    venue = models.CharField(max_length=300, blank=True)
    format = models.CharField(
        max_length=16, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    theme = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=16, choices=EditionStatus.choices, default=EditionStatus.PLANNED
    )
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["forum", "number"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "number"], name="edition_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="edition_number_positive",
                violation_error_message="Edition numbers start at 1.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="edition_end_after_start",
                violation_error_message="The edition cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{ordinal(self.number)} {self.forum.short_name or self.forum.name}"

    def get_absolute_url(self) -> str:
        return reverse("forums:edition", kwargs={"forum": self.forum.slug, "number": self.number})

    @property
    def ordinal(self) -> str:
        return ordinal(self.number)

    @property
    def is_upcoming(self) -> bool:
        return self.status in {EditionStatus.PLANNED, EditionStatus.CONFIRMED}


class CoChair(CitedModel):
    """Who co-chaired an edition for a state: a named person, an office, or both."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="co_chairs")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="co_chairs")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="co_chairs"
    )
    post = models.ForeignKey(
        "people.Post", null=True, blank=True, on_delete=models.PROTECT, related_name="co_chairs"
    )

    class Meta:
        ordering = ["edition", "pk"]
        verbose_name = "co-chair"
        constraints = [
            models.UniqueConstraint(fields=["edition", "state"], name="cochair_unique_state"),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(post__isnull=False),
                name="cochair_names_person_or_post",
                violation_error_message="Name the co-chair, the office, or both.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.post} ({self.state})"


class Decision(CitedModel):
    """What an edition decided, kept beside what later happened.

    The 14th Forum decided to hold the 15th in Seoul in 2022; the 15th met in Busan. The decision
    keeps Seoul; ``realized_by`` points at the 15th edition, so the difference can be shown.
    """

    translatable_fields = ("text", "city")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=16, choices=DecisionKind.choices)
    text = models.TextField(help_text="The decision in the secretariat's words.")
    city = models.CharField(max_length=120, blank=True)
    state = models.ForeignKey(
        State,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The host of the next edition, or the new member.",
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        help_text="The person appointed.",
    )
    post = models.ForeignKey(
        "people.Post", null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    unanimous = models.BooleanField(null=True, blank=True)
    realized_by = models.ForeignKey(
        Edition,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions_realized",
        help_text="The edition that carried out a decision on the next edition.",
    )

    class Meta:
        ordering = ["edition", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if (
            self.realized_by_id
            and self.edition_id
            and self.realized_by.forum_id != self.edition.forum_id
        ):
            raise ValidationError({"realized_by": "That edition belongs to another forum."})

    @property
    def differences(self) -> list[str]:
        """What the later edition did differently from the decision (city or year)."""
        actual = self.realized_by
        if actual is None:
            return []
        found = []
        if self.city and actual.city and self.city != actual.city:
            found.append(f"decided {self.city}, held in {actual.city}")
        if self.year and actual.start_date and self.year != actual.start_date.year:
            found.append(f"decided for {self.year}, held in {actual.start_date.year}")
        return found


class Milestone(CitedModel):
    """A date in the relationship: diplomatic relations, an anniversary, an upgrade of the forum."""

    translatable_fields = ("title", "description")

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField()
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    edition = models.ForeignKey(
        Edition, null=True, blank=True, on_delete=models.SET_NULL, related_name="milestones"
    )

    class Meta:
        ordering = ["forum", "date"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "title"], name="milestone_unique_title")
        ]

    def __str__(self) -> str:
        return self.title


def ordinal(number: int) -> str:
    """English ordinal: 1st, 2nd, 3rd, 11th, 14th, 22nd."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
