"""Sources, citations and the audit log: the record-keeping under every other app."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models

from plenary.common.enums import Language


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Source(TimeStampedModel):
    """A published text that facts are taken from: a press release, a news report, a document."""

    class Kind(models.TextChoices):
        PRESS_RELEASE = "press_release", "press release"
        NEWS_REPORT = "news_report", "news report"
        OFFICIAL_DOCUMENT = "official_document", "official document"
        WEBSITE = "website", "website"
        OTHER = "other", "other"

    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.NEWS_REPORT)
    url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    notes = models.TextField(blank=True, help_text="What the source is and how far to trust it.")

    class Meta:
        ordering = ["-published_on", "title"]
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

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(
        max_length=64, blank=True, help_text="The field the source speaks of; empty for the whole."
    )
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    claim = models.TextField(blank=True, help_text="What the source says, where it differs.")
    locator = models.CharField(
        max_length=200, blank=True, help_text="Where in the source: a paragraph, a page."
    )
    note = models.TextField(blank=True)
    settled = models.BooleanField(
        default=False, help_text="The secretariat has weighed this claim against the others."
    )

    class Meta:
        ordering = ["content_type", "object_id", "field", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "source", "claim"],
                name="citation_unique_claim_per_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} on {self.content_type.model} #{self.object_id} {self.field}".strip()


class AuditEntry(models.Model):
    """One step in the record: a dotted action (``documents.version.adopted``), who and when."""

    action = models.CharField(max_length=200, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="audit_entries"
    )
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.action} on {self.content_type.model} #{self.object_id}"


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

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    field = models.CharField(max_length=64)
    language = models.CharField(max_length=8, help_text="An interface language: ru, ko, kk ...")
    text = models.TextField()

    class Meta:
        ordering = ["content_type", "object_id", "field", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translation_unique_per_language",
                violation_error_message="This field already has a translation in this language.",
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="translation_not_empty",
                violation_error_message="A translation cannot be empty.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} #{self.object_id} {self.field} [{self.language}]"
