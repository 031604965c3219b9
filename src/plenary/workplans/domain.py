"""Writes for work plans, their areas and items, item reports, commitments and assessments.

Who may call which write is decided by the permissions in ``rules`` (checked by the pages); the
functions here hold what must be true whoever calls them.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plenary.common import l10n
from plenary.common.domain import record, set_related
from plenary.common.translations import localized
from plenary.forums.naming import state_name
from plenary.workplans.models import (
    Commitment,
    CommitmentAssessment,
    ItemReport,
    WorkPlan,
    WorkPlanArea,
    WorkPlanItem,
)
from plenary.workplans.rules import states_answering_for


def _state(state) -> str:
    """A state's name in the reader's language, for a refusal."""
    return state_name(state, translation.get_language() or "en")


def work_plan_record(*, forum, year: int, title: str, by=None, **values) -> WorkPlan:
    plan, _created = record(
        WorkPlan,
        lookup={"forum": forum, "year": year},
        values={"title": title, **values},
        action="workplans.plan",
        by=by,
    )
    return plan


def work_plan_area_record(
    *, plan: WorkPlan, number: int, name: str, field=None, by=None
) -> WorkPlanArea:
    area, _created = record(
        WorkPlanArea,
        lookup={"plan": plan, "number": number},
        values={"name": name, "field": field},
        action="workplans.area",
        by=by,
    )
    return area


def work_plan_item_record(
    *, plan: WorkPlan, number: str, area: WorkPlanArea, text: str, by=None, **values
) -> WorkPlanItem:
    item, _created = record(
        WorkPlanItem,
        lookup={"plan": plan, "number": number},
        values={"area": area, "text": text, **values},
        action="workplans.item",
        by=by,
    )
    return item


def item_report(
    *,
    item: WorkPlanItem,
    year: int,
    status: str,
    text: str = "",
    evidence_url: str = "",
    reporter_state=None,
    by=None,
    today: dt.date | None = None,
) -> ItemReport:
    """Report the status of ``item`` for ``year``; a second report for the same year replaces the
    first (the audit log keeps both).

    ``reporter_state`` is the state whose focal point reports (``None`` for the secretariat); it
    must be a state that answers for the item. The year runs from the plan's own year to the
    current one: nobody reports on a year that has not begun.
    """
    today = today or timezone.localdate()
    errors = {}
    if year < item.plan.year:
        errors["year"] = _("The plan starts in %(year)s; report on %(year)s or later.") % {
            "year": item.plan.year
        }
    elif year > today.year:
        errors["year"] = _("%(year)s has not begun; report on %(current)s or earlier.") % {
            "year": year,
            "current": today.year,
        }
    if reporter_state is not None and reporter_state.pk not in states_answering_for(item):
        errors["reporter_state"] = _(
            "%(state)s is not responsible for item %(number)s; "
            "only the responsible state or the secretariat reports on it."
        ) % {"state": _state(reporter_state), "number": item.number}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report, _created = record(
            ItemReport,
            lookup={"item": item, "year": year},
            values={
                "status": status,
                "text": text.strip(),
                "evidence_url": evidence_url.strip(),
                "reporter_state": reporter_state,
                "reported_by": by,
            },
            action="workplans.report",
            by=by,
        )
    return report


def commitment_mark(
    *,
    document,
    text: str,
    responsible_states,
    paragraph_number: int | None = None,
    by=None,
) -> Commitment:
    """Mark a commitment (who promised what) in an adopted document.

    The document must be adopted and, when its adopted text is in the record, have the paragraph;
    at least one responsible state is needed, each a member of the document's forum.
    """
    responsible_states = list(responsible_states)
    errors = {}
    if not text.strip():
        errors["text"] = _("Say what was promised.")
    if not responsible_states:
        errors["responsible_states"] = _("Name at least one state that made the promise.")
    else:
        members = set(document.forum.memberships.values_list("state_id", flat=True))
        strangers = [s for s in responsible_states if s.pk not in members]
        if strangers:
            errors["responsible_states"] = _("Not a member of %(forum)s: %(states)s.") % {
                "forum": localized(document.forum, "name").text,
                "states": ", ".join(_state(s) for s in strangers),
            }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        commitment, _created = record(
            Commitment,
            lookup={
                "document": document,
                "paragraph_number": paragraph_number,
                "text": text.strip(),
            },
            action="workplans.commitment",
            by=by,
        )
        set_related(
            commitment,
            "responsible_states",
            responsible_states,
            action="workplans.commitment",
            by=by,
        )
    return commitment


def commitment_assess(
    *,
    commitment: Commitment,
    state,
    compliance: str,
    assessed_on: dt.date,
    evidence: str = "",
    evidence_url: str = "",
    by=None,
    today: dt.date | None = None,
) -> CommitmentAssessment:
    """Assess how far ``state`` has carried out ``commitment`` on ``assessed_on``.

    Assessments accumulate over time (one per state and day; a second on the same day replaces the
    first); the latest one is the state's standing. The state must be one that made the promise,
    and the date lies between the document's adoption and today.
    """
    today = today or timezone.localdate()
    errors = {}
    if state.pk not in set(commitment.responsible_states.values_list("pk", flat=True)):
        errors["state"] = _("%(state)s did not make this commitment.") % {"state": _state(state)}
    adopted_on = commitment.document.adopted_on
    if adopted_on and assessed_on < adopted_on:
        errors["assessed_on"] = _("The document was adopted on %(date)s.") % {
            "date": l10n.day(adopted_on)
        }
    elif assessed_on > today:
        errors["assessed_on"] = _("An assessment cannot be dated in the future.")
    if errors:
        raise ValidationError(errors)
    assessment, _created = record(
        CommitmentAssessment,
        lookup={"commitment": commitment, "state": state, "assessed_on": assessed_on},
        values={
            "compliance": compliance,
            "evidence": evidence.strip(),
            "evidence_url": evidence_url.strip(),
            "assessed_by": by,
        },
        action="workplans.assessment",
        by=by,
    )
    return assessment
