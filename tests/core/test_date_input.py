"""The GOV.UK date input: three fields, month names accepted, errors in the Design System's
words, the error summary pointing at the wrong part, and GET forms made canonical."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.http import QueryDict
from django.template import Context, Template

from scrutineer.core.date_input import DateField, canonical_query


class MeetingDateForm(forms.Form):
    date = DateField(label="Date of the meeting")
    due = DateField(label="Due date", required=False)


def _form(**typed: str) -> MeetingDateForm:
    return MeetingDateForm(data=typed)


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("30", "6", "2027", datetime.date(2027, 6, 30)),
        ("30", "06", "2027", datetime.date(2027, 6, 30)),
        ("1", "June", "2027", datetime.date(2027, 6, 1)),
        ("1", "sept", "2027", datetime.date(2027, 9, 1)),
        (" 7 ", "Feb.", "2028", datetime.date(2028, 2, 7)),
    ],
)
def test_a_real_date_in_three_fields(day, month, year, expected):
    form = _form(**{"date-day": day, "date-month": month, "date-year": year})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["date"] == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({}, "Enter date of the meeting"),
        ({"date-month": "6", "date-year": "2027"}, "Date of the meeting must include a day"),
        ({"date-day": "30", "date-year": "2027"}, "Date of the meeting must include a month"),
        ({"date-day": "30"}, "Date of the meeting must include a month and year"),
        (
            {"date-day": "30", "date-month": "2", "date-year": "2027"},
            "Date of the meeting must be a real date",
        ),
        (
            {"date-day": "30", "date-month": "Juno", "date-year": "2027"},
            "Date of the meeting must be a real date",
        ),
        (
            {"date-day": "30", "date-month": "6", "date-year": "27"},
            "Year must include 4 numbers",
        ),
        # What the browser's date picker made of a typed "30062027": never a date here.
        (
            {"date-day": "30062027", "date-month": "", "date-year": ""},
            "Date of the meeting must include a month and year",
        ),
    ],
)
def test_each_way_a_date_can_be_wrong_has_its_own_message(typed, message):
    form = _form(**typed)
    assert not form.is_valid()
    assert form.errors["date"] == [message]


def test_an_optional_date_left_empty_is_none():
    form = _form(**{"date-day": "1", "date-month": "1", "date-year": "2027"})
    assert form.is_valid()
    assert form.cleaned_data["due"] is None


def test_one_field_as_a_script_posts_it_is_read_too():
    form = MeetingDateForm(data={"date": "2027-06-30"})
    assert form.is_valid()
    assert form.cleaned_data["date"] == datetime.date(2027, 6, 30)
    assert not MeetingDateForm(data={"date": "30/06/2027"}).is_valid()


def _render(form: MeetingDateForm) -> str:
    template = Template("{% load govuk %}{% govuk_error_summary form %}{% govuk_field form.date %}")
    return template.render(Context({"form": form}))


def test_the_field_is_the_design_systems_date_input_and_keeps_what_was_typed():
    page = _render(_form(**{"date-day": "30", "date-month": "", "date-year": "2027"}))
    assert 'type="date"' not in page
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Date of the' in page
    for part, value in (("day", "30"), ("month", ""), ("year", "2027")):
        assert f'id="id_date-{part}" name="date-{part}" type="text" inputmode="numeric" ' in page
        assert f'name="date-{part}" type="text" inputmode="numeric" value="{value}"' in page
    # The error summary links to the part that is missing.
    assert '<a href="#id_date-month">Date of the meeting must include a month</a>' in page
    assert "govuk-input--error" in page


def test_an_initial_date_fills_the_three_fields():
    form = MeetingDateForm(initial={"date": datetime.date(2026, 3, 27)})
    page = _render(form)
    assert 'name="date-day" type="text" inputmode="numeric" value="27"' in page
    assert 'name="date-month" type="text" inputmode="numeric" value="3"' in page
    assert 'name="date-year" type="text" inputmode="numeric" value="2026"' in page


def test_a_get_forms_three_fields_become_the_one_field_pages_read():
    query = QueryDict("q=budget&as_at-day=5&as_at-month=June&as_at-year=2026&page=2")
    canonical = canonical_query(query)
    assert canonical is not None
    assert canonical.dict() == {"q": "budget", "as_at": "2026-06-05", "page": "2"}
    emptied = canonical_query(QueryDict("date_from-day=&date_from-month=&date_from-year="))
    assert emptied is not None
    assert emptied.dict() == {}
    assert canonical_query(QueryDict("q=budget&status=open")) is None
    # Parameters that are merely named like a part are left alone.
    assert canonical_query(QueryDict("year=2024&quarter=4&month=3&day=1")) is None


def test_a_get_search_with_a_date_redirects_to_its_canonical_query(client, db):
    response = client.get("/api/open-data/", {"x-day": "5", "x-month": "6", "x-year": "2026"})
    assert response.status_code == 302
    assert response["Location"] == "/api/open-data/?x=2026-06-05"
    wrong = client.get("/api/open-data/", {"x-day": "31", "x-month": "6", "x-year": "2026"})
    assert wrong["Location"] == "/api/open-data/?x=2026-6-31"  # kept as typed, for its error
