"""Outcome documents: their versions, language versions, positions, silence and adoption.

The drafting workflow itself lives in ``drafting.py``; these tables hold its state. The text of an
adopted version is also frozen by database triggers (see the ``freeze_adopted_text`` migration).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

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

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OutcomeDocument(CitedModel):
    """A text negotiated between delegations and adopted (or not) by a forum.

    For past editions the full text is often not in the sources: ``summary`` then says what the
    reports say of its content, and no language version is made up.
    """

    forum = models.ForeignKey("forums.Forum", on_delete=models.PROTECT, related_name="documents")
    edition = models.ForeignKey(
        "forums.Edition", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.ForeignKey(DocumentKind, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=500)
    symbol = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    summary = models.TextField(blank=True)
    pen_holder_state = models.ForeignKey(
        "forums.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The state holding the pen; empty when the secretariat holds it.",
    )
    adopted_on = models.DateField(null=True, blank=True)
    adopted_at = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents_adopted",
    )
    adoption_method = models.CharField(max_length=16, choices=AdoptionMethod.choices, blank=True)
    is_demo = models.BooleanField(
        default=False, help_text="A made-up text for trying the drafting workflow."
    )

    class Meta:
        ordering = ["forum", "edition", "kind", "title"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "title"], name="document_unique_title"),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.ADOPTED)
                | (Q(adopted_on__isnull=False) & ~Q(adoption_method="")),
                name="document_adopted_has_date_and_method",
                violation_error_message="An adopted document needs the date and the manner of its adoption.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:document", kwargs={"forum": self.forum.slug, "pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.edition_id and self.forum_id and self.edition.forum_id != self.forum_id:
            errors["edition"] = "That edition belongs to another forum."
        if (
            self.adopted_at_id
            and self.forum_id
            and self.adopted_at.edition.forum_id != self.forum_id
        ):
            errors["adopted_at"] = "That meeting belongs to another forum."
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
    document = models.ForeignKey(OutcomeDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    circulated_at = models.DateTimeField(null=True, blank=True)
    comments_due = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.document} — version {self.number}"


class LanguageVersion(models.Model):
    """One language of a version; once adopted, every language is equally authentic."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(max_length=8, choices=Language.choices)
    title = models.CharField(max_length=500)

    class Meta:
        ordering = ["version", "language"]
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="languageversion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.language}]"


class Paragraph(models.Model):
    """A numbered paragraph; paragraphs of one number are aligned across languages."""

    language_version = models.ForeignKey(
        LanguageVersion, on_delete=models.CASCADE, related_name="paragraphs"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    revision = models.PositiveIntegerField(
        default=1, help_text="Raised on every edit, so that concurrent edits are detected."
    )

    class Meta:
        ordering = ["language_version", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["language_version", "number"], name="paragraph_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"¶{self.number}"


class Position(TimeStampedModel):
    """A delegation's position on a version: agreed, ad referendum, reservation or objection."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="positions")
    state = models.ForeignKey("forums.State", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=PositionKind.choices)
    paragraphs = models.CharField(
        max_length=200, blank=True, help_text="Paragraph numbers a reservation applies to."
    )
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["version", "state__name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "state"], name="position_unique_state"),
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.get_kind_display()}"


class Comment(TimeStampedModel):
    """A delegation's comment on a paragraph, with an amendment if it proposes one."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="comments")
    state = models.ForeignKey("forums.State", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True)
    proposed_text = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_in = models.ForeignKey(
        DocumentVersion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_comments",
        help_text="The version whose text took in this amendment.",
    )

    class Meta:
        ordering = ["paragraph", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(proposed_text=""),
                name="comment_not_empty",
                violation_error_message="Write a comment or propose a text.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} on {self.paragraph}"

    @property
    def is_accepted(self) -> bool:
        return self.accepted_in_id is not None


class SilenceProcedure(TimeStampedModel):
    """Adoption unless a delegation breaks silence in writing before ``deadline``."""

    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="silence_procedures"
    )
    deadline = models.DateTimeField()
    outcome = models.CharField(
        max_length=16, choices=SilenceOutcome.choices, default=SilenceOutcome.OPEN
    )
    broken_by = models.ForeignKey(
        "forums.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    broken_at = models.DateTimeField(null=True, blank=True)
    break_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "-deadline"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=SilenceOutcome.BROKEN)
                | (Q(broken_by__isnull=False) & Q(broken_at__isnull=False)),
                name="silence_broken_has_state_and_time",
                violation_error_message="A broken silence needs the delegation that broke it and when.",
            ),
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(outcome=SilenceOutcome.OPEN),
                name="silence_one_open_per_version",
                violation_error_message="A silence procedure is already open on this version.",
            ),
        ]

    def __str__(self) -> str:
        return f"Silence on {self.version} until {self.deadline:%Y-%m-%d %H:%M %Z}"


class AdoptionConsent(TimeStampedModel):
    """A state's consent, through its head of delegation, to a document adopted at a meeting."""

    document = models.ForeignKey(
        OutcomeDocument, on_delete=models.CASCADE, related_name="adoption_consents"
    )
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="adoption_consents"
    )
    state = models.ForeignKey("forums.State", on_delete=models.PROTECT, related_name="+")
    delegation = models.ForeignKey(
        "meetings.Delegation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoption_consents",
        help_text="The delegation whose head consented, when the meeting's record has it.",
    )

    class Meta:
        ordering = ["document", "state__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "state"],
                name="adoptionconsent_unique_state",
                violation_error_message="This state's consent to the document is already recorded.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} consents to {self.document}"


class DelegationNote(TimeStampedModel):
    """A delegation's internal note on a document: for its own state only, never for another."""

    document = models.ForeignKey(
        OutcomeDocument, on_delete=models.CASCADE, related_name="delegation_notes"
    )
    state = models.ForeignKey("forums.State", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["document", "state__name", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="delegationnote_not_empty",
                violation_error_message="Write the note.",
            ),
        ]

    def __str__(self) -> str:
        return f"Note of {self.state} on {self.document}"
