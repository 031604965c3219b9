"""The back office's audit trail: every addition, change and deletion made through the admin is
written to the audit log with the same dotted action names the domain functions use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.text import camel_case_to_spaces

from plenary.common.domain import log_action

#: Models whose audit actions are not ``<app>.<model_in_snake_case>``, so that the back office and
#: the domain functions write the same action names (``documents.document``, not
#: ``documents.outcome_document``). Each app's admin adds its own through ``audit_names``.
_AUDIT_PREFIXES: dict[type[models.Model], str] = {}

#: Fields every row has that say nothing about the fact itself.
BOOKKEEPING_FIELDS = frozenset({"id", "created_at", "updated_at"})


def audit_names(names: dict[type[models.Model], str]) -> None:
    """Name the audit actions of ``names``' models as the domain functions do."""
    _AUDIT_PREFIXES.update(names)


def audit_prefix(model: type[models.Model]) -> str:
    """``forums.co_chair`` for ``CoChair``: the start of every audit action about ``model``."""
    if model in _AUDIT_PREFIXES:
        return _AUDIT_PREFIXES[model]
    snake = camel_case_to_spaces(model.__name__).replace(" ", "_")
    return f"{model._meta.app_label}.{snake}"


def audit_value(value: Any) -> Any:
    """``value`` as the audit log stores it: rows as their pk and name, dates as ISO text. Names
    are written in the record's language (English), whatever the language of the back office."""
    if isinstance(value, models.Model):
        with translation.override("en"):
            return {"pk": value.pk, "str": str(value)}
    if isinstance(value, models.QuerySet | list | tuple | set | frozenset):
        return [audit_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): audit_value(item) for key, item in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    with translation.override("en"):
        return str(value)


def snapshot(obj: models.Model) -> dict[str, Any]:
    """Every field of ``obj`` that holds a fact, for the record of an addition or deletion."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in BOOKKEEPING_FIELDS or field.primary_key:
            continue
        value = getattr(obj, field.name)
        if value in (None, ""):
            continue
        data[field.name] = audit_value(value)
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            related = list(getattr(obj, field.name).all())
            if related:
                data[field.name] = audit_value(related)
    return data


def changes_made(before: models.Model | None, after: models.Model, form) -> dict[str, Any]:
    """Before and after of each model field ``form`` changed on ``after``."""
    changes = {}
    opts = after._meta
    for name in form.changed_data:
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many:
            old, new = form.initial.get(name, []), form.cleaned_data.get(name, [])
        elif before is not None:
            old, new = getattr(before, name), getattr(after, name)
        else:
            continue
        changes[name] = {"before": audit_value(old), "after": audit_value(new)}
    return changes


def _pending(request) -> dict[tuple[str, Any], dict]:
    """Field changes saved in this request and waiting for ``log_change`` to write them."""
    return request.__dict__.setdefault("_plenary_audit_changes", {})


def _before(model: type[models.Model], pk) -> models.Model | None:
    return model._default_manager.filter(pk=pk).first()


class AuditedAdmin:
    """Writes every addition, change and deletion made through the back office to the audit log.

    Actions are ``<app>.<model>.created``, ``.updated`` and ``.deleted`` (see ``audit_prefix``),
    with the row's facts for an addition or deletion and before and after of each changed field
    for a change. Rows added, changed or deleted in an inline get entries of their own. Django's
    own admin history is kept as well.
    """

    def save_model(self, request, obj, form, change):
        before = _before(type(obj), obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if change:
            _pending(request)[(obj._meta.label, obj.pk)] = changes_made(before, obj, form)

    def save_formset(self, request, form, formset, change):
        model = formset.model
        prefix = audit_prefix(model)
        # Deleted rows lose their pk on deletion, so they are logged first (inside the same
        # transaction as the deletion itself).
        deleted_forms = formset.deleted_forms
        for deleted in deleted_forms:
            if deleted.instance.pk is not None:
                log_action(
                    deleted.instance,
                    f"{prefix}.deleted",
                    by=request.user,
                    data=snapshot(deleted.instance),
                )
        changed_pks = [
            f.instance.pk
            for f in formset.initial_forms
            if f.instance.pk is not None and f not in deleted_forms and f.has_changed()
        ]
        befores = model._default_manager.in_bulk(changed_pks) if changed_pks else {}
        forms_by_pk = {f.instance.pk: f for f in formset.initial_forms}
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            log_action(obj, f"{prefix}.created", by=request.user, data=snapshot(obj))
        for obj, _names in formset.changed_objects:
            changes = changes_made(befores.get(obj.pk), obj, forms_by_pk[obj.pk])
            log_action(obj, f"{prefix}.updated", by=request.user, data=changes)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        log_action(obj, f"{audit_prefix(type(obj))}.created", by=request.user, data=snapshot(obj))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        changes = _pending(request).pop((obj._meta.label, obj.pk), {})
        log_action(obj, f"{audit_prefix(type(obj))}.updated", by=request.user, data=changes)
        return entry

    def log_deletions(self, request, queryset):
        """Called before the rows go, while they still have their pk.

        Django 5.1 replaced ``log_deletion`` (one object) by this method, which both the delete
        page and the "delete selected" action call.
        """
        objects = list(queryset)
        for obj in objects:
            log_action(
                obj, f"{audit_prefix(type(obj))}.deleted", by=request.user, data=snapshot(obj)
            )
        return super().log_deletions(request, objects)
