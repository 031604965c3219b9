"""What each download holds: the data of each chart on the glance page (CSV), and the record of
work-plan items, commitments and projects (CSV or Excel).

Each table is a header and rows of plain values, built from the reads in ``queries``; the files
themselves are written by ``common.exports``. Everything here is public: work plans, projects,
and commitments (which exist on adopted documents only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.common.exports import csv_response, xlsx_response
from plenary.forums.models import Forum
from plenary.people.enums import RANK_LEVEL
from plenary.projects.enums import ProjectStatus
from plenary.stats import queries
from plenary.workplans.enums import Compliance, ItemStatus
from plenary.workplans.queries import status_in

Table = tuple[list[str], list[list[Any]]]


# The data of each chart -----------------------------------------------------------------------------


def representation_table(forum: Forum) -> Table:
    """One row per delegation at an edition's main meeting, edition by edition, states in the
    forum's order of precedence."""
    header = [
        _("Edition"),
        _("Year"),
        _("Meeting"),
        _("State"),
        _("Rank of the head of delegation"),
        _("Rank level"),
    ]
    rows = []
    for cell in queries.representation_data(forum).recorded:
        delegation = cell.delegation
        edition = cell.edition
        rows.append(
            [
                edition.number,
                edition.start_date.year if edition.start_date else None,
                queries.local_text(delegation.meeting, "title"),
                queries.local_state_name(cell.state),
                str(delegation.get_head_rank_display()) if delegation.head_rank else None,
                RANK_LEVEL.get(delegation.head_rank),
            ]
        )
    return header, rows


def implementation_table(forum: Forum) -> Table:
    """One row per area of each work plan (a plan without areas: one row of no items)."""
    header = [
        _("Plan year"),
        _("Area number"),
        _("Area"),
        _("Items done"),
        _("Items"),
        _("Rate (%)"),
    ]
    rows: list[list[Any]] = []
    for plan in queries.implementation_of(forum):
        if not plan.areas:
            rows.append([plan.plan.year, None, None, 0, 0, None])
        for area in plan.areas:
            rows.append(
                [
                    plan.plan.year,
                    area.area.number,
                    area.area.name,
                    area.rate.done,
                    area.rate.total,
                    area.rate.percent,
                ]
            )
    return header, rows


def projects_table(forum: Forum) -> Table:
    """Counts of projects by field and status, then by proposing state and status (every status
    for every field or state shown, zeros included)."""
    header = [_("By"), _("Field or state"), _("Status"), _("Projects")]
    counts = queries.project_data(forum)
    rows: list[list[Any]] = []
    for by, found, name, missing in [
        (_("field"), counts.by_field, queries.local_text, _("field not recorded")),
        (
            _("proposing state"),
            counts.by_state,
            queries.local_state_name,
            _("no proposing state recorded"),
        ),
    ]:
        for row in found:
            subject = name(row.subject) if row.subject is not None else missing
            for (_value, label), count in zip(counts.statuses, row.counts, strict=True):
                rows.append([by, subject, str(label), count])
    return header, rows


def experts_table(forum: Forum) -> Table:
    """Experts by edition, field and state (empty field or state: not recorded), with whether
    the figure is rounded."""
    header = [_("Edition"), _("Field"), _("State"), _("Experts"), _("Approximate")]
    counts = queries.expert_data(forum)
    edition_at = {e.pk: i for i, e in enumerate(counts.editions)}
    editions = {e.pk: e for e in counts.editions}
    field_at = {(f.pk if f else None): i for i, f in enumerate(counts.fields)}
    fields = {(f.pk if f else None): f for f in counts.fields}
    state_at = {(s.pk if s else None): i for i, s in enumerate(counts.states)}
    states = {(s.pk if s else None): s for s in counts.states}
    rows = []
    for key in sorted(
        counts.cells, key=lambda k: (edition_at[k[0]], field_at[k[1]], state_at[k[2]])
    ):
        edition_id, field_id, state_id = key
        figure = counts.cells[key]
        field, state = fields[field_id], states[state_id]
        rows.append(
            [
                editions[edition_id].number,
                queries.local_text(field) if field else None,
                queries.local_state_name(state) if state else None,
                figure.count,
                figure.approximate,
            ]
        )
    return header, rows


CHARTS: dict[str, Callable[[Forum], Table]] = {
    "representation": representation_table,
    "implementation": implementation_table,
    "projects": projects_table,
    "experts": experts_table,
}


def chart_csv(*, forum_slug: str, chart: str) -> HttpResponse:
    """The data of one chart of the glance page as CSV; 404 for an unknown chart or forum."""
    table = CHARTS.get(chart)
    if table is None:
        raise Http404("No such chart.")
    forum = queries.forum_of(forum_slug)
    header, rows = table(forum)
    return csv_response(f"{forum.slug}-{chart}.csv", header, rows)


# The record -----------------------------------------------------------------------------------------


def work_plan_items_table(forum: Forum) -> Table:
    header = [
        _("Plan year"),
        _("Area"),
        _("Item"),
        _("Text"),
        _("Responsible state"),
        _("Responsible organisation"),
        _("Target date"),
        _("Current status"),
        _("Last reported"),
        _("Carried over from"),
    ]
    rows = []
    for item in queries.work_plan_items(forum):
        reports = list(item.reports.all())
        earlier = item.carried_over_from
        rows.append(
            [
                item.plan.year,
                item.area.name,
                item.number,
                item.text,
                queries.local_state_name(item.responsible_state)
                if item.responsible_state
                else None,
                queries.local_text(item.responsible_organization)
                if item.responsible_organization
                else None,
                item.target_date,
                str(ItemStatus(status_in(reports)).label),
                max((r.year for r in reports), default=None),
                f"{earlier.plan.year}/{earlier.number}" if earlier else None,
            ]
        )
    return header, rows


def commitments_table(forum: Forum) -> Table:
    header = [
        _("Edition"),
        _("Document"),
        _("Paragraph"),
        _("Text"),
        _("State"),
        _("Latest compliance"),
        _("Assessed on"),
        _("Evidence"),
    ]
    rows = []
    for line in queries.commitment_lines(forum):
        commitment, assessment = line.commitment, line.assessment
        edition = commitment.document.edition
        evidence = (
            "\n".join(t for t in [assessment.evidence, assessment.evidence_url] if t)
            if assessment
            else ""
        )
        rows.append(
            [
                edition.number if edition else None,
                commitment.document.title,
                commitment.paragraph_number,
                commitment.text,
                queries.local_state_name(line.state) if line.state else None,
                str(Compliance(assessment.compliance).label) if assessment else None,
                assessment.assessed_on if assessment else None,
                evidence or None,
            ]
        )
    return header, rows


def _origin(project) -> str | None:
    if project.origin_proposal_id:
        return _("proposal: %(text)s") % {"text": project.origin_proposal.text}
    if project.origin_item_id:
        item = project.origin_item
        return _("work-plan item %(year)s/%(number)s") % {
            "year": item.plan.year,
            "number": item.number,
        }
    return None


def projects_record_table(forum: Forum) -> Table:
    header = [
        _("Title"),
        _("Field"),
        _("Status"),
        _("Proposing states"),
        _("Partners"),
        _("Budget"),
        _("Currency"),
        _("Origin"),
        _("Proposed on"),
        _("Last status change"),
    ]
    projects, order = queries.projects_exported(forum)
    rows = []
    for project in projects:
        history = list(project.status_history.all())
        rows.append(
            [
                project.title,
                queries.local_text(project.field) if project.field else None,
                str(ProjectStatus(project.status).label),
                "; ".join(
                    queries.local_state_name(s) for s in order.sort(project.proposing_states.all())
                )
                or None,
                "; ".join(queries.local_text(o) for o in project.partners.all()) or None,
                project.budget_amount,
                project.budget_currency or None,
                _origin(project),
                min((c.on for c in history), default=None),
                max((c.on for c in history), default=None),
            ]
        )
    return header, rows


@dataclass(frozen=True)
class Export:
    sheet: str
    table: Callable[[Forum], Table]


EXPORTS: dict[str, Export] = {
    "work-plan-items": Export(gettext_lazy("Work-plan items"), work_plan_items_table),
    "commitments": Export(gettext_lazy("Commitments"), commitments_table),
    "projects": Export(gettext_lazy("Projects"), projects_record_table),
}

FORMATS = ("csv", "xlsx")


def export_response(*, forum_slug: str, what: str, fmt: str) -> HttpResponse:
    """One part of the record as CSV or Excel; 404 for an unknown part, format or forum."""
    export = EXPORTS.get(what)
    if export is None or fmt not in FORMATS:
        raise Http404("No such download.")
    forum = queries.forum_of(forum_slug)
    header, rows = export.table(forum)
    filename = f"{forum.slug}-{what}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, header, rows)
    return xlsx_response(filename, str(export.sheet), header, rows)
