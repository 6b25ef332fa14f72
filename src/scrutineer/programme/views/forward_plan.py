"""Forward plan, work programme, the scrutiny gap view and calendars."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock, permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.page_cache import public_page_cache
from scrutineer.core.permissions import permission_required
from scrutineer.files.writers.ics import calendar_ics
from scrutineer.programme import selectors, services
from scrutineer.programme.forms import (
    DispositionForm,
    ForwardPlanItemForm,
    WorkProgrammeItemForm,
)
from scrutineer.programme.models import Disposition, ForwardPlanItem
from scrutineer.programme.services.forward_plan_items import (
    forward_plan_item_create,
    forward_plan_item_update,
)

PAGE_SIZE = 50


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


@permission_required(permissions.can_view_public_pages)
@public_page_cache(reads=["when", "page"])
def forward_plan_index(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("when") == "past"
    items = selectors.forward_plan_items(today=clock.today(), past=past, user=request.user)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "programme/forward_plan_index.html",
        {
            "items": selectors.with_notice_problems(page.object_list),
            "page": page,
            "query": "when=past" if past else "",
            "past": past,
            "can_manage": permissions.can_manage_programme(request.user),
        },
    )


def _item_form_page(
    request: HttpRequest, form: ForwardPlanItemForm, *, title: str, item: ForwardPlanItem | None
) -> HttpResponse:
    return render(
        request,
        "programme/forward_plan_item_form.html",
        {"form": form, "title": title, "item": item},
    )


@permission_required(permissions.can_manage_programme)
def forward_plan_item_add(request: HttpRequest) -> HttpResponse:
    committee = Committee.objects.filter(slug=request.GET.get("committee", "")).first()
    form = ForwardPlanItemForm(
        request.POST or None, initial={"committees": [committee] if committee else []}
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = forward_plan_item_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Added to the forward plan: {item.title}")
            disposition = item.dispositions.order_by("committee__name").first()
            if disposition is not None:  # next: what the committee does with it
                return redirect("programme:disposition_edit", pk=disposition.pk)
            return redirect("programme:forward_plan_index")
    return _item_form_page(request, form, title="Add a decision to the forward plan", item=None)


def _forward_plan_item(pk: int) -> ForwardPlanItem:
    return get_object_or_404(ForwardPlanItem.objects.select_related("lead_officer"), pk=pk)


@permission_required(permissions.can_manage_programme)
def forward_plan_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _forward_plan_item(pk)
    fields = [name for name in ForwardPlanItemForm.base_fields if name != "committees"]
    form = ForwardPlanItemForm(
        request.POST or None, item=item, initial={name: getattr(item, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            forward_plan_item_update(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved: {item.title}")
            return redirect("programme:forward_plan_index")
    return _item_form_page(request, form, title="Change a forward-plan decision", item=item)


def _meeting_meant(disposition: Disposition) -> Meeting | None:
    """The meeting an imported "scheduled for … in March" means, once one is recorded."""
    if disposition.scheduled_for is None:
        return None
    return selectors.scheduled_meeting_for(
        disposition.committee,
        day=disposition.scheduled_for,
        latest=selectors.decision_latest_day(disposition.forward_plan_item),
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
            "meeting": disposition.meeting or _meeting_meant(disposition),
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
