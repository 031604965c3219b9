"""Full-text search over the index, in the database's own machinery: SQLite FTS5 by default,
PostgreSQL full-text search when on PostgreSQL. ``search()`` is the one entry point.

The query is read the same way on both: words must all match (in any order), ``"a phrase"`` matches
as written, ``-word`` excludes. Matching ignores case and needs no stemmer, so Russian and Korean
work as well as English:

- SQLite matches substrings of three characters or more through a trigram index (``Комилов`` finds
  ``Комилова``, ``코밀로프`` finds ``코밀로프는``). A shorter term (``14``, ``서울``), which a
  trigram index cannot look up, matches the start of a word through a second FTS5 index (unicode61
  words, with one- and two-character prefix indexes): still an index lookup, where a LIKE would
  read every row.
- PostgreSQL matches ``websearch_to_tsquery('simple', ...)`` and, for a query of plain words, any
  word starting with each of them (``'комилов':*``), which covers Russian endings and Korean
  particles; the GIN index serves both.

A record has one entry per language. A record whose entries match in several languages is listed
once: ranked by its best entry, shown in the reader's language if that entry matches, else in
English, else in the best matching one. Matches are marked with ``<mark>``: the database marks them
with two private-use characters, the text is escaped, and only then do the characters become tags,
so no text of the record is ever taken as HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models.expressions import Col, Expression
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from plenary.search.enums import MAX_QUERY_LENGTH, TRIGRAM, SearchKind, kind_range

# Marks put around matches by the database, turned into <mark> after escaping. Indexed text never
# holds them (``indexing.clean`` removes them).
START = "\ue000"
STOP = "\ue001"
ELLIPSIS = "…"
# The excerpt of the text shown under a result: about this many characters, from a little before
# the first match.
EXCERPT = 240
BEFORE = 60
TITLE_WEIGHT = 4.0
# At most this many matching entries of each kind are ranked, those of the most recent records:
# however common the words, a search reads a bounded part of the index.
CANDIDATES = 1000
SOURCE = "en"

TABLE = "search_searchentry"


@dataclass(frozen=True)
class Hit:
    entry_id: int
    kind: str
    language: str
    url: str
    forum_id: int | None
    object_id: int
    title: SafeString  # escaped, with <mark> around the matches
    snippet: SafeString
    score: float  # higher is better; comparable within one search only


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    total: int  # records found (each once, whatever the number of its matching languages)
    # More entries match than the search ranks: ``total`` counts the records among the ranked
    # candidates only (``CANDIDATES``), and there are more.
    capped: bool = False


@dataclass(frozen=True)
class Term:
    text: str
    negated: bool = False
    phrase: bool = False

    @property
    def short(self) -> bool:
        return len(self.text) < TRIGRAM

    @property
    def has_word(self) -> bool:
        return bool(re.search(r"\w", self.text))


_TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ue000\ue001]")


def normalize(query: str) -> str:
    """The query as searched: control characters and our marks removed, spaces collapsed, at most
    ``MAX_QUERY_LENGTH`` characters."""
    return " ".join(_CONTROL.sub(" ", query or "").split())[:MAX_QUERY_LENGTH]


def parse(query: str) -> list[Term]:
    """``Seoul "joint statement" -draft`` → the words, phrases and exclusions of the query."""
    terms = []
    for match in _TERM.finditer(normalize(query)):
        if match.group(2) is not None:
            negated, text, phrase = match.group(1) == "-", " ".join(match.group(2).split()), True
        else:
            negated, text, phrase = match.group(3) == "-", match.group(4), False
        if text:
            terms.append(Term(text=text, negated=negated, phrase=phrase))
    return terms


@dataclass(frozen=True)
class _Filters:
    language: str | None
    forum_id: int | None
    kinds: list[str]
    prefer: str  # the language a record is shown in when several of its entries match


def search(
    query: str,
    *,
    language: str | None = None,
    forum=None,
    kinds: Iterable[str] | None = None,
    limit: int = 20,
    offset: int = 0,
    prefer_language: str | None = None,
) -> Results:
    """The public records matching ``query``, best first, ``limit`` of them from ``offset``.

    ``language`` keeps entries in that language; ``forum`` (a forum or its id) and ``kinds``
    (``SearchKind`` values) narrow the records; ``prefer_language`` (the active language when not
    given) is the language a record is shown in when it matches in several.

    Ranking reads at most ``CANDIDATES`` matching entries of each kind, those of its most recent
    records, and scores each from its own text (a match in the title counts four times one in the
    text, which counts less in a long text; ``ts_rank`` with titles weighted A on PostgreSQL).
    When more match, ``Results.capped`` says so and ``total`` counts the records among those
    ranked. Two queries: the candidates with their scores, then the marked text of the page.
    """
    terms = parse(query)
    if not any(not term.negated for term in terms):
        return Results([], 0)
    filters = _Filters(
        language=language or None,
        forum_id=getattr(forum, "pk", forum) or None,
        kinds=[kind for kind in SearchKind.values if kind in set(kinds or ())],
        prefer=prefer_language or translation.get_language() or SOURCE,
    )
    limit = max(1, min(int(limit), 100))
    offset = max(0, int(offset))
    vendor = connection.vendor
    if vendor == "sqlite":
        return _sqlite_search(terms, filters, limit, offset)
    if vendor == "postgresql":
        return _postgresql_search(query, terms, filters, limit, offset)
    raise ImproperlyConfigured(f"Search needs SQLite or PostgreSQL, not {vendor}.")


def marked(text: str, *, lines: str = " ") -> SafeString:
    """``text`` escaped, with the database's marks turned into ``<mark>`` elements (closed, never
    nested) and line breaks into ``lines``."""
    out, open_ = [], False
    for piece in re.split(f"([{START}{STOP}\n])", text or ""):
        if piece == START:
            if not open_:
                out.append("<mark>")
                open_ = True
        elif piece == STOP:
            if open_:
                out.append("</mark>")
                open_ = False
        elif piece == "\n":
            out.append(str(escape(lines)))
        elif piece:
            out.append(str(escape(piece)))
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def excerpt(text: str, *, width: int = EXCERPT, before: int = BEFORE) -> str:
    """About ``width`` characters of marked ``text`` from a little before its first match (from
    its start when nothing in it matched), cut between words, with ``…`` where it was cut."""
    text = (text or "").strip()
    if len(text) <= width:
        return text
    first = text.find(START)
    start = max(0, first - before) if first >= 0 else 0
    if start:
        space = text.find(" ", start, first if first >= 0 else None)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start + width // 2, end)
        end = space if space >= 0 else end
    return (
        (ELLIPSIS if start else "")
        + text[start:end].strip()
        + (ELLIPSIS if end < len(text) else "")
    )


# Kinds in the order in which records of equal score are listed.
_TIE_ORDER = ["edition", "meeting", "document", "person", "project", "statement"]


@dataclass(frozen=True)
class _Ranked:
    records: list[tuple[int, float]]  # (entry id, score) of one entry per record, best first
    capped: bool  # some kind had more matches than were ranked


def _rank(candidates: list[tuple], filters: _Filters) -> _Ranked:
    """One entry per record among the candidates ``(id, kind, content type, object id, language,
    score)``: the record scores as its best entry and is shown in the reader's language if that
    entry matched, else in English, else in its best one. Best first; on a tie, editions before
    meetings, documents, people, projects and statements, and the newest record first."""
    by_record: dict[tuple[int, int], list[tuple]] = {}
    per_kind: dict[str, int] = {}
    for row in candidates:
        by_record.setdefault((row[2], row[3]), []).append(row)
        per_kind[row[1]] = per_kind.get(row[1], 0) + 1

    def preference(row: tuple) -> tuple:
        language = row[4]
        return (language != filters.prefer, language != SOURCE, -row[5], row[0])

    ranked = []
    for rows in by_record.values():
        shown = min(rows, key=preference)
        best = max(row[5] for row in rows)
        ranked.append((-best, _TIE_ORDER.index(shown[1]), -shown[0], shown[0], best))
    ranked.sort()
    records = [(pk, best) for *_, pk, best in ranked]
    return _Ranked(records, any(count >= CANDIDATES for count in per_kind.values()))


def _hit(row: dict, score: float) -> Hit:
    return Hit(
        entry_id=row["id"],
        kind=row["kind"],
        language=row["language"],
        url=row["url"],
        forum_id=row["forum_id"],
        object_id=row["object_id"],
        title=marked(row["title"]),
        snippet=marked(excerpt(row["body"]), lines=" · "),
        score=score,
    )


# SQLite FTS5 -------------------------------------------------------------------------------------
# The SQL below is put together from constants only (table names, placeholders); every value that
# comes from the reader's query is passed as a parameter.


def _fts_phrase(term: Term, *, prefix: bool) -> str:
    """One term as an FTS5 string (double quotes doubled); ``prefix`` matches word starts."""
    return '"' + term.text.replace('"', '""') + '"' + ("*" if prefix else "")


@dataclass(frozen=True)
class _Plan:
    table: str  # the FTS table whose index drives the query
    expression: str  # its MATCH expression
    conditions: list[str]  # conditions for the terms that table cannot look up
    params: list


def _sqlite_plan(terms: list[Term]) -> _Plan:
    long_positive = [t for t in terms if not t.negated and not t.short]
    long_negative = [t for t in terms if t.negated and not t.short]
    short_positive = [t for t in terms if not t.negated and t.short and t.has_word]
    short_negative = [t for t in terms if t.negated and t.short and t.has_word]
    conditions: list[str] = []
    params: list = []

    def exists(table: str, phrases: list[str], *, negated: bool) -> None:
        sql = f"EXISTS (SELECT 1 FROM {table} WHERE {table} MATCH %s AND {table}.rowid = e.id)"  # noqa: S608
        conditions.append(f"NOT {sql}" if negated else sql)
        params.append(" OR ".join(phrases) if negated else " AND ".join(phrases))

    def expression(positive: list[str], negative: list[str]) -> str:
        return f"({' AND '.join(positive)})" + "".join(f" NOT {phrase}" for phrase in negative)

    if long_positive:
        table = "search_fts"
        match = expression(
            [_fts_phrase(t, prefix=False) for t in long_positive],
            [_fts_phrase(t, prefix=False) for t in long_negative],
        )
        if short_positive:
            phrases = [_fts_phrase(t, prefix=True) for t in short_positive]
            exists("search_fts_words", phrases, negated=False)
        if short_negative:
            phrases = [_fts_phrase(t, prefix=True) for t in short_negative]
            exists("search_fts_words", phrases, negated=True)
    else:
        table = "search_fts_words"
        match = expression(
            [_fts_phrase(t, prefix=True) for t in short_positive],
            [_fts_phrase(t, prefix=True) for t in short_negative],
        )
        if long_negative:
            phrases = [_fts_phrase(t, prefix=False) for t in long_negative]
            exists("search_fts", phrases, negated=True)
    return _Plan(table, match, conditions, params)


def _sqlite_search(terms: list[Term], filters: _Filters, limit: int, offset: int) -> Results:
    if not any(not t.negated and (not t.short or t.has_word) for t in terms):
        return Results([], 0)
    plan = _sqlite_plan(terms)
    table = plan.table
    where = [f"{table} MATCH %s", f"{table}.rowid BETWEEN %s AND %s", "e.public"]
    params: list = []
    if filters.language:
        where.append("e.language = %s")
        params.append(filters.language)
    if filters.forum_id:
        where.append("e.forum_id = %s")
        params.append(filters.forum_id)
    where.extend(plan.conditions)
    params.extend(plan.params)
    # A match scores four for each match in the title and one for each in the text, the latter
    # weighed down in long texts. (bm25() would first count every row holding each term: a full
    # read of the index for a common word.) highlight() adds one mark per match, so the number
    # of matches is the length it adds.
    score = (
        f"(length(highlight({table}, 0, %s, '')) - length(e.title)) * {TITLE_WEIGHT} + "
        f"(length(highlight({table}, 1, %s, '')) - length(e.body)) "
        "/ (1.0 + length(e.body) / 1000.0)"
    )
    # For each kind, its most recent matching records: the index is read in row-id order, newest
    # first, within the kind's range of ids, and stops after CANDIDATES rows.
    of_kind = (
        "SELECT * FROM (SELECT e.id, e.kind, e.content_type_id, e.object_id, e.language, "  # noqa: S608
        f"{score} FROM {table} JOIN {TABLE} AS e ON e.id = {table}.rowid "
        f"WHERE {' AND '.join(where)} ORDER BY {table}.rowid DESC LIMIT {CANDIDATES})"
    )
    kinds = filters.kinds or SearchKind.values
    candidates_params: list = []
    for kind in kinds:
        candidates_params += [START, START, plan.expression, *kind_range(kind), *params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join([of_kind] * len(kinds)), candidates_params)
        ranked = _rank(cursor.fetchall(), filters)
        page = ranked.records[offset : offset + limit]
        if not page:
            return Results([], len(ranked.records), ranked.capped)
        ids = [pk for pk, _ in page]
        cursor.execute(
            "SELECT e.id, e.kind, e.language, e.url, e.forum_id, e.object_id, "  # noqa: S608
            f"highlight({table}, 0, %s, %s) AS title, highlight({table}, 1, %s, %s) AS body "
            f"FROM {table} JOIN {TABLE} AS e ON e.id = {table}.rowid "
            f"WHERE {table} MATCH %s AND {table}.rowid IN ({', '.join(['%s'] * len(ids))})",
            [START, STOP, START, STOP, plan.expression, *ids],
        )
        columns = [column[0] for column in cursor.description]
        rows = {row[0]: dict(zip(columns, row, strict=True)) for row in cursor.fetchall()}
    hits = [_hit(rows[pk], score) for pk, score in page if pk in rows]
    return Results(hits, len(ranked.records), ranked.capped)


# PostgreSQL --------------------------------------------------------------------------------------


class GeneratedVector(Expression):
    """The column ``search_vector`` of the entries' table, generated by PostgreSQL (migration
    0002). The model does not declare it, so that Django never writes it; this expression reads it
    as a column of the query's own table, whatever alias a subquery gives that table."""

    def resolve_expression(self, query=None, *args, **kwargs):
        from django.contrib.postgres.search import SearchVectorField

        from plenary.search.models import SearchEntry

        column = SearchVectorField()
        column.set_attributes_from_name("search_vector")
        column.model = SearchEntry
        return Col(query.get_initial_alias(), column)


def _words_query(terms: list[Term]) -> str:
    """A raw tsquery in which every word of a plain query matches as a word start:
    ``'комилов':* & !'draft'``. Empty when the query has a phrase or no word to look for."""
    if any(term.phrase for term in terms):
        return ""
    parts = []
    for term in terms:
        words = re.findall(r"\w+", term.text.lower())
        parts.extend(f"!'{word}'" if term.negated else f"'{word}':*" for word in words)
    if not any(not part.startswith("!") for part in parts):
        return ""
    return " & ".join(parts)


def _postgresql_search(
    query: str, terms: list[Term], filters: _Filters, limit: int, offset: int
) -> Results:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    from plenary.search.models import SearchEntry

    tsquery = SearchQuery(normalize(query), search_type="websearch", config="simple")
    words = _words_query(terms)
    if words:
        tsquery = tsquery | SearchQuery(words, search_type="raw", config="simple")
    vector = GeneratedVector()

    matches = SearchEntry.objects.filter(public=True)
    if filters.language:
        matches = matches.filter(language=filters.language)
    if filters.forum_id:
        matches = matches.filter(forum_id=filters.forum_id)
    matches = matches.alias(vector=vector).filter(vector=tsquery)
    # For each kind, its most recent matching records: at most CANDIDATES of them, newest first
    # within the kind's range of ids; each ranked by ts_rank (which, unlike bm25, needs nothing
    # but the row itself).
    kinds = filters.kinds or SearchKind.values
    of_kind = [
        matches.filter(id__range=kind_range(kind))
        .annotate(score=SearchRank(vector, tsquery))
        .order_by("-id")
        .values_list("id", "kind", "content_type_id", "object_id", "language", "score")[:CANDIDATES]
        for kind in kinds
    ]
    candidates = of_kind[0].union(*of_kind[1:], all=True) if len(of_kind) > 1 else of_kind[0]
    ranked = _rank(list(candidates), filters)
    page = ranked.records[offset : offset + limit]
    if not page:
        return Results([], len(ranked.records), ranked.capped)
    marks = {"start_sel": START, "stop_sel": STOP, "config": "simple", "highlight_all": True}
    rows = (
        SearchEntry.objects.filter(pk__in=[pk for pk, _ in page])
        .annotate(
            title_marked=SearchHeadline("title", tsquery, **marks),
            body_marked=SearchHeadline("body", tsquery, **marks),
        )
        .values(
            "id", "kind", "language", "url", "forum_id", "object_id", "title_marked", "body_marked"
        )
    )
    by_id = {
        row["id"]: {**row, "title": row["title_marked"], "body": row["body_marked"]} for row in rows
    }
    hits = [_hit(by_id[pk], score) for pk, score in page if pk in by_id]
    return Results(hits, len(ranked.records), ranked.capped)
