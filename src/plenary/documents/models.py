"""Outcome documents: their versions, language versions, positions, silence and adoption.

The drafting workflow itself lives in ``drafting.py``; these tables hold its state. The text of an
adopted version is also frozen by database triggers (see the ``freeze_adopted_text`` migration).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.common.enums import Language
from plenary.common.models import CitedModel, TimeStampedModel
from plenary.documents.enums import (
    CONFIDENTIAL_STATUSES,
    AdoptionMethod,
    DocumentStatus,
    PositionKind,
    SilenceOutcome,
    VersionStatus,
)


class DocumentKind(models.Model):
    """An editable list: Joint Statement, Work Plan, Declaration, Chair's Summary ..."""

    name = models.CharField(pgettext_lazy("document kind", "name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("document kind")
        verbose_name_plural = _("document kinds")

    def __str__(self) -> str:
        return self.name


class OutcomeDocument(CitedModel):
    """A text negotiated between delegations and adopted (or not) by a forum.

    For past editions the full text is often not in the sources: ``summary`` then says what the
    reports say of its content, and no language version is made up.
    """

    forum = models.ForeignKey(
        "forums.Forum",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("forum"),
    )
    edition = models.ForeignKey(
        "forums.Edition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("edition"),
    )
    kind = models.ForeignKey(
        DocumentKind, on_delete=models.PROTECT, related_name="documents", verbose_name=_("kind")
    )
    title = models.CharField(_("title"), max_length=500)
    symbol = models.CharField(_("symbol"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    pen_holder_state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pen holder state"),
        help_text=_("The state holding the pen; empty when the secretariat holds it."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_at = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents_adopted",
        verbose_name=_("adopted at"),
    )
    adoption_method = models.CharField(
        _("adoption method"), max_length=16, choices=AdoptionMethod.choices, blank=True
    )
    is_demo = models.BooleanField(
        _("is demo"),
        default=False,
        help_text=_("A made-up text for trying the drafting workflow."),
    )

    class Meta:
        ordering = ["forum", "edition", "kind", "title"]
        verbose_name = _("outcome document")
        verbose_name_plural = _("outcome documents")
        constraints = [
            models.UniqueConstraint(fields=["forum", "title"], name="document_unique_title"),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.ADOPTED)
                | (Q(adopted_on__isnull=False) & ~Q(adoption_method="")),
                name="document_adopted_has_date_and_method",
                violation_error_message=_(
                    "An adopted document needs the date and the manner of its adoption."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:document", kwargs={"forum": self.forum.slug, "pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.edition_id and self.forum_id and self.edition.forum_id != self.forum_id:
            errors["edition"] = gettext("That edition belongs to another forum.")
        if (
            self.adopted_at_id
            and self.forum_id
            and self.adopted_at.edition.forum_id != self.forum_id
        ):
            errors["adopted_at"] = gettext("That meeting belongs to another forum.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_confidential(self) -> bool:
        """Drafts are for the member states and the secretariat only, until adopted."""
        return self.status in CONFIDENTIAL_STATUSES

    @property
    def is_adopted(self) -> bool:
        return self.status == DocumentStatus.ADOPTED


class DocumentVersion(TimeStampedModel):
    document = models.ForeignKey(
        OutcomeDocument,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("document"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    comments_due = models.DateTimeField(_("comments due"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_unique_number"),
        ]

    def __str__(self) -> str:
        return gettext("%(document)s — version %(number)s") % {
            "document": self.document,
            "number": self.number,
        }


class LanguageVersion(models.Model):
    """One language of a version; once adopted, every language is equally authentic."""

    version = models.ForeignKey(
        DocumentVersion,
        on_delete=models.CASCADE,
        related_name="languages",
        verbose_name=pgettext_lazy("document", "version"),
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    title = models.CharField(_("title"), max_length=500)

    class Meta:
        ordering = ["version", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="languageversion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.language}]"


class Paragraph(models.Model):
    """A numbered paragraph; paragraphs of one number are aligned across languages."""

    language_version = models.ForeignKey(
        LanguageVersion,
        on_delete=models.CASCADE,
        related_name="paragraphs",
        verbose_name=_("language version"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        help_text=_("Raised on every edit, so that concurrent edits are detected."),
    )

    class Meta:
        ordering = ["language_version", "number"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(
                fields=["language_version", "number"], name="paragraph_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"¶{self.number}"


class Position(TimeStampedModel):
    """A delegation's position on a version: agreed, ad referendum, reservation or objection."""

    version = models.ForeignKey(
        DocumentVersion,
        on_delete=models.CASCADE,
        related_name="positions",
        verbose_name=pgettext_lazy("document", "version"),
    )
    state = models.ForeignKey(
        "forums.State", on_delete=models.PROTECT, related_name="+", verbose_name=_("state")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PositionKind.choices)
    paragraphs = models.CharField(
        _("paragraphs"),
        max_length=200,
        blank=True,
        help_text=_("Paragraph numbers a reservation applies to."),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["version", "state__name"]
        verbose_name = pgettext_lazy("delegation's position", "position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(fields=["version", "state"], name="position_unique_state"),
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.get_kind_display()}"


class Comment(TimeStampedModel):
    """A delegation's comment on a paragraph, with an amendment if it proposes one."""

    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="comments", verbose_name=_("paragraph")
    )
    state = models.ForeignKey(
        "forums.State", on_delete=models.PROTECT, related_name="+", verbose_name=_("state")
    )
    text = models.TextField(_("text"), blank=True)
    proposed_text = models.TextField(_("proposed text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    accepted_in = models.ForeignKey(
        DocumentVersion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_comments",
        verbose_name=_("accepted in"),
        help_text=_("The version whose text took in this amendment."),
    )

    class Meta:
        ordering = ["paragraph", "created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(proposed_text=""),
                name="comment_not_empty",
                violation_error_message=_("Write a comment or propose a text."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(state)s on %(paragraph)s") % {
            "state": self.state,
            "paragraph": self.paragraph,
        }

    @property
    def is_accepted(self) -> bool:
        return self.accepted_in_id is not None


class SilenceProcedure(TimeStampedModel):
    """Adoption unless a delegation breaks silence in writing before ``deadline``."""

    version = models.ForeignKey(
        DocumentVersion,
        on_delete=models.CASCADE,
        related_name="silence_procedures",
        verbose_name=pgettext_lazy("document", "version"),
    )
    deadline = models.DateTimeField(_("deadline"))
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=SilenceOutcome.choices, default=SilenceOutcome.OPEN
    )
    broken_by = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("broken by"),
    )
    broken_at = models.DateTimeField(_("broken at"), null=True, blank=True)
    break_reason = models.TextField(_("break reason"), blank=True)

    class Meta:
        ordering = ["version", "-deadline"]
        verbose_name = _("silence procedure")
        verbose_name_plural = _("silence procedures")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=SilenceOutcome.BROKEN)
                | (Q(broken_by__isnull=False) & Q(broken_at__isnull=False)),
                name="silence_broken_has_state_and_time",
                violation_error_message=_(
                    "A broken silence needs the delegation that broke it and when."
                ),
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(outcome=SilenceOutcome.OPEN),
                name="silence_one_open_per_version",
                violation_error_message=_("A silence procedure is already open on this version."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Silence on %(version)s until %(deadline)s") % {
            "version": self.version,
            "deadline": f"{self.deadline:%Y-%m-%d %H:%M %Z}",
        }


class AdoptionConsent(TimeStampedModel):
    """A state's consent, through its head of delegation, to a document adopted at a meeting."""

    document = models.ForeignKey(
        OutcomeDocument,
        on_delete=models.CASCADE,
        related_name="adoption_consents",
        verbose_name=_("document"),
    )
    version = models.ForeignKey(
        DocumentVersion,
        on_delete=models.CASCADE,
        related_name="adoption_consents",
        verbose_name=pgettext_lazy("document", "version"),
    )
    state = models.ForeignKey(
        "forums.State", on_delete=models.PROTECT, related_name="+", verbose_name=_("state")
    )
    delegation = models.ForeignKey(
        "meetings.Delegation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoption_consents",
        verbose_name=_("delegation"),
        help_text=_("The delegation whose head consented, when the meeting's record has it."),
    )

    class Meta:
        ordering = ["document", "state__name"]
        verbose_name = _("adoption consent")
        verbose_name_plural = _("adoption consents")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "state"],
                name="adoptionconsent_unique_state",
                violation_error_message=_(
                    "This state's consent to the document is already recorded."
                ),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(state)s consents to %(document)s") % {
            "state": self.state,
            "document": self.document,
        }


class DelegationNote(TimeStampedModel):
    """A delegation's internal note on a document: for its own state only, never for another."""

    document = models.ForeignKey(
        OutcomeDocument,
        on_delete=models.CASCADE,
        related_name="delegation_notes",
        verbose_name=_("document"),
    )
    state = models.ForeignKey(
        "forums.State", on_delete=models.PROTECT, related_name="+", verbose_name=_("state")
    )
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )

    class Meta:
        ordering = ["document", "state__name", "created_at", "pk"]
        verbose_name = _("delegation note")
        verbose_name_plural = _("delegation notes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="delegationnote_not_empty",
                violation_error_message=_("Write the note."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Note of %(state)s on %(document)s") % {
            "state": self.state,
            "document": self.document,
        }
