"""Executive decisions and call-in (issue 22): the call-in deadline under the council's rule,
whether a decision may be implemented yet, call-in requests and their outcomes, who sees which
decision, the pages, the API, the calendar and the import."""

from __future__ import annotations

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse

from scrutineer.core.calendar import time_of_day, time_words
from scrutineer.core.models import ClosureDay
from scrutineer.files.parsers.errors import ImportRefused
from scrutineer.files.readers import read_decisions_file
from scrutineer.programme import selectors
from scrutineer.programme.models import CallIn, ExecutiveDecision
from scrutineer.programme.services.decision_imports import decisions_import
from scrutineer.programme.services.executive_decisions import (
    call_in_outcome_set,
    call_in_record,
    decision_create,
    decision_update,
)
from tests.committees.factories import CouncillorFactory, MeetingFactory, PersonFactory
from tests.imports import wizard

LONDON = ZoneInfo("Europe/London")
D = datetime.date


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


JUNE_11 = D(2025, 6, 11)


def decision(published: datetime.date | None = JUNE_11, **fields):
    defaults = {
        "title": "Fees and charges 2025/26",
        "decided_on": published or D(2025, 6, 10),
        "decision_maker": "Cabinet",
    }
    return decision_create(**(defaults | fields), published_at=at(published) if published else None)


def implementation(found, now):
    found = ExecutiveDecision.objects.prefetch_related("call_ins").get(pk=found.pk)
    return selectors.decision_implementation(
        found, now=now, rule=selectors.call_in_rule(), closures=selectors.closure_days()
    )


@pytest.fixture
def councillors(db):
    return [CouncillorFactory(name=f"Cllr {name}") for name in ("Ames", "Bell", "Carr")]


# The deadline, under the council's rule


@pytest.mark.parametrize(
    ("published", "last_day"),
    [
        pytest.param(D(2025, 6, 11), D(2025, 6, 18), id="wednesday-11-june-2025"),
        pytest.param(D(2025, 12, 18), D(2025, 12, 29), id="christmas-2025"),
        pytest.param(D(2026, 4, 2), D(2026, 4, 13), id="easter-2026"),
    ],
)
def test_the_deadline_is_five_working_days_after_publication_at_the_cut_off(
    db, settings, published, last_day
):
    settings.SCRUTINEER_CALL_IN_PERIOD = "working_days:5"
    settings.SCRUTINEER_CALL_IN_CUTOFF = "17:00"
    deadline = selectors.decision_call_in_deadline(
        decision(published), rule=selectors.call_in_rule(), closures=[]
    )
    assert deadline.astimezone(LONDON) == at(last_day, 17)


def test_without_a_cut_off_the_deadline_is_the_end_of_the_last_day(db, settings):
    settings.SCRUTINEER_CALL_IN_CUTOFF = ""
    found = decision(D(2026, 4, 2))
    deadline = selectors.decision_call_in_deadline(
        found, rule=selectors.call_in_rule(), closures=[]
    )
    assert deadline.astimezone(LONDON) == datetime.datetime(2026, 4, 13, 23, 59, 59, tzinfo=LONDON)
    assert implementation(found, at(D(2026, 4, 13), 20)).text == (
        "Call-in period open: may not be implemented before the period ends, at the end of "
        "Monday 13 April 2026."
    )


def test_the_councils_closure_days_move_the_deadline(db):
    ClosureDay.objects.create(date=D(2025, 12, 29), reason="Christmas closure")
    ClosureDay.objects.create(date=D(2025, 12, 30), reason="Christmas closure")
    found = decision(D(2025, 12, 18))
    deadline = selectors.decision_call_in_deadline(
        found, rule=selectors.call_in_rule(), closures=selectors.closure_days()
    )
    assert deadline.astimezone(LONDON).date() == D(2025, 12, 31)


def test_clear_days_are_a_rule_too(db, settings):
    settings.SCRUTINEER_CALL_IN_PERIOD = "clear_days:7"
    rule = selectors.call_in_rule()
    assert selectors.period_text(rule) == "7 clear days"
    deadline = selectors.decision_call_in_deadline(decision(D(2025, 6, 11)), rule=rule, closures=[])
    assert deadline.astimezone(LONDON).date() == D(2025, 6, 18)


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        pytest.param("SCRUTINEER_CALL_IN_CUTOFF", "teatime", "SCRUTINEER_CALL_IN_CUTOFF", id="cut"),
        pytest.param("SCRUTINEER_CALL_IN_PERIOD", "weeks:1", "SCRUTINEER_CALL_IN_PERIOD", id="per"),
    ],
)
def test_a_rule_the_settings_cannot_give_is_refused_in_words(settings, setting, value, message):
    setattr(settings, setting, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        selectors.call_in_rule()


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [
        ("17:00", datetime.time(17), "5pm"),
        ("5pm", datetime.time(17), "5pm"),
        ("10.30am", datetime.time(10, 30), "10:30am"),
        ("12pm", datetime.time(12), "midday"),
        ("12am", datetime.time(0), "12am"),
    ],
)
def test_times_are_read_as_people_type_them_and_written_as_govuk_does(text, expected, words):
    assert time_of_day(text) == expected
    assert time_words(expected) == words


@pytest.mark.parametrize("text", ["17", "25:00", "13pm", "noonish", "9:75"])
def test_what_is_not_a_time_is_not_read_as_one(text):
    assert time_of_day(text) is None


# Whether it may be implemented yet


def test_the_decision_says_plainly_whether_it_may_be_implemented(db, councillors):
    found = decision(D(2025, 6, 11))
    during = implementation(found, at(D(2025, 6, 18), 16, 59))
    assert (during.state, during.may_implement) == ("open", False)
    assert during.text == (
        "Call-in period open: may not be implemented before the period ends, at 5pm on "
        "Wednesday 18 June 2025."
    )
    after = implementation(found, at(D(2025, 6, 18), 17, 1))
    assert (after.state, after.may_implement) == ("may_implement", True)
    assert after.text == (
        "May be implemented (call-in period ended at 5pm on Wednesday 18 June 2025)."
    )

    call_in = call_in_record(
        decision=found,
        received_on=D(2025, 6, 16),
        signatories=councillors[:2],
        reasons="The consultation was too short.",
    )
    called = implementation(found, at(D(2025, 7, 1)))
    assert (called.state, called.may_implement) == ("called_in", False)
    assert called.text == (
        "Called in on 16 June 2025 — may not be implemented until the committee has considered it."
    )

    meeting = MeetingFactory(date=D(2025, 6, 24))
    call_in_outcome_set(
        call_in=call_in,
        status=CallIn.Status.REFERRED_BACK,
        outcome_on=D(2025, 6, 24),
        meeting=meeting,
    )
    referred = implementation(found, at(D(2025, 7, 1)))
    assert (referred.state, referred.tag, referred.may_implement) == (
        "called_in",
        "Referred back",
        False,
    )
    assert "referred back to the decision-maker on 24 June 2025" in referred.text

    call_in_outcome_set(
        call_in=call_in, status=CallIn.Status.NO_FURTHER_ACTION, outcome_on=D(2025, 6, 24)
    )
    done = implementation(found, at(D(2025, 7, 1)))
    assert (done.state, done.may_implement) == ("may_implement", True)
    assert "no further action on 24 June 2025" in done.text


def test_a_withdrawn_call_in_leaves_the_period_to_run_its_course(db, councillors):
    found = decision(D(2025, 6, 11))
    call_in = call_in_record(
        decision=found, received_on=D(2025, 6, 12), signatories=councillors, reasons="Cost."
    )
    call_in_outcome_set(call_in=call_in, status=CallIn.Status.WITHDRAWN, outcome_on=D(2025, 6, 13))
    assert implementation(found, at(D(2025, 6, 13))).state == "open"
    assert implementation(found, at(D(2025, 6, 19))).state == "may_implement"


def test_an_urgent_decision_is_exempt_from_call_in_and_says_why(db, councillors):
    found = decision(
        D(2025, 6, 11), exempt_from_call_in=True, urgency_reason="The sea wall is failing."
    )
    exempt = implementation(found, at(D(2025, 6, 11), 11))
    assert (exempt.state, exempt.may_implement, exempt.deadline) == ("exempt", True, None)
    assert exempt.text == "Exempt from call-in (urgent): The sea wall is failing."
    with pytest.raises(ValidationError, match="exempt from call-in"):
        call_in_record(
            decision=found, received_on=D(2025, 6, 12), signatories=councillors, reasons="No."
        )


def test_an_unpublished_decision_has_no_deadline_yet(db):
    found = decision(None, decided_on=D(2025, 6, 10))
    waiting = implementation(found, at(D(2025, 6, 30)))
    assert (waiting.state, waiting.may_implement) == ("unpublished", False)


# Call-in requests


def test_a_call_in_with_too_few_signatures_is_refused(db, settings, councillors):
    settings.SCRUTINEER_CALL_IN_MEMBERS = 3
    found = decision(D(2025, 6, 11))
    with pytest.raises(ValidationError) as refused:
        call_in_record(
            decision=found, received_on=D(2025, 6, 12), signatories=councillors[:2], reasons="X"
        )
    assert refused.value.message_dict["signatories"] == [
        "A call-in needs 3 members to sign it: select at least 3 councillors"
    ]
    assert not CallIn.objects.exists()


@pytest.mark.parametrize(
    ("received", "message"),
    [
        pytest.param(
            D(2025, 6, 19),
            "Date received must be on or before the end of the call-in period on 18 June 2025",
            id="late",
        ),
        pytest.param(
            D(2025, 6, 10),
            "Date received must be on or after publication on 11 June 2025",
            id="early",
        ),
        pytest.param(None, "Enter the date the call-in was received", id="missing"),
    ],
)
def test_a_call_in_must_arrive_within_the_period(db, councillors, received, message):
    found = decision(D(2025, 6, 11))
    with pytest.raises(ValidationError) as refused:
        call_in_record(decision=found, received_on=received, signatories=councillors, reasons="X")
    assert refused.value.message_dict["received_on"] == [message]


def test_only_councillors_sign_and_a_decision_is_called_in_once(db, councillors):
    found = decision(D(2025, 6, 11))
    officer = PersonFactory(name="Olive Officer")
    with pytest.raises(ValidationError, match="Olive Officer is not one"):
        call_in_record(
            decision=found,
            received_on=D(2025, 6, 12),
            signatories=[councillors[0], officer],
            reasons="X",
        )
    call_in_record(decision=found, received_on=D(2025, 6, 12), signatories=councillors, reasons="X")
    with pytest.raises(ValidationError, match="already been called in"):
        call_in_record(
            decision=found, received_on=D(2025, 6, 13), signatories=councillors, reasons="Y"
        )


def test_an_outcome_needs_its_date(db, councillors):
    found = decision(D(2025, 6, 11))
    call_in = call_in_record(
        decision=found, received_on=D(2025, 6, 12), signatories=councillors, reasons="X"
    )
    with pytest.raises(ValidationError) as refused:
        call_in_outcome_set(call_in=call_in, status="referred_to_council", outcome_on=None)
    assert refused.value.message_dict["outcome_on"] == ["Enter the date of the outcome"]


def test_a_decision_keeps_its_history_and_its_rules(db):
    found = decision(D(2025, 6, 11))
    with pytest.raises(ValidationError) as refused:
        decision_create(
            title="Fees and charges 2025/26",
            decided_on=D(2025, 6, 11),
            published_at=at(D(2025, 6, 10)),
            exempt_from_call_in=True,
        )
    errors = refused.value.message_dict
    assert errors["urgency_reason"] == ["Enter why the decision is urgent and exempt from call-in"]
    assert errors["published_on"] == [
        "Date published must be on or after the decision on 11 June 2025"
    ]
    fields = {
        name: getattr(found, name)
        for name in [
            "title",
            "decided_on",
            "decision_maker",
            "summary",
            "is_key_decision",
            "exempt_from_call_in",
            "urgency_reason",
            "forward_plan_item",
            "report_url",
            "published_at",
            "is_exempt",
            "external_reference",
        ]
    }
    decision_update(decision=found, **(fields | {"summary": "Agreed the fees."}))
    assert found.history.count() == 2
    decision_update(decision=found, **(fields | {"summary": "Agreed the fees."}))
    assert found.history.count() == 2  # nothing changed, nothing written


# Who sees which decision


def test_the_public_sees_published_open_decisions_and_councillors_see_all(
    db, member, officer, scrutiny_officer
):
    public = decision(D(2025, 6, 11), title="Public decision")
    exempt = decision(D(2025, 6, 11), title="Exempt decision", is_exempt=True)
    draft = decision(None, title="Draft decision", decided_on=D(2025, 6, 11))
    everything = {public, exempt, draft}
    assert set(selectors.decision_visible_list(AnonymousUser())) == {public}
    assert set(selectors.decision_visible_list(officer)) == {public}
    assert set(selectors.decision_visible_list(member)) == everything
    assert set(selectors.decision_visible_list(scrutiny_officer)) == everything


# The pages


def test_the_list_filters_and_its_queries_do_not_grow(
    client, db, councillors, django_assert_max_num_queries
):
    for number in range(3):
        decision(D(2025, 6, 2 + number), title=f"Decision {number}", is_key_decision=number == 0)
    called = decision(D(2025, 6, 11), title="Called in", decision_maker="Portfolio holder")
    call_in_record(
        decision=called, received_on=D(2025, 6, 12), signatories=councillors, reasons="X"
    )
    url = reverse("programme:decision_list")
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert page.status_code == 200
    for number in range(20):
        decision(D(2025, 5, 1 + number), title=f"More {number}")
    with django_assert_max_num_queries(12):
        client.get(url)
    titles = lambda response: [row.decision.title for row in response.context["page"].object_list]  # noqa: E731
    assert titles(client.get(url, {"state": "called_in"})) == ["Called in"]
    assert titles(client.get(url, {"decision_maker": "Portfolio holder"})) == ["Called in"]
    assert titles(client.get(url, {"key_only": "on"})) == ["Decision 0"]
    dated = client.get(
        url,
        {
            "decided_from-day": "3",
            "decided_from-month": "6",
            "decided_from-year": "2025",
            "decided_to-day": "4",
            "decided_to-month": "6",
            "decided_to-year": "2025",
        },
        follow=True,
    )
    assert titles(dated) == ["Decision 2", "Decision 1"]
    wrong = client.get(
        url,
        {"decided_from-day": "31", "decided_from-month": "2", "decided_from-year": "2025"},
        follow=True,
    ).content.decode()
    assert "Decided on or after must be a real date" in wrong


def test_the_decision_page_says_whether_it_may_be_implemented(client, db, councillors):
    found = decision(D(2025, 6, 11))
    call_in_record(decision=found, received_on=D(2025, 6, 12), signatories=councillors, reasons="X")
    page = client.get(found.get_absolute_url()).content.decode()
    assert "Called in on 12 June 2025 — may not be implemented until the committee has" in page
    assert "Cllr Ames, Cllr Bell, Cllr Carr" in page
    assert "Ends at 5pm on Wednesday 18 June 2025" in page


def test_the_public_gets_no_page_for_an_exempt_decision(client, db, member):
    exempt = decision(D(2025, 6, 11), is_exempt=True)
    assert client.get(exempt.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(exempt.get_absolute_url()).status_code == 200


def test_a_scrutiny_officer_records_a_decision_and_a_call_in_through_the_forms(
    client, scrutiny_officer, councillors, settings
):
    client.force_login(scrutiny_officer)
    response = client.post(
        reverse("programme:decision_add"),
        {
            "title": "Local Plan consultation",
            "decision_maker": "Cabinet",
            "decided_on-day": "10",
            "decided_on-month": "6",
            "decided_on-year": "2025",
            "published_on-day": "11",
            "published_on-month": "6",
            "published_on-year": "2025",
            "published_time": "4:30pm",
            "report_url": "https://democracy.example.gov.uk/report.pdf",
        },
    )
    found = ExecutiveDecision.objects.get()
    assert response["Location"] == found.get_absolute_url()
    assert found.published_at == at(D(2025, 6, 11), 16, 30)
    url = reverse("programme:call_in_add", args=[found.pk])
    few = client.post(
        url,
        {
            "received_on-day": "12",
            "received_on-month": "6",
            "received_on-year": "2025",
            "signatories": [councillors[0].pk],
            "reasons": "Too fast.",
        },
    )
    assert few.status_code == 200
    assert "A call-in needs 2 members to sign it: select at least 2 councillors" in (
        few.content.decode()
    )
    assert 'class="govuk-error-summary' in few.content.decode()
    ok = client.post(
        url,
        {
            "received_on-day": "12",
            "received_on-month": "6",
            "received_on-year": "2025",
            "signatories": [c.pk for c in councillors[:2]],
            "reasons": "Too fast.",
        },
    )
    assert ok.status_code == 302
    call_in = CallIn.objects.get()
    meeting = MeetingFactory(date=D(2025, 6, 24))
    outcome = client.post(
        reverse("programme:call_in_outcome", args=[call_in.pk]),
        {
            "status": "referred_to_council",
            "outcome_on-day": "24",
            "outcome_on-month": "6",
            "outcome_on-year": "2025",
            "meeting": meeting.pk,
        },
    )
    assert outcome.status_code == 302
    call_in.refresh_from_db()
    assert (call_in.status, call_in.meeting) == ("referred_to_council", meeting)
    assert call_in.history.first().history_user == scrutiny_officer


def test_the_form_asks_for_the_time_with_the_date_published(client, scrutiny_officer):
    client.force_login(scrutiny_officer)
    page = client.post(
        reverse("programme:decision_add"),
        {
            "title": "Local Plan consultation",
            "decision_maker": "Cabinet",
            "decided_on-day": "10",
            "decided_on-month": "6",
            "decided_on-year": "2025",
            "published_on-day": "11",
            "published_on-month": "6",
            "published_on-year": "2025",
            "published_time": "teatime",
        },
    ).content.decode()
    assert "Enter a real time, like 10:30am or 16:00" in page
    assert not ExecutiveDecision.objects.exists()


# The API and the calendar


def test_the_api_gives_the_deadline_and_state_and_hides_exempt_decisions(client, db, member):
    public = decision(D(2025, 6, 11), title="Public decision")
    decision(D(2025, 6, 11), title="Exempt decision", is_exempt=True)
    listed = client.get("/api/v1/decisions").json()
    assert [r["title"] for r in listed["results"]] == ["Public decision"]
    row = listed["results"][0]
    assert row["call_in_deadline"] == "2025-06-18T16:00:00Z"
    assert row["call_in_state"] == "may_implement"
    assert row["may_implement"] is True
    assert client.get(f"/api/v1/decisions/{public.pk}").json()["title"] == "Public decision"
    exempt_id = ExecutiveDecision.objects.get(is_exempt=True).pk
    assert client.get(f"/api/v1/decisions/{exempt_id}").status_code == 404
    client.force_login(member)
    # The API reads as a token's user; a browser session is the public.
    assert client.get("/api/v1/decisions").json()["count"] >= 1


def test_the_calendar_has_each_visible_deadline(client, db):
    decision(D(2025, 6, 11), title="Public decision")
    decision(D(2025, 6, 11), title="Exempt decision", is_exempt=True)
    decision(D(2025, 6, 11), title="Urgent decision", exempt_from_call_in=True, urgency_reason="X")
    body = client.get(reverse("programme:decision_calendar")).content
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert [str(e.get("summary")) for e in events] == ["Call-in deadline: Public decision"]
    assert events[0].decoded("dtstart") == at(D(2025, 6, 18), 17)


# The import


def decisions_csv(*rows, headers=None):
    out = io.StringIO()
    csv.writer(out).writerows(
        [
            headers
            or [
                "Decision title",
                "Decision maker",
                "Date of decision",
                "Key decision",
                "Date published",
                "Urgent",
                "Reason for urgency",
                "Reference",
            ],
            *rows,
        ]
    )
    return out.getvalue().encode()


GOOD = decisions_csv(
    ["Fees and charges", "Cabinet", "10 June 2025", "Yes", "11 June 2025 16:30", "No", "", "D1"],
    [
        "Sea wall repairs",
        "Cllr Smith",
        "12/06/2025",
        "no",
        "12/06/2025 at 9am",
        "yes",
        "Flooding",
        "",
    ],
)


def test_a_file_of_decisions_is_read_by_the_meaning_of_its_headers():
    fees, wall = read_decisions_file(GOOD, filename="decisions.csv")
    assert (fees.title, fees.is_key_decision, fees.external_reference) == (
        "Fees and charges",
        True,
        "D1",
    )
    assert fees.published == datetime.datetime(2025, 6, 11, 16, 30)
    assert (wall.exempt_from_call_in, wall.urgency_reason) == (True, "Flooding")
    assert wall.published == datetime.datetime(2025, 6, 12, 9, 0)


def test_a_bad_file_names_each_problem_by_row_and_column():
    bad = decisions_csv(
        ["", "Cabinet", "10 June 2025", "Yes", "", "No", "", ""],
        ["Fees", "Cabinet", "Junetember", "perhaps", "11 June 2025", "no", "", ""],
        ["Wall", "Cabinet", "12 June 2025", "no", "11 June 2025", "yes", "", ""],
    )
    with pytest.raises(ImportRefused) as refused:
        read_decisions_file(bad, filename="decisions.csv")
    problems = [(p.row, p.column, p.message) for p in refused.value.problems]
    assert problems == [
        (2, "Decision title", "Enter the title of the decision"),
        (3, "Date of decision", "“Junetember” is not a date; write it like “11 June 2025”"),
        (3, "Key decision", "“perhaps” is not yes or no"),
        (4, "Date published", "Date published must be on or after the date of the decision"),
        (4, "Reason for urgency", "Enter why the decision is urgent and exempt from call-in"),
    ]


def test_a_file_without_the_columns_it_needs_says_which():
    with pytest.raises(ImportRefused) as refused:
        read_decisions_file(decisions_csv(["X"], headers=["Subject"]), filename="d.csv")
    assert [p.message for p in refused.value.problems] == ["The file has no “Decision date” column"]


def test_decisions_are_imported_through_the_wizard_once_and_then_unchanged(
    client, scrutiny_officer
):
    client.force_login(scrutiny_officer)
    url = wizard.preview_url(client, "executive-decisions", "decisions.csv", GOOD)
    preview = client.get(url)
    assert [(r.line, r.action) for r in preview.context["report"].rows] == [
        (2, "create"),
        (3, "create"),
    ]
    assert not ExecutiveDecision.objects.exists()
    done = client.post(url, follow=True)
    assert done.redirect_chain[-1][0] == reverse("programme:decision_list")
    assert "Imported decisions.csv: 2 created, 0 updated, 0 unchanged." in done.content.decode()
    fees = ExecutiveDecision.objects.get(external_reference="D1")
    assert fees.published_at == at(D(2025, 6, 11), 16, 30)
    again = client.get(wizard.preview_url(client, "executive-decisions", "decisions.csv", GOOD))
    assert {r.action for r in again.context["report"].rows} == {"unchanged"}


def test_a_bad_file_imports_nothing_and_says_where(client, scrutiny_officer):
    client.force_login(scrutiny_officer)
    bad = decisions_csv(
        ["Fees", "Cabinet", "10 June 2025", "Yes", "", "No", "", ""],
        ["Wall", "Cabinet", "Junetember", "no", "", "no", "", ""],
    )
    url = wizard.preview_url(client, "executive-decisions", "decisions.csv", bad)
    page = client.get(url).content.decode()
    assert "decisions.csv cannot be imported" in page
    assert "decisions.csv, row 3, column “Date of decision”: “Junetember” is not a date" in page
    assert client.post(url).status_code == 200
    assert not ExecutiveDecision.objects.exists()


def test_an_import_updates_by_reference(db):
    decisions_import(decisions=read_decisions_file(GOOD, filename="d.csv"))
    changed = GOOD.replace(b"Fees and charges", b"Fees and charges 2025/26")
    report = decisions_import(decisions=read_decisions_file(changed, filename="d.csv"))
    assert [r.action for r in report.rows] == ["update", "unchanged"]
    assert ExecutiveDecision.objects.get(external_reference="D1").title == (
        "Fees and charges 2025/26"
    )


def test_the_decisions_pages_sit_under_the_forward_plan_in_the_navigation(db):
    from scrutineer.core.navigation import navigation_for

    items = navigation_for(AnonymousUser(), reverse("programme:decision_list") + "3/", reverse)
    assert [item.text for item in items if item.active] == ["Forward plan"]


def test_the_api_answers_from_the_clock_not_the_cache(client, db, settings, monkeypatch):
    """The public page cache keys on the records; a call-in period ends with the clock."""
    from django.core.cache import cache

    from scrutineer.core import clock

    cache.clear()
    settings.SCRUTINEER_PUBLIC_CACHE_SECONDS = 600
    decision(D(2025, 6, 11))
    monkeypatch.setattr(clock, "now", lambda: at(D(2025, 6, 18), 16))
    assert client.get("/api/v1/decisions").json()["results"][0]["call_in_state"] == "open"
    monkeypatch.setattr(clock, "now", lambda: at(D(2025, 6, 18), 18))
    assert client.get("/api/v1/decisions").json()["results"][0]["call_in_state"] == (
        "may_implement"
    )


def test_the_open_data_has_the_decisions_the_public_may_see(client, db):
    decision(D(2025, 6, 11), title="Public decision")
    decision(D(2025, 6, 11), title="Exempt decision", is_exempt=True)
    body = client.get(reverse("api:open_data_download", args=["executive-decisions", "csv"]))
    text = b"".join(body.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["title"], r["call_in_deadline"]) for r in rows] == [
        ("Public decision", "2025-06-18T16:00:00Z")
    ]


@pytest.mark.parametrize(
    ("published", "cut_off", "ends"),
    [
        pytest.param(D(2025, 12, 22), "17:00", at(D(2025, 12, 31), 17), id="christmas-5pm"),
        pytest.param(
            D(2025, 12, 22),
            "",
            at(D(2025, 12, 31), 23, 59) + datetime.timedelta(seconds=59),
            id="christmas-end-of-day",
        ),
        pytest.param(D(2025, 12, 31), "12:00", at(D(2026, 1, 8), 12), id="new-year-midday"),
        pytest.param(
            D(2025, 12, 31),
            "",
            at(D(2026, 1, 8), 23, 59) + datetime.timedelta(seconds=59),
            id="new-year-end-of-day",
        ),
        pytest.param(D(2027, 3, 25), "4pm", at(D(2027, 4, 5), 16), id="easter-2027-4pm"),
        pytest.param(
            D(2027, 3, 25),
            "",
            at(D(2027, 4, 5), 23, 59) + datetime.timedelta(seconds=59),
            id="easter-2027-end-of-day",
        ),
    ],
)
def test_deadlines_across_the_holidays_with_and_without_a_cut_off(
    db, settings, published, cut_off, ends
):
    settings.SCRUTINEER_CALL_IN_CUTOFF = cut_off
    found = decision(published)
    deadline = selectors.decision_call_in_deadline(
        found, rule=selectors.call_in_rule(), closures=[]
    )
    assert deadline == ends
    assert implementation(found, ends).state == "open"
    assert implementation(found, ends + datetime.timedelta(seconds=1)).state == "may_implement"


def test_a_call_in_received_in_time_can_be_recorded_after_the_period(
    client, scrutiny_officer, monkeypatch
):
    from scrutineer.core import clock

    found = decision(D(2025, 6, 11))
    monkeypatch.setattr(clock, "now", lambda: at(D(2025, 6, 20)))
    client.force_login(scrutiny_officer)
    page = client.get(found.get_absolute_url()).content.decode()
    assert "May be implemented (call-in period ended at 5pm on Wednesday 18 June 2025)." in page
    assert reverse("programme:call_in_add", args=[found.pk]) in page


def test_an_imported_decision_is_linked_to_its_forward_plan_entry_or_refused(db):
    from scrutineer.programme.models import ForwardPlanItem

    plan_item = ForwardPlanItem.objects.create(
        title="Fees and Charges", decision_date=D(2025, 6, 1)
    )
    headers = ["Title", "Decision date", "Forward plan item"]
    decisions_import(
        decisions=read_decisions_file(
            decisions_csv(["Fees 2025/26", "10 June 2025", "fees and charges"], headers=headers),
            filename="d.csv",
        )
    )
    assert ExecutiveDecision.objects.get().forward_plan_item == plan_item
    unknown = read_decisions_file(
        decisions_csv(["Parking", "10 June 2025", "Parking review"], headers=headers),
        filename="d.csv",
    )
    with pytest.raises(ImportRefused) as refused:
        decisions_import(decisions=unknown, filename="d.csv")
    assert [(p.row, p.column, p.message) for p in refused.value.problems] == [
        (2, "Forward plan item", "The forward plan has no entry “Parking review”")
    ]
    assert ExecutiveDecision.objects.count() == 1


def test_the_forward_plan_links_the_decisions_taken_that_the_reader_may_see(client, db, member):
    from scrutineer.programme.models import ForwardPlanItem

    plan_item = ForwardPlanItem.objects.create(
        title="Fees and charges", decision_date=D(2025, 6, 1)
    )
    decision(D(2025, 6, 11), title="Fees agreed", forward_plan_item=plan_item)
    decision(D(2025, 6, 11), title="Fees (exempt)", forward_plan_item=plan_item, is_exempt=True)
    url = reverse("programme:forward_plan_index") + "?when=past"
    page = client.get(url).content.decode()
    assert "Fees agreed" in page
    assert "Fees (exempt)" not in page
    client.force_login(member)
    assert "Fees (exempt)" in client.get(url).content.decode()


def test_the_council_sees_who_changed_the_decision_and_the_public_does_not(
    client, db, scrutiny_officer
):
    found = decision_create(
        title="Fees",
        decided_on=D(2025, 6, 10),
        published_at=at(D(2025, 6, 11)),
        by=scrutiny_officer,
    )
    assert "History of changes" not in client.get(found.get_absolute_url()).content.decode()
    client.force_login(scrutiny_officer)
    page = client.get(found.get_absolute_url()).content.decode()
    assert "History of changes" in page
    assert "Created" in page
