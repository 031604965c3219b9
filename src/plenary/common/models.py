"""Sources, citations and the audit log: the record-keeping under every other app."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.common.enums import Language


def model_name(content_type: ContentType) -> str:
    """The kind of a record as the back office names it: ``edition`` (the model's own name) in
    English, the model's name in the reader's language otherwise (``очередной форум``)."""
    if (get_language() or "en") == "en":
        return content_type.model
    return str(content_type.name)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Source(TimeStampedModel):
    """A published text that facts are taken from: a press release, a news report, a document."""

    class Kind(models.TextChoices):
        PRESS_RELEASE = "press_release", _("press release")
        NEWS_REPORT = "news_report", _("news report")
        OFFICIAL_DOCUMENT = "official_document", _("official document")
        WEBSITE = "website", _("website")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"), max_length=32, choices=Kind.choices, default=Kind.NEWS_REPORT
    )
    url = models.URLField(_("url"), max_length=1000, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("What the source is and how far to trust it.")
    )

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(fields=["title", "publisher"], name="source_unique_title")
        ]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}" if self.publisher else self.title


class Citation(models.Model):
    """A source's word on one recorded fact.

    With an empty ``claim`` the source supports the fact as recorded. With a ``claim`` it states
    what the source says when that may differ from the record (the 8th Forum "in Jeju" in one report,
    "in Seoul" in another). Citations of one object and field whose claims differ are a conflict,
    shown to readers until the secretariat settles it.
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        pgettext_lazy("record field", "field"),
        max_length=64,
        blank=True,
        help_text=_("The field the source speaks of; empty for the whole."),
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    claim = models.TextField(
        _("claim"), blank=True, help_text=_("What the source says, where it differs.")
    )
    locator = models.CharField(
        _("locator"),
        max_length=200,
        blank=True,
        help_text=_("Where in the source: a paragraph, a page."),
    )
    note = models.TextField(_("note"), blank=True)
    settled = models.BooleanField(
        _("settled"),
        default=False,
        help_text=_("The secretariat has weighed this claim against the others."),
    )

    class Meta:
        ordering = ["content_type", "object_id", "field", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "source", "claim"],
                name="citation_unique_claim_per_source",
            )
        ]

    def __str__(self) -> str:
        return (
            gettext("%(source)s on %(model)s #%(id)s %(field)s")
            % {
                "source": self.source,
                "model": model_name(self.content_type),
                "id": self.object_id,
                "field": self.field,
            }
        ).strip()


class AuditEntry(models.Model):
    """One step in the record: a dotted action (``documents.version.adopted``), who and when."""

    action = models.CharField(_("action"), max_length=200, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
        verbose_name=_("actor"),
    )
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        related_name="audit_entries",
        verbose_name=_("content type"),
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    subject = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("data"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return gettext("%(action)s on %(model)s #%(id)s") % {
            "action": self.action,
            "model": model_name(self.content_type),
            "id": self.object_id,
        }


class CitedModel(TimeStampedModel):
    """A model whose facts can cite sources."""

    citations = GenericRelation(Citation)

    class Meta:
        abstract = True


class Translation(models.Model):
    """One field of one record in another language: the 14th Forum's theme in Russian, a
    meeting's title in Korean.

    The record is written in English; a model lists the fields that may be translated in
    ``translatable_fields``. Any language of the installation may be used, so a new member-state
    language needs no change of code. Pages show the translation in the reader's language and
    mark the English text where none is recorded (``common.translations.localized``).
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(pgettext_lazy("record field", "field"), max_length=64)
    language = models.CharField(
        _("language"), max_length=8, help_text=_("An interface language: ru, ko, kk ...")
    )
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["content_type", "object_id", "field", "language"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translation_unique_per_language",
                violation_error_message=_("This field already has a translation in this language."),
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="translation_not_empty",
                violation_error_message=_("A translation cannot be empty."),
            ),
        ]

    def __str__(self) -> str:
        return f"{model_name(self.content_type)} #{self.object_id} {self.field} [{self.language}]"
