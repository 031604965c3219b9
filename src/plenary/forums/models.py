"""Forums, the states that belong to them, their numbered editions and what they decided."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

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
        raise ValidationError(
            gettext("%(value)s is not an ISO 3166-1 alpha-2 country code.") % {"value": repr(value)}
        )


def validate_languages(value: list) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(gettext("Give at least one working language."))
    unknown = [code for code in value if code not in Language.values]
    if unknown:
        raise ValidationError(
            gettext("Unknown language codes: %(codes)s.") % {"codes": ", ".join(map(str, unknown))}
        )


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
        _("code"),
        max_length=2,
        unique=True,
        validators=[validate_iso_alpha2],
        help_text=_("ISO 3166-1 alpha-2"),
    )
    alpha3 = models.CharField(_("alpha3"), max_length=3, unique=True)
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Short English name used in lists.")
    )
    adjective = models.CharField(
        _("adjective"),
        max_length=60,
        blank=True,
        help_text=_('The English adjective: "Tajik", "Kyrgyz".'),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("state")
        verbose_name_plural = _("states")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"),
                name="state_code_upper",
                violation_error_message=_(
                    "The code must be two capital letters (ISO 3166-1 alpha-2)."
                ),
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

    state = models.ForeignKey(
        State, on_delete=models.CASCADE, related_name="names", verbose_name=_("state")
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    name = models.CharField(_("name"), max_length=200, help_text=_("The short name used in lists."))
    official_name = models.CharField(_("official name"), max_length=300, blank=True)

    class Meta:
        ordering = ["state", "language"]
        verbose_name = _("state name")
        verbose_name_plural = _("state names")
        constraints = [
            models.UniqueConstraint(fields=["state", "language"], name="statename_unique_language")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class Field(models.Model):
    """A field of cooperation: forestry, carbon neutrality, health, digitalization ..."""

    translatable_fields = ("name",)

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = pgettext_lazy("field of cooperation", "field")
        verbose_name_plural = pgettext_lazy("field of cooperation", "fields")

    def __str__(self) -> str:
        return self.name


class Forum(CitedModel):
    """A standing format in which a group of states meets, edition after edition."""

    translatable_fields = ("name", "short_name", "description")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    languages = models.JSONField(
        _("languages"),
        default=list,
        validators=[validate_languages],
        help_text=_('Working languages, e.g. ["en", "ru", "ko"].'),
    )
    precedence = models.CharField(
        _("precedence"), max_length=16, choices=Precedence.choices, default=Precedence.ENGLISH
    )
    host_first = models.BooleanField(
        _("host first"),
        default=False,
        help_text=_("In lists for one edition, put the host state first."),
    )
    secretariat = models.ForeignKey(
        "people.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forums_served",
        verbose_name=_("secretariat"),
    )
    is_demo = models.BooleanField(
        _("is demo"),
        default=False,
        help_text=_("Invented for trying Plenary out; not a real forum."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:forum", kwargs={"forum": self.slug})


class ForumName(models.Model):
    """Another name the forum goes by ("Central Asia–Republic of Korea Cooperation Forum")."""

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="other_names", verbose_name=_("forum")
    )
    name = models.CharField(_("name"), max_length=300)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )

    class Meta:
        ordering = ["forum", "language", "name"]
        verbose_name = _("forum name")
        verbose_name_plural = _("forum names")
        constraints = [
            models.UniqueConstraint(fields=["forum", "name"], name="forumname_unique_per_forum")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(CitedModel):
    """A state's place in a forum from the day it joined (and until it left, if it did)."""

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("forum")
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("state")
    )
    role = models.CharField(
        pgettext_lazy("membership", "role"),
        max_length=16,
        choices=MembershipRole.choices,
        default=MembershipRole.MEMBER,
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    precedence_rank = models.PositiveSmallIntegerField(
        _("precedence rank"),
        null=True,
        blank=True,
        help_text=_("Position in the forum's own order, when it has one."),
    )

    class Meta:
        ordering = ["forum", "state__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["forum", "state"], name="membership_unique_state"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
                violation_error_message=_("A state cannot leave a forum before it joined."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} in {self.forum}"

    @property
    def display_name(self) -> str:
        """``__str__`` in the reader's language (``__str__`` stays English for the audit log)."""
        from plenary.common.translations import localized
        from plenary.forums.naming import state_name

        language = translation.get_language() or "en"
        return gettext("%(state)s in %(forum)s") % {
            "state": state_name(self.state, language),
            "forum": localized(self.forum, "name").text,
        }

    def is_member_on(self, day: dt.date) -> bool:
        return (self.joined_on is None or self.joined_on <= day) and (
            self.left_on is None or day <= self.left_on
        )


class SideTrack(models.Model):
    """A track beside the forum itself: a business council, a think-tank forum."""

    translatable_fields = ("name", "description")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="side_tracks", verbose_name=_("forum")
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=SideTrackKind.choices)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["forum", "name"]
        verbose_name = _("side track")
        verbose_name_plural = _("side tracks")
        constraints = [
            models.UniqueConstraint(fields=["forum", "name"], name="sidetrack_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Edition(CitedModel):
    """One numbered meeting of a forum (the 14th), with the cycle of meetings that prepares it."""

    translatable_fields = ("theme", "summary", "city", "venue")

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="editions", verbose_name=_("forum")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    host_state = models.ForeignKey(
        State,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="editions_hosted",
        verbose_name=_("host state"),
    )
    chair_state = models.ForeignKey(
        State,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="editions_chaired",
        verbose_name=_("chair state"),
        help_text=_("The state whose chairmanship this edition is."),
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    format = models.CharField(
        _("format"), max_length=16, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    theme = models.CharField(_("theme"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EditionStatus.choices, default=EditionStatus.PLANNED
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["forum", "number"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(fields=["forum", "number"], name="edition_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="edition_number_positive",
                violation_error_message=_("Edition numbers start at 1."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="edition_end_after_start",
                violation_error_message=_("The edition cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        # English whatever the reader's language: the back office's lists and the audit log.
        return f"{ordinal(self.number)} {self.forum.short_name or self.forum.name}"

    def get_absolute_url(self) -> str:
        return reverse("forums:edition", kwargs={"forum": self.forum.slug, "number": self.number})

    @property
    def ordinal(self) -> str:
        """The number as the reader's language writes it before "edition": ``14th``, ``14-й``,
        ``제14차``. ``_("%(ordinal)s edition")`` reads "14-й форум", "제14차 포럼"."""
        return local_ordinal(self.number)

    @property
    def ordinal_genitive(self) -> str:
        """The ordinal in the genitive, where the language declines it: ``14th``, ``14-го``
        ("Программа 14-го форума"), ``제14차``."""
        return local_ordinal(self.number, genitive=True)

    def name_in(self, language: str | None = None, *, short: bool = False) -> str:
        """``14th Korea–Central Asia Cooperation Forum``, ``14-й Форум сотрудничества
        «Республика Корея – Центральная Азия»``, ``제14차 한-중앙아 협력 포럼``: the ordinal and
        the forum's name (its short name with ``short``, when it has one) in ``language``, the
        reader's when not given."""
        from plenary.common.translations import localized

        language = language or translation.get_language() or "en"
        forum = self.forum
        field = "short_name" if short and forum.short_name else "name"
        with translation.override(language):
            number = local_ordinal(self.number)
        return f"{number} {localized(forum, field, language).text}"

    @property
    def display_name(self) -> str:
        """The edition's name in the reader's language (``name_in``)."""
        return self.name_in()

    @property
    def short_display_name(self) -> str:
        """``14th Korea–Central Asia Forum``: the edition with the forum's short name."""
        return self.name_in(short=True)

    @property
    def is_upcoming(self) -> bool:
        return self.status in {EditionStatus.PLANNED, EditionStatus.CONFIRMED}


class CoChair(CitedModel):
    """Who co-chaired an edition for a state: a named person, an office, or both."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="co_chairs", verbose_name=_("edition")
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="co_chairs", verbose_name=_("state")
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="co_chairs",
        verbose_name=_("person"),
    )
    post = models.ForeignKey(
        "people.Post",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="co_chairs",
        verbose_name=_("post"),
    )

    class Meta:
        ordering = ["edition", "pk"]
        verbose_name = _("co-chair")
        verbose_name_plural = _("co-chairs")
        constraints = [
            models.UniqueConstraint(fields=["edition", "state"], name="cochair_unique_state"),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(post__isnull=False),
                name="cochair_names_person_or_post",
                violation_error_message=_("Name the co-chair, the office, or both."),
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

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("edition")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DecisionKind.choices)
    text = models.TextField(_("text"), help_text=_("The decision in the secretariat's words."))
    city = models.CharField(_("city"), max_length=120, blank=True)
    state = models.ForeignKey(
        State,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("state"),
        help_text=_("The host of the next edition, or the new member."),
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("person"),
        help_text=_("The person appointed."),
    )
    post = models.ForeignKey(
        "people.Post",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("post"),
    )
    unanimous = models.BooleanField(_("unanimous"), null=True, blank=True)
    realized_by = models.ForeignKey(
        Edition,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions_realized",
        verbose_name=_("realized by"),
        help_text=_("The edition that carried out a decision on the next edition."),
    )

    class Meta:
        ordering = ["edition", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if (
            self.realized_by_id
            and self.edition_id
            and self.realized_by.forum_id != self.edition.forum_id
        ):
            raise ValidationError(
                {"realized_by": gettext("That edition belongs to another forum.")}
            )

    @property
    def differences(self) -> list[str]:
        """What the later edition did differently from the decision (city or year), in the
        reader's language."""
        from plenary.common.translations import localized

        actual = self.realized_by
        if actual is None:
            return []
        found = []
        if self.city and actual.city and self.city != actual.city:
            found.append(
                gettext("decided %(decided)s, held in %(held)s")
                % {
                    "decided": localized(self, "city").text,
                    "held": localized(actual, "city").text,
                }
            )
        if self.year and actual.start_date and self.year != actual.start_date.year:
            found.append(
                gettext("decided for %(decided)s, held in %(held)s")
                % {"decided": self.year, "held": actual.start_date.year}
            )
        return found


class Milestone(CitedModel):
    """A date in the relationship: diplomatic relations, an anniversary, an upgrade of the forum."""

    translatable_fields = ("title", "description")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("forum")
    )
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    edition = models.ForeignKey(
        Edition,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
        verbose_name=_("edition"),
    )

    class Meta:
        ordering = ["forum", "date"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(fields=["forum", "title"], name="milestone_unique_title")
        ]

    def __str__(self) -> str:
        return self.title


def _english_suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def ordinal(number: int) -> str:
    """English ordinal: 1st, 2nd, 3rd, 11th, 14th, 22nd."""
    return f"{number}{_english_suffix(number)}"


def local_ordinal(number: int, *, genitive: bool = False) -> str:
    """The ordinal of an edition in the active language: ``14th``, ``14-й`` (``14-го`` in the
    genitive), ``제14차``. The forms come from the catalogues, one per English suffix, so that a
    language added later brings its own."""
    suffix = _english_suffix(number)
    if genitive:
        # Translators: the ordinal of an edition in the genitive ("Программа 14-го форума"),
        # for an English number ending in "st"; write the form the language needs.
        forms = {
            "st": pgettext("edition ordinal, genitive", "%(number)sst"),
            "nd": pgettext("edition ordinal, genitive", "%(number)snd"),
            "rd": pgettext("edition ordinal, genitive", "%(number)srd"),
            "th": pgettext("edition ordinal, genitive", "%(number)sth"),
        }
    else:
        # Translators: the ordinal of an edition ("14th edition" → "14-й форум", "제14차 포럼"),
        # one message per English suffix; write the form the language needs.
        forms = {
            "st": pgettext("edition ordinal", "%(number)sst"),
            "nd": pgettext("edition ordinal", "%(number)snd"),
            "rd": pgettext("edition ordinal", "%(number)srd"),
            "th": pgettext("edition ordinal", "%(number)sth"),
        }
    return forms[suffix] % {"number": number}
