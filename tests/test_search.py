"""Search across the record: editions, meetings, statements, adopted documents, people and
projects, in English, Russian and Korean, with the matches marked.

Every test runs on the database of the run: SQLite (FTS5) by default, PostgreSQL (full-text
search) when ``DATABASE_URL`` points at one; the two backends must give the same results.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import strip_tags

from plenary.common.domain import translation_record
from plenary.documents.domain import document_adopt
from plenary.documents.enums import DocumentStatus
from plenary.documents.models import LanguageVersion, OutcomeDocument, Paragraph
from plenary.people.domain import person_record
from plenary.people.models import PersonName
from plenary.search import indexing
from plenary.search.backends import excerpt, marked, parse, search
from plenary.search.models import SearchEntry
from tests import factories

URL = "/search/"


def found(query: str, **filters) -> list[tuple[str, int, str]]:
    """(kind, record id, language of the matching entry) of each result, best first."""
    return [(h.kind, h.object_id, h.language) for h in search(query, **filters).hits]


def titles(query: str, **filters) -> list[str]:
    return [strip_tags(h.title) for h in search(query, **filters).hits]


@pytest.fixture
def fourteenth(forum):
    """The 14th Forum with its theme in English, Russian and Korean."""
    edition = factories.EditionFactory(
        forum=forum,
        number=14,
        city="Dushanbe",
        host_state=factories.state("TJ"),
        theme="Korea-Central Asia Cooperation for Post-COVID-19 Economic Recovery",
        start_date=dt.date(2021, 11, 30),
    )
    translation_record(
        edition,
        field="theme",
        language="ru",
        text="Сотрудничество Республики Корея и Центральной Азии для восстановления экономики",
    )
    translation_record(
        edition, field="theme", language="ko", text="코로나19 이후 경제 회복을 위한 한-중앙아 협력"
    )
    return edition


@pytest.fixture
def komilov(db):
    return person_record(
        slug="sirojiddin-komilov",
        name="Sirojiddin Komilov",
        names=[
            ("Сироджиддин Комилов", "ru", "native"),
            ("시로지딘 코밀로프", "ko", "transliteration"),
        ],
    )


# Finding ------------------------------------------------------------------------------------------


def test_finds_an_edition_by_its_theme_in_english(fourteenth):
    assert found("economic recovery") == [("edition", fourteenth.pk, "en")]
    assert titles("economic recovery") == ["14th Korea–Central Asia Cooperation Forum"]


def test_finds_an_edition_by_its_russian_translation(fourteenth):
    assert found("восстановления экономики") == [("edition", fourteenth.pk, "ru")]
    assert titles("Восстановления") == ["14-й Korea–Central Asia Cooperation Forum"]


def test_finds_an_edition_by_its_korean_translation(fourteenth):
    assert found("경제 회복") == [("edition", fourteenth.pk, "ko")]
    assert titles("회복을") == ["제14차 Korea–Central Asia Cooperation Forum"]


def test_finds_an_edition_by_the_name_of_its_host_in_each_language(fourteenth):
    assert [found(name) for name in ["Tajikistan", "Таджикистан", "타지키스탄"]] == [
        [("edition", fourteenth.pk, "en")],
        [("edition", fourteenth.pk, "ru")],
        [("edition", fourteenth.pk, "ko")],
    ]


def test_finds_a_person_by_each_form_of_the_name(komilov):
    assert [found(name) for name in ["Комилов", "코밀로프", "Komilov"]] == [
        [("person", komilov.pk, "ru")],
        [("person", komilov.pk, "ko")],
        [("person", komilov.pk, "en")],
    ]
    assert titles("Комилов") == ["Сироджиддин Комилов"]


def test_a_record_matching_in_several_languages_is_listed_once_in_the_readers(komilov):
    """ "Sirojiddin" is in the English name only; "Komilov" too, but a record found in several
    languages is shown once, in the reader's language when it matches there."""
    PersonName.objects.create(person=komilov, name="Komilov S.", language="ru")
    assert found("Komilov", prefer_language="ru") == [("person", komilov.pk, "ru")]
    assert found("Komilov", prefer_language="en") == [("person", komilov.pk, "en")]
    assert search("Komilov").total == 1


def test_short_terms_match_the_start_of_a_word(fourteenth):
    """Two characters are too few for the trigram index: they match word starts instead."""
    translation_record(fourteenth, field="city", language="ko", text="두샨베에서")
    assert found("두샨") == [("edition", fourteenth.pk, "ko")]
    assert found("14") == [("edition", fourteenth.pk, "en")]
    assert found("du") == [("edition", fourteenth.pk, "en")]
    assert found("recovery 14") == [("edition", fourteenth.pk, "en")]
    assert found("recovery 15") == []


def test_phrases_and_exclusions(fourteenth, forum):
    other = factories.EditionFactory(
        forum=forum, number=15, theme="Economic cooperation after recovery"
    )
    assert sorted(found("recovery")) == sorted(
        [("edition", fourteenth.pk, "en"), ("edition", other.pk, "en")]
    )
    assert found('"economic recovery"') == [("edition", fourteenth.pk, "en")]
    assert found("recovery -covid") == [("edition", other.pk, "en")]
    assert found("-covid") == []


def test_statements_meetings_and_projects_are_found(forum, fourteenth, komilov):
    meeting = factories.MeetingFactory(edition=fourteenth, title="Ministerial plenary")
    statement = factories.StatementFactory(
        meeting=meeting,
        delegation__state=factories.state("TJ"),
        speaker_person=komilov,
        summary="Proposed a joint programme against glacier melt.",
    )
    project = factories.ProjectFactory(forum=forum, title="Glacier monitoring network")
    assert sorted(found("glacier")) == sorted(
        [("statement", statement.pk, "en"), ("project", project.pk, "en")]
    )
    assert found("plenary") == [("meeting", meeting.pk, "en")]
    # A statement carries its speaker's name in every language the name is written in.
    assert sorted(found("Комилов")) == sorted(
        [("person", komilov.pk, "ru"), ("statement", statement.pk, "ru")]
    )
    hit = search("glacier", kinds=["statement"]).hits[0]
    assert hit.url == f"{meeting.get_absolute_url()}#statement-{statement.pk}"
    assert strip_tags(hit.title) == "Tajikistan: Sirojiddin Komilov"


# What is never found ------------------------------------------------------------------------------


def _with_text(document: OutcomeDocument, text: str) -> None:
    version = factories.DocumentVersionFactory(document=document, number=1)
    language = LanguageVersion.objects.create(version=version, language="en", title=document.title)
    Paragraph.objects.create(language_version=language, number=1, text=text)


def test_a_draft_is_never_found_and_an_adopted_document_is(forum):
    draft = factories.OutcomeDocumentFactory(forum=forum, title="Declaration on rivers")
    _with_text(draft, "The participants will share the Amu Darya zebrafish data.")
    draft.status = DocumentStatus.UNDER_NEGOTIATION
    draft.save()
    adopted = factories.OutcomeDocumentFactory(forum=forum, title="Declaration on lakes")
    _with_text(adopted, "The participants will share the Issyk-Kul zebrafish data.")

    assert found("zebrafish") == []
    assert found("Declaration") == []
    document_type = ContentType.objects.get_for_model(OutcomeDocument)
    assert SearchEntry.objects.filter(content_type=document_type).count() == 0

    document_adopt(adopted, on=dt.date(2021, 11, 30))

    assert found("zebrafish") == [("document", adopted.pk, "en")]
    assert found("Amu Darya") == []
    assert list(
        SearchEntry.objects.filter(content_type=document_type).values_list("object_id", flat=True)
    ) == [adopted.pk]


def test_a_draft_never_reaches_the_full_text_index(forum):
    draft = factories.OutcomeDocumentFactory(forum=forum, title="Confidential draft")
    _with_text(draft, "Secret zebrafish paragraph.")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'zebrafish'")
            assert cursor.fetchone()[0] == 0
    assert SearchEntry.objects.filter(body__contains="zebrafish").count() == 0


# Marks and escaping -------------------------------------------------------------------------------


def test_matches_are_marked_and_record_text_is_escaped(fourteenth):
    meeting = factories.MeetingFactory(edition=fourteenth, title="Side event <b>one</b>")
    factories.StatementFactory(
        meeting=meeting, summary='Quoted <script>alert("x")</script> in Almaty & Bishkek.'
    )
    hit = search("Almaty").hits[0]
    assert str(hit.snippet) == (
        "Quoted &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; in <mark>Almaty</mark> "
        "&amp; Bishkek."
    )
    assert str(search("event").hits[0].title) == "Side <mark>event</mark> &lt;b&gt;one&lt;/b&gt;"


def test_the_page_never_renders_record_text_as_html(client, fourteenth):
    factories.StatementFactory(
        meeting__edition=fourteenth, summary="<script>alert(1)</script> said in Almaty."
    )
    html = client.get(URL, {"q": "Almaty"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; said in <mark>Almaty</mark>." in html


def test_marks_are_closed_and_everything_else_escaped():
    assert str(marked("a \ue000<b>\ue001 c \ue000d")) == "a <mark>&lt;b&gt;</mark> c <mark>d</mark>"
    assert str(marked("\ue001x\ue000\ue000y\ue001")) == "x<mark>y</mark>"


def test_an_excerpt_starts_a_little_before_the_first_match():
    text = " ".join(f"w{i}" for i in range(100)) + " \ue000hit\ue001 " + "tail " * 60
    assert excerpt(text) == (
        "…w86 w87 w88 w89 w90 w91 w92 w93 w94 w95 w96 w97 w98 w99 \ue000hit\ue001"
        + " tail" * 35
        + "…"
    )
    assert excerpt("Short text.") == "Short text."


def test_the_query_is_read_as_words_phrases_and_exclusions():
    assert [(t.text, t.negated, t.phrase) for t in parse('Seoul "joint  statement" -draft "x')] == [
        ("Seoul", False, False),
        ("joint statement", False, True),
        ("draft", True, False),
        ("x", False, True),
    ]


# Filters ------------------------------------------------------------------------------------------


def test_filters_by_kind_forum_and_language(forum, fourteenth):
    other_forum = factories.ForumFactory(name="Central Asia plus Japan Dialogue", slug="caj")
    other = factories.EditionFactory(forum=other_forum, number=3, theme="Economic recovery too")
    meeting = factories.MeetingFactory(edition=fourteenth, title="Economic recovery session")

    assert sorted(found("recovery")) == sorted(
        [
            ("edition", fourteenth.pk, "en"),
            ("edition", other.pk, "en"),
            ("meeting", meeting.pk, "en"),
        ]
    )
    assert found("recovery", kinds=["meeting"]) == [("meeting", meeting.pk, "en")]
    assert sorted(found("recovery", forum=forum)) == sorted(
        [("edition", fourteenth.pk, "en"), ("meeting", meeting.pk, "en")]
    )
    assert found("recovery", forum=other_forum, kinds=["edition", "person"]) == [
        ("edition", other.pk, "en")
    ]
    assert found("14", language="ru") == [("edition", fourteenth.pk, "ru")]


def test_the_page_filters_by_kind_and_forum(client, forum, fourteenth):
    factories.MeetingFactory(edition=fourteenth, title="Economic recovery session")
    html = client.get(
        URL, {"q": "recovery", "kind": "meeting", "forum": forum.slug}
    ).content.decode()
    assert re.findall(r'<h3 class="search-result__title"><a href="[^"]+"[^>]*>(.*?)</a>', html) == [
        "Economic <mark>recovery</mark> session"
    ]
    assert '<input type="checkbox" name="kind" value="meeting" checked>' in html
    assert f'<option value="{forum.slug}" selected>' in html


# The page -----------------------------------------------------------------------------------------


class _Checker(HTMLParser):
    """Elements opened and closed in order; ids unique."""

    VOID = {"br", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.ids: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.append(value)
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.problems.append(f"</{tag}> closes {self.open[-1:]}")


def markup_problems(html: str) -> list[str]:
    checker = _Checker()
    checker.feed(html)
    duplicates = sorted({i for i in checker.ids if checker.ids.count(i) > 1})
    return checker.problems + [f"<{t}> never closed" for t in checker.open] + duplicates


def test_the_page_has_a_search_landmark_a_labelled_field_and_announces_the_count(
    client, fourteenth
):
    response = client.get(URL, {"q": "recovery"})
    html = response.content.decode()
    assert response.status_code == 200
    assert markup_problems(html) == []
    assert '<form class="search-form" role="search" method="get" action="/search/"' in html
    assert '<label for="search-q">Words to look for</label>' in html
    assert re.search(r'<input type="search" id="search-q" name="q" value="recovery"', html)
    assert '<div id="search-status" role="status">' in html
    assert '<p class="search-results__count">1 record matches “recovery”.</p>' in html
    assert "<title>recovery: 1 result · Search · Plenary</title>" in html
    assert (
        '<a href="/forums/kca/14/" lang="en">14th Korea–Central Asia Cooperation Forum</a>' in html
    )
    assert "Economic <mark>Recovery</mark>" in html


def test_an_empty_query_asks_for_words(client, db):
    html = client.get(URL, {"q": "  "}).content.decode()
    assert '<p class="empty">Type a word or a name to search the record.</p>' in html
    assert 'class="search-results__list"' not in html
    assert search("").total == 0


def test_a_query_too_long_is_refused_with_a_message(client, fourteenth):
    html = client.get(URL, {"q": "recovery " * 23}).content.decode()
    assert (
        '<p id="search-problem" class="notice">The search is too long: use at most 200 '
        "characters.</p>"
    ) in html
    assert 'aria-invalid="true"' in html
    assert 'class="search-results__list"' not in html


def test_no_result_says_so(client, fourteenth):
    html = client.get(URL, {"q": "zzyzx"}).content.decode()
    assert "Nothing in the public record matches “zzyzx”." in html


def test_results_come_in_pages(client, forum):
    meeting = factories.MeetingFactory(edition__forum=forum, title="Opening")
    for i in range(23):
        factories.StatementFactory(
            meeting=meeting, delegation=None, summary=f"Spoke of glaciers, point {i}."
        )
    first = client.get(URL, {"q": "glaciers"}).content.decode()
    second = client.get(URL, {"q": "glaciers", "page": "2"}).content.decode()
    assert first.count('<li class="search-result ') == 20
    assert second.count('<li class="search-result ') == 3
    assert "23 records match “glaciers”. Page 1 of 2." in first
    assert '<a href="?q=glaciers&amp;page=2" rel="next">' in first
    assert '<ol class="search-results__list" start="21">' in second
    assert client.get(URL, {"q": "glaciers", "page": "3"}).status_code == 404


def test_the_page_speaks_russian_and_korean(client, fourteenth):
    russian = client.get(URL, {"q": "recovery"}, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    korean = client.get(URL, {"q": "recovery"}, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert '<label for="search-q">Что искать</label>' in russian
    assert "Найдена 1 запись по запросу «recovery»." in russian
    assert '<label for="search-q">검색어</label>' in korean
    assert "“recovery” 검색 결과 1건" in korean


# Query count ------------------------------------------------------------------------------------


def _grow(forum, edition, person, size: int) -> None:
    """``size`` more of every kind of record, each mentioning glaciers."""
    for _ in range(size):
        meeting = factories.MeetingFactory(edition=edition, title="Glaciers session")
        factories.StatementFactory(meeting=meeting, summary="On glaciers.", speaker_person=person)
        factories.EditionFactory(forum=forum, theme="Glaciers and water")
        factories.ProjectFactory(forum=forum, description="Glaciers again.")
        person_record(
            slug=f"glaciologist-{meeting.pk}",
            name=f"Glaciologist {meeting.pk}",
            names=[(f"Гляциолог {meeting.pk}", "ru", "native")],
            note="Studies glaciers.",
        )
        document = factories.OutcomeDocumentFactory(forum=forum, edition=edition)
        _with_text(document, "Glaciers are melting.")
        document_adopt(document, on=dt.date(2021, 11, 30))


def _queries(client, params) -> int:
    assert client.get(URL, params).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured.captured_queries)


# Forums for the filter; the search (its candidates, then the marked text of the page); one query
# per kind of record on the page (all six here) for the rows shown with it.


def test_the_page_asks_the_same_number_of_queries_at_any_size(client, forum, fourteenth, komilov):
    params = {"q": "glaciers"}
    _grow(forum, fourteenth, komilov, 1)
    small = _queries(client, params)
    assert search("glaciers").total == 6
    _grow(forum, fourteenth, komilov, 2)
    large = _queries(client, params)
    assert search("glaciers").total == 18
    expected = 1 + 2 + 6
    assert (small, large) == (expected, expected)


def _plans(queries: list[dict], *settings: str) -> list[str]:
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    plans = []
    with connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(setting)
        for query in queries:
            cursor.execute(explain + query["sql"])
            plans.append(" | ".join(str(row[-1]) for row in cursor.fetchall()))
    return plans


def test_the_search_reads_the_full_text_index_never_the_whole_table(fourteenth):
    """Both queries of a search go through the full-text index; none reads every entry."""
    with CaptureQueriesContext(connection) as captured:
        assert search("recovery").total == 1
    assert len(captured.captured_queries) == 2
    if connection.vendor == "sqlite":
        plans = _plans(captured.captured_queries)
        # Each kind's candidates: the FTS index (M: match, ><: the kind's range of row ids, read
        # in row-id order); the entries by primary key.
        assert plans[0].count("SCAN search_fts VIRTUAL TABLE INDEX 192:M2><") == 6
        assert plans[0].count("SEARCH e USING INTEGER PRIMARY KEY (rowid=?)") == 6
        # The marked text of the page: the page's entries by primary key, each matched in the FTS
        # index by row id.
        assert plans[1] == (
            "SEARCH e USING INTEGER PRIMARY KEY (rowid=?) | SCAN search_fts VIRTUAL TABLE INDEX 0:=M2"
        )
        assert not any(re.search(r"SCAN (e|search_searchentry)\b", plan) for plan in plans)
    else:
        # The test's tables are tiny: forbid scanning them whole, then check that the GIN index
        # serves the match. (With a million rows the planner reads it for rare words, and the
        # kind's range of the primary key backwards, stopping early, for common ones.)
        plans = _plans(captured.captured_queries, "SET LOCAL enable_seqscan = off")
        assert not any("Seq Scan" in plan for plan in plans)
        match = {
            "sql": "SELECT id FROM search_searchentry WHERE search_vector @@ "
            "websearch_to_tsquery('simple', 'recovery')"
        }
        plans = _plans([match], "SET LOCAL enable_seqscan = off")
        assert "Bitmap Index Scan on search_entry_vector" in plans[0]


# Keeping the index fresh ------------------------------------------------------------------------


def test_saving_and_deleting_keep_the_index_fresh(fourteenth, komilov):
    fourteenth.theme = "Green growth"
    fourteenth.save()
    assert found("economic recovery") == []
    assert found("green growth") == [("edition", fourteenth.pk, "en")]

    PersonName.objects.filter(person=komilov, language="ru").delete()
    assert found("Комилов") == []
    PersonName.objects.create(person=komilov, name="Комилов Сироджиддин", language="ru")
    assert found("Комилов") == [("person", komilov.pk, "ru")]

    translation_record(fourteenth, field="theme", language="ru", text="Зелёный рост")
    assert found("Зелёный") == [("edition", fourteenth.pk, "ru")]
    assert found("восстановления") == []

    komilov.delete()
    assert found("Komilov") == []


def test_a_deferred_block_indexes_each_record_once_when_it_ends(forum, komilov, monkeypatch):
    written = []
    real = indexing.index_object

    def counting(obj):
        written.append((type(obj).__name__, obj.pk))
        return real(obj)

    monkeypatch.setattr(indexing, "index_object", counting)
    with indexing.deferred():
        edition = factories.EditionFactory(forum=forum, number=15, theme="Green growth")
        edition.city = "Astana"
        edition.save()
        translation_record(edition, field="theme", language="ru", text="Зелёный рост")
        PersonName.objects.create(person=komilov, name="Комилов С.", language="ru")
        assert found("green growth") == []
        assert found("Комилов") == [("person", komilov.pk, "ru")]  # the earlier form

    assert written == [("Edition", edition.pk), ("Person", komilov.pk)]
    assert found("green growth") == [("edition", edition.pk, "en")]
    assert found("Зелёный") == [("edition", edition.pk, "ru")]
    before = indexing.snapshot()
    indexing.rebuild()
    assert indexing.snapshot() == before


def test_an_error_inside_a_transaction_leaves_nothing_of_a_deferred_block(forum):
    from django.db import transaction

    def load_and_fail():
        with transaction.atomic(), indexing.deferred():
            factories.EditionFactory(forum=forum, number=16, theme="Green growth")
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        load_and_fail()
    assert found("green growth") == []


def test_renaming_a_forum_renames_its_editions_in_the_index(forum, fourteenth):
    translation_record(forum, field="short_name", language="ru", text="Форум «Корея – ЦА»")
    assert titles("восстановления") == ["14-й Форум «Корея – ЦА»"]


def test_rebuild_writes_what_the_signals_wrote(forum, fourteenth, komilov):
    _grow(forum, fourteenth, komilov, 2)
    translation_record(fourteenth, field="city", language="ru", text="Душанбе")
    written = indexing.snapshot()
    out = io.StringIO()

    call_command("search_index", "--rebuild", stdout=out)

    assert indexing.snapshot() == written
    assert len(written) == SearchEntry.objects.count() > 30
    assert "Search index rebuilt:" in out.getvalue()
    assert "edition: 3 of 3" in out.getvalue()
    # The full-text index is whole and kept fresh again after a rebuild.
    assert found("Душанбе") == [("edition", fourteenth.pk, "ru")]
    fourteenth.theme = "Green growth"
    fourteenth.save()
    assert found("green growth") == [("edition", fourteenth.pk, "en")]
    assert found("economic recovery") == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for table in ("search_fts", "search_fts_words"):
                cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")


@pytest.mark.django_db
def test_the_demo_leaves_a_full_index():
    call_command("demo", stdout=io.StringIO())
    written = indexing.snapshot()
    kinds = {row[0] for row in written}

    indexing.rebuild()

    assert indexing.snapshot() == written
    assert kinds == {"edition", "meeting", "statement", "document", "person", "project"}
    assert found("Мухриддин")[0][0] == "person"
    assert found("정의용")[0][0] == "person"
    assert found("Dushanbe", kinds=["edition"])[0][2] == "en"
    # The practice draft under negotiation is in the demo, and not in the index.
    drafts = OutcomeDocument.objects.exclude(status=DocumentStatus.ADOPTED)
    assert drafts.exists()
    assert not SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(OutcomeDocument),
        object_id__in=drafts.values("pk"),
    ).exists()
