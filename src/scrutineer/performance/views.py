"""Performance pages. Each view states its permission; rules live in services and rules."""

from __future__ import annotations

import base64
import secrets
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from scrutineer.core import clock, permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.permissions import permission_required
from scrutineer.files.formats import PERFORMANCE_REPORT_FORMATS
from scrutineer.files.parsers.errors import ImportProblem, ImportRefused
from scrutineer.files.writers import charts
from scrutineer.performance import importing, selectors, services
from scrutineer.performance.forms import (
    IndicatorForm,
    MeasurementForm,
    MilestoneForm,
    RaiseRecommendationForm,
    TargetsForm,
    ValuesUploadForm,
    WorkProgrammeForm,
    dashboard_filters,
)
from scrutineer.performance.models import (
    Framework,
    Indicator,
    Measurement,
    Milestone,
    period_label,
)


def _framework(request: HttpRequest, frameworks: list[Framework]) -> Framework | None:
    return selectors.framework_chosen(frameworks, request.GET.get("framework", ""))


@permission_required(permissions.can_view_performance)
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = dashboard_filters(data=request.GET, user=request.user)
    context: dict[str, Any] = {"framework": filters.framework, "board": None}
    context["form"] = filters.form
    if filters.framework is not None and filters.year is not None:
        context["board"] = selectors.dashboard(
            user=request.user,
            framework=filters.framework,
            year=filters.year,
            quarter=filters.quarter,
            directorate=filters.directorate,
            theme=filters.theme,
        )
    context["can_see_unapproved"] = permissions.can_view_unapproved_figures(request.user)
    context["can_import"] = permissions.can_manage_performance(request.user)
    context["report_formats"] = list(PERFORMANCE_REPORT_FORMATS.values())
    return render(request, "performance/dashboard.html", context)


def _chart(page: selectors.IndicatorPage) -> str:
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
            f"{_plain(latest.result.target)}: {latest.result.rag.value}. "
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
        page = selectors.indicator_page(user=request.user, pk=pk)
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


def _indicator(pk: int) -> Indicator:
    return get_object_or_404(Indicator.objects.select_related("framework"), pk=pk)


def _period_initial(request: HttpRequest) -> dict[str, Any]:
    return {"year": request.GET.get("year"), "quarter": request.GET.get("quarter")}


@permission_required(permissions.can_raise_from_indicator)
def raise_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
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
            form.add_error(None, str(refused))
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
    indicator = _indicator(pk)
    initial = {**_period_initial(request), "title": f"Performance: {indicator.name}"}
    form = WorkProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.indicator_add_to_work_programme(
                indicator=indicator, by=request.user, **form.cleaned_data
            )
        except services.PerformanceRuleBroken as refused:
            form.add_error(None, str(refused))
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


@permission_required(permissions.can_view_performance)
def milestone_list(request: HttpRequest) -> HttpResponse:
    frameworks = selectors.frameworks()
    framework = _framework(request, frameworks)
    rows = selectors.milestones(framework=framework, today=clock.today()) if framework else []
    return render(
        request,
        "performance/milestones.html",
        {
            "framework": framework,
            "rows": rows,
            "can_manage": permissions.can_manage_performance(request.user),
        },
    )


@permission_required(permissions.can_view_performance)
def ambition(request: HttpRequest) -> HttpResponse:
    frameworks = selectors.frameworks()
    framework = _framework(request, frameworks)
    check = selectors.ambition_check(user=request.user, framework=framework) if framework else None
    return render(request, "performance/ambition.html", {"framework": framework, "check": check})


IMPORT_SESSION_KEY = "scrutineer_performance_import"


@permission_required(permissions.can_manage_performance)
def values_template(request: HttpRequest) -> HttpResponse:
    framework = _framework(request, selectors.frameworks())
    if framework is None:
        raise Http404("No performance framework has been set up yet.")
    year, quarter, rows = selectors.values_template(framework)
    response = HttpResponse(importing.template_csv(rows), content_type="text/csv; charset=utf-8")
    name = f"performance-{year}-q{quarter}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _values_preview(*, filename: str, data: bytes, framework: Framework) -> dict[str, Any]:
    """Parse the file and say what importing it would do, from reads alone, as JSON."""
    try:
        parsed = importing.read_values_file(data, filename=filename)
        report = importing.values_import_preview(
            parsed=parsed, framework=framework, filename=filename
        )
    except ImportRefused as refused:
        return {"problems": [asdict(problem) for problem in refused.problems]}
    return {"report": importing.values_report_to_json(report)}


@permission_required(permissions.can_manage_performance)
def values_upload(request: HttpRequest) -> HttpResponse:
    frameworks = selectors.frameworks()
    framework = _framework(request, frameworks)
    initial = {"framework": framework.pk} if framework else {}
    form = ValuesUploadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        chosen = form.cleaned_data["framework"]
        data = upload.read()
        token = secrets.token_urlsafe(16)
        # One pending upload per user: a new upload replaces the previous one. The preview is
        # worked out once, here, and kept with it: showing it again reads only the session.
        request.session[IMPORT_SESSION_KEY] = {
            "token": token,
            "filename": upload.name,
            "framework": chosen.pk,
            "data": base64.b64encode(data).decode("ascii"),
            "preview": _values_preview(filename=upload.name, data=data, framework=chosen),
        }
        return redirect("performance:import_preview", token=token)
    return render(
        request,
        "performance/import_upload.html",
        {"form": form, "framework": framework, "frameworks": frameworks},
    )


@permission_required(permissions.can_manage_performance)
def values_preview(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows the stored preview (no write, no lock); POST imports what it showed."""
    stash = request.session.get(IMPORT_SESSION_KEY)
    if not stash or stash.get("token") != token:
        raise Http404("This upload has expired; upload the file again.")
    framework = get_object_or_404(Framework, pk=stash["framework"])
    filename, data = stash["filename"], base64.b64decode(stash["data"])
    if "preview" not in stash:  # an upload stashed before previews were kept
        stash["preview"] = _values_preview(filename=filename, data=data, framework=framework)
        request.session.modified = True
    preview = stash["preview"]
    if request.method == "POST" and "report" in preview:
        return _values_confirm(request, stash, data, framework, token)
    return render(
        request,
        "performance/import_preview.html",
        {
            "filename": filename,
            "framework": framework,
            "token": token,
            "report": (
                importing.values_report_from_json(preview["report"])
                if "report" in preview
                else None
            ),
            "problems": [ImportProblem(**problem) for problem in preview.get("problems", [])],
        },
    )


def _values_confirm(
    request: HttpRequest, stash: dict[str, Any], data: bytes, framework: Framework, token: str
) -> HttpResponse:
    """Import what the preview showed, in one transaction; if the figures have changed since,
    keep the new preview and show it instead of importing something nobody has seen."""
    filename = stash["filename"]
    try:
        parsed = importing.read_values_file(data, filename=filename)
        report = importing.values_import(
            parsed=parsed,
            framework=framework,
            by=request.user,
            filename=filename,
            expected=importing.values_report_from_json(stash["preview"]["report"]),
        )
    except (importing.PreviewOutdated, ImportRefused) as changed:
        if isinstance(changed, importing.PreviewOutdated):
            stash["preview"] = {"report": importing.values_report_to_json(changed.report)}
        else:
            stash["preview"] = {"problems": [asdict(problem) for problem in changed.problems]}
        request.session.modified = True
        messages.warning(
            request,
            "The figures changed since this preview was made. Nothing has been imported: "
            "check the new preview and import again.",
        )
        return redirect("performance:import_preview", token=token)
    request.session.pop(IMPORT_SESSION_KEY, None)
    messages.success(
        request,
        f"Imported {filename} into {framework.name}: {report.count_create} new, "
        f"{report.count_update} changed, {report.count_unchanged} unchanged.",
    )
    return redirect(f"{reverse('performance:dashboard')}?framework={framework.pk}")


# Editing indicators, targets, figures and milestones, for those who manage performance.


def _refused(form: Any, refused: services.PerformanceRuleBroken) -> None:
    """Show a service's refusal beside the field at fault, or above the form."""
    form.add_error(refused.field if refused.field in form.fields else None, str(refused))


def _edit_form(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    submit: str,
    cancel_url: str,
    caption: str = "",
    template: str = "performance/edit_form.html",
    **extra: Any,
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "caption": caption,
        "cancel_url": cancel_url,
        **extra,
    }
    return render(request, template, context)


def _query_int(request: HttpRequest, name: str) -> int | None:
    text = request.GET.get(name, "")
    return int(text) if text.isdigit() else None


@permission_required(permissions.can_manage_performance)
def indicator_create(request: HttpRequest) -> HttpResponse:
    framework = _framework(request, selectors.frameworks())
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
            _refused(form, refused)
        else:
            messages.success(request, f"{indicator} added. Set its targets next.")
            return redirect("performance:targets", pk=indicator.pk)
    dashboard_url = reverse("performance:dashboard")
    return _edit_form(
        request,
        form,
        title="Add an indicator",
        submit="Add indicator",
        caption=framework.name if framework else "",
        cancel_url=f"{dashboard_url}?framework={framework.pk}" if framework else dashboard_url,
    )


@permission_required(permissions.can_manage_performance)
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
    caption = str(indicator)
    fields = ("framework", *services.INDICATOR_FIELDS)
    form = IndicatorForm(
        request.POST or None, initial={name: getattr(indicator, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(indicator=indicator, by=request.user, **form.cleaned_data)
        except services.PerformanceRuleBroken as refused:
            _refused(form, refused)
        else:
            messages.success(request, f"{indicator} saved.")
            return redirect(indicator)
    return _edit_form(
        request,
        form,
        title="Edit indicator",
        submit="Save indicator",
        caption=caption,
        cancel_url=reverse("performance:indicator", args=[pk]),
    )


@permission_required(permissions.can_manage_performance)
def indicator_targets(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
    years = selectors.financial_years(indicator, clock.today())
    by_year = selectors.targets_by_year(indicator)
    year = _query_int(request, "year")
    if year not in years:
        start = indicator.framework.year[:4]
        year = max(by_year) if by_year else int(start) if start.isdigit() else years[-1]
    stored = by_year.get(year, {})
    initial = {"year": year, "annual": stored.get(None)}
    initial.update({f"q{q}": stored.get(q) for q in range(1, 5)})
    form = TargetsForm(
        request.POST or None,
        initial=initial,
        years=years,
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
            _refused(form, refused)
        else:
            messages.success(
                request, f"{indicator.code} targets for {period_label(chosen, None)} saved."
            )
            return redirect(indicator)
    table = [
        (y, period_label(y, None), targets.get(None), [targets.get(q) for q in range(1, 5)])
        for y, targets in sorted(by_year.items(), reverse=True)
    ]
    return _edit_form(
        request,
        form,
        title="Set targets",
        submit="Save targets",
        caption=str(indicator),
        cancel_url=indicator.get_absolute_url(),
        template="performance/targets.html",
        indicator=indicator,
        table=table,
    )


@permission_required(permissions.can_manage_performance)
def measurement_record(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
    monthly = indicator.frequency == Indicator.Frequency.MONTHLY
    years = selectors.financial_years(indicator, clock.today())
    year, quarter, month = _query_int(request, "year"), None, None
    if monthly:
        month = _query_int(request, "month")
    else:
        quarter = _query_int(request, "quarter")
    if year is None or (month if monthly else quarter) is None:
        year, quarter, month = selectors.next_period(indicator, clock.today())
    existing = selectors.measurement_for(indicator, year, quarter, month)
    initial: dict[str, Any] = {"year": year, "quarter": quarter, "month": month}
    if existing is not None:
        initial.update(
            value=existing.value,
            commentary=existing.commentary,
            route_to_green=existing.route_to_green,
            provisional=existing.provisional,
        )
    form = MeasurementForm(request.POST or None, initial=initial, indicator=indicator, years=years)
    if request.method == "POST" and form.is_valid():
        try:
            measurement = services.measurement_record(
                indicator=indicator, by=request.user, **form.cleaned_data
            )
        except services.PerformanceRuleBroken as refused:
            _refused(form, refused)
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
    period = period_label(year, quarter, month) if year is not None else ""
    warning = ""
    if existing is not None and existing.approved:
        warning = (
            f"The {period} figure has been approved and published. Saving a change withdraws "
            "the approval: it must be approved again before it is public."
        )
    return _edit_form(
        request,
        form,
        title=f"Correct the {period} figure" if existing else "Record a figure",
        submit="Save figure",
        caption=str(indicator),
        cancel_url=indicator.get_absolute_url(),
        warning=warning,
    )


def _milestones_url(framework: Framework | None) -> str:
    url = reverse("performance:milestones")
    return f"{url}?framework={framework.pk}" if framework else url


@permission_required(permissions.can_manage_performance)
def milestone_create(request: HttpRequest) -> HttpResponse:
    framework = _framework(request, selectors.frameworks())
    initial = {"framework": framework.pk if framework else None, "status": "not_started"}
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            milestone = services.milestone_create(by=request.user, **form.cleaned_data)
        except services.PerformanceRuleBroken as refused:
            _refused(form, refused)
        else:
            messages.success(request, f"Milestone “{milestone}” added.")
            return redirect(_milestones_url(milestone.framework))
    return _edit_form(
        request,
        form,
        title="Add a milestone",
        submit="Add milestone",
        caption=framework.name if framework else "",
        cancel_url=_milestones_url(framework),
    )


@permission_required(permissions.can_manage_performance)
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("framework"), pk=pk)
    caption = f"{milestone.framework.name}: {milestone.name}"
    fields = ("framework", *services.MILESTONE_FIELDS)
    form = MilestoneForm(
        request.POST or None, initial={name: getattr(milestone, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(milestone=milestone, by=request.user, **form.cleaned_data)
        except services.PerformanceRuleBroken as refused:
            _refused(form, refused)
        else:
            messages.success(request, f"Milestone “{milestone}” saved.")
            return redirect(_milestones_url(milestone.framework))
    return _edit_form(
        request,
        form,
        title="Edit milestone",
        submit="Save milestone",
        caption=caption,
        cancel_url=_milestones_url(milestone.framework),
    )
