"""The Korea–Central Asia Cooperation Forum: its states, Secretariat, editions and milestones.

The 14th edition (Dushanbe, 2021), the reference case, is loaded in full by ``kcaf_14th``; the
other editions carry what the public record of the Forum gives. Where sources disagree (the city
of the 8th Forum) each claim is cited and the field is left for the secretariat to settle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plenary.common.domain import cite, source_record
from plenary.common.models import Source
from plenary.demo.kcaf_14th import fourteenth_load
from plenary.forums.domain import (
    decision_record,
    edition_record,
    forum_name_add,
    forum_record,
    membership_record,
    milestone_record,
    side_track_record,
    state_ensure,
)
from plenary.forums.enums import (
    DecisionKind,
    EditionStatus,
    MembershipRole,
    Precedence,
    SideTrackKind,
)
from plenary.forums.models import Edition, Forum, State
from plenary.meetings.domain import meeting_record
from plenary.meetings.enums import MeetingKind, MeetingStatus
from plenary.people.domain import organization_record
from plenary.people.enums import OrganizationKind
from plenary.people.models import Organization
from plenary.workplans.domain import work_plan_record

FORUM_SLUG = "korea-central-asia"
ESTABLISHED = dt.date(2007, 11, 15)


@dataclass(frozen=True)
class KcafStates:
    kr: State
    kz: State
    kg: State
    tj: State
    tm: State
    uz: State

    def all(self) -> list[State]:
        return [self.kr, self.kz, self.kg, self.tj, self.tm, self.uz]


@dataclass(frozen=True)
class KcafSources:
    seed: Source
    khovar: Source
    kbs: Source
    history: Source
    eighth_jeju: Source
    eighth_seoul: Source


def kcaf_load(*, by=None) -> Forum:
    """Load the Korea–Central Asia Cooperation Forum with its history and the 14th in full."""
    sources = _sources_record(by=by)
    states = _states_ensure(by=by)
    secretariat = _secretariat_record(sources=sources, by=by)
    forum = forum_record(
        slug=FORUM_SLUG,
        name="Korea–Central Asia Cooperation Forum",
        short_name="Korea–Central Asia Forum",
        description=(
            "The yearly meeting of the Republic of Korea with Kazakhstan, Kyrgyzstan, Tajikistan, "
            "Turkmenistan and Uzbekistan, held since 2007 and at the level of foreign ministers "
            "since the upgrade agreed in 2020. Its venue alternates between Korea and Central "
            "Asia; an edition hosted by a Central Asian state is that state's chairmanship.\n\n"
            "A permanent Secretariat in Seoul, open since 10 July 2017, prepares the editions and "
            "carries out the yearly work plans. It answers to a council of representatives at "
            "vice-minister level and to an Executive Committee, in which a director-general of "
            "the Korean ministry sits with the ambassadors of the five Central Asian states in "
            "Seoul."
        ),
        established_on=ESTABLISHED,
        languages=["en", "ru", "ko"],
        precedence=Precedence.ENGLISH,
        host_first=False,
        secretariat=secretariat,
        is_demo=False,
        by=by,
    )
    cite(forum, sources.history, by=by)
    cite(forum, sources.seed, field="name", locator="paragraph 1", by=by)
    for other in [
        "Central Asia–Republic of Korea Cooperation Forum",
        "Central Asia-ROK Cooperation Forum",
    ]:
        forum_name_add(forum=forum, name=other, language="en", by=by)

    # Korea is the "+1" beside the five; all six have taken part since the first Forum.
    for state in states.all():
        role = MembershipRole.PARTNER if state == states.kr else MembershipRole.MEMBER
        membership = membership_record(
            forum=forum, state=state, role=role, joined_on=ESTABLISHED, by=by
        )
        cite(membership, sources.history, by=by)

    business = side_track_record(
        forum=forum,
        name="5+1 Business Forum",
        kind=SideTrackKind.BUSINESS,
        description=(
            "A business forum of Korea and the five Central Asian states beside the Forum itself. "
            "Its first meeting took place in Dushanbe on 29 November 2021, the day before the "
            "14th Forum."
        ),
        by=by,
    )

    editions = _editions_record(forum=forum, states=states, sources=sources, by=by)
    fourteenth_load(
        forum=forum,
        edition=editions[14],
        fifteenth=editions[15],
        states=states,
        sources=sources,
        secretariat=secretariat,
        business_track=business,
        by=by,
    )
    _history_details_record(forum=forum, editions=editions, states=states, sources=sources, by=by)
    _milestones_record(forum=forum, editions=editions, sources=sources, by=by)
    return forum


def _sources_record(*, by=None) -> KcafSources:
    seed = source_record(
        title="14th Korea–Central Asia Cooperation Forum held in Dushanbe",
        kind=Source.Kind.NEWS_REPORT,
        language="en",
        notes=(
            "An English-language press report of the 14th Forum (Dushanbe, 30 November 2021). It "
            "passes on what the information department of Tajikistan's Ministry of Foreign "
            "Affairs and the Foreign Ministry of the Republic of Korea said; its publisher and "
            "date of publication are not recorded. Its list of participants does not match its "
            "own account of the speeches: Kazakhstan appears twice and Uzbekistan not at all."
        ),
        by=by,
    )
    khovar = source_record(
        title="Report on the 14th Korea–Central Asia Cooperation Forum",
        publisher="Khovar",
        kind=Source.Kind.NEWS_REPORT,
        url="https://eng.khovar.tj/?p=48476",
        language="en",
        notes=(
            "English-language report of Khovar, the Tajik state news agency, on the 14th Forum. "
            "It calls the Secretariat's plan for 2022 an Action Plan and names its six areas, "
            "and reports the approval of the Secretariat's director, the end of Tajikistan's "
            "chairmanship, the first 5+1 business forum and the choice of Seoul for the 15th "
            "Forum. The title given here describes the report; its headline is not recorded."
        ),
        by=by,
    )
    kbs = source_record(
        title="Report on the 14th Korea–Central Asia Cooperation Forum",
        publisher="KBS World",
        kind=Source.Kind.NEWS_REPORT,
        url="https://world.kbs.co.kr",
        language="en",
        notes=(
            "Report of the international service of the Korean public broadcaster on the 14th "
            "Forum, with the approval of the Secretariat's director, the first 5+1 business "
            "forum and the choice of Seoul for the 15th Forum. The address is the site's; the "
            "article's own address and headline are not recorded."
        ),
        by=by,
    )
    history = source_record(
        title="Public record of the Forum's editions",
        kind=Source.Kind.OTHER,
        language="en",
        notes=(
            "Dates, places and main results of the Forum's editions and of its Secretariat, as "
            "published in reports of each edition and gathered here for reference. Where reports "
            "disagree, each claim is cited on its own."
        ),
        by=by,
    )
    eighth_jeju = source_record(
        title="Report of the 8th Forum giving Jeju as its venue",
        kind=Source.Kind.OTHER,
        language="en",
        notes=(
            "A published report of the 8th Forum (April 2014) that places it in Jeju. Its "
            "publisher is not yet entered; another report places the same Forum in Seoul."
        ),
        by=by,
    )
    eighth_seoul = source_record(
        title="Report of the 8th Forum giving Seoul as its venue",
        kind=Source.Kind.OTHER,
        language="en",
        notes=(
            "A published report of the 8th Forum (April 2014) that places it in Seoul. Its "
            "publisher is not yet entered; another report places the same Forum in Jeju."
        ),
        by=by,
    )
    return KcafSources(
        seed=seed,
        khovar=khovar,
        kbs=kbs,
        history=history,
        eighth_jeju=eighth_jeju,
        eighth_seoul=eighth_seoul,
    )


def _states_ensure(*, by=None) -> KcafStates:
    # The forum says "Republic of Korea", never CLDR's "South Korea".
    return KcafStates(
        kr=state_ensure("KR", name="Republic of Korea", adjective="Korean", by=by),
        kz=state_ensure("KZ", adjective="Kazakh", by=by),
        kg=state_ensure("KG", adjective="Kyrgyz", by=by),
        tj=state_ensure("TJ", adjective="Tajik", by=by),
        tm=state_ensure("TM", adjective="Turkmen", by=by),
        uz=state_ensure("UZ", adjective="Uzbek", by=by),
    )


def _secretariat_record(*, sources: KcafSources, by=None) -> Organization:
    """The Secretariat and the two bodies that govern it."""
    secretariat = organization_record(
        name="Korea–Central Asia Cooperation Forum Secretariat",
        kind=OrganizationKind.SECRETARIAT,
        state=None,
        parent=None,
        city="Seoul",
        founded_on=dt.date(2017, 7, 10),
        description=(
            "The Forum's permanent secretariat, opened in Seoul on 10 July 2017 after the 9th "
            "Forum agreed to set one up. It prepares the Forums and carries out the yearly work "
            "plans the Forums adopt."
        ),
        by=by,
    )
    cite(
        secretariat,
        sources.history,
        note="Opened in Seoul on 10 July 2017 as the Forum's permanent secretariat.",
        by=by,
    )
    council = organization_record(
        name="Council of Vice-Minister-Level Representatives, Korea–Central Asia Cooperation Forum Secretariat",
        kind=OrganizationKind.OTHER,
        state=None,
        parent=secretariat,
        description="The member states' representatives at vice-minister level, who govern the Secretariat.",
        by=by,
    )
    cite(
        council,
        sources.history,
        note="The member states' representatives at vice-minister level, who govern the Secretariat.",
        by=by,
    )
    committee = organization_record(
        name="Executive Committee, Korea–Central Asia Cooperation Forum Secretariat",
        kind=OrganizationKind.OTHER,
        state=None,
        parent=secretariat,
        city="Seoul",
        description=(
            "A director-general of the Korean ministry together with the ambassadors of the five "
            "Central Asian states in Seoul."
        ),
        by=by,
    )
    cite(
        committee,
        sources.history,
        note=(
            "A director-general of the Korean ministry together with the ambassadors of the five "
            "Central Asian states in Seoul."
        ),
        by=by,
    )
    return secretariat


# number, start, end, date precision, city, host, chair, format, summary
_EDITIONS: list[tuple] = [
    (
        1,
        dt.date(2007, 11, 15),
        None,
        "day",
        "Seoul",
        "kr",
        None,
        "in_person",
        "The first Forum, held in Seoul, with delegations led by vice foreign ministers.",
    ),
    (
        3,
        dt.date(2009, 12, 2),
        None,
        "day",
        "Seoul",
        "kr",
        None,
        "in_person",
        "Held in Seoul, with sessions on energy, education and health.",
    ),
    (
        6,
        dt.date(2012, 7, 1),
        None,
        "month",
        "Seoul",
        "kr",
        None,
        "in_person",
        "Held in Seoul in July 2012; the day is not recorded. The foreign ministers of the "
        "Central Asian states led their delegations.",
    ),
    (
        7,
        dt.date(2013, 10, 4),
        None,
        "day",
        "Bishkek",
        "kg",
        None,
        "in_person",
        "Held in Bishkek, with sessions on textiles, railways and forestry.",
    ),
    (
        8,
        dt.date(2014, 4, 22),
        None,
        "day",
        "",
        "kr",
        None,
        "in_person",
        "Held in Korea, with sessions on health, agriculture, the environment and forestry. The "
        "reports disagree on the city, one giving Jeju and another Seoul, so it is left open "
        "until the secretariat weighs the two.",
    ),
    (
        9,
        dt.date(2015, 10, 5),
        None,
        "day",
        "Seoul",
        "kr",
        None,
        "in_person",
        "Held in Seoul. In its Seoul Declaration the states agreed to set up a permanent "
        "secretariat.",
    ),
    (
        10,
        dt.date(2016, 11, 15),
        None,
        "day",
        "Seoul",
        "kr",
        None,
        "in_person",
        "Held in Seoul. Adopted the regulations of the Secretariat and its work plan for 2017.",
    ),
    (
        11,
        dt.date(2018, 11, 6),
        dt.date(2018, 11, 7),
        "day",
        "Seoul",
        "kr",
        None,
        "in_person",
        "Held in Seoul over two days. Kyrgyzstan was to join the Secretariat, and the work plan "
        "for 2019 was adopted.",
    ),
    (
        12,
        dt.date(2019, 10, 16),
        None,
        "day",
        "Nur-Sultan",
        "kz",
        None,
        "in_person",
        "Held in Nur-Sultan: the first Forum in Central Asia at the level of foreign ministers. "
        "It adopted a Joint Statement, whose title and text are not in the sources.",
    ),
    (
        13,
        dt.date(2020, 11, 25),
        None,
        "day",
        "Seoul",
        "kr",
        None,
        "online",
        "Hosted from Seoul and held online. The first High Level Officials' Meeting prepared it "
        "on 19 November 2020.",
    ),
    (
        14,
        dt.date(2021, 11, 30),
        None,
        "day",
        "Dushanbe",
        "tj",
        "tj",
        "in_person",
        "Held in Dushanbe as Tajikistan's chairmanship, which ended with it, and the first Forum "
        "since the states agreed in 2020 to hold it at foreign-minister level. The foreign "
        "ministers of Tajikistan and Korea co-chaired it. Four expert sessions were held, and "
        "about 100 experts from institutes of the six states took part. At the closing ceremony "
        "the heads of delegation adopted a Joint Statement and the Secretariat's Work Plan for "
        "2022. The Forum agreed to meet next in Seoul in 2022 and unanimously approved Rhee Jong "
        "Kook as director of the Secretariat.",
    ),
    (
        15,
        dt.date(2022, 10, 25),
        None,
        "day",
        "Busan",
        "kr",
        None,
        "in_person",
        "Held in Busan, although the 14th Forum had decided on Seoul. It chose Ashgabat for the "
        "next Forum.",
    ),
    (
        16,
        dt.date(2023, 11, 1),
        None,
        "day",
        "Ashgabat",
        "tm",
        "tm",
        "in_person",
        "Held in Ashgabat as Turkmenistan's chairmanship.",
    ),
    (
        17,
        dt.date(2024, 11, 4),
        None,
        "day",
        "Seoul",
        "kr",
        None,
        "in_person",
        "Held in Seoul. The heads of delegation ranged in rank from a deputy prime minister to an "
        "ambassador; which state sent whom is not recorded here. The work plan for 2025 was "
        "adopted.",
    ),
]

THEME_14 = "Korea-Central Asia Cooperation for Post-COVID-19 Economic Recovery"


def _editions_record(
    *, forum: Forum, states: KcafStates, sources: KcafSources, by=None
) -> dict[int, Edition]:
    editions = {}
    for number, start, end, precision, city, host, chair, fmt, summary in _EDITIONS:
        edition = edition_record(
            forum=forum,
            number=number,
            start_date=start,
            end_date=end,
            date_precision=precision,
            city=city,
            host_state=getattr(states, host),
            chair_state=getattr(states, chair) if chair else None,
            format=fmt,
            theme=THEME_14 if number == 14 else "",
            status=EditionStatus.HELD,
            summary=summary,
            by=by,
        )
        cite(edition, sources.history, by=by)
        editions[number] = edition

    eighth = editions[8]
    cite(eighth, sources.eighth_jeju, field="city", claim="Jeju", by=by)
    cite(eighth, sources.eighth_seoul, field="city", claim="Seoul", by=by)
    return editions


def _history_details_record(
    *, forum: Forum, editions: dict[int, Edition], states: KcafStates, sources: KcafSources, by=None
) -> None:
    """What the record knows of editions other than the 14th beyond the table's row."""
    decision = decision_record(
        edition=editions[9],
        kind=DecisionKind.INSTITUTIONAL,
        text="Set up a permanent secretariat of the Forum (Seoul Declaration).",
        realized_by=None,
        by=by,
    )
    cite(decision, sources.history, by=by)

    for year, edition in [(2017, editions[10]), (2019, editions[11]), (2025, editions[17])]:
        plan = work_plan_record(
            forum=forum,
            year=year,
            title=f"Work plan for {year}",
            adopted_at=edition,
            document=None,
            by=by,
        )
        cite(plan, sources.history, note="Only its adoption is recorded; no items.", by=by)

    hlom = meeting_record(
        edition=editions[13],
        title="First High Level Officials' Meeting",
        kind=MeetingKind.SENIOR_OFFICIALS,
        date=dt.date(2020, 11, 19),
        status=MeetingStatus.HELD,
        summary=(
            "The first meeting of the Forum's high-level officials, held to prepare the 13th "
            "Forum. Its place and format are not recorded."
        ),
        position=1,
        by=by,
    )
    cite(hlom, sources.history, by=by)

    next_after_15th = decision_record(
        edition=editions[15],
        kind=DecisionKind.NEXT_EDITION,
        text="Hold the 16th Forum in Ashgabat.",
        city="Ashgabat",
        state=states.tm,
        year=None,
        realized_by=editions[16],
        by=by,
    )
    cite(next_after_15th, sources.history, by=by)


def _milestones_record(
    *, forum: Forum, editions: dict[int, Edition], sources: KcafSources, by=None
) -> None:
    relations = milestone_record(
        forum=forum,
        title="Diplomatic relations established",
        date=dt.date(1992, 1, 1),
        date_precision="year",
        description="Korea and the five Central Asian states established diplomatic relations.",
        edition=None,
        by=by,
    )
    cite(relations, sources.seed, locator="paragraph 7", by=by)
    anniversary = milestone_record(
        forum=forum,
        title="30th anniversary of diplomatic relations",
        date=dt.date(2022, 1, 1),
        date_precision="year",
        description="Thirty years of diplomatic relations between Korea and Central Asia.",
        edition=None,
        by=by,
    )
    cite(anniversary, sources.seed, locator="paragraph 13", by=by)
    upgrade = milestone_record(
        forum=forum,
        title="Forum raised to foreign-minister level",
        date=dt.date(2020, 1, 1),
        date_precision="year",
        description=(
            "Korea and the Central Asian states agreed to hold the Forum at the level of foreign "
            "ministers; the 14th Forum was the first held after that agreement."
        ),
        edition=None,
        by=by,
    )
    cite(
        upgrade,
        sources.seed,
        field="date",
        locator="paragraph 13",
        note='The report, of November 2021, dates the agreement to "last year".',
        by=by,
    )
    declaration = milestone_record(
        forum=forum,
        title="Seoul Declaration: agreement to set up a secretariat",
        date=dt.date(2015, 10, 5),
        date_precision="day",
        description="At the 9th Forum the states agreed to give the Forum a permanent secretariat.",
        edition=editions[9],
        by=by,
    )
    cite(declaration, sources.history, by=by)
    opening = milestone_record(
        forum=forum,
        title="Secretariat opened in Seoul",
        date=dt.date(2017, 7, 10),
        date_precision="day",
        description="The Forum's permanent Secretariat began its work in Seoul.",
        edition=None,
        by=by,
    )
    cite(opening, sources.history, by=by)
