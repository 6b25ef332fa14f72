"""The performance pages' display helpers print the words the printed report prints."""

import pytest
from django.template import Context, Template

from scrutineer.files.labels import RAG_LABELS
from scrutineer.performance.templatetags.performance_tags import (
    direction,
    financial_year,
    rag_labels,
    rag_tag,
)


@pytest.mark.parametrize(
    ("rag", "css"),
    [
        pytest.param("red", "govuk-tag--red", id="red"),
        pytest.param("amber", "govuk-tag--orange", id="amber"),
        pytest.param("green", "govuk-tag--green", id="green"),
        pytest.param("blue", "govuk-tag--blue", id="not-rated"),
    ],
)
def test_a_rag_tag_names_the_rag_in_the_reports_words(rag, css):
    assert rag_tag(rag) == f'<strong class="govuk-tag {css}">{RAG_LABELS[rag]}</strong>'


def test_an_unknown_rag_is_a_grey_tag_with_its_own_name():
    assert rag_tag("purple") == '<strong class="govuk-tag govuk-tag--grey">purple</strong>'


def test_the_breakdown_headings_are_the_report_words_in_the_reports_order():
    assert rag_labels() == ["Red", "Amber", "Green", "Not rated"]
    rendered = Template(
        "{% load performance_tags %}{% rag_labels as labels %}{{ labels|join:',' }}"
    )
    assert rendered.render(Context()) == "Red,Amber,Green,Not rated"


def test_direction_and_financial_year():
    assert direction("unchanged") == "No change"
    assert direction("sideways") == "sideways"
    assert financial_year(2024) == "2024/25"
    assert financial_year(1999) == "1999/00"


def test_an_indicator_row_is_written_once_however_many_tables_show_it(red_indicator, monkeypatch):
    from django.contrib.auth.models import AnonymousUser

    from scrutineer.performance.selectors.dashboard import framework_dashboard
    from scrutineer.performance.templatetags import performance_tags

    board = framework_dashboard(
        user=AnonymousUser(), framework=red_indicator.framework, year=2024, quarter=1
    )
    row = board.rows[0]
    first = performance_tags.indicator_row(row)
    assert red_indicator.name in first
    assert first.startswith('<tr class="govuk-table__row">')
    monkeypatch.setattr(
        performance_tags, "get_template", lambda name: pytest.fail("the row was written again")
    )
    assert performance_tags.indicator_row(row) == first
