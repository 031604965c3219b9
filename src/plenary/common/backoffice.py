"""Building blocks shared by every app's admin: the audit trail (``admin_audit``), readable
constraint messages, inlines that fetch what they show in a fixed number of queries, and list
filters to match.

Every plenary ``ModelAdmin`` derives from ``PlenaryAdmin`` and every inline from
``PlenaryTabularInline`` or ``PlenaryStackedInline``; their forms derive from ``PlenaryModelForm``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import ClassVar

from django import forms
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.widgets import (
    AutocompleteMixin,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, router
from django.forms.models import InlineForeignKeyField, construct_instance
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext, pgettext

from plenary.common.admin_audit import AuditedAdmin

# Constraint messages -----------------------------------------------------------------------------

Message = str | Callable[[models.Model], str]


def _formfield(db_field, **kwargs):
    # Web addresses typed without a scheme are taken as https (Django 6's default).
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class PlenaryModelForm(forms.ModelForm):
    """A model form that puts each database constraint's violation next to the field it concerns.

    Django shows a violated constraint above the form, with the constraint's
    ``violation_error_message`` (without one, a check constraint reads "Constraint
    “edition_end_after_start” is violated.") or, for a unique constraint of several fields,
    "Edition with this Forum and Number already exists.". ``constraint_messages`` maps a
    constraint's name to the field the error belongs to, alone (the model's own message is shown)
    or with a message of the form's: a ``str.format`` template given the row as ``obj``, or a
    function of the row. Once a field has an error, Django leaves the constraints on it unchecked,
    so staff never see both.

    Unique constraints that include an inline's parent are left to the inline formset, which sees
    every row of the parent at once (``PlenaryInlineFormSet``).
    """

    constraint_messages: ClassVar[dict[str, str | tuple[str, Message]]] = {}

    class Meta:
        # Subclasses inherit it through ``class Meta(PlenaryModelForm.Meta)``.
        formfield_callback = _formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._share_known_choices()

    def clean(self):
        cleaned_data = super().clean()
        if self.constraint_messages:
            self._check_constraints()
        return cleaned_data

    def _check_constraints(self) -> None:
        model = self._meta.model
        candidate = construct_instance(
            self, copy.copy(self.instance), self._meta.fields, self._meta.exclude
        )
        exclude = {
            field.name
            for field in model._meta.fields
            if field.name not in self.fields or field.name in self._errors
        }
        parents = {name for name, f in self.fields.items() if isinstance(f, InlineForeignKeyField)}
        using = router.db_for_write(model, instance=self.instance)
        for constraint in model._meta.constraints:
            if constraint.name not in self.constraint_messages:
                continue
            if isinstance(constraint, models.UniqueConstraint) and parents & set(constraint.fields):
                continue
            try:
                constraint.validate(model, candidate, exclude=exclude, using=using)
            except ValidationError as error:
                name, text = self._constraint_message(constraint.name, candidate, error)
                self.add_error(name if name in self.fields else None, text)
                exclude.add(name)

    def _constraint_message(self, constraint_name: str, candidate, error) -> tuple[str, str]:
        placement = self.constraint_messages[constraint_name]
        if isinstance(placement, str):
            return placement, error.messages[0]
        name, message = placement
        return name, message(candidate) if callable(message) else message.format(obj=candidate)

    def _share_known_choices(self) -> None:
        """Hand each autocomplete widget the related rows the instance already holds.

        Inline querysets fetch the rows their autocomplete fields show (``select_related`` and
        ``prefetch_related``); without this each row's widget would fetch its own.
        """
        instance = self.instance
        if instance.pk is None:
            return
        opts = instance._meta
        prefetched = getattr(instance, "_prefetched_objects_cache", {})
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if not isinstance(widget, KnownChoicesMixin):
                continue
            try:
                model_field = opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if model_field.many_to_many:
                if name in prefetched:
                    widget.known = {str(obj.pk): obj for obj in prefetched[name]}
            elif model_field.is_cached(instance):
                related = model_field.get_cached_value(instance)
                if related is not None:
                    widget.known = {str(related.pk): related}


class KnownChoicesMixin:
    """An autocomplete widget that shows rows it was handed instead of fetching them again."""

    #: The rows the widget may show without a query, by pk as text; set per form by
    #: ``PlenaryModelForm``.
    known: dict[str, models.Model] = {}

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not selected or not selected <= self.known.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance
        for key in sorted(selected, key=list(self.known).index):
            obj = self.known[key]
            options.append(self.create_option(name, obj.pk, label(obj), selected, len(options)))
        return [(None, options, 0)]


class KnownChoicesAutocompleteSelect(KnownChoicesMixin, AutocompleteSelect):
    """The empty choice is named after the field, so that the search box has an accessible
    name (screen readers) and the empty option is not blank (valid HTML)."""

    def _empty_label(self) -> str:
        return capfirst(str(self.field.verbose_name))

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-placeholder"] = self._empty_label()
        return attrs

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        if value in ("", None) and not label:
            label = self._empty_label()
        return super().create_option(name, value, label, selected, index, subindex, attrs)


class KnownChoicesAutocompleteSelectMultiple(KnownChoicesMixin, AutocompleteSelectMultiple):
    pass


# Admin classes -----------------------------------------------------------------------------------


class RelatedChoicesMixin:
    """Under every plenary admin and inline: autocomplete widgets that reuse rows already
    fetched (see ``KnownChoicesMixin``), and the form field defaults they all share."""

    # Web addresses typed without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownChoicesAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KnownChoicesAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PlenaryAdmin(AuditedAdmin, RelatedChoicesMixin, admin.ModelAdmin):
    """The base of every plenary ``ModelAdmin``: audited, with readable constraint messages."""

    form = PlenaryModelForm
    list_per_page = 50
    show_full_result_count = False

    class Media:
        css = {"all": ["plenary/css/admin.css"]}
        js = ["plenary/admin-labels.js"]

    def get_queryset(self, request):
        """Rows with what their names need, for the list, the change page and autocomplete.

        Django applies ``list_select_related`` to the list only, and only when ``get_queryset``
        selects nothing related itself; applying it here serves all three.
        """
        queryset = super().get_queryset(request)
        if self.list_select_related and self.list_select_related is not True:
            queryset = queryset.select_related(*self.list_select_related)
        return queryset


class PlenaryInlineFormSet(forms.BaseInlineFormSet):
    """An inline formset whose rows know their parent and whose duplicates are named plainly."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # The rows' names often include the parent ("Kazakhstan at the 14th Forum"); giving each
        # row the parent it already has saves a query per row.
        if self.instance.pk is not None and getattr(form.instance, self.fk.attname) == (
            self.instance.pk
        ):
            self.fk.set_cached_value(form.instance, self.instance)
        return form

    def get_unique_error_message(self, unique_check):
        opts = self.model._meta
        names = [
            str(opts.get_field(name).verbose_name) for name in unique_check if name != self.fk.name
        ]
        return gettext("Two %(things)s have the same %(fields)s; keep one of them.") % {
            "things": opts.verbose_name_plural,
            "fields": get_text_list(names, pgettext("list of fields", "and")),
        }


class NamedInlineInputsMixin:
    """Under every plenary inline (``InlineMixin``, ``CitationInline``): inline rows in a table
    have their labels in the column headings only, which screen readers do not tie to the
    inputs, so every input of a row is named by its label (``aria-label``)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class NamedInputs(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for field in form.fields.values():
                    widget = getattr(field.widget, "widget", field.widget)
                    if field.label and not widget.is_hidden:
                        widget.attrs.setdefault("aria-label", capfirst(str(field.label)))

        NamedInputs.__name__ = formset.__name__
        return NamedInputs


class InlineMixin(NamedInlineInputsMixin, RelatedChoicesMixin):
    """Shared by tabular and stacked inlines.

    ``select_related`` and ``prefetch_related`` name what the rows show (their names and their
    autocomplete fields), so that a page of N rows costs the same queries as a page of one.
    ``self.parent`` is the object being edited (None on an add page), set before the form fields
    are built so that ``formfield_for_foreignkey`` can limit choices to it.
    """

    form = PlenaryModelForm
    formset = PlenaryInlineFormSet
    extra = 0
    select_related: Sequence[str] = ()
    prefetch_related: Sequence[str] = ()
    parent: models.Model | None = None

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def get_formset(self, request, obj=None, **kwargs):
        self.parent = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _with_choices_fetched_once(formfield)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _with_choices_fetched_once(formfield)


def _with_choices_fetched_once(formfield):
    """Evaluate a plain select's choices once for the whole formset rather than once per row.

    Each row's form gets a copy of the field; a choice list (unlike a queryset) is copied without
    being fetched again. Validation still runs against the queryset.
    """
    if formfield is None or isinstance(
        getattr(formfield.widget, "widget", formfield.widget), AutocompleteMixin
    ):
        return formfield
    if isinstance(formfield, forms.ModelChoiceField):
        formfield.choices = list(formfield.choices)
    return formfield


class PlenaryTabularInline(InlineMixin, admin.TabularInline):
    pass


class PlenaryStackedInline(InlineMixin, admin.StackedInline):
    pass


# List filters ------------------------------------------------------------------------------------


class RelatedOnlyListFilter(admin.RelatedOnlyFieldListFilter):
    """Lists only the related rows in use, in one query with what their names need.

    The related model's admin says what its rows' names need through ``list_select_related``
    (an edition's name includes its forum's).
    """

    def field_choices(self, field, request, model_admin):
        in_use = (
            model_admin.get_queryset(request)
            .distinct()
            .values_list(f"{self.field_path}__pk", flat=True)
        )
        related_model = field.remote_field.model
        queryset = related_model._default_manager.filter(pk__in=in_use)
        try:
            related_admin = model_admin.admin_site.get_model_admin(related_model)
        except NotRegistered:
            related_admin = None
        if related_admin is not None:
            select = related_admin.list_select_related
            if select is True:
                queryset = queryset.select_related()
            elif select:
                queryset = queryset.select_related(*select)
            ordering = related_admin.get_ordering(request)
            if ordering:
                queryset = queryset.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in queryset]
