"""Freeze the text of adopted versions in the database itself.

Triggers refuse to UPDATE or DELETE a ``documents_paragraph`` or ``documents_languageversion`` row
whose version has the status 'adopted' (and to move a row into such a version), so the authentic
text holds even against code that skips the domain functions: a bulk ``update()``, the shell, a
raw query. Inserting into an adopted version stays possible, since records of past adoptions are
entered after the fact.

SQLite and PostgreSQL are covered; other databases rely on the domain functions alone.

On SQLite, a later migration that rebuilds one of these tables (Django does so for many
``AlterField`` and some ``AddField`` operations) drops that table's triggers with it: such a
migration must call ``create_triggers`` of this module again. The freezing tests fail if it does
not.
"""

from django.db import migrations

FROZEN_MESSAGE = "the text of an adopted version is frozen"

_PARAGRAPH_ADOPTED = """EXISTS (
    SELECT 1 FROM documents_languageversion AS lv
    JOIN documents_documentversion AS v ON v.id = lv.version_id
    WHERE lv.id = {row}.language_version_id AND v.status = 'adopted'
)"""

_LANGUAGE_ADOPTED = """EXISTS (
    SELECT 1 FROM documents_documentversion AS v
    WHERE v.id = {row}.version_id AND v.status = 'adopted'
)"""


def _sqlite_trigger(name: str, event: str, table: str, condition: str) -> str:
    return (
        f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW WHEN {condition} "
        f"BEGIN SELECT RAISE(ABORT, '{table}: {FROZEN_MESSAGE}'); END"
    )


SQLITE_FORWARD = [
    _sqlite_trigger(
        "documents_paragraph_frozen_update",
        "UPDATE",
        "documents_paragraph",
        _PARAGRAPH_ADOPTED.format(row="OLD") + " OR " + _PARAGRAPH_ADOPTED.format(row="NEW"),
    ),
    _sqlite_trigger(
        "documents_paragraph_frozen_delete",
        "DELETE",
        "documents_paragraph",
        _PARAGRAPH_ADOPTED.format(row="OLD"),
    ),
    _sqlite_trigger(
        "documents_languageversion_frozen_update",
        "UPDATE",
        "documents_languageversion",
        _LANGUAGE_ADOPTED.format(row="OLD") + " OR " + _LANGUAGE_ADOPTED.format(row="NEW"),
    ),
    _sqlite_trigger(
        "documents_languageversion_frozen_delete",
        "DELETE",
        "documents_languageversion",
        _LANGUAGE_ADOPTED.format(row="OLD"),
    ),
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS documents_paragraph_frozen_update",
    "DROP TRIGGER IF EXISTS documents_paragraph_frozen_delete",
    "DROP TRIGGER IF EXISTS documents_languageversion_frozen_update",
    "DROP TRIGGER IF EXISTS documents_languageversion_frozen_delete",
]


def _postgresql_function(table: str, adopted: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {table}_refuse_frozen() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    IF {adopted.format(row="OLD")}
       OR (TG_OP = 'UPDATE' AND {adopted.format(row="NEW")}) THEN
        RAISE EXCEPTION '{table}: {FROZEN_MESSAGE}'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$body$"""


def _postgresql_trigger(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_frozen BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_refuse_frozen()"
    )


POSTGRESQL_FORWARD = [
    _postgresql_function("documents_paragraph", _PARAGRAPH_ADOPTED),
    _postgresql_trigger("documents_paragraph"),
    _postgresql_function("documents_languageversion", _LANGUAGE_ADOPTED),
    _postgresql_trigger("documents_languageversion"),
]
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS documents_paragraph_frozen ON documents_paragraph",
    "DROP FUNCTION IF EXISTS documents_paragraph_refuse_frozen()",
    "DROP TRIGGER IF EXISTS documents_languageversion_frozen ON documents_languageversion",
    "DROP FUNCTION IF EXISTS documents_languageversion_refuse_frozen()",
]

FORWARD = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}
BACKWARD = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}


def create_triggers(apps, schema_editor) -> None:
    """Create the freezing triggers for this database, replacing any there are."""
    vendor = schema_editor.connection.vendor
    for statement in BACKWARD.get(vendor, []) + FORWARD.get(vendor, []):
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor) -> None:
    for statement in BACKWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_accepted_amendments_adoption_consents_delegation_notes"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
