"""The follow-up domain: item reports and implementation rates, commitments and compliance,
cooperation projects and their status, each rate computed exactly on known data."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.accounts.rules import user_can
from plenary.common.models import AuditEntry
from plenary.documents.domain import document_adopt
from plenary.documents.drafting import version_start
from plenary.projects.domain import project_decide, project_propose, project_report_add
from plenary.projects.models import ProjectStatusChange
from plenary.workplans.domain import commitment_assess, commitment_mark, item_report
from plenary.workplans.models import ItemReport
from plenary.workplans.queries import (
    Rate,
    commitments_loaded,
    compliance_of,
    plan_rates,
    plans_loaded,
    standings,
    status_in,
)
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 12, 31)


def report(item, year, status):
    return item_report(item=item, year=year, status=status, today=TODAY)


@pytest.fixture
def plan(forum):
    """A 2022 plan: area 1 with items 1.1–1.3, area 2 with items 2.1–2.2."""
    plan = factories.WorkPlanFactory(forum=forum, year=2022)
    first = factories.WorkPlanAreaFactory(plan=plan, number=1, name="Energy")
    second = factories.WorkPlanAreaFactory(plan=plan, number=2, name="Health")
    for number, area in [("1.1", first), ("1.2", first), ("1.3", first), ("2.1", second)]:
        factories.WorkPlanItemFactory(plan=plan, area=area, number=number)
    factories.WorkPlanItemFactory(
        plan=plan, area=second, number="2.2", responsible_state=factories.state("KZ")
    )
    return plan


def items_of(plan):
    return {item.number: item for item in plan.items.all()}


def loaded(plan):
    return plans_loaded(plan.forum).get(pk=plan.pk)


# Rates ------------------------------------------------------------------------------------------


def test_rate_share_and_percent_are_exact():
    assert Rate(2, 3).share == Fraction(2, 3)
    assert Rate(2, 3).percent == 67
    assert Rate(1, 8).percent == 13  # 12.5 rounds up
    assert Rate(1, 3).percent == 33
    assert Rate(0, 0).share is None
    assert Rate(0, 0).percent is None
    assert Rate(1, 2) + Rate(2, 3) == Rate(3, 5)


def test_status_in_a_year_is_the_latest_report_up_to_that_year(plan):
    item = items_of(plan)["1.1"]
    report(item, 2022, "under_way")
    report(item, 2024, "done")
    reports = list(item.reports.all())
    assert status_in(reports, 2021) == "planned"
    assert status_in(reports, 2022) == "under_way"
    assert status_in(reports, 2023) == "under_way"
    assert status_in(reports, 2024) == "done"
    assert status_in(reports) == "done"
    assert status_in([]) == "planned"


def test_plan_rates_per_plan_area_and_year(plan):
    items = items_of(plan)
    report(items["1.1"], 2022, "done")
    report(items["1.2"], 2022, "under_way")
    report(items["1.2"], 2023, "done")
    report(items["1.3"], 2023, "dropped")
    report(items["2.1"], 2023, "postponed")

    rates = plan_rates(loaded(plan))

    assert rates.rate == Rate(2, 5)
    assert rates.rate.percent == 40
    assert [(a.area.name, a.rate) for a in rates.areas] == [
        ("Energy", Rate(2, 3)),
        ("Health", Rate(0, 2)),
    ]
    assert rates.by_year == [(2022, Rate(1, 5)), (2023, Rate(2, 5))]
    assert dict(rates.statuses) == {"done": 2, "dropped": 1, "postponed": 1, "planned": 1}


def test_plan_without_reports_follows_only_its_own_year(plan):
    rates = plan_rates(loaded(plan))
    assert rates.rate == Rate(0, 5)
    assert rates.by_year == [(2022, Rate(0, 5))]


def test_items_carried_over_are_counted_in_the_new_plan(forum, plan):
    later = factories.WorkPlanFactory(forum=forum, year=2023)
    area = factories.WorkPlanAreaFactory(plan=later, number=1)
    old = items_of(plan)["2.1"]
    factories.WorkPlanItemFactory(plan=later, area=area, number="1", carried_over_from=old)
    factories.WorkPlanItemFactory(plan=later, area=area, number="2")

    assert plan_rates(loaded(later)).carried_over == 1
    assert plan_rates(loaded(plan)).carried_over == 0
    assert [i.plan.year for i in items_of(loaded(plan))["2.1"].carried_over_to.all()] == [2023]


# Item reports -----------------------------------------------------------------------------------


def test_a_second_report_for_the_same_year_replaces_the_first_and_both_are_audited(plan):
    item = items_of(plan)["1.1"]
    report(item, 2023, "under_way")
    report(item, 2023, "done")
    assert list(item.reports.values_list("year", "status")) == [(2023, "done")]
    assert list(
        AuditEntry.objects.filter(action__startswith="workplans.report")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["workplans.report.created", "workplans.report.updated"]


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (2021, "The plan starts in 2022; report on 2022 or later."),
        (2025, "2025 has not begun; report on 2024 or earlier."),
    ],
)
def test_a_report_outside_the_plans_years_is_refused(plan, year, message):
    with pytest.raises(ValidationError) as refused:
        report(items_of(plan)["1.1"], year, "done")
    assert refused.value.message_dict == {"year": [message]}
    assert ItemReport.objects.count() == 0


def test_only_the_responsible_state_reports_as_a_state(plan):
    items = items_of(plan)
    kazakhstan = factories.state("KZ")
    item_report(item=items["2.2"], year=2023, status="done", reporter_state=kazakhstan, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        item_report(
            item=items["1.1"], year=2023, status="done", reporter_state=kazakhstan, today=TODAY
        )
    assert refused.value.message_dict == {
        "reporter_state": [
            "Kazakhstan is not responsible for item 1.1; only the responsible state or the "
            "secretariat reports on it."
        ]
    }


def test_an_agency_answers_through_the_focal_point_of_its_state(forum, plan):
    koica = factories.OrganizationFactory(name="KOICA", state=factories.state("KR"))
    item = items_of(plan)["1.1"]
    item.responsible_organization = koica
    item.save()
    users = get_user_model().objects
    korea = users.create_user("focal-kr")
    kazakhstan = users.create_user("focal-kz")
    role_grant(user=korea, forum=forum, kind=RoleKind.FOCAL_POINT, state=factories.state("KR"))
    role_grant(user=kazakhstan, forum=forum, kind=RoleKind.FOCAL_POINT, state=factories.state("KZ"))
    item.refresh_from_db()
    assert user_can(korea, "workplans.report_item", item)
    assert not user_can(kazakhstan, "workplans.report_item", item)
    assert user_can(kazakhstan, "workplans.report_item", items_of(plan)["2.2"])


# Commitments ------------------------------------------------------------------------------------


@pytest.fixture
def declaration(forum):
    edition = factories.EditionFactory(forum=forum, number=14)
    document = factories.OutcomeDocumentFactory(forum=forum, edition=edition)
    version_start(
        document,
        by=None,
        titles={"en": "Declaration", "ru": "Декларация", "ko": "선언"},
        paragraphs={
            "en": ["Preamble.", "The parties will meet."],
            "ru": ["Преамбула.", "Стороны встретятся."],
            "ko": ["전문.", "당사국들은 만난다."],
        },
    )
    return document_adopt(document, on=dt.date(2021, 11, 30), method="meeting")


def states(*codes):
    return [factories.state(code) for code in codes]


def test_commitments_are_marked_in_adopted_documents_only(forum):
    draft = factories.OutcomeDocumentFactory(forum=forum)
    with pytest.raises(ValidationError) as refused:
        commitment_mark(document=draft, text="Meet.", responsible_states=states("KZ"))
    assert refused.value.message_dict == {
        "document": ["Commitments are marked in adopted documents only."]
    }


def test_a_commitment_names_a_paragraph_of_the_adopted_text_and_member_states(declaration):
    with pytest.raises(ValidationError) as refused:
        commitment_mark(
            document=declaration, paragraph_number=3, text="Meet.", responsible_states=states("KZ")
        )
    assert refused.value.message_dict == {
        "paragraph_number": ["The adopted text has no paragraph of that number."]
    }
    with pytest.raises(ValidationError) as refused:
        commitment_mark(document=declaration, text="Meet.", responsible_states=states("JP"))
    assert refused.value.message_dict == {
        "responsible_states": ["Not a member of Korea–Central Asia Cooperation Forum: Japan."]
    }
    with pytest.raises(ValidationError) as refused:
        commitment_mark(document=declaration, text=" ", responsible_states=[])
    assert refused.value.message_dict == {
        "text": ["Say what was promised."],
        "responsible_states": ["Name at least one state that made the promise."],
    }


def test_compliance_is_the_latest_assessment_per_state_averaged_over_assessed_pairs(declaration):
    meet = commitment_mark(
        document=declaration,
        paragraph_number=2,
        text="Meet every year.",
        responsible_states=states("KR", "KZ", "UZ"),
    )
    other = commitment_mark(
        document=declaration, text="Hold a seminar.", responsible_states=states("KG")
    )

    def assess(commitment, code, compliance, on):
        commitment_assess(
            commitment=commitment,
            state=factories.state(code),
            compliance=compliance,
            assessed_on=on,
            today=TODAY,
        )

    assess(meet, "KR", "not_started", dt.date(2022, 6, 1))
    assess(meet, "KR", "full", dt.date(2023, 6, 1))  # the later one counts
    assess(meet, "KZ", "partial", dt.date(2022, 6, 1))
    assess(other, "KG", "not_started", dt.date(2022, 6, 1))

    commitments = list(commitments_loaded().filter(document=declaration).order_by("pk"))
    assert [
        (s.state.code, s.assessment.compliance if s.assessment else None, s.score)
        for s in sorted(standings(commitments[0]), key=lambda s: s.state.code)
    ] == [("KR", "full", 1.0), ("KZ", "partial", 0.5), ("UZ", None, None)]
    score = compliance_of(commitments)
    assert (score.total, score.assessed, score.pairs) == (Fraction(3, 2), 3, 4)
    assert score.share == Fraction(1, 2)
    assert score.percent == 50


def test_an_assessment_is_for_a_promising_state_between_adoption_and_today(declaration):
    meet = commitment_mark(document=declaration, text="Meet.", responsible_states=states("KR"))
    with pytest.raises(ValidationError) as refused:
        commitment_assess(
            commitment=meet,
            state=factories.state("KZ"),
            compliance="full",
            assessed_on=dt.date(2021, 11, 1),
            today=TODAY,
        )
    assert refused.value.message_dict == {
        "state": ["Kazakhstan did not make this commitment."],
        "assessed_on": ["The document was adopted on 30 November 2021."],
    }
    with pytest.raises(ValidationError) as refused:
        commitment_assess(
            commitment=meet,
            state=factories.state("KR"),
            compliance="full",
            assessed_on=dt.date(2025, 1, 1),
            today=TODAY,
        )
    assert refused.value.message_dict == {
        "assessed_on": ["An assessment cannot be dated in the future."]
    }


# Projects ---------------------------------------------------------------------------------------


@pytest.fixture
def project(forum):
    return project_propose(
        forum=forum,
        title="Forests against thawing",
        proposing_states=states("KG"),
        proposed_on=dt.date(2021, 11, 30),
    )


def test_a_proposed_project_starts_its_history(project):
    assert project.status == "proposed"
    assert list(project.status_history.values_list("status", "on")) == [
        ("proposed", dt.date(2021, 11, 30))
    ]


def test_a_project_moves_only_along_its_steps_and_keeps_them(project):
    project_decide(project=project, status="agreed", on=dt.date(2022, 3, 1), today=TODAY)
    project_decide(project=project, status="under_way", on=dt.date(2022, 9, 1), today=TODAY)
    project_decide(project=project, status="completed", on=dt.date(2024, 1, 1), today=TODAY)
    with pytest.raises(ValidationError) as refused:
        project_decide(project=project, status="dropped", on=dt.date(2024, 2, 1), today=TODAY)
    assert refused.value.message_dict == {
        "status": ["This project is completed; its status can no longer change."]
    }
    project.refresh_from_db()
    assert project.status == "completed"
    assert list(project.status_history.values_list("status", flat=True)) == [
        "proposed",
        "agreed",
        "under_way",
        "completed",
    ]


def test_a_decision_is_refused_out_of_order_or_before_the_last_step(project):
    with pytest.raises(ValidationError) as refused:
        project_decide(project=project, status="completed", on=dt.date(2021, 1, 1), today=TODAY)
    assert refused.value.message_dict == {
        "status": ["This project is proposed; it can become under study, agreed or dropped."],
        "on": [
            "The last step was dated 2021-11-30; a new one cannot precede it.",
        ],
    }
    assert ProjectStatusChange.objects.filter(project=project).count() == 1


def test_a_dropped_project_may_be_proposed_again(project):
    project_decide(project=project, status="dropped", on=dt.date(2022, 1, 1), today=TODAY)
    project_decide(project=project, status="proposed", on=dt.date(2023, 1, 1), today=TODAY)
    project.refresh_from_db()
    assert project.status == "proposed"


def test_a_proposal_needs_member_states_a_new_title_and_its_own_forums_origin(forum, project):
    other_forum = factories.ForumFactory()
    foreign_proposal = factories.ProposalFactory(statement__meeting__edition__forum=other_forum)
    with pytest.raises(ValidationError) as refused:
        project_propose(
            forum=forum,
            title="Forests against thawing",
            proposing_states=states("JP"),
            origin_proposal=foreign_proposal,
        )
    assert refused.value.message_dict == {
        "title": ["Korea–Central Asia Cooperation Forum already has a project of that title."],
        "proposing_states": ["Not a member of Korea–Central Asia Cooperation Forum: Japan."],
        "origin_proposal": ["That proposal was made in another forum."],
    }


def test_a_report_is_for_a_proposing_state_or_the_secretariat(project):
    project_report_add(project=project, text="A first study.", reported_on=dt.date(2022, 5, 1))
    project_report_add(
        project=project,
        text="Sites chosen.",
        reported_on=dt.date(2022, 6, 1),
        state=factories.state("KG"),
    )
    with pytest.raises(ValidationError) as refused:
        project_report_add(project=project, text="Ours.", state=factories.state("KZ"))
    assert refused.value.message_dict == {"state": ["Kazakhstan did not propose this project."]}
    assert list(project.reports.values_list("text", "state__code")) == [
        ("Sites chosen.", "KG"),
        ("A first study.", None),
    ]
