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


def test_a_backup_restores_every_record(transactional_db, tmp_path):
    demo_load_all(only_if_empty=False)
    before = dump()
    path = tmp_path / "scrutineer.backup"
    call_command("backup", str(path), stdout=StringIO())
    Item.objects.filter(number__gt=5).delete()
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
