"""Writes for work plans, their areas and items, and commitments."""

from __future__ import annotations

from plenary.common.domain import record
from plenary.workplans.models import WorkPlan, WorkPlanArea, WorkPlanItem


def work_plan_record(*, forum, year: int, title: str, by=None, **values) -> WorkPlan:
    plan, _ = record(
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
    area, _ = record(
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
    item, _ = record(
        WorkPlanItem,
        lookup={"plan": plan, "number": number},
        values={"area": area, "text": text, **values},
        action="workplans.item",
        by=by,
    )
    return item
