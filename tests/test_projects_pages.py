"""The pages of cooperation projects: who may open and do what, the workflow of statuses through
the pages, projects born from proposals and work-plan items, the filters of the list, and a fixed
number of queries whatever the amount of data.

``MATRIX`` has one row per page or action and one column per role, as in ``test_permissions``:

- projects are public: their pages answer everyone;
- proposing a project is for signed-in users: an anonymous visitor is sent to log in; a signed-in
  user who may not propose gets 403; a proposal or work-plan item of another forum answers 404;
- a step the role may not take answers 403; a step the role may take but the rules refuse
  answers 400 with the reason;
- an address mixing one forum with another forum's project answers 404.

An allowed action must have done what it says; a refused one must have changed nothing: the same
rows, statuses and audit entries before and after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.common.domain import cite
from plenary.common.models import AuditEntry
from plenary.forums.domain import state_ensure
from plenary.forums.enums import Precedence
from plenary.forums.models import Membership
from plenary.projects.domain import project_decide, project_propose, project_report_add
from plenary.projects.models import Project, ProjectReport, ProjectStatusChange
from tests import factories
from tests.matrix import (
    DONE,
    FORBIDDEN,
    HIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    REFUSED,
    SHOWN,
    cases,
    check_answer,
)
from tests.test_pages import count_queries, markup_problems

pytestmark = pytest.mark.django_db

User = get_user_model()

ROLES = (
    "anonymous",  # the public
    "expert",  # an expert of the forum
    "proposing_focal",  # focal point of a proposing state (Kazakhstan)
    "other_focal",  # focal point of another member state (Uzbekistan)
    "other_secretariat",  # secretariat of another forum
    "secretariat",  # secretariat of this forum
    "superuser",  # a Django superuser with no role in any forum
)


# fmt: off
MATRIX: dict[str, tuple] = {
    #                                              anonymous  expert     prop_focal other_focal other_sec  secretariat superuser
    "GET list":                                   (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET list: the propose link":                 (HIDDEN,    HIDDEN,    SHOWN,     SHOWN,     HIDDEN,    SHOWN,     HIDDEN),
    "GET list filtered":                          (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET project":                                (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET project: the decide form":               (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    SHOWN,     HIDDEN),
    "GET project: the report form":               (HIDDEN,    HIDDEN,    SHOWN,     HIDDEN,    HIDDEN,    SHOWN,     HIDDEN),
    "GET another forum's project here":           (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "GET new":                                    (LOGIN,     FORBIDDEN, OK,        OK,        FORBIDDEN, OK,        FORBIDDEN),
    "GET new from a proposal":                    (LOGIN,     FORBIDDEN, OK,        OK,        FORBIDDEN, OK,        FORBIDDEN),
    "GET new from another forum's proposal":      (LOGIN,     FORBIDDEN, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN),
    "GET new from another forum's item":          (LOGIN,     FORBIDDEN, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND, FORBIDDEN),
    "POST new naming one's own state":            (LOGIN,     FORBIDDEN, DONE,      DONE,      FORBIDDEN, DONE,      FORBIDDEN),
    "POST new from a proposal":                   (LOGIN,     FORBIDDEN, DONE,      DONE,      FORBIDDEN, DONE,      FORBIDDEN),
    "POST new naming only another state":         (LOGIN,     FORBIDDEN, REFUSED,   REFUSED,   FORBIDDEN, DONE,      FORBIDDEN),
    "POST new with a title already taken":        (LOGIN,     FORBIDDEN, REFUSED,   REFUSED,   FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST decide: proposed to agreed":            (FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST decide: completed to dropped":          (FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST decide on another forum's project here": (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST report":                                (FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST report for Korea":                      (FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST report dated tomorrow":                 (FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    "POST report on a completed project of others": (FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE,   FORBIDDEN),
}
# fmt: on

FOREST = "Forestry cooperation centre"
HEALTH = "Digital health records"
PROPOSAL_TEXT = "A forestry cooperation centre in Astana, with KOICA."


# The world every cell is tried in ----------------------------------------------------------------


@dataclass
class World:
    forum: Any
    other_forum: Any
    users: dict[str, Any]
    states: dict[str, Any]
    meeting: Any
    proposal: Any
    item: Any
    forest: Project  # proposed by Kazakhstan and Korea, born from ``proposal``
    health: Project  # proposed by Kyrgyzstan, completed
    foreign: Project  # a project of the other forum
    foreign_proposal: Any
    foreign_item: Any

    def url(self, name: str, project: Project | None = None, **kwargs) -> str:
        if project is not None:
            kwargs["pk"] = project.pk
        return reverse(f"projects:{name}", kwargs={"forum": self.forum.slug, **kwargs})

    def state_of(self, role: str):
        """The state a role speaks for; Kazakhstan for roles that speak for none."""
        return self.states["UZ"] if role == "other_focal" else self.states["KZ"]


def make_world() -> World:
    forum = factories.ForumFactory(slug="kca", name="Korea–Central Asia Cooperation Forum")
    states = {code: factories.state(code) for code in ["KR", "KZ", "KG", "TJ", "TM", "UZ"]}
    states["KR"] = state_ensure("KR", name="Republic of Korea")
    for state in states.values():
        factories.MembershipFactory(forum=forum, state=state)
    other_forum = factories.ForumFactory(slug="japan", name="Central Asia plus Japan Dialogue")
    factories.MembershipFactory(forum=other_forum, state=states["KZ"])

    users: dict[str, Any] = {"anonymous": None}
    for role in ROLES[1:]:
        users[role] = User.objects.create_user(role, f"{role}@example.org")
    users["superuser"].is_staff = users["superuser"].is_superuser = True
    users["superuser"].save()
    role_grant(user=users["expert"], forum=forum, kind=RoleKind.EXPERT)
    role_grant(
        user=users["proposing_focal"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["KZ"]
    )
    role_grant(
        user=users["other_focal"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["UZ"]
    )
    role_grant(user=users["other_secretariat"], forum=other_forum, kind=RoleKind.SECRETARIAT)
    role_grant(user=users["secretariat"], forum=forum, kind=RoleKind.SECRETARIAT)
    secretariat = users["secretariat"]

    forestry = factories.FieldFactory(name="Forestry", slug="forestry")
    edition = factories.EditionFactory(forum=forum, number=16, start_date=dt.date(2022, 11, 1))
    meeting = factories.MeetingFactory(edition=edition, title="Ministerial meeting")
    proposal = factories.ProposalFactory(
        statement__meeting=meeting,
        statement__delegation__state=states["KZ"],
        text=PROPOSAL_TEXT,
        field=forestry,
    )
    koica = factories.OrganizationFactory(name="Korea International Cooperation Agency")
    koica.short_name = "KOICA"
    koica.save()
    proposal.partners.add(koica)
    plan = factories.WorkPlanFactory(forum=forum, year=2022)
    item = factories.WorkPlanItemFactory(
        plan=plan, number="3.2", text="A joint study of water use.", responsible_state=states["TJ"]
    )
    forest = project_propose(
        forum=forum,
        title=FOREST,
        proposing_states=[states["KZ"], states["KR"]],
        proposed_on=dt.date(2023, 1, 10),
        origin_proposal=proposal,
        partners=[koica],
        field=forestry,
        by=secretariat,
    )
    health = project_propose(
        forum=forum,
        title=HEALTH,
        proposing_states=[states["KG"]],
        proposed_on=dt.date(2023, 2, 1),
        by=secretariat,
    )
    for status, on in [("agreed", (2023, 3, 1)), ("under_way", (2023, 4, 1)), ("completed", (2024, 1, 15))]:  # fmt: skip
        project_decide(project=health, status=status, on=dt.date(*on), by=secretariat)

    other_edition = factories.EditionFactory(forum=other_forum, number=3)
    foreign_proposal = factories.ProposalFactory(
        statement__meeting=factories.MeetingFactory(edition=other_edition),
        statement__delegation__state=states["KZ"],
    )
    foreign_item = factories.WorkPlanItemFactory(plan=factories.WorkPlanFactory(forum=other_forum))
    foreign = project_propose(
        forum=other_forum,
        title="Silk road heritage",
        proposing_states=[states["KZ"]],
        proposed_on=dt.date(2023, 5, 5),
    )
    return World(
        forum=forum,
        other_forum=other_forum,
        users=users,
        states=states,
        meeting=meeting,
        proposal=proposal,
        item=item,
        forest=forest,
        health=health,
        foreign=foreign,
        foreign_proposal=foreign_proposal,
        foreign_item=foreign_item,
    )


# What each row asks and what an allowed action must have done ------------------------------------


def snapshot() -> tuple:
    """Everything a refused action must leave as it was."""
    return (
        [
            model.objects.count()
            for model in (
                Project,
                ProjectStatusChange,
                ProjectReport,
                AuditEntry,
                Project.proposing_states.through,
                Project.partners.through,
            )
        ],
        list(Project.objects.order_by("pk").values_list("pk", "title", "status")),
    )


@dataclass(frozen=True)
class Row:
    method: str
    url: Callable[[World], str]
    data: Callable[[World, str], dict] = lambda world, role: {}
    shows: Callable[[World], str] | None = None  # for SHOWN / HIDDEN cells
    effect: Callable[..., None] | None = None  # for DONE cells: (world, role, response)
    refusal: str = ""  # for REFUSED cells: the reason on the page


def _new_data(world: World, states, title: str = "Steppe water study", **extra) -> dict:
    return {
        "title": title,
        "description": "A study of water use across the steppe.",
        "proposing_states": [state.pk for state in states],
        "budget_amount": "250000",
        "budget_currency": "usd",
        "proposed_on": "2024-03-01",
        **extra,
    }


def _proposed(title: str, *, from_proposal: bool) -> Callable[..., None]:
    def check(world, role, response):
        project = Project.objects.get(forum=world.forum, title=title)
        assert response["Location"] == world.url("project", project)
        assert {s.pk for s in project.proposing_states.all()} == {world.state_of(role).pk}
        assert project.origin_proposal == (world.proposal if from_proposal else None)
        assert (project.status, project.budget_currency) == ("proposed", "USD")
        assert list(project.status_history.values_list("status", "on")) == [
            ("proposed", dt.date(2024, 3, 1))
        ]

    return check


def _proposed_by_korea(world, role, response):
    project = Project.objects.get(forum=world.forum, title="Steppe water study")
    assert list(project.proposing_states.all()) == [world.states["KR"]]


def _agreed(world, role, response):
    assert response["Location"] == world.url("project", world.forest) + "#history"
    project = Project.objects.get(pk=world.forest.pk)
    assert project.status == "agreed"
    assert list(project.status_history.values_list("status", "note")) == [
        ("proposed", ""),
        ("agreed", "Agreed at the senior officials' meeting."),
    ]


def _reported(project_of: Callable[[World], Project]) -> Callable[..., None]:
    def check(world, role, response):
        project = project_of(world)
        assert response["Location"] == world.url("project", project) + "#reports"
        report = ProjectReport.objects.get(project=project)
        expected_state = None if role == "secretariat" else world.states["KZ"]
        assert (report.text, report.state, report.reported_by, report.evidence_url) == (
            "The centre's site is chosen.",
            expected_state,
            world.users[role],
            "https://example.org/site",
        )

    return check


def _report_data(world: World, role: str, state=None, on: dt.date | None = None) -> dict:
    data = {
        "report-text": "The centre's site is chosen.",
        "report-reported_on": (on or dt.date(2024, 2, 1)).isoformat(),
        "report-evidence_url": "https://example.org/site",
    }
    if state is not None:
        data["report-state"] = state.pk
    elif role != "secretariat":
        data["report-state"] = world.states["KZ"].pk
    return data


def _tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


ROWS: dict[str, Row] = {
    "GET list": Row("GET", lambda w: w.url("projects")),
    "GET list: the propose link": Row(
        "GET", lambda w: w.url("projects"), shows=lambda w: w.url("project_new")
    ),
    "GET list filtered": Row("GET", lambda w: w.url("projects") + "?status=completed&state=KG"),
    "GET project": Row("GET", lambda w: w.url("project", w.forest)),
    "GET project: the decide form": Row(
        "GET",
        lambda w: w.url("project", w.forest),
        shows=lambda w: w.url("project_decide", w.forest),
    ),
    "GET project: the report form": Row(
        "GET",
        lambda w: w.url("project", w.forest),
        shows=lambda w: w.url("project_report", w.forest),
    ),
    "GET another forum's project here": Row("GET", lambda w: w.url("project", w.foreign)),
    "GET new": Row("GET", lambda w: w.url("project_new")),
    "GET new from a proposal": Row(
        "GET", lambda w: w.url("project_new") + f"?proposal={w.proposal.pk}"
    ),
    "GET new from another forum's proposal": Row(
        "GET", lambda w: w.url("project_new") + f"?proposal={w.foreign_proposal.pk}"
    ),
    "GET new from another forum's item": Row(
        "GET", lambda w: w.url("project_new") + f"?item={w.foreign_item.pk}"
    ),
    "POST new naming one's own state": Row(
        "POST",
        lambda w: w.url("project_new"),
        data=lambda w, role: _new_data(w, [w.state_of(role)]),
        effect=_proposed("Steppe water study", from_proposal=False),
    ),
    "POST new from a proposal": Row(
        "POST",
        lambda w: w.url("project_new"),
        data=lambda w, role: _new_data(
            w, [w.state_of(role)], title="Forestry centre, second phase", proposal=w.proposal.pk
        ),
        effect=_proposed("Forestry centre, second phase", from_proposal=True),
    ),
    "POST new naming only another state": Row(
        "POST",
        lambda w: w.url("project_new"),
        data=lambda w, role: _new_data(w, [w.states["KR"]]),
        effect=_proposed_by_korea,
        refusal="among the proposing states.",
    ),
    "POST new with a title already taken": Row(
        "POST",
        lambda w: w.url("project_new"),
        data=lambda w, role: _new_data(w, [w.state_of(role)], title=FOREST),
        refusal="already has a project of that title.",
    ),
    "POST decide: proposed to agreed": Row(
        "POST",
        lambda w: w.url("project_decide", w.forest),
        data=lambda w, role: {
            "decide-status": "agreed",
            "decide-on": "2023-06-01",
            "decide-note": "Agreed at the senior officials' meeting.",
        },
        effect=_agreed,
    ),
    "POST decide: completed to dropped": Row(
        "POST",
        lambda w: w.url("project_decide", w.health),
        data=lambda w, role: {"decide-status": "dropped", "decide-on": "2024-02-01"},
        refusal="This project is completed; its status can no longer change.",
    ),
    "POST decide on another forum's project here": Row(
        "POST",
        lambda w: w.url("project_decide", w.foreign),
        data=lambda w, role: {"decide-status": "agreed", "decide-on": "2023-06-01"},
    ),
    "POST report": Row(
        "POST",
        lambda w: w.url("project_report", w.forest),
        data=lambda w, role: _report_data(w, role),
        effect=_reported(lambda w: w.forest),
    ),
    # Kazakhstan's focal point may not report for Korea, a fellow proposing state; the
    # secretariat's form has no state to choose, so it reports as the secretariat.
    "POST report for Korea": Row(
        "POST",
        lambda w: w.url("project_report", w.forest),
        data=lambda w, role: _report_data(w, role, state=w.states["KR"]),
        effect=_reported(lambda w: w.forest),
        refusal="Select a valid choice.",
    ),
    "POST report dated tomorrow": Row(
        "POST",
        lambda w: w.url("project_report", w.forest),
        data=lambda w, role: _report_data(w, role, on=_tomorrow()),
        refusal="A report cannot be dated in the future.",
    ),
    "POST report on a completed project of others": Row(
        "POST",
        lambda w: w.url("project_report", w.health),
        data=lambda w, role: _report_data(w, role),
        effect=_reported(lambda w: w.health),
    ),
}


def test_matrix_covers_every_row_and_role():
    assert sorted(MATRIX) == sorted(ROWS)
    assert {len(cells) for cells in MATRIX.values()} == {len(ROLES)}


@pytest.mark.parametrize(("name", "role", "expected"), list(cases(MATRIX, ROLES)))
def test_permission_matrix(client, name, role, expected):
    row = ROWS[name]
    world = make_world()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = row.url(world)
    data = row.data(world, role)
    before = snapshot()

    response = client.get(url) if row.method == "GET" else client.post(url, data)

    check_answer(
        response,
        expected,
        url=url,
        shows=row.shows(world) if row.shows else "",
        refusal=row.refusal,
    )
    if row.method == "GET":
        return
    if expected == DONE:
        assert snapshot() != before, "the action changed nothing"
        row.effect(world, role, response)
    else:
        assert snapshot() == before, "a refused action changed something"


# The workflow through the pages -----------------------------------------------------------------


@pytest.fixture
def world():
    return make_world()


def _decide(client, world, project, status, on, note=""):
    return client.post(
        world.url("project_decide", project),
        {"decide-status": status, "decide-on": on, "decide-note": note},
    )


def test_statuses_follow_the_workflow_and_the_history_shows_every_step(client, world):
    client.force_login(world.users["secretariat"])
    forest = world.forest

    refused = _decide(client, world, forest, "completed", "2023-02-01")
    assert refused.status_code == 400
    assert (
        "This project is proposed; it can become under study, agreed or dropped."
        in refused.content.decode()
    )

    for status, on, note in [
        ("under_study", "2023-02-01", "Sent to the experts."),
        ("agreed", "2023-06-01", "Agreed at the senior officials' meeting."),
        ("under_way", "2023-09-15", ""),
        ("completed", "2024-01-20", "Opened in Astana."),
    ]:
        response = _decide(client, world, forest, status, on, note)
        assert response.status_code == 302, status

    early = _decide(client, world, world.health, "dropped", "2023-01-01")
    assert early.status_code == 400
    finished = _decide(client, world, forest, "dropped", "2024-02-01")
    assert finished.status_code == 400
    assert (
        "This project is completed; its status can no longer change." in finished.content.decode()
    )
    assert Project.objects.get(pk=forest.pk).status == "completed"

    page = client.get(world.url("project", forest))
    assert [(step.status, step.on.isoformat()) for step in page.context["history"]] == [
        ("proposed", "2023-01-10"),
        ("under_study", "2023-02-01"),
        ("agreed", "2023-06-01"),
        ("under_way", "2023-09-15"),
        ("completed", "2024-01-20"),
    ]
    html = page.content.decode()
    history = html[html.index('id="history"') : html.index('id="reports"')]
    dates = ["2023-01-10", "2023-02-01", "2023-06-01", "2023-09-15", "2024-01-20"]
    positions = [history.index(f'datetime="{date}"') for date in dates]
    assert positions == sorted(positions)
    assert history.count("the secretariat") == 4
    assert "Opened in Astana." in history
    # A completed project offers no decision any more.
    assert page.context["decide_form"] is not None
    assert world.url("project_decide", forest) not in html
    assert "A completed project is finished" in html


def test_a_decision_before_the_last_step_is_refused_with_its_reason(client, world):
    client.force_login(world.users["secretariat"])
    response = _decide(client, world, world.forest, "agreed", "2022-12-31")
    assert response.status_code == 400
    assert (
        "The last step was dated 2023-01-10; a new one cannot precede it."
        in response.content.decode()
    )
    assert Project.objects.get(pk=world.forest.pk).status == "proposed"


def test_the_decide_form_offers_only_the_next_statuses(client, world):
    client.force_login(world.users["secretariat"])
    form = client.get(world.url("project", world.forest)).context["decide_form"]
    assert [value for value, _ in form.fields["status"].widget.choices] == [
        "under_study",
        "agreed",
        "dropped",
    ]


def test_a_focal_point_of_two_proposing_states_chooses_the_one_it_reports_for(client, world):
    user = world.users["proposing_focal"]
    role_grant(user=user, forum=world.forum, kind=RoleKind.FOCAL_POINT, state=world.states["KR"])
    client.force_login(user)
    form = client.get(world.url("project", world.forest)).context["report_form"]
    assert list(form.fields["state"].choices) == [
        (world.states["KZ"].pk, "Kazakhstan"),
        (world.states["KR"].pk, "Republic of Korea"),
    ]
    response = client.post(
        world.url("project_report", world.forest),
        _report_data(world, "proposing_focal", state=world.states["KR"]),
    )
    assert response.status_code == 302
    assert ProjectReport.objects.get(project=world.forest).state == world.states["KR"]


def test_reports_show_who_reported(client, world):
    project_report_add(
        project=world.forest,
        text="Site chosen.",
        reported_on=dt.date(2023, 5, 1),
        state=world.states["KZ"],
    )
    project_report_add(
        project=world.forest, text="Budget approved.", reported_on=dt.date(2023, 7, 1)
    )
    html = client.get(world.url("project", world.forest)).content.decode()
    reports = html[html.index('id="reports"') :]
    assert reports.index("Budget approved.") < reports.index("Site chosen.")
    assert "by the secretariat" in reports
    assert f'for <a href="{world.states["KZ"].get_absolute_url()}">Kazakhstan</a>' in reports


# Projects born from proposals and work-plan items ------------------------------------------------


def test_a_project_from_a_proposal_is_prefilled_and_keeps_the_link(client, world):
    client.force_login(world.users["proposing_focal"])
    url = world.url("project_new") + f"?proposal={world.proposal.pk}"
    page = client.get(url)
    form = page.context["form"]
    assert form.initial["title"] == PROPOSAL_TEXT
    assert form.initial["description"] == PROPOSAL_TEXT
    assert form.initial["field"].slug == "forestry"
    assert form.initial["proposing_states"] == [world.states["KZ"].pk]
    assert form.initial["partners"] == [world.proposal.partners.get().pk]
    assert f'<input type="hidden" name="proposal" value="{world.proposal.pk}">' in (
        page.content.decode()
    )

    response = client.post(
        world.url("project_new"),
        {
            "proposal": world.proposal.pk,
            "title": "Astana forestry centre",
            "field": form.initial["field"].pk,
            "proposing_states": [world.states["KZ"].pk],
            "partners": form.initial["partners"],
            "proposed_on": "2024-03-01",
        },
    )
    project = Project.objects.get(title="Astana forestry centre")
    assert response["Location"] == world.url("project", project)
    assert project.origin_proposal == world.proposal
    assert set(world.proposal.projects.all()) == {world.forest, project}

    meeting_url = world.meeting.get_absolute_url()
    expected = (
        'proposed by <a href="/states/kz/">Kazakhstan</a> at the '
        f'<a href="{meeting_url}">Ministerial meeting</a> of the {world.meeting.edition}'
    )
    assert expected in client.get(world.url("project", project)).content.decode()
    listing = client.get(world.url("projects")).content.decode()
    assert listing.count(expected) == 2  # this project and the one the world started with


def test_a_project_from_a_work_plan_item_links_the_plan(client, world):
    client.force_login(world.users["secretariat"])
    page = client.get(world.url("project_new") + f"?item={world.item.pk}")
    assert page.context["form"].initial["proposing_states"] == [world.states["TJ"].pk]
    response = client.post(
        world.url("project_new"),
        {
            "item": world.item.pk,
            "title": "Water use study",
            "proposing_states": [world.states["TJ"].pk],
            "proposed_on": "2024-03-01",
        },
    )
    project = Project.objects.get(title="Water use study")
    assert response["Location"] == world.url("project", project)
    assert project.origin_item == world.item
    link = 'item 3.2 of the <a href="/forums/kca/work-plans/2022/">2022 work plan</a>'
    assert link in client.get(world.url("project", project)).content.decode()
    assert link in client.get(world.url("projects")).content.decode()


def test_a_focal_point_starting_from_scratch_has_its_own_state_ticked(client, world):
    client.force_login(world.users["other_focal"])
    form = client.get(world.url("project_new")).context["form"]
    assert form.initial["proposing_states"] == [world.states["UZ"].pk]
    assert [label for _, label in form.fields["proposing_states"].choices] == [
        "Kazakhstan",
        "Kyrgyzstan",
        "Republic of Korea",
        "Tajikistan",
        "Turkmenistan",
        "Uzbekistan",
    ]


@pytest.mark.parametrize(
    ("amount", "currency", "error"),
    [
        ("1000", "", "Give the currency of the budget."),
        ("1000", "ABC", "Give a currency by its ISO 4217 code, such as USD."),
        ("1000", "US", "Give a currency by its ISO 4217 code, such as USD."),
    ],
)
def test_a_budget_needs_a_known_currency(client, world, amount, currency, error):
    client.force_login(world.users["secretariat"])
    before = snapshot()
    response = client.post(
        world.url("project_new"),
        _new_data(world, [world.states["KZ"]], budget_amount=amount, budget_currency=currency),
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"budget_currency": [error]}
    assert snapshot() == before


# The filters of the list ------------------------------------------------------------------------


@pytest.fixture
def listed(world):
    """Four projects of the forum besides the other forum's: forestry (proposed; Forestry;
    Kazakhstan and Korea), health (completed; Kyrgyzstan), clinics (proposed; Health;
    Kazakhstan) and a dropped one (Uzbekistan)."""
    health_field = factories.FieldFactory(name="Health", slug="health")
    Project.objects.filter(pk=world.health.pk).update(field=health_field)
    project_propose(
        forum=world.forum,
        title="Rural clinics",
        proposing_states=[world.states["KZ"]],
        field=health_field,
        proposed_on=dt.date(2023, 3, 3),
    )
    dropped = project_propose(
        forum=world.forum,
        title="Cotton research",
        proposing_states=[world.states["UZ"]],
        proposed_on=dt.date(2023, 3, 3),
    )
    project_decide(project=dropped, status="dropped", on=dt.date(2023, 4, 4))
    return world


def _titles(client, world, query: str) -> list[str]:
    response = client.get(world.url("projects") + query)
    assert response.status_code == 200
    return [project.title for project in response.context["projects"]]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("", ["Cotton research", HEALTH, FOREST, "Rural clinics"]),
        ("?status=&field=&state=", ["Cotton research", HEALTH, FOREST, "Rural clinics"]),
        ("?status=proposed", [FOREST, "Rural clinics"]),
        ("?status=completed", [HEALTH]),
        ("?field=health", [HEALTH, "Rural clinics"]),
        ("?state=KZ", [FOREST, "Rural clinics"]),
        ("?state=kr", [FOREST]),
        ("?status=proposed&field=health&state=KZ", ["Rural clinics"]),
        ("?status=dropped&state=KZ", []),
        ("?status=finished", []),
        ("?field=astronomy", []),
        ("?field=99999", []),
        ("?state=XX", []),
        ("?state=JP", []),
    ],
)
def test_filters_give_exactly_the_matching_projects(client, listed, query, titles):
    assert _titles(client, listed, query) == titles


def test_a_field_can_be_filtered_by_its_number(client, listed):
    forestry = Project.objects.get(pk=listed.forest.pk).field
    assert _titles(client, listed, f"?field={forestry.pk}") == [FOREST]


def test_an_unknown_filter_says_nothing_matches(client, listed):
    response = client.get(listed.url("projects") + "?status=finished&state=XX")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing matches these filters." in html
    assert "No project status is called “finished”." in html
    assert "No member state of the forum has the code “XX”." in html


def test_the_list_counts_projects_per_status(client, listed):
    response = client.get(listed.url("projects") + "?status=proposed")
    assert [(status.value, n) for status, n in response.context["counts"]] == [
        ("proposed", 2),
        ("under_study", 0),
        ("agreed", 0),
        ("under_way", 0),
        ("completed", 1),
        ("dropped", 1),
    ]
    assert response.context["total"] == 4


def test_proposing_states_are_listed_in_the_forums_order(client, world):
    html = client.get(world.url("project", world.forest)).content.decode()
    assert html.index(">Kazakhstan</a>, <a") < html.index(">Republic of Korea</a>")
    world.forum.precedence = Precedence.CUSTOM
    world.forum.save()
    Membership.objects.filter(forum=world.forum, state=world.states["KR"]).update(precedence_rank=1)
    Membership.objects.filter(forum=world.forum, state=world.states["KZ"]).update(precedence_rank=2)
    response = client.get(world.url("projects"))
    forest = next(p for p in response.context["projects"] if p.pk == world.forest.pk)
    assert [state.code for state in forest.proposing] == ["KR", "KZ"]


# Markup ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "secretariat", "proposing_focal"])
def test_pages_have_sound_markup(client, world, role):
    if world.users[role] is not None:
        client.force_login(world.users[role])
    urls = [
        world.url("projects"),
        world.url("project", world.forest),
        world.url("project", world.health),
    ]
    if role != "anonymous":
        urls += [
            world.url("project_new"),
            world.url("project_new") + f"?proposal={world.proposal.pk}",
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert markup_problems(response.content.decode()) == [], url


def test_a_refused_page_has_sound_markup(client, world):
    client.force_login(world.users["secretariat"])
    response = _decide(client, world, world.health, "dropped", "2024-02-01")
    assert response.status_code == 400
    assert markup_problems(response.content.decode()) == []


# Query counts ------------------------------------------------------------------------------------


def grow(world: World, n: int) -> None:
    """``n`` more of every related row: projects born from proposals and from work-plan items,
    and for each its partners, proposing states, steps of history, reports and sources."""
    states = [world.states[code] for code in ["KZ", "KR", "KG", "TJ", "TM", "UZ"]]
    start = Project.objects.filter(forum=world.forum).count()
    for i in range(start, start + 2 * n):
        k = i % 4 + 1
        origin = {}
        if i % 2:
            origin["origin_item"] = factories.WorkPlanItemFactory(
                plan=world.item.plan, number=f"9.{i}"
            )
        else:
            origin["origin_proposal"] = factories.ProposalFactory(
                statement__meeting=factories.MeetingFactory(edition=world.meeting.edition),
                statement__delegation__state=states[i % 6],
            )
        project = project_propose(
            forum=world.forum,
            title=f"Project number {i}",
            proposing_states=states[:k],
            partners=[factories.OrganizationFactory() for _ in range(k)],
            field=factories.FieldFactory(),
            proposed_on=dt.date(2023, 1, 1),
            **origin,
        )
        project_report_add(project=project, text="Under way.", reported_on=dt.date(2023, 2, 1))
        cite(project, factories.SourceFactory())
    forest = world.forest
    for i in range(n):
        forest.partners.add(factories.OrganizationFactory())
        ProjectStatusChange.objects.create(
            project=forest, status="proposed", on=dt.date(2023, 1, 11)
        )
        project_report_add(project=forest, text="More news.", reported_on=dt.date(2023, 3, 1))
        project_report_add(
            project=forest, text="News.", reported_on=dt.date(2023, 3, 1), state=world.states["KZ"]
        )
        cite(forest, factories.SourceFactory(), field="title", claim=f"Claim {i}")


# Forum, memberships, names of the member states, field choices, counts per status, projects,
# their proposing states, their partners, sources.
LIST_QUERIES = 9
# Project (with field, origin and forum), proposing states, partners, history, reports,
# memberships, names of the member states, sources.
PROJECT_QUERIES = 8
# Session, user, roles.
SIGNED_IN = 3


@pytest.mark.parametrize(
    ("page", "role", "expected"),
    [
        ("projects", "anonymous", LIST_QUERIES),
        ("project", "anonymous", PROJECT_QUERIES),
        ("projects", "secretariat", LIST_QUERIES + SIGNED_IN),
        ("project", "secretariat", PROJECT_QUERIES + SIGNED_IN),
        ("project", "proposing_focal", PROJECT_QUERIES + SIGNED_IN),
    ],
)
def test_page_query_count_does_not_grow_with_data(client, world, page, role, expected):
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = world.url("projects") if page == "projects" else world.url("project", world.forest)
    grow(world, 1)
    small = count_queries(client, url)
    grow(world, 3)
    large = count_queries(client, url)
    assert (small, large) == (expected, expected)
