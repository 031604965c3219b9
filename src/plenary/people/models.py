"""People, the offices they hold over time, and the organizations they work for."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.common.enums import DatePrecision, Language
from plenary.common.models import CitedModel
from plenary.people.enums import RANK_LEVEL, NameKind, OrganizationKind, Rank


class Person(CitedModel):
    """A person, named in the form the record shows by default; other forms in ``names``."""

    name = models.CharField(
        pgettext_lazy("person", "name"),
        max_length=200,
        help_text=_("The form shown by default (in English)."),
    )
    sort_name = models.CharField(_("sort name"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:person", kwargs={"slug": self.slug})


class PersonName(models.Model):
    """Another way the person's name is written: another script, transliteration or spelling."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="names", verbose_name=_("person")
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=NameKind.choices, default=NameKind.ALIAS
    )

    class Meta:
        ordering = ["person", "kind", "name"]
        verbose_name = _("person name")
        verbose_name_plural = _("person names")
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="personname_unique_per_person")
        ]

    def __str__(self) -> str:
        return self.name


class Organization(CitedModel):
    """A ministry, agency, institute or secretariat (KOICA, KazAID, the Forum's Secretariat)."""

    translatable_fields = ("name",)

    name = models.CharField(pgettext_lazy("organization", "name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        verbose_name=_("state"),
        help_text=_("The state it belongs to; empty for international bodies."),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("parent"),
    )
    url = models.URLField(_("url"), blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True, help_text=_("Where it sits."))
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [models.UniqueConstraint(fields=["name"], name="organization_unique_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class Post(CitedModel):
    """An office, such as the Foreign Minister of Tajikistan, whoever holds it.

    The record can name an office without a known holder ("the Foreign Minister of Kyrgyzstan")
    so that no name is ever invented.
    """

    title = models.CharField(
        pgettext_lazy("post", "title"),
        max_length=300,
        help_text=_('e.g. "Minister of Foreign Affairs"'),
    )
    state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
        verbose_name=_("state"),
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
        verbose_name=_("organization"),
    )
    rank = models.CharField(_("rank"), max_length=32, choices=Rank.choices)

    class Meta:
        ordering = ["state__name", "title"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(
                fields=["title", "state", "organization"], name="post_unique_title_per_office"
            )
        ]

    def __str__(self) -> str:
        """``Minister of Foreign Affairs of the Republic of Korea``; in another language the
        state's or organization's name in that language (the title is the record's)."""
        language = get_language() or "en"
        if self.state_id:
            if language == "en":
                return f"{self.title} of {self.state.name_in_sentence}"
            from plenary.forums.naming import state_name

            return gettext("%(title)s of %(state)s") % {
                "title": self.title,
                "state": state_name(self.state, language),
            }
        if self.organization_id:
            organization = self.organization
            if language != "en" and not organization.short_name:
                from plenary.common.translations import localized

                return f"{self.title}, {localized(organization, 'name', language).text}"
            return f"{self.title}, {organization.short_name or organization.name}"
        return self.title

    @property
    def rank_level(self) -> int:
        return RANK_LEVEL[self.rank]


class Tenure(CitedModel):
    """A person in a post from a date to a date (open while ``end`` is empty)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="tenures", verbose_name=_("person")
    )
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="tenures", verbose_name=_("post")
    )
    start = models.DateField(_("start"), null=True, blank=True)
    start_precision = models.CharField(
        _("start precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    end = models.DateField(_("end"), null=True, blank=True)
    end_precision = models.CharField(
        _("end precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )

    class Meta:
        ordering = ["person", "-start"]
        verbose_name = _("tenure")
        verbose_name_plural = _("tenures")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="tenure_end_after_start",
                violation_error_message=_("A tenure cannot end before it starts."),
            ),
            models.UniqueConstraint(fields=["person", "post", "start"], name="tenure_unique_start"),
        ]

    def __str__(self) -> str:
        return gettext("%(person)s as %(post)s") % {"person": self.person, "post": self.post}
