"""What the search index holds for each record, and the writes that keep it so.

Indexed records: editions, meetings, statements, outcome documents, people and projects. Each has
an entry in English (the record) and one per other interface language in which there is something
to find: the translations of its fields (``common.Translation``), a person's name forms in that
language (``people.PersonName``), an adopted document's language version, and, for editions,
meetings and projects, the names of their states in that language (through
``forums.naming.state_name``: the forum's usage where recorded, CLDR otherwise).

Only what the public pages show is indexed. A document is indexed only when an anonymous reader
may read it (``documents.view_document``: adopted or withdrawn), and only its adopted text: drafts
and documents under negotiation or silence never enter the index, so no query can reach them.

``index_object`` writes the entries of one record (and nothing when nothing changed),
``remove_object`` deletes them, ``rebuild`` writes the whole index again. The signals connected in
``SearchConfig.ready`` call them on every save and delete of an indexed record or of what its
entries are made of (a translation, a name form, a post held, a proposal, an adopted text).
Inside ``deferred()`` (a bulk load) the saves only note which records changed, and each of them is
indexed once when the block ends.

An entry holds its record's own text and few labels of other rows, each kept fresh: an edition's
title holds its forum's name (its editions are re-indexed when the forum or a translation of its
name is saved), a statement's title its speaker's name (the person's statements are re-indexed
when the name changes). State names are taken as they are when the record is indexed; a changed
``StateName`` reaches the index with the record's next save or ``plenary search_index --rebuild``.
Where a record belongs (the meeting of a statement, the edition of a meeting) is not indexed: the
page reads it from the records themselves.
"""

from __future__ import annotations

import contextvars
import importlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext

from plenary.common.models import Translation
from plenary.documents.enums import VersionStatus
from plenary.documents.models import DocumentVersion, LanguageVersion, OutcomeDocument
from plenary.documents.rules import can_view_document
from plenary.forums import naming
from plenary.forums.models import Edition, Forum, ordinal
from plenary.meetings.models import Meeting, Statement
from plenary.people.models import Person, PersonName
from plenary.projects.models import Project
from plenary.search.backends import START, STOP
from plenary.search.enums import SearchKind, entry_id
from plenary.search.models import SearchEntry

SOURCE = "en"
CHUNK = 500


def languages() -> list[str]:
    """The interface languages, English first."""
    codes = [code for code, _ in settings.LANGUAGES]
    return [SOURCE, *[code for code in codes if code != SOURCE]]


def clean(text) -> str:
    """Text as indexed: without NUL and the private-use characters that mark matches."""
    return str(text or "").replace("\x00", "").replace(START, "").replace(STOP, "").strip()


def _join(parts: Iterable) -> str:
    """Non-empty parts, once each, one per line."""
    seen: list[str] = []
    for part in parts:
        text = clean(part)
        if text and text not in seen:
            seen.append(text)
    return "\n".join(seen)


# Translations, read from the database (never from a per-process cache, which another process may
# have left stale) ---------------------------------------------------------------------------------


@dataclass
class Lookup:
    """Translations of record fields, loaded per model and primary key, kept for one indexing run.

    ``prime`` loads many at once (``rebuild`` does so per chunk); otherwise each record's
    translations cost one query the first time they are asked for.
    """

    loaded: dict[tuple[int, int], dict[str, dict[str, str]]] = field(default_factory=dict)
    # Content types loaded whole: a row missing from ``loaded`` has no translation.
    whole: set[int] = field(default_factory=set)

    def prime(self, model: type[models.Model], ids: Iterable[int] | None = None) -> None:
        content_type = ContentType.objects.get_for_model(model)
        if content_type.pk in self.whole:
            return
        rows = Translation.objects.filter(content_type=content_type)
        if ids is not None:
            ids = [pk for pk in ids if (content_type.pk, pk) not in self.loaded]
            if not ids:
                return
            rows = rows.filter(object_id__in=ids)
            for pk in ids:
                self.loaded[(content_type.pk, pk)] = {}
        for object_id, field_name, language, text in rows.values_list(
            "object_id", "field", "language", "text"
        ):
            by_language = self.loaded.setdefault((content_type.pk, object_id), {})
            by_language.setdefault(language, {})[field_name] = text
        if ids is None:
            self.whole.add(content_type.pk)

    def of(self, obj: models.Model | None) -> dict[str, dict[str, str]]:
        """``{language: {field: text}}`` of ``obj``'s translatable fields."""
        if obj is None or obj.pk is None or not getattr(obj, "translatable_fields", ()):
            return {}
        content_type = ContentType.objects.get_for_model(obj)
        key = (content_type.pk, obj.pk)
        if key not in self.loaded:
            if content_type.pk in self.whole:
                return {}
            self.prime(type(obj), [obj.pk])
        return self.loaded.get(key, {})

    def text(self, obj: models.Model | None, field_name: str, language: str) -> str:
        """``obj.<field>`` in ``language``: the record itself in English, else the translation or
        ``""``."""
        if obj is None:
            return ""
        if language == SOURCE:
            return str(getattr(obj, field_name, "") or "")
        if field_name not in getattr(obj, "translatable_fields", ()):
            return ""
        return self.of(obj).get(language, {}).get(field_name, "")

    def text_or_source(self, obj: models.Model | None, field_name: str, language: str) -> str:
        return self.text(obj, field_name, language) or self.text(obj, field_name, SOURCE)

    def own_languages(self, obj: models.Model) -> set[str]:
        """Languages in which ``obj`` has at least one translated field."""
        return {language for language, fields in self.of(obj).items() if fields}


# Labels per language ------------------------------------------------------------------------------


def state_label(state, language: str) -> str:
    return naming.state_name(state, language) if state is not None else ""


FORUM_LABELS = ("short_name", "name")


def forum_label(forum: Forum, language: str, look: Lookup) -> str:
    return (
        look.text(forum, "short_name", language)
        or look.text(forum, "name", language)
        or forum.short_name
        or forum.name
    )


def edition_title(number: int, forum_name: str, language: str) -> str:
    """``14th Korea–Central Asia Forum``, ``14-й Форум «Корея – Центральная Азия»``,
    ``제14차 한-중앙아 포럼``."""
    if language == "ru":
        return f"{number}-й {forum_name}"
    if language == "ko":
        return f"제{number}차 {forum_name}"
    return f"{ordinal(number)} {forum_name}"


def edition_label(edition: Edition, language: str, look: Lookup) -> str:
    return edition_title(edition.number, forum_label(edition.forum, language, look), language)


def person_label(person: Person | None, language: str) -> str:
    """The person's name form in ``language`` (from prefetched ``names``), else the record's."""
    if person is None:
        return ""
    if language != SOURCE:
        for name in _names_in(person, language):
            return name.name
    return person.name


_NAME_ORDER = {"native": 0, "transliteration": 1, "romanization": 2, "alias": 3}


def _names_in(person: Person, language: str) -> list[PersonName]:
    """Name forms of ``person`` that belong to the entry in ``language``: the form's own language
    when it is an interface language, English for forms with no or another language."""
    interface = set(languages())
    found = [
        name
        for name in person.names.all()
        if (name.language if name.language in interface else SOURCE) == language
    ]
    return sorted(found, key=lambda name: (_NAME_ORDER.get(name.kind, 9), name.name))


def _translatable(obj) -> tuple[str, ...]:
    """The fields of ``obj`` that may be translated (none for models that list none yet), less
    its title, which is the entry's title."""
    return tuple(name for name in getattr(obj, "translatable_fields", ()) if name != "title")


# What each kind of record puts in its entries ----------------------------------------------------


@dataclass(frozen=True)
class Text:
    language: str
    title: str
    body: str


@dataclass(frozen=True)
class Indexed:
    """How one model is indexed: its kind, the rows to index, what it is made of, where it is."""

    kind: str
    model: type[models.Model]
    queryset: Callable[[], models.QuerySet]
    texts: Callable[[models.Model, Lookup], list[Text]]
    forum_id: Callable[[models.Model], int | None]
    url: Callable[[models.Model], str]
    public: Callable[[models.Model], bool] = lambda obj: True


def _localized_texts(
    obj: models.Model,
    look: Lookup,
    *,
    always: bool,
    own: set[str],
    build: Callable[[str], tuple[str, list]],
) -> list[Text]:
    """An entry per language: English always; another language when ``always`` or when the record
    has text of its own in it (``own``). ``build(language)`` gives the title and the body parts,
    and runs with that language active."""
    texts = []
    for language in languages():
        if language != SOURCE and not always and language not in own:
            continue
        with translation.override(language):
            title, parts = build(language)
        title, body = clean(title), _join(parts)
        if title or body:
            texts.append(Text(language, title, body))
    return texts


def _edition_texts(edition: Edition, look: Lookup) -> list[Text]:
    def build(language: str) -> tuple[str, list]:
        return edition_label(edition, language, look), [
            *(look.text(edition, name, language) for name in _translatable(edition)),
            state_label(edition.host_state, language),
            state_label(edition.chair_state, language),
            edition.start_date.year if edition.start_date else "",
        ]

    return _localized_texts(edition, look, always=True, own=set(), build=build)


def _meeting_texts(meeting: Meeting, look: Lookup) -> list[Text]:
    def build(language: str) -> tuple[str, list]:
        return look.text_or_source(meeting, "title", language), [
            *(look.text(meeting, name, language) for name in _translatable(meeting)),
            state_label(meeting.state, language),
            meeting.summary if language == SOURCE else "",
            meeting.local_date.year if meeting.local_date else "",
        ]

    return _localized_texts(meeting, look, always=True, own=set(), build=build)


def _speaker(statement: Statement, language: str) -> str:
    """``Tajikistan: Sirojiddin Muhriddin``, ``Таджикистан: Сироджиддин Мухриддин``."""
    state = statement.delegation.state if statement.delegation_id else None
    who = [state_label(state, language)]
    if statement.speaker_person_id:
        who.append(person_label(statement.speaker_person, language))
    elif statement.speaker_post_id and language == SOURCE:
        who.append(str(statement.speaker_post))
    return ": ".join(part for part in who if part)


def _statement_texts(statement: Statement, look: Lookup) -> list[Text]:
    own = look.own_languages(statement)
    if statement.speaker_person_id:
        own |= {
            language for language in languages() if _names_in(statement.speaker_person, language)
        }

    def build(language: str) -> tuple[str, list]:
        english = language == SOURCE
        return _speaker(statement, language) or gettext("Statement"), [
            *(look.text(statement, name, language) for name in _translatable(statement)),
            statement.summary if english else "",
            *(proposal.text for proposal in statement.proposals.all() if english),
            statement.symbol if english else "",
        ]

    return _localized_texts(statement, look, always=False, own=own, build=build)


def _adopted_version(document: OutcomeDocument) -> DocumentVersion | None:
    adopted = [v for v in document.versions.all() if v.status == VersionStatus.ADOPTED]
    return adopted[-1] if adopted else None


def _document_texts(document: OutcomeDocument, look: Lookup) -> list[Text]:
    version = _adopted_version(document)
    texts = {lv.language: lv for lv in version.languages.all()} if version else {}
    own = look.own_languages(document) | set(texts)

    def build(language: str) -> tuple[str, list]:
        english = language == SOURCE
        text = texts.get(language)
        title = look.text(document, "title", language) or (text.title if text else document.title)
        return title, [
            *(look.text(document, name, language) for name in _translatable(document)),
            document.symbol if english else "",
            document.summary if english else "",
            document.adopted_on.year if document.adopted_on and english else "",
            *((text.title, *(p.text for p in text.paragraphs.all())) if text else ()),
        ]

    return _localized_texts(document, look, always=False, own=own, build=build)


def _person_texts(person: Person, look: Lookup) -> list[Text]:
    own = {language for language in languages() if _names_in(person, language)}

    def build(language: str) -> tuple[str, list]:
        names = [name.name for name in _names_in(person, language)]
        if language == SOURCE:
            posts = [str(tenure.post) for tenure in person.tenures.all()]
            return person.name, [*names, person.note, *posts]
        return (names[0] if names else person.name), names[1:]

    return _localized_texts(person, look, always=False, own=own, build=build)


def _project_texts(project: Project, look: Lookup) -> list[Text]:
    def build(language: str) -> tuple[str, list]:
        english = language == SOURCE
        return look.text_or_source(project, "title", language), [
            *(look.text(project, name, language) for name in _translatable(project)),
            project.description if english else "",
            *(state_label(state, language) for state in project.proposing_states.all()),
            *(org.name for org in project.partners.all() if english),
        ]

    return _localized_texts(project, look, always=True, own=set(), build=build)


def _statement_url(statement: Statement) -> str:
    return f"{statement.meeting.get_absolute_url()}#statement-{statement.pk}"


def _public_document(document: OutcomeDocument) -> bool:
    return can_view_document(AnonymousUser(), document)


def _prime(objects: list, look: Lookup) -> None:
    """Load the translations of a chunk of records at once, with their forums' for editions."""
    if not objects:
        return
    if isinstance(objects[0], Edition):
        look.prime(Forum)
    if _translatable(objects[0]):
        look.prime(type(objects[0]), [obj.pk for obj in objects])


INDEXED: dict[type[models.Model], Indexed] = {
    Edition: Indexed(
        kind=SearchKind.EDITION,
        model=Edition,
        queryset=lambda: Edition.objects.select_related(
            "forum", "host_state", "chair_state"
        ).prefetch_related("host_state__names", "chair_state__names"),
        texts=_edition_texts,
        forum_id=lambda edition: edition.forum_id,
        url=lambda edition: edition.get_absolute_url(),
    ),
    Meeting: Indexed(
        kind=SearchKind.MEETING,
        model=Meeting,
        queryset=lambda: Meeting.objects.select_related("edition__forum", "state").prefetch_related(
            "state__names"
        ),
        texts=_meeting_texts,
        forum_id=lambda meeting: meeting.edition.forum_id,
        url=lambda meeting: meeting.get_absolute_url(),
    ),
    Statement: Indexed(
        kind=SearchKind.STATEMENT,
        model=Statement,
        queryset=lambda: Statement.objects.select_related(
            "meeting__edition__forum",
            "delegation__state",
            "speaker_person",
            "speaker_post__state",
            "speaker_post__organization",
        ).prefetch_related(
            "delegation__state__names",
            Prefetch("speaker_person__names", queryset=PersonName.objects.order_by("pk")),
            "proposals",
        ),
        texts=_statement_texts,
        forum_id=lambda statement: statement.meeting.edition.forum_id,
        url=_statement_url,
    ),
    OutcomeDocument: Indexed(
        kind=SearchKind.DOCUMENT,
        model=OutcomeDocument,
        queryset=lambda: OutcomeDocument.objects.select_related(
            "forum", "kind", "edition__forum"
        ).prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.filter(
                    status=VersionStatus.ADOPTED
                ).prefetch_related(
                    Prefetch(
                        "languages",
                        queryset=LanguageVersion.objects.prefetch_related("paragraphs"),
                    )
                ),
            )
        ),
        texts=_document_texts,
        forum_id=lambda document: document.forum_id,
        url=lambda document: document.get_absolute_url(),
        public=_public_document,
    ),
    Person: Indexed(
        kind=SearchKind.PERSON,
        model=Person,
        queryset=lambda: Person.objects.prefetch_related(
            Prefetch("names", queryset=PersonName.objects.order_by("pk")),
            "tenures__post__state",
            "tenures__post__organization",
        ),
        texts=_person_texts,
        forum_id=lambda person: None,
        url=lambda person: person.get_absolute_url(),
    ),
    Project: Indexed(
        kind=SearchKind.PROJECT,
        model=Project,
        queryset=lambda: Project.objects.select_related("forum", "field").prefetch_related(
            "proposing_states__names", "partners"
        ),
        texts=_project_texts,
        forum_id=lambda project: project.forum_id,
        url=lambda project: project.get_absolute_url(),
    ),
}


def entries_of(obj: models.Model, indexed: Indexed, look: Lookup) -> list[SearchEntry]:
    """The entries ``obj`` should have (unsaved); none when the public may not read it."""
    if not indexed.public(obj):
        return []
    content_type = ContentType.objects.get_for_model(indexed.model)
    url = indexed.url(obj)
    forum_id = indexed.forum_id(obj)
    return [
        SearchEntry(
            id=entry_id(indexed.kind, obj.pk, text.language),
            kind=indexed.kind,
            content_type=content_type,
            object_id=obj.pk,
            forum_id=forum_id,
            language=text.language,
            title=text.title[:1000],
            body=text.body,
            url=url[:500],
            public=True,
        )
        for text in indexed.texts(obj, look)
    ]


_COMPARED = ("kind", "forum_id", "title", "body", "url", "public")


# Writes -----------------------------------------------------------------------------------------


def is_indexed(obj_or_model) -> bool:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return model in INDEXED


@dataclass(frozen=True)
class Written:
    entries: int  # entries created, changed or deleted
    titles: bool  # a title changed, or an entry came or went: labels shown elsewhere changed


@transaction.atomic
def index_object(obj: models.Model) -> Written:
    """Bring the entries of ``obj`` (an indexed record) in line with the record, writing only what
    changed. A record that no longer exists, or that the public may not read, loses its entries.

    When a title changed (or an entry came or went), also re-indexes the records whose titles
    show it: a person's statements. (An edition's title holds its forum's name: ``index_forum``.)
    """
    indexed = INDEXED[type(obj)]
    content_type = ContentType.objects.get_for_model(indexed.model)
    fresh = indexed.queryset().filter(pk=obj.pk).first()
    wanted = entries_of(fresh, indexed, Lookup()) if fresh is not None else []
    existing = {
        entry.language: entry
        for entry in SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk)
    }
    written, titles = 0, False
    for entry in wanted:
        old = existing.pop(entry.language, None)
        if old is not None and old.pk != entry.pk:  # written under another layout of ids
            old.delete()
            old = None
        if old is None:
            entry.save(force_insert=True)
            written, titles = written + 1, True
            continue
        changed = [name for name in _COMPARED if getattr(old, name) != getattr(entry, name)]
        if changed:
            for name in changed:
                setattr(old, name, getattr(entry, name))
            old.save(update_fields=[name.removesuffix("_id") for name in changed])
            written, titles = written + 1, titles or "title" in changed
    if existing:
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in existing.values()]).delete()
        written, titles = written + len(existing), True
    if titles and fresh is not None:
        _index_dependents(fresh)
    return Written(written, titles)


def _index_dependents(obj: models.Model) -> None:
    """Statements show their speaker's name (the title of a person's entry is that name)."""
    if isinstance(obj, Person):
        for statement in Statement.objects.filter(speaker_person=obj).only("pk"):
            index_object(statement)


def index_forum(forum: Forum) -> None:
    """Re-index the editions of ``forum``, whose titles hold its name (a few dozen at most)."""
    for edition in Edition.objects.filter(forum=forum).only("pk"):
        index_object(edition)


def url_of(record: models.Model) -> str:
    """The address of an indexed record's page (a statement's: its meeting's, at the statement)."""
    return INDEXED[type(record)].url(record)


def remove_object(obj: models.Model) -> int:
    """Delete the entries of ``obj``; returns how many there were."""
    content_type = ContentType.objects.get_for_model(type(obj))
    deleted, _ = SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).delete()
    return deleted


def _chunks(queryset: models.QuerySet, size: int) -> Iterator[list]:
    """``queryset`` in chunks of ``size`` rows by primary key, prefetches applied per chunk."""
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


Progress = Callable[[str, int, int], None]


@transaction.atomic
def rebuild(*, progress: Progress | None = None, chunk: int = CHUNK) -> int:
    """Write the whole index again from the record; returns the number of entries.

    Builds exactly what ``index_object`` builds for each record (the same ``entries_of``), with
    the rows and their translations read a chunk at a time. ``progress(kind, done, total)`` is
    called before the first chunk of each kind and after every chunk. On SQLite the full-text
    tables are filled once at the end rather than entry by entry through their triggers (in one
    transaction, so a failure leaves the index as it was).
    """
    count = 0
    with _fulltext_filled_at_the_end():
        SearchEntry.objects.all().delete()
        for indexed in INDEXED.values():
            queryset = indexed.queryset()
            total = queryset.count()
            done = 0
            if progress:
                progress(indexed.kind, done, total)
            for objects in _chunks(queryset, chunk):
                look = Lookup()
                _prime(objects, look)
                entries = [e for obj in objects for e in entries_of(obj, indexed, look)]
                SearchEntry.objects.bulk_create(entries, batch_size=chunk)
                count += len(entries)
                done += len(objects)
                if progress:
                    progress(indexed.kind, done, total)
    return count


@contextmanager
def _fulltext_filled_at_the_end() -> Iterator[None]:
    """On SQLite: without the triggers of migration 0002 while writing, then each FTS table
    rebuilt from the entries in one pass and the triggers put back. (For 100,000 statements:
    46 s, against 56 s entry by entry through the triggers.)"""
    if connection.vendor != "sqlite":
        yield
        return
    fulltext = importlib.import_module("plenary.search.migrations.0002_fulltext")
    triggers = [sql for sql in fulltext.SQLITE_FORWARD if sql.startswith("CREATE TRIGGER")]
    with connection.cursor() as cursor:
        for sql in fulltext.SQLITE_BACKWARD:
            if sql.startswith("DROP TRIGGER"):
                cursor.execute(sql)
        yield
        for table in ("search_fts", "search_fts_words"):
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")  # noqa: S608
        for sql in triggers:
            cursor.execute(sql)


def snapshot() -> list[tuple]:
    """Every entry as a comparable tuple (to check ``rebuild`` against the signals)."""
    return sorted(
        SearchEntry.objects.values_list(
            "kind",
            "content_type_id",
            "object_id",
            "forum_id",
            "language",
            "title",
            "body",
            "url",
            "public",
        )
    )


# Signals: which record a saved or deleted row belongs to ----------------------------------------


def _record_of(instance: models.Model) -> models.Model | None:
    """The indexed record whose entries ``instance`` is part of, or None."""
    from plenary.documents.models import Paragraph
    from plenary.meetings.models import Proposal
    from plenary.people.models import Tenure

    if is_indexed(instance):
        return instance
    if isinstance(instance, PersonName | Tenure):
        return Person(pk=instance.person_id)
    if isinstance(instance, Proposal):
        return Statement(pk=instance.statement_id)
    if isinstance(instance, DocumentVersion):
        return OutcomeDocument(pk=instance.document_id)
    if isinstance(instance, Translation):
        model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
        if model is Forum:
            # Editions are titled with the forum's short name, else its name.
            return Forum(pk=instance.object_id) if instance.field in FORUM_LABELS else None
        return model(pk=instance.object_id) if model in INDEXED else None
    if isinstance(instance, LanguageVersion | Paragraph):
        # Only an adopted text is indexed; a draft's paragraphs change nothing in the index.
        versions = LanguageVersion.objects.filter(version__status=VersionStatus.ADOPTED)
        if isinstance(instance, LanguageVersion):
            document_id = (
                DocumentVersion.objects.filter(pk=instance.version_id, status=VersionStatus.ADOPTED)
                .values_list("document_id", flat=True)
                .first()
            )
        else:
            document_id = (
                versions.filter(pk=instance.language_version_id)
                .values_list("version__document_id", flat=True)
                .first()
            )
        return OutcomeDocument(pk=document_id) if document_id else None
    return None


# Records whose entries wait for the end of a ``deferred()`` block: (model, pk), in order.
_pending: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "search_pending", default=None
)


@contextmanager
def deferred() -> Iterator[None]:
    """Index each record saved inside the block once, when it ends, instead of at every save of
    it or of its parts: a bulk load (the demo, an import) writes each record many times.

    On an error outside a transaction the records saved before it are indexed all the same
    (they are committed, so they must be findable); inside one, the caller's transaction is
    rolled back with them and nothing is indexed."""
    if _pending.get() is not None:  # already deferring: the outer block indexes
        yield
        return
    pending: dict = {}
    token = _pending.set(pending)
    try:
        yield
    except BaseException:
        _pending.reset(token)
        if not connection.in_atomic_block:
            _flush(pending)
        raise
    _pending.reset(token)
    _flush(pending)


def _flush(pending: dict) -> None:
    for model, pk in pending:
        _refresh(model(pk=pk))


def _refresh(record: models.Model) -> None:
    pending = _pending.get()
    if pending is not None:
        pending.setdefault((type(record), record.pk), None)
        return
    if isinstance(record, Forum):
        index_forum(record)
    else:
        index_object(record)


def record_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    """post_save: re-index the record the row belongs to (fixtures loaded raw are left alone)."""
    if raw:
        return
    record = _record_of(instance)
    if record is not None:
        _refresh(record)


def record_deleted(sender, instance, **kwargs) -> None:
    """post_delete: drop a deleted record's entries, or re-index the record a deleted part of it
    belonged to."""
    if is_indexed(instance):
        remove_object(instance)
        return
    record = _record_of(instance)
    if record is not None:
        _refresh(record)


def related_changed(sender, instance, action: str, reverse: bool, pk_set=None, **kwargs) -> None:
    """m2m_changed of a project's proposing states or partners: re-index the project(s)."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        _refresh(instance)
        return
    for pk in sorted(pk_set or ()):
        _refresh(Project(pk=pk))


def connect() -> None:
    """Connect the signals that keep the index fresh (called from ``SearchConfig.ready``)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from plenary.documents.models import Paragraph
    from plenary.meetings.models import Proposal
    from plenary.people.models import Tenure

    senders = [
        *INDEXED,
        Forum,
        PersonName,
        Tenure,
        Proposal,
        Translation,
        DocumentVersion,
        LanguageVersion,
        Paragraph,
    ]
    for sender in senders:
        uid = f"search:{sender._meta.label}"
        post_save.connect(record_saved, sender=sender, dispatch_uid=uid)
        post_delete.connect(record_deleted, sender=sender, dispatch_uid=uid)
    for through in [Project.proposing_states.through, Project.partners.through]:
        m2m_changed.connect(
            related_changed, sender=through, dispatch_uid=f"search:{through._meta.label}"
        )
