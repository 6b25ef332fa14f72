"""SQLite: the full-text index reads the items' own search text (an external-content FTS5
table) and triggers keep it in step with every insert, update and delete, so the index can
never disagree with the items, even after rows are deleted outside the app."""

from django.db import migrations

TOKENIZE = "tokenize = 'porter unicode61 remove_diacritics 2'"
TRIGGERS = [
    "CREATE TRIGGER tracker_item_fts_insert AFTER INSERT ON tracker_item BEGIN "
    "INSERT INTO tracker_item_fts (rowid, search_document) "
    "VALUES (new.id, new.search_document); END",
    "CREATE TRIGGER tracker_item_fts_delete AFTER DELETE ON tracker_item BEGIN "
    "INSERT INTO tracker_item_fts (tracker_item_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); END",
    "CREATE TRIGGER tracker_item_fts_update AFTER UPDATE OF search_document ON tracker_item "
    "BEGIN INSERT INTO tracker_item_fts (tracker_item_fts, rowid, search_document) "
    "VALUES ('delete', old.id, old.search_document); "
    "INSERT INTO tracker_item_fts (rowid, search_document) "
    "VALUES (new.id, new.search_document); END",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS tracker_item_fts")
    schema_editor.execute(
        "CREATE VIRTUAL TABLE tracker_item_fts USING fts5(search_document, "
        f"content = 'tracker_item', content_rowid = 'id', {TOKENIZE})"
    )
    for trigger in TRIGGERS:
        schema_editor.execute(trigger)
    schema_editor.execute("INSERT INTO tracker_item_fts (tracker_item_fts) VALUES ('rebuild')")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS tracker_item_fts_{name}")
    schema_editor.execute("DROP TABLE IF EXISTS tracker_item_fts")
    schema_editor.execute(f"CREATE VIRTUAL TABLE tracker_item_fts USING fts5(document, {TOKENIZE})")
    schema_editor.execute(
        "INSERT INTO tracker_item_fts (rowid, document) SELECT id, search_document FROM tracker_item"
    )


class Migration(migrations.Migration):
    dependencies = [("tracker", "0005_list_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
