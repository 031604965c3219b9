"""Intake in a real browser: the secretariat pastes a press report, sees the facts proposed and
the contradiction flagged, accepts some facts one by one, rejects one, and writes them; the
edition appears in the public record with the accepted facts only. On a phone and at a desk."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture fails or skips with what to install
    expect = None

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.forums.models import Edition
from plenary.intake.models import IntakeReport
from tests.browser.support import WIDTHS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 6"

REPORT = (
    "The 9th Korea–Central Asia Cooperation Forum took place in Seoul on 5-6 October 2015.\n\n"
    "Taking part were the foreign ministers of the Republic of Korea, Kazakhstan and Tajikistan, "
    "and the deputy foreign minister of Kazakhstan.\n\n"
    "The participants agreed to hold the 10th Forum in Dushanbe in 2016."
)


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_secretariat_turns_a_pasted_report_into_facts_of_an_edition(
    live_server, browser, screenshots, forum, width
):
    secretary = get_user_model().objects.create_user("secretary", "secretary@example.org", PASSWORD)
    role_grant(user=secretary, forum=forum, kind=RoleKind.SECRETARIAT)

    page = browser.new_page(viewport=WIDTHS[width])
    base = live_server.url
    log_in(page, base, "secretary", PASSWORD)

    page.goto(base + reverse("accounts:home"))
    page.get_by_role("link", name="Intake of reports").click()
    page.goto(base + reverse("intake:report_new"))
    page.get_by_label("Title").fill("Seoul hosts the 9th Forum")
    page.get_by_label(re.compile("^Text")).fill(REPORT)
    page.get_by_role("button", name="Read the report").click()

    # The review page: the contradiction is a warning, and facts are marked in the text.
    expect(page.get_by_role("heading", name="Seoul hosts the 9th Forum")).to_be_visible()
    expect(page.locator("#conflicts")).to_contain_text("Kazakhstan")
    expect(page.locator("#report-text-body mark").first).to_be_visible()
    screenshots(page, "review")
    report = IntakeReport.objects.get()
    assert Edition.objects.filter(forum=forum, number=9).exists() is False

    def decide(key: str, button: str, position: int = 0) -> None:
        fact = page.locator(f"#key-{key} .intake-fact").nth(position)
        fact.get_by_role("button", name=button, exact=True).click()
        expect(page.locator(f"#key-{key} .intake-fact").nth(position)).to_contain_text(
            "accepted" if button == "Accept" else "rejected"
        )

    for key in ("edition_number", "start_date", "end_date", "city", "country"):
        decide(key, "Accept")
    decide("decisions", "Reject")
    screenshots(page, "decided")
    assert report.facts.filter(decision="accepted").count() == 5

    page.get_by_role("button", name="Write accepted facts to the record").click()
    expect(page).to_have_url(re.compile(r"/9/$"))
    screenshots(page, "edition")

    edition = Edition.objects.get(forum=forum, number=9)
    assert (str(edition.start_date), str(edition.end_date), edition.city) == (
        "2015-10-05",
        "2015-10-06",
        "Seoul",
    )
    assert edition.host_state.code == "KR"
    assert edition.decisions.count() == 0  # rejected: not written
    report.refresh_from_db()
    assert (report.status, report.edition) == ("applied", edition)
    assert screenshots.sideways == []
