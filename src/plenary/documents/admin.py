"""Outcome documents with their versions; versions with their language versions, positions and
silence procedures; language versions with their numbered paragraphs.

An adopted version is frozen: its paragraphs and language versions can no longer be changed or
deleted here (paragraphs missing from the record can still be added).
"""

from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from plenary.common.admin import CitationInline
from plenary.common.admin_audit import audit_names
from plenary.common.backoffice import (
    PlenaryAdmin,
    PlenaryModelForm,
    PlenaryStackedInline,
    PlenaryTabularInline,
    RelatedOnlyListFilter,
)
from plenary.documents.admin_forms import (
    CommentForm,
    DocumentVersionForm,
    LanguageVersionForm,
    OutcomeDocumentForm,
    ParagraphForm,
    PositionForm,
    SilenceProcedureForm,
)
from plenary.documents.domain import document_adopt
from plenary.documents.enums import DocumentStatus, VersionStatus
from plenary.documents.models import (
    AdoptionConsent,
    Comment,
    DelegationNote,
    DocumentKind,
    DocumentVersion,
    LanguageVersion,
    OutcomeDocument,
    Paragraph,
    Position,
    SilenceProcedure,
)

audit_names(
    {
        DocumentKind: "documents.kind",
        OutcomeDocument: "documents.document",
        DocumentVersion: "documents.version",
    }
)


def is_frozen(version: DocumentVersion | None) -> bool:
    """An adopted version's text is the authentic text and stays as adopted."""
    return version is not None and version.status == VersionStatus.ADOPTED


@admin.register(DocumentKind)
class DocumentKindAdmin(PlenaryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class DocumentVersionInline(PlenaryTabularInline):
    model = DocumentVersion
    form = DocumentVersionForm
    fields = ["number", "status", "circulated_at", "comments_due", "note"]
    show_change_link = True
    verbose_name_plural = _("versions (open one for its languages, positions and silence)")


@admin.register(OutcomeDocument)
class OutcomeDocumentAdmin(PlenaryAdmin):
    form = OutcomeDocumentForm
    list_display = ["title", "forum", "edition", "kind", "status", "adopted_on", "is_demo"]
    list_filter = ["forum", "kind", "status", "is_demo", ("edition", RelatedOnlyListFilter)]
    list_select_related = ["forum", "edition__forum", "kind"]
    search_fields = ["title", "symbol", "summary"]
    ordering = ["forum__name", "-adopted_on", "title"]
    autocomplete_fields = ["edition", "pen_holder_state", "adopted_at"]
    fieldsets = [
        (None, {"fields": ["forum", "edition", "kind", "title", "symbol", "is_demo"]}),
        (_("Negotiation"), {"fields": ["status", "pen_holder_state"]}),
        (_("Adoption"), {"fields": [("adopted_on", "adoption_method"), "adopted_at"]}),
        (
            _("Content"),
            {
                "fields": ["summary"],
                "description": _(
                    "When the full text is not in the sources, say here what the reports say of "
                    "its content; never enter a text that is not the document's."
                ),
            },
        ),
    ]
    inlines = [DocumentVersionInline, CitationInline]

    def save_model(self, request, obj, form, change):
        """A document that becomes adopted here is adopted through ``document_adopt``, as on the
        pages: its latest version is adopted with it and the step is in its history."""
        before = form.initial.get("status") if change else None
        if obj.status != DocumentStatus.ADOPTED or before == DocumentStatus.ADOPTED:
            super().save_model(request, obj, form, change)
            return
        on, method, meeting = obj.adopted_on, obj.adoption_method, obj.adopted_at
        obj.status = before or DocumentStatus.DRAFT
        obj.adopted_on, obj.adoption_method, obj.adopted_at = None, "", None
        super().save_model(request, obj, form, change)
        document_adopt(obj, on=on, method=method, at_meeting=meeting, by=request.user)
        obj.refresh_from_db()


class LanguageVersionInline(PlenaryTabularInline):
    model = LanguageVersion
    form = LanguageVersionForm
    fields = ["language", "title"]
    show_change_link = True
    verbose_name_plural = _("language versions (open one for its paragraphs)")

    def has_change_permission(self, request, obj=None):
        return not is_frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_frozen(obj) and super().has_delete_permission(request, obj)


class PositionInline(PlenaryTabularInline):
    model = Position
    form = PositionForm
    fields = ["state", "kind", "paragraphs", "note", "recorded_by"]
    readonly_fields = ["recorded_by"]
    autocomplete_fields = ["state"]
    select_related = ["state", "recorded_by"]
    verbose_name_plural = _("positions of the delegations")


class SilenceProcedureInline(PlenaryStackedInline):
    model = SilenceProcedure
    form = SilenceProcedureForm
    fields = [("deadline", "outcome"), ("broken_by", "broken_at"), "break_reason"]
    autocomplete_fields = ["broken_by"]
    select_related = ["broken_by"]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(PlenaryAdmin):
    form = DocumentVersionForm
    list_display = ["__str__", "document", "number", "status", "circulated_at", "comments_due"]
    list_filter = ["status", "document__forum"]
    list_select_related = ["document"]
    search_fields = ["document__title", "document__symbol", "note"]
    ordering = ["document__title", "number"]
    autocomplete_fields = ["document"]
    fields = ["document", "number", "status", "circulated_at", "comments_due", "note"]
    inlines = [LanguageVersionInline, PositionInline, SilenceProcedureInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is Position:
            for position_form in formset.forms:
                if position_form.instance.pk is None and position_form.has_changed():
                    position_form.instance.recorded_by = request.user
        super().save_formset(request, form, formset, change)


class ParagraphInline(PlenaryTabularInline):
    model = Paragraph
    form = ParagraphForm
    fields = ["number", "text", "revision"]
    readonly_fields = ["revision"]
    extra = 1

    def has_change_permission(self, request, obj=None):
        return not is_frozen(obj and obj.version) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_frozen(obj and obj.version) and super().has_delete_permission(request, obj)


@admin.register(LanguageVersion)
class LanguageVersionAdmin(PlenaryAdmin):
    form = LanguageVersionForm
    list_display = ["title", "version", "language"]
    list_filter = ["language", "version__status", "version__document__forum"]
    list_select_related = ["version__document"]
    search_fields = ["title", "version__document__title"]
    ordering = ["version__document__title", "version__number", "language"]
    autocomplete_fields = ["version"]
    fields = ["version", "language", "title"]
    inlines = [ParagraphInline]

    def has_delete_permission(self, request, obj=None):
        return not is_frozen(obj and obj.version) and super().has_delete_permission(request, obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is Paragraph:
            for paragraph_form in formset.initial_forms:
                if "text" in paragraph_form.changed_data:
                    paragraph_form.instance.revision += 1
        super().save_formset(request, form, formset, change)


class CommentInline(PlenaryTabularInline):
    model = Comment
    form = CommentForm
    fields = ["state", "text", "proposed_text", "author"]
    readonly_fields = ["author"]
    autocomplete_fields = ["state"]
    select_related = ["state", "author"]
    verbose_name_plural = _("comments and proposed amendments")


@admin.register(Paragraph)
class ParagraphAdmin(PlenaryAdmin):
    form = ParagraphForm
    list_display = ["__str__", "language_version", "short_text", "revision"]
    list_filter = ["language_version__language", "language_version__version__document__forum"]
    list_select_related = ["language_version__version"]
    search_fields = ["text", "language_version__title", "=number"]
    ordering = ["language_version", "number"]
    autocomplete_fields = ["language_version"]
    fields = ["language_version", "number", "text", "revision"]
    readonly_fields = ["revision"]
    inlines = [CommentInline]

    def has_change_permission(self, request, obj=None):
        frozen = obj is not None and is_frozen(obj.language_version.version)
        return not frozen and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        frozen = obj is not None and is_frozen(obj.language_version.version)
        return not frozen and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change and "text" in form.changed_data:
            obj.revision += 1
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Comment:
            for comment_form in formset.forms:
                if comment_form.instance.pk is None and comment_form.has_changed():
                    comment_form.instance.author = request.user
        super().save_formset(request, form, formset, change)

    @admin.display(description=_("text"))
    def short_text(self, obj):
        return Truncator(obj.text).chars(90)


@admin.register(Position)
class PositionAdmin(PlenaryAdmin):
    form = PositionForm
    list_display = ["__str__", "version", "state", "kind", "recorded_by", "created_at"]
    list_filter = ["kind", ("state", RelatedOnlyListFilter), "version__document__forum"]
    list_select_related = ["version__document", "state", "recorded_by"]
    search_fields = ["state__name", "note", "version__document__title"]
    ordering = ["version__document__title", "version__number", "state__name"]
    autocomplete_fields = ["version", "state"]
    fields = ["version", "state", "kind", "paragraphs", "note", "recorded_by"]
    readonly_fields = ["recorded_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Comment)
class CommentAdmin(PlenaryAdmin):
    form = CommentForm
    list_display = ["__str__", "paragraph", "short_text", "author", "created_at"]
    list_filter = [("state", RelatedOnlyListFilter), "paragraph__language_version__language"]
    list_select_related = ["state", "paragraph", "author"]
    search_fields = ["text", "proposed_text", "state__name"]
    ordering = ["paragraph", "created_at"]
    autocomplete_fields = ["paragraph", "state"]
    fields = ["paragraph", "state", "text", "proposed_text", "author"]
    readonly_fields = ["author"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("comment"))
    def short_text(self, obj):
        return Truncator(obj.text or obj.proposed_text).chars(90)


@admin.register(SilenceProcedure)
class SilenceProcedureAdmin(PlenaryAdmin):
    form = SilenceProcedureForm
    list_display = ["__str__", "version", "deadline", "outcome", "broken_by", "broken_at"]
    list_filter = ["outcome", "version__document__forum"]
    list_select_related = ["version__document", "broken_by"]
    search_fields = ["version__document__title", "break_reason"]
    ordering = ["-deadline"]
    autocomplete_fields = ["version", "broken_by"]


# Adoption consents and delegation notes ---------------------------------------------------------


class AdoptionConsentForm(PlenaryModelForm):
    constraint_messages = {
        "adoptionconsent_unique_state": (
            "state",
            _("The consent of {obj.state} to this document is already recorded."),
        ),
    }

    class Meta(PlenaryModelForm.Meta):
        model = AdoptionConsent
        fields = "__all__"


@admin.register(AdoptionConsent)
class AdoptionConsentAdmin(PlenaryAdmin):
    form = AdoptionConsentForm
    list_display = ["__str__", "document", "version", "state", "delegation", "created_at"]
    list_filter = [("state", RelatedOnlyListFilter), "document__forum"]
    list_select_related = ["document", "version__document", "state", "delegation__meeting"]
    search_fields = ["document__title", "state__name"]
    ordering = ["document__title", "state__name"]
    autocomplete_fields = ["document", "version", "state", "delegation"]
    fields = ["document", "version", "state", "delegation"]


# The domain logs a note's steps as ``documents.note.*``, on the note itself.
audit_names({DelegationNote: "documents.note"})


class DelegationNoteForm(PlenaryModelForm):
    constraint_messages = {"delegationnote_not_empty": "text"}

    class Meta(PlenaryModelForm.Meta):
        model = DelegationNote
        fields = "__all__"


@admin.register(DelegationNote)
class DelegationNoteAdmin(PlenaryAdmin):
    """A delegation's internal note is for its own state's focal points only.

    Staff permissions (``documents.view_delegationnote`` and the like) cannot open it: a staff
    member of the secretariat, or of any forum, reads no state's internal notes. Only a superuser,
    who runs the installation and could read the database anyway, sees them here, for repairs.
    The pages show a note to its own state's focal points through ``documents.view_note``.
    """

    form = DelegationNoteForm
    list_display = ["__str__", "document", "state", "author", "created_at"]
    list_filter = [("state", RelatedOnlyListFilter), "document__forum"]
    list_select_related = ["document", "state", "author"]
    search_fields = ["document__title", "state__name"]
    ordering = ["document__title", "state__name", "created_at"]
    autocomplete_fields = ["document", "state"]
    fields = ["document", "state", "text", "author"]
    readonly_fields = ["author"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)
