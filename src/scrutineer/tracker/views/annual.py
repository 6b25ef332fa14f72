"""The annual scrutiny report's page (a municipal year, one committee or all: its figures,
charts, tables, task-and-finish reviews and impact stories, as the user may see them), and
the scrutiny team's page for choosing the year's impact stories."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from scrutineer.core import clock, permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.page_cache import public_page_cache, remembered
from scrutineer.core.permissions import permission_required
from scrutineer.files.writers.annual_context import report_context
from scrutineer.tracker import services
from scrutineer.tracker.forms import ImpactStoryForm, annual_report_form
from scrutineer.tracker.models import ImpactStory
from scrutineer.tracker.selectors.annual import (
    impact_story_list,
    municipal_years,
    scrutiny_year_report,
    year_label,
)
from scrutineer.tracker.selectors.visibility import (
    in_force,
    recommendation_visible_list,
    tracker_audience,
)

DOWNLOADS = (("pdf", "PDF"), ("docx", "Word"), ("csv", "CSV"), ("json", "JSON"))


@permission_required(permissions.can_view_public_pages)
@public_page_cache(reads=["year", "committee"])
def annual_report(request: HttpRequest) -> HttpResponse:
    form, year, committee = annual_report_form(request.GET)
    context: dict[str, Any] = {"form": form, "report": None}
    if year is not None:

        def figures() -> tuple[dict[str, Any], list[Any]]:
            report = scrutiny_year_report(
                user=request.user, year=year, committee=committee, today=clock.today()
            )
            return report_context(report.as_dict()), list(report.impact_stories)

        # A year's figures read every recommendation of the year: kept, like the tracker's
        # rows, until a record changes or the day does, for everyone who sees the same.
        context["report"], context["stories"] = remembered(
            request,
            "annual-report",
            figures,
            year,
            committee.pk if committee else "",
            tracker_audience(request.user),
        )
        query = {"year": year, **({"committee": committee.slug} if committee else {})}
        context["query"] = "&".join(f"{k}={v}" for k, v in query.items())
        context["downloads"] = DOWNLOADS
        context["title"] = f"Annual scrutiny report {year_label(year)}" + (
            f": {committee.name}" if committee else ""
        )
        context["year"] = year
    context["council_view"] = permissions.is_staff_user(request.user)
    context["can_choose_stories"] = permissions.can_manage_impact_stories(request.user)
    return render(request, "tracker/annual_report.html", context)


@permission_required(permissions.can_manage_impact_stories)
def impact_stories(request: HttpRequest) -> HttpResponse:
    """The year's impact stories, with a form to add one and a button to remove each."""
    years = municipal_years(today=clock.today())
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = years[0]
    if not 1990 <= year <= 2100:
        year = years[0]
    form = ImpactStoryForm(
        request.POST or None, initial={"reference": request.GET.get("reference", "")}
    )
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"].strip()
        recommendation = (
            recommendation_visible_list(request.user)
            .filter(in_force(), reference__iexact=reference)
            .first()
        )
        if recommendation is None:
            form.add_error(
                "reference", f"There is no recommendation with the reference {reference}"
            )
        else:
            try:
                services.impact_story_add(
                    recommendation=recommendation,
                    year=year,
                    outcome=form.cleaned_data["outcome"],
                    by=request.user,
                )
            except services.AlreadyDone as exc:
                messages.info(request, str(exc))
                return redirect(f"{reverse('tracker:impact_stories')}?year={year}")
            except services.TrackerRuleBroken as exc:
                form.add_error("reference", str(exc))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                added = f"{recommendation.reference} added to the impact stories"
                messages.success(request, f"{added} of {year_label(year)}.")
                return redirect(f"{reverse('tracker:impact_stories')}?year={year}")
    return render(
        request,
        "tracker/impact_stories.html",
        {
            "form": form,
            "year": year,
            "label": year_label(year),
            "years": [(y, year_label(y)) for y in years],
            "stories": impact_story_list(user=request.user, year=year),
        },
    )


@require_POST
@permission_required(permissions.can_manage_impact_stories)
def impact_story_remove(request: HttpRequest, pk: int) -> HttpResponse:
    story = get_object_or_404(ImpactStory.objects.select_related("recommendation"), pk=pk)
    year, reference = story.year, story.recommendation.reference
    services.impact_story_remove(story=story, by=request.user)
    messages.success(request, f"{reference} removed from the impact stories of {year_label(year)}.")
    return redirect(f"{reverse('tracker:impact_stories')}?year={year}")
