"""The reads behind the search page: the forums to filter by, one page of results, and what each
result needs to say where it belongs (the edition of a meeting, the meeting of a statement), in a
fixed number of queries whatever the number of results."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.utils import translation

from plenary.common.l10n import language_name
from plenary.common.translations import localized
from plenary.documents.models import OutcomeDocument
from plenary.forums.models import Edition, Forum
from plenary.meetings.models import Meeting, Statement
from plenary.people.models import Person
from plenary.projects.models import Project
from plenary.search import backends
from plenary.search.enums import MAX_QUERY_LENGTH, SearchKind
from plenary.search.indexing import edition_title, url_of

PER_PAGE = 20

# The rows each kind of result is shown with, and what they name (one query per kind present).
_RECORDS = {
    SearchKind.EDITION: lambda: Edition.objects.select_related("forum"),
    SearchKind.MEETING: lambda: Meeting.objects.select_related("edition__forum"),
    SearchKind.STATEMENT: lambda: Statement.objects.select_related("meeting__edition__forum"),
    SearchKind.DOCUMENT: lambda: OutcomeDocument.objects.select_related(
        "forum", "kind", "edition__forum"
    ),
    SearchKind.PERSON: lambda: Person.objects.all(),
    SearchKind.PROJECT: lambda: Project.objects.select_related("forum"),
}


_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def script_language(text: str, default: str) -> str:
    """The language to declare for ``text``: Korean for Hangul, Russian for Cyrillic, else
    ``default``."""
    if _HANGUL.search(text):
        return "ko"
    if _CYRILLIC.search(text):
        return "ru"
    return default


@dataclass(frozen=True)
class Result:
    hit: backends.Hit
    kind_label: str
    record: Any  # the edition, meeting, statement, document, person or project
    url: str  # its page, from the record itself
    forum_name: str
    edition_name: str  # the edition the record belongs to, in the reader's language
    language_name: str  # the language of the matching text, when not the reader's
    title_language: str  # the language of the title (a record not translated keeps its English)


def forum_name(forum: Forum | None) -> str:
    """The forum's short name (else its name) in the reader's language."""
    if forum is None:
        return ""
    return localized(forum, "short_name").text or localized(forum, "name").text


def edition_name(edition: Edition | None) -> str:
    """``14th Korea–Central Asia Forum``, ``14-й Форум «Корея – Центральная Азия»``."""
    if edition is None:
        return ""
    return edition_title(
        edition.number, forum_name(edition.forum), translation.get_language() or "en"
    )


def _edition_of(record) -> Edition | None:
    if isinstance(record, Edition):
        return None
    if isinstance(record, Meeting):
        return record.edition
    if isinstance(record, Statement):
        return record.meeting.edition
    if isinstance(record, OutcomeDocument):
        return record.edition if record.edition_id else None
    return None


def _records(hits: list[backends.Hit]) -> dict[tuple[str, int], Any]:
    wanted: dict[str, set[int]] = {}
    for hit in hits:
        wanted.setdefault(hit.kind, set()).add(hit.object_id)
    found = {}
    for kind, ids in wanted.items():
        for record in _RECORDS[kind]().filter(pk__in=ids):
            found[(kind, record.pk)] = record
    return found


def language_choices() -> list[tuple[str, str]]:
    """The interface languages, each named in its own language (as the switcher names them)."""
    return [
        (code, translation.get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES
    ]


def search_page(
    *,
    query: str,
    kinds: list[str],
    forum_slug: str,
    language: str,
    page: int,
) -> dict[str, Any]:
    """Everything the search page shows.

    An empty query searches nothing; a query longer than ``MAX_QUERY_LENGTH`` is refused with a
    message rather than cut. Unknown kinds, forums and languages are ignored. A page past the last
    one answers 404.
    """
    query = " ".join((query or "").split())
    kinds = [kind for kind in SearchKind.values if kind in set(kinds)]
    forums = sorted(Forum.objects.all(), key=lambda forum: (forum.is_demo, forum_name(forum)))
    forum = next((f for f in forums if f.slug == forum_slug), None)
    languages = language_choices()
    language = language if language in dict(languages) else ""
    context: dict[str, Any] = {
        "query": query,
        "kinds": kinds,
        "kind_choices": SearchKind.choices,
        "forums": [(f.slug, forum_name(f)) for f in forums],
        "forum": forum,
        "language": language,
        "language_choices": languages,
        "max_length": MAX_QUERY_LENGTH,
        "problem": "",
        "searched": False,
        "results": [],
        "total": 0,
        "capped": False,
        "page": 1,
        "pages": 0,
    }
    if not query:
        context["problem"] = "empty"
        return context
    if len(query) > MAX_QUERY_LENGTH:
        context["problem"] = "too_long"
        return context
    page = max(1, page)
    found = backends.search(
        query,
        language=language or None,
        forum=forum,
        kinds=kinds,
        limit=PER_PAGE,
        offset=(page - 1) * PER_PAGE,
    )
    pages = math.ceil(found.total / PER_PAGE)
    if page > 1 and page > pages:
        raise Http404("There is no such page of results.")
    records = _records(found.hits)
    forum_names = {f.pk: forum_name(f) for f in forums}
    reader = translation.get_language() or "en"
    results = []
    for hit in found.hits:
        record = records.get((hit.kind, hit.object_id))
        if record is None:  # deleted since it was indexed
            continue
        results.append(
            Result(
                hit=hit,
                kind_label=str(SearchKind(hit.kind).label),
                record=record,
                url=url_of(record),
                forum_name=forum_names.get(hit.forum_id, ""),
                edition_name=edition_name(_edition_of(record)),
                language_name="" if hit.language == reader else language_name(hit.language),
                # A title in Latin letters in a Russian or Korean entry is the English record's.
                title_language=script_language(
                    str(hit.title), "en" if hit.language in ("ru", "ko") else hit.language
                ),
            )
        )
    params = [("q", query), *(("kind", kind) for kind in kinds)]
    params += [("forum", forum.slug)] if forum else []
    params += [("language", language)] if language else []
    context.update(
        pager_query=urlencode(params),
        searched=True,
        results=results,
        total=found.total,
        capped=found.capped,
        page=page,
        pages=pages,
        first=(page - 1) * PER_PAGE + 1,
    )
    return context
