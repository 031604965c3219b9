"""The reference case: every fact of the press report of the 14th Forum (Dushanbe, 2021), and the
facts other reports add, is shown on the 14th edition page of the demo.

The demo is loaded once for this module, the page rendered once, and the database rolled back;
each test then reads one fact off the page as a reader would.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from tests.html import section_text, table_rows, texts_of_class

URL = "/forums/korea-central-asia/14/"

# The marker also makes pytest-django set up the test database for the module fixture below.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def page(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        response = Client().get(URL)
        transaction.set_rollback(True)
    assert response.status_code == 200
    return response.content.decode()


def test_page_heading_names_the_edition_date_and_place(page):
    assert section_text(page, "edition-heading") == "14th Korea–Central Asia Cooperation Forum"
    facts = section_text(page, "edition-facts")
    assert facts == (
        "Date 30 November 2021 Place Dushanbe Host Tajikistan Chairmanship Tajikistan "
        "Format In person Status Held "
        "Theme “Korea-Central Asia Cooperation for Post-COVID-19 Economic Recovery”"
    )


def test_co_hosts_with_their_offices(page):
    assert section_text(page, "co-chairs") == (
        "Co-chairs "
        "Republic of Korea Chung Eui-yong, Minister of Foreign Affairs of the Republic of Korea "
        "Tajikistan Sirojiddin Muhriddin, Minister of Foreign Affairs of Tajikistan"
    )


def test_each_delegation_and_who_led_it_at_what_rank(page):
    rows = table_rows(page, "delegations-main")
    assert [row[:3] for row in rows] == [
        ["State", "Head of delegation", "Rank"],
        [
            "Kazakhstan",
            "Deputy Minister of Foreign Affairs of Kazakhstan "
            "Recorded as led by a deputy foreign minister, as in the account of the speeches. "
            "The report's list of participants names both a foreign minister and a deputy "
            "foreign minister of Kazakhstan.",
            "deputy / vice minister sources disagree",
        ],
        ["Kyrgyzstan", "Minister of Foreign Affairs of Kyrgyzstan", "foreign minister"],
        [
            "Republic of Korea",
            "Chung Eui-yong, Minister of Foreign Affairs of the Republic of Korea",
            "foreign minister",
        ],
        [
            "Tajikistan",
            "Sirojiddin Muhriddin, Minister of Foreign Affairs of Tajikistan",
            "foreign minister",
        ],
        ["Turkmenistan", "Minister of Foreign Affairs of Turkmenistan", "foreign minister"],
        [
            "Uzbekistan",
            "Minister of Foreign Affairs of Uzbekistan "
            "The report's list of participants leaves Uzbekistan out, yet it reports a speech by "
            "the Uzbek foreign minister; the delegation is recorded because of that speech.",
            "foreign minister",
        ],
    ]


def test_the_participant_list_contradiction_is_shown_not_resolved(page):
    conflicts = section_text(page, "conflicts")
    assert conflicts.count("Kazakhstan at Ministerial plenary, head rank") == 1
    assert (
        "foreign minister — 14th Korea–Central Asia Cooperation Forum held in Dushanbe "
        "(paragraph 2 (list of participants)) deputy foreign minister" in conflicts
    )
    assert conflicts.count("Uzbekistan at Ministerial plenary, participation") == 1
    assert (
        "not in the list of participants — 14th Korea–Central Asia Cooperation Forum held in "
        "Dushanbe (paragraph 2 (list of participants)) its foreign minister spoke at the Forum"
        in conflicts
    )


def test_four_expert_sessions_with_their_fields(page):
    sessions = [t for t in texts_of_class(page, "meeting-item") if "Expert session:" in t]
    assert [t.split(" Field: ")[1].split(".")[0] for t in sessions] == [
        "Forestry",
        "Carbon neutrality",
        "Health",
        "Digitalization",
    ]
    assert all(t.startswith("30 November 2021, Asia/Dushanbe (UTC+05:00)") for t in sessions)


def test_about_a_hundred_experts_from_the_six_states(page):
    assert section_text(page, "experts") == (
        "Experts About 100 experts took part. about 100: Experts from institutes of Korea and "
        "the five Central Asian states, in forestry, energy, digital matters and healthcare"
    )


def test_vice_ministerial_and_working_level_preparatory_meetings(page):
    assert [
        t.split(" Korea")[0].split(" Officials")[0]
        for t in texts_of_class(page, "meeting-item")[:2]
    ] == [
        "date not known preparatory Senior officials / vice-ministerial meeting: "
        "Vice-foreign-ministerial preparatory meeting",
        "date not known preparatory Working-level meeting: Working-level preparatory meeting",
    ]


def test_business_forum_on_the_sidelines_the_day_before(page):
    assert texts_of_class(page, "meeting-item")[2] == (
        "29 November 2021, Asia/Dushanbe (UTC+05:00) Side event: First 5+1 Business Forum "
        "Side track: 5+1 Business Forum. Dushanbe. The first meeting of the 5+1 business forum, "
        "on the sidelines of the 14th Forum."
    )


def test_a_statement_by_every_delegation_in_order_of_precedence(page):
    speakers = [
        t.split(" ", 1)[0] if not t.startswith("Republic") else "Republic of Korea:"
        for t in texts_of_class(page, "statement")
    ]
    assert speakers == [
        "Kazakhstan:",
        "Kyrgyzstan:",
        "Republic of Korea:",
        "Tajikistan:",
        "Turkmenistan:",
        "Uzbekistan:",
    ]


def _statement_of(page, state):
    (text,) = [t for t in texts_of_class(page, "statement") if t.startswith(f"{state}:")]
    return text


def test_tajikistan_proposes_digital_cooperation_programmes(page):
    assert _statement_of(page, "Tajikistan").endswith(
        "Proposal: Draw up and carry out Korea–Central Asia programmes of digital cooperation. "
        "(Digitalization) Followed up as the cooperation project Korea–Central Asia programmes "
        "of digital cooperation (status: proposed)."
    )


def test_kyrgyzstan_proposes_joint_projects_against_thawing(page):
    assert _statement_of(page, "Kyrgyzstan").endswith(
        "Proposal: Carry out joint Korea–Central Asia projects against the thawing that damages "
        "Central Asia's forests and ecosystems. (Forestry) Followed up as the cooperation "
        "project Joint projects against thawing in Central Asia's forests and ecosystems "
        "(status: proposed)."
    )


def test_uzbekistan_proposes_aral_sea_climate_response_and_carbon_neutrality(page):
    assert _statement_of(page, "Uzbekistan").endswith(
        "Proposals: Respond together to climate change in the Aral Sea region. (Climate change) "
        "Followed up as the cooperation project Responding to climate change in the Aral Sea "
        "region (status: proposed). Each country to prepare a strategy for carbon neutrality. "
        "(Carbon neutrality) Followed up as the cooperation project Strategies for carbon "
        "neutrality in each country (status: proposed)."
    )


def test_kazakhstan_proposes_koica_and_kazaid_on_ict(page):
    assert _statement_of(page, "Kazakhstan").endswith(
        "Proposal: KOICA and KazAID to cooperate on developing information and communications "
        "technology in Central Asia. (Digitalization; with KazAID, KOICA) Followed up as the "
        "cooperation project KOICA and KazAID together for ICT development in Central Asia "
        "(status: proposed)."
    )


def test_korea_speaks_of_the_new_northern_policy_and_1992(page):
    korea = _statement_of(page, "Republic of Korea")
    assert "New Northern Policy" in korea
    assert "since diplomatic ties were established in 1992" in korea


def test_turkmenistan_speaks_of_the_silk_road(page):
    assert "along the Silk Road" in _statement_of(page, "Turkmenistan")


def test_joint_statement_and_work_plan_adopted_at_the_closing_ceremony(page):
    documents = texts_of_class(page, "document-item")
    assert [d.split(" Adopted on ")[0] for d in documents] == [
        "Joint Statement on the Outcome of the 14th Korea-Central Asia Cooperation Forum Joint Statement",
        "2022 Work Plan of the Korea-Central Asia Cooperation Forum Secretariat Work Plan",
    ]
    assert [d.split(" Adopted on ")[1].split(".")[0] for d in documents] == [
        "30 November 2021 at the Closing ceremony, at a meeting, by the heads of delegation",
        "30 November 2021 at the Closing ceremony, at a meeting, by the heads of delegation",
    ]
    assert all(d.endswith("Its full text is not in the sources of this record.") for d in documents)


def test_work_plan_2022_with_its_six_areas(page):
    assert section_text(page, "work-plan") == (
        "Work plan adopted 2022 Work Plan of the Korea-Central Asia Cooperation Forum Secretariat "
        "for 2022 6 areas: Transport and logistics Energy Industrial modernisation and "
        "diversification Climate change and the environment Health and medicine Education, "
        "culture and tourism Its items and how far each has gone"
    )


def test_decision_on_the_15th_forum_beside_what_happened(page):
    decisions = section_text(page, "decisions")
    assert decisions.startswith(
        "Decisions Venue and date of the next edition: Hold the 15th Forum in Seoul in 2022. "
        "Decided: Seoul, Republic of Korea, 2022. What happened differs: decided Seoul, held in "
        "Busan (15th edition)."
    )


def test_director_of_the_secretariat_approved_unanimously(page):
    assert section_text(page, "decisions").endswith(
        "Appointment: Approve Rhee Jong Kook as Director of the Secretariat. unanimous "
        "Appointed: Rhee Jong Kook, Director, Korea–Central Asia Cooperation Forum Secretariat."
    )


def test_milestones_of_the_relationship(page):
    assert section_text(page, "milestones") == (
        "Milestones In the relationship 1992 Diplomatic relations established "
        "5 October 2015 Seoul Declaration: agreement to set up a secretariat (9th edition) "
        "10 July 2017 Secretariat opened in Seoul 2020 Forum raised to foreign-minister level "
        "2022 30th anniversary of diplomatic relations"
    )


def test_tajikistans_chairmanship_ended_with_it(page):
    assert "Tajikistan's chairmanship, which ended with it" in section_text(page, "edition-summary")


def test_every_fact_group_offers_its_sources(page):
    """The edition, each meeting, each statement and each delegation row carry a sources box."""
    assert section_text(page, "edition-summary", skip_details=False).endswith(
        "paragraph 4"
    )  # the last citation of the edition: the theme, from the seed report
    boxed = '<details class="sources"'
    statements = page.split('<article class="statement"')[1:]
    meetings = page.split('<div class="meeting-item">')[1:]
    delegations = page[page.index('id="delegations"') : page.index('id="experts"')].split("<tr")[1:]
    assert [boxed in chunk.split("</article>")[0] for chunk in statements] == [True] * 6
    assert [boxed in chunk.split("</section>")[0] for chunk in meetings] == [True] * 9
    assert [boxed in row.split("</tr>")[0] for row in delegations if "<td" in row] == [True] * 12
