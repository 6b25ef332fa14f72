"""GOV.UK Design System components as template tags, so markup is written once."""

from django import forms, template
from django.core.paginator import Page
from django.forms.boundfield import BoundField

from scrutineer.core import components as c
from scrutineer.core.date_input import PARTS, DateInput, date_parts, error_part

register = template.Library()

# The components (core/components.py), with the Design System's option names. A tag given
# its content as text (`text=`, `value=`, `title=`) has no end tag; otherwise its body is HTML.
register.tag("govuk_table", c.tag_compiler(c.TableNode))
register.tag("govuk_table_head", c.tag_compiler(c.TableHeadNode))
register.tag("govuk_table_header", c.tag_compiler(c.TableHeaderNode, inline_when=("text",)))
register.tag("govuk_table_body", c.tag_compiler(c.TableBodyNode))
register.tag("govuk_table_row", c.tag_compiler(c.TableRowNode))
register.tag("govuk_table_cell", c.tag_compiler(c.TableCellNode, inline_when=("text",)))
register.tag("govuk_summary_list", c.tag_compiler(c.SummaryListNode))
register.tag("govuk_summary_list_row", c.tag_compiler(c.SummaryListRowNode, inline_when=("value",)))
register.tag("govuk_summary_card", c.tag_compiler(c.SummaryCardNode))
register.tag("govuk_summary_card_title", c.tag_compiler(c.SummaryCardTitleNode))
register.tag(
    "govuk_summary_card_action", c.tag_compiler(c.SummaryCardActionNode, inline_when=("href",))
)
register.tag(
    "govuk_notification_banner", c.tag_compiler(c.NotificationBannerNode, inline_when=("text",))
)
register.tag(
    "govuk_error_summary_item", c.tag_compiler(c.ErrorSummaryItemNode, inline_when=("text",))
)
register.tag("govuk_task_list", c.tag_compiler(c.TaskListNode))
register.tag("govuk_task_list_item", c.tag_compiler(c.TaskListItemNode, inline_when=("title",)))
register.tag("govuk_phase_banner", c.tag_compiler(c.PhaseBannerNode, inline_when=("text",)))
register.tag("govuk_service_navigation", c.tag_compiler(c.ServiceNavigationNode))
register.tag("govuk_service_navigation_item", c.tag_compiler(c.ServiceNavigationItemNode))


@register.simple_tag
def govuk_tag(text: object = "", classes: str = "") -> str:
    """`{% govuk_tag text="Overdue" classes="govuk-tag--red" %}`."""
    return c.tag_html(text, classes)


@register.inclusion_tag("govuk/pagination.html")
def govuk_pagination(page: Page, query: str = "", landmarkLabel: str = "") -> dict[str, object]:
    """`{% govuk_pagination page query %}`: links to the other pages of a list, keeping
    the rest of the query string (its filters)."""
    return c.pagination_context(page, query, landmarkLabel)


def _widget_kind(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, DateInput):
        return "date"
    # Before radios: Django's CheckboxSelectMultiple is a subclass of RadioSelect.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


_WIDGET_CLASSES = {
    "input": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
}


@register.inclusion_tag("includes/field.html")
def govuk_field(field: BoundField, hint: str = "", width: str = "") -> dict[str, object]:
    """One form field as a GOV.UK form group: label, hint, error message, control."""
    kind = _widget_kind(field)
    classes = [_WIDGET_CLASSES.get(kind, "")]
    if field.errors and kind in {"input", "textarea", "select", "file"}:
        classes.append(f"{classes[0]}--error")
    if width:
        classes.append(
            f"govuk-input--width-{width}" if width.isdigit() else f"govuk-!-width-{width}"
        )
    described_by = []
    hint = hint or str(field.help_text or "")
    if hint:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs: dict[str, str | bool] = {"class": " ".join(c for c in classes if c)}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return {
        "field": field,
        "kind": kind,
        "hint": hint,
        "widget_html": field.as_widget(attrs=attrs) if kind not in _DRAWN_HERE else "",
        "date_parts": _date_parts(field) if kind == "date" else (),
    }


_DRAWN_HERE = {"radios", "checkboxes", "date"}
_DATE_WIDTHS = {"day": 2, "month": 2, "year": 4}


def _date_parts(field: BoundField) -> list[dict[str, object]]:
    """The date input's three fields: id, name, label, value, width; all marked when wrong."""
    wrong = bool(field.errors)
    return [
        {
            "id": f"{field.auto_id}-{part}",
            "name": f"{field.html_name}-{part}",
            "label": part.capitalize(),
            "value": value,
            "classes": " ".join(
                [
                    "govuk-input",
                    "govuk-date-input__input",
                    f"govuk-input--width-{_DATE_WIDTHS[part]}",
                    *(["govuk-input--error"] if wrong else []),
                ]
            ),
        }
        for part, value in zip(PARTS, date_parts(field.value()), strict=True)
    ]


def error_target(field: BoundField) -> str:
    """Where an error summary's link for the field goes: its first input (a date's first
    wrong part, a list of options' first option), as the Design System asks."""
    kind = _widget_kind(field)
    if kind == "date":
        return f"#{field.auto_id}-{error_part(field)}"
    if kind in {"radios", "checkboxes"}:
        return f"#{field.auto_id}_0"
    return f"#{field.auto_id}"


def form_errors(forms_: list[forms.BaseForm | None]) -> list[tuple[str, str]]:
    """Each error of the bound forms with the link to its field; an error of no field
    links to the form's first question."""
    errors: list[tuple[str, str]] = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            first = next(iter(form.visible_fields()), None)
            errors.append((error_target(first) if first else "#main-content", str(error)))
        for bound in form.visible_fields():
            for error in bound.errors:
                errors.append((error_target(bound), str(error)))
    return errors


register.tag("govuk_error_summary", c.error_summary_compiler(form_errors))


@register.filter
def days_ago(days: int | None) -> str:
    """How long ago, in days, as a sentence says it: "today", "1 day ago", "12 days ago";
    a day still to come (an upcoming meeting) is "in 3 days", never "-3 days ago"."""
    if days is None:
        return ""
    if days == 0:
        return "today"
    if days < 0:
        return f"in {-days} day{'' if days == -1 else 's'}"
    return f"{days} day{'' if days == 1 else 's'} ago"
