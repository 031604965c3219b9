"""Reads behind the project pages: the forum's list of cooperation projects with its filters, and
one project with its history, reports and sources.

Each page function fetches what its template shows in a fixed number of queries whatever the
amount of data. Proposing states are prefetched and handed to ``rules.proposing_state_ids``
through its per-object cache, so that checking who may report costs nothing per project; lists
of states are ordered by ``in_precedence`` with the forum's ranks from memberships already
loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from plenary.common.queries import citations_by_subject, conflicts_among
from plenary.forums.models import Field, Forum, Membership, State
from plenary.forums.precedence import in_precedence
from plenary.meetings.queries import precedence_ranks, prefetch_state_names
from plenary.projects.enums import ProjectStatus
from plenary.projects.models import Project, ProjectReport, ProjectStatusChange

# What a project's origin needs to be shown: the proposal's state and meeting (with the meeting's
# address), or the work-plan item's plan.
ORIGIN = (
    "origin_proposal__statement__delegation__state",
    "origin_proposal__statement__meeting__edition__forum",
    "origin_item__plan__forum",
)


def projects_shown() -> QuerySet[Project]:
    """Projects with their field, origin, partners and proposing states, and the date of their
    last status change as ``last_change_on``."""
    last_change = ProjectStatusChange.objects.filter(project=OuterRef("pk")).order_by("-on", "-pk")
    return (
        Project.objects.select_related("forum", "field", *ORIGIN)
        .prefetch_related("proposing_states", "partners")
        .annotate(last_change_on=Subquery(last_change.values("on")[:1]))
    )


def work_plan_url(plan) -> str:
    """The address of a work plan's page."""
    return f"/forums/{plan.forum.slug}/work-plans/{plan.year}/"


@dataclass(frozen=True)
class Filters:
    """The filters of the project list as asked for, read from the query string as typed."""

    status: str = ""
    field: str = ""
    state: str = ""

    @classmethod
    def from_query(cls, query) -> Filters:
        return cls(
            status=(query.get("status") or "").strip(),
            field=(query.get("field") or "").strip(),
            state=(query.get("state") or "").strip().upper(),
        )

    @property
    def any(self) -> bool:
        return bool(self.status or self.field or self.state)

    def apply(self, projects: QuerySet[Project]) -> QuerySet[Project]:
        """``projects`` narrowed to the filters; a value that names nothing matches nothing."""
        if self.status:
            projects = projects.filter(status=self.status)
        if self.field:
            if self.field.isdigit():
                projects = projects.filter(field_id=int(self.field))
            else:
                projects = projects.filter(field__slug=self.field)
        if self.state:
            projects = projects.filter(proposing_states__code=self.state)
        return projects


def _member_states(forum: Forum) -> tuple[list[Membership], dict[int, State]]:
    """The forum's memberships (with their states' names in other languages) and their states by
    id."""
    memberships = list(forum.memberships.select_related("state"))
    prefetch_state_names(m.state for m in memberships)
    return memberships, {m.state_id: m.state for m in memberships}


def _prepare(
    projects: Iterable[Project], forum: Forum, memberships: list[Membership], states: dict
) -> None:
    """Give each project ``proposing`` (its proposing states in the forum's precedence) and
    ``work_plan_url`` (the page of the plan its item belongs to), and fill the cache
    ``rules.proposing_state_ids`` reads."""
    projects = list(projects)
    strangers = [
        state
        for project in projects
        for state in project.proposing_states.all()
        if state.pk not in states
    ]
    prefetch_state_names(strangers)
    ranks = precedence_ranks(memberships)
    for project in projects:
        chosen = [states.get(state.pk, state) for state in project.proposing_states.all()]
        project.proposing = in_precedence(chosen, forum, ranks=ranks)
        project._proposing_state_ids = {state.pk for state in chosen}
        project.work_plan_url = (
            work_plan_url(project.origin_item.plan) if project.origin_item else ""
        )


def project_list_page(*, forum_slug: str, filters: Filters) -> dict[str, Any]:
    """The forum's projects that match ``filters``, the number of its projects in each status,
    and the choices of the filter form."""
    forum = get_object_or_404(Forum, slug=forum_slug)
    memberships, states = _member_states(forum)
    projects = list(filters.apply(projects_shown().filter(forum=forum)).order_by("title"))
    _prepare(projects, forum, memberships, states)
    counted = dict(
        Project.objects.filter(forum=forum)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    counts = [(status, counted.get(status.value, 0)) for status in ProjectStatus]
    citations = citations_by_subject(projects)
    return {
        "forum": forum,
        "projects": projects,
        "filters": filters,
        "counts": counts,
        "total": sum(counted.values()),
        "fields": list(Field.objects.order_by("name")),
        "member_states": in_precedence(states.values(), forum, ranks=precedence_ranks(memberships)),
        "citations": citations,
    }


def project_page(*, forum_slug: str, pk: int) -> dict[str, Any]:
    """One project with every fact, its status history in order, its reports (latest first) and
    its sources; 404 unless it belongs to that forum."""
    project = get_object_or_404(
        projects_shown().prefetch_related(
            Prefetch("status_history", queryset=ProjectStatusChange.objects.order_by("on", "pk")),
            Prefetch(
                "reports",
                queryset=ProjectReport.objects.select_related("state").order_by(
                    "-reported_on", "-pk"
                ),
            ),
        ),
        pk=pk,
        forum__slug=forum_slug,
    )
    forum = project.forum
    memberships, states = _member_states(forum)
    _prepare([project], forum, memberships, states)
    history = list(project.status_history.all())
    reports = list(project.reports.all())
    citations = citations_by_subject([project])
    return {
        "forum": forum,
        "project": project,
        "history": history,
        "reports": reports,
        "citations": citations,
        "conflicts": conflicts_among([project], citations),
    }


def member_states(forum: Forum) -> list[State]:
    """The states that are members of ``forum`` now, in its order of precedence."""
    memberships, _ = _member_states(forum)
    today = timezone.localdate()
    current = [m.state for m in memberships if m.left_on is None or m.left_on >= today]
    return in_precedence(current, forum, ranks=precedence_ranks(memberships))
