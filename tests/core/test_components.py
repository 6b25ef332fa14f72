"""The GOV.UK components' template tags (core/components.py): each draws the Design
System's markup from the macro's option names, escapes text and keeps HTML given as a body."""

import re
from pathlib import Path

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template import Context, Template

SRC = Path(__file__).resolve().parents[2] / "src" / "scrutineer"
COMPONENT_TEMPLATES = SRC / "core" / "templates" / "govuk"


def render(source: str, **context: object) -> str:
    html = Template("{% load govuk %}" + source).render(Context(context))
    return re.sub(r">\s+<", "><", html).strip()


def test_tag_escapes_its_text_and_adds_its_classes():
    html = render('{% govuk_tag text=word classes="govuk-tag--red" %}', word="<Overdue>")
    assert html == '<strong class="govuk-tag govuk-tag--red">&lt;Overdue&gt;</strong>'


def test_tag_filter_for_python_callers_is_the_same_component():
    from scrutineer.core.components import tag_html

    assert tag_html("Red", "govuk-tag--red") == render(
        '{% govuk_tag text="Red" classes="govuk-tag--red" %}'
    )


TABLE = """{% govuk_table caption="Things" captionClasses="govuk-table__caption--m"
    classes="scrutineer-table--stack" scrollRegion="Things, scrolling" firstCellIsHeader=True %}
  {% govuk_table_head %}
    {% govuk_table_header text="Name" %}
    {% govuk_table_header format="numeric" %}Count of {{ what }}{% endgovuk_table_header %}
    {% govuk_table_header label="" %}<span class="govuk-visually-hidden">Action</span>
    {% endgovuk_table_header %}
  {% endgovuk_table_head %}
  {% for name in names %}
    {% govuk_table_row %}
      {% govuk_table_cell text=name %}
      {% govuk_table_cell format="numeric" %}<b>{{ forloop.counter }}</b>{% endgovuk_table_cell %}
      {% govuk_table_cell %}<a href="#">Edit</a>{% endgovuk_table_cell %}
    {% endgovuk_table_row %}
  {% endfor %}
{% endgovuk_table %}"""


def test_table_draws_caption_head_and_body_in_a_labelled_scroll_region():
    html = render(TABLE.replace("\n    classes", " classes"), names=["a<b"], what="A&B")
    assert html.startswith(
        '<div class="scrutineer-table-scroll" role="region" aria-label="Things, scrolling"'
        ' tabindex="0"><table class="govuk-table scrutineer-table--stack">'
        '<caption class="govuk-table__caption govuk-table__caption--m">Things</caption>'
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<th scope="col" class="govuk-table__header">Name</th>'
        '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Count of A&amp;B'
        "</th>"
    )
    assert html.endswith("</tr></tbody></table></div>")
    assert '<tbody class="govuk-table__body"><tr class="govuk-table__row">' in html


def test_stacked_table_cells_carry_their_columns_names_and_first_cell_heads_the_row():
    html = render(TABLE.replace("\n    classes", " classes"), names=["a<b", "c"], what="A&B")
    assert '<th scope="row" class="govuk-table__header" data-label="Name">a&lt;b</th>' in html
    assert (
        '<td class="govuk-table__cell govuk-table__cell--numeric" data-label="Count of A&amp;B">'
        "<b>2</b></td>" in html
    )
    # A column whose header is only for screen readers shows no name above its cells.
    assert '<td class="govuk-table__cell"><a href="#">Edit</a></td>' in html


def test_table_that_does_not_stack_gives_no_data_labels_and_no_region_unless_asked():
    html = render(
        "{% govuk_table %}{% govuk_table_head %}{% govuk_table_header text='A' %}"
        "{% endgovuk_table_head %}{% govuk_table_row %}{% govuk_table_cell text='1' %}"
        "{% endgovuk_table_row %}{% endgovuk_table %}"
    )
    assert html == (
        '<table class="govuk-table"><thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<th scope="col" class="govuk-table__header">A</th></tr></thead>'
        '<tbody class="govuk-table__body"><tr class="govuk-table__row">'
        '<td class="govuk-table__cell">1</td></tr></tbody></table>'
    )


def test_table_of_row_groups_has_a_body_for_each_and_a_rowgroup_header():
    html = render(
        "{% govuk_table %}{% for group in groups %}{% govuk_table_body %}"
        '{% govuk_table_row %}{% govuk_table_cell text=group header=True scope="rowgroup" '
        'colspan="2" %}{% endgovuk_table_row %}{% endgovuk_table_body %}{% endfor %}'
        "{% endgovuk_table %}",
        groups=["One", "Two"],
    )
    assert html.count('<tbody class="govuk-table__body">') == 2
    assert '<th scope="rowgroup" class="govuk-table__header" colspan="2">One</th>' in html


def test_row_drawn_apart_from_its_table_names_its_cells_itself():
    html = render(
        '{% govuk_table_row %}{% govuk_table_cell text="5" label="Value" format="numeric" %}'
        "{% endgovuk_table_row %}"
    )
    assert html == (
        '<tr class="govuk-table__row"><td class="govuk-table__cell govuk-table__cell--numeric"'
        ' data-label="Value">5</td></tr>'
    )


def test_option_strings_may_hold_variables_which_are_escaped():
    html = render(
        "{% govuk_table caption=\"{{ name }} as at {{ when|date:'j F Y' }}\" %}"
        "{% endgovuk_table %}",
        name="A & B",
        when=__import__("datetime").date(2026, 3, 1),
    )
    assert '<caption class="govuk-table__caption">A &amp; B as at 1 March 2026</caption>' in html


def test_summary_list_marks_rows_without_actions_only_when_another_row_has_one():
    html = render(
        '{% govuk_summary_list classes="govuk-summary-list--no-border" %}'
        '{% govuk_summary_list_row key="Name" value=name %}'
        '{% govuk_summary_list_row key="Link" actionHref="/edit" '
        'actionVisuallyHiddenText="the link" %}<a href="/x">x</a>{% endgovuk_summary_list_row %}'
        "{% endgovuk_summary_list %}",
        name="<Ann>",
    )
    assert html == (
        '<dl class="govuk-summary-list govuk-summary-list--no-border">'
        '<div class="govuk-summary-list__row govuk-summary-list__row--no-actions">'
        '<dt class="govuk-summary-list__key">Name</dt>'
        '<dd class="govuk-summary-list__value">&lt;Ann&gt;</dd></div>'
        '<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Link</dt>'
        '<dd class="govuk-summary-list__value"><a href="/x">x</a></dd>'
        '<dd class="govuk-summary-list__actions"><a class="govuk-link" href="/edit">Change'
        '<span class="govuk-visually-hidden"> the link</span></a></dd></div></dl>'
    )
    plain = render(
        '{% govuk_summary_list %}{% govuk_summary_list_row key="A" value="1" keyId="a" %}'
        "{% endgovuk_summary_list %}"
    )
    assert "no-actions" not in plain
    assert '<dt class="govuk-summary-list__key" id="a">A</dt>' in plain


def test_summary_card_with_one_action_and_with_several():
    one = render(
        '{% govuk_summary_card title=title headingLevel=3 id="rec-1" %}'
        '{% govuk_summary_card_action href="/v" text="View" visuallyHiddenText="rec 1" %}'
        "<p>Body</p>{% endgovuk_summary_card %}",
        title="R&D",
    )
    assert one == (
        '<div class="govuk-summary-card" id="rec-1"><div class="govuk-summary-card__title-wrapper">'
        '<h3 class="govuk-summary-card__title">R&amp;D</h3>'
        '<div class="govuk-summary-card__actions"><a class="govuk-link" href="/v">View'
        '<span class="govuk-visually-hidden"> rec 1</span></a></div></div>'
        '<div class="govuk-summary-card__content"><p>Body</p></div></div>'
    )
    several = render(
        "{% govuk_summary_card %}{% govuk_summary_card_title %}<b>T</b>"
        "{% endgovuk_summary_card_title %}"
        '{% govuk_summary_card_action href="/a" text="A" %}'
        '{% if more %}{% govuk_summary_card_action href="/b" text="B" %}{% endif %}'
        "{% endgovuk_summary_card %}",
        more=True,
    )
    assert '<h2 class="govuk-summary-card__title"><b>T</b></h2>' in several
    assert (
        '<ul class="govuk-summary-card__actions"><li class="govuk-summary-card__action">'
        '<a class="govuk-link" href="/a">A</a></li><li class="govuk-summary-card__action">'
        '<a class="govuk-link" href="/b">B</a></li></ul>'
    ) in several


@pytest.mark.parametrize(
    ("options", "role", "title", "modifier"),
    [
        pytest.param('type="success"', "alert", "Success", True, id="success"),
        pytest.param('type="info"', "region", "Important", False, id="other-levels-important"),
        pytest.param('titleText="Note"', "region", "Note", False, id="own-title"),
    ],
)
def test_notification_banner(options, role, title, modifier):
    html = render(
        f'{{% govuk_notification_banner {options} text=message titleId="t1" %}}',
        message="Saved <now>",
    )
    assert f'role="{role}" aria-labelledby="t1" data-module="govuk-notification-banner"' in html
    assert f'<h2 class="govuk-notification-banner__title" id="t1">{title}</h2>' in html
    assert ("govuk-notification-banner--success" in html) is modifier
    assert '<p class="govuk-notification-banner__heading">Saved &lt;now&gt;</p>' in html


def test_notification_banner_with_html_content():
    html = render(
        '{% govuk_notification_banner %}<p class="govuk-body">Hi</p>'
        "{% endgovuk_notification_banner %}"
    )
    assert (
        '<div class="govuk-notification-banner__content"><p class="govuk-body">Hi</p></div>' in html
    )
    assert "govuk-notification-banner__heading" not in html


class _Form(forms.Form):
    name = forms.CharField(error_messages={"required": "Enter a name"})


def test_error_summary_of_forms_links_each_error_to_its_field():
    html = render("{% govuk_error_summary form %}", form=_Form(data={}))
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in html
    assert '<li><a href="#id_name">Enter a name</a></li>' in html
    assert render("{% govuk_error_summary form %}", form=_Form()) == ""


def test_error_summary_block_with_title_description_and_items():
    html = render(
        '{% govuk_error_summary titleText="{{ file }} cannot be imported" %}<p>Nothing saved.</p>'
        '{% govuk_error_summary_item text="Row 2: no date" %}'
        '{% govuk_error_summary_item text="Pick one" href="#decisions" %}'
        "{% endgovuk_error_summary %}",
        file="a.csv",
    )
    assert '<h2 class="govuk-error-summary__title">a.csv cannot be imported</h2>' in html
    assert (
        '<div class="govuk-error-summary__body"><p>Nothing saved.</p>'
        '<ul class="govuk-list govuk-error-summary__list"><li>Row 2: no date</li>'
        '<li><a href="#decisions">Pick one</a></li></ul></div>'
    ) in html
    described = render(
        "{% govuk_error_summary descriptionText=error %}{% endgovuk_error_summary %}",
        error="You cannot do that",
    )
    assert '<p class="govuk-body">You cannot do that</p>' in described
    assert "govuk-error-summary__list" not in described


def test_pagination_links_keep_the_query_and_mark_the_current_page():
    page = Paginator(range(50), 20).page(2)
    html = render("{% govuk_pagination page query %}", page=page, query="q=a&b")
    assert '<nav class="govuk-pagination" aria-label="Pagination">' in html
    assert 'href="?q=a&amp;b&amp;page=1" rel="prev"' in html
    assert 'href="?q=a&amp;b&amp;page=3" rel="next"' in html
    assert (
        '<li class="govuk-pagination__item govuk-pagination__item--current">'
        '<a class="govuk-link govuk-pagination__link" href="?q=a&amp;b&amp;page=2" '
        'aria-label="Page 2" aria-current="page">2</a></li>'
    ) in html
    assert render("{% govuk_pagination page %}", page=Paginator(range(5), 20).page(1)) == ""


def test_task_list_numbers_its_items_under_the_prefix():
    html = render(
        '{% govuk_task_list idPrefix="task-7" %}'
        '{% govuk_task_list_item title="Brief" href="/b" hint="Due Monday" '
        'statusText="Completed" %}'
        '{% govuk_task_list_item href="/t" statusTag="Not yet started" '
        'statusTagClasses="govuk-tag--blue" %}'
        'Tracker <span class="govuk-visually-hidden">for X</span>{% endgovuk_task_list_item %}'
        "{% endgovuk_task_list %}"
    )
    assert html.startswith('<ul class="govuk-task-list"><li class="govuk-task-list__item')
    assert 'aria-describedby="task-7-1-hint task-7-1-status">Brief</a>' in html
    assert '<div id="task-7-1-hint" class="govuk-task-list__hint">Due Monday</div>' in html
    assert '<div class="govuk-task-list__status" id="task-7-1-status">Completed</div>' in html
    assert 'aria-describedby="task-7-2-status">Tracker <span' in html
    assert '<strong class="govuk-tag govuk-tag--blue">Not yet started</strong>' in html


def test_phase_banner():
    html = render(
        '{% govuk_phase_banner tag="Beta" %}New <a href="/f">feedback</a>'
        "{% endgovuk_phase_banner %}"
    )
    assert html == (
        '<div class="govuk-phase-banner"><p class="govuk-phase-banner__content">'
        '<strong class="govuk-tag govuk-phase-banner__content__tag">Beta</strong>'
        '<span class="govuk-phase-banner__text">New <a href="/f">feedback</a></span></p></div>'
    )


def test_service_navigation_marks_the_active_item_and_appends_the_end_slot():
    from scrutineer.core.navigation import NavigationItem

    items = [
        NavigationItem(text="Committees", href="/c/", active=True),
        NavigationItem(text="Users", href="/u/", active=False, tool=True),
    ]
    html = render(
        "{% govuk_service_navigation navigation=items %}"
        "{% govuk_service_navigation_item classes='x' %}<a href='/in'>Sign in</a>"
        "{% endgovuk_service_navigation_item %}{% endgovuk_service_navigation %}",
        items=items,
    )
    assert '<section aria-label="Service information" class="govuk-service-navigation"' in html
    assert (
        '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">'
        '<a class="govuk-service-navigation__link" href="/c/" aria-current="page">'
        '<strong class="govuk-service-navigation__active-fallback">Committees</strong></a></li>'
    ) in html
    assert (
        '<li class="govuk-service-navigation__item '
        'scrutineer-service-navigation__item--small-screens">'
    ) in html
    assert html.endswith(
        "<li class=\"govuk-service-navigation__item x\"><a href='/in'>Sign in</a></li>"
        "</ul></nav></div></div></section>"
    )


# No hand-copied component markup ----------------------------------------------------------

COMPONENTS = (
    "tag|summary-list|summary-card|notification-banner|pagination|error-summary|task-list"
    "|table|service-navigation|phase-banner"
)
# A class of one of these components, in a class attribute (not a tag's `classes=` option).
HAND_MARKUP = re.compile(r'\bclass="([^"]*)"')
COMPONENT_CLASS = re.compile(rf"^govuk-({COMPONENTS})(__[\w-]+|--[\w-]+)?$")
# Classes the Design System asks for inside content given to a component as HTML.
ALLOWED_INSIDE = {
    "govuk-notification-banner__heading",
    "govuk-notification-banner__link",
    "govuk-service-navigation__link",
}


def hand_written_component_classes(text: str) -> list[str]:
    found = []
    for attribute in HAND_MARKUP.findall(text):
        for name in attribute.split():
            if COMPONENT_CLASS.match(name) and name not in ALLOWED_INSIDE:
                found.append(name)
    return found


def test_the_check_finds_hand_written_markup_and_ignores_tag_options():
    assert hand_written_component_classes(
        '<strong class="govuk-tag govuk-tag--red">x</strong>'
    ) == [
        "govuk-tag",
        "govuk-tag--red",
    ]
    assert hand_written_component_classes('<td class="x govuk-table__cell">') == [
        "govuk-table__cell"
    ]
    assert hand_written_component_classes('{% govuk_tag text="x" classes="govuk-tag--red" %}') == []
    assert hand_written_component_classes('<p class="govuk-notification-banner__heading">') == []
    assert hand_written_component_classes('<p class="govuk-body govuk-table-like">') == []


def test_no_template_outside_the_components_hand_copies_their_markup():
    offenders = {}
    for path in SRC.rglob("templates/**/*.html"):
        if COMPONENT_TEMPLATES in path.parents:
            continue
        found = hand_written_component_classes(path.read_text())
        if found:
            offenders[str(path.relative_to(SRC))] = sorted(set(found))
    assert offenders == {}, (
        f"Draw these with the {{% govuk_* %}} tags of core/templatetags/govuk.py: {offenders}"
    )
