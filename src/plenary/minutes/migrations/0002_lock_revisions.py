"""Keep the revisions of minutes as written, and approved minutes as approved, in the database
itself.

Triggers refuse, even to code that skips the domain functions (a bulk ``update()``, the shell, a
raw query):

- any UPDATE of a ``minutes_minutesrevision`` row: a revision is never changed;
- a DELETE of a revision whose minutes still exist: revisions go only with their minutes;
- an INSERT of a revision into approved minutes;
- an UPDATE of approved minutes that changes anything but ``updated_at``: they stay approved, with
  their time of approval and approver.

Deleting minutes (or their meeting) still works: Django leaves the revisions alone
(``on_delete=DO_NOTHING``) and a trigger deletes them after their minutes row, when the delete
trigger above no longer finds the minutes. On SQLite, ``flush`` empties the tables in no set order,
so a test that flushes a database holding minutes deletes the minutes first
(``Minutes.objects.all().delete()``); on PostgreSQL ``flush`` truncates, which fires no row
trigger.

SQLite and PostgreSQL are covered; other databases rely on the domain functions alone.

On SQLite, a later migration that rebuilds one of these tables (Django does so for many
``AlterField`` and some ``AddField`` operations) drops that table's triggers with it: such a
migration must call ``create_triggers`` of this module again. A new column of
``minutes_minutes`` belongs in ``_MINUTES_COLUMNS`` below. The tests of the triggers fail if
either is forgotten.
"""

from django.db import migrations

REVISION_UNCHANGED = "a revision of minutes is never changed"
REVISION_KEPT = "a revision of minutes is deleted only with its minutes"
APPROVED_NO_REVISION = "approved minutes take no new revision"
APPROVED_UNCHANGED = "approved minutes stay as approved"

# Every column of minutes_minutes but the primary key and updated_at.
_MINUTES_COLUMNS = [
    "meeting_id",
    "agenda_item_number",
    "title",
    "status",
    "circulated_at",
    "comments_due",
    "approved_at",
    "approved_by_id",
    "created_at",
]

_MINUTES_EXIST = "EXISTS (SELECT 1 FROM minutes_minutes AS m WHERE m.id = {row}.minutes_id)"
_MINUTES_APPROVED = (
    "EXISTS (SELECT 1 FROM minutes_minutes AS m WHERE m.id = {row}.minutes_id "
    "AND m.status = 'approved')"
)


def _sqlite_refusal(name: str, event: str, table: str, message: str, condition: str = "") -> str:
    when = f" WHEN {condition}" if condition else ""
    return (
        f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW{when} "
        f"BEGIN SELECT RAISE(ABORT, '{table}: {message}'); END"
    )


_SQLITE_MINUTES_CHANGED = " OR ".join(
    f"NEW.{column} IS NOT OLD.{column}" for column in _MINUTES_COLUMNS
)

SQLITE_FORWARD = [
    _sqlite_refusal(
        "minutes_minutesrevision_no_update",
        "UPDATE",
        "minutes_minutesrevision",
        REVISION_UNCHANGED,
    ),
    _sqlite_refusal(
        "minutes_minutesrevision_no_delete",
        "DELETE",
        "minutes_minutesrevision",
        REVISION_KEPT,
        _MINUTES_EXIST.format(row="OLD"),
    ),
    _sqlite_refusal(
        "minutes_minutesrevision_no_insert_approved",
        "INSERT",
        "minutes_minutesrevision",
        APPROVED_NO_REVISION,
        _MINUTES_APPROVED.format(row="NEW"),
    ),
    _sqlite_refusal(
        "minutes_minutes_approved_unchanged",
        "UPDATE",
        "minutes_minutes",
        APPROVED_UNCHANGED,
        f"OLD.status = 'approved' AND ({_SQLITE_MINUTES_CHANGED})",
    ),
    "CREATE TRIGGER minutes_minutes_delete_revisions AFTER DELETE ON minutes_minutes "
    "FOR EACH ROW BEGIN DELETE FROM minutes_minutesrevision WHERE minutes_id = OLD.id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS minutes_minutesrevision_no_update",
    "DROP TRIGGER IF EXISTS minutes_minutesrevision_no_delete",
    "DROP TRIGGER IF EXISTS minutes_minutesrevision_no_insert_approved",
    "DROP TRIGGER IF EXISTS minutes_minutes_approved_unchanged",
    "DROP TRIGGER IF EXISTS minutes_minutes_delete_revisions",
]

_POSTGRESQL_MINUTES_CHANGED = " OR ".join(
    f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in _MINUTES_COLUMNS
)

POSTGRESQL_FORWARD = [
    f"""
CREATE OR REPLACE FUNCTION minutes_minutesrevision_guard() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'minutes_minutesrevision: {REVISION_UNCHANGED}'
            USING ERRCODE = 'integrity_constraint_violation';
    ELSIF TG_OP = 'DELETE' THEN
        IF {_MINUTES_EXIST.format(row="OLD")} THEN
            RAISE EXCEPTION 'minutes_minutesrevision: {REVISION_KEPT}'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF {_MINUTES_APPROVED.format(row="NEW")} THEN
        RAISE EXCEPTION 'minutes_minutesrevision: {APPROVED_NO_REVISION}'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$body$""",
    "CREATE TRIGGER minutes_minutesrevision_guard BEFORE INSERT OR UPDATE OR DELETE "
    "ON minutes_minutesrevision FOR EACH ROW EXECUTE FUNCTION minutes_minutesrevision_guard()",
    f"""
CREATE OR REPLACE FUNCTION minutes_minutes_guard() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    IF OLD.status = 'approved' AND ({_POSTGRESQL_MINUTES_CHANGED}) THEN
        RAISE EXCEPTION 'minutes_minutes: {APPROVED_UNCHANGED}'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$body$""",
    "CREATE TRIGGER minutes_minutes_guard BEFORE UPDATE ON minutes_minutes "
    "FOR EACH ROW EXECUTE FUNCTION minutes_minutes_guard()",
    """
CREATE OR REPLACE FUNCTION minutes_minutes_delete_revisions() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    DELETE FROM minutes_minutesrevision WHERE minutes_id = OLD.id;
    RETURN OLD;
END
$body$""",
    "CREATE TRIGGER minutes_minutes_delete_revisions AFTER DELETE ON minutes_minutes "
    "FOR EACH ROW EXECUTE FUNCTION minutes_minutes_delete_revisions()",
]
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER IF EXISTS minutes_minutesrevision_guard ON minutes_minutesrevision",
    "DROP FUNCTION IF EXISTS minutes_minutesrevision_guard()",
    "DROP TRIGGER IF EXISTS minutes_minutes_guard ON minutes_minutes",
    "DROP FUNCTION IF EXISTS minutes_minutes_guard()",
    "DROP TRIGGER IF EXISTS minutes_minutes_delete_revisions ON minutes_minutes",
    "DROP FUNCTION IF EXISTS minutes_minutes_delete_revisions()",
]

FORWARD = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}
BACKWARD = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}


def create_triggers(apps, schema_editor) -> None:
    """Create the triggers for this database, replacing any there are."""
    vendor = schema_editor.connection.vendor
    for statement in BACKWARD.get(vendor, []) + FORWARD.get(vendor, []):
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor) -> None:
    for statement in BACKWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("minutes", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
