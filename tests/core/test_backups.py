from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from scrutineer.imports.demo import demo_load_all
from scrutineer.tracker.models import Item


def dump() -> str:
    out = StringIO()
    call_command(
        "dumpdata",
        "core",
        "committees",
        "tracker",
        "briefings",
        "programme",
        "performance",
        "auth.user",
        stdout=out,
    )
    return out.getvalue()


def _delete_items_and_what_depends_on_them(**which):
    """Items PROTECT their recommendations, updates and notes: those go first."""
    from scrutineer.briefings.models import BriefingNote
    from scrutineer.performance.models import IndicatorReference
    from scrutineer.programme.models import WorkProgrammeItem
    from scrutineer.tracker.models import ExecutiveResponse, ProgressUpdate, Recommendation

    items = Item.objects.filter(**which)
    recommendations = Recommendation.objects.filter(item__in=items)
    IndicatorReference.objects.filter(recommendation__in=recommendations).delete()
    WorkProgrammeItem.objects.filter(recommendation__in=recommendations).delete()
    ExecutiveResponse.objects.filter(recommendation__in=recommendations).delete()
    ProgressUpdate.objects.filter(item__in=items).delete()
    BriefingNote.objects.filter(item__in=items).delete()
    recommendations.delete()
    items.delete()


def test_a_backup_restores_every_record(transactional_db, tmp_path):
    demo_load_all(only_if_empty=False)
    before = dump()
    path = tmp_path / "scrutineer.backup"
    call_command("backup", str(path), stdout=StringIO())
    _delete_items_and_what_depends_on_them(number__gt=5)
    assert dump() != before
    call_command("restore", str(path), stdout=StringIO())
    assert dump() == before


def test_restoring_something_that_is_not_a_backup_is_a_clear_error(transactional_db, tmp_path):
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(CommandError):
        call_command("restore", str(junk), stdout=StringIO())
    with pytest.raises(CommandError, match="is not a file"):
        call_command("restore", str(tmp_path / "missing"), stdout=StringIO())
