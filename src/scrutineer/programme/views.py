"""Forward plan, work programme, the scrutiny gap view and calendars."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock, permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.page_cache import public_page_cache
from scrutineer.core.permissions import permission_required
from scrutineer.files.writers.ics import calendar_ics
from scrutineer.programme import selectors, services
from scrutineer.programme.forms import DispositionForm, WorkProgrammeItemForm
from scrutineer.programme.models import Disposition


def _committee(slug: str) -> Committee:
    return get_object_or_404(Committee, slug=slug)


@permission_required(permissions.can_view_public_pages)
@public_page_cache
def forward_plan(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(slug)
    rows = selectors.forward_plan_rows(committee)
    return render(
        request,
        "programme/forward_plan.html",
        {
            "committee": committee,
            "rows": rows,
            "can_manage": permissions.can_manage_programme(request.user),
        },
    )


@permission_required(permissions.can_manage_programme)
def disposition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    disposition = get_object_or_404(
        Disposition.objects.select_related("committee", "forward_plan_item"), pk=pk
    )
    suggested, other = services.disposition_suggest(
        item=disposition.forward_plan_item, committee=disposition.committee
    )
    form = DispositionForm(
        request.POST or None,
        committee=disposition.committee,
        initial={
            "choice": disposition.choice,
            "meeting": disposition.meeting,
            "other_committee": disposition.other_committee,
            "note": disposition.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.disposition_set(disposition=disposition, by=request.user, **form.cleaned_data)
        except services.ProgrammeRuleBroken as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved: {disposition.note}")
            return redirect("programme:forward_plan", slug=disposition.committee.slug)
    return render(
        request,
        "programme/disposition_form.html",
        {
            "form": form,
            "disposition": disposition,
            "committee": disposition.committee,
            "suggested": Disposition.Choice(suggested).label,
            "suggested_other": other,
        },
    )


@permission_required(permissions.can_view_public_pages)
@public_page_cache
def work_programme(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(slug)
    return render(
        request,
        "programme/work_programme.html",
        {
            "committee": committee,
            "groups": selectors.work_programme_by_meeting(committee, user=request.user),
            "can_manage": permissions.can_manage_programme(request.user),
        },
    )


@permission_required(permissions.can_manage_programme)
def work_programme_add(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(slug)
    form = WorkProgrammeItemForm(
        request.POST or None, committee=committee, initial={"source": "member"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.work_programme_add(committee=committee, by=request.user, **form.cleaned_data)
        except services.ProgrammeRuleBroken as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Added to the work programme.")
            return redirect("programme:work_programme", slug=committee.slug)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Add to the {committee.name} work programme",
            "committee": committee,
            "submit": "Add to the work programme",
        },
    )


@permission_required(permissions.can_view_public_pages)
@public_page_cache
def gaps(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    return render(
        request,
        "programme/gaps.html",
        {
            "items": selectors.forward_plan_gaps(today=today),
            "today": today,
        },
    )


def _ics(events: list, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        calendar_ics(events, name=name, stamp=clock.now()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@permission_required(permissions.can_view_public_pages)
def committee_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(slug)
    events = selectors.meeting_calendar_events(
        Committee.objects.filter(pk=committee.pk), user=request.user
    )
    return _ics(events, committee.name, f"{committee.slug}.ics")


@permission_required(permissions.can_view_public_pages)
def all_calendar(request: HttpRequest) -> HttpResponse:
    return _ics(
        selectors.meeting_calendar_events(Committee.objects.all(), user=request.user),
        "Committee meetings",
        "meetings.ics",
    )


@permission_required(permissions.can_view_public_pages)
def meeting_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    events = [
        e
        for e in selectors.meeting_calendar_events(
            Committee.objects.filter(pk=meeting.committee_id), user=request.user
        )
        if e.uid == f"meeting-{meeting.pk}@scrutineer"
    ]
    return _ics(events, str(meeting), f"meeting-{meeting.pk}.ics")
