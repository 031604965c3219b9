"""The negotiating pages cost the same number of queries however long the negotiation."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.documents.drafting import (
    comment_add,
    position_record,
    version_circulate,
    version_next,
    version_start,
)
from tests import factories

pytestmark = pytest.mark.django_db

STATES = ["KZ", "KG", "TJ", "TM", "UZ"]


def negotiate(document, secretary, focal_points, rounds: int, paragraphs: int) -> None:
    """``rounds`` versions of ``paragraphs`` paragraphs, each with a comment per paragraph and a
    position per state."""
    version = version_start(
        document,
        by=secretary,
        titles={"en": "Joint Statement", "ru": "Совместное заявление"},
        paragraphs={
            "en": [f"Paragraph {n}." for n in range(1, paragraphs + 1)],
            "ru": [f"Абзац {n}." for n in range(1, paragraphs + 1)],
        },
    )
    for _ in range(rounds):
        version_circulate(version, by=secretary, comments_due=timezone.now() + dt.timedelta(days=7))
        accepted = []
        for paragraph in version.languages.get(language="en").paragraphs.all():
            accepted.append(
                comment_add(
                    paragraph,
                    state=factories.state("KZ"),
                    by=focal_points["KZ"],
                    proposed_text=paragraph.text + " Amended.",
                )
            )
        for code in STATES[:paragraphs]:
            position_record(
                version, state=factories.state(code), kind="agreed", by=focal_points[code]
            )
        version = version_next(document, by=secretary, accepted_comments=accepted)


def queries(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def people(forum):
    users = get_user_model()
    secretary = users.objects.create_user("secretary")
    role_grant(user=secretary, forum=forum, kind=RoleKind.SECRETARIAT)
    focal_points = {}
    for code in STATES:
        focal_points[code] = users.objects.create_user(f"focal-{code}")
        role_grant(
            user=focal_points[code],
            forum=forum,
            kind=RoleKind.FOCAL_POINT,
            state=factories.state(code),
        )
    return secretary, focal_points


@pytest.mark.parametrize("page", ["document", "history", "compare"])
def test_negotiation_pages_queries_do_not_grow(client, forum, people, page):
    """One round of one paragraph, then three rounds of three paragraphs with their comments and
    positions: the secretariat's page costs the same queries."""
    secretary, focal_points = people
    counts = []
    for size in (1, 3):
        document = factories.OutcomeDocumentFactory(forum=forum, title=f"Statement {size}")
        negotiate(document, secretary, focal_points, rounds=size, paragraphs=size)
        client.force_login(secretary)
        url = reverse(f"documents:{page}", kwargs={"forum": forum.slug, "pk": document.pk})
        if page == "compare":
            url += f"?from=1&to={size + 1}"
        counts.append(queries(client, url))
    expected = {"document": 14, "history": 7, "compare": 11}[page]
    assert counts == [expected, expected]
