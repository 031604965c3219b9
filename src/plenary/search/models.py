"""The search index: one entry per indexed record and language.

An entry holds the text of one record (an edition, a meeting, a statement, an adopted document, a
person, a project) in one language: the English record, or the Russian or Korean translations of
its fields, name forms and state names. Entries are written only by ``indexing`` and read only by
``backends``; the full-text index beside the table is the database's own (an FTS5 table on SQLite,
a ``tsvector`` column with a GIN index on PostgreSQL, both made by migration ``0002``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.search.enums import SearchKind


class SearchEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=SearchKind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    forum = models.ForeignKey(
        "forums.Forum",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The forum the record belongs to; empty for people.",
    )
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=1000)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(max_length=500)
    public = models.BooleanField(
        default=True,
        help_text="Shown on the public search page. Confidential records (drafts under "
        "negotiation) are not indexed at all.",
    )

    class Meta:
        ordering = ["content_type", "object_id", "language"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                name="searchentry_unique_language",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id} [{self.language}]: {self.title}"
