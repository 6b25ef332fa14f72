"""A committee's tracker through the import wizard: upload, columns, preview, confirm."""

import datetime
import html
from pathlib import Path

import pytest
from django.urls import reverse

from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.readers import read_tracker_file
from scrutineer.tracker.models import Item
from tests.committees.factories import CommitteeFactory
from tests.imports import wizard

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "corporate_os_tracker.txt"


@pytest.fixture
def corporate_os(db):
    return CommitteeFactory(name="Corporate Overview and Scrutiny Committee", short_name="CO&S")


def upload(client, committee, name, content):
    return wizard.upload(client, "tracker", name, content, committee=committee)


def preview_url(client, committee, name, content):
    return wizard.preview_url(client, "tracker", name, content, committee=committee)


def test_upload_shows_a_preview_and_saves_only_when_confirmed(
    client, corporate_os, scrutiny_officer
):
    client.force_login(scrutiny_officer)
    response = upload(client, corporate_os, "tracker.txt", SEED.read_bytes())
    url = response["Location"]
    preview = client.get(url)
    assert preview.status_code == 200
    assert preview.context["report"].count("create") == 14
    assert "Import 14 rows into Corporate Overview and Scrutiny Committee" in (
        preview.content.decode()
    )
    assert Item.objects.count() == 0
    confirmed = client.post(url)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == corporate_os.get_absolute_url()
    assert Item.objects.count() == 14
    assert client.get(url).status_code == 404


def test_a_bad_file_lists_its_problems_by_file_row_and_column(
    client, corporate_os, scrutiny_officer
):
    client.force_login(scrutiny_officer)
    bad = SEED.read_bytes().replace(b"17 Sept 2024", b"31 Sept 2024", 1)
    response = client.get(upload(client, corporate_os, "tracker.txt", bad)["Location"])
    content = response.content.decode()
    assert "tracker.txt cannot be imported" in content
    assert "tracker.txt, row 8, column “Meeting Date”: “31 Sept 2024” is not a date" in content
    assert Item.objects.count() == 0


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    client, corporate_os, scrutiny_officer, settings
):
    client.force_login(scrutiny_officer)
    response = upload(client, corporate_os, "huge.txt", b"x" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 200
    assert "the largest file that can be imported is 10 MB" in response.content.decode()


def test_a_pdf_is_refused_with_the_formats_we_take(client, corporate_os, scrutiny_officer):
    client.force_login(scrutiny_officer)
    response = upload(client, corporate_os, "tracker.pdf", b"%PDF-1.4")
    assert response.status_code == 200
    assert "The selected file must be a TXT, CSV, XLSX or DOCX file" in response.content.decode()
    # The reader refuses it too, with the same formats (the command line has no form).
    with pytest.raises(ImportRefused, match="is not a tracker file: use TXT, CSV, XLSX or DOCX"):
        read_tracker_file(b"%PDF-1.4", filename="tracker.pdf")


@pytest.mark.parametrize("role", ["officer", "member"])
def test_only_scrutiny_officers_may_import(client, corporate_os, request, role):
    client.force_login(request.getfixturevalue(role))
    assert upload(client, corporate_os, "tracker.txt", SEED.read_bytes()).status_code == 403
    assert client.get(reverse("imports:upload", args=["tracker"])).status_code == 403
    assert client.get(reverse("imports:start")).status_code == 403


def test_the_public_is_sent_to_sign_in(client, corporate_os):
    response = client.get(reverse("imports:upload", args=["tracker"]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


CSV = (
    b"No,Meeting Date,Report Title,O&S recommendations,Open / Closed,Assigned to,"
    b"Lead officer,Target date\n"
    b"1,17/09/2024,Parks,1. Review the parks,Open,O&S Officers,sarah brown,01/02/2025\n"
    b"2,17/09/2024,Libraries,1. Keep the libraries,Open,,Lee Henley,31/12/2099\n"
)

_WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN", "RELEASE")


def _writes(queries):
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(_WRITES)]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("tracker.txt", SEED.read_bytes(), id="text"),
        pytest.param("t.csv", CSV, id="csv"),
    ],
)
def test_showing_the_preview_writes_nothing_and_takes_no_lock(
    client, corporate_os, scrutiny_officer, name, content
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(scrutiny_officer)
    url = preview_url(client, corporate_os, name, content)
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert response.context["report"].count("create") > 0
        assert _writes(queries.captured_queries) == []
        # The stored preview is shown: the file is not compared with the records again.
        assert not any("tracker_item" in q["sql"] for q in queries.captured_queries)


def test_the_lead_officer_and_target_date_of_a_spreadsheet_are_stored(
    client, corporate_os, scrutiny_officer
):
    from scrutineer.core.models import Person
    from scrutineer.tracker.models import Recommendation
    from scrutineer.tracker.selectors import recommendation_overdue_dashboard
    from tests.committees.factories import PersonFactory

    sarah = PersonFactory(name="Sarah Brown")
    client.force_login(scrutiny_officer)
    url = preview_url(client, corporate_os, "tracker.csv", CSV)
    preview = client.get(url)
    content = preview.content.decode()
    assert "new officer “Lee Henley” recorded" in content
    assert "“Sarah Brown” recorded" not in content  # matched, not new
    assert "assigned to O&amp;S Officers (new team), Sarah Brown" in content
    assert client.post(url).status_code == 302

    parks = Recommendation.objects.get(item__report_title="Parks")
    assert sorted(p.name for p in parks.assignees.all()) == ["O&S Officers", "Sarah Brown"]
    assert sarah in parks.assignees.all()
    assert parks.due_date == datetime.date(2025, 2, 1)
    libraries = Recommendation.objects.get(item__report_title="Libraries")
    lee = Person.objects.get(name="Lee Henley")
    assert lee.kind == Person.Kind.OFFICER
    assert list(libraries.assignees.all()) == [lee]
    assert libraries.due_date == datetime.date(2099, 12, 31)
    late = recommendation_overdue_dashboard(user=scrutiny_officer, today=datetime.date(2025, 3, 1))
    assert [r.pk for r in late.recommendations] == [parks.pk]
    page = html.unescape(client.get(reverse("tracker:overdue")).content.decode())
    assert parks.reference in page
    assert libraries.reference not in page


def test_a_target_date_that_is_not_a_date_is_refused_by_row_and_column(
    client, corporate_os, scrutiny_officer
):
    client.force_login(scrutiny_officer)
    bad = CSV.replace(b"01/02/2025", b"02/31/2025")  # month first: not a UK date
    content = client.get(preview_url(client, corporate_os, "t.csv", bad)).content.decode()
    assert "t.csv, row 2, column “Target date”: “02/31/2025” is not a date" in content
    assert Item.objects.count() == 0


def test_the_preview_shown_is_what_confirming_stores(
    client, corporate_os, scrutiny_officer, monkeypatch
):
    from scrutineer.imports import registry

    client.force_login(scrutiny_officer)
    client.post(reverse("imports:upload", args=["tracker"]), {})  # nothing kept: a bad upload
    upload(client, corporate_os, "tracker.txt", SEED.read_bytes())
    url = upload(client, corporate_os, "tracker.txt", SEED.read_bytes())["Location"]
    shown = client.get(url).context["report"]
    imported = []
    real = registry.tracker_import
    monkeypatch.setattr(
        registry, "tracker_import", lambda **kw: imported.append(real(**kw)) or imported[-1]
    )
    client.post(url)
    (report,) = imported
    assert report.rows == shown.rows
    assert report.sections == shown.sections  # the forward plan's items too
    assert [section.caption for section in shown.sections][1:] == ["Cabinet forward plan items"]
    for row in shown.rows:
        item = Item.objects.get(number=int(row.reference[0]))
        assert f"item {item.number}: {item.report_title}" in row.details


def test_records_changed_since_the_preview_are_previewed_again_not_imported(
    client, corporate_os, scrutiny_officer
):
    from scrutineer.files.parsers.tracker_text import parse_tracker_text
    from scrutineer.imports.services import tracker_import

    client.force_login(scrutiny_officer)
    url = preview_url(client, corporate_os, "tracker.txt", SEED.read_bytes())
    assert client.get(url).context["report"].count("create") == 14
    # Someone imports the same file from the command line meanwhile.
    tracker_import(parsed=parse_tracker_text(SEED.read_text()), committee=corporate_os)
    history = Item.history.count()
    response = client.post(url, follow=True)
    assert "The records changed since this preview was made" in response.content.decode()
    assert response.context["report"].count("unchanged") == 14
    assert Item.history.count() == history


def test_changing_the_column_mapping_previews_again(client, corporate_os, scrutiny_officer):
    from scrutineer.tracker.models import Recommendation

    client.force_login(scrutiny_officer)
    columns_url = upload(client, corporate_os, "t.csv", CSV)["Location"]
    assert columns_url.endswith("/columns/")
    guessed = client.get(columns_url).context["form"]
    assert guessed.fields["column_6"].initial == "lead_officer"
    mapping = {
        f"column_{i}": field
        for i, field in enumerate(
            [
                "number",
                "meeting_date",
                "report_title",
                "recommendations",
                "status",
                "assignees",
                "",
                "",
            ]
        )
    }
    response = client.post(columns_url, mapping)
    assert response.status_code == 302
    url = response["Location"]
    page = client.get(url).content.decode()
    assert "Lee Henley" not in page
    client.post(url)
    assert Recommendation.objects.filter(due_date__isnull=False).count() == 0
    assert not Recommendation.objects.get(item__report_title="Libraries").assignees.exists()
    # The committee's choices are remembered for its next spreadsheet.
    again = client.get(upload(client, corporate_os, "t.csv", CSV)["Location"]).context["form"]
    assert again.fields["column_6"].initial == ""
    assert again.fields["column_5"].initial == "assignees"
