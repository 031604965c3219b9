"""The ``demo`` command: idempotent, and the 14th Forum as the sources give it."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from plenary.accounts.models import Role
from plenary.common.models import AuditEntry
from plenary.common.queries import citations_by_subject, conflicts_among
from plenary.documents.models import Comment, OutcomeDocument
from plenary.forums.models import Edition, Forum, Membership
from plenary.forums.precedence import in_precedence
from plenary.meetings.enums import MeetingKind
from plenary.meetings.models import Meeting

PLENARY_APPS = ["common", "people", "forums", "meetings", "documents", "workplans", "projects"]


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", *PLENARY_APPS, format="json", indent=1, stdout=out)
    return out.getvalue()


@pytest.fixture
def kcaf(db) -> Forum:
    run_demo()
    return Forum.objects.get(slug="korea-central-asia")


@pytest.fixture
def fourteenth(kcaf) -> Edition:
    return kcaf.editions.get(number=14)


def meeting_of(edition: Edition, kind: str) -> Meeting:
    return edition.meetings.get(kind=kind)


@pytest.mark.django_db
def test_demo_second_run_changes_nothing():
    """A second run leaves every row, pk and audit entry as the first run left it."""
    run_demo()
    before = dump()
    entries = AuditEntry.objects.count()
    users = list(get_user_model().objects.order_by("pk").values_list("pk", "username", "password"))

    output = run_demo()

    assert dump() == before
    assert AuditEntry.objects.count() == entries
    assert (
        list(get_user_model().objects.order_by("pk").values_list("pk", "username", "password"))
        == users
    )
    assert "0 audit entries written by this run (nothing had changed)." in output


@pytest.mark.django_db
def test_demo_accounts_admin_superuser_secretariat_staff_only():
    output = run_demo()
    users = get_user_model().objects.order_by("username")

    assert [(u.username, u.is_staff, u.is_superuser) for u in users] == [
        ("admin", True, True),
        ("expert", False, False),
        ("focal-kg", False, False),
        ("focal-kr", False, False),
        ("focal-kz", False, False),
        ("focal-uz", False, False),
        ("secretariat", True, False),
    ]
    admin, secretariat = users.get(username="admin"), users.get(username="secretariat")
    assert admin.check_password("plenary-admin")
    assert secretariat.check_password("plenary-secretariat")
    assert secretariat.has_perm("forums.change_edition")
    assert secretariat.has_perm("documents.add_outcomedocument")
    assert secretariat.has_perm("projects.delete_project")
    assert not secretariat.has_perm("auth.change_user")
    assert "admin / plenary-admin" in output
    assert "secretariat / plenary-secretariat" in output


@pytest.mark.django_db
def test_demo_roles_for_each_kind_of_user():
    run_demo()
    roles = Role.objects.order_by("user__username", "forum__slug").values_list(
        "user__username", "forum__slug", "kind", "state__code"
    )
    assert list(roles) == [
        ("expert", "korea-central-asia", "expert", None),
        ("focal-kg", "korea-central-asia", "focal_point", "KG"),
        ("focal-kg", "practice-forum", "focal_point", "KG"),
        ("focal-kr", "korea-central-asia", "focal_point", "KR"),
        ("focal-kr", "practice-forum", "focal_point", "KR"),
        ("focal-kz", "korea-central-asia", "focal_point", "KZ"),
        ("focal-kz", "practice-forum", "focal_point", "KZ"),
        ("focal-uz", "korea-central-asia", "focal_point", "UZ"),
        ("focal-uz", "practice-forum", "focal_point", "UZ"),
        ("secretariat", "korea-central-asia", "secretariat", None),
        ("secretariat", "practice-forum", "secretariat", None),
    ]


@pytest.mark.django_db
def test_demo_practice_draft_is_in_the_middle_of_its_negotiation():
    """The practice forum's demo draft is circulated, with an amendment and two positions; the
    real forums' documents have no versions (no text is in their sources)."""
    run_demo()
    draft = OutcomeDocument.objects.get(forum__slug="practice-forum", status="negotiation")
    (version,) = draft.versions.all()
    assert (draft.is_demo, draft.forum.is_demo, draft.status, version.status) == (
        True,
        True,
        "negotiation",
        "circulated",
    )
    assert sorted(version.languages.values_list("language", flat=True)) == ["en", "ko", "ru"]
    assert list(version.positions.values_list("state__code", "kind", "paragraphs")) == [
        ("KG", "reservation", "3"),
        ("UZ", "ad_referendum", ""),
    ]
    assert list(
        Comment.objects.filter(paragraph__language_version__version=version).values_list(
            "state__code", "paragraph__number"
        )
    ) == [("KZ", 2)]
    assert OutcomeDocument.objects.filter(is_demo=False, versions__isnull=False).count() == 0


def test_demo_forum_names_members_and_secretariat(kcaf):
    assert (kcaf.name, kcaf.short_name, kcaf.established_on, kcaf.languages) == (
        "Korea–Central Asia Cooperation Forum",
        "Korea–Central Asia Forum",
        dt.date(2007, 11, 15),
        ["en", "ru", "ko"],
    )
    assert sorted(kcaf.other_names.values_list("name", flat=True)) == [
        "Central Asia-ROK Cooperation Forum",
        "Central Asia–Republic of Korea Cooperation Forum",
    ]
    memberships = in_precedence(
        kcaf.memberships.select_related("state"), kcaf, state_of=lambda m: m.state
    )
    assert [(m.state.name, m.state.adjective, m.role, m.joined_on) for m in memberships] == [
        ("Kazakhstan", "Kazakh", "member", dt.date(2007, 11, 15)),
        ("Kyrgyzstan", "Kyrgyz", "member", dt.date(2007, 11, 15)),
        ("Republic of Korea", "Korean", "partner", dt.date(2007, 11, 15)),
        ("Tajikistan", "Tajik", "member", dt.date(2007, 11, 15)),
        ("Turkmenistan", "Turkmen", "member", dt.date(2007, 11, 15)),
        ("Uzbekistan", "Uzbek", "member", dt.date(2007, 11, 15)),
    ]
    secretariat = kcaf.secretariat
    assert (secretariat.name, secretariat.kind, secretariat.founded_on) == (
        "Korea–Central Asia Cooperation Forum Secretariat",
        "secretariat",
        dt.date(2017, 7, 10),
    )
    assert sorted(secretariat.children.values_list("name", flat=True)) == [
        "Council of Vice-Minister-Level Representatives, Korea–Central Asia Cooperation Forum Secretariat",
        "Executive Committee, Korea–Central Asia Cooperation Forum Secretariat",
    ]


def test_demo_editions_table(kcaf):
    rows = [
        (e.number, e.start_date, e.date_precision, e.city, e.host_state.code, e.format)
        for e in kcaf.editions.select_related("host_state")
    ]
    assert rows == [
        (1, dt.date(2007, 11, 15), "day", "Seoul", "KR", "in_person"),
        (3, dt.date(2009, 12, 2), "day", "Seoul", "KR", "in_person"),
        (6, dt.date(2012, 7, 1), "month", "Seoul", "KR", "in_person"),
        (7, dt.date(2013, 10, 4), "day", "Bishkek", "KG", "in_person"),
        (8, dt.date(2014, 4, 22), "day", "", "KR", "in_person"),
        (9, dt.date(2015, 10, 5), "day", "Seoul", "KR", "in_person"),
        (10, dt.date(2016, 11, 15), "day", "Seoul", "KR", "in_person"),
        (11, dt.date(2018, 11, 6), "day", "Seoul", "KR", "in_person"),
        (12, dt.date(2019, 10, 16), "day", "Nur-Sultan", "KZ", "in_person"),
        (13, dt.date(2020, 11, 25), "day", "Seoul", "KR", "online"),
        (14, dt.date(2021, 11, 30), "day", "Dushanbe", "TJ", "in_person"),
        (15, dt.date(2022, 10, 25), "day", "Busan", "KR", "in_person"),
        (16, dt.date(2023, 11, 1), "day", "Ashgabat", "TM", "in_person"),
        (17, dt.date(2024, 11, 4), "day", "Seoul", "KR", "in_person"),
    ]
    chaired = kcaf.editions.filter(chair_state__isnull=False).order_by("number")
    assert [(e.number, e.chair_state.code) for e in chaired] == [(14, "TJ"), (16, "TM")]
    assert set(kcaf.editions.values_list("status", flat=True)) == {"held"}


def test_demo_eighth_city_conflict_shown(kcaf):
    """The two reports of the 8th Forum disagree on its city: both claims are kept."""
    eighth = kcaf.editions.get(number=8)

    conflicts = conflicts_among([eighth], citations_by_subject([eighth]))

    assert [(c.field, c.claims) for c in conflicts] == [("city", ["Jeju", "Seoul"])]
    assert [c.source.title for c in conflicts[0].citations] == [
        "Report of the 8th Forum giving Jeju as its venue",
        "Report of the 8th Forum giving Seoul as its venue",
    ]


def test_demo_fourteenth_co_chairs(fourteenth):
    assert (fourteenth.theme, fourteenth.chair_state.code, fourteenth.status) == (
        "Korea-Central Asia Cooperation for Post-COVID-19 Economic Recovery",
        "TJ",
        "held",
    )
    co_chairs = fourteenth.co_chairs.select_related("state", "person", "post").order_by(
        "state__code"
    )
    assert [(c.state.code, c.person.name, c.post.title, c.post.rank) for c in co_chairs] == [
        ("KR", "Chung Eui-yong", "Minister of Foreign Affairs", "foreign_minister"),
        ("TJ", "Sirojiddin Muhriddin", "Minister of Foreign Affairs", "foreign_minister"),
    ]
    muhriddin = co_chairs[1].person
    assert sorted(muhriddin.names.values_list("name", "language")) == [
        ("Sirojiddin Mukhriddin", "en"),
        ("Сироджиддин Мухриддин", "ru"),
        ("시로지딘 무흐리딘", "ko"),
    ]
    assert [(t.post.state.code, t.start) for t in muhriddin.tenures.all()] == [
        ("TJ", dt.date(2013, 1, 1))
    ]


@pytest.mark.parametrize("kind", [MeetingKind.MINISTERIAL, MeetingKind.CLOSING_CEREMONY])
def test_demo_fourteenth_delegation_heads(fourteenth, kind):
    """Heads at the plenary and the closing ceremony; no name where the sources give none."""
    meeting = meeting_of(fourteenth, kind)
    delegations = in_precedence(
        meeting.delegations.select_related("state", "head_person", "head_post"),
        fourteenth.forum,
        state_of=lambda d: d.state,
    )
    assert [
        (
            d.state.code,
            d.head_rank,
            d.head_person.name if d.head_person else None,
            d.head_post.title,
        )
        for d in delegations
    ] == [
        ("KZ", "deputy_minister", None, "Deputy Minister of Foreign Affairs"),
        ("KG", "foreign_minister", None, "Minister of Foreign Affairs"),
        ("KR", "foreign_minister", "Chung Eui-yong", "Minister of Foreign Affairs"),
        ("TJ", "foreign_minister", "Sirojiddin Muhriddin", "Minister of Foreign Affairs"),
        ("TM", "foreign_minister", None, "Minister of Foreign Affairs"),
        ("UZ", "foreign_minister", None, "Minister of Foreign Affairs"),
    ]


def test_demo_fourteenth_participant_list_contradiction_kept(fourteenth):
    plenary = meeting_of(fourteenth, MeetingKind.MINISTERIAL)
    delegations = list(plenary.delegations.select_related("state").order_by("state__code"))

    conflicts = conflicts_among(delegations, citations_by_subject(delegations))

    assert [(c.subject.state.code, c.field, c.claims) for c in conflicts] == [
        ("KZ", "head_rank", ["foreign minister", "deputy foreign minister"]),
        (
            "UZ",
            "participation",
            ["not in the list of participants", "its foreign minister spoke at the Forum"],
        ),
    ]
    assert [c.locator for c in conflicts[0].citations] == [
        "paragraph 2 (list of participants)",
        "paragraph 11 (statements)",
    ]


def test_demo_fourteenth_meetings_and_experts(fourteenth):
    meetings = fourteenth.meetings.select_related("field").order_by("position")
    assert [(m.position, m.kind, m.date, m.timezone, m.format, m.starts_at) for m in meetings] == [
        (1, "senior_officials", None, "", "", None),
        (2, "working_group", None, "", "", None),
        (5, "side_event", dt.date(2021, 11, 29), "Asia/Dushanbe", "in_person", None),
        (10, "ministerial", dt.date(2021, 11, 30), "Asia/Dushanbe", "in_person", None),
        (20, "expert_session", dt.date(2021, 11, 30), "Asia/Dushanbe", "in_person", None),
        (21, "expert_session", dt.date(2021, 11, 30), "Asia/Dushanbe", "in_person", None),
        (22, "expert_session", dt.date(2021, 11, 30), "Asia/Dushanbe", "in_person", None),
        (23, "expert_session", dt.date(2021, 11, 30), "Asia/Dushanbe", "in_person", None),
        (30, "closing_ceremony", dt.date(2021, 11, 30), "Asia/Dushanbe", "in_person", None),
    ]
    sessions = meetings.filter(kind=MeetingKind.EXPERT_SESSION)
    assert [s.field.name for s in sessions] == [
        "Forestry",
        "Carbon neutrality",
        "Health",
        "Digitalization",
    ]
    business = meetings.get(kind=MeetingKind.SIDE_EVENT)
    assert (business.side_track.name, business.side_track.kind) == (
        "5+1 Business Forum",
        "business",
    )
    experts = fourteenth.expert_participations.all()
    assert [(e.count, e.approximate, e.state, e.person) for e in experts] == [
        (100, True, None, None)
    ]


def test_demo_fourteenth_statements_and_proposals(fourteenth):
    plenary = meeting_of(fourteenth, MeetingKind.MINISTERIAL)
    statements = plenary.statements.select_related("delegation__state").prefetch_related(
        "fields", "proposals__field", "proposals__partners"
    )
    assert [
        (
            s.delegation.state.code,
            s.speaker_label,
            sorted(f.name for f in s.fields.all()),
            [
                (p.field.name if p.field else None, sorted(o.short_name for o in p.partners.all()))
                for p in s.proposals.all()
            ],
        )
        for s in statements
    ] == [
        (
            "TJ",
            "Sirojiddin Muhriddin",
            ["Digitalization"],
            [("Digitalization", [])],
        ),
        ("KR", "Chung Eui-yong", [], []),
        (
            "KG",
            "Minister of Foreign Affairs of Kyrgyzstan",
            ["Climate change", "Forestry"],
            [("Forestry", [])],
        ),
        ("TM", "Minister of Foreign Affairs of Turkmenistan", [], [(None, [])]),
        (
            "UZ",
            "Minister of Foreign Affairs of Uzbekistan",
            ["Carbon neutrality", "Climate change"],
            [("Climate change", []), ("Carbon neutrality", [])],
        ),
        (
            "KZ",
            "Deputy Minister of Foreign Affairs of Kazakhstan",
            ["Digitalization"],
            [("Digitalization", ["KOICA", "KazAID"])],
        ),
    ]


def test_demo_fourteenth_documents_adopted_at_closing_ceremony(fourteenth):
    closing = meeting_of(fourteenth, MeetingKind.CLOSING_CEREMONY)
    documents = fourteenth.documents.select_related("kind").order_by("title")

    assert [
        (d.title, d.kind.name, d.status, d.adopted_on, d.adopted_at, d.adoption_method)
        for d in documents
    ] == [
        (
            "2022 Work Plan of the Korea-Central Asia Cooperation Forum Secretariat",
            "Work Plan",
            "adopted",
            dt.date(2021, 11, 30),
            closing,
            "meeting",
        ),
        (
            "Joint Statement on the Outcome of the 14th Korea-Central Asia Cooperation Forum",
            "Joint Statement",
            "adopted",
            dt.date(2021, 11, 30),
            closing,
            "meeting",
        ),
    ]
    assert [d.versions.count() for d in documents] == [0, 0]
    plan = documents[0].work_plan
    assert (plan.year, plan.adopted_at) == (2022, fourteenth)
    assert list(plan.areas.values_list("number", "name")) == [
        (1, "Transport and logistics"),
        (2, "Energy"),
        (3, "Industrial modernisation and diversification"),
        (4, "Climate change and the environment"),
        (5, "Health and medicine"),
        (6, "Education, culture and tourism"),
    ]
    assert plan.items.count() == 6  # one per area; see the follow-up tests below


def test_demo_fourteenth_decisions(kcaf, fourteenth):
    """Seoul was decided, Busan happened: the decision keeps Seoul and shows the difference."""
    decisions = fourteenth.decisions.select_related("realized_by", "person").order_by("pk")
    next_edition, appointment = decisions

    assert (next_edition.kind, next_edition.city, next_edition.state.code, next_edition.year) == (
        "next_edition",
        "Seoul",
        "KR",
        2022,
    )
    assert next_edition.realized_by == kcaf.editions.get(number=15)
    assert next_edition.differences == ["decided Seoul, held in Busan"]
    assert (appointment.kind, appointment.person.name, appointment.unanimous) == (
        "appointment",
        "Rhee Jong Kook",
        True,
    )
    assert sorted(appointment.person.names.values_list("name", flat=True)) == [
        "Rhee Chong-Kuk",
        "Ли Чон Гук",
        "이종국",
    ]
    after_15th = kcaf.editions.get(number=15).decisions.get()
    assert (after_15th.city, after_15th.realized_by.number, after_15th.differences) == (
        "Ashgabat",
        16,
        [],
    )


def test_demo_milestones(kcaf):
    assert list(kcaf.milestones.values_list("date", "date_precision", "title")) == [
        (dt.date(1992, 1, 1), "year", "Diplomatic relations established"),
        (dt.date(2015, 10, 5), "day", "Seoul Declaration: agreement to set up a secretariat"),
        (dt.date(2017, 7, 10), "day", "Secretariat opened in Seoul"),
        (dt.date(2020, 1, 1), "year", "Forum raised to foreign-minister level"),
        (dt.date(2022, 1, 1), "year", "30th anniversary of diplomatic relations"),
    ]


def test_demo_japan_dialogue_observer_and_host_first(kcaf):
    forum = Forum.objects.get(slug="central-asia-japan")
    first = forum.editions.get()
    memberships = Membership.objects.filter(forum=forum).select_related("state")

    ordered = in_precedence(memberships, forum, state_of=lambda m: m.state, host=first.host_state)

    assert [(m.state.code, m.role) for m in ordered] == [
        ("KZ", "member"),
        ("JP", "partner"),
        ("KG", "member"),
        ("TJ", "member"),
        ("TM", "observer"),
        ("UZ", "member"),
    ]
    assert (first.number, first.start_date, first.city, first.status) == (
        1,
        dt.date(2004, 8, 28),
        "Astana",
        "held",
    )
    assert [(m.kind, m.delegations.count()) for m in first.meetings.all()] == [("ministerial", 0)]


# Follow-up -------------------------------------------------------------------------------------


def test_demo_2022_work_plan_has_one_item_per_area_all_still_planned(kcaf):
    """The 2022 plan's six areas are in the record, each as an item of the Secretariat's; the
    sources give no activity and no outcome, so no status is reported and each stays planned."""
    from plenary.workplans.queries import plan_rates, plans_loaded

    plan = plans_loaded(kcaf).get(year=2022)
    assert plan.adopted_at.number == 14
    assert [(i.number, i.area.name) for i in plan.items.all()] == [
        ("1", "Transport and logistics"),
        ("2", "Energy"),
        ("3", "Industrial modernisation and diversification"),
        ("4", "Climate change and the environment"),
        ("5", "Health and medicine"),
        ("6", "Education, culture and tourism"),
    ]
    assert {i.responsible_organization.name for i in plan.items.all()} == {
        "Korea–Central Asia Cooperation Forum Secretariat"
    }
    assert [r for i in plan.items.all() for r in i.reports.all()] == []
    rates = plan_rates(plan)
    assert (rates.rate.done, rates.rate.total) == (0, 6)
    assert dict(rates.statuses) == {"planned": 6}


def test_demo_proposals_of_the_14th_are_projects_in_their_first_status(kcaf):
    from plenary.projects.models import Project

    projects = Project.objects.filter(forum=kcaf).order_by("title")
    assert [
        (
            p.title,
            p.status,
            [s.code for s in p.proposing_states.all()],
            p.origin_proposal.statement.delegation.state.code,
            sorted(o.short_name for o in p.partners.all()),
            [(c.status, c.on) for c in p.status_history.all()],
        )
        for p in projects
    ] == [
        (
            "Joint projects against thawing in Central Asia's forests and ecosystems",
            "proposed",
            ["KG"],
            "KG",
            [],
            [("proposed", dt.date(2021, 11, 30))],
        ),
        (
            "KOICA and KazAID together for ICT development in Central Asia",
            "proposed",
            ["KZ"],
            "KZ",
            ["KOICA", "KazAID"],
            [("proposed", dt.date(2021, 11, 30))],
        ),
        (
            "Korea–Central Asia programmes of digital cooperation",
            "proposed",
            ["TJ"],
            "TJ",
            [],
            [("proposed", dt.date(2021, 11, 30))],
        ),
        (
            "Responding to climate change in the Aral Sea region",
            "proposed",
            ["UZ"],
            "UZ",
            [],
            [("proposed", dt.date(2021, 11, 30))],
        ),
        (
            "Strategies for carbon neutrality in each country",
            "proposed",
            ["UZ"],
            "UZ",
            [],
            [("proposed", dt.date(2021, 11, 30))],
        ),
    ]


def test_demo_practice_forum_has_a_work_plan_a_focal_point_can_move(db):
    """The practice plan's items are each one state's; Kazakhstan's focal point reports its item
    done and the plan's rate goes from 1 of 5 to 2 of 5."""
    from plenary.accounts.rules import user_can
    from plenary.workplans.domain import item_report
    from plenary.workplans.queries import plan_rates, plans_loaded

    run_demo()
    practice = Forum.objects.get(slug="practice-forum")
    focal_kz = get_user_model().objects.get(username="focal-kz")
    plan = plans_loaded(practice).get(year=2026)
    assert (plan_rates(plan).rate.done, plan_rates(plan).rate.total) == (1, 5)
    items = {i.number: i for i in plan.items.all()}
    assert user_can(focal_kz, "workplans.report_item", items["1.1"])
    assert not user_can(focal_kz, "workplans.report_item", items["1.2"])

    item_report(
        item=items["1.1"],
        year=2026,
        status="done",
        text="All six services connected.",
        reporter_state=items["1.1"].responsible_state,
        by=focal_kz,
        today=dt.date(2026, 12, 1),
    )

    plan = plans_loaded(practice).get(year=2026)
    assert (plan_rates(plan).rate.done, plan_rates(plan).rate.total) == (2, 5)
    assert plan_rates(plan).rate.percent == 40


def test_demo_practice_commitments_are_marked_and_partly_assessed(db):
    from plenary.workplans.queries import commitments_loaded, compliance_of

    run_demo()
    commitments = list(
        commitments_loaded()
        .filter(document__forum__slug="practice-forum")
        .order_by("paragraph_number")
    )
    assert [(c.paragraph_number, c.responsible_states.count()) for c in commitments] == [
        (2, 6),
        (3, 2),
    ]
    score = compliance_of(commitments)
    # partial ½ + full 1 + not started 0 + full 1 over four assessed pairs of eight
    assert (score.total, score.assessed, score.pairs, score.percent) == (2.5, 4, 8, 63)
