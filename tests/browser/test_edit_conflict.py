"""Two pen holders edit the same paragraph at once, one with JavaScript (htmx, in place) and one
without (plain forms): the second to save sees both texts, keeps its own in the form, and loses
nothing. Both on phones, then both at desks."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.documents import drafting
from plenary.documents.domain import document_record
from plenary.documents.models import Paragraph
from tests import factories
from tests.browser.support import WIDTHS, log_in

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture fails or skips with what to install
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 6"
ORIGINAL = "The parties will meet every year."
THEIRS = "The parties will meet every year in Seoul."
MINE = "The parties will meet twice a year."
MINE_AGAIN = "The parties will meet in Seoul twice a year."


@pytest.fixture
def paragraph(forum):
    user_model = get_user_model()
    secretary = user_model.objects.create_user("secretary", password=PASSWORD)
    role_grant(user=secretary, forum=forum, kind=RoleKind.SECRETARIAT)
    korea = factories.state("KR")
    focal = user_model.objects.create_user("kr-focal", password=PASSWORD)
    role_grant(user=focal, forum=forum, kind=RoleKind.FOCAL_POINT, state=korea)
    document = document_record(
        forum=forum,
        title="Joint Statement (demo)",
        kind=factories.DocumentKindFactory(),
        pen_holder_state=korea,
        by=secretary,
    )
    version = drafting.version_start(
        document,
        by=secretary,
        titles={"en": "Joint Statement (demo)"},
        paragraphs={"en": [ORIGINAL, "The parties welcome the Secretariat."]},
    )
    return Paragraph.objects.get(language_version__version=version, number=1)


def logged_in_page(browser, base: str, username: str, *, javascript: bool, viewport: dict):
    context = browser.new_context(java_script_enabled=javascript, viewport=viewport)
    page = context.new_page()
    log_in(page, base, username, PASSWORD)
    return page


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_crossed_edits_show_both_texts_and_keep_yours(
    live_server, browser, screenshots, paragraph, width
):
    base = live_server.url
    document_url = base + paragraph.language_version.version.document.get_absolute_url()
    viewport = WIDTHS[width]
    with_htmx = logged_in_page(browser, base, "secretary", javascript=True, viewport=viewport)
    plain = logged_in_page(browser, base, "kr-focal", javascript=False, viewport=viewport)
    cell = f"#paragraph-{paragraph.pk}"

    # Both open paragraph 1 for editing at revision 1.
    with_htmx.goto(document_url)
    with_htmx.get_by_role("link", name="Edit paragraph 1 (English)").click()
    expect(with_htmx.locator(f"{cell} textarea")).to_have_value(ORIGINAL)
    plain.goto(document_url)
    plain.get_by_role("link", name="Edit paragraph 1 (English)").click()
    expect(plain.get_by_role("heading", name="Paragraph 1", exact=False)).to_be_visible()

    # The secretariat saves first, in place.
    with_htmx.locator(f"{cell} textarea").fill(THEIRS)
    with_htmx.get_by_role("button", name="Save paragraph 1").click()
    expect(with_htmx.locator(cell)).to_contain_text(THEIRS)
    expect(with_htmx.locator(f"{cell} textarea")).to_have_count(0)

    # Korea's focal point, without JavaScript, saves from the old revision: nothing is saved, both
    # texts are shown, and the form still holds what was typed.
    plain.get_by_role("textbox", name="Text", exact=True).fill(MINE)
    plain.get_by_role("button", name="Save paragraph 1").click()
    conflict = plain.locator("#conflict")
    expect(conflict).to_contain_text("Someone else changed this paragraph")
    expect(conflict).to_contain_text(THEIRS)
    expect(conflict).to_contain_text(MINE)
    expect(plain.get_by_role("textbox", name="Text", exact=True)).to_have_value(MINE)
    screenshots(plain, "conflict-without-javascript")
    paragraph.refresh_from_db()
    assert (paragraph.text, paragraph.revision) == (THEIRS, 2)

    # The secretariat opens the paragraph again in place, at revision 2.
    with_htmx.get_by_role("link", name="Edit paragraph 1 (English)").click()
    expect(with_htmx.locator(f"{cell} textarea")).to_have_value(THEIRS)

    # Having read the current text, the focal point sends a text again, and it is saved.
    plain.get_by_role("textbox", name="Text", exact=True).fill(MINE_AGAIN)
    plain.get_by_role("button", name="Save paragraph 1").click()
    expect(plain.locator(cell)).to_contain_text(MINE_AGAIN)
    paragraph.refresh_from_db()
    assert (paragraph.text, paragraph.revision) == (MINE_AGAIN, 3)

    # The secretariat saves from revision 2: the conflict shows in place, with both texts, and
    # its own text stays in the form.
    with_htmx.locator(f"{cell} textarea").fill(THEIRS + " Or in Tashkent.")
    with_htmx.get_by_role("button", name="Save paragraph 1").click()
    expect(with_htmx.locator(f"{cell} .conflict")).to_contain_text(MINE_AGAIN)
    expect(with_htmx.locator(f"{cell} textarea")).to_have_value(THEIRS + " Or in Tashkent.")
    screenshots(with_htmx, "conflict-in-place")
    paragraph.refresh_from_db()
    assert paragraph.text == MINE_AGAIN
    assert screenshots.sideways == []
