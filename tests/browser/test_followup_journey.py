"""Follow-up in a real browser: Kazakhstan's focal point reports its work-plan item done and sees
the plan's rate move, then proposes a project; the secretariat takes the project to study. The
public reads the result.

Walked twice: the focal point and the public on a phone and the secretariat at a desk, then the
other way round."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture fails or skips with what to install
    expect = None

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.projects.models import Project
from plenary.workplans.models import ItemReport
from tests import factories
from tests.browser.support import WIDTHS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 6"
# Each variant: the width of the focal point (and the public), and the secretariat's.
VARIANTS = {
    "focal-phone-secretariat-desktop": ("phone", "desktop"),
    "focal-desktop-secretariat-phone": ("desktop", "phone"),
}


@pytest.fixture
def plan(forum):
    """Last year's plan: one item of Korea's, one of Kazakhstan's, in one area."""
    user_model = get_user_model()
    secretary = user_model.objects.create_user("secretary", "secretary@example.org", PASSWORD)
    role_grant(user=secretary, forum=forum, kind=RoleKind.SECRETARIAT)
    focal = user_model.objects.create_user("kz-focal", "focal@mfa.example", PASSWORD)
    role_grant(user=focal, forum=forum, kind=RoleKind.FOCAL_POINT, state=factories.state("KZ"))
    plan = factories.WorkPlanFactory(
        forum=forum, year=timezone.localdate().year - 1, title="Work Plan of last year"
    )
    area = factories.WorkPlanAreaFactory(plan=plan, number=1, name="Energy")
    factories.WorkPlanItemFactory(
        plan=plan,
        area=area,
        number="1.1",
        text="Map the region's solar potential.",
        responsible_state=factories.state("KR"),
    )
    factories.WorkPlanItemFactory(
        plan=plan,
        area=area,
        number="1.2",
        text="Train grid operators.",
        responsible_state=factories.state("KZ"),
    )
    return plan


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_focal_point_reports_and_proposes_and_the_secretariat_decides(
    live_server, browser, screenshots, forum, plan, variant
):
    focal_width, secretariat_width = VARIANTS[variant]
    base = live_server.url
    problems: list[str] = []

    # Kazakhstan's focal point
    phone = browser.new_page(viewport=WIDTHS[focal_width])
    phone.on("pageerror", lambda error: problems.append(str(error)))
    log_in(phone, base, "kz-focal", PASSWORD)
    phone.goto(base + forum.get_absolute_url())
    phone.get_by_role("link", name="Work plans").click()
    phone.get_by_role("link", name="Work Plan of last year").click()
    expect(phone.locator("#plan-facts")).to_contain_text("0 of 2 done (0%)")
    # Only Kazakhstan's item offers a report.
    expect(phone.get_by_role("link", name="Report on this item")).to_have_count(1)
    screenshots(phone, "plan-before")
    phone.get_by_role("link", name="Report on this item").click()
    phone.get_by_label("Status").select_option(label="done")
    phone.get_by_label("What was done").fill("Forty operators trained in Almaty.")
    phone.get_by_role("button", name="Send the report").click()
    expect(phone.locator("#plan-facts")).to_contain_text("1 of 2 done (50%)")
    screenshots(phone, "plan-after")
    assert list(
        ItemReport.objects.values_list("item__number", "status", "reporter_state__code")
    ) == [("1.2", "done", "KZ")]

    phone.goto(base + reverse("projects:projects", kwargs={"forum": forum.slug}))
    phone.get_by_role("link", name="Propose a project").click()
    phone.get_by_label("Title").fill("Solar training centre")
    phone.get_by_role("button", name="Propose the project").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Solar training centre")
    screenshots(phone, "project-proposed")
    project = Project.objects.get(title="Solar training centre")
    assert (project.status, [s.code for s in project.proposing_states.all()]) == (
        "proposed",
        ["KZ"],
    )
    # The focal point may report, not decide.
    expect(phone.get_by_role("button", name="Record the decision")).to_have_count(0)

    # The secretariat
    desk = browser.new_page(viewport=WIDTHS[secretariat_width])
    desk.on("pageerror", lambda error: problems.append(str(error)))
    log_in(desk, base, "secretary", PASSWORD)
    desk.goto(base + project.get_absolute_url())
    desk.get_by_text("Decide on the status").click()
    desk.get_by_label("New status").select_option(label="under study")
    desk.get_by_role("button", name="Record the decision").click()
    expect(desk.locator("#history")).to_contain_text("under study")
    screenshots(desk, "project-under-study")

    # The public
    public = browser.new_page(viewport=WIDTHS[focal_width])
    public.goto(base + reverse("stats:glance", kwargs={"forum": forum.slug}))
    expect(public.get_by_role("heading", level=1)).to_be_visible()
    screenshots(public, "glance")
    project.refresh_from_db()
    assert project.status == "under_study"
    assert problems == []
    assert screenshots.sideways == []
