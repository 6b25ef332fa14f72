"""The pages of closure at a meeting: the list, comments, the decisions form, the bulk send
and the agenda pack's downloads, as each role gets them."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from scrutineer.core.roles import Role
from scrutineer.tracker import services
from scrutineer.tracker.models import ClosureComment, ClosureDecision, ExecutiveResponse
from tests.core.factories import UserFactory
from tests.tracker.conftest import propose
from tests.tracker.factories import RecommendationFactory


@pytest.fixture
def w(closures):
    return closures


def list_url(w) -> str:
    return reverse("tracker:meeting_closures", args=[w.next_meeting.pk])


def test_a_member_reads_the_list_and_comments(client, w):
    client.force_login(w.member_user)
    page = client.get(list_url(w)).content.decode()
    assert "Review the opening hours" in page
    assert "The report was presented in October." in page
    assert "Agree the heads of terms" in page  # exempt, but the member sits on the committee
    url = reverse("tracker:closure_comment", args=[w.next_meeting.pk, w.rec.pk])
    response = client.post(url, {"text": "Was the survey published?"})
    assert response.status_code == 302
    assert ClosureComment.objects.get().author == w.member
    assert "Was the survey published?" in client.get(list_url(w)).content.decode()
    rec_page = client.get(w.rec.get_absolute_url()).content.decode()
    assert "Was the survey published?" in rec_page
    assert f'href="{list_url(w)}"' in rec_page  # on the list for the meeting of 5 November


def test_a_member_of_another_committee_is_refused(client, w):
    client.force_login(w.outsider_user)
    assert client.get(list_url(w)).status_code == 403
    url = reverse("tracker:closure_comment", args=[w.next_meeting.pk, w.rec.pk])
    assert client.post(url, {"text": "Mine"}).status_code == 403
    assert not ClosureComment.objects.exists()


def test_the_public_never_sees_the_list_or_the_comments(client, w):
    comment = "A comment for the council only"
    services.closure_comment_add(recommendation=w.rec, meeting=w.next_meeting, text=comment)
    assert client.get(list_url(w)).status_code == 302  # sign in
    assert comment not in client.get(w.rec.get_absolute_url()).content.decode()


def test_an_empty_comment_gets_a_message(client, w):
    client.force_login(w.member_user)
    url = reverse("tracker:closure_comment", args=[w.next_meeting.pk, w.rec.pk])
    page = client.post(url, {"text": ""}).content.decode()
    assert "Enter your comment" in page


def formset(w, *rows):
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for index, (rec, outcome, note) in enumerate(rows):
        data |= {
            f"form-{index}-recommendation": str(rec.pk),
            f"form-{index}-version": str(rec.version),
            f"form-{index}-outcome": outcome,
            f"form-{index}-note": note,
        }
    return data


def test_the_scrutiny_officer_records_the_decisions_in_one_form(client, w):
    client.force_login(w.scrutiny)
    url = reverse("tracker:closure_decisions", args=[w.next_meeting.pk])
    page = client.get(url).content.decode()
    assert page.count('type="radio"') == 9
    response = client.post(
        url,
        formset(
            w,
            (w.rec, "agreed", ""),
            (w.other, "not_agreed", "Not yet published"),
            (w.ex_rec, "deferred", ""),
        ),
    )
    assert response.status_code == 302
    w.rec.refresh_from_db()
    assert w.rec.closure_agreed_at == w.next_meeting
    assert not w.rec.is_open
    page = client.get(w.other.get_absolute_url()).content.decode()
    assert "Closure not agreed: Not yet published" in page
    # The history shows the decision, with the committee's note, beside the changes.
    assert (
        "Closure not agreed by the committee at its meeting of 5 November 2024: Not yet published"
        in page
    )
    deferred = client.get(w.ex_rec.get_absolute_url()).content.decode()
    assert (
        "Closure deferred to the next meeting by the committee at its meeting of 5 November"
        in deferred
    )
    listed = client.get(list_url(w)).content.decode()
    assert "Decided at this meeting" in listed


def test_the_officer_sees_in_my_actions_why_closure_was_not_agreed(client, w):
    services.closure_decisions_record(
        meeting=w.next_meeting,
        decisions=[
            services.DecisionInput(w.other, "not_agreed", "Publish it first", w.other.version)
        ],
        by=w.scrutiny,
    )
    officer_user = UserFactory(username="sarah", role=Role.OFFICER)
    w.officer.user = officer_user
    w.officer.save()
    client.force_login(officer_user)
    page = client.get(reverse("tracker:my_actions")).content.decode()
    assert "Closure not agreed by the committee on 5 November 2024: Publish it first" in page


def test_not_agreed_without_a_note_is_a_message_and_nothing_is_saved(client, w):
    client.force_login(w.scrutiny)
    url = reverse("tracker:closure_decisions", args=[w.next_meeting.pk])
    page = client.post(url, formset(w, (w.rec, "agreed", ""), (w.other, "not_agreed", "")))
    assert "Enter why the committee did not agree to close it" in page.content.decode()
    assert not ClosureDecision.objects.exists()


def test_a_stale_decisions_form_says_so_and_saves_nothing(client, w):
    client.force_login(w.scrutiny)
    data = formset(w, (w.rec, "agreed", ""))
    services.recommendation_update(recommendation=w.rec, expected_version=w.rec.version, text="New")
    url = reverse("tracker:closure_decisions", args=[w.next_meeting.pk])
    page = client.post(url, data).content.decode()
    assert "Someone else changed recommendation" in page
    assert not ClosureDecision.objects.exists()


def test_decisions_recorded_by_someone_else_meanwhile_save_nothing_of_this_form(client, w):
    client.force_login(w.scrutiny)
    data = formset(w, (w.rec, "agreed", ""), (w.other, "deferred", ""))
    services.closure_decisions_record(
        meeting=w.next_meeting,
        decisions=[services.DecisionInput(w.other, "deferred", "", w.other.version)],
        by=w.scrutiny,
    )
    url = reverse("tracker:closure_decisions", args=[w.next_meeting.pk])
    page = client.post(url, data).content.decode()
    assert "The proposed closures changed since you opened this page" in page
    assert "Nothing has been saved" in page
    assert page.count('type="radio"') == 6  # the two still waiting, afresh
    w.rec.refresh_from_db()
    assert w.rec.is_open
    # Submitted again once all are recorded: said so, nothing twice.
    services.closure_decisions_record(
        meeting=w.next_meeting,
        decisions=[
            services.DecisionInput(w.rec, "deferred", "", w.rec.version),
            services.DecisionInput(w.ex_rec, "deferred", "", w.ex_rec.version),
        ],
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert ClosureDecision.objects.count() == 3


@pytest.mark.parametrize("role", [Role.MEMBER, Role.OFFICER])
def test_only_the_scrutiny_team_records_decisions_and_sends(client, w, role):
    client.force_login(UserFactory(role=role))
    url = reverse("tracker:closure_decisions", args=[w.next_meeting.pk])
    assert client.post(url, formset(w, (w.rec, "agreed", ""))).status_code == 403
    send = reverse("tracker:meeting_send_to_executive", args=[w.made.pk])
    assert client.post(send, {"addressee": "Cabinet", "sent_on": "2024-09-20"}).status_code == 403
    assert not ClosureDecision.objects.exists()
    assert not ExecutiveResponse.objects.exists()


def test_the_bulk_send_confirms_how_many(client, w):
    RecommendationFactory(item=w.item, text="Noted the report", kind="noting")
    client.force_login(w.scrutiny)
    url = reverse("tracker:meeting_send_to_executive", args=[w.made.pk])
    assert "Send 3 recommendations" in client.get(url).content.decode()
    page = client.post(url, {"addressee": "Cabinet", "sent_on": "2024-09-20"}).content.decode()
    assert "3 recommendations sent to Cabinet" in page
    assert "1 noting left out" in page


def test_the_bulk_send_with_a_bad_date_is_a_message(client, w):
    client.force_login(w.scrutiny)
    url = reverse("tracker:meeting_send_to_executive", args=[w.made.pk])
    data = {
        "addressee": "Cabinet",
        "sent_on-day": "31",
        "sent_on-month": "2",
        "sent_on-year": "2024",
    }
    page = client.post(url, data).content.decode()
    assert "Date sent must be a real date" in page
    assert not ExecutiveResponse.objects.exists()


def test_the_agenda_pack_downloads_hold_the_list(client, w):
    client.force_login(w.scrutiny)
    docx = client.get(reverse("exports:closures_download", args=[w.next_meeting.pk, "docx"]))
    assert docx.status_code == 200
    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "Review the opening hours" in xml
    assert "The report was presented in October." in xml
    pdf = client.get(reverse("exports:closures_download", args=[w.next_meeting.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    printed = client.get(reverse("exports:closures_print", args=[w.next_meeting.pk]))
    assert "Review the opening hours" in printed.content.decode()
    missing = reverse("exports:closures_download", args=[w.next_meeting.pk, "xlsx"])
    assert client.get(missing).status_code == 404


def test_comments_never_go_into_the_agenda_pack(client, w):
    services.closure_comment_add(recommendation=w.rec, meeting=w.next_meeting, text="SECRET-NOTE")
    client.force_login(w.scrutiny)
    printed = client.get(reverse("exports:closures_print", args=[w.next_meeting.pk]))
    assert "SECRET-NOTE" not in printed.content.decode()


def test_the_list_page_takes_constant_queries(client, w, django_assert_max_num_queries):
    client.force_login(w.scrutiny)
    client.get(list_url(w))
    with django_assert_max_num_queries(20):
        client.get(list_url(w))
    for n in range(5):
        rec = RecommendationFactory(item=w.item, text=f"More {n}", assignees=[w.officer])
        propose(rec, w.officer)
    with django_assert_max_num_queries(20):
        client.get(list_url(w))


def test_links_lead_to_the_list_from_the_meeting_committee_and_recommendation(client, w):
    client.force_login(w.member_user)
    url = list_url(w)
    assert url in client.get(w.next_meeting.get_absolute_url()).content.decode()
    client.force_login(w.scrutiny)
    assert reverse("tracker:meeting_send_to_executive", args=[w.made.pk]) in (
        client.get(w.made.get_absolute_url()).content.decode()
    )
