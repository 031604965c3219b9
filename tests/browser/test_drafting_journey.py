"""A draft outcome document from its first text to the public record, in a real browser: the
secretariat drafts and circulates it, a member state proposes an amendment and agrees ad
referendum, the secretariat takes the amendment into version 2 and has it adopted at the closing
ceremony, and the public reads the adopted text and its history.

Walked three ways: at a desk with a mouse, on a phone by touch, and on a phone by the keyboard
alone (every link, button, field, box and list reached by Tab and worked by Enter, Space, arrows
and typing; only going to an address and going back are done by the browser)."""

from __future__ import annotations

import datetime as dt
import re

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
from plenary.documents.enums import DocumentStatus, PositionKind, VersionStatus
from plenary.documents.models import Comment, OutcomeDocument, Position
from plenary.meetings.enums import MeetingKind
from tests import factories
from tests.browser.support import HANDS, WIDTHS, log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 5"
TITLE = "Joint Statement of the 17th Forum (demo)"
PARAGRAPH_2 = "The parties welcome the work of the Secretariat."
AMENDED_2 = "The parties welcome the work of the Secretariat in Seoul and ask it to report yearly."


@pytest.fixture
def people(forum):
    """The forum's secretariat, Kazakhstan's focal point, and the closing ceremony of the 17th
    Forum in Seoul."""
    user_model = get_user_model()
    secretary = user_model.objects.create_user("secretary", "secretary@example.org", PASSWORD)
    role_grant(user=secretary, forum=forum, kind=RoleKind.SECRETARIAT)
    focal = user_model.objects.create_user("kz-focal", "focal@mfa.example", PASSWORD)
    role_grant(user=focal, forum=forum, kind=RoleKind.FOCAL_POINT, state=factories.state("KZ"))
    edition = factories.EditionFactory(
        forum=forum, number=17, start_date=timezone.now().date(), city="Seoul"
    )
    ceremony = factories.MeetingFactory(
        edition=edition,
        kind=MeetingKind.CLOSING_CEREMONY,
        title="Closing ceremony of the 17th Forum",
        date=timezone.now().date(),
        timezone="Asia/Seoul",
    )
    factories.DocumentKindFactory(name="Joint Statement")
    return {"secretary": secretary, "focal": focal, "ceremony": ceremony}


def in_a_week() -> str:
    return (timezone.now() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize(
    ("width", "operated_by"),
    [("desktop", "mouse"), ("phone", "mouse"), ("phone", "keyboard")],
    ids=["desktop-mouse", "phone-mouse", "phone-keyboard"],
)
def test_draft_is_amended_adopted_and_published(
    live_server, browser, screenshots, forum, people, width, operated_by
):
    base = live_server.url
    page = browser.new_page(viewport=WIDTHS[width])
    hands = HANDS[operated_by](page)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))

    # The secretariat starts a draft in English and Russian.
    log_in(page, base, "secretary", PASSWORD, hands)
    page.goto(base + reverse("documents:list", kwargs={"forum": forum.slug}))
    hands.click(page.get_by_role("link", name="New document"))
    form = page.locator("#new-document form")
    hands.select(form.get_by_label("Kind"), label="Joint Statement")
    hands.fill(form.get_by_label("Title", exact=True), TITLE)
    hands.fill(form.get_by_label("Title in English"), TITLE)
    hands.fill(
        form.get_by_label("Paragraphs in English"),
        f"The parties will meet every year.\n\n{PARAGRAPH_2}",
    )
    hands.fill(form.get_by_label("Title in Russian"), "Совместное заявление 17-го Форума")
    hands.fill(
        form.get_by_label("Paragraphs in Russian"),
        "Стороны будут встречаться ежегодно.\n\nСтороны приветствуют работу Секретариата.",
    )
    screenshots(page, "new-document-form")
    hands.click(form.get_by_role("button", name="Start the draft"))
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("confidential draft")
    document = OutcomeDocument.objects.get(title=TITLE)
    screenshots(page, "draft-started")

    # It edits paragraph 1 in place (htmx), then circulates the draft with a deadline.
    hands.click(page.get_by_role("link", name="Edit paragraph 1 (English)"))
    editor = page.locator("textarea[name$='-text']").first
    expect(editor).to_have_value("The parties will meet every year.")
    # The editor takes the focus as it opens, and the edit link takes it back after the save.
    expect(editor).to_be_focused()
    hands.fill(editor, "The parties will meet every year, in turn in Seoul and in Central Asia.")
    screenshots(page, "paragraph-edited-in-place")
    hands.click(page.get_by_role("button", name="Save paragraph 1"))
    expect(page.locator("#current-text")).to_contain_text("in turn in Seoul and in Central Asia")
    expect(page.get_by_role("link", name="Edit paragraph 1 (English)")).to_be_focused()
    steps = page.locator("#steps")
    hands.fill(steps.get_by_label("Comments due by"), in_a_week())
    hands.select(steps.get_by_label("Time zone"), value="Asia/Seoul")
    hands.click(steps.get_by_role("button", name="Circulate to the delegations"))
    expect(page.locator(".negotiation__facts")).to_contain_text("Version 1, circulated")
    expect(page.locator(".negotiation__facts")).to_contain_text("Asia/Seoul (UTC+09:00)")
    screenshots(page, "circulated")
    log_out(page, hands)

    # Kazakhstan's focal point proposes an amendment to paragraph 2 and agrees ad referendum.
    log_in(page, base, "kz-focal", PASSWORD, hands)
    page.goto(base + document.get_absolute_url())
    paragraph = document.versions.get().languages.get(language="en").paragraphs.get(number=2)
    cell = page.locator(f"#paragraph-{paragraph.pk}")
    hands.click(cell.get_by_text("Comment on paragraph 2 (English) or propose an amendment"))
    hands.fill(cell.get_by_label("Comment"), "Say where the Secretariat sits and what it reports.")
    hands.fill(cell.get_by_label("Proposed text"), AMENDED_2)
    hands.click(cell.get_by_role("button", name="Send the comment"))
    expect(cell.locator(".amendment ins")).to_contain_text("in Seoul and ask it to report yearly")
    expect(cell.locator("ul.comments")).to_be_focused()
    screenshots(page, "amendment-proposed")
    hands.click(page.get_by_text("Record your delegation's position on version 1"))
    hands.check(page.get_by_label("agreed ad referendum"))
    hands.click(page.get_by_role("button", name="Record the position"))
    expect(page.locator("#positions")).to_contain_text("agreed ad referendum")
    screenshots(page, "position-recorded")
    log_out(page, hands)
    assert Position.objects.get().kind == PositionKind.AD_REFERENDUM

    # The secretariat takes the amendment into version 2, circulates and adopts it.
    log_in(page, base, "secretary", PASSWORD, hands)
    page.goto(base + document.get_absolute_url())
    steps = page.locator("#steps")
    hands.check(steps.get_by_label(re.compile(r"¶2 \(en\), Kazakhstan")))
    hands.click(steps.get_by_role("button", name="Make the next version"))
    expect(page.locator(".negotiation__facts")).to_contain_text("Version 2, draft")
    expect(page.locator("#current-text")).to_contain_text(AMENDED_2)
    hands.click(page.get_by_role("link", name="Compare versions"))
    expect(page.locator("#compare-en ins").first).to_be_visible()
    screenshots(page, "compare-versions")
    page.go_back()
    steps = page.locator("#steps")
    hands.fill(steps.get_by_label("Comments due by"), in_a_week())
    hands.click(steps.get_by_role("button", name="Circulate to the delegations"))
    expect(page.locator(".negotiation__facts")).to_contain_text("Version 2, circulated")
    steps = page.locator("#steps")
    hands.select(steps.get_by_label("At the meeting"), value=str(people["ceremony"].pk))
    expect(steps.get_by_label("On", exact=True)).to_have_value(timezone.localdate().isoformat())
    consenting = steps.locator("input[name='adopt-consenting_states']")
    expect(consenting).to_have_count(6)
    for index in range(6):
        expect(consenting.nth(index)).to_be_checked()
    screenshots(page, "adoption-form")
    hands.click(steps.get_by_role("button", name="Adopt the text"))
    expect(page.locator(".messages")).to_contain_text("adopted")
    screenshots(page, "adopted")
    log_out(page, hands)
    document.refresh_from_db()
    assert (document.status, document.adopted_at) == (DocumentStatus.ADOPTED, people["ceremony"])
    assert Comment.objects.get().accepted_in.number == 2
    assert document.versions.get(number=2).status == VersionStatus.ADOPTED

    # The public reads the adopted text; the negotiating record stays with the member states.
    page.goto(base + document.get_absolute_url())
    text = page.locator("#text")
    expect(text).to_contain_text(AMENDED_2)
    expect(text).to_contain_text("Стороны будут встречаться ежегодно.")
    expect(page.locator("#negotiation")).to_have_count(0)
    expect(page.get_by_role("link", name="History of the document")).to_have_count(0)
    screenshots(page, "public-document")
    log_in(page, base, "kz-focal", PASSWORD, hands)
    page.goto(base + document.get_absolute_url())
    hands.click(page.get_by_role("link", name="History of the document"))
    history = page.locator("#history")
    expect(history).to_contain_text("Kazakhstan proposed an amendment to paragraph 2 (English)")
    expect(history).to_contain_text("Kazakhstan recorded its position on version 1")
    expect(history).to_contain_text("taking in 1 accepted amendment")
    expect(history).to_contain_text("at the Closing ceremony of the 17th Forum")
    screenshots(page, "member-history")
    if operated_by == "keyboard":
        print(hands.summary())
    assert problems == []
    assert screenshots.sideways == []
