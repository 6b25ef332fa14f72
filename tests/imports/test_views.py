from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scrutineer.tracker.models import Item
from tests.committees.factories import CommitteeFactory

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "corporate_os_tracker.txt"


@pytest.fixture
def corporate_os(db):
    return CommitteeFactory(name="Corporate Overview and Scrutiny Committee", short_name="CO&S")


def upload(client, committee, name, content):
    return client.post(
        reverse("imports:tracker_upload"),
        {"committee": committee.pk, "file": SimpleUploadedFile(name, content)},
    )


def test_upload_shows_a_preview_and_saves_only_when_confirmed(
    client, corporate_os, scrutiny_officer
):
    client.force_login(scrutiny_officer)
    response = upload(client, corporate_os, "tracker.txt", SEED.read_bytes())
    preview_url = response["Location"]
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert preview.context["report"].count("create") == 14
    assert "Import 14 rows into Corporate Overview and Scrutiny Committee" in (
        preview.content.decode()
    )
    assert Item.objects.count() == 0
    confirmed = client.post(preview_url)
    assert confirmed.status_code == 302
    assert Item.objects.count() == 14
    assert client.get(preview_url).status_code == 404


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
    response = client.get(upload(client, corporate_os, "tracker.pdf", b"%PDF-1.4")["Location"])
    assert "is not a tracker file: use TXT, CSV, XLSX or DOCX" in response.content.decode()


@pytest.mark.parametrize("role", ["officer", "member"])
def test_only_scrutiny_officers_may_import(client, corporate_os, request, role):
    client.force_login(request.getfixturevalue(role))
    assert upload(client, corporate_os, "tracker.txt", SEED.read_bytes()).status_code == 403
    assert client.get(reverse("imports:tracker_upload")).status_code == 403


def test_the_public_is_sent_to_sign_in(client, corporate_os):
    response = client.get(reverse("imports:tracker_upload"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
