"""Reads shared by every app: the sources of a fact and the conflicts between them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models

from plenary.common.models import AuditEntry, Citation


@dataclass
class Conflict:
    """Sources that disagree on one field of one object."""

    subject: models.Model
    field: str
    citations: list[Citation] = field(default_factory=list)

    @property
    def claims(self) -> list[str]:
        return [c.claim for c in self.citations if c.claim]


def citations_by_subject(objects: Iterable[models.Model]) -> dict[tuple[int, int], list[Citation]]:
    """All citations of ``objects`` (of any models) in one query per model, keyed by
    ``(content_type_id, object_id)``."""
    by_model: dict[type, list[int]] = defaultdict(list)
    for obj in objects:
        if obj is not None and obj.pk is not None:
            by_model[type(obj)].append(obj.pk)
    if not by_model:
        return {}
    types = ContentType.objects.get_for_models(*by_model)
    query = models.Q()
    for model, pks in by_model.items():
        query |= models.Q(content_type=types[model], object_id__in=pks)
    result: dict[tuple[int, int], list[Citation]] = defaultdict(list)
    for citation in Citation.objects.filter(query).select_related("source"):
        result[(citation.content_type_id, citation.object_id)].append(citation)
    return result


def conflicts_among(
    subjects: Iterable[models.Model], citations: dict[tuple[int, int], list[Citation]]
) -> list[Conflict]:
    """Fields on which the cited claims of a subject differ, and are not yet settled."""
    found = []
    for subject in subjects:
        if subject is None:
            continue
        ct = ContentType.objects.get_for_model(subject)
        per_field: dict[str, list[Citation]] = defaultdict(list)
        for citation in citations.get((ct.pk, subject.pk), []):
            per_field[citation.field].append(citation)
        for name, cites in per_field.items():
            claims = {c.claim for c in cites if c.claim}
            if len(claims) >= 2 and not all(c.settled for c in cites):
                found.append(Conflict(subject=subject, field=name, citations=cites))
    return found


def history_of(subject: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("actor")
