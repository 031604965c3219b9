"""Registration in a real browser: the secretariat opens the call for the closing ceremony;
Kazakhstan's focal point, on a phone, registers its delegation (the head with their rank, one
member, the credentials letter) and submits it; the secretariat accepts it, and the meeting's
page shows the delegation.

Walked three ways: the focal point on a phone and the secretariat at a desk; the other way round;
and the focal point on a phone by the keyboard alone (every link, field, list and button reached
by Tab, the letter attached through the file chooser opened by Space)."""

from __future__ import annotations

import datetime as dt

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
from plenary.meetings.enums import MeetingKind
from plenary.meetings.models import Delegation
from plenary.people.enums import Rank
from plenary.registration.models import DelegationRegistration
from tests import factories
from tests.browser.support import HANDS, WIDTHS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 9"
LETTER = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def ceremony(forum):
    """The closing ceremony of the 17th Forum in Seoul, a month away, with the forum's
    secretariat and Kazakhstan's focal point."""
    user_model = get_user_model()
    secretary = user_model.objects.create_user("secretary", "secretary@example.org", PASSWORD)
    role_grant(user=secretary, forum=forum, kind=RoleKind.SECRETARIAT)
    focal = user_model.objects.create_user("kz-focal", "focal@mfa.example", PASSWORD)
    role_grant(user=focal, forum=forum, kind=RoleKind.FOCAL_POINT, state=factories.state("KZ"))
    day = (timezone.now() + dt.timedelta(days=30)).date()
    edition = factories.EditionFactory(
        forum=forum, number=17, start_date=day, city="Seoul", status="planned"
    )
    return factories.MeetingFactory(
        edition=edition,
        kind=MeetingKind.CLOSING_CEREMONY,
        title="Closing ceremony of the 17th Forum",
        date=day,
        timezone="Asia/Seoul",
        status="planned",
    )


# Each variant: the focal point's width and how it operates the page, the secretariat's width.
VARIANTS = {
    "focal-phone-secretariat-desktop": ("phone", "mouse", "desktop"),
    "focal-desktop-secretariat-phone": ("desktop", "mouse", "phone"),
    "focal-phone-keyboard": ("phone", "keyboard", "desktop"),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_focal_point_registers_and_the_secretariat_accepts(
    live_server, browser, screenshots, forum, ceremony, variant
):
    focal_width, focal_operates_by, secretariat_width = VARIANTS[variant]
    base = live_server.url
    problems: list[str] = []
    registration_url = reverse(
        "registration:meeting",
        kwargs={"forum": forum.slug, "number": ceremony.edition.number, "pk": ceremony.pk},
    )
    deadline = (timezone.now() + dt.timedelta(days=14)).date()

    # The secretariat opens the call
    desk = browser.new_page(viewport=WIDTHS[secretariat_width])
    desk.on("pageerror", lambda error: problems.append(str(error)))
    log_in(desk, base, "secretary", PASSWORD)
    desk.goto(base + registration_url)
    desk.get_by_role("link", name="Open registration").click()
    desk.get_by_label("Deadline, Asia/Seoul time").fill(f"{deadline.isoformat()}T18:00")
    desk.get_by_role("button", name="Open registration").click()
    expect(desk.locator("#call")).to_contain_text("18:00 Asia/Seoul")
    screenshots(desk, "call-open")

    # Kazakhstan's focal point
    phone = browser.new_page(viewport=WIDTHS[focal_width])
    phone.on("pageerror", lambda error: problems.append(str(error)))
    hands = HANDS[focal_operates_by](phone)
    log_in(phone, base, "kz-focal", PASSWORD, hands)
    phone.goto(base + reverse("registration:calls", kwargs={"forum": forum.slug}))
    hands.click(phone.get_by_role("link", name="Closing ceremony of the 17th Forum"))
    hands.click(phone.get_by_role("link", name="Kazakhstan"))
    hands.fill(phone.get_by_label("Name in Latin script"), "Murat Nurtleu")
    hands.fill(phone.get_by_label("Name in Cyrillic (optional)"), "Мурат Нуртлеу")
    hands.select(phone.get_by_label("Rank"), label="foreign minister")
    hands.fill(phone.get_by_label("Title or post"), "Minister of Foreign Affairs")
    hands.fill(phone.get_by_label("Member 1: name"), "Aibek Smadiyarov")
    hands.fill(phone.get_by_label("Member 1: function"), "spokesperson")
    screenshots(phone, "form-filled")
    hands.click(phone.get_by_role("button", name="Save the registration"))
    expect(phone.locator(".messages")).to_contain_text("Kazakhstan’s registration is saved.")
    hands.attach(
        phone.get_by_label("Credentials letter or note verbale"),
        {"name": "credentials.pdf", "mimeType": "application/pdf", "buffer": LETTER},
    )
    hands.click(phone.get_by_role("button", name="Attach the letter"))
    expect(phone.locator("#letter")).to_contain_text("credentials.pdf")
    hands.click(phone.get_by_role("button", name="Submit the registration"))
    expect(phone.locator("#status")).to_contain_text("submitted")
    expect(phone.locator("#history")).to_contain_text("Submitted to the secretariat")
    screenshots(phone, "submitted")
    registration = DelegationRegistration.objects.get(meeting=ceremony)
    assert (registration.state.code, registration.status, registration.letter_name) == (
        "KZ",
        "submitted",
        "credentials.pdf",
    )

    # The secretariat accepts it
    desk.goto(base + registration_url)
    expect(desk.locator("#state-kz")).to_contain_text("submitted")
    desk.get_by_role("link", name="Kazakhstan").click()
    desk.get_by_role("button", name="Accept the registration").click()
    expect(desk.locator("#status")).to_contain_text("accepted")
    screenshots(desk, "accepted")

    delegation = Delegation.objects.get(meeting=ceremony, state__code="KZ")
    assert (delegation.head_person.name, delegation.head_rank, delegation.head_title) == (
        "Murat Nurtleu",
        Rank.FOREIGN_MINISTER,
        "Minister of Foreign Affairs",
    )
    assert [(m.person.name, m.function) for m in delegation.members.all()] == [
        ("Aibek Smadiyarov", "spokesperson")
    ]

    # The meeting's page shows the delegation
    desk.get_by_role("link", name="the meeting's page").click()
    expect(desk.locator("#delegations")).to_contain_text("Murat Nurtleu")
    screenshots(desk, "meeting")
    if focal_operates_by == "keyboard":
        print(hands.summary())
    assert problems == []
    assert screenshots.sideways == []
