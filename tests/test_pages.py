"""The public pages: they answer, hide drafts, list states in precedence order, and cost a fixed
number of queries whatever the amount of data."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.common.domain import cite
from plenary.documents.enums import AdoptionMethod, DocumentStatus, VersionStatus
from plenary.documents.models import LanguageVersion, Paragraph
from plenary.forums.domain import state_ensure, state_name_set
from plenary.forums.enums import Precedence
from plenary.forums.models import (
    CoChair,
    Edition,
    ForumName,
    Membership,
    SideTrack,
    State,
)
from plenary.meetings.enums import MeetingKind
from plenary.meetings.models import DelegationMember
from plenary.people.enums import NameKind, Rank
from plenary.people.models import Person, PersonName, Tenure
from tests import factories

ENGLISH_ORDER = [
    "Kazakhstan",
    "Kyrgyzstan",
    "Republic of Korea",
    "Tajikistan",
    "Turkmenistan",
    "Uzbekistan",
]


def korea_named() -> State:
    """Korea as the forum calls it. Call after the factories, which reset it to CLDR's name."""
    return state_ensure("KR", name="Republic of Korea")


class _LinksIn(HTMLParser):
    """Texts of the links to state pages inside the element with a given id, in page order."""

    def __init__(self, element_id: str):
        super().__init__()
        self.element_id = element_id
        self.depth = 0
        self.in_link = False
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            if tag not in {"br", "img", "input", "meta", "link", "hr", "wbr"}:
                self.depth += 1
        elif attrs.get("id") == self.element_id:
            self.depth = 1
        if self.depth and tag == "a" and (attrs.get("href") or "").startswith("/states/"):
            self.in_link = True
            self.texts.append("")

    def handle_endtag(self, tag):
        if tag == "a":
            self.in_link = False
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.in_link:
            self.texts[-1] += data


def state_links(response, element_id: str) -> list[str]:
    parser = _LinksIn(element_id)
    parser.feed(response.content.decode())
    return parser.texts


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class _Markup(HTMLParser):
    """Problems a reader or a validator would trip on: unclosed or stray tags, duplicate ids,
    inline styles and scripts, skipped heading levels."""

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        line = self.getpos()[0]
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.problems.append(f"line {line}: duplicate id {attrs['id']}")
            self.ids.add(attrs["id"])
        if "style" in attrs or tag == "style":
            self.problems.append(f"line {line}: inline style")
        if tag == "script" and "src" not in attrs:
            self.problems.append(f"line {line}: inline script")
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            level = int(tag[1])
            if (self.headings and level > self.headings[-1] + 1) or (
                not self.headings and level != 1
            ):
                self.problems.append(f"line {line}: <{tag}> after {self.headings[-1:]}")
            self.headings.append(level)
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.problems.append(f"line {self.getpos()[0]}: </{tag}> closes {self.open[-1:]}")


def markup_problems(html: str) -> list[str]:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.problems + [f"<{tag}> never closed" for tag in parser.open]


def count_queries(client, url: str) -> int:
    """Queries of one request for ``url``, after a first request has warmed Django's caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


# A world with some of everything, grown step by step -------------------------------------------

EXTRA_MEMBERS = ["JP", "CN", "US", "DE", "FR", "IN", "TR", "MN"]
MAIN_MEETING_STATES = ["KR", "KZ", "KG", "TM", "UZ"]
KINDS = [
    MeetingKind.SENIOR_OFFICIALS,
    MeetingKind.EXPERT_SESSION,
    MeetingKind.SIDE_EVENT,
    MeetingKind.CLOSING_CEREMONY,
    MeetingKind.WORKING_GROUP,
]


@dataclass
class World:
    """The 14th edition of ``forum`` with a ministerial plenary, Tajikistan, its foreign minister
    and an adopted document; ``grow`` adds more of every related thing around them."""

    forum: object
    edition: Edition
    main: object
    state: State
    person: Person
    post: object
    document: object
    grown: int = 0

    def urls(self) -> dict[str, str]:
        return {
            "landing": reverse("forums:landing"),
            "forum": self.forum.get_absolute_url(),
            "edition": self.edition.get_absolute_url(),
            "meeting": self.main.get_absolute_url(),
            "state": self.state.get_absolute_url(),
            "person": self.person.get_absolute_url(),
            "document": self.document.get_absolute_url(),
            "documents": reverse("documents:list", kwargs={"forum": self.forum.slug}),
            "people": reverse("people:list"),
            "states": reverse("forums:states"),
        }


def make_world(forum) -> World:
    tajikistan = factories.state("TJ")
    forum.secretariat = factories.OrganizationFactory(name="Secretariat", kind="secretariat")
    forum.save()
    edition = factories.EditionFactory(
        forum=forum,
        number=14,
        start_date=dt.date(2021, 11, 30),
        city="Dushanbe",
        host_state=tajikistan,
        chair_state=tajikistan,
        theme="Cooperation for recovery",
    )
    main = factories.MeetingFactory(
        edition=edition, kind=MeetingKind.MINISTERIAL, title="Ministerial plenary"
    )
    person = factories.PersonFactory(name="Sirojiddin Muhriddin", slug="sirojiddin-muhriddin")
    post = factories.PostFactory(title="Minister of Foreign Affairs", state=tajikistan)
    delegation = factories.DelegationFactory(
        meeting=main, state=tajikistan, head_person=person, head_post=post
    )
    factories.StatementFactory(meeting=main, delegation=delegation, speaker_person=person)
    document = factories.OutcomeDocumentFactory(
        forum=forum,
        edition=edition,
        title="Joint Statement of the 14th Forum",
        status=DocumentStatus.ADOPTED,
        adopted_on=edition.start_date,
        adoption_method=AdoptionMethod.AT_MEETING,
        adopted_at=main,
        summary="What the reports say of it.",
    )
    return World(forum, edition, main, tajikistan, person, post, document)


def grow(world: World, times: int) -> None:
    """Add ``times`` more of every related thing each page shows."""
    for _ in range(times):
        i = world.grown
        world.grown += 1
        forum, edition, person = world.forum, world.edition, world.person
        source = factories.SourceFactory()
        other_source = factories.SourceFactory()

        # The forum: names, side tracks, secretariat bodies, members, editions, milestones.
        ForumName.objects.create(forum=forum, name=f"Other name {i}")
        track = SideTrack.objects.create(forum=forum, name=f"Business forum {i}", kind="business")
        factories.OrganizationFactory(parent=forum.secretariat)
        extra = factories.state(EXTRA_MEMBERS[i])
        state_name_set(state=extra, language="ru", name=f"Государство {i}")
        membership = factories.MembershipFactory(forum=forum, state=extra)
        cite(membership, source)
        later = factories.EditionFactory(forum=forum, number=20 + i, city="Busan")
        cite(later, source, field="city", claim="Busan")
        cite(later, other_source, field="city", claim="Seoul")
        milestone = factories.MilestoneFactory(forum=forum, edition=edition)
        cite(milestone, source)

        # Another forum, where Tajikistan and the person are also present.
        elsewhere = factories.ForumFactory()
        for code in ["KR", "TJ"]:
            factories.MembershipFactory(forum=elsewhere, state=factories.state(code))
        there = factories.MeetingFactory(edition=factories.EditionFactory(forum=elsewhere))
        cite(
            factories.DelegationFactory(meeting=there, state=world.state, head_person=person),
            source,
        )

        # The person: name forms, posts, co-chairs, decisions.
        PersonName.objects.create(
            person=person, name=f"Мухриддин {i}", language="ru", kind=NameKind.TRANSLITERATION
        )
        post = factories.PostFactory(state=world.state, rank=Rank.MINISTER)
        cite(Tenure.objects.create(person=person, post=post, start=dt.date(2010 + i, 1, 1)), source)
        cite(CoChair.objects.create(edition=later, state=world.state, person=person), source)
        someone = factories.PersonFactory()
        PersonName.objects.create(person=someone, name=f"이름 {i}", language="ko")
        Tenure.objects.create(person=someone, post=factories.PostFactory(state=world.state))

        # The edition: co-chairs, decisions, documents, work plans, experts.
        co_chair_state = factories.state(MAIN_MEETING_STATES[i])
        cite(
            CoChair.objects.create(edition=edition, state=co_chair_state, post=post),
            source,
        )
        decision = factories.DecisionFactory(
            edition=edition, city="Seoul", year=2022, realized_by=later
        )
        cite(decision, source)
        appointment = factories.DecisionFactory(
            edition=edition, kind="appointment", person=person, post=post
        )
        cite(appointment, source)
        adopted = factories.OutcomeDocumentFactory(
            forum=forum,
            edition=edition,
            status=DocumentStatus.ADOPTED,
            adopted_on=edition.start_date,
            adoption_method=AdoptionMethod.AT_MEETING,
            adopted_at=world.main,
        )
        cite(adopted, source)
        factories.OutcomeDocumentFactory(forum=forum, edition=edition)  # a draft
        plan = factories.WorkPlanFactory(forum=forum, adopted_at=edition, document=adopted)
        factories.WorkPlanAreaFactory(plan=plan)
        cite(plan, source)

        # The edition's meetings, each with Tajikistan's delegation, statement and proposal.
        meeting = factories.MeetingFactory(
            edition=edition,
            kind=KINDS[i % len(KINDS)],
            field=factories.FieldFactory(),
            side_track=track,
            date=None if i % 2 else edition.start_date,
        )
        cite(meeting, source)
        led = factories.DelegationFactory(
            meeting=meeting, state=world.state, head_person=person, head_post=post
        )
        cite(led, source)
        DelegationMember.objects.create(delegation=led, person=factories.PersonFactory())
        statement = factories.StatementFactory(
            meeting=meeting, delegation=led, speaker_person=person
        )
        statement.fields.add(factories.FieldFactory())
        cite(statement, source)
        proposal = factories.ProposalFactory(statement=statement, field=factories.FieldFactory())
        proposal.partners.add(factories.OrganizationFactory())
        cite(proposal, source)
        experts = factories.ExpertParticipationFactory(
            edition=edition,
            meeting=meeting,
            state=world.state,
            field=factories.FieldFactory(),
            organization=factories.OrganizationFactory(),
            approximate=True,
        )
        cite(experts, source)

        # The ministerial plenary: one more state's delegation, statement and proposals.
        delegation = factories.DelegationFactory(
            meeting=world.main,
            state=co_chair_state,
            head_person=None,
            head_post=factories.PostFactory(state=co_chair_state),
        )
        cite(delegation, source, field="head_rank", claim="foreign minister")
        cite(delegation, other_source, field="head_rank", claim="deputy foreign minister")
        DelegationMember.objects.create(delegation=delegation, person=person, function="adviser")
        statement = factories.StatementFactory(meeting=world.main, delegation=delegation)
        cite(statement, source)
        for _ in range(2):
            proposal = factories.ProposalFactory(statement=statement)
            proposal.partners.add(factories.OrganizationFactory())
            cite(proposal, source)

        # The document's text: one more version in two languages.
        version = factories.DocumentVersionFactory(
            document=world.document, status=VersionStatus.ADOPTED
        )
        for language in ["en", "ru"]:
            text = LanguageVersion.objects.create(
                version=version, language=language, title=f"Title {language}"
            )
            for number in [1, 2]:
                Paragraph.objects.create(language_version=text, number=number, text="…")
    korea_named()


@pytest.fixture
def world(forum) -> World:
    return make_world(forum)


# Every page answers --------------------------------------------------------------------------


PAGES = [
    "landing",
    "forum",
    "edition",
    "meeting",
    "state",
    "person",
    "document",
    "documents",
    "people",
    "states",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_answers_anonymous(client, world, page):
    """Every public page answers 200 to a visitor who is not signed in, empty or full."""
    assert client.get(world.urls()[page]).status_code == 200
    grow(world, 1)
    assert client.get(world.urls()[page]).status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_page_markup_is_well_formed(client, world, page):
    """Balanced tags, unique ids, headings in order, no inline style or script."""
    grow(world, 2)
    assert markup_problems(client.get(world.urls()[page]).content.decode()) == []


def test_page_not_found_is_a_page(client, db):
    response = client.get("/forums/no-such-forum/")
    assert (response.status_code, markup_problems(response.content.decode())) == (404, [])


def test_landing_answers_with_no_forum(client, db):
    assert client.get(reverse("forums:landing")).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/forums/no-such-forum/",
        "/forums/no-such-forum/14/",
        "/forums/kca/99/",
        "/forums/kca/14/meetings/999999/",
        "/forums/kca/13/meetings/{main}/",
        "/forums/no-such-forum/14/meetings/{main}/",
        "/forums/no-such-forum/documents/",
        "/forums/kca/documents/999999/",
        "/forums/other/documents/{document}/",
        "/states/xx/",
        "/people/nobody/",
    ],
)
def test_unknown_address_is_404(client, world, url):
    """Unknown slugs, numbers and pks, and objects under another forum or edition, are 404."""
    factories.ForumFactory(slug="other", name="Other forum")
    url = url.format(main=world.main.pk, document=world.document.pk)
    assert client.get(url).status_code == 404


def test_state_code_in_capitals_redirects_to_lowercase(client, world):
    response = client.get("/states/TJ/")
    assert (response.status_code, response["Location"]) == (301, "/states/tj/")


def test_pages_use_the_url_names_of_the_models(world):
    assert (
        world.forum.get_absolute_url(),
        world.edition.get_absolute_url(),
        world.main.get_absolute_url(),
        world.state.get_absolute_url(),
        world.person.get_absolute_url(),
        world.document.get_absolute_url(),
    ) == (
        "/forums/kca/",
        "/forums/kca/14/",
        f"/forums/kca/14/meetings/{world.main.pk}/",
        "/states/tj/",
        "/people/sirojiddin-muhriddin/",
        f"/forums/kca/documents/{world.document.pk}/",
    )


# Drafts are not public ------------------------------------------------------------------------


@pytest.fixture
def draft(world):
    return factories.OutcomeDocumentFactory(
        forum=world.forum,
        edition=world.edition,
        title="Draft Joint Statement",
        status=DocumentStatus.UNDER_NEGOTIATION,
    )


def test_confidential_draft_is_404_for_anonymous(client, draft):
    assert draft.is_confidential
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_confidential_draft_is_404_for_user_without_a_role_in_the_forum(client, draft, member_user):
    client.force_login(member_user)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_confidential_draft_is_404_for_a_superuser_without_a_role(client, draft, staff_user):
    """Running the installation gives no sight of a forum's drafts."""
    client.force_login(staff_user)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_confidential_draft_is_shown_to_the_secretariat(client, draft, staff_user):
    role_grant(user=staff_user, forum=draft.forum, kind=RoleKind.SECRETARIAT)
    client.force_login(staff_user)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Confidential draft." in response.content.decode()


def test_draft_is_left_out_of_lists_for_the_public(client, world, draft):
    """The document list and the edition page name adopted documents only."""
    documents = client.get(reverse("documents:list", kwargs={"forum": "kca"})).content.decode()
    edition = client.get(world.edition.get_absolute_url()).content.decode()
    assert ("Draft Joint Statement" in documents, "Draft Joint Statement" in edition) == (
        False,
        False,
    )
    assert ("Joint Statement of the 14th Forum" in documents) is True


def test_draft_is_listed_for_the_secretariat(client, world, draft, staff_user):
    role_grant(user=staff_user, forum=world.forum, kind=RoleKind.SECRETARIAT)
    client.force_login(staff_user)
    documents = client.get(reverse("documents:list", kwargs={"forum": "kca"})).content.decode()
    assert "Draft Joint Statement" in documents


def test_withdrawn_document_is_public(client, world):
    withdrawn = factories.OutcomeDocumentFactory(
        forum=world.forum, title="Withdrawn text", status=DocumentStatus.WITHDRAWN
    )
    assert client.get(withdrawn.get_absolute_url()).status_code == 200


def test_draft_versions_of_an_adopted_document_are_not_public(client, world, staff_user):
    """The public reads the adopted version only; staff see the drafts that led to it."""
    for number, status in [(1, VersionStatus.SUPERSEDED), (2, VersionStatus.ADOPTED)]:
        version = factories.DocumentVersionFactory(
            document=world.document, number=number, status=status
        )
        text = LanguageVersion.objects.create(version=version, language="en", title="T")
        Paragraph.objects.create(language_version=text, number=1, text=f"Wording {number}")
    public = client.get(world.document.get_absolute_url()).content.decode()
    role_grant(user=staff_user, forum=world.forum, kind=RoleKind.SECRETARIAT)
    client.force_login(staff_user)
    staff = client.get(world.document.get_absolute_url()).content.decode()
    assert ("Wording 1" in public, "Wording 2" in public) == (False, True)
    assert ("Wording 1" in staff, "Wording 2" in staff) == (True, True)


# Order of precedence --------------------------------------------------------------------------


def test_landing_lists_member_states_in_english_order(client, forum):
    korea_named()
    response = client.get(reverse("forums:landing"))
    assert state_links(response, f"forum-{forum.pk}-members") == ENGLISH_ORDER


def test_forum_page_lists_member_states_in_english_order(client, forum):
    korea_named()
    response = client.get(forum.get_absolute_url())
    assert state_links(response, "members") == ENGLISH_ORDER


def test_forum_page_lists_member_states_in_korean_order(client, forum):
    """대한민국, 우즈베키스탄, 카자흐스탄, 키르기스스탄, 타지키스탄, 투르크메니스탄."""
    forum.precedence = Precedence.KOREAN
    forum.save()
    korea_named()
    response = client.get(forum.get_absolute_url())
    assert state_links(response, "members") == [
        "Republic of Korea",
        "Uzbekistan",
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Turkmenistan",
    ]


def test_landing_lists_member_states_in_the_forums_own_order(client, forum):
    forum.precedence = Precedence.CUSTOM
    forum.save()
    for rank, code in enumerate(["KR", "UZ", "TM", "TJ", "KG", "KZ"]):
        Membership.objects.filter(forum=forum, state__code=code).update(precedence_rank=rank)
    korea_named()
    response = client.get(reverse("forums:landing"))
    assert state_links(response, f"forum-{forum.pk}-members") == [
        "Republic of Korea",
        "Uzbekistan",
        "Turkmenistan",
        "Tajikistan",
        "Kyrgyzstan",
        "Kazakhstan",
    ]


@pytest.fixture
def plenary_of_six(forum):
    """The 14th edition in Dushanbe with a delegation and a statement of every member."""
    tajikistan = factories.state("TJ")
    edition = factories.EditionFactory(
        forum=forum, number=14, city="Dushanbe", host_state=tajikistan
    )
    meeting = factories.MeetingFactory(edition=edition, title="Ministerial plenary")
    for code in ["UZ", "TM", "TJ", "KR", "KG", "KZ"]:
        delegation = factories.DelegationFactory(meeting=meeting, state=factories.state(code))
        factories.StatementFactory(meeting=meeting, delegation=delegation)
        CoChair.objects.create(
            edition=edition, state=factories.state(code), post=factories.PostFactory()
        )
    korea_named()
    return meeting


def test_edition_page_lists_delegations_statements_and_co_chairs_in_precedence(
    client, plenary_of_six
):
    response = client.get(plenary_of_six.edition.get_absolute_url())
    assert (
        state_links(response, "delegations"),
        state_links(response, "statements"),
        state_links(response, "co-chairs"),
    ) == (ENGLISH_ORDER, ENGLISH_ORDER, ENGLISH_ORDER)


def test_edition_page_puts_the_host_first_when_the_forum_wants_it(client, plenary_of_six):
    forum = plenary_of_six.edition.forum
    forum.host_first = True
    forum.save()
    response = client.get(plenary_of_six.edition.get_absolute_url())
    host_first = ["Tajikistan", *[name for name in ENGLISH_ORDER if name != "Tajikistan"]]
    assert state_links(response, "delegations") == host_first


def test_meeting_page_lists_delegations_and_statements_in_precedence(client, plenary_of_six):
    response = client.get(plenary_of_six.get_absolute_url())
    assert (state_links(response, "delegations"), state_links(response, "statements")) == (
        ENGLISH_ORDER,
        ENGLISH_ORDER,
    )


def test_states_index_lists_states_in_english_order(client, forum):
    korea_named()
    response = client.get(reverse("forums:states"))
    assert state_links(response, "content") == ENGLISH_ORDER


# What the pages say ---------------------------------------------------------------------------


def test_edition_date_honours_its_precision(client, forum):
    factories.EditionFactory(
        forum=forum, number=6, start_date=dt.date(2012, 7, 1), date_precision="month"
    )
    response = client.get(forum.get_absolute_url())
    html = response.content.decode()
    assert ('<time datetime="2012-07">July 2012</time>' in html, "1 July 2012" in html) == (
        True,
        False,
    )


def test_meeting_page_shows_time_in_the_meetings_zone(client, forum):
    edition = factories.EditionFactory(forum=forum, number=14, start_date=dt.date(2021, 11, 30))
    meeting = factories.MeetingFactory(
        edition=edition, date=dt.date(2021, 11, 30), timezone="Asia/Dushanbe"
    )
    timed = factories.MeetingFactory(
        edition=edition,
        date=None,
        starts_at=dt.datetime(2021, 11, 30, 5, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2021, 11, 30, 7, 30, tzinfo=dt.UTC),
        timezone="Asia/Dushanbe",
    )
    assert (
        "30 November 2021, Asia/Dushanbe (UTC+05:00)"
        in client.get(meeting.get_absolute_url()).content.decode()
    )
    assert (
        "30 November 2021, 10:00–12:30, Asia/Dushanbe (UTC+05:00)"
        in client.get(timed.get_absolute_url()).content.decode()
    )


def test_preparatory_meeting_without_date_says_so(client, forum):
    edition = factories.EditionFactory(forum=forum, number=14)
    factories.MeetingFactory(
        edition=edition, kind=MeetingKind.SENIOR_OFFICIALS, title="Vice-ministerial", date=None
    )
    html = client.get(edition.get_absolute_url()).content.decode()
    preparation = html[
        html.index('id="preparation"') : html.index("</section>", html.index('id="preparation"'))
    ]
    assert ("preparatory" in preparation, "date not known" in preparation) == (True, True)


def test_edition_page_shows_what_happened_differently(client, forum):
    fourteenth = factories.EditionFactory(forum=forum, number=14)
    fifteenth = factories.EditionFactory(
        forum=forum, number=15, city="Busan", start_date=dt.date(2022, 10, 25)
    )
    factories.DecisionFactory(
        edition=fourteenth,
        text="To hold the 15th Forum in Seoul in 2022.",
        city="Seoul",
        year=2022,
        realized_by=fifteenth,
    )
    html = client.get(fourteenth.get_absolute_url()).content.decode()
    assert "decided Seoul, held in Busan" in html
    assert '<a href="/forums/kca/15/">15th edition</a>' in html


def test_edition_page_lists_unsettled_conflicts_with_their_sources(client, forum):
    edition = factories.EditionFactory(forum=forum, number=8, city="Seoul")
    jeju = factories.SourceFactory(title="Report saying Jeju")
    seoul = factories.SourceFactory(title="Report saying Seoul")
    cite(edition, jeju, field="city", claim="Jeju")
    cite(edition, seoul, field="city", claim="Seoul")
    html = client.get(edition.get_absolute_url()).content.decode()
    box = html[html.index('id="conflicts-heading"') : html.index("</aside>")]
    assert (
        "<q>Jeju</q>" in box,
        "<q>Seoul</q>" in box,
        "Report saying Jeju" in box,
        "Report saying Seoul" in box,
    ) == (True, True, True, True)


def test_sources_are_shown_on_demand_beside_the_fact(client, forum):
    edition = factories.EditionFactory(forum=forum, number=14)
    source = factories.SourceFactory(
        title="Press release", url="https://example.org/release", publisher="MFA"
    )
    cite(edition, source, field="city", locator="paragraph 1")
    html = client.get(edition.get_absolute_url()).content.decode()
    details = html[html.index('<details class="sources">') : html.index("</details>")]
    assert (
        '<a href="https://example.org/release" rel="external noopener noreferrer">Press release</a>'
        in details,
        "MFA" in details,
        "on city" in details,
        "paragraph 1" in details,
    ) == (True, True, True, True)


def test_state_page_names_the_state_in_three_languages(client, forum):
    html = client.get("/states/tj/").content.decode()
    assert (
        '<dd lang="en">Tajikistan</dd>' in html,
        '<dd lang="ru">Таджикистан</dd>' in html,
        '<dd lang="ko">타지키스탄</dd>' in html,
    ) == (True, True, True)


def test_state_page_shows_the_rank_of_each_head(client, world):
    html = client.get(world.state.get_absolute_url()).content.decode()
    assert "foreign minister</span>" in html


def test_person_page_marks_korean_name_forms(client, world):
    PersonName.objects.create(person=world.person, name="이종국", language="ko")
    html = client.get(world.person.get_absolute_url()).content.decode()
    assert '<th scope="row" lang="ko">이종국</th>' in html


def test_document_without_text_says_no_text_is_held(client, world):
    html = client.get(world.document.get_absolute_url()).content.decode()
    assert "No text is held." in html


def test_document_versions_are_aligned_by_paragraph(client, world):
    version = factories.DocumentVersionFactory(
        document=world.document, status=VersionStatus.ADOPTED
    )
    for language, words in [("en", ["One", "Two"]), ("ru", ["Один", "Два"])]:
        text = LanguageVersion.objects.create(version=version, language=language, title="T")
        for number, word in enumerate(words, start=1):
            Paragraph.objects.create(language_version=text, number=number, text=word)
    html = client.get(world.document.get_absolute_url()).content.decode()
    rows = html[html.index("<tbody>", html.index('id="text"')) :]
    first_row = rows[: rows.index("</tr>")]
    assert (
        '<td lang="en" data-label="English">One</td>' in first_row,
        '<td lang="ru" data-label="Russian">Один</td>' in first_row,
        "No text is held." in html,
    ) == (True, True, False)


# A fixed number of queries, whatever the amount of data ---------------------------------------

EXPECTED_QUERIES = {
    "landing": 4,
    "forum": 11,
    "edition": 21,
    "meeting": 15,
    "state": 11,
    "person": 13,
    "document": 5,
    "documents": 3,
    "people": 3,
    "states": 3,
}


@pytest.mark.parametrize("page", PAGES)
def test_page_query_count_does_not_grow_with_data(client, world, page):
    """One of every related thing, then four: the page asks the database the same number of
    times."""
    grow(world, 1)
    small = count_queries(client, world.urls()[page])
    grow(world, 3)
    large = count_queries(client, world.urls()[page])
    assert (small, large) == (EXPECTED_QUERIES[page], EXPECTED_QUERIES[page])


@pytest.mark.parametrize("page", ["edition", "document", "documents"])
def test_page_query_count_for_staff_does_not_grow_with_data(client, world, staff_user, page):
    """The secretariat sees drafts too; the session, user and roles cost the same three queries
    at any size."""
    role_grant(user=staff_user, forum=world.forum, kind=RoleKind.SECRETARIAT)
    client.force_login(staff_user)
    grow(world, 1)
    small = count_queries(client, world.urls()[page])
    grow(world, 3)
    large = count_queries(client, world.urls()[page])
    # Session, user and roles; on the document page, the negotiation section adds the host's
    # time zone, memberships, comments, positions, silence procedures and adoption consents.
    extra = {"edition": 3, "document": 3 + 6, "documents": 3}[page]
    assert small == large == EXPECTED_QUERIES[page] + extra


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/states/", "States"),
        ("/states/kz/", "States"),
        ("/forums/kca/", "Forums"),
        ("/forums/kca/work-plans/", "Forums"),
        ("/forums/kca/projects/", "Forums"),
        ("/forums/kca/glance/", "Forums"),
        ("/people/", "People"),
    ],
)
def test_the_menu_marks_the_section_of_the_page(client, forum, url, current):
    html = client.get(url).content.decode()
    marked = re.findall(r'<a href="[^"]*" aria-current="page">([^<]+)</a></li>', html)
    assert marked[0] == current
