from django.core.management import call_command
from django.db import connection

from tests.tracker.factories import ItemFactory

STATISTICS = {
    "sqlite": "SELECT 1 FROM sqlite_stat1 WHERE tbl = 'tracker_item'",
    "postgresql": "SELECT 1 FROM pg_stats WHERE tablename = 'tracker_item'",
}


def test_update_statistics_gives_the_planner_statistics_of_the_tables(db, capsys):
    ItemFactory()
    call_command("update_statistics")
    with connection.cursor() as cursor:
        cursor.execute(STATISTICS[connection.vendor])
        assert cursor.fetchall()
    assert f"Updated the statistics of the {connection.vendor} database" in capsys.readouterr().out
