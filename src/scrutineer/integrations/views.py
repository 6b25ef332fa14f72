"""The administrators' page for the sync with Modern.gov: the last syncs and "Sync now"."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required
from scrutineer.integrations.moderngov.sync import KINDS
from scrutineer.integrations.selectors import sync_run_list
from scrutineer.integrations.tasks import sync_moderngov_now
from scrutineer.jobs.selectors import job_active
from scrutineer.jobs.services import job_follow, job_request

JOB_KIND = "moderngov-sync"


@permission_required(permissions.can_administer)
def moderngov(request: HttpRequest) -> HttpResponse:
    url = settings.SCRUTINEER_MODERNGOV_URL
    active = job_active(JOB_KIND)
    if request.method == "POST":
        if not url:
            messages.error(request, "Set SCRUTINEER_MODERNGOV_URL before syncing.")
            return redirect("integrations:moderngov")
        if active is not None:
            # One sync at a time: a second press follows the one under way.
            job_follow(job=active, user=request.user)
            return redirect("jobs:detail", active.pk)
        job = job_request(
            task=sync_moderngov_now,
            kind=JOB_KIND,
            title="Sync with Modern.gov",
            user=request.user,
            params={"url": url},
            shared=False,
            unit="committees",
            back_url=reverse("integrations:moderngov"),
        )
        return redirect("jobs:detail", job.pk)
    runs = list(sync_run_list())
    latest = runs[0] if runs else None
    return render(
        request,
        "integrations/moderngov.html",
        {
            "url": url,
            "latest": latest,
            "earlier": runs[1:],
            "active": active,
            "rows": [(kind, (latest.counts or {}).get(kind, {})) for kind in KINDS]
            if latest
            else [],
        },
    )
