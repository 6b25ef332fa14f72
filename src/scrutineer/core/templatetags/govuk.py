"""GOV.UK Design System components as template tags, so markup is written once."""

from django import forms, template
from django.forms.boundfield import BoundField

from scrutineer.core.date_input import PARTS, DateInput, date_parts, error_part

register = template.Library()


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


def _error_target(field: BoundField) -> str:
    """Where an error summary's link for the field goes: its first input (a date's first
    wrong part, a list of options' first option), as the Design System asks."""
    kind = _widget_kind(field)
    if kind == "date":
        return f"#{field.auto_id}-{error_part(field)}"
    if kind in {"radios", "checkboxes"}:
        return f"#{field.auto_id}_0"
    return f"#{field.auto_id}"


@register.inclusion_tag("includes/error_summary.html")
def govuk_error_summary(*forms_: forms.BaseForm) -> dict[str, object]:
    """The error summary at the top of a page: each error links to its field."""
    errors: list[tuple[str, str]] = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        for error in form.non_field_errors():
            first = next(iter(form.visible_fields()), None)
            errors.append((_error_target(first) if first else "#main-content", str(error)))
        for bound in form.visible_fields():
            for error in bound.errors:
                errors.append((_error_target(bound), str(error)))
    return {"errors": errors}


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
