"""An indicator's page (its trend chart, figures, commentary and benchmarks), and adding
and editing an indicator."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required
from scrutineer.files.labels import RAG_LABELS
from scrutineer.files.writers import charts
from scrutineer.performance import services
from scrutineer.performance.forms.editing import IndicatorForm
from scrutineer.performance.models import Indicator
from scrutineer.performance.selectors.frameworks import framework_list
from scrutineer.performance.selectors.indicator_page import IndicatorPage, indicator_page
from scrutineer.performance.views.shared import (
    edit_form_render,
    framework_from_query,
    indicator_or_404,
    refusal_show,
)


def _chart(page: IndicatorPage) -> str:
    indicator, latest = page.indicator, page.latest
    period = "month" if page.monthly else "quarter"
    points = [
        charts.ChartPoint(
            label=row.short_label,
            value=row.result.value,
            target=row.result.target,
            band_low=row.band[0],
            band_high=row.band[1],
            previous_year=row.result.last_year_value,
        )
        for row in page.rows
    ]
    if latest is None:
        description = "No figures yet."
    else:
        description = (
            f"{'Monthly' if page.monthly else 'Quarterly'} figures from {page.rows[0].label} "
            f"to {latest.label}, with the target, the tolerance band and the same {period} "
            f"last year. In {latest.label} the value "
            f"was {_plain(latest.result.value)} against a target of "
            f"{_plain(latest.result.target)}: {RAG_LABELS[latest.result.rag].lower()}. "
            "The table below the chart gives every figure."
        )
    return charts.trend_chart(
        points,
        title=f"Trend chart: {indicator.code} {indicator.name}",
        description=description,
        unit=indicator.get_unit_display(),
        chart_id=f"chart-{indicator.pk}",
        previous_label=f"Same {period} last year",
    )


def _plain(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


@permission_required(permissions.can_view_performance)
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        page = indicator_page(user=request.user, pk=pk)
    except Indicator.DoesNotExist as missing:
        raise Http404 from missing
    return render(
        request,
        "performance/indicator.html",
        {
            "page": page,
            "indicator": page.indicator,
            # Built by charts.trend_chart, which escapes every text it is given.
            "chart": mark_safe(_chart(page)),  # noqa: S308  # nosec B308 B703
            "can_raise": page.raisable and permissions.can_raise_from_indicator(request.user),
            "can_approve": permissions.can_manage_performance(request.user),
            "can_manage": permissions.can_manage_performance(request.user),
        },
    )


@permission_required(permissions.can_manage_performance)
def indicator_create(request: HttpRequest) -> HttpResponse:
    framework = framework_from_query(request, framework_list())
    initial = {
        "framework": framework.pk if framework else None,
        "measure_type": Indicator.MeasureType.SNAPSHOT,
        "frequency": Indicator.Frequency.QUARTERLY,
        "tolerance": 0,
        "tolerance_kind": Indicator.ToleranceKind.ABSOLUTE,
    }
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(by=request.user, **form.cleaned_data)
        except services.PerformanceRuleBroken as refused:
            refusal_show(form, refused)
        else:
            messages.success(request, f"{indicator} added. Set its targets next.")
            return redirect("performance:targets", pk=indicator.pk)
    dashboard_url = reverse("performance:dashboard")
    return edit_form_render(
        request,
        form,
        title="Add an indicator",
        submit="Add indicator",
        caption=framework.name if framework else "",
        cancel_url=f"{dashboard_url}?framework={framework.pk}" if framework else dashboard_url,
    )


@permission_required(permissions.can_manage_performance)
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_or_404(pk)
    caption = str(indicator)
    fields = ("framework", *services.INDICATOR_FIELDS)
    form = IndicatorForm(
        request.POST or None, initial={name: getattr(indicator, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(indicator=indicator, by=request.user, **form.cleaned_data)
        except services.PerformanceRuleBroken as refused:
            refusal_show(form, refused)
        else:
            messages.success(request, f"{indicator} saved.")
            return redirect(indicator)
    return edit_form_render(
        request,
        form,
        title="Edit indicator",
        submit="Save indicator",
        caption=caption,
        cancel_url=reverse("performance:indicator", args=[pk]),
    )
