"""Full-text search over items: FTS5 on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations


def create_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS tracker_item_fts "
            "USING fts5(document, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS tracker_item_search_gin ON tracker_item "
            "USING GIN (to_tsvector('english'::regconfig, COALESCE(search_document, '')))"
        )


def drop_search(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS tracker_item_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS tracker_item_search_gin")


class Migration(migrations.Migration):
    dependencies = [("tracker", "0001_initial")]

    operations = [migrations.RunPython(create_search, drop_search)]
