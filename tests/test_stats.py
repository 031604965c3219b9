"""The forum at a glance and the downloads of the record: the figures on known data, the files
read back as a spreadsheet would read them, and a fixed number of queries whatever the data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from plenary.common.exports import BOM, csv_content, xlsx_content
from plenary.documents.enums import AdoptionMethod, DocumentStatus
from plenary.forums.domain import state_ensure, state_name_set
from plenary.forums.enums import Precedence
from plenary.meetings.enums import MeetingKind
from plenary.people.enums import Rank
from plenary.projects.domain import project_decide, project_propose
from plenary.projects.enums import ProjectStatus
from plenary.stats import charts, queries
from plenary.workplans.domain import commitment_assess, commitment_mark, item_report
from plenary.workplans.enums import Compliance, ItemStatus
from tests import factories
from tests.html import table_rows
from tests.test_pages import count_queries, markup_problems

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 6, 1)


def korea_named():
    """Korea as the forum calls it (the factories leave CLDR's name)."""
    return state_ensure("KR", name="Republic of Korea")


def states(*codes):
    found = [factories.state(code) for code in codes]
    korea_named()
    for state in found:
        state.refresh_from_db()
    return found


def glance_url(forum) -> str:
    return reverse("stats:glance", kwargs={"forum": forum.slug})


def chart_url(forum, chart: str) -> str:
    return reverse("stats:glance_csv", kwargs={"forum": forum.slug, "chart": chart})


def export_url(forum, what: str, fmt: str) -> str:
    return reverse("stats:export", kwargs={"forum": forum.slug, "what": what, "fmt": fmt})


def read_csv(response) -> list[list[str]]:
    """The rows of a CSV download, as the csv module reads them (the byte order mark checked)."""
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :], newline="")))


def read_xlsx(response) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(workbook.active.iter_rows(values_only=True))


def two_state_forum(**values):
    forum = factories.ForumFactory(slug="duo", name="Duo Forum", **values)
    kz, kr = states("KZ", "KR")
    for state in (kz, kr):
        factories.MembershipFactory(forum=forum, state=state, joined_on=dt.date(2000, 1, 1))
    return forum, kz, kr


def delegation(meeting, state, rank):
    return factories.DelegationFactory(meeting=meeting, state=state, head_rank=rank)


# Level of representation -------------------------------------------------------------------------


@pytest.fixture
def representation_world():
    """Two states, two editions; Korea sends no delegation to the 2nd edition's plenary (only to
    its closing ceremony, which does not count while a plenary is recorded)."""
    forum, kz, kr = two_state_forum()
    first = factories.EditionFactory(forum=forum, number=1, start_date=dt.date(2007, 11, 15))
    second = factories.EditionFactory(forum=forum, number=2, start_date=dt.date(2008, 11, 15))
    plenary_1 = factories.MeetingFactory(
        edition=first, kind=MeetingKind.MINISTERIAL, title="First plenary"
    )
    delegation(plenary_1, kz, Rank.FOREIGN_MINISTER)
    delegation(plenary_1, kr, Rank.DEPUTY_MINISTER)
    prep = factories.MeetingFactory(edition=first, kind=MeetingKind.SENIOR_OFFICIALS)
    delegation(prep, kr, Rank.HEAD_OF_STATE)  # a preparatory meeting never counts
    closing_2 = factories.MeetingFactory(
        edition=second, kind=MeetingKind.CLOSING_CEREMONY, title="Second closing"
    )
    delegation(closing_2, kr, Rank.AMBASSADOR)
    plenary_2 = factories.MeetingFactory(
        edition=second, kind=MeetingKind.MINISTERIAL, title="Second plenary"
    )
    delegation(plenary_2, kz, Rank.MINISTER)
    factories.EditionFactory(forum=forum, number=3, status="planned")  # not held: left out
    return forum


def test_representation_matrix(representation_world):
    representation = queries.representation_data(representation_world)
    assert [
        (c.edition.number, c.meeting.title if c.meeting else None) for c in representation.columns
    ] == [(1, "First plenary"), (2, "Second plenary")]
    assert [
        (row.state.name, [(cell.kind, cell.rank_label) for cell in row.cells])
        for row in representation.rows
    ] == [
        ("Kazakhstan", [("rank", "foreign minister"), ("rank", "minister")]),
        ("Republic of Korea", [("rank", "deputy / vice minister"), ("none", "")]),
    ]


def test_representation_on_the_page_and_in_csv(client, representation_world):
    html = client.get(glance_url(representation_world)).content.decode()
    assert table_rows(html, "representation") == [
        ["State", "1st 2007", "2nd 2008"],
        ["Kazakhstan", "foreign minister", "minister"],
        ["Republic of Korea", "deputy / vice minister", "not recorded"],
        ["Main meeting", "First plenary", "Second plenary"],
    ]
    response = client.get(chart_url(representation_world, "representation"))
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "text/csv; charset=utf-8",
        'attachment; filename="duo-representation.csv"',
    )
    assert read_csv(response) == [
        ["Edition", "Year", "Meeting", "State", "Rank of the head of delegation", "Rank level"],
        ["1", "2007", "First plenary", "Kazakhstan", "foreign minister", "80"],
        ["1", "2007", "First plenary", "Republic of Korea", "deputy / vice minister", "65"],
        ["2", "2008", "Second plenary", "Kazakhstan", "minister", "75"],
    ]


def test_representation_falls_back_and_marks_non_members(client):
    """Without a plenary the closing ceremony gives the rank; a state that joined later is
    marked as not a member; a held edition with no delegation is a column of empty cells."""
    forum, kz, _ = two_state_forum(precedence=Precedence.KOREAN)
    (tj,) = states("TJ")
    factories.MembershipFactory(forum=forum, state=tj, joined_on=dt.date(2010, 1, 1))
    first = factories.EditionFactory(forum=forum, number=1, start_date=dt.date(2007, 11, 15))
    factories.EditionFactory(forum=forum, number=2, start_date=dt.date(2011, 11, 15))
    closing = factories.MeetingFactory(edition=first, kind=MeetingKind.CLOSING_CEREMONY)
    delegation(closing, kz, Rank.AMBASSADOR)
    representation = queries.representation_data(forum)
    assert [(row.state.name, [cell.kind for cell in row.cells]) for row in representation.rows] == [
        ("Republic of Korea", ["none", "none"]),
        ("Kazakhstan", ["rank", "none"]),
        ("Tajikistan", ["absent", "none"]),
    ]
    grid = queries.representation_chart(forum, representation)
    assert [[cell.text for cell in row.cells] for row in grid.rows] == [
        ["", ""],
        ["Amb", ""],
        ["–", ""],
    ]
    assert grid.abbreviations == [("Amb", "ambassador")]


# Implementation of the work plans ----------------------------------------------------------------


@pytest.fixture
def plans_world(forum):
    """2022: transport 2 of 3 done, energy 0 of 1 (postponed); 2021: no items."""
    factories.WorkPlanFactory(forum=forum, year=2021)
    plan = factories.WorkPlanFactory(forum=forum, year=2022)
    transport = factories.WorkPlanAreaFactory(plan=plan, number=1, name="Transport")
    energy = factories.WorkPlanAreaFactory(plan=plan, number=2, name="Energy")
    statuses = [ItemStatus.DONE, ItemStatus.DONE, ItemStatus.UNDER_WAY]
    for number, status in enumerate(statuses, start=1):
        item = factories.WorkPlanItemFactory(plan=plan, area=transport, number=f"1.{number}")
        item_report(item=item, year=2022, status=ItemStatus.UNDER_WAY, today=TODAY)
        item_report(item=item, year=2023, status=status, today=TODAY)
    item = factories.WorkPlanItemFactory(plan=plan, area=energy, number="2.1")
    item_report(item=item, year=2023, status=ItemStatus.POSTPONED, today=TODAY)
    return forum


def test_implementation_rates(plans_world):
    plans = queries.implementation_of(plans_world)
    assert [
        (
            p.plan.year,
            (p.rate.done, p.rate.total, p.rate.percent),
            [(a.area.name, a.rate.done, a.rate.total, a.rate.percent) for a in p.areas],
        )
        for p in plans
    ] == [
        (2021, (0, 0, None), []),
        (2022, (2, 4, 50), [("Transport", 2, 3, 67), ("Energy", 0, 1, 0)]),
    ]


def test_implementation_on_the_page_chart_and_csv(client, plans_world):
    html = client.get(glance_url(plans_world)).content.decode()
    assert table_rows(html, "implementation") == [
        ["Plan", "Area", "Done", "Items", "Rate"],
        ["2021", "All areas", "no items recorded"],
        ["2022", "All areas", "2", "4", "50%"],
        ["2022", "1. Transport", "2", "3", "67%"],
        ["2022", "2. Energy", "0", "1", "0%"],
    ]
    chart = queries.implementation_chart(plans_world, queries.implementation_of(plans_world))
    assert [heading.text for heading in chart.headings] == ["Work plan 2022"]
    assert [(row.label, row.total) for row in chart.rows] == [
        ("All areas", "50% (2 of 4)"),
        ("1. Transport", "67% (2 of 3)"),
        ("2. Energy", "0% (0 of 1)"),
    ]
    transport = chart.rows[1].segments[0]
    assert transport.width == round(chart.plot_width * 67 / 100, 1)
    assert read_csv(client.get(chart_url(plans_world, "implementation"))) == [
        ["Plan year", "Area number", "Area", "Items done", "Items", "Rate (%)"],
        ["2021", "", "", "0", "0", ""],
        ["2022", "1", "Transport", "2", "3", "67"],
        ["2022", "2", "Energy", "0", "1", "0"],
    ]


# Projects ---------------------------------------------------------------------------------------------


@pytest.fixture
def projects_world(forum):
    kz, kr, tj = states("KZ", "KR", "TJ")
    energy = factories.FieldFactory(name="Energy")
    health = factories.FieldFactory(name="Health")
    day = dt.date(2022, 3, 1)
    project_propose(
        forum=forum, title="Solar farms", proposing_states=[kz], field=energy, proposed_on=day
    )
    grid = project_propose(
        forum=forum, title="Power grid", proposing_states=[kz, kr], field=energy, proposed_on=day
    )
    project_decide(project=grid, status=ProjectStatus.AGREED, on=dt.date(2022, 9, 1), today=TODAY)
    clinics = project_propose(
        forum=forum, title="Clinics", proposing_states=[kr], field=health, proposed_on=day
    )
    project_decide(project=clinics, status=ProjectStatus.DROPPED, on=day, today=TODAY)
    project_propose(forum=forum, title="Exchanges", proposing_states=[tj], proposed_on=day)
    return forum


def test_project_counts(projects_world):
    counts = queries.project_data(projects_world)
    # proposed, under study, agreed, under way, completed, dropped
    assert [(row.label, row.counts) for row in counts.by_field] == [
        ("Energy", [1, 0, 1, 0, 0, 0]),
        ("Health", [0, 0, 0, 0, 0, 1]),
        ("", [1, 0, 0, 0, 0, 0]),
    ]
    assert [(row.label, row.counts) for row in counts.by_state] == [
        ("Kazakhstan", [1, 0, 1, 0, 0, 0]),
        ("Republic of Korea", [0, 0, 1, 0, 0, 1]),
        ("Tajikistan", [1, 0, 0, 0, 0, 0]),
    ]
    assert (counts.totals, counts.total) == ([2, 0, 1, 0, 0, 1], 4)


def test_projects_on_the_page_and_in_csv(client, projects_world):
    html = client.get(glance_url(projects_world)).content.decode()
    header = ["proposed", "under study", "agreed", "under way", "completed", "dropped", "Total"]
    assert table_rows(html, "projects") == [
        ["Field", *header],
        ["Energy", "1", "0", "1", "0", "0", "0", "2"],
        ["Health", "0", "0", "0", "0", "0", "1", "1"],
        ["field not recorded", "1", "0", "0", "0", "0", "0", "1"],
        ["All fields", "2", "0", "1", "0", "0", "1", "4"],
        ["State", *header],
        ["Kazakhstan", "1", "0", "1", "0", "0", "0", "2"],
        ["Republic of Korea", "0", "0", "1", "0", "0", "1", "2"],
        ["Tajikistan", "1", "0", "0", "0", "0", "0", "1"],
    ]
    rows = read_csv(client.get(chart_url(projects_world, "projects")))
    assert rows[0] == ["By", "Field or state", "Status", "Projects"]
    assert [row for row in rows[1:] if row[3] != "0"] == [
        ["field", "Energy", "proposed", "1"],
        ["field", "Energy", "agreed", "1"],
        ["field", "Health", "dropped", "1"],
        ["field", "field not recorded", "proposed", "1"],
        ["proposing state", "Kazakhstan", "proposed", "1"],
        ["proposing state", "Kazakhstan", "agreed", "1"],
        ["proposing state", "Republic of Korea", "agreed", "1"],
        ["proposing state", "Republic of Korea", "dropped", "1"],
        ["proposing state", "Tajikistan", "proposed", "1"],
    ]
    assert len(rows) == 1 + 6 * (3 + 3)


# Experts ----------------------------------------------------------------------------------------------


@pytest.fixture
def experts_world(forum):
    kz, kr = states("KZ", "KR")
    energy = factories.FieldFactory(name="Energy")
    health = factories.FieldFactory(name="Health")
    first = factories.EditionFactory(forum=forum, number=1)
    second = factories.EditionFactory(forum=forum, number=2)
    session = factories.MeetingFactory(edition=first, kind=MeetingKind.EXPERT_SESSION, field=health)
    add = factories.ExpertParticipationFactory
    add(edition=first, field=energy, state=kz, count=10)
    add(edition=first, field=energy, state=kr, count=5, approximate=True)
    add(edition=first, meeting=session, state=kz, count=3)  # the session's field: health
    add(edition=first, field=energy, state=kz, count=2)
    add(edition=second, count=100, approximate=True)
    return forum


def test_expert_counts(experts_world):
    counts = queries.expert_data(experts_world)
    assert [f.name if f else None for f in counts.fields] == ["Energy", "Health", None]
    assert [
        (edition.number, [str(f) for f in figures], str(total))
        for edition, figures, total in counts.edition_rows()
    ] == [
        (1, ["about 17", "3", ""], "about 20"),
        (2, ["", "", "about 100"], "about 100"),
    ]
    assert [
        (state.name if state else None, [str(f) for f in figures], str(total))
        for state, figures, total in counts.state_rows()
    ] == [
        ("Kazakhstan", ["15", ""], "15"),
        ("Republic of Korea", ["about 5", ""], "about 5"),
        (None, ["", "about 100"], "about 100"),
    ]
    assert str(counts.total) == "about 120"


def test_experts_on_the_page_and_in_csv(client, experts_world):
    html = client.get(glance_url(experts_world)).content.decode()
    assert table_rows(html, "experts") == [
        ["Edition", "Energy", "Health", "field not recorded", "Total"],
        ["1st", "about 17", "3", "—", "about 20"],
        ["2nd", "—", "—", "about 100", "about 100"],
        ["All editions", "about 17", "3", "about 100", "about 120"],
        ["State", "1st", "2nd", "Total"],
        ["Kazakhstan", "15", "—", "15"],
        ["Republic of Korea", "about 5", "—", "about 5"],
        ["state not recorded", "—", "about 100", "about 100"],
    ]
    assert read_csv(client.get(chart_url(experts_world, "experts"))) == [
        ["Edition", "Field", "State", "Experts", "Approximate"],
        ["1", "Energy", "Kazakhstan", "12", "no"],
        ["1", "Energy", "Republic of Korea", "5", "yes"],
        ["1", "Health", "Kazakhstan", "3", "no"],
        ["2", "", "", "100", "yes"],
    ]


# The record, for download --------------------------------------------------------------------------


@pytest.fixture
def record_world(forum):
    kz, kg, kr = states("KZ", "KG", "KR")
    agency = factories.OrganizationFactory(name="Korea Forest Service")
    earlier_plan = factories.WorkPlanFactory(forum=forum, year=2021)
    earlier = factories.WorkPlanItemFactory(
        plan=earlier_plan,
        area=factories.WorkPlanAreaFactory(plan=earlier_plan, number=1, name="Forestry"),
        number="1.1",
        text="Plant trees",
    )
    plan = factories.WorkPlanFactory(forum=forum, year=2022)
    area = factories.WorkPlanAreaFactory(plan=plan, number=1, name="Forestry")
    later = factories.WorkPlanItemFactory(
        plan=plan,
        area=area,
        number="1.10",
        text='Survey, then plant "more" trees',
        responsible_state=kr,
        responsible_organization=agency,
        target_date=dt.date(2022, 12, 31),
        carried_over_from=earlier,
    )
    factories.WorkPlanItemFactory(plan=plan, area=area, number="1.2", text="Train rangers")
    item_report(item=later, year=2022, status=ItemStatus.UNDER_WAY, today=TODAY)
    item_report(item=later, year=2023, status=ItemStatus.DONE, today=TODAY)

    document = factories.OutcomeDocumentFactory(
        forum=forum,
        edition=factories.EditionFactory(forum=forum, number=14),
        title="Joint Statement",
        status=DocumentStatus.ADOPTED,
        adopted_on=dt.date(2021, 11, 30),
        adoption_method=AdoptionMethod.AT_MEETING,
    )
    promise = commitment_mark(
        document=document, text="Hold a seminar", responsible_states=[kr, kz], paragraph_number=5
    )
    commitment_assess(
        commitment=promise,
        state=kr,
        compliance=Compliance.PARTIAL,
        assessed_on=dt.date(2022, 6, 1),
        today=TODAY,
    )
    commitment_assess(
        commitment=promise,
        state=kr,
        compliance=Compliance.FULL,
        assessed_on=dt.date(2023, 6, 1),
        evidence="Held in Almaty",
        evidence_url="https://example.org/seminar",
        today=TODAY,
    )
    draft = factories.OutcomeDocumentFactory(forum=forum, title="Draft statement")
    draft.commitments.create(text="A promise in a draft")  # not exported: not adopted

    project_propose(
        forum=forum,
        title="Городские леса 도시숲",
        proposing_states=[kr, kg],
        partners=[agency],
        origin_item=later,
        budget_amount=Decimal("150000.50"),
        budget_currency="usd",
        proposed_on=dt.date(2022, 3, 1),
    )
    seeds = project_propose(
        forum=forum,
        title="Seed bank",
        proposing_states=[kz],
        field=factories.FieldFactory(name="Forestry"),
        proposed_on=dt.date(2022, 4, 1),
    )
    project_decide(project=seeds, status=ProjectStatus.AGREED, on=dt.date(2023, 2, 1), today=TODAY)
    return forum


WORK_PLAN_ITEMS = [
    (
        "Plan year",
        "Area",
        "Item",
        "Text",
        "Responsible state",
        "Responsible organisation",
        "Target date",
        "Current status",
        "Last reported",
        "Carried over from",
    ),
    (2021, "Forestry", "1.1", "Plant trees", None, None, None, "planned", None, None),
    (2022, "Forestry", "1.2", "Train rangers", None, None, None, "planned", None, None),
    (
        2022,
        "Forestry",
        "1.10",
        'Survey, then plant "more" trees',
        "Republic of Korea",
        "Korea Forest Service",
        dt.date(2022, 12, 31),
        "done",
        2023,
        "2021/1.1",
    ),
]

COMMITMENTS = [
    (
        "Edition",
        "Document",
        "Paragraph",
        "Text",
        "State",
        "Latest compliance",
        "Assessed on",
        "Evidence",
    ),
    (14, "Joint Statement", 5, "Hold a seminar", "Kazakhstan", None, None, None),
    (
        14,
        "Joint Statement",
        5,
        "Hold a seminar",
        "Republic of Korea",
        "full",
        dt.date(2023, 6, 1),
        "Held in Almaty\nhttps://example.org/seminar",
    ),
]

PROJECTS = [
    (
        "Title",
        "Field",
        "Status",
        "Proposing states",
        "Partners",
        "Budget",
        "Currency",
        "Origin",
        "Proposed on",
        "Last status change",
    ),
    (
        "Seed bank",
        "Forestry",
        "agreed",
        "Kazakhstan",
        None,
        None,
        None,
        None,
        dt.date(2022, 4, 1),
        dt.date(2023, 2, 1),
    ),
    (
        "Городские леса 도시숲",
        None,
        "proposed",
        "Kyrgyzstan; Republic of Korea",
        "Korea Forest Service",
        Decimal("150000.50"),
        "USD",
        "work-plan item 2022/1.10",
        dt.date(2022, 3, 1),
        dt.date(2022, 3, 1),
    ),
]

RECORD = {"work-plan-items": WORK_PLAN_ITEMS, "commitments": COMMITMENTS, "projects": PROJECTS}


def as_csv_cells(row) -> list[str]:
    return ["" if v is None else v.isoformat() if isinstance(v, dt.date) else str(v) for v in row]


@pytest.mark.parametrize("what", sorted(RECORD))
def test_export_csv_reads_back(client, record_world, what):
    response = client.get(export_url(record_world, what, "csv"))
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        "text/csv; charset=utf-8",
        f'attachment; filename="kca-{what}.csv"',
    )
    assert read_csv(response) == [as_csv_cells(row) for row in RECORD[what]]


@pytest.mark.parametrize("what", sorted(RECORD))
def test_export_xlsx_reads_back(client, record_world, what):
    response = client.get(export_url(record_world, what, "xlsx"))
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f'attachment; filename="kca-{what}.xlsx"',
    )
    expected = [
        tuple(
            dt.datetime.combine(v, dt.time()) if isinstance(v, dt.date) else v
            for v in (float(v) if isinstance(v, Decimal) else v for v in row)
        )
        for row in RECORD[what]
    ]
    assert read_xlsx(response) == expected


def test_xlsx_has_a_frozen_bold_header_and_real_dates(client, record_world):
    response = client.get(export_url(record_world, "work-plan-items", "xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    target = sheet["G4"]
    assert (
        sheet.title,
        sheet.freeze_panes,
        all(cell.font.bold for cell in sheet[1]),
        target.is_date,
        target.value,
        target.number_format,
        sheet["I4"].data_type,
    ) == (
        "Work-plan items",
        "A2",
        True,
        True,
        dt.datetime(2022, 12, 31),
        "yyyy-mm-dd",
        "n",
    )
    assert 8 <= sheet.column_dimensions["D"].width <= 60


# Files in general ---------------------------------------------------------------------------------


def test_csv_quotes_as_rfc_4180_and_keeps_scripts():
    text = csv_content(
        ["Name", "Note"],
        [
            ["Қазақстан", 'She said "yes", then left'],
            ["대한민국", "two\nlines"],
            [None, dt.date(2021, 11, 30)],
        ],
    )
    assert text == (
        "\ufeffName,Note\r\n"
        'Қазақстан,"She said ""yes"", then left"\r\n'
        '대한민국,"two\nlines"\r\n'
        ",2021-11-30\r\n"
    )


def test_a_formula_is_never_run():
    """A cell that a spreadsheet would take for a formula stays text."""
    assert csv_content(["A"], [["=1+1"], ["@SUM(A1)"], ["-2"], [-2]]) == (
        "\ufeffA\r\n'=1+1\r\n'@SUM(A1)\r\n'-2\r\n-2\r\n"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_content("A", ["A"], [["=1+1"], [-2]]))).active
    assert [(c.value, c.data_type) for (c,) in sheet.iter_rows(min_row=2)] == [
        ("=1+1", "s"),
        (-2, "n"),
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/forums/kca/glance/nothing.csv",
        "/forums/kca/glance/glance.csv",
        "/forums/kca/exports/nothing.csv",
        "/forums/kca/exports/projects.pdf",
        "/forums/kca/exports/projects.xls",
        "/forums/no-such-forum/glance/",
        "/forums/no-such-forum/glance/projects.csv",
        "/forums/no-such-forum/exports/projects.csv",
    ],
)
def test_unknown_chart_or_download_is_404(client, forum, url):
    assert client.get(url).status_code == 404


# The page --------------------------------------------------------------------------------------------


def test_glance_answers_anonymous_with_accessible_charts(
    client, representation_world, plans_world, projects_world, experts_world
):
    """The ``kca`` forum holds plans, projects and experts (and held editions, so a grid of
    ranks, empty); the ranks are in the ``duo`` forum."""
    for forum in (representation_world, plans_world):
        response = client.get(glance_url(forum))
        html = response.content.decode()
        assert (response.status_code, markup_problems(html)) == (200, [])
    svgs = [part.split(">", 1)[0] for part in html.split("<svg ")[1:]]
    charts_shown = [
        "representation-chart",
        "implementation-chart",
        "projects-chart",
        "experts-chart",
    ]
    assert len(svgs) == len(charts_shown)
    for chart_id, svg in zip(charts_shown, svgs, strict=True):
        assert 'role="img"' in svg
        assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg
        assert f'<title id="{chart_id}-title">' in html
        assert f'<desc id="{chart_id}-desc">' in html
    representation_html = client.get(glance_url(representation_world)).content.decode()
    assert '<title id="representation-chart-title">Level of representation' in representation_html


def test_glance_of_an_empty_forum(client, forum):
    html = client.get(glance_url(forum)).content.decode()
    assert (
        "<svg" in html,
        "No work plan is recorded yet." in html,
        "No project is recorded yet." in html,
        "No expert is recorded yet." in html,
        markup_problems(html),
    ) == (False, True, True, True, [])


def test_glance_svg_numbers_ignore_the_reader_language(client, plans_world):
    """A Russian browser writes decimals with a comma; the SVG's coordinates must not."""
    html = client.get(glance_url(plans_world), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    numbers = re.findall(r' (?:x|y|x1|x2|y1|y2|width|height|viewBox)="([^"]*)"', svg)
    assert (len(numbers) > 20, [n for n in numbers if "," in n]) == (True, [])


# Charts ----------------------------------------------------------------------------------------------


def test_bar_chart_geometry():
    chart = charts.bar_chart(
        chart_id="c",
        title="t",
        description="d",
        rows=[
            charts.BarInput("A", [3, 1], "4", ["a1", "a2"]),
            charts.BarInput("B", [0, 2], "2", ["b1", "b2"]),
        ],
        series=["one", "two"],
    )
    scale = chart.plot_width / 4  # the axis runs to 4 (ticks of 1)
    assert [t.label for t in chart.ticks] == ["0", "1", "2", "3", "4"]
    assert [[(s.x, s.width, s.fill, s.title) for s in row.segments] for row in chart.rows] == [
        [
            (chart.plot_x, round(3 * scale, 1), 0, "a1"),
            (round(chart.plot_x + 3 * scale, 1), round(scale, 1), 1, "a2"),
        ],
        [(chart.plot_x, round(2 * scale, 1), 1, "b2")],
    ]
    assert [item.label for item in chart.legend] == ["one", "two"]


def test_shades_follow_rank_levels():
    assert [
        charts.shade_of(rank)
        for rank in [
            Rank.HEAD_OF_STATE,
            Rank.FOREIGN_MINISTER,
            Rank.DEPUTY_MINISTER,
            Rank.AMBASSADOR,
            Rank.OFFICIAL,
            "",
        ]
    ] == [5, 4, 3, 2, 1, 0]


def test_nice_steps():
    assert [charts.nice_step(n) for n in [0, 4, 7, 30, 120, 999]] == [1, 1, 2, 10, 50, 500]


# A fixed number of queries, whatever the amount of data ------------------------------------------

EXTRA = ["JP", "CN", "US", "DE", "FR", "IN", "TR", "MN"]


def grow(forum, times: int, start: int = 0) -> None:
    """Add ``times`` more of everything the page and the downloads show."""
    for i in range(start, start + times):
        kz, kr = states("KZ", "KR")
        extra = factories.state(EXTRA[i])
        state_name_set(state=extra, language="ru", name=f"Государство {i}")
        factories.MembershipFactory(forum=forum, state=extra)
        field = factories.FieldFactory(name=f"Field {i}")
        organization = factories.OrganizationFactory()

        edition = factories.EditionFactory(forum=forum, number=30 + i)
        plenary = factories.MeetingFactory(edition=edition, kind=MeetingKind.MINISTERIAL)
        closing = factories.MeetingFactory(edition=edition, kind=MeetingKind.CLOSING_CEREMONY)
        for meeting in (plenary, closing):
            for state in (kz, extra):
                delegation(meeting, state, Rank.MINISTER)
        session = factories.MeetingFactory(
            edition=edition, kind=MeetingKind.EXPERT_SESSION, field=field
        )
        factories.ExpertParticipationFactory(edition=edition, field=field, state=kr)
        factories.ExpertParticipationFactory(edition=edition, meeting=session, state=extra)

        plan = factories.WorkPlanFactory(forum=forum, year=2015 + i)
        area = factories.WorkPlanAreaFactory(plan=plan, number=1, field=field)
        previous = None
        for number in range(3):
            item = factories.WorkPlanItemFactory(
                plan=plan,
                area=area,
                number=str(number + 1),
                responsible_state=extra,
                responsible_organization=organization,
                carried_over_from=previous,
            )
            item_report(item=item, year=2023, status=ItemStatus.DONE, today=TODAY)
            previous = item

        document = factories.OutcomeDocumentFactory(
            forum=forum,
            edition=edition,
            status=DocumentStatus.ADOPTED,
            adopted_on=dt.date(2021, 1, 1),
            adoption_method=AdoptionMethod.AT_MEETING,
        )
        promise = commitment_mark(document=document, text="Promise", responsible_states=[kz, extra])
        commitment_assess(
            commitment=promise,
            state=extra,
            compliance=Compliance.FULL,
            assessed_on=dt.date(2022, 1, 1),
            today=TODAY,
        )
        project = project_propose(
            forum=forum,
            title=f"Project {i}",
            proposing_states=[kz, extra],
            partners=[organization],
            field=field,
            origin_item=item,
            proposed_on=dt.date(2022, 1, 1),
        )
        project_decide(
            project=project, status=ProjectStatus.AGREED, on=dt.date(2022, 2, 1), today=TODAY
        )


EXPECTED_QUERIES = {
    "glance": 12,
    "representation.csv": 5,
    "implementation.csv": 5,
    "projects.csv": 5,
    "experts.csv": 4,
    "work-plan-items.csv": 3,
    "work-plan-items.xlsx": 3,
    "commitments.csv": 6,
    "commitments.xlsx": 6,
    "projects.csv export": 7,
    "projects.xlsx": 7,
}


def url_of(forum, name: str) -> str:
    if name == "glance":
        return glance_url(forum)
    if name == "projects.csv export":
        return export_url(forum, "projects", "csv")
    stem, fmt = name.split(".")
    if stem in {"representation", "implementation", "projects", "experts"} and fmt == "csv":
        return chart_url(forum, stem)
    return export_url(forum, stem, fmt)


@pytest.mark.parametrize("name", list(EXPECTED_QUERIES))
def test_query_count_does_not_grow_with_data(client, forum, name):
    forum.precedence = Precedence.RUSSIAN
    forum.save()
    grow(forum, 1)
    small = count_queries(client, url_of(forum, name))
    grow(forum, 3, start=1)
    large = count_queries(client, url_of(forum, name))
    assert (small, large) == (EXPECTED_QUERIES[name], EXPECTED_QUERIES[name])


# Who may read it -------------------------------------------------------------------------------------

STATS_ROLES = (
    "anonymous",
    "expert",
    "focal_point",
    "other_secretariat",
    "secretariat",
    "superuser",
)
STATS_PAGES = {
    "GET glance": lambda f: glance_url(f),
    **{
        f"GET {chart}.csv": (lambda c: lambda f: chart_url(f, c))(chart)
        for chart in ("representation", "implementation", "projects", "experts")
    },
    **{
        f"GET {what}.{fmt}": (lambda w, x: lambda f: export_url(f, w, x))(what, fmt)
        for what in ("work-plan-items", "commitments", "projects")
        for fmt in ("csv", "xlsx")
    },
}


@pytest.mark.parametrize("role", STATS_ROLES)
@pytest.mark.parametrize("page", STATS_PAGES)
def test_everyone_reads_the_glance_and_the_downloads(client, forum, role, page):
    """The glance page and every file are the public record: each role, signed in or not, gets
    them, and a write method is refused."""
    from django.contrib.auth import get_user_model

    from plenary.accounts.domain import role_grant
    from plenary.accounts.enums import RoleKind

    users = get_user_model().objects
    other_forum = factories.ForumFactory()
    user = {
        "anonymous": None,
        "expert": (users.create_user("expert"), forum, RoleKind.EXPERT, None),
        "focal_point": (users.create_user("focal"), forum, RoleKind.FOCAL_POINT, "KZ"),
        "other_secretariat": (users.create_user("other"), other_forum, RoleKind.SECRETARIAT, None),
        "secretariat": (users.create_user("sec"), forum, RoleKind.SECRETARIAT, None),
        "superuser": (users.create_superuser("root", "root@example.org", "x"), None, None, None),
    }[role]
    if user is not None:
        account, role_forum, kind, code = user
        if kind is not None:
            role_grant(
                user=account,
                forum=role_forum,
                kind=kind,
                state=factories.state(code) if code else None,
            )
        client.force_login(account)
    url = STATS_PAGES[page](forum)

    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405
