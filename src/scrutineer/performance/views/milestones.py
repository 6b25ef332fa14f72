"""A framework's programme milestones: the list, and adding and editing one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from scrutineer.core import clock, permissions
from scrutineer.core.permissions import permission_required
from scrutineer.performance import rules, services
from scrutineer.performance.forms.editing import MilestoneForm
from scrutineer.performance.models import Framework, Milestone
from scrutineer.performance.selectors import milestones
from scrutineer.performance.selectors.frameworks import framework_list
from scrutineer.performance.views.shared import (
    edit_form_render,
    framework_from_query,
    refusal_show,
)


@permission_required(permissions.can_view_performance)
def milestone_list(request: HttpRequest) -> HttpResponse:
    framework = framework_from_query(request, framework_list())
    rows = milestones.milestone_list(framework=framework, today=clock.today()) if framework else []
    return render(
        request,
        "performance/milestones.html",
        {
            "framework": framework,
            "rows": rows,
            "amber_days": rules.AMBER_SLIPPAGE_DAYS,
            "can_manage": permissions.can_manage_performance(request.user),
        },
    )


def _milestones_url(framework: Framework | None) -> str:
    url = reverse("performance:milestones")
    return f"{url}?framework={framework.pk}" if framework else url


@permission_required(permissions.can_manage_performance)
def milestone_create(request: HttpRequest) -> HttpResponse:
    framework = framework_from_query(request, framework_list())
    initial = {"framework": framework.pk if framework else None, "status": "not_started"}
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            milestone = services.milestone_create(by=request.user, **form.cleaned_data)
        except services.PerformanceRuleBroken as refused:
            refusal_show(form, refused)
        else:
            messages.success(request, f"Milestone “{milestone}” added.")
            return redirect(_milestones_url(milestone.framework))
    return edit_form_render(
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
            refusal_show(form, refused)
        else:
            messages.success(request, f"Milestone “{milestone}” saved.")
            return redirect(_milestones_url(milestone.framework))
    return edit_form_render(
        request,
        form,
        title="Edit milestone",
        submit="Save milestone",
        caption=caption,
        cancel_url=_milestones_url(milestone.framework),
    )
