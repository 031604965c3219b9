"""The follow-up pages: work plans with their rates, reports on items, commitments with their
compliance; who may open and send each of them, and what each costs in queries.

``MATRIX`` has one row per page or action and one column per role, in the manner of
``test_permissions``: an anonymous visitor is sent to log in, a signed-in user without the
permission gets 403, an address under a draft answers 404 to whoever may not read the draft, and a
step the domain refuses answers 400. An allowed action must have done what it says; a refused one
must have changed nothing (rows and audit entries counted before and after).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.common.models import AuditEntry, Citation
from plenary.documents import drafting
from plenary.documents.domain import document_record
from plenary.documents.enums import AdoptionMethod, DocumentStatus
from plenary.documents.models import OutcomeDocument
from plenary.forums.domain import state_ensure
from plenary.meetings.enums import MeetingKind
from plenary.people.enums import OrganizationKind
from plenary.workplans import domain
from plenary.workplans.models import (
    Commitment,
    CommitmentAssessment,
    ItemReport,
    WorkPlan,
    WorkPlanItem,
)
from tests import factories
from tests.html import section_text, table_rows
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
PASSWORD = "a long pass phrase 7"
TODAY = timezone.localdate()
THIS_YEAR = TODAY.year

# The roles, one column each ----------------------------------------------------------------------

ROLES = (
    "anonymous",  # the public
    "expert",  # an expert of the forum
    "focal",  # focal point of Kazakhstan, responsible for items 1.1 and (through KazAID) 1.2
    "other_focal",  # focal point of another member state (Kyrgyzstan)
    "other_secretariat",  # secretariat of another forum
    "secretariat",  # secretariat of this forum
    "superuser",  # a Django superuser with no role in any forum
)


# fmt: off
MATRIX: dict[str, tuple] = {
    #                                              anonymous  expert     focal      other_focal other_sec  secretariat superuser
    # Work plans
    "GET plans":                                  (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET plan":                                   (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET plan: report link, Kazakhstan's item":   (HIDDEN,    HIDDEN,    SHOWN,     HIDDEN,    HIDDEN,    SHOWN,     HIDDEN),
    "GET plan: report link, KazAID's item":       (HIDDEN,    HIDDEN,    SHOWN,     HIDDEN,    HIDDEN,    SHOWN,     HIDDEN),
    "GET plan: report link, Korea's item":        (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    SHOWN,     HIDDEN),
    "GET report, Kazakhstan's item":              (LOGIN,     FORBIDDEN, OK,        FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
    "GET report, KazAID's item":                  (LOGIN,     FORBIDDEN, OK,        FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
    "GET report, Korea's item":                   (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
    "GET report, item under another year":        (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST report, Kazakhstan's item":             (LOGIN,     FORBIDDEN, DONE,      FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST report, KazAID's item":                 (LOGIN,     FORBIDDEN, DONE,      FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST report, Korea's item":                  (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST report on a year before the plan":      (LOGIN,     FORBIDDEN, REFUSED,   FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
    # Commitments
    "GET commitments":                            (OK,        OK,        OK,        OK,        OK,        OK,        OK),
    "GET commitments: the assess link":           (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    SHOWN,     HIDDEN),
    "GET commitments: the mark link":             (HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    HIDDEN,    SHOWN,     HIDDEN),
    "GET mark a commitment":                      (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
    "GET mark a commitment in a draft":           (NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK,        NOT_FOUND),
    "GET mark, another forum's document":         (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "POST mark a commitment":                     (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST mark a commitment in a draft":          (NOT_FOUND, NOT_FOUND, FORBIDDEN, FORBIDDEN, NOT_FOUND, REFUSED,   NOT_FOUND),
    "GET assess":                                 (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK,        FORBIDDEN),
    "POST assess":                                (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, DONE,      FORBIDDEN),
    "POST assess before the adoption":            (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, REFUSED,   FORBIDDEN),
}
# fmt: on


# The world every cell is tried in ----------------------------------------------------------------


@dataclass
class World:
    forum: Any
    users: dict[str, Any]
    states: dict[str, Any]
    plan: WorkPlan
    earlier: WorkPlan
    items: dict[str, WorkPlanItem]
    adopted: OutcomeDocument
    draft: OutcomeDocument
    foreign: OutcomeDocument
    commitment: Commitment
    extra: dict[str, Any] = field(default_factory=dict)

    def url(self, name: str, **kwargs) -> str:
        return reverse(f"workplans:{name}", kwargs={"forum": self.forum.slug, **kwargs})

    def report_url(self, number: str) -> str:
        return self.url("item_report", year=self.plan.year, pk=self.items[number].pk)

    def reporter(self, role: str):
        """The state a role reports for: Kazakhstan for its focal point, none otherwise."""
        return self.states["KZ"] if role == "focal" else None


def _adopt(document: OutcomeDocument, meeting, by, states) -> OutcomeDocument:
    drafting.version_start(
        document,
        by=by,
        titles={"en": document.title},
        paragraphs={
            "en": [
                "The parties will meet every year.",
                "The parties will open a logistics centre in Almaty by 2025.",
            ]
        },
    )
    drafting.version_circulate(
        document.versions.get(), by=by, comments_due=timezone.now() + dt.timedelta(days=7)
    )
    return drafting.document_adopt_at_meeting(
        document, meeting=meeting, on=meeting.date, by=by, consenting_states=states
    )


def make_world() -> World:
    """The 2022 work plan of a forum of Korea and the five Central Asian states: item 1.1 is
    Kazakhstan's, 1.2 KazAID's (an agency of Kazakhstan), 2.1 Korea's and 2.2 nobody's; item 1.1
    was carried over from the 2021 plan. An adopted joint statement holds one commitment of
    Kazakhstan and Kyrgyzstan; a draft and a document of another forum stand beside it."""
    forum = factories.ForumFactory(slug="kca", name="Korea–Central Asia Cooperation Forum")
    states = {code: factories.state(code) for code in ["KR", "KZ", "KG", "TJ", "TM", "UZ"]}
    states["KR"] = state_ensure("KR", name="Republic of Korea")
    for state in states.values():
        factories.MembershipFactory(forum=forum, state=state)
    other_forum = factories.ForumFactory(slug="japan", name="Central Asia plus Japan Dialogue")
    factories.MembershipFactory(forum=other_forum, state=states["KZ"])

    users = {"anonymous": None}
    for role in ROLES[1:]:
        users[role] = User.objects.create_user(role, f"{role}@example.org", PASSWORD)
    users["superuser"].is_staff = users["superuser"].is_superuser = True
    users["superuser"].save()
    role_grant(user=users["expert"], forum=forum, kind=RoleKind.EXPERT)
    role_grant(user=users["focal"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["KZ"])
    role_grant(
        user=users["other_focal"], forum=forum, kind=RoleKind.FOCAL_POINT, state=states["KG"]
    )
    role_grant(user=users["other_secretariat"], forum=other_forum, kind=RoleKind.SECRETARIAT)
    role_grant(user=users["secretariat"], forum=forum, kind=RoleKind.SECRETARIAT)
    secretariat = users["secretariat"]

    edition = factories.EditionFactory(forum=forum, number=14, start_date=dt.date(2021, 11, 9))
    earlier = domain.work_plan_record(forum=forum, year=2021, title="Work plan for 2021")
    earlier_area = domain.work_plan_area_record(plan=earlier, number=1, name="Transport")
    earlier_item = domain.work_plan_item_record(
        plan=earlier, number="4", area=earlier_area, text="Study a transport corridor."
    )
    plan = domain.work_plan_record(
        forum=forum, year=2022, title="Work plan for 2022", adopted_at=edition
    )
    transport = domain.work_plan_area_record(plan=plan, number=1, name="Transport and logistics")
    energy = domain.work_plan_area_record(plan=plan, number=2, name="Energy")
    kazaid = factories.OrganizationFactory(
        name="Kazakhstan Agency for International Development",
        short_name="KazAID",
        kind=OrganizationKind.AGENCY,
        state=states["KZ"],
    )
    items = {
        "1.1": domain.work_plan_item_record(
            plan=plan,
            number="1.1",
            area=transport,
            text="Open a logistics centre in Almaty.",
            responsible_state=states["KZ"],
            target_date=dt.date(2023, 6, 30),
            carried_over_from=earlier_item,
        ),
        "1.2": domain.work_plan_item_record(
            plan=plan,
            number="1.2",
            area=transport,
            text="Train customs officers.",
            responsible_organization=kazaid,
        ),
        "2.1": domain.work_plan_item_record(
            plan=plan,
            number="2.1",
            area=energy,
            text="Hold an energy efficiency seminar.",
            responsible_state=states["KR"],
        ),
        "2.2": domain.work_plan_item_record(
            plan=plan, number="2.2", area=energy, text="Publish a renewable energy atlas."
        ),
    }

    meeting = factories.MeetingFactory(
        edition=factories.EditionFactory(forum=forum, number=17, start_date=TODAY),
        kind=MeetingKind.CLOSING_CEREMONY,
        title="Closing ceremony",
        date=TODAY,
    )
    kind = factories.DocumentKindFactory()
    adopted = _adopt(
        document_record(
            forum=forum,
            title="Joint Statement of the 17th Forum",
            kind=kind,
            edition=meeting.edition,
            by=secretariat,
        ),
        meeting,
        secretariat,
        list(states.values()),
    )
    draft = document_record(
        forum=forum, title="Chair's Summary of the 17th Forum", kind=kind, by=secretariat
    )
    foreign = factories.OutcomeDocumentFactory(
        forum=other_forum,
        kind=kind,
        title="Tokyo Declaration",
        status=DocumentStatus.ADOPTED,
        adopted_on=dt.date(2024, 12, 1),
        adoption_method=AdoptionMethod.AT_MEETING,
    )
    commitment = domain.commitment_mark(
        document=adopted,
        text="Open a logistics centre in Almaty by 2025.",
        responsible_states=[states["KZ"], states["KG"]],
        paragraph_number=2,
        by=secretariat,
    )
    return World(
        forum=forum,
        users=users,
        states=states,
        plan=plan,
        earlier=earlier,
        items=items,
        adopted=adopted,
        draft=draft,
        foreign=foreign,
        commitment=commitment,
    )


# What each row asks, and what an allowed action must have done -----------------------------------


def snapshot() -> tuple:
    """Everything a refused action must leave as it was."""
    return (
        [
            model.objects.count()
            for model in (
                WorkPlan,
                WorkPlanItem,
                ItemReport,
                Commitment,
                Commitment.responsible_states.through,
                CommitmentAssessment,
                AuditEntry,
            )
        ],
        list(
            ItemReport.objects.order_by("pk").values_list(
                "pk", "item", "year", "status", "text", "evidence_url", "reporter_state"
            )
        ),
        list(
            CommitmentAssessment.objects.order_by("pk").values_list(
                "pk", "state", "assessed_on", "compliance", "evidence"
            )
        ),
        list(Commitment.objects.order_by("pk").values_list("pk", "text", "paragraph_number")),
    )


@dataclass(frozen=True)
class Row:
    method: str
    url: Callable[[World], str]
    data: Callable[[World, str], dict] = lambda world, role: {}
    shows: Callable[[World], str] | None = None  # for SHOWN / HIDDEN cells
    effect: Callable[[World, str], None] | None = None  # for DONE cells


def _report_data(world: World, role: str, *, year: int = THIS_YEAR) -> dict:
    return {
        "year": year,
        "status": "done",
        "text": "Opened in March.",
        "evidence_url": "https://example.org/report",
    }


def _reported(number: str) -> Callable[[World, str], None]:
    def check(world: World, role: str) -> None:
        report = ItemReport.objects.get(item=world.items[number])
        assert (report.year, report.status, report.text, report.evidence_url) == (
            THIS_YEAR,
            "done",
            "Opened in March.",
            "https://example.org/report",
        )
        assert (report.reporter_state, report.reported_by) == (
            world.reporter(role),
            world.users[role],
        )

    return check


def _mark_data(world: World, role: str) -> dict:
    return {
        "paragraph_number": "1",
        "text": "Meet every year.",
        "responsible_states": [world.states[code].pk for code in ["KR", "KZ", "KG"]],
    }


def _marked(world: World, role: str) -> None:
    commitment = Commitment.objects.get(text="Meet every year.")
    assert (commitment.document, commitment.paragraph_number) == (world.adopted, 1)
    assert sorted(s.code for s in commitment.responsible_states.all()) == ["KG", "KR", "KZ"]


def _assess_data(world: World, role: str, *, on: dt.date = TODAY) -> dict:
    return {
        "state": world.states["KZ"].pk,
        "compliance": "partial",
        "assessed_on": on.isoformat(),
        "evidence": "The site is chosen; building has not begun.",
        "evidence_url": "",
    }


def _assessed(world: World, role: str) -> None:
    assessment = CommitmentAssessment.objects.get(commitment=world.commitment)
    assert (assessment.state, assessment.compliance, assessment.assessed_on) == (
        world.states["KZ"],
        "partial",
        TODAY,
    )
    assert assessment.assessed_by == world.users[role]


ROWS: dict[str, Row] = {
    "GET plans": Row("GET", lambda w: w.url("plans")),
    "GET plan": Row("GET", lambda w: w.url("plan", year=2022)),
    "GET plan: report link, Kazakhstan's item": Row(
        "GET", lambda w: w.url("plan", year=2022), shows=lambda w: w.report_url("1.1")
    ),
    "GET plan: report link, KazAID's item": Row(
        "GET", lambda w: w.url("plan", year=2022), shows=lambda w: w.report_url("1.2")
    ),
    "GET plan: report link, Korea's item": Row(
        "GET", lambda w: w.url("plan", year=2022), shows=lambda w: w.report_url("2.1")
    ),
    "GET report, Kazakhstan's item": Row("GET", lambda w: w.report_url("1.1")),
    "GET report, KazAID's item": Row("GET", lambda w: w.report_url("1.2")),
    "GET report, Korea's item": Row("GET", lambda w: w.report_url("2.1")),
    "GET report, item under another year": Row(
        "GET", lambda w: w.url("item_report", year=2021, pk=w.items["1.1"].pk)
    ),
    "POST report, Kazakhstan's item": Row(
        "POST", lambda w: w.report_url("1.1"), data=_report_data, effect=_reported("1.1")
    ),
    "POST report, KazAID's item": Row(
        "POST", lambda w: w.report_url("1.2"), data=_report_data, effect=_reported("1.2")
    ),
    "POST report, Korea's item": Row(
        "POST", lambda w: w.report_url("2.1"), data=_report_data, effect=_reported("2.1")
    ),
    "POST report on a year before the plan": Row(
        "POST",
        lambda w: w.report_url("1.1"),
        data=lambda w, role: _report_data(w, role, year=2021),
    ),
    "GET commitments": Row("GET", lambda w: w.url("commitments")),
    "GET commitments: the assess link": Row(
        "GET",
        lambda w: w.url("commitments"),
        shows=lambda w: w.url("commitment_assess", pk=w.commitment.pk),
    ),
    "GET commitments: the mark link": Row(
        "GET",
        lambda w: w.url("commitments"),
        shows=lambda w: w.url("commitment_new", pk=w.adopted.pk),
    ),
    "GET mark a commitment": Row("GET", lambda w: w.url("commitment_new", pk=w.adopted.pk)),
    "GET mark a commitment in a draft": Row(
        "GET", lambda w: w.url("commitment_new", pk=w.draft.pk)
    ),
    "GET mark, another forum's document": Row(
        "GET", lambda w: w.url("commitment_new", pk=w.foreign.pk)
    ),
    "POST mark a commitment": Row(
        "POST",
        lambda w: w.url("commitment_new", pk=w.adopted.pk),
        data=_mark_data,
        effect=_marked,
    ),
    "POST mark a commitment in a draft": Row(
        "POST",
        lambda w: w.url("commitment_new", pk=w.draft.pk),
        data=lambda w, role: {**_mark_data(w, role), "paragraph_number": ""},
    ),
    "GET assess": Row("GET", lambda w: w.url("commitment_assess", pk=w.commitment.pk)),
    "POST assess": Row(
        "POST",
        lambda w: w.url("commitment_assess", pk=w.commitment.pk),
        data=_assess_data,
        effect=_assessed,
    ),
    "POST assess before the adoption": Row(
        "POST",
        lambda w: w.url("commitment_assess", pk=w.commitment.pk),
        data=lambda w, role: _assess_data(w, role, on=TODAY - dt.timedelta(days=1)),
    ),
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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

    check_answer(response, expected, url=url, shows=row.shows(world) if row.shows else "")
    if row.method == "GET":
        return
    if expected == DONE:
        assert snapshot() != before, "the action changed nothing"
        row.effect(world, role)
    else:
        assert snapshot() == before, "a refused action changed something"


# Pages and forms ---------------------------------------------------------------------------------


@pytest.fixture
def world(db):
    return make_world()


def _login(client, world: World, role: str) -> None:
    client.force_login(world.users[role])


def test_pages_are_valid_markup(client, world):
    _login(client, world, "secretariat")
    for url in [
        world.url("plans"),
        world.url("plan", year=2022),
        world.report_url("1.1"),
        world.url("commitments"),
        world.url("commitment_new", pk=world.adopted.pk),
        world.url("commitment_assess", pk=world.commitment.pk),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert markup_problems(response.content.decode()) == [], url


def test_plans_index_lists_every_plan_with_its_rate(client, world):
    domain.item_report(item=world.items["1.1"], year=2022, status="done")
    domain.item_report(item=world.items["2.1"], year=2023, status="under_way")
    domain.work_plan_record(forum=world.forum, year=2025, title="Work plan for 2025")

    rows = table_rows(client.get(world.url("plans")).content.decode(), "plans")

    assert rows == [
        [
            "Plan",
            "Year",
            "Adopted at",
            "Document",
            "Items",
            "Carried out",
            "Status of the items",
            "Carried over from earlier plans",
        ],
        ["Work plan for 2025", "2025", "not recorded", "none", "0", "no items recorded", "—", "0"],
        [
            "Work plan for 2022",
            "2022",
            "14th edition",
            "none",
            "4",
            "1 of 4 done (25%)",
            "2 planned, 1 under way, 1 done",
            "1",
        ],
        ["Work plan for 2021", "2021", "not recorded", "none", "1", "0 of 1 done (0%)", "1 planned", "0"],
    ]  # fmt: skip


def test_plan_page_shows_items_reports_and_carry_overs(client, world):
    domain.item_report(
        item=world.items["1.2"],
        year=2023,
        status="under_way",
        text="Two courses held.",
        evidence_url="https://example.org/courses",
        reporter_state=world.states["KZ"],
    )
    later = domain.work_plan_record(forum=world.forum, year=2023, title="Work plan for 2023")
    area = domain.work_plan_area_record(plan=later, number=1, name="Energy")
    domain.work_plan_item_record(
        plan=later, number="3", area=area, text="Atlas", carried_over_from=world.items["2.2"]
    )

    html = client.get(world.url("plan", year=2022)).content.decode()

    assert table_rows(html, "area-1") == [
        ["Item", "Text", "Responsible", "Target date", "Status", "Latest report", "Carried over"],
        [
            "1.1",
            "Open a logistics centre in Almaty.",
            "Kazakhstan",
            "30 June 2023",
            "planned",
            "nothing reported yet",
            "From item 4 of 2021",
        ],
        [
            "1.2",
            "Train customs officers.",
            "Kazakhstan Agency for International Development (Kazakhstan)",
            "not stated",
            "under way",
            "In 2023, reported by Kazakhstan: Two courses held. Evidence for 2023",
            "—",
        ],
    ]
    assert table_rows(html, "area-2")[1:] == [
        [
            "2.1",
            "Hold an energy efficiency seminar.",
            "Republic of Korea",
            "not stated",
            "planned",
            "nothing reported yet",
            "—",
        ],
        [
            "2.2",
            "Publish a renewable energy atlas.",
            "not stated",
            "not stated",
            "planned",
            "nothing reported yet",
            "To item 3 of 2023",
        ],
    ]
    assert table_rows(html, "by-year") == [
        ["Year", "Carried out"],
        ["2022", "0 of 4 done (0%)"],
        ["2023", "0 of 4 done (0%)"],
    ]
    assert 'href="/forums/kca/work-plans/2021/#item-' in html
    assert "Report on this item" not in html


def test_a_report_changes_the_rates_on_the_plan_page(client, world):
    _login(client, world, "focal")
    plan_url = world.url("plan", year=2022)
    html = client.get(plan_url).content.decode()
    assert "Carried out 0 of 4 done (0%)" in section_text(html, "plan-facts")

    response = client.post(world.report_url("1.1"), _report_data(world, "focal", year=2023))

    assert response.status_code == 302
    assert response["Location"] == f"{plan_url}#item-{world.items['1.1'].pk}"
    html = client.get(response["Location"]).content.decode()
    assert "Item 1.1 is reported done for 2023." in html
    assert "Carried out 1 of 4 done (25%)" in section_text(html, "plan-facts")
    assert "Carried out: 1 of 2 done (50%)" in section_text(html, "area-1")
    assert "Carried out: 0 of 2 done (0%)" in section_text(html, "area-2")
    assert table_rows(html, "by-year")[1:] == [
        ["2022", "0 of 4 done (0%)"],
        ["2023", "1 of 4 done (25%)"],
    ]
    assert table_rows(html, "area-1")[1][4:6] == [
        "done",
        "In 2023, reported by Kazakhstan: Opened in March. Evidence for 2023 Report on this item",
    ]

    client.force_login(world.users["secretariat"])
    client.post(world.report_url("1.2"), _report_data(world, "secretariat", year=2024))
    html = client.get(plan_url).content.decode()
    assert "Carried out 2 of 4 done (50%)" in section_text(html, "plan-facts")
    assert table_rows(html, "area-1")[2][5] == (
        "In 2024, reported by the secretariat: Opened in March. Evidence for 2024 "
        "Report on this item"
    )
    rows = table_rows(client.get(world.url("plans")).content.decode(), "plans")
    assert rows[1][5] == "2 of 4 done (50%)"


def test_a_report_on_a_year_before_the_plan_is_refused_with_the_reason(client, world):
    _login(client, world, "focal")
    audit = AuditEntry.objects.count()

    response = client.post(world.report_url("1.1"), _report_data(world, "focal", year=2021))

    assert response.status_code == 400
    assert "The plan starts in 2022; report on 2022 or later." in section_text(
        response.content.decode(), "report"
    )
    assert (ItemReport.objects.count(), AuditEntry.objects.count()) == (0, audit)


def test_a_report_on_a_year_not_begun_is_refused(client, world):
    _login(client, world, "secretariat")
    response = client.post(world.report_url("2.1"), _report_data(world, "s", year=THIS_YEAR + 1))
    assert response.status_code == 400
    assert f"{THIS_YEAR + 1} has not begun; report on {THIS_YEAR} or earlier." in (
        response.content.decode()
    )
    assert ItemReport.objects.count() == 0


def test_a_second_report_for_the_same_year_replaces_the_first(client, world):
    _login(client, world, "focal")
    item = world.items["1.1"]
    client.post(world.report_url("1.1"), {"year": 2023, "status": "under_way", "text": "Begun."})
    response = client.post(
        world.report_url("1.1"), {"year": 2023, "status": "done", "text": "Opened."}
    )

    assert response.status_code == 302
    assert list(ItemReport.objects.filter(item=item).values_list("year", "status", "text")) == [
        (2023, "done", "Opened.")
    ]
    assert list(
        AuditEntry.objects.filter(action__startswith="workplans.report")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["workplans.report.created", "workplans.report.updated"]


def test_the_report_form_defaults_to_this_year_and_the_current_status(client, world):
    domain.item_report(item=world.items["1.1"], year=2023, status="under_way")
    _login(client, world, "focal")
    form = client.get(world.report_url("1.1")).context["form"]
    assert (form["year"].value(), form["status"].value()) == (THIS_YEAR, "under_way")
    assert "reporter_state" not in form.fields


def test_a_focal_point_of_two_responsible_states_chooses_one(client, world):
    """Item 1.2 (KazAID's) given Korea too: a focal point of both states picks the one reported
    for; a state that does not answer for the item is not offered."""
    item = world.items["1.2"]
    item.responsible_state = world.states["KR"]
    item.save()
    user = world.users["focal"]
    role_grant(user=user, forum=world.forum, kind=RoleKind.FOCAL_POINT, state=world.states["KR"])
    role_grant(user=user, forum=world.forum, kind=RoleKind.FOCAL_POINT, state=world.states["TJ"])
    client.force_login(user)

    form = client.get(world.report_url("1.2")).context["form"]
    assert form.fields["reporter_state"].choices == [
        (world.states["KZ"].pk, "Kazakhstan"),
        (world.states["KR"].pk, "Republic of Korea"),
    ]
    data = {**_report_data(world, "focal"), "reporter_state": world.states["KR"].pk}
    assert client.post(world.report_url("1.2"), data).status_code == 302
    assert ItemReport.objects.get(item=item).reporter_state == world.states["KR"]

    data["reporter_state"] = world.states["TJ"].pk
    response = client.post(world.report_url("1.2"), data)
    assert response.status_code == 400
    assert ItemReport.objects.get(item=item).reporter_state == world.states["KR"]


def test_the_commitments_page_shows_standings_and_scores(client, world):
    kz, kg = world.states["KZ"], world.states["KG"]
    domain.commitment_assess(
        commitment=world.commitment,
        state=kz,
        compliance="not_started",
        assessed_on=TODAY,
        evidence="Nothing yet.",
    )
    domain.commitment_assess(
        commitment=world.commitment,
        state=kz,
        compliance="full",
        assessed_on=TODAY,
        evidence="Opened.",
        evidence_url="https://example.org/opened",
    )
    second = domain.commitment_mark(
        document=world.adopted, text="Meet every year.", responsible_states=[kg], paragraph_number=1
    )
    domain.commitment_assess(commitment=second, state=kg, compliance="partial", assessed_on=TODAY)

    html = client.get(world.url("commitments")).content.decode()

    day = f"{TODAY.day} {TODAY:%B %Y}"
    assert table_rows(html, "edition-17") == [
        ["Commitment", "Document", "Paragraph", "Standing of each state"],
        [
            "Meet every year.",
            "Joint Statement of the 17th Forum",
            "1",
            f"Kyrgyzstan: partial on {day}",
        ],
        [
            "Open a logistics centre in Almaty by 2025.",
            "Joint Statement of the 17th Forum",
            "2",
            f"Kazakhstan: full on {day}; Opened. (evidence) Kyrgyzstan: not assessed",
        ],
    ]
    # (½ + 1) / 2 assessed pairs, of three.
    assert "Compliance: 75%; 2 of 3 state commitments assessed" in section_text(html, "edition-17")
    assert "Compliance overall 75%; 2 of 3 state commitments assessed" in section_text(
        html, "content"
    )
    assert "Mark a commitment" not in html


def test_the_commitments_page_before_any_assessment(client, world):
    html = client.get(world.url("commitments")).content.decode()
    assert "Compliance: not assessed yet; 0 of 2 state commitments assessed" in section_text(
        html, "edition-17"
    )


def test_the_secretariat_marks_a_commitment_on_a_paragraph_of_the_adopted_text(client, world):
    _login(client, world, "secretariat")
    form = client.get(world.url("commitment_new", pk=world.adopted.pk)).context["form"]
    assert form.fields["paragraph_number"].choices == [
        ("", "no particular paragraph"),
        (1, "1. The parties will meet every year."),
        (2, "2. The parties will open a logistics centre in Almaty by 2025."),
    ]
    assert [label for _, label in form.fields["responsible_states"].choices] == [
        "Kazakhstan",
        "Kyrgyzstan",
        "Republic of Korea",
        "Tajikistan",
        "Turkmenistan",
        "Uzbekistan",
    ]
    assert form["responsible_states"].value() == [
        world.states[code].pk for code in ["KZ", "KG", "KR", "TJ", "TM", "UZ"]
    ]

    response = client.post(
        world.url("commitment_new", pk=world.adopted.pk),
        {"paragraph_number": "9", "text": "Meet.", "responsible_states": [world.states["KZ"].pk]},
    )
    assert response.status_code == 400
    assert Commitment.objects.count() == 1

    response = client.post(
        world.url("commitment_new", pk=world.adopted.pk),
        {"paragraph_number": "", "text": " ", "responsible_states": []},
    )
    assert response.status_code == 400
    text = section_text(response.content.decode(), "commitment")
    assert "Say what was promised." in text
    assert "Name at least one state that made the promise." in text

    response = client.post(world.url("commitment_new", pk=world.adopted.pk), _mark_data(world, ""))
    commitment = Commitment.objects.get(text="Meet every year.")
    assert response["Location"] == f"{world.url('commitments')}#commitment-{commitment.pk}"


def test_marking_a_commitment_in_a_draft_is_refused_with_the_reason(client, world):
    _login(client, world, "secretariat")
    response = client.post(
        world.url("commitment_new", pk=world.draft.pk),
        {"text": "Meet.", "responsible_states": [world.states["KZ"].pk]},
    )
    assert response.status_code == 400
    assert "Commitments are marked in adopted documents only." in section_text(
        response.content.decode(), "commitment"
    )


def test_the_assessment_form_and_its_refusals(client, world):
    _login(client, world, "secretariat")
    url = world.url("commitment_assess", pk=world.commitment.pk)
    form = client.get(url).context["form"]
    assert form.fields["state"].choices == [
        (world.states["KZ"].pk, "Kazakhstan"),
        (world.states["KG"].pk, "Kyrgyzstan"),
    ]
    assert form["assessed_on"].value() == TODAY

    response = client.post(url, _assess_data(world, "", on=TODAY - dt.timedelta(days=1)))
    assert response.status_code == 400
    adopted_on = world.adopted.adopted_on
    assert f"The document was adopted on {adopted_on.day} {adopted_on:%B %Y}." in section_text(
        response.content.decode(), "assess"
    )

    response = client.post(url, {**_assess_data(world, ""), "state": world.states["TJ"].pk})
    assert response.status_code == 400
    assert CommitmentAssessment.objects.count() == 0

    response = client.post(url, _assess_data(world, ""))
    assert response["Location"] == f"{world.url('commitments')}#commitment-{world.commitment.pk}"
    assert table_rows(client.get(url).content.decode(), "assessments")[1:] == [
        [
            "Kazakhstan",
            f"{TODAY.day} {TODAY:%B %Y}",
            "partial",
            "The site is chosen; building has not begun.",
        ]
    ]


# Queries -----------------------------------------------------------------------------------------


def grow(world: World, n: int) -> None:
    """``n`` more of every related thing: plans (with areas, items, reports, citations and
    carry-overs), items and reports in the 2022 plan, commitments with states and assessments."""
    base = WorkPlan.objects.filter(forum=world.forum).count()
    for k in range(n):
        serial = base + k
        source = factories.SourceFactory()
        edition = factories.EditionFactory(
            forum=world.forum, number=30 + serial, start_date=dt.date(2000 + serial, 1, 1)
        )
        document = factories.OutcomeDocumentFactory(
            forum=world.forum,
            edition=edition,
            title=f"Work plan document {serial}",
            status=DocumentStatus.ADOPTED,
            adopted_on=dt.date(2000 + serial, 1, 1),
            adoption_method=AdoptionMethod.AT_MEETING,
        )
        old = domain.work_plan_record(
            forum=world.forum,
            year=1990 + serial,
            title=f"Work plan for {1990 + serial}",
            adopted_at=edition,
            document=document,
        )
        old_area = domain.work_plan_area_record(plan=old, number=1, name="Trade")
        old_item = domain.work_plan_item_record(
            plan=old, number="1", area=old_area, text="Study trade."
        )
        domain.item_report(item=old_item, year=1990 + serial, status="dropped")
        factories.CitationFactory(subject=old, source=source)

        agency = factories.OrganizationFactory(state=world.states["UZ"])
        area = domain.work_plan_area_record(plan=world.plan, number=10 + serial, name="Health")
        item = domain.work_plan_item_record(
            plan=world.plan,
            number=f"9.{serial}",
            area=area,
            text="Exchange health workers.",
            responsible_organization=agency,
            target_date=dt.date(2024, 1, 1),
            carried_over_from=old_item,
        )
        domain.item_report(item=item, year=2022, status="under_way", text="Begun.")
        domain.item_report(
            item=item,
            year=2023,
            status="done",
            reporter_state=world.states["UZ"],
            evidence_url="https://example.org/health",
        )
        factories.CitationFactory(subject=item, source=source)
        factories.CitationFactory(subject=world.plan, source=source)

        commitment = domain.commitment_mark(
            document=document,
            text=f"Lower tariffs {serial}.",
            responsible_states=[world.states["UZ"], world.states["TJ"]],
        )
        for code, month, compliance in [("UZ", 6, "partial"), ("UZ", 9, "full"), ("TJ", 6, "full")]:
            domain.commitment_assess(
                commitment=commitment,
                state=world.states[code],
                compliance=compliance,
                assessed_on=dt.date(2000 + serial, month, 1),
            )


# Exact queries per page and viewer, at any size:
# - work plans: the forum; the plans; their areas, items, reports and carried-over items;
# - one plan: the same for one plan, and the citations of the plan and its items;
# - commitments: the forum; the commitments; their states, the states' names (for ordering by
#   Russian or Korean names) and assessments; the memberships (the order of precedence).
# A signed-in viewer adds the session and the user, and the roles where a permission is asked of
# them (every report link and assess link is; the work plans' documents here are all public, so
# they are not); the secretariat, on the commitments page, the adopted documents to mark
# commitments in.
EXPECTED_QUERIES = {
    #               anonymous, focal point, secretariat
    "plans": (6, 6 + 2, 6 + 2),
    "plan": (7, 7 + 3, 7 + 3),
    "commitments": (6, 6 + 3, 6 + 3 + 1),
}
VIEWERS = ("anonymous", "focal", "secretariat")


@pytest.mark.parametrize("page", ["plans", "plan", "commitments"])
@pytest.mark.parametrize("role", VIEWERS)
def test_page_query_count_does_not_grow_with_data(client, world, page, role):
    """One of every related thing, then four: the page asks the database the same number of
    times."""
    if role != "anonymous":
        _login(client, world, role)
    url = world.url(page, **({"year": 2022} if page == "plan" else {}))
    grow(world, 1)
    small = count_queries(client, url)
    grow(world, 3)
    large = count_queries(client, url)
    expected = EXPECTED_QUERIES[page][VIEWERS.index(role)]
    assert (small, large) == (expected, expected)


def test_the_grown_plan_page_shows_what_it_loaded(client, world):
    grow(world, 2)
    html = client.get(world.url("plan", year=2022)).content.decode()
    assert Citation.objects.count() == 6
    assert html.count('<details class="sources">') == 3  # the plan, and its two new items
    assert "Carried out 2 of 6 done (33%)" in section_text(html, "plan-facts")
