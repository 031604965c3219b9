"""The full-text index beside ``search_searchentry``, in the database's own machinery.

SQLite: two FTS5 tables over the entries' ``title`` and ``body``, both "external content" tables
(they keep the index, not a second copy of the text; ``highlight()`` and ``snippet()`` read the
text back from the entry row):

- ``search_fts`` with the trigram tokenizer: any substring of three characters or more matches,
  in any script, with no stemmer (``Комилов`` finds ``Комилова``, ``코밀로프`` finds
  ``코밀로프는``);
- ``search_fts_words`` with the unicode61 tokenizer and prefix indexes of one and two characters,
  for the terms the trigram index cannot look up (``서울``, ``14``): they match the start of a
  word, through the index, instead of a LIKE that would read every row.

Triggers keep both in step with every insert, update and delete of an entry, so no code can leave
them behind. A later migration that makes Django rebuild ``search_searchentry`` (many
``AlterField`` operations do on SQLite) drops these triggers with the old table: it must call
``create_fulltext`` of this module again.

PostgreSQL: a stored generated column ``search_vector`` (``to_tsvector('simple', ...)`` of the title,
weighted A, and of the body, weighted B) with a GIN index. The 'simple' configuration neither
stems nor drops stop words, so Russian and Korean words match as written; the model does not
declare the column, so Django never writes it.

Other databases get no full-text index; ``backends`` refuses to search them.
"""

from django.db import migrations

TABLE = "search_searchentry"

SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, content='{TABLE}', content_rowid='id', tokenize='trigram'
    )""",
    f"""CREATE VIRTUAL TABLE search_fts_words USING fts5(
        title, body, content='{TABLE}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2'
    )""",
    f"""CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        INSERT INTO search_fts_words(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    f"""CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_fts_words(search_fts_words, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
    END""",
    f"""CREATE TRIGGER search_entry_fts_update AFTER UPDATE OF title, body ON {TABLE} BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_fts_words(search_fts_words, rowid, title, body)
            VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        INSERT INTO search_fts_words(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    # Entries already in the table (none, unless this migration is re-applied).
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "INSERT INTO search_fts_words(search_fts_words) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TABLE IF EXISTS search_fts",
    "DROP TABLE IF EXISTS search_fts_words",
]

POSTGRESQL_FORWARD = [
    f"""ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig, coalesce(body, '')), 'B')
    ) STORED""",
    f"CREATE INDEX search_entry_vector ON {TABLE} USING gin (search_vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]

FORWARD = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}
BACKWARD = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}


def create_fulltext(apps, schema_editor) -> None:
    """Create the full-text index of this database, replacing any there is."""
    vendor = schema_editor.connection.vendor
    for statement in BACKWARD.get(vendor, []) + FORWARD.get(vendor, []):
        schema_editor.execute(statement, params=None)


def drop_fulltext(apps, schema_editor) -> None:
    for statement in BACKWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_fulltext, drop_fulltext, elidable=False),
    ]
