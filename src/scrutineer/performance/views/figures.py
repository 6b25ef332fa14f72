"""An indicator's figures and targets: setting a year's targets, recording (or correcting)
a period's figure, and approving a figure for publication."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from scrutineer.core import clock, permissions
from scrutineer.core.calendar import period_label
from scrutineer.core.permissions import permission_required
from scrutineer.performance import services
from scrutineer.performance.forms.editing import MeasurementForm, TargetsForm
from scrutineer.performance.models import Indicator, Measurement
from scrutineer.performance.selectors.editing import indicator_targets_page, measurement_entry
from scrutineer.performance.views.shared import (
    edit_form_render,
    indicator_or_404,
    query_int,
    refusal_show,
)


@require_POST
@permission_required(permissions.can_manage_performance)
def measurement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    measurement = get_object_or_404(Measurement.objects.select_related("indicator"), pk=pk)
    try:
        services.measurement_approve(measurement=measurement, by=request.user)
        messages.success(request, f"{measurement} approved for publication.")
    except services.PerformanceRuleBroken as refused:
        messages.error(request, str(refused))
    return redirect(measurement.indicator)


@permission_required(permissions.can_manage_performance)
def indicator_targets(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_or_404(pk)
    page = indicator_targets_page(indicator, today=clock.today(), year=query_int(request, "year"))
    initial: dict[str, Any] = {"year": page.year, "annual": page.stored.get(None)}
    initial.update({f"q{q}": page.stored.get(q) for q in range(1, 5)})
    form = TargetsForm(
        request.POST or None,
        initial=initial,
        years=page.years,
        cumulative=indicator.measure_type == Indicator.MeasureType.CUMULATIVE_YTD,
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["year"]
        try:
            services.targets_set_for_year(
                indicator=indicator,
                year=chosen,
                annual=form.cleaned_data["annual"],
                quarters=form.quarters,
                by=request.user,
            )
        except services.PerformanceRuleBroken as refused:
            refusal_show(form, refused)
        else:
            messages.success(
                request, f"{indicator.code} targets for {period_label(chosen, None)} saved."
            )
            return redirect(indicator)
    return edit_form_render(
        request,
        form,
        title="Set targets",
        submit="Save targets",
        caption=str(indicator),
        cancel_url=indicator.get_absolute_url(),
        template="performance/targets.html",
        indicator=indicator,
        table=page.table,
    )


@permission_required(permissions.can_manage_performance)
def measurement_record(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_or_404(pk)
    entry = measurement_entry(
        indicator,
        today=clock.today(),
        year=query_int(request, "year"),
        quarter=query_int(request, "quarter"),
        month=query_int(request, "month"),
    )
    existing = entry.existing
    initial: dict[str, Any] = {"year": entry.year, "quarter": entry.quarter, "month": entry.month}
    if existing is not None:
        initial.update(
            value=existing.value,
            commentary=existing.commentary,
            route_to_green=existing.route_to_green,
            provisional=existing.provisional,
        )
    form = MeasurementForm(
        request.POST or None, initial=initial, indicator=indicator, years=entry.years
    )
    if request.method == "POST" and form.is_valid():
        try:
            measurement = services.measurement_record(
                indicator=indicator, by=request.user, **form.cleaned_data
            )
        except services.PerformanceRuleBroken as refused:
            refusal_show(form, refused)
        else:
            if measurement.approved:
                messages.success(request, f"No change: {measurement} is as it was.")
            else:
                messages.success(
                    request,
                    f"{indicator.code} {measurement.period} figure saved. It is not public "
                    "until it is approved.",
                )
            return redirect(indicator)
    warning = ""
    if existing is not None and existing.approved:
        warning = (
            f"The {entry.period} figure has been approved and published. Saving a change "
            "withdraws the approval: it must be approved again before it is public."
        )
    return edit_form_render(
        request,
        form,
        title=f"Correct the {entry.period} figure" if existing else "Record a figure",
        submit="Save figure",
        caption=str(indicator),
        cancel_url=indicator.get_absolute_url(),
        warning=warning,
    )
