"""The back office's front page, sources and citations, and the audit log (read only)."""

import json

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericStackedInline, GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from plenary.common.admin_audit import BOOKKEEPING_FIELDS
from plenary.common.backoffice import (
    NamedInlineInputsMixin,
    PlenaryAdmin,
    PlenaryModelForm,
    RelatedChoicesMixin,
    RelatedOnlyListFilter,
)
from plenary.common.models import AuditEntry, Citation, CitedModel, Source, Translation

admin.site.site_header = _("Plenary back office")
admin.site.site_title = _("Plenary back office")
admin.site.index_title = _("Plenary back office")


def subject_link(content_type: ContentType, object_id: int) -> str:
    """A link to the back-office page of the row a citation or audit entry is about.

    Built from the content type alone, so a list of N entries does not fetch N subjects.
    """
    label = f"{content_type.name} #{object_id}"
    try:
        url = reverse(
            f"admin:{content_type.app_label}_{content_type.model}_change", args=[object_id]
        )
    except NoReverseMatch:
        return label
    return format_html('<a href="{}">{}</a>', url, label)


class CitationFormSet(BaseGenericInlineFormSet):
    """The citations of one record; they name their record's type without a query per row."""

    def clean(self):
        """The same source cannot be cited twice with the same claim on the same field.

        Django's own check of that unique constraint needs the record's content type and id,
        which are not on the page, so it would fail only at the database.
        """
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or data.get("source") is None:
                continue
            key = (data.get("field", ""), data["source"].pk, data.get("claim", ""))
            if key in seen:
                raise ValidationError(
                    gettext(
                        "Two sources cited are the same source with the same field and claim; "
                        "keep one of them."
                    )
                )
            seen.add(key)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self.instance is not None and self.instance.pk is not None:
            content_type = ContentType.objects.get_for_model(self.instance)
            Citation._meta.get_field("content_type").set_cached_value(form.instance, content_type)
        return form


class CitationInline(NamedInlineInputsMixin, RelatedChoicesMixin, GenericTabularInline):
    """Sources cited for any fact of the row: the whole row, or one of its fields.

    ``field`` offers the fields of the row; ``claim`` says what the source says where it differs
    from the record (two different claims on one field are a conflict for the secretariat).
    """

    model = Citation
    form = PlenaryModelForm
    formset = CitationFormSet
    extra = 0
    fields = ["source", "field", "claim", "locator", "note", "settled"]
    autocomplete_fields = ["source"]
    verbose_name = _("source cited")
    verbose_name_plural = _("sources cited")
    parent: models.Model | None = None

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    def get_formset(self, request, obj=None, **kwargs):
        self.parent = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "field":
            return forms.ChoiceField(
                choices=self._field_choices(),
                required=False,
                label=pgettext_lazy("record field", "Field"),
                help_text=db_field.help_text,
            )
        if db_field.name in {"claim", "note"}:
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 30})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _field_choices(self) -> list[tuple[str, str]]:
        choices = [("", gettext("the whole record"))]
        for field in self.parent_model._meta.get_fields():
            if (
                (field.concrete or field.many_to_many)
                and field.editable
                and not getattr(field, "auto_created", False)
                and field.name not in BOOKKEEPING_FIELDS
            ):
                choices.append((field.name, capfirst(str(field.verbose_name))))
        known = {value for value, _ in choices}
        if self.parent is not None and self.parent.pk is not None:
            used = Citation.objects.filter(
                content_type=ContentType.objects.get_for_model(self.parent),
                object_id=self.parent.pk,
            ).values_list("field", flat=True)
            choices.extend((value, value) for value in sorted(set(used) - known))
        return choices


class TranslationForm(PlenaryModelForm):
    constraint_messages = {
        "translation_unique_per_language": (
            "language",
            _("This field already has a translation in this language."),
        ),
        "translation_not_empty": ("text", _("A translation cannot be empty.")),
    }

    class Meta(PlenaryModelForm.Meta):
        model = Translation
        fields = "__all__"


class TranslationInline(GenericStackedInline):
    """The row's translatable fields in the installation's other languages."""

    model = Translation
    form = TranslationForm
    extra = 0
    fields = ["field", "language", "text"]
    verbose_name = _("translation")
    verbose_name_plural = _("translations")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "field":
            return forms.ChoiceField(
                choices=[
                    (name, capfirst(str(self.parent_model._meta.get_field(name).verbose_name)))
                    for name in getattr(self.parent_model, "translatable_fields", ())
                ],
                label=capfirst(str(db_field.verbose_name)),
            )
        if db_field.name == "language":
            return forms.ChoiceField(
                choices=[(code, name) for code, name in settings.LANGUAGES if code != "en"],
                label=capfirst(str(db_field.verbose_name)),
            )
        if db_field.name == "text":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 50})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CitedSubjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.model_class()._meta.verbose_name} ({obj.app_label})"


def cited_content_types():
    """The content types of the models whose facts can cite a source."""
    cited = [model for model in apps.get_models() if issubclass(model, CitedModel)]
    types = ContentType.objects.get_for_models(*cited)
    return ContentType.objects.filter(pk__in=[ct.pk for ct in types.values()])


class CitationForm(PlenaryModelForm):
    constraint_messages = {
        "citation_unique_claim_per_source": (
            "source",
            _("This source is already cited with this claim for this field of the record."),
        ),
    }

    class Meta(PlenaryModelForm.Meta):
        model = Citation
        fields = "__all__"
        help_texts = {
            "content_type": _("The kind of record the source speaks of."),
            "object_id": _("The number of that record (in its back-office address)."),
        }


class CitationInSourceInline(admin.TabularInline):
    """What a source is cited for; citations are entered on the page of the record they support."""

    model = Citation
    extra = 0
    can_delete = False
    fields = ["subject", "field", "claim", "locator", "settled"]
    readonly_fields = fields
    verbose_name = _("citation")
    verbose_name_plural = _("cited for")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("content_type", "source")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("record"))
    def subject(self, obj):
        return subject_link(obj.content_type, obj.object_id)


class SourceForm(PlenaryModelForm):
    constraint_messages = {
        "source_unique_title": (
            "title",
            _("There is already a source of this title from this publisher."),
        ),
    }

    class Meta(PlenaryModelForm.Meta):
        model = Source
        fields = "__all__"


@admin.register(Source)
class SourceAdmin(PlenaryAdmin):
    form = SourceForm
    list_display = ["title", "publisher", "kind", "published_on", "language"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "publisher", "url", "notes"]
    ordering = ["-published_on", "title"]
    date_hierarchy = "published_on"
    fields = ["title", "publisher", "kind", "url", "published_on", "language", "notes"]
    inlines = [CitationInSourceInline]


@admin.register(Citation)
class CitationAdmin(PlenaryAdmin):
    form = CitationForm
    list_display = ["__str__", "subject", "field", "short_claim", "settled"]
    list_display_links = ["__str__"]
    list_editable = ["settled"]
    list_filter = ["settled", "content_type", "source__kind"]
    list_select_related = ["content_type", "source"]
    search_fields = ["source__title", "source__publisher", "field", "claim", "locator", "note"]
    ordering = ["content_type", "object_id", "field", "pk"]
    autocomplete_fields = ["source"]
    fields = [
        "content_type",
        "object_id",
        "field",
        "source",
        "claim",
        "locator",
        "note",
        "settled",
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            kwargs["queryset"] = cited_content_types()
            kwargs["form_class"] = CitedSubjectChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("record"))
    def subject(self, obj):
        return subject_link(obj.content_type, obj.object_id)

    @admin.display(description=_("claim"))
    def short_claim(self, obj):
        return Truncator(obj.claim).chars(80)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The record as written: nobody adds, changes or deletes it, not even a superuser."""

    list_display = ["at", "action", "subject", "actor"]
    list_filter = ["action", ("content_type", RelatedOnlyListFilter)]
    list_select_related = ["content_type", "actor"]
    search_fields = ["action", "=object_id", "actor__username"]
    date_hierarchy = "at"
    ordering = ["-at", "-pk"]
    fields = ["at", "action", "subject", "actor", "pretty_data"]
    readonly_fields = fields
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("record"))
    def subject(self, obj):
        return subject_link(obj.content_type, obj.object_id)

    @admin.display(description=_("data"))
    def pretty_data(self, obj):
        return format_html(
            "<pre>{}</pre>", json.dumps(obj.data, indent=2, ensure_ascii=False, sort_keys=True)
        )


@admin.register(Translation)
class TranslationAdmin(PlenaryAdmin):
    """Every translation of the record, to find and correct one; they are written in the
    ``Translations`` table of the row they translate."""

    list_display = ["__str__", "field", "language", "text"]
    list_filter = ["language", "content_type"]
    list_select_related = ["content_type"]
    search_fields = ["text"]
    form = TranslationForm
    fields = ["content_type", "object_id", "field", "language", "text"]
