"""The dashboard's filters: framework, quarter, directorate and theme, read once from the
query for the page and for the report it downloads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.http import QueryDict

from scrutineer.core.calendar import period_label
from scrutineer.performance.models import Framework
from scrutineer.performance.selectors.frameworks import (
    framework_chosen,
    framework_default_period,
    framework_filter_choices,
    framework_list,
    framework_periods,
)


class DashboardFilterForm(forms.Form):
    framework = forms.TypedChoiceField(coerce=int, required=False)
    period = forms.ChoiceField(label="Quarter", required=False)
    directorate = forms.ChoiceField(required=False)
    theme = forms.ChoiceField(label="Priority or theme", required=False)

    def __init__(
        self,
        *args,
        frameworks: list[Framework],
        periods: list[tuple[int, int]],
        directorates: list[str],
        themes: list[str],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        fields = cast(dict[str, forms.ChoiceField], self.fields)
        fields["framework"].choices = [(f.pk, str(f)) for f in frameworks]
        fields["period"].choices = [(f"{y}-{q}", period_label(y, q)) for y, q in periods]
        fields["directorate"].choices = [("", "All directorates"), *((d, d) for d in directorates)]
        fields["theme"].choices = [("", "All themes"), *((t, t) for t in themes)]


@dataclass
class DashboardFilters:
    """The dashboard's filters read from a query string, once, for the page and its report."""

    frameworks: list[Framework]
    framework: Framework | None
    form: DashboardFilterForm | None = None
    year: int | None = None  # None when there are no figures, or the query is not valid
    quarter: int = 0
    directorate: str = ""
    theme: str = ""


def dashboard_filters(*, data: QueryDict, user: Any) -> DashboardFilters:
    """The framework, quarter, directorate and theme a query asks for; when it names no
    quarter, the one ``framework_default_period`` opens on."""
    frameworks = framework_list()
    framework = framework_chosen(frameworks, data.get("framework", ""))
    found = DashboardFilters(frameworks=frameworks, framework=framework)
    if framework is None:
        return found
    periods = framework_periods(framework, user)
    directorates, themes = framework_filter_choices(framework)
    data = data.copy()
    data["framework"] = str(framework.pk)
    default = framework_default_period(framework, user, periods)
    if default:
        data.setdefault("period", f"{default[0]}-{default[1]}")
    found.form = DashboardFilterForm(
        data, frameworks=frameworks, periods=periods, directorates=directorates, themes=themes
    )
    if periods and found.form.is_valid():
        found.year, found.quarter = (int(p) for p in found.form.cleaned_data["period"].split("-"))
        found.directorate = found.form.cleaned_data["directorate"]
        found.theme = found.form.cleaned_data["theme"]
    return found
