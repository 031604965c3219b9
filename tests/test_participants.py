"""A meeting's list of participants: the page, its PDF and Word files, and the badges with place
cards. Delegations come in the forum's order of precedence with their heads first, in English,
Russian or Korean; the list of a held meeting is public, that of a meeting not yet held is the
forum's own; the page costs a fixed number of queries.

The PDF tests need WeasyPrint's libraries, the Noto fonts and poppler-utils, as those of
``test_output.py`` do; without them they fail and say what is missing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from plenary.accounts.domain import role_grant
from plenary.accounts.enums import RoleKind
from plenary.forums.domain import state_ensure
from plenary.forums.enums import Precedence
from plenary.forums.models import Membership
from plenary.meetings import participants, participants_output
from plenary.meetings.enums import MeetingStatus
from plenary.meetings.models import Delegation, DelegationMember, ExpertParticipation, Meeting
from plenary.people.enums import NameKind, Rank
from plenary.people.models import Person, PersonName
from tests import factories

MEETING_TITLE = "Ministerial plenary"
ENGLISH = {
    "JP": "Japan",
    "KZ": "Kazakhstan",
    "KG": "Kyrgyzstan",
    "KR": "Republic of Korea",
    "TJ": "Tajikistan",
    "TM": "Turkmenistan",
    "UZ": "Uzbekistan",
}
RUSSIAN = {"KR": "Республика Корея", "TJ": "Таджикистан", "KZ": "Казахстан"}
KOREAN = {"KR": "대한민국", "TJ": "타지키스탄", "KZ": "카자흐스탄"}
HEADS = {
    "JP": "Hayashi Yoshimasa",
    "KZ": "Mukhtar Tileuberdi",
    "KR": "Chung Eui-yong",
    "TJ": "Sirojiddin Muhriddin",
    "TM": "Rashid Meredov",
    "UZ": "Abdulaziz Kamilov",
}
KYRGYZ_OFFICE = "Minister of Foreign Affairs"  # Kyrgyzstan's head: an office, holder not named
MEMBERS = {"KR": "Kim Min-ji", "TJ": "Zarina Rahimova"}
EXPERT = "Aigerim Sadykova"

# The forum's order of precedence, by ISO code, for each way of setting it.
ORDERS = {
    "english": ["JP", "KZ", "KG", "KR", "TJ", "TM", "UZ"],
    # Япония files last in Russian.
    "russian": ["KZ", "KG", "KR", "TJ", "TM", "UZ", "JP"],
    "korean": ["KR", "UZ", "JP", "KZ", "KG", "TJ", "TM"],
    # Its own order; Japan, not a member, has no rank and comes last.
    "own": ["TJ", "KG", "KZ", "TM", "UZ", "KR", "JP"],
    "host first": ["KR", "JP", "KZ", "KG", "TJ", "TM", "UZ"],
}
OWN_RANKS = {"TJ": 1, "KG": 2, "KZ": 3, "TM": 4, "UZ": 5, "KR": 6}

NEEDED_FOR_PDF = (
    "install them with: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
    "fonts-noto-core fonts-noto-cjk poppler-utils"
)


# The meeting ---------------------------------------------------------------------------------


@pytest.fixture
def meeting(forum):
    """The ministerial plenary of the 14th edition (hosted by Korea) with seven delegations: six
    named heads and Kyrgyzstan's foreign minister, whose name the record does not hold; members
    for Korea and Tajikistan, and one named expert from Kazakhstan."""
    states = {code: factories.state(code) for code in ENGLISH}
    states["KR"] = state_ensure("KR", name="Republic of Korea")
    edition = factories.EditionFactory(
        forum=forum,
        number=14,
        start_date=dt.date(2021, 11, 30),
        city="Seoul",
        host_state=states["KR"],
    )
    meeting = factories.MeetingFactory(
        edition=edition, title=MEETING_TITLE, city="Seoul", state=states["KR"]
    )
    for code, state in states.items():
        post = factories.PostFactory(
            title="Minister of Foreign Affairs", state=state, rank=Rank.FOREIGN_MINISTER
        )
        head = None
        if code in HEADS:
            head = factories.PersonFactory(name=HEADS[code])
        delegation = factories.DelegationFactory(
            meeting=meeting,
            state=state,
            head_person=head,
            head_post=post,
            head_title="Foreign Minister",
        )
        if code in MEMBERS:
            member = factories.PersonFactory(name=MEMBERS[code])
            DelegationMember.objects.create(
                delegation=delegation, person=member, function="Director", position=2
            )
            DelegationMember.objects.create(
                delegation=delegation,
                post=factories.PostFactory(title="Ambassador", state=state, rank=Rank.AMBASSADOR),
                position=1,
            )
    chung = delegation_head("KR")
    PersonName.objects.create(person=chung, name="정의용", language="ko", kind=NameKind.NATIVE)
    PersonName.objects.create(
        person=chung, name="Чон Ый Ён", language="ru", kind=NameKind.TRANSLITERATION
    )
    muhriddin = delegation_head("TJ")
    PersonName.objects.create(
        person=muhriddin, name="Сироджиддин Мухриддин", language="ru", kind=NameKind.NATIVE
    )
    PersonName.objects.create(
        person=muhriddin, name="Sirojiddin Mukhriddin", language="en", kind=NameKind.ALIAS
    )
    kim = Person.objects.get(name=MEMBERS["KR"])
    PersonName.objects.create(person=kim, name="김민지", language="ko", kind=NameKind.NATIVE)
    ExpertParticipation.objects.create(
        edition=edition,
        meeting=meeting,
        state=states["KZ"],
        person=factories.PersonFactory(name=EXPERT),
        organization=factories.OrganizationFactory(name="Kazakh National Agrarian University"),
        description="Forestry",
    )
    # A count of experts without names is not a participant of the list.
    ExpertParticipation.objects.create(edition=edition, meeting=meeting, count=40)
    return meeting


def delegation_head(code: str):
    return Delegation.objects.get(state__code=code).head_person


def order_forum(forum, how: str) -> None:
    forum.precedence = {
        "english": Precedence.ENGLISH,
        "russian": Precedence.RUSSIAN,
        "korean": Precedence.KOREAN,
        "own": Precedence.CUSTOM,
        "host first": Precedence.ENGLISH,
    }[how]
    forum.host_first = how == "host first"
    forum.save()
    if how == "own":
        for membership in Membership.objects.filter(forum=forum).select_related("state"):
            membership.precedence_rank = OWN_RANKS[membership.state.code]
            membership.save()


def url(meeting, name: str = "list") -> str:
    edition = meeting.edition
    return reverse(
        f"participants:{name}",
        kwargs={"forum": edition.forum.slug, "number": edition.number, "pk": meeting.pk},
    )


def the_list(meeting, language: str = "en") -> participants.ParticipantList:
    """The list as the files are made of it, whoever may read it."""
    loaded = Meeting.objects.select_related("edition__forum", "edition__host_state", "state")
    return participants.participants_of(loaded.get(pk=meeting.pk), language)


def user(name: str, **extra):
    return get_user_model().objects.create_user(
        name, f"{name}@example.org", "pw-for-tests", **extra
    )


# Text out of the files -----------------------------------------------------------------------


def poppler(content: bytes, *options: str) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail(f"pdftotext (poppler-utils) is missing; {NEEDED_FOR_PDF}")
    result = subprocess.run(
        ["pdftotext", *options, "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()


def pdf_text(make, plist, *options: str) -> str:
    """The text of the PDF that ``make`` makes of ``plist``; ``-layout`` keeps each printed line
    whole, where the plain reading order may interleave the columns of a table."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        pytest.fail(f"WeasyPrint cannot be loaded ({error}); {NEEDED_FOR_PDF}")
    return poppler(make(plist), *options)


def squashed(text: str) -> str:
    return " ".join(text.split())


def codes_in_page(html: str) -> list[str]:
    return re.findall(r'<h2 id="delegation-([A-Z]{2})"', html)


def codes_in_text(text: str, names: dict[str, str]) -> list[str]:
    """ISO codes in the order the delegations' headings ("KZ Kazakhstan") come in ``text``."""
    pattern = "|".join(f"{code} {re.escape(name)}" for code, name in names.items())
    return [found.split(" ", 1)[0] for found in re.findall(pattern, squashed(text))]


# The read --------------------------------------------------------------------------------------


def test_each_delegation_lists_its_head_first_then_its_members_in_order(meeting):
    plist = the_list(meeting)
    korea = next(d for d in plist.delegations if d.state_code == "KR")
    assert [(p.role, p.label, p.office, p.rank) for p in korea.participants] == [
        ("head", "Chung Eui-yong", "Minister of Foreign Affairs", "foreign minister"),
        ("member", "Ambassador", "Ambassador", ""),
        ("member", "Kim Min-ji", "Director", ""),
    ]


def test_an_office_without_a_known_holder_is_listed_as_the_office(meeting):
    head = next(d for d in the_list(meeting).delegations if d.state_code == "KG").head
    assert (head.is_named, head.name, head.label, head.person) == (
        False,
        "",
        KYRGYZ_OFFICE,
        None,
    )


def test_names_and_states_are_given_in_the_lists_language(meeting):
    """The native form wins over a transliteration; without a form in the language, the default
    name stands; an English alias never replaces the default name in English."""
    heads = {
        language: {
            d.state_code: (d.state_name, d.head.label)
            for d in the_list(meeting, language).delegations
        }
        for language in ["en", "ru", "ko"]
    }
    assert {
        language: [heads[language][code] for code in ["KR", "TJ", "UZ"]] for language in heads
    } == {
        "en": [
            ("Republic of Korea", "Chung Eui-yong"),
            ("Tajikistan", "Sirojiddin Muhriddin"),
            ("Uzbekistan", "Abdulaziz Kamilov"),
        ],
        "ru": [
            ("Республика Корея", "Чон Ый Ён"),
            ("Таджикистан", "Сироджиддин Мухриддин"),
            ("Узбекистан", "Abdulaziz Kamilov"),
        ],
        "ko": [
            ("대한민국", "정의용"),
            ("타지키스탄", "Sirojiddin Muhriddin"),
            ("우즈베키스탄", "Abdulaziz Kamilov"),
        ],
    }


def test_labels_and_ranks_are_translated_from_one_table():
    assert [
        (
            participants.labels_in(language)["head_of_delegation"],
            participants.rank_in(Rank.DEPUTY_MINISTER, language),
        )
        for language in ["en", "ru", "ko"]
    ] == [
        ("Head of delegation", "deputy / vice minister"),
        ("Глава делегации", "заместитель министра"),
        ("수석대표", "차관"),
    ]


def test_every_label_has_a_translation_in_every_list_language():
    missing = [
        (text, language)
        for text in [*participants.LABELS.values(), *(rank.label for rank in Rank)]
        for language in participants.LIST_LANGUAGES
        if language != "en" and language not in participants.TRANSLATIONS.get(text, {})
    ]
    assert missing == []


def test_experts_are_the_named_ones(meeting):
    assert [(p.label, p.state_name, p.office) for p in the_list(meeting).experts] == [
        (EXPERT, "Kazakhstan", "Forestry, Kazakh National Agrarian University")
    ]


# Precedence: the page, the PDF and the Word file -----------------------------------------------


@pytest.mark.parametrize("how", list(ORDERS))
def test_page_lists_delegations_in_the_forums_order(client, forum, meeting, how):
    order_forum(forum, how)
    response = client.get(url(meeting))
    assert (response.status_code, codes_in_page(response.content.decode())) == (200, ORDERS[how])


@pytest.mark.parametrize("how", list(ORDERS))
def test_pdf_lists_delegations_in_the_forums_order(forum, meeting, how):
    order_forum(forum, how)
    text = pdf_text(participants_output.participants_pdf, the_list(meeting), "-layout")
    assert codes_in_text(text, ENGLISH) == ORDERS[how]


@pytest.mark.parametrize("how", list(ORDERS))
def test_docx_lists_delegations_in_the_forums_order(forum, meeting, how):
    order_forum(forum, how)
    doc = Document(io.BytesIO(participants_output.participants_docx(the_list(meeting))))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    by_name = {name: code for code, name in ENGLISH.items()}
    assert [by_name.get(h, h) for h in headings] == [*ORDERS[how], "Experts"]


def test_russian_list_is_in_the_forums_order_whatever_its_language(client, forum, meeting):
    """The order is the forum's (English here), not the alphabet of the list's language."""
    response = client.get(url(meeting), {"lang": "ru"})
    assert codes_in_page(response.content.decode()) == ORDERS["english"]


def test_page_gives_the_head_before_the_members(client, meeting):
    html = client.get(url(meeting)).content.decode()
    korea = html[html.index('id="delegation-KR"') : html.index('id="delegation-TJ"')]
    assert (
        korea.index("Head of delegation") < korea.index(HEADS["KR"]) < korea.index("Members"),
        korea.index("Members") < korea.index("Ambassador") < korea.index(MEMBERS["KR"]),
    ) == (True, True)


def test_page_shows_an_unnamed_office_as_the_office(client, meeting):
    html = client.get(url(meeting)).content.decode()
    kyrgyzstan = html[html.index('id="delegation-KG"') : html.index('id="delegation-KR"')]
    text = squashed(re.sub(r"<[^>]+>", " ", kyrgyzstan))
    assert "Head of delegation: Minister of Foreign Affairs (name not recorded)" in text


def test_pdf_gives_the_head_before_the_members(meeting):
    text = squashed(pdf_text(participants_output.participants_pdf, the_list(meeting), "-layout"))
    korea = text[text.index("KR Republic of Korea") : text.index("TJ Tajikistan")]
    assert korea.index(HEADS["KR"]) < korea.index("Ambassador") < korea.index(MEMBERS["KR"])


def test_docx_gives_the_head_in_the_first_row_of_each_delegation(meeting):
    doc = Document(io.BytesIO(participants_output.participants_docx(the_list(meeting))))
    first_rows = [table.rows[1].cells[0].text.split("\n")[0] for table in doc.tables]
    assert first_rows == [
        HEADS["JP"],
        HEADS["KZ"],
        KYRGYZ_OFFICE,
        HEADS["KR"],
        HEADS["TJ"],
        HEADS["TM"],
        HEADS["UZ"],
        EXPERT,
    ]
    korea = doc.tables[3]
    assert [row.cells[0].text.split("\n")[0] for row in korea.rows] == [
        "Name",
        HEADS["KR"],
        "Ambassador",
        MEMBERS["KR"],
    ]


# Scripts: Cyrillic and Hangul come out of the PDFs as they went in ----------------------------


def test_russian_pdf_holds_cyrillic_names_and_state_names(meeting):
    text = squashed(
        pdf_text(participants_output.participants_pdf, the_list(meeting, "ru"), "-layout")
    )
    expected = [
        "Список участников",
        "Глава делегации (министр иностранных дел)",
        "Сироджиддин Мухриддин",
        "Чон Ый Ён",
        *(f"{code} {name}" for code, name in RUSSIAN.items()),
    ]
    assert [part for part in expected if part not in text] == []


def test_korean_pdf_holds_hangul_names_and_state_names(meeting):
    text = squashed(
        pdf_text(participants_output.participants_pdf, the_list(meeting, "ko"), "-layout")
    )
    expected = [
        "참가자 명단",
        "수석대표 (외교장관)",
        "정의용",
        "김민지",
        "2021년 11월 30일",
        *(f"{code} {name}" for code, name in KOREAN.items()),
    ]
    assert [part for part in expected if part not in text] == []


def test_korean_pdf_keeps_hangul_words_whole(meeting):
    layout = poppler(participants_output.participants_pdf(the_list(meeting, "ko")), "-layout")
    hangul = {word for word in layout.split() if re.search("[\uac00-\ud7af]", word)}
    # Every Hangul word printed is a whole word of the list (labels, names, states, the date).
    words = {
        word
        for text in [
            *participants.labels_in("ko").values(),
            *(participants.rank_in(rank, "ko") for rank in Rank),
            "정의용 김민지 대한민국 우즈베키스탄 일본 카자흐스탄 키르기스스탄 타지키스탄 투르크메니스탄",
            the_list(meeting, "ko").when,
            "수석대표 (외교장관)",
        ]
        for word in text.split()
    }
    assert sorted(hangul - words) == []


def test_korean_and_russian_word_files_name_states_in_their_language(meeting):
    headings = {}
    for language in ["ru", "ko"]:
        doc = Document(
            io.BytesIO(participants_output.participants_docx(the_list(meeting, language)))
        )
        headings[language] = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert (headings["ru"][3], headings["ko"][3], headings["ru"][-1], headings["ko"][-1]) == (
        "Республика Корея",
        "대한민국",
        "Эксперты",
        "전문가",
    )


# Badges and place cards ------------------------------------------------------------------------


def test_badges_one_per_participant_ten_to_a_sheet_and_a_place_card_per_delegation(meeting):
    plist = the_list(meeting)
    pages = [
        page for page in pdf_text(participants_output.badges_pdf, plist).split("\f") if page.strip()
    ]
    # Every badge names the meeting once; place cards name only the state, on both faces.
    badge_pages = [page for page in pages if MEETING_TITLE in page]
    card_pages = [page for page in pages if MEETING_TITLE not in page]
    people = len(HEADS) + 1 + 2 * len(MEMBERS) + 1  # heads, Kyrgyzstan's office, members, expert
    badges_text = "\n".join(badge_pages)
    assert [page.count(MEETING_TITLE) for page in badge_pages] == [10, people - 10]
    assert [badges_text.count(name) for name in [*HEADS.values(), *MEMBERS.values(), EXPERT]] == [
        1
    ] * (len(HEADS) + len(MEMBERS) + 1)
    assert [
        squashed(page).count(ENGLISH[code])
        for page, code in zip(card_pages, ORDERS["english"], strict=True)
    ] == [2] * len(ENGLISH)


def test_place_cards_follow_the_forums_order_and_carry_the_iso_code(forum, meeting):
    order_forum(forum, "host first")
    pages = pdf_text(participants_output.badges_pdf, the_list(meeting, "ru")).split("\f")
    cards = [squashed(page) for page in pages if page.strip() and MEETING_TITLE not in page]
    assert (len(cards), cards[0].count("Республика Корея"), cards[0].count("KR")) == (7, 2, 2)


# Downloads and the language switch -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content_type", "filename"),
    [
        (
            "pdf",
            participants_output.PDF_CONTENT_TYPE,
            "participants-kca-14-ministerial-plenary-ru.pdf",
        ),
        (
            "docx",
            participants_output.DOCX_CONTENT_TYPE,
            "participants-kca-14-ministerial-plenary-ru.docx",
        ),
        (
            "badges",
            participants_output.PDF_CONTENT_TYPE,
            "badges-kca-14-ministerial-plenary-ru.pdf",
        ),
    ],
)
def test_files_are_downloaded_in_the_language_asked(client, meeting, name, content_type, filename):
    response = client.get(url(meeting, name), {"lang": "ru"})
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        content_type,
        f'attachment; filename="{filename}"',
    )


def test_addresses_of_the_list_and_its_files():
    kwargs = {"forum": "kca", "number": 14, "pk": 7}
    assert [
        reverse(f"participants:{name}", kwargs=kwargs) for name in ["list", "pdf", "docx", "badges"]
    ] == [
        "/forums/kca/14/meetings/7/participants/",
        "/forums/kca/14/meetings/7/participants.pdf",
        "/forums/kca/14/meetings/7/participants.docx",
        "/forums/kca/14/meetings/7/badges.pdf",
    ]


def test_language_switch_offers_the_forums_languages(client, meeting):
    html = client.get(url(meeting), {"lang": "ko"}).content.decode()
    start = html.index('aria-label="Language of the list"')
    switch = html[start : html.index("</nav>", start)]
    links = re.findall(r'<a href="\?lang=(\w+)"([^>]*)>([^<]+)</a>', switch)
    assert [
        (code, 'aria-current="true"' in attributes, name) for code, attributes, name in links
    ] == [
        ("en", False, "English"),
        ("ru", False, "Русский"),
        ("ko", True, "한국어"),
    ]


def test_korean_page_is_declared_korean(client, meeting):
    html = client.get(url(meeting), {"lang": "ko"}).content.decode()
    assert ('<article class="participants" lang="ko"' in html, "참가자 명단" in html) == (
        True,
        True,
    )


@pytest.mark.parametrize("language", ["fr", "kk", "xx"])
def test_a_language_the_list_is_not_given_in_is_404(client, meeting, language):
    assert client.get(url(meeting), {"lang": language}).status_code == 404


def test_only_the_forums_working_languages_are_offered(client, forum, meeting):
    forum.languages = ["en", "ru"]
    forum.save()
    assert (
        client.get(url(meeting), {"lang": "ko"}).status_code,
        client.get(url(meeting), {"lang": "ru"}).status_code,
    ) == (404, 200)


def test_a_meeting_of_another_edition_is_404(client, meeting):
    edition = meeting.edition
    wrong = reverse(
        "participants:list",
        kwargs={"forum": edition.forum.slug, "number": edition.number + 1, "pk": meeting.pk},
    )
    assert client.get(wrong).status_code == 404


# Who may read the list -------------------------------------------------------------------------

VIEWERS = [
    "anonymous",
    "expert",
    "focal point",
    "other forum's secretariat",
    "secretariat",
    "superuser",
]


def sign_in(client, forum, who: str) -> None:
    if who == "anonymous":
        return
    if who == "superuser":
        client.force_login(
            get_user_model().objects.create_superuser("root", "root@example.org", "pw-for-tests")
        )
        return
    person = user(who.replace(" ", "-").replace("'", ""))
    if who == "expert":
        role_grant(user=person, forum=forum, kind=RoleKind.EXPERT, state=factories.state("KZ"))
    elif who == "focal point":
        role_grant(user=person, forum=forum, kind=RoleKind.FOCAL_POINT, state=factories.state("KZ"))
    elif who == "secretariat":
        role_grant(user=person, forum=forum, kind=RoleKind.SECRETARIAT)
    else:
        other = factories.ForumFactory()
        role_grant(user=person, forum=other, kind=RoleKind.SECRETARIAT)
    client.force_login(person)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (MeetingStatus.HELD, [200, 200, 200, 200, 200, 200]),
        (MeetingStatus.PLANNED, [404, 404, 200, 404, 200, 404]),
        (MeetingStatus.POSTPONED, [404, 404, 200, 404, 200, 404]),
    ],
)
def test_who_reads_the_list(client, forum, meeting, status, expected):
    """The list of a held meeting is public; before it is held, only the forum's secretariat and
    member focal points read it; not an expert, another forum's secretariat, or a superuser who
    holds no role in the forum."""
    meeting.status = status
    meeting.save()
    answers = []
    for who in VIEWERS:
        client.logout()
        sign_in(client, forum, who)
        answers.append(client.get(url(meeting)).status_code)
    assert answers == expected


@pytest.mark.parametrize("name", ["pdf", "docx", "badges"])
def test_files_of_a_planned_meeting_go_to_the_forums_own_people_only(client, forum, meeting, name):
    meeting.status = MeetingStatus.PLANNED
    meeting.save()
    anonymous = client.get(url(meeting, name)).status_code
    sign_in(client, forum, "secretariat")
    response = client.get(url(meeting, name))
    cache = set(response["Cache-Control"].split(", "))
    assert (anonymous, response.status_code, cache) == (404, 200, {"no-store", "private"})


def test_planned_list_says_it_is_provisional(client, forum, meeting):
    meeting.status = MeetingStatus.PLANNED
    meeting.save()
    sign_in(client, forum, "focal point")
    text = squashed(
        re.sub(r"<[^>]+>", " ", client.get(url(meeting), {"lang": "ru"}).content.decode())
    )
    pdf = squashed(pdf_text(participants_output.participants_pdf, the_list(meeting, "ru")))
    provisional = "Предварительный список: встреча ещё не состоялась."
    assert (provisional in text, pdf.count(provisional) >= 2) == (True, True)


def test_planned_word_file_says_it_is_provisional_on_every_page(meeting):
    meeting.status = MeetingStatus.PLANNED
    meeting.save()
    doc = Document(io.BytesIO(participants_output.participants_docx(the_list(meeting, "ko"))))
    provisional = "잠정 명단: 아직 개최되지 않은 회의입니다."
    assert (
        doc.sections[0].header.paragraphs[0].text,
        provisional in [p.text for p in doc.paragraphs],
    ) == (provisional, True)


def test_held_list_is_not_marked_provisional(client, meeting):
    html = client.get(url(meeting)).content.decode()
    assert ("Provisional" in html, "Cache-Control" in client.get(url(meeting)).headers) == (
        False,
        False,
    )


# Queries ---------------------------------------------------------------------------------------


def count_queries(client, address: str, **params) -> int:
    """Queries of one request, after a first request has warmed Django's caches."""
    assert client.get(address, params).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address, params)
    assert response.status_code == 200
    return len(captured.captured_queries)


def grow(meeting, times: int) -> None:
    """More delegations, members, name forms and experts."""
    edition = meeting.edition
    for i, code in enumerate(["CN", "DE", "FR", "IN", "MN", "TR", "US"][:times]):
        state = factories.state(code)
        delegation = factories.DelegationFactory(meeting=meeting, state=state)
        PersonName.objects.create(person=delegation.head_person, name=f"이름 {i}", language="ko")
        for position in range(3):
            member = factories.PersonFactory()
            PersonName.objects.create(person=member, name=f"Имя {i} {position}", language="ru")
            DelegationMember.objects.create(
                delegation=delegation, person=member, function="Adviser", position=position
            )
        ExpertParticipation.objects.create(
            edition=edition,
            meeting=meeting,
            state=state,
            person=factories.PersonFactory(),
            organization=factories.OrganizationFactory(),
            field=factories.FieldFactory(),
        )


# Meeting, delegations, members, memberships, experts, state names; a language other than English
# adds the forum's name in it (the people's names in it come from a map kept in the cache).
QUERIES = {"en": 6, "ru": 7, "ko": 7}


@pytest.mark.parametrize("language", ["en", "ru", "ko"])
def test_page_query_count_does_not_grow_with_data(client, meeting, language):
    small = count_queries(client, url(meeting), lang=language)
    grow(meeting, 4)
    large = count_queries(client, url(meeting), lang=language)
    assert (small, large) == (QUERIES[language], QUERIES[language])


def test_page_query_count_for_the_secretariat_of_a_planned_meeting(client, forum, meeting):
    """The session, the user and the user's roles add three queries at any size."""
    meeting.status = MeetingStatus.PLANNED
    meeting.save()
    sign_in(client, forum, "secretariat")
    small = count_queries(client, url(meeting))
    grow(meeting, 4)
    large = count_queries(client, url(meeting))
    assert (small, large) == (QUERIES["en"] + 3, QUERIES["en"] + 3)


def test_a_read_of_the_list_costs_the_same_at_any_size(meeting, django_assert_num_queries):
    meeting = participants.meeting_for_participants(
        forum_slug=meeting.edition.forum.slug,
        number=meeting.edition.number,
        pk=meeting.pk,
        viewer=None,
    )
    # Without the page's read of the forum's name, but with the read of the Korean name forms
    # (the cache is empty at the start of each test).
    with django_assert_num_queries(QUERIES["ko"]):
        participants.participants_of(meeting, "ko")
