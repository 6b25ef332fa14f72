"""PostgreSQL: each item's search vector is stored beside its text (a generated column that
the database keeps in step with ``search_document``) and indexed, instead of an index on
the expression. A search for a common word compares it with a committee's every item, and
working out ``to_tsvector`` of each item's whole text at query time took over half a second
at 25,000 items; reading a stored vector takes milliseconds. SQLite keeps its FTS5 table."""

from django.db import migrations

VECTOR = "to_tsvector('english'::regconfig, COALESCE(search_document, ''))"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE tracker_item ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX tracker_item_search_vector_gin ON tracker_item USING GIN (search_vector)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS tracker_item_search_gin")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS tracker_item_search_gin ON tracker_item USING GIN ({VECTOR})"
    )
    schema_editor.execute("DROP INDEX IF EXISTS tracker_item_search_vector_gin")
    schema_editor.execute("ALTER TABLE tracker_item DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("tracker", "0009_item_agenda_and_sync")]

    operations = [migrations.RunPython(forwards, backwards)]
