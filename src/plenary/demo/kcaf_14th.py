"""The 14th Korea–Central Asia Cooperation Forum (Dushanbe, 30 November 2021) in full.

Everything here comes from the press report of the 14th Forum (cited as ``seed``, by paragraph)
and the reports of Khovar and KBS World. The report contradicts itself on who came: its list of
participants names a foreign minister and a deputy foreign minister of Kazakhstan and leaves out
Uzbekistan, whose foreign minister spoke. Both sides are kept as cited claims.

No names of unnamed officials and no text of the adopted documents: the sources give none. Nor
do they give clock times: the timetable of 30 November places each meeting at a plausible hour in
Dushanbe, and every one of those times is marked illustrative. The report has the heads of
delegation adopt the documents at the closing ceremony and names no separate heads-of-delegation
meeting, so none is recorded.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING

from plenary.common.domain import cite
from plenary.common.enums import DatePrecision, MeetingFormat
from plenary.documents.domain import document_adopt, document_kind_ensure, document_record
from plenary.documents.enums import AdoptionMethod
from plenary.forums.domain import co_chair_record, decision_record, field_ensure
from plenary.forums.enums import DecisionKind
from plenary.forums.models import Edition, Forum, SideTrack
from plenary.meetings.agenda import session_record, session_speaker_record
from plenary.meetings.domain import (
    delegation_record,
    experts_record,
    meeting_record,
    proposal_record,
    statement_record,
)
from plenary.meetings.enums import MeetingKind, MeetingStatus
from plenary.meetings.models import Delegation, Meeting
from plenary.people.domain import organization_record, person_record, post_record, tenure_record
from plenary.people.enums import NameKind, OrganizationKind, Rank
from plenary.people.models import Organization
from plenary.projects.domain import project_record
from plenary.projects.enums import ProjectStatus
from plenary.workplans.domain import (
    work_plan_area_record,
    work_plan_item_record,
    work_plan_record,
)

if TYPE_CHECKING:
    from plenary.demo.kcaf import KcafSources, KcafStates

DAY = dt.date(2021, 11, 30)
DUSHANBE_ZONE = zoneinfo.ZoneInfo("Asia/Dushanbe")
DUSHANBE = {
    "city": "Dushanbe",
    "timezone": "Asia/Dushanbe",
    "format": MeetingFormat.IN_PERSON,
    "status": MeetingStatus.HELD,
}

JOINT_STATEMENT = "Joint Statement on the Outcome of the 14th Korea-Central Asia Cooperation Forum"
WORK_PLAN = "2022 Work Plan of the Korea-Central Asia Cooperation Forum Secretariat"

WORK_PLAN_AREAS = [
    ("Transport and logistics", None),
    ("Energy", "Energy"),
    ("Industrial modernisation and diversification", None),
    ("Climate change and the environment", "Climate change"),
    ("Health and medicine", "Health"),
    ("Education, culture and tourism", None),
]


def fourteenth_load(
    *,
    forum: Forum,
    edition: Edition,
    fifteenth: Edition,
    states: KcafStates,
    sources: KcafSources,
    secretariat: Organization,
    business_track: SideTrack,
    by=None,
) -> None:
    """Load the 14th edition's co-chairs, meetings, delegations, statements and outcomes."""
    seed = sources.seed
    cite(edition, seed, field="start_date", locator="paragraph 1", by=by)
    cite(edition, seed, field="city", locator="paragraph 1", by=by)
    cite(edition, seed, field="theme", locator="paragraph 4", by=by)
    cite(
        edition,
        sources.khovar,
        field="chair_state",
        note="Reports that Tajikistan's chairmanship ended with this Forum.",
        by=by,
    )

    fields = {
        name: field_ensure(name, by=by)
        for name in [
            "Forestry",
            "Carbon neutrality",
            "Health",
            "Digitalization",
            "Climate change",
            "Energy",
        ]
    }

    # People and offices. Offices whose holder the sources do not name stay without a person.
    muhriddin = person_record(
        slug="sirojiddin-muhriddin",
        name="Sirojiddin Muhriddin",
        sort_name="Muhriddin, Sirojiddin",
        names=[
            ("Sirojiddin Mukhriddin", "en", NameKind.ALIAS),
            ("Сироджиддин Мухриддин", "ru", NameKind.NATIVE),
            ("시로지딘 무흐리딘", "ko", NameKind.TRANSLITERATION),
        ],
        note=(
            "Foreign Minister of Tajikistan since 2013 (the year only is recorded); co-chaired "
            "the 14th Forum."
        ),
        by=by,
    )
    chung = person_record(
        slug="chung-eui-yong",
        name="Chung Eui-yong",
        names=[("정의용", "ko", NameKind.NATIVE), ("Чон Ый Ён", "ru", NameKind.TRANSLITERATION)],
        note="Foreign Minister of the Republic of Korea at the time of the 14th Forum, which he co-chaired.",
        by=by,
    )
    rhee = person_record(
        slug="rhee-jong-kook",
        name="Rhee Jong Kook",
        names=[
            ("Rhee Chong-Kuk", "en", NameKind.ALIAS),
            ("이종국", "ko", NameKind.NATIVE),
            ("Ли Чон Гук", "ru", NameKind.TRANSLITERATION),
        ],
        note="Approved as director of the Forum's Secretariat by the 14th Forum.",
        by=by,
    )
    foreign_minister = {
        state.code: post_record(
            title="Minister of Foreign Affairs", state=state, rank=Rank.FOREIGN_MINISTER, by=by
        )
        for state in states.all()
    }
    kz_deputy = post_record(
        title="Deputy Minister of Foreign Affairs",
        state=states.kz,
        rank=Rank.DEPUTY_MINISTER,
        by=by,
    )
    director = post_record(
        title="Director",
        state=None,
        organization=secretariat,
        rank=Rank.DIRECTOR,
        by=by,
    )
    tenure_record(
        person=muhriddin,
        post=foreign_minister["TJ"],
        start=dt.date(2013, 1, 1),
        start_precision=DatePrecision.YEAR,
        by=by,
    )

    for state, person in [(states.tj, muhriddin), (states.kr, chung)]:
        co_chair = co_chair_record(
            edition=edition, state=state, person=person, post=foreign_minister[state.code], by=by
        )
        cite(co_chair, seed, locator="paragraph 1", by=by)

    # The cycle of meetings.
    preparatory = [
        (
            "Vice-foreign-ministerial preparatory meeting",
            MeetingKind.SENIOR_OFFICIALS,
            "Korea and the five Central Asian states prepared the Forum at the level of vice "
            "foreign ministers. The sources give neither the date nor the place.",
        ),
        (
            "Working-level preparatory meeting",
            MeetingKind.WORKING_GROUP,
            "Officials of the six states prepared the Forum at working level. The sources give "
            "neither the date nor the place.",
        ),
    ]
    for position, (title, kind, summary) in enumerate(preparatory, start=1):
        meeting = meeting_record(
            edition=edition,
            title=title,
            kind=kind,
            date=None,
            status=MeetingStatus.HELD,
            summary=summary,
            position=position,
            by=by,
        )
        cite(meeting, seed, locator="paragraph 5", by=by)

    business = meeting_record(
        edition=edition,
        title="First 5+1 Business Forum",
        kind=MeetingKind.SIDE_EVENT,
        side_track=business_track,
        date=dt.date(2021, 11, 29),
        state=states.tj,
        summary="The first meeting of the 5+1 business forum, on the sidelines of the 14th Forum.",
        position=5,
        **DUSHANBE,
        by=by,
    )
    cite(business, sources.khovar, by=by)
    cite(business, sources.kbs, by=by)

    plenary = meeting_record(
        edition=edition,
        title="Ministerial plenary",
        kind=MeetingKind.MINISTERIAL,
        date=DAY,
        state=states.tj,
        summary=(
            "The foreign ministers' meeting, co-chaired by Tajikistan and Korea on the theme of "
            "economic recovery after COVID-19. The participants found that the Forum keeps "
            "gaining in capacity and meeting its aims year by year, and were pleased with an "
            "open and practical exchange between old friends."
        ),
        position=10,
        **DUSHANBE,
        by=by,
    )
    cite(plenary, seed, locator="paragraphs 1–3", by=by)

    sessions = []
    for offset, name in enumerate(["Forestry", "Carbon neutrality", "Health", "Digitalization"]):
        session = meeting_record(
            edition=edition,
            title=f"Expert session on {name.lower()}",
            kind=MeetingKind.EXPERT_SESSION,
            field=fields[name],
            date=DAY,
            state=states.tj,
            summary="One of the four plenary expert sessions held during the 14th Forum.",
            position=20 + offset,
            **DUSHANBE,
            by=by,
        )
        cite(session, seed, locator="paragraph 3", by=by)
        sessions.append(session)

    closing = meeting_record(
        edition=edition,
        title="Closing ceremony",
        kind=MeetingKind.CLOSING_CEREMONY,
        date=DAY,
        state=states.tj,
        summary=(
            "The heads of delegation adopted the Joint Statement and the Secretariat's Work Plan "
            "for 2022, and agreed to hold the 15th Forum in Seoul in 2022."
        ),
        position=30,
        **DUSHANBE,
        by=by,
    )
    cite(closing, seed, locator="paragraph 12", by=by)

    # Delegations: the same heads at the plenary and at the closing ceremony.
    for meeting in [plenary, closing]:
        _delegations_record(
            meeting=meeting,
            states=states,
            sources=sources,
            heads={
                "KR": (chung, foreign_minister["KR"], "Foreign Minister"),
                "TJ": (muhriddin, foreign_minister["TJ"], "Foreign Minister"),
                "KG": (None, foreign_minister["KG"], "Foreign Minister"),
                "TM": (None, foreign_minister["TM"], "Foreign Minister"),
                "UZ": (None, foreign_minister["UZ"], "Foreign Minister"),
                "KZ": (None, kz_deputy, "Deputy Foreign Minister"),
            },
            by=by,
        )

    experts = experts_record(
        edition=edition,
        description=(
            "Experts from institutes of Korea and the five Central Asian states, in forestry, "
            "energy, digital matters and healthcare"
        ),
        count=100,
        approximate=True,
        by=by,
    )
    cite(experts, seed, locator="paragraph 4", by=by)

    _statements_record(
        meeting=plenary,
        people={"TJ": muhriddin, "KR": chung},
        posts={**foreign_minister, "KZ": kz_deputy},
        states=states,
        fields=fields,
        sources=sources,
        by=by,
    )
    _timetable_record(
        plenary=plenary,
        expert_sessions=sessions,
        closing=closing,
        co_chairs=[muhriddin, chung],
        sources=sources,
        by=by,
    )
    _outcomes_record(
        forum=forum,
        edition=edition,
        fifteenth=fifteenth,
        closing=closing,
        states=states,
        sources=sources,
        rhee=rhee,
        director=director,
        fields=fields,
        secretariat=secretariat,
        by=by,
    )


def _delegations_record(
    *, meeting: Meeting, states: KcafStates, sources: KcafSources, heads: dict, by=None
) -> dict[str, Delegation]:
    seed = sources.seed
    notes = {
        "KZ": (
            "Recorded as led by a deputy foreign minister, as in the account of the speeches. "
            "The report's list of participants names both a foreign minister and a deputy "
            "foreign minister of Kazakhstan."
        ),
        "UZ": (
            "The report's list of participants leaves Uzbekistan out, yet it reports a speech by "
            "the Uzbek foreign minister; the delegation is recorded because of that speech."
        ),
    }
    delegations = {}
    for state in states.all():
        person, post, title = heads[state.code]
        delegation = delegation_record(
            meeting=meeting,
            state=state,
            head_person=person,
            head_post=post,
            head_rank=post.rank,
            head_title=title,
            note=notes.get(state.code, ""),
            by=by,
        )
        delegations[state.code] = delegation
        if state.code not in notes:
            cite(delegation, seed, locator="paragraph 2", by=by)

    cite(
        delegations["KZ"],
        seed,
        field="head_rank",
        claim="foreign minister",
        locator="paragraph 2 (list of participants)",
        by=by,
    )
    cite(
        delegations["KZ"],
        seed,
        field="head_rank",
        claim="deputy foreign minister",
        locator="paragraph 11 (statements)",
        by=by,
    )
    cite(
        delegations["UZ"],
        seed,
        field="participation",
        claim="not in the list of participants",
        locator="paragraph 2 (list of participants)",
        by=by,
    )
    cite(
        delegations["UZ"],
        seed,
        field="participation",
        claim="its foreign minister spoke at the Forum",
        locator="paragraph 10 (statements)",
        by=by,
    )
    return delegations


def _statements_record(
    *,
    meeting: Meeting,
    people: dict,
    posts: dict,
    states: KcafStates,
    fields: dict,
    sources: KcafSources,
    by=None,
) -> None:
    """One statement per delegation, in the order the report gives them."""
    koica = organization_record(
        name="Korea International Cooperation Agency",
        short_name="KOICA",
        kind=OrganizationKind.AGENCY,
        state=states.kr,
        by=by,
    )
    kazaid = organization_record(
        name="Kazakhstan Agency for International Development",
        short_name="KazAID",
        kind=OrganizationKind.AGENCY,
        state=states.kz,
        by=by,
    )
    # code, locator, summary, statement fields,
    # proposals as (text, field, partners, title of the project born from it or None)
    statements = [
        (
            "TJ",
            "paragraphs 5–6",
            "Noted that Korea and the five Central Asian states had prepared the Forum with care "
            "through vice-ministerial and working-level meetings, and hoped it would carry "
            "cooperation with Korea forward towards lasting economic growth and a better quality "
            "of life in Central Asia. Pointing to the larger part the digital economy has played "
            "since the COVID-19 pandemic began, he called for joint digital cooperation "
            "programmes.",
            ["Digitalization"],
            [
                (
                    "Draw up and carry out Korea–Central Asia programmes of digital cooperation.",
                    "Digitalization",
                    [],
                    "Korea–Central Asia programmes of digital cooperation",
                )
            ],
        ),
        (
            "KR",
            "paragraph 7",
            "Called the Central Asian states important partners in Korea's New Northern Policy, "
            "which seeks peace and common prosperity on the Korean Peninsula and across Eurasia. "
            "Recalled how fast relations have grown since diplomatic ties were established in "
            "1992, and credited the Forum with keeping experts of many fields in steady, broad "
            "discussion of how to deepen cooperation. The report gives no proposal.",
            [],
            [],
        ),
        (
            "KG",
            "paragraph 8",
            "Warned that thawing endangers Central Asia: it damages forests and ecosystems and "
            "brings social and economic problems. Proposed that Korea and Central Asia tackle it "
            "in joint projects.",
            ["Forestry", "Climate change"],
            [
                (
                    "Carry out joint Korea–Central Asia projects against the thawing that damages "
                    "Central Asia's forests and ecosystems.",
                    "Forestry",
                    [],
                    "Joint projects against thawing in Central Asia's forests and ecosystems",
                )
            ],
        ),
        (
            "TM",
            "paragraph 9",
            "Said that the ties formed long ago between Korea and Central Asia along the Silk Road "
            "still underpin their relations today, and proposed that the two sides cooperate "
            "gradually and with clear aims.",
            [],
            # A way of working rather than a project: it stays a proposal.
            [("Work together step by step, each step aimed at agreed goals.", None, [], None)],
        ),
        (
            "UZ",
            "paragraph 10",
            "Hoped the Forum would help respond to climate change in the Aral Sea region and help "
            "every country prepare its own strategy for carbon neutrality.",
            ["Climate change", "Carbon neutrality"],
            [
                (
                    "Respond together to climate change in the Aral Sea region.",
                    "Climate change",
                    [],
                    "Responding to climate change in the Aral Sea region",
                ),
                (
                    "Each country to prepare a strategy for carbon neutrality.",
                    "Carbon neutrality",
                    [],
                    "Strategies for carbon neutrality in each country",
                ),
            ],
        ),
        (
            "KZ",
            "paragraph 11",
            "Praised Korea's successful e-government system and hoped KOICA and KazAID would work "
            "together to help develop information and communications technology in Central Asia.",
            ["Digitalization"],
            [
                (
                    "KOICA and KazAID to cooperate on developing information and communications "
                    "technology in Central Asia.",
                    "Digitalization",
                    [koica, kazaid],
                    "KOICA and KazAID together for ICT development in Central Asia",
                )
            ],
        ),
    ]
    delegations = {d.state.code: d for d in meeting.delegations.select_related("state")}
    for position, (code, locator, summary, names, proposals) in enumerate(statements, start=1):
        statement = statement_record(
            meeting=meeting,
            position=position,
            summary=summary,
            delegation=delegations[code],
            speaker_person=people.get(code),
            speaker_post=posts[code],
            fields=[fields[name] for name in names],
            by=by,
        )
        cite(statement, sources.seed, locator=locator, by=by)
        for number, (text, field, partners, project_title) in enumerate(proposals, start=1):
            proposal = proposal_record(
                statement=statement,
                position=number,
                text=text,
                field=fields[field] if field else None,
                partners=partners,
                by=by,
            )
            cite(proposal, sources.seed, locator=locator, by=by)
            if project_title:
                project = project_record(
                    forum=meeting.edition.forum,
                    title=project_title,
                    proposed_on=DAY,
                    proposing_states=[delegations[code].state],
                    partners=partners,
                    description=(
                        f"Born from the proposal {delegations[code].state.name_in_sentence} made "
                        "at the plenary session of the 14th Forum. The sources record the "
                        "proposal and nothing of what became of it, so the project stays at "
                        "its first status until a source says more."
                    ),
                    field=fields[field] if field else None,
                    origin_proposal=proposal,
                    status=ProjectStatus.PROPOSED,
                    by=by,
                )
                cite(project, sources.seed, locator=locator, by=by)


def _local(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=DUSHANBE_ZONE)


def _timetable_record(
    *,
    plenary: Meeting,
    expert_sessions: list[Meeting],
    closing: Meeting,
    co_chairs: list,
    sources: KcafSources,
    by=None,
) -> None:
    """The day of 30 November as a timetable, one session per meeting.

    The order follows the record (the plenary, the four expert sessions, the closing ceremony);
    the clock times are chosen to fit a working day in Dushanbe and are all illustrative, since
    no source gives them. Chairs and speakers are those the report names.
    """
    seed = sources.seed
    plenary_session = session_record(
        meeting=plenary,
        title="Statements of the heads of delegation",
        starts_at=_local(10),
        ends_at=_local(12, 30),
        illustrative=True,
        chairs=co_chairs,
        by=by,
    )
    cite(plenary_session, seed, field="chairs", locator="paragraph 1", by=by)
    cite(
        plenary_session,
        seed,
        locator="paragraphs 5–11",
        note="Names the speakers, each for a delegation, and what each said.",
        by=by,
    )
    # The speakers in the order the report gives them; the pages list them in precedence.
    for position, statement in enumerate(
        plenary.statements.select_related(
            "delegation__state", "speaker_person", "speaker_post__state"
        ).order_by("position"),
        start=1,
    ):
        session_speaker_record(
            session=plenary_session,
            position=position,
            person=statement.speaker_person,
            post=statement.speaker_post,
            state=statement.delegation.state,
            by=by,
        )

    slots = [((14, 0), (14, 45)), ((14, 45), (15, 30)), ((15, 45), (16, 30)), ((16, 30), (17, 15))]
    for meeting, (start, end) in zip(expert_sessions, slots, strict=True):
        session = session_record(
            meeting=meeting,
            title=meeting.title,
            starts_at=_local(*start),
            ends_at=_local(*end),
            illustrative=True,
            by=by,
        )
        cite(session, seed, field="title", locator="paragraph 3", by=by)

    adoption = session_record(
        meeting=closing,
        title="Adoption of the Joint Statement and the 2022 Work Plan",
        starts_at=_local(17, 30),
        ends_at=_local(18),
        illustrative=True,
        by=by,
    )
    cite(adoption, seed, field="title", locator="paragraph 12", by=by)


def _outcomes_record(
    *,
    forum: Forum,
    edition: Edition,
    fifteenth: Edition,
    closing: Meeting,
    states: KcafStates,
    sources: KcafSources,
    rhee,
    director,
    fields: dict,
    secretariat: Organization,
    by=None,
) -> None:
    """The two adopted documents, the 2022 work plan and the decisions of the 14th."""
    joint_statement = document_record(
        forum=forum,
        title=JOINT_STATEMENT,
        kind=document_kind_ensure("Joint Statement", by=by),
        edition=edition,
        summary=(
            "Adopted by the heads of delegation at the closing ceremony of the 14th Forum. The "
            "reports of the Forum give its title and its adoption but nothing of its content. Its "
            "full text is not in the sources of this record."
        ),
        by=by,
    )
    document_adopt(
        joint_statement, on=DAY, method=AdoptionMethod.AT_MEETING, at_meeting=closing, by=by
    )
    cite(joint_statement, sources.seed, locator="paragraph 12", by=by)

    work_plan_document = document_record(
        forum=forum,
        title=WORK_PLAN,
        kind=document_kind_ensure("Work Plan", by=by),
        edition=edition,
        summary=(
            "The Secretariat's plan for 2022, adopted by the heads of delegation at the closing "
            "ceremony of the 14th Forum. Khovar calls it an Action Plan and names its six areas: "
            "transport and logistics; energy; industrial modernisation and diversification; "
            "climate change and the environment; health and medicine; education, culture and "
            "tourism. Its full text is not in the sources of this record."
        ),
        by=by,
    )
    document_adopt(
        work_plan_document, on=DAY, method=AdoptionMethod.AT_MEETING, at_meeting=closing, by=by
    )
    cite(work_plan_document, sources.seed, locator="paragraph 12", by=by)
    cite(
        work_plan_document,
        sources.khovar,
        field="summary",
        note="Calls the plan an Action Plan and names its six areas.",
        by=by,
    )

    plan = work_plan_record(
        forum=forum,
        year=2022,
        title=WORK_PLAN,
        adopted_at=edition,
        document=work_plan_document,
        by=by,
    )
    cite(
        plan,
        sources.khovar,
        note="The six areas; the activities under each are not in the sources.",
        by=by,
    )
    for number, (name, field) in enumerate(WORK_PLAN_AREAS, start=1):
        area = work_plan_area_record(
            plan=plan, number=number, name=name, field=fields[field] if field else None, by=by
        )
        # One item per area: the sources name the areas, not the activities, and say nothing of
        # how far each went; no status is reported, so each stays at its first value, planned.
        item = work_plan_item_record(
            plan=plan,
            number=str(number),
            area=area,
            text=(
                f"The Secretariat's work in {name[0].lower()}{name[1:]} for 2022. The reports of "
                "the Forum name this area of the plan but not its activities."
            ),
            responsible_organization=secretariat,
            by=by,
        )
        cite(item, sources.khovar, by=by)

    next_edition = decision_record(
        edition=edition,
        kind=DecisionKind.NEXT_EDITION,
        text="Hold the 15th Forum in Seoul in 2022.",
        city="Seoul",
        state=states.kr,
        year=2022,
        realized_by=fifteenth,
        by=by,
    )
    cite(next_edition, sources.seed, locator="paragraph 12", by=by)
    cite(next_edition, sources.khovar, by=by)
    cite(
        fifteenth,
        sources.history,
        field="city",
        note="Met in Busan, not in Seoul as the 14th Forum had decided.",
        by=by,
    )

    appointment = decision_record(
        edition=edition,
        kind=DecisionKind.APPOINTMENT,
        text="Approve Rhee Jong Kook as Director of the Secretariat.",
        person=rhee,
        post=director,
        unanimous=True,
        by=by,
    )
    cite(appointment, sources.khovar, by=by)
    cite(appointment, sources.kbs, by=by)
