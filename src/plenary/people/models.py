"""People, the offices they hold over time, and the organizations they work for."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from plenary.common.enums import DatePrecision, Language
from plenary.common.models import CitedModel
from plenary.people.enums import RANK_LEVEL, NameKind, OrganizationKind, Rank


class Person(CitedModel):
    """A person, named in the form the record shows by default; other forms in ``names``."""

    name = models.CharField(max_length=200, help_text="The form shown by default (in English).")
    sort_name = models.CharField(max_length=200, blank=True)
    slug = models.SlugField(max_length=200, unique=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:person", kwargs={"slug": self.slug})


class PersonName(models.Model):
    """Another way the person's name is written: another script, transliteration or spelling."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    language = models.CharField(max_length=8, choices=Language.choices, blank=True)
    kind = models.CharField(max_length=20, choices=NameKind.choices, default=NameKind.ALIAS)

    class Meta:
        ordering = ["person", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="personname_unique_per_person")
        ]

    def __str__(self) -> str:
        return self.name


class Organization(CitedModel):
    """A ministry, agency, institute or secretariat (KOICA, KazAID, the Forum's Secretariat)."""

    translatable_fields = ("name",)

    name = models.CharField(max_length=300)
    short_name = models.CharField(max_length=50, blank=True)
    kind = models.CharField(max_length=20, choices=OrganizationKind.choices)
    state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        help_text="The state it belongs to; empty for international bodies.",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    url = models.URLField(blank=True)
    city = models.CharField(max_length=120, blank=True, help_text="Where it sits.")
    founded_on = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="organization_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class Post(CitedModel):
    """An office, such as the Foreign Minister of Tajikistan, whoever holds it.

    The record can name an office without a known holder ("the Foreign Minister of Kyrgyzstan")
    so that no name is ever invented.
    """

    title = models.CharField(max_length=300, help_text='e.g. "Minister of Foreign Affairs"')
    state = models.ForeignKey(
        "forums.State", null=True, blank=True, on_delete=models.PROTECT, related_name="posts"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="posts"
    )
    rank = models.CharField(max_length=32, choices=Rank.choices)

    class Meta:
        ordering = ["state__name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "state", "organization"], name="post_unique_title_per_office"
            )
        ]

    def __str__(self) -> str:
        if self.state_id:
            return f"{self.title} of {self.state.name_in_sentence}"
        if self.organization_id:
            return f"{self.title}, {self.organization.short_name or self.organization.name}"
        return self.title

    @property
    def rank_level(self) -> int:
        return RANK_LEVEL[self.rank]


class Tenure(CitedModel):
    """A person in a post from a date to a date (open while ``end`` is empty)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tenures")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="tenures")
    start = models.DateField(null=True, blank=True)
    start_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end = models.DateField(null=True, blank=True)
    end_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )

    class Meta:
        ordering = ["person", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="tenure_end_after_start",
                violation_error_message="A tenure cannot end before it starts.",
            ),
            models.UniqueConstraint(fields=["person", "post", "start"], name="tenure_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.person} as {self.post}"
