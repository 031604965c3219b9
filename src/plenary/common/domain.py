"""Writes shared by every app: recording a fact idempotently, citing a source, the audit log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import translation

from plenary.common.models import AuditEntry, Citation, Source, Translation

M = TypeVar("M", bound=models.Model)


def _jsonable(value: Any) -> Any:
    # The log is written in the record's language (English), whatever the reader's.
    with translation.override("en"):
        if isinstance(value, models.Model):
            return {"pk": value.pk, "str": str(value)}
        if value is None or isinstance(value, bool | int | float | str | list | dict):
            return value
        return str(value)


def log_action(
    subject: models.Model, action: str, *, by=None, data: Mapping | None = None
) -> AuditEntry:
    """Write one dotted action (``forums.edition.created``) about ``subject`` to the audit log."""
    return AuditEntry.objects.create(
        action=action,
        actor=by if (by is not None and by.is_authenticated) else None,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        data={key: _jsonable(value) for key, value in (data or {}).items()},
    )


@transaction.atomic
def record(
    model: type[M],
    *,
    lookup: Mapping[str, Any],
    values: Mapping[str, Any] | None = None,
    action: str,
    by=None,
) -> tuple[M, bool]:
    """Create the row that ``lookup`` names, or bring its ``values`` up to date.

    Validates the row (fields and constraints) before saving, so bad input raises
    ``ValidationError`` with a message per field and nothing is saved. Writes
    ``<action>.created`` or ``<action>.updated`` (with before and after of each changed field) to
    the audit log; a call that changes nothing writes nothing, which is what makes the demo loader
    and repeated imports idempotent. Returns the row and whether it was created.
    """
    values = dict(values or {})
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        log_action(
            instance,
            f"{action}.created",
            by=by,
            data={key: getattr(instance, key) for key in [*lookup, *values]},
        )
        return instance, True
    changes = {}
    for key, new in values.items():
        old = getattr(instance, key)
        if old != new:
            changes[key] = {"before": _jsonable(old), "after": _jsonable(new)}
            setattr(instance, key, new)
    if changes:
        instance.full_clean()
        instance.save()
        log_action(instance, f"{action}.updated", by=by, data=changes)
    return instance, False


def set_related(instance: models.Model, name: str, objects, *, action: str, by=None) -> bool:
    """Make the many-to-many ``name`` of ``instance`` hold exactly ``objects``; log a change."""
    manager = getattr(instance, name)
    before = set(manager.values_list("pk", flat=True))
    after = {obj.pk for obj in objects}
    if before == after:
        return False
    manager.set(list(objects))
    log_action(
        instance,
        f"{action}.updated",
        by=by,
        data={name: {"before": sorted(before), "after": sorted(after)}},
    )
    return True


def source_record(
    *,
    title: str,
    publisher: str = "",
    kind: str = Source.Kind.NEWS_REPORT,
    url: str = "",
    published_on=None,
    language: str = "en",
    notes: str = "",
    by=None,
) -> Source:
    source, _ = record(
        Source,
        lookup={"title": title, "publisher": publisher},
        values={
            "kind": kind,
            "url": url,
            "published_on": published_on,
            "language": language,
            "notes": notes,
        },
        action="common.source",
        by=by,
    )
    return source


def cite(
    subject: models.Model,
    source: Source,
    *,
    field: str = "",
    claim: str = "",
    locator: str = "",
    note: str = "",
    by=None,
) -> Citation:
    """Record that ``source`` speaks of ``subject`` (or of one ``field`` of it).

    A ``claim`` states what the source says where it may differ from the record; two citations of
    one field with different claims are a conflict for the secretariat to settle.
    """
    citation, _ = record(
        Citation,
        lookup={
            "content_type": ContentType.objects.get_for_model(subject),
            "object_id": subject.pk,
            "field": field,
            "source": source,
            "claim": claim,
        },
        values={"locator": locator, "note": note},
        action="common.citation",
        by=by,
    )
    return citation


def translation_record(
    subject: models.Model, *, field: str, language: str, text: str, by=None
) -> Translation:
    """Record ``subject.<field>`` in ``language``; writes ``common.translation.created`` or
    ``.updated``. Refuses a field the model does not translate and a language the installation
    does not offer, and English, which is the record itself."""
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext

    if field not in getattr(subject, "translatable_fields", ()):
        raise ValidationError(
            {
                "field": gettext("%(model)s has no translatable field %(field)s.")
                % {"model": subject._meta.verbose_name, "field": repr(field)}
            }
        )
    if language == "en" or language not in dict(settings.LANGUAGES):
        raise ValidationError(
            {
                "language": gettext("%(language)s is not a language to translate into.")
                % {"language": repr(language)}
            }
        )
    translation, _ = record(
        Translation,
        lookup={
            "content_type": ContentType.objects.get_for_model(subject),
            "object_id": subject.pk,
            "field": field,
            "language": language,
        },
        values={"text": text.strip()},
        action="common.translation",
        by=by,
    )
    return translation
