"""Reads behind the follow-up pages: work plans with their implementation rates, commitments with
their compliance.

The rates are computed here, from rows loaded in a fixed number of queries, by plain functions
that the tests check on known data:

- an item's status in a year is its report for that year, else its latest earlier report, else
  ``planned`` (nothing reported yet);
- a plan's implementation rate is the share of its items done (dropped and postponed items stay
  in the count: they were planned and not carried out); the same per area;
- the rate per year follows a plan from its own year to the last year reported on;
- a state's compliance with a commitment is its latest assessment (not started 0, partial ½,
  full 1); an edition's compliance is the mean over every (commitment, state) pair assessed, with
  the pairs not yet assessed counted beside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from plenary.forums.models import Forum
from plenary.forums.precedence import in_precedence
from plenary.workplans.enums import COMPLIANCE_SCORE, ITEM_DONE, Compliance, ItemStatus
from plenary.workplans.models import (
    Commitment,
    CommitmentAssessment,
    ItemReport,
    WorkPlan,
    WorkPlanArea,
    WorkPlanItem,
)

# Rates ------------------------------------------------------------------------------------------


def _percent(share: Fraction) -> int:
    """A share as a whole percentage, halves rounded up (2/3 → 67, 1/8 → 13)."""
    hundredfold = share * 100
    return int(hundredfold + Fraction(1, 2))


@dataclass(frozen=True)
class Rate:
    """``done`` of ``total`` items carried out."""

    done: int
    total: int

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.done, self.total) if self.total else None

    @property
    def percent(self) -> int | None:
        return _percent(self.share) if self.total else None

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.done + other.done, self.total + other.total)


def status_in(reports: Sequence[ItemReport], year: int | None = None) -> str:
    """An item's status in ``year`` (``None``: its latest), from its reports in any order."""
    latest = None
    for report in reports:
        if year is not None and report.year > year:
            continue
        if latest is None or report.year > latest.year:
            latest = report
    return latest.status if latest is not None else ItemStatus.PLANNED


def report_in(reports: Sequence[ItemReport], year: int | None = None) -> ItemReport | None:
    """The report that gives the item's status in ``year`` (``None``: its latest)."""
    latest = None
    for report in reports:
        if year is not None and report.year > year:
            continue
        if latest is None or report.year > latest.year:
            latest = report
    return latest


def rate_of(items: Iterable[WorkPlanItem], year: int | None = None) -> Rate:
    """The implementation rate of ``items`` (with their reports prefetched) in ``year``."""
    items = list(items)
    done = sum(1 for item in items if status_in(item.reports.all(), year) == ITEM_DONE)
    return Rate(done, len(items))


def years_reported(plan: WorkPlan) -> list[int]:
    """The years a plan's rate is followed over: from its own year to the last year reported on."""
    last = max((r.year for item in plan.items.all() for r in item.reports.all()), default=plan.year)
    return list(range(plan.year, max(last, plan.year) + 1))


@dataclass
class AreaRates:
    area: WorkPlanArea
    items: list[WorkPlanItem]
    rate: Rate


@dataclass
class PlanRates:
    plan: WorkPlan
    rate: Rate
    areas: list[AreaRates]
    by_year: list[tuple[int, Rate]]
    statuses: Counter = field(default_factory=Counter)
    carried_over: int = 0


def plan_rates(plan: WorkPlan) -> PlanRates:
    """Rates of a plan whose areas, items, reports and carry-overs are prefetched
    (``plans_loaded``)."""
    items = list(plan.items.all())
    by_area: dict[int, list[WorkPlanItem]] = {area.pk: [] for area in plan.areas.all()}
    for item in items:
        by_area.setdefault(item.area_id, []).append(item)
    areas = [
        AreaRates(area=area, items=by_area[area.pk], rate=rate_of(by_area[area.pk]))
        for area in plan.areas.all()
    ]
    return PlanRates(
        plan=plan,
        rate=rate_of(items),
        areas=areas,
        by_year=[(year, rate_of(items, year)) for year in years_reported(plan)],
        statuses=Counter(status_in(item.reports.all()) for item in items),
        carried_over=sum(1 for item in items if item.carried_over_from_id),
    )


def items_loaded() -> QuerySet[WorkPlanItem]:
    return WorkPlanItem.objects.select_related(
        "area",
        "responsible_state",
        "responsible_organization__state",
        "carried_over_from__plan",
    ).prefetch_related(
        Prefetch("reports", ItemReport.objects.select_related("reporter_state")),
        Prefetch(
            "carried_over_to", WorkPlanItem.objects.select_related("plan").order_by("plan__year")
        ),
    )


def plans_loaded(forum: Forum) -> QuerySet[WorkPlan]:
    """The forum's plans, newest first, with everything the rates need."""
    return (
        WorkPlan.objects.filter(forum=forum)
        .select_related("adopted_at", "document")
        .prefetch_related("areas", Prefetch("items", items_loaded()))
        .order_by("-year")
    )


# Commitments -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """One state's latest assessment of one commitment (``None`` if not assessed yet)."""

    state: Any
    assessment: CommitmentAssessment | None

    @property
    def score(self) -> float | None:
        return COMPLIANCE_SCORE[Compliance(self.assessment.compliance)] if self.assessment else None


@dataclass(frozen=True)
class ComplianceScore:
    """Mean compliance over ``assessed`` (commitment, state) pairs, of ``pairs`` in all."""

    total: Fraction
    assessed: int
    pairs: int

    @property
    def share(self) -> Fraction | None:
        return self.total / self.assessed if self.assessed else None

    @property
    def percent(self) -> int | None:
        return _percent(self.share) if self.assessed else None


def standings(commitment: Commitment) -> list[Standing]:
    """Each responsible state's latest assessment of a commitment whose responsible states and
    assessments are prefetched, in the order the states were prefetched."""
    latest: dict[int, CommitmentAssessment] = {}
    for assessment in commitment.assessments.all():
        current = latest.get(assessment.state_id)
        if current is None or (assessment.assessed_on, assessment.pk) > (
            current.assessed_on,
            current.pk,
        ):
            latest[assessment.state_id] = assessment
    return [Standing(state, latest.get(state.pk)) for state in commitment.responsible_states.all()]


def compliance_of(commitments: Iterable[Commitment]) -> ComplianceScore:
    total = Fraction(0)
    assessed = pairs = 0
    for commitment in commitments:
        for standing in standings(commitment):
            pairs += 1
            if standing.assessment is not None:
                assessed += 1
                total += Fraction(COMPLIANCE_SCORE[Compliance(standing.assessment.compliance)])
    return ComplianceScore(total, assessed, pairs)


def commitments_loaded() -> QuerySet[Commitment]:
    from plenary.forums.models import State

    return Commitment.objects.select_related("document__edition").prefetch_related(
        # with their names, so that ordering them by Russian or Korean names costs nothing more
        Prefetch("responsible_states", State.objects.order_by("name").prefetch_related("names")),
        Prefetch(
            "assessments",
            CommitmentAssessment.objects.select_related("state").order_by("assessed_on", "pk"),
        ),
    )


# Pages ------------------------------------------------------------------------------------------


def forum_of(slug: str) -> Forum:
    return get_object_or_404(Forum, slug=slug)


def plans_index(*, forum_slug: str) -> dict[str, Any]:
    forum = forum_of(forum_slug)
    plans = [plan_rates(plan) for plan in plans_loaded(forum)]
    return {"forum": forum, "plans": plans}


def plan_page(*, forum_slug: str, year: int) -> dict[str, Any]:
    forum = forum_of(forum_slug)
    plan = get_object_or_404(plans_loaded(forum), year=year)
    return {
        "forum": forum,
        "plan": plan,
        "rates": plan_rates(plan),
    }


@dataclass
class EditionCommitments:
    edition: Any
    commitments: list[Commitment]
    score: ComplianceScore


def commitments_page(*, forum_slug: str) -> dict[str, Any]:
    """Each edition's commitments (from its adopted documents), with each state's standing."""
    forum = forum_of(forum_slug)
    commitments = list(
        commitments_loaded()
        .filter(document__forum=forum)
        .order_by("-document__edition__number", "document__title", "paragraph_number", "pk")
    )
    ranks = {m.state_id: m.precedence_rank for m in forum.memberships.all()}
    groups: dict[Any, list[Commitment]] = {}
    for commitment in commitments:
        commitment.standings = in_precedence(
            standings(commitment), forum, state_of=lambda s: s.state, ranks=ranks
        )
        groups.setdefault(commitment.document.edition, []).append(commitment)
    editions = [
        EditionCommitments(edition, items, compliance_of(items))
        for edition, items in groups.items()
    ]
    return {"forum": forum, "editions": editions, "score": compliance_of(commitments)}
