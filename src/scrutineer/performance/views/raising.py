"""What scrutiny takes up from a red or worsening indicator: a recommendation, or an item
on a committee's work programme."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from scrutineer.core import permissions
from scrutineer.core.calendar import period_label
from scrutineer.core.forms import add_service_errors
from scrutineer.core.permissions import permission_required
from scrutineer.performance import services
from scrutineer.performance.forms.raising import RaiseRecommendationForm, WorkProgrammeForm
from scrutineer.performance.models import Indicator
from scrutineer.performance.views.shared import indicator_or_404, refusal_show


def _period_initial(request: HttpRequest) -> dict[str, Any]:
    return {"year": request.GET.get("year"), "quarter": request.GET.get("quarter")}


@permission_required(permissions.can_raise_from_indicator)
def raise_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_or_404(pk)
    form = RaiseRecommendationForm(request.POST or None, initial=_period_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recommendation = services.indicator_raise_recommendation(
                indicator=indicator,
                year=data["year"],
                quarter=data["quarter"],
                meeting=data["meeting"],
                text=data["text"],
                assignees=data["assignees"],
                by=request.user,
            )
        except services.PerformanceRuleBroken as refused:
            refusal_show(form, refused)
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            messages.success(
                request, f"Recommendation {recommendation.reference} raised from {indicator.code}."
            )
            return redirect(indicator)
    return _raise_form(request, indicator, form, "Raise a recommendation", "Raise recommendation")


@permission_required(permissions.can_raise_from_indicator)
def add_to_work_programme(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_or_404(pk)
    initial = {**_period_initial(request), "title": f"Performance: {indicator.name}"}
    form = WorkProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.indicator_add_to_work_programme(
                indicator=indicator, by=request.user, **form.cleaned_data
            )
        except services.PerformanceRuleBroken as refused:
            refusal_show(form, refused)
        except ValidationError as refused:
            add_service_errors(form, refused)
        else:
            messages.success(request, f"“{item.title}” added to {item.committee}'s work programme.")
            return redirect(indicator)
    return _raise_form(request, indicator, form, "Add to a work programme", "Add to work programme")


def _raise_form(
    request: HttpRequest, indicator: Indicator, form: Any, title: str, submit: str
) -> HttpResponse:
    year, quarter = str(form["year"].value()), str(form["quarter"].value())
    period = period_label(int(year), int(quarter)) if year.isdigit() and quarter.isdigit() else ""
    return render(
        request,
        "performance/form.html",
        {"form": form, "indicator": indicator, "title": title, "submit": submit, "period": period},
    )
