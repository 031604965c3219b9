"""Reads behind the forum at a glance and the downloads of its record.

Each read loads what it needs in a fixed number of queries whatever the amount of data, and the
figures are counted here, in plain Python, from the rows loaded:

- **Level of representation.** For each edition, the *main meeting* is the one with delegations
  of the first kind in ``MAIN_MEETING_KINDS`` (the ministerial plenary; else the heads-of-
  delegation meeting; else the closing ceremony; the earliest such meeting when there are several).
  A state's cell is the rank of the head of its delegation there; empty when no delegation is
  recorded, and marked when the state was not a member on the edition's first day. Preparatory
  meetings, expert sessions, side events and bilateral meetings never give the level of an
  edition. Editions are shown once held, or as soon as a delegation is recorded.
- **Implementation of the work plans.** The rates of ``workplans.queries.plan_rates``: the share
  of a plan's items done, by the latest report; the same per area.
- **Projects.** Counts by field and status, and by proposing state and status (a project proposed
  by several states counts once for each).
- **Experts.** Counts of ``ExpertParticipation`` by edition and field, and by state and edition.
  A row with no field takes the field of its meeting (an expert session on forestry), if any.
  A total is "about" as soon as one of its parts is approximate.

Lists of states follow the forum's order of precedence (``in_precedence``), with the forum's own
order taken from the memberships already loaded and the names of every state shown (every
instance of it, whichever row it came with) loaded in one query.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from plenary.common import l10n
from plenary.common.translations import localized
from plenary.documents.enums import DocumentStatus
from plenary.forums.enums import EditionStatus
from plenary.forums.models import Edition, Field, Forum, Membership, State
from plenary.forums.naming import state_name
from plenary.forums.precedence import in_precedence
from plenary.meetings.enums import MeetingKind
from plenary.meetings.models import Delegation, ExpertParticipation, Meeting
from plenary.meetings.queries import precedence_ranks, prefetch_state_names
from plenary.projects.enums import ProjectStatus
from plenary.projects.models import Project
from plenary.stats import charts
from plenary.workplans.models import Commitment, CommitmentAssessment, WorkPlan, WorkPlanItem
from plenary.workplans.queries import PlanRates, plan_rates, standings

T = TypeVar("T")

# The meetings whose delegations give an edition's level of representation, first choice first.
MAIN_MEETING_KINDS: tuple[str, ...] = (
    MeetingKind.MINISTERIAL,
    MeetingKind.HEADS_OF_DELEGATION,
    MeetingKind.CLOSING_CEREMONY,
)


def forum_of(slug: str) -> Forum:
    return get_object_or_404(Forum, slug=slug)


def local_state_name(state: State) -> str:
    """The state's name in the reader's language (its names are prefetched by the reads)."""
    return state_name(state, get_language() or "en")


def local_text(obj, field: str = "name") -> str:
    """A recorded text in the reader's language, the English where none is recorded."""
    return localized(obj, field).text


@dataclass
class StateOrder:
    """The forum's order of precedence, with its memberships (loaded once)."""

    forum: Forum
    memberships: list[Membership]

    @classmethod
    def load(cls, forum: Forum) -> StateOrder:
        return cls(forum, list(forum.memberships.select_related("state")))

    @property
    def member_states(self) -> list[State]:
        return [m.state for m in self.memberships]

    def sort(self, items: Iterable[T], state_of: Callable[[T], State] = lambda s: s) -> list[T]:
        return in_precedence(
            items, self.forum, state_of=state_of, ranks=precedence_ranks(self.memberships)
        )

    def membership_of(self, state: State) -> Membership | None:
        return next((m for m in self.memberships if m.state_id == state.pk), None)


def _distinct(states: Iterable[State | None]) -> list[State]:
    seen: dict[int, State] = {}
    for state in states:
        if state is not None and state.pk not in seen:
            seen[state.pk] = state
    return list(seen.values())


# Level of representation ---------------------------------------------------------------------------


def _meeting_preference(meeting: Meeting) -> tuple:
    return (
        MAIN_MEETING_KINDS.index(meeting.kind),
        meeting.local_date is None,
        meeting.local_date or dt.date.min,
        meeting.position,
        meeting.pk,
    )


@dataclass(frozen=True)
class RepresentationCell:
    edition: Edition
    state: State
    delegation: Delegation | None
    member: bool

    @property
    def kind(self) -> str:
        """``rank`` (a delegation), ``none`` (no delegation recorded) or ``absent`` (not a
        member on the edition's first day, and no delegation)."""
        if self.delegation is not None:
            return "rank"
        return "none" if self.member else "absent"

    @property
    def rank(self) -> str:
        return self.delegation.head_rank if self.delegation is not None else ""

    @property
    def rank_label(self) -> str:
        if self.delegation is None:
            return ""
        return self.delegation.get_head_rank_display() or _("rank not recorded")


@dataclass(frozen=True)
class RepresentationColumn:
    edition: Edition
    meeting: Meeting | None


@dataclass(frozen=True)
class RepresentationRow:
    state: State
    cells: list[RepresentationCell]


@dataclass
class Representation:
    columns: list[RepresentationColumn]
    rows: list[RepresentationRow]

    @property
    def recorded(self) -> list[RepresentationCell]:
        """The cells with a delegation, edition by edition, states in precedence."""
        return [
            row.cells[i]
            for i in range(len(self.columns))
            for row in self.rows
            if row.cells[i].delegation is not None
        ]


def representation_delegations(forum: Forum) -> list[Delegation]:
    """The delegations at the meetings that may be an edition's main meeting (one query)."""
    return list(
        Delegation.objects.filter(
            meeting__edition__forum=forum, meeting__kind__in=MAIN_MEETING_KINDS
        ).select_related("meeting__edition__forum", "state")
    )


def representation_of(
    order: StateOrder, editions: list[Edition], delegations: list[Delegation]
) -> Representation:
    """The grid of ranks from rows already loaded (no query)."""
    meetings: dict[int, dict[int, Meeting]] = defaultdict(dict)
    by_meeting: dict[int, dict[int, Delegation]] = defaultdict(dict)
    for delegation in delegations:
        meeting = delegation.meeting
        meetings[meeting.edition_id][meeting.pk] = meeting
        by_meeting[meeting.pk][delegation.state_id] = delegation
    columns = []
    for edition in editions:
        candidates = meetings.get(edition.pk, {}).values()
        main = min(candidates, key=_meeting_preference) if candidates else None
        if main is not None or edition.status == EditionStatus.HELD:
            columns.append(RepresentationColumn(edition, main))
    present = [by_meeting[column.meeting.pk] for column in columns if column.meeting is not None]
    states = _distinct(
        [*order.member_states, *(d.state for found in present for d in found.values())]
    )
    rows = []
    for state in order.sort(states):
        membership = order.membership_of(state)
        cells = []
        for column in columns:
            day = column.edition.start_date
            member = membership is not None and (day is None or membership.is_member_on(day))
            delegation = (
                by_meeting[column.meeting.pk].get(state.pk) if column.meeting is not None else None
            )
            cells.append(RepresentationCell(column.edition, state, delegation, member))
        rows.append(RepresentationRow(state, cells))
    return Representation(columns, rows)


# Implementation of the work plans -----------------------------------------------------------------


def plans_for_rates(forum: Forum) -> QuerySet[WorkPlan]:
    """The forum's plans, oldest first, with what ``plan_rates`` reads (four queries)."""
    return (
        WorkPlan.objects.filter(forum=forum)
        .prefetch_related(
            "areas", Prefetch("items", WorkPlanItem.objects.prefetch_related("reports"))
        )
        .order_by("year")
    )


def implementation_of(forum: Forum) -> list[PlanRates]:
    return [plan_rates(plan) for plan in plans_for_rates(forum)]


# Projects ---------------------------------------------------------------------------------------------

STATUSES: tuple[ProjectStatus, ...] = tuple(ProjectStatus)


@dataclass
class CountRow:
    """Counts of projects per status (in ``STATUSES`` order) for one field or state; ``subject``
    is ``None`` for the projects that name none."""

    subject: Any
    counts: list[int]

    @property
    def label(self) -> str:
        return str(self.subject) if self.subject is not None else ""

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class ProjectCounts:
    by_field: list[CountRow]
    by_state: list[CountRow]
    totals: list[int]

    @property
    def total(self) -> int:
        return sum(self.totals)

    @property
    def statuses(self) -> list[tuple[str, str]]:
        return [(status.value, status.label) for status in STATUSES]


def projects_counted(forum: Forum) -> list[Project]:
    """The forum's projects with their field and proposing states (two queries)."""
    return list(
        Project.objects.filter(forum=forum)
        .select_related("field")
        .prefetch_related("proposing_states")
        .order_by("title", "pk")
    )


def _status_position(status: str) -> int:
    return [s.value for s in STATUSES].index(status)


def project_counts_of(order: StateOrder, projects: list[Project]) -> ProjectCounts:
    fields: dict[int | None, CountRow] = {}
    states: dict[int | None, CountRow] = {}
    totals = [0] * len(STATUSES)
    for project in projects:
        position = _status_position(project.status)
        totals[position] += 1
        row = fields.setdefault(project.field_id, CountRow(project.field, [0] * len(STATUSES)))
        row.counts[position] += 1
        proposers = list(project.proposing_states.all()) or [None]
        for state in proposers:
            key = state.pk if state is not None else None
            row = states.setdefault(key, CountRow(state, [0] * len(STATUSES)))
            row.counts[position] += 1
    by_field = sorted(
        (row for key, row in fields.items() if key is not None),
        key=lambda row: row.subject.name.casefold(),
    )
    by_state = order.sort(
        (row for key, row in states.items() if key is not None), state_of=lambda row: row.subject
    )
    return ProjectCounts(
        by_field=by_field + ([fields[None]] if None in fields else []),
        by_state=by_state + ([states[None]] if None in states else []),
        totals=totals,
    )


# Experts --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A number of experts, ``approximate`` when any part of it was rounded in the sources."""

    count: int = 0
    approximate: bool = False

    def __add__(self, other: Figure) -> Figure:
        return Figure(self.count + other.count, self.approximate or other.approximate)

    def __bool__(self) -> bool:
        return self.count > 0

    def __str__(self) -> str:
        if not self.count:
            return ""
        figure = l10n.number(self.count)
        return _("about %(count)s") % {"count": figure} if self.approximate else figure


def _total(figures: Iterable[Figure]) -> Figure:
    total = Figure()
    for figure in figures:
        total += figure
    return total


@dataclass
class ExpertCounts:
    editions: list[Edition]
    fields: list[Field | None]
    # edition id -> field id -> Figure; state id -> edition id -> Figure
    by_edition_field: dict[int, dict[int | None, Figure]]
    by_state_edition: dict[int | None, dict[int, Figure]]
    states: list[State | None]
    # (edition id, field id, state id) -> Figure, for the download
    cells: dict[tuple[int, int | None, int | None], Figure]

    def edition_rows(self) -> list[tuple[Edition, list[Figure], Figure]]:
        rows = []
        for edition in self.editions:
            found = self.by_edition_field.get(edition.pk, {})
            figures = [found.get(f.pk if f else None, Figure()) for f in self.fields]
            rows.append((edition, figures, _total(figures)))
        return rows

    def state_rows(self) -> list[tuple[State | None, list[Figure], Figure]]:
        rows = []
        for state in self.states:
            found = self.by_state_edition.get(state.pk if state else None, {})
            figures = [found.get(e.pk, Figure()) for e in self.editions]
            rows.append((state, figures, _total(figures)))
        return rows

    def field_totals(self) -> list[Figure]:
        return [
            _total(
                self.by_edition_field.get(e.pk, {}).get(f.pk if f else None, Figure())
                for e in self.editions
            )
            for f in self.fields
        ]

    def edition_totals(self) -> list[Figure]:
        return [_total(self.by_edition_field.get(e.pk, {}).values()) for e in self.editions]

    @property
    def total(self) -> Figure:
        return _total(self.edition_totals())


def experts_counted(forum: Forum) -> list[ExpertParticipation]:
    """The forum's expert rows with their edition, field, state and meeting's field (one query)."""
    return list(
        ExpertParticipation.objects.filter(edition__forum=forum).select_related(
            "edition__forum", "field", "state", "meeting__field"
        )
    )


def expert_field(row: ExpertParticipation) -> Field | None:
    if row.field_id:
        return row.field
    return row.meeting.field if row.meeting_id and row.meeting.field_id else None


def expert_counts_of(order: StateOrder, rows: list[ExpertParticipation]) -> ExpertCounts:
    editions: dict[int, Edition] = {}
    fields: dict[int, Field] = {}
    states: dict[int, State] = {}
    no_field = no_state = False
    by_edition_field: dict[int, dict[int | None, Figure]] = defaultdict(dict)
    by_state_edition: dict[int | None, dict[int, Figure]] = defaultdict(dict)
    cells: dict[tuple[int, int | None, int | None], Figure] = {}
    for row in rows:
        figure = Figure(row.count, row.approximate)
        editions[row.edition_id] = row.edition
        field = expert_field(row)
        field_key = field.pk if field is not None else None
        if field is not None:
            fields[field.pk] = field
        else:
            no_field = True
        if row.state_id:
            states[row.state_id] = row.state
        else:
            no_state = True
        found = by_edition_field[row.edition_id]
        found[field_key] = found.get(field_key, Figure()) + figure
        found = by_state_edition[row.state_id]
        found[row.edition_id] = found.get(row.edition_id, Figure()) + figure
        key = (row.edition_id, field_key, row.state_id)
        cells[key] = cells.get(key, Figure()) + figure
    field_list: list[Field | None] = sorted(fields.values(), key=lambda f: f.name.casefold())
    state_list: list[State | None] = list(order.sort(states.values()))
    return ExpertCounts(
        editions=sorted(editions.values(), key=lambda e: e.number),
        fields=field_list + ([None] if no_field else []),
        by_edition_field=dict(by_edition_field),
        by_state_edition=dict(by_state_edition),
        states=state_list + ([None] if no_state else []),
        cells=cells,
    )


# The glance page and the data of each chart ---------------------------------------------------------


def _editions(forum: Forum) -> list[Edition]:
    return list(forum.editions.order_by("number"))


def representation_data(forum: Forum) -> Representation:
    order = StateOrder.load(forum)
    delegations = representation_delegations(forum)
    prefetch_state_names([*order.member_states, *(d.state for d in delegations)])
    return representation_of(order, _editions(forum), delegations)


def project_data(forum: Forum) -> ProjectCounts:
    order = StateOrder.load(forum)
    projects = projects_counted(forum)
    prefetch_state_names(
        [*order.member_states, *(s for p in projects for s in p.proposing_states.all())]
    )
    return project_counts_of(order, projects)


def expert_data(forum: Forum) -> ExpertCounts:
    order = StateOrder.load(forum)
    rows = experts_counted(forum)
    prefetch_state_names([*order.member_states, *(r.state for r in rows)])
    return expert_counts_of(order, rows)


def glance_data(forum: Forum) -> dict[str, Any]:
    """Everything the four charts show, in a fixed number of queries."""
    order = StateOrder.load(forum)
    editions = _editions(forum)
    delegations = representation_delegations(forum)
    projects = projects_counted(forum)
    experts = experts_counted(forum)
    prefetch_state_names(
        [
            *order.member_states,
            *(d.state for d in delegations),
            *(s for p in projects for s in p.proposing_states.all()),
            *(r.state for r in experts),
        ]
    )
    return {
        "representation": representation_of(order, editions, delegations),
        "implementation": implementation_of(forum),
        "projects": project_counts_of(order, projects),
        "experts": expert_counts_of(order, experts),
    }


# The record, for download ---------------------------------------------------------------------------


def work_plan_items(forum: Forum) -> list[WorkPlanItem]:
    """Every item of the forum's plans with what a row of the download names (two queries),
    plan by plan, area by area, items in the natural order of their numbers (2 before 10)."""
    items = list(
        WorkPlanItem.objects.filter(plan__forum=forum)
        .select_related(
            "plan",
            "area",
            "responsible_state",
            "responsible_organization",
            "carried_over_from__plan",
        )
        .prefetch_related("reports")
    )
    return sorted(items, key=lambda i: (i.plan.year, i.area.number, natural_key(i.number), i.pk))


def natural_key(number: str) -> tuple:
    """``"1.10"`` after ``"1.9"``: runs of digits compare as numbers."""
    parts: list[tuple[int, Any]] = []
    current = ""
    for ch in number:
        if ch.isdigit():
            current += ch
            continue
        if current:
            parts.append((0, int(current)))
            current = ""
        parts.append((1, ch))
    if current:
        parts.append((0, int(current)))
    return tuple(parts)


@dataclass(frozen=True)
class CommitmentLine:
    """One state's standing on one commitment (``state`` ``None`` when none is named)."""

    commitment: Commitment
    state: State | None
    assessment: CommitmentAssessment | None


def commitment_lines(forum: Forum) -> list[CommitmentLine]:
    """Each responsible state's latest standing on each commitment of the forum's adopted
    documents, edition by edition, states in precedence (six queries)."""
    order = StateOrder.load(forum)
    commitments = list(
        Commitment.objects.filter(document__forum=forum, document__status=DocumentStatus.ADOPTED)
        .select_related("document__edition")
        .prefetch_related(
            "responsible_states",
            Prefetch("assessments", CommitmentAssessment.objects.order_by("assessed_on", "pk")),
        )
    )
    prefetch_state_names(
        [*order.member_states, *(s for c in commitments for s in c.responsible_states.all())]
    )

    def position(commitment: Commitment) -> tuple:
        edition = commitment.document.edition
        paragraph = commitment.paragraph_number
        return (
            edition is None,
            edition.number if edition is not None else 0,
            commitment.document.title.casefold(),
            paragraph is None,
            paragraph or 0,
            commitment.pk,
        )

    lines = []
    for commitment in sorted(commitments, key=position):
        found = order.sort(standings(commitment), state_of=lambda s: s.state)
        if not found:
            lines.append(CommitmentLine(commitment, None, None))
        for standing in found:
            lines.append(CommitmentLine(commitment, standing.state, standing.assessment))
    return lines


def projects_exported(forum: Forum) -> tuple[list[Project], StateOrder]:
    """The forum's projects with everything a row of the download names (seven queries)."""
    order = StateOrder.load(forum)
    projects = list(
        Project.objects.filter(forum=forum)
        .select_related("field", "origin_item__plan", "origin_proposal")
        .prefetch_related("proposing_states", "partners", "status_history")
        .order_by("title", "pk")
    )
    prefetch_state_names(
        [*order.member_states, *(s for p in projects for s in p.proposing_states.all())]
    )
    return projects, order


# The glance page ------------------------------------------------------------------------------------


def _projects_phrase(count: int) -> str:
    return ngettext("%(count)s project", "%(count)s projects", count) % {
        "count": l10n.number(count)
    }


def _experts_phrase(figure: Figure) -> str:
    if not figure:
        return _("no experts")
    count = l10n.number(figure.count)
    if figure.approximate:
        return ngettext("about %(count)s expert", "about %(count)s experts", figure.count) % {
            "count": count
        }
    return ngettext("%(count)s expert", "%(count)s experts", figure.count) % {"count": count}


def _cell_state(cell: RepresentationCell) -> str:
    if cell.kind == "rank":
        return cell.rank_label
    return _("not a member") if cell.kind == "absent" else _("no delegation recorded")


def representation_chart(forum: Forum, representation: Representation) -> charts.Grid:
    columns = representation.columns
    span = (
        _("%(first)s to %(last)s")
        % {"first": columns[0].edition.ordinal, "last": columns[-1].edition.ordinal}
        if columns
        else ""
    )
    return charts.rank_grid(
        chart_id="representation-chart",
        title=_("Level of representation at the editions of the %(forum)s")
        % {"forum": local_text(forum)},
        description=_(
            "A grid of %(states)s states by %(editions)s editions (%(span)s): each cell gives "
            "the rank of the head of the state's delegation at the edition's main meeting, "
            "darker for a higher rank; empty where no delegation is recorded. The table below "
            "gives the same ranks in words."
        )
        % {
            "states": l10n.number(len(representation.rows)),
            "editions": l10n.number(len(columns)),
            "span": span,
        },
        row_labels=[local_state_name(row.state) for row in representation.rows],
        column_labels=[column.edition.ordinal for column in columns],
        cells=[
            [
                charts.GridInput(
                    kind=cell.kind,
                    rank=cell.rank,
                    title=_("%(state)s, %(edition)s: %(rank)s")
                    % {
                        "state": local_state_name(cell.state),
                        "edition": cell.edition.ordinal,
                        "rank": _cell_state(cell),
                    },
                )
                for cell in row.cells
            ]
            for row in representation.rows
        ],
    )


def _rate_text(rate) -> str:
    return _("%(percent)s (%(done)s of %(total)s)") % {
        "percent": charts.percent_text(rate.percent),
        "done": l10n.number(rate.done),
        "total": l10n.number(rate.total),
    }


def implementation_chart(forum: Forum, plans: list[PlanRates]) -> charts.BarChart | None:
    rows = []
    for plan in plans:
        if not plan.rate.total:
            continue
        year = str(plan.plan.year)
        group = _("Work plan %(year)s") % {"year": year}
        rows.append(
            charts.BarInput(
                label=_("All areas"),
                values=[plan.rate.percent],
                total=_rate_text(plan.rate),
                titles=[
                    _("%(year)s, all areas: %(rate)s done")
                    % {"year": year, "rate": _rate_text(plan.rate)}
                ],
                group=group,
                strong=True,
            )
        )
        for area in plan.areas:
            if not area.rate.total:
                continue
            label = f"{area.area.number}. {area.area.name}"
            rows.append(
                charts.BarInput(
                    label=label,
                    values=[area.rate.percent],
                    total=_rate_text(area.rate),
                    titles=[
                        _("%(year)s, %(area)s: %(rate)s done")
                        % {"year": year, "area": label, "rate": _rate_text(area.rate)}
                    ],
                    group=group,
                )
            )
    if not rows:
        return None
    shown = [p for p in plans if p.rate.total]
    return charts.bar_chart(
        chart_id="implementation-chart",
        title=_("Implementation of the work plans of the %(forum)s") % {"forum": local_text(forum)},
        description=_(
            "Bars for %(count)s work plans, one for the whole plan and one for each area: the "
            "share of items done, from 0 to 100 percent, with the number done and the number "
            "planned written after each bar. The table below gives the same figures."
        )
        % {"count": l10n.number(len(shown))},
        rows=rows,
        series=[_("done")],
        percent=True,
    )


def projects_chart(forum: Forum, counts: ProjectCounts) -> charts.BarChart | None:
    if not counts.total:
        return None
    rows = []
    statuses = [str(label) for _value, label in counts.statuses]
    for row in counts.by_field:
        label = local_text(row.subject) if row.subject is not None else _("field not recorded")
        rows.append(
            charts.BarInput(
                label=label,
                values=row.counts,
                total=l10n.number(row.total),
                titles=[
                    _("%(field)s, %(status)s: %(projects)s")
                    % {"field": label, "status": status, "projects": _projects_phrase(n)}
                    for status, n in zip(statuses, row.counts, strict=True)
                ],
            )
        )
    return charts.bar_chart(
        chart_id="projects-chart",
        title=_("Projects of the %(forum)s by field and status") % {"forum": local_text(forum)},
        description=_(
            "Stacked bars for %(count)s fields, %(projects)s in all: each bar is split by status "
            "(%(statuses)s), each status with its own pattern; the total is written after each "
            "bar. The tables below give the same counts, and the counts by proposing state."
        )
        % {
            "count": l10n.number(len(rows)),
            "projects": _projects_phrase(counts.total),
            "statuses": ", ".join(statuses),
        },
        rows=rows,
        series=statuses,
    )


def experts_chart(forum: Forum, counts: ExpertCounts) -> charts.BarChart | None:
    if not counts.editions:
        return None
    names = [local_text(f) if f is not None else _("field not recorded") for f in counts.fields]
    rows = []
    for edition, figures, total in counts.edition_rows():
        label = _("%(ordinal)s edition") % {"ordinal": edition.ordinal}
        rows.append(
            charts.BarInput(
                label=label,
                values=[figure.count for figure in figures],
                total=str(total),
                titles=[
                    _("%(edition)s, %(field)s: %(experts)s")
                    % {"edition": label, "field": name, "experts": _experts_phrase(figure)}
                    for name, figure in zip(names, figures, strict=True)
                ],
            )
        )
    return charts.bar_chart(
        chart_id="experts-chart",
        title=_("Experts at the editions of the %(forum)s, by field")
        % {"forum": local_text(forum)},
        description=_(
            "Stacked bars for %(count)s editions: the number of experts who took part, split by "
            "field, each field with its own pattern; the total is written after each bar, "
            "preceded by 'about' where the sources round. The tables below give the same "
            "counts, and the counts by state."
        )
        % {"count": l10n.number(len(rows))},
        rows=rows,
        series=names,
    )


def glance_page(*, forum_slug: str) -> dict[str, Any]:
    """The forum at a glance: four charts, each with its table (a fixed number of queries)."""
    forum = forum_of(forum_slug)
    data = glance_data(forum)
    return {
        "forum": forum,
        **data,
        "charts": {
            "representation": representation_chart(forum, data["representation"]),
            "implementation": implementation_chart(forum, data["implementation"]),
            "projects": projects_chart(forum, data["projects"]),
            "experts": experts_chart(forum, data["experts"]),
        },
    }
