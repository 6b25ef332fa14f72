"""Committee and meeting pages. Each view states its permission; writes go through services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from scrutineer.committees import selectors, services
from scrutineer.committees.forms import MeetingForm, MinutesPublishedForm, PersonCommitteesForm
from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock, permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.models import Person
from scrutineer.core.page_cache import public_page_cache
from scrutineer.core.permissions import permission_required


@permission_required(permissions.can_view_public_pages)
@public_page_cache
def committee_list(request: HttpRequest) -> HttpResponse:
    committees = list(selectors.committee_list())
    return render(
        request,
        "committees/list.html",
        {"committees": committees, "past": [c for c in committees if c.is_expired]},
    )


@permission_required(permissions.can_view_public_pages)
@public_page_cache
def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        committee = selectors.committee_detail(slug)
    except Committee.DoesNotExist:
        raise Http404 from None
    today = clock.today()
    meetings = list(committee.meetings.all())
    # The council side's way to the closures proposed for the committee's next meeting.
    closures_meeting = selectors.meeting_next(committee, today=today)
    if closures_meeting is not None and not permissions.can_view_closure_list(
        request.user, closures_meeting
    ):
        closures_meeting = None
    return render(
        request,
        "committees/detail.html",
        {
            "committee": committee,
            "closures_meeting": closures_meeting,
            "upcoming": sorted((m for m in meetings if m.date >= today), key=lambda m: m.date),
            "past": [m for m in meetings if m.date < today],
        },
    )


@permission_required(permissions.can_manage_tracker)
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    form = MeetingForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                committee=committee, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Meeting on {meeting.date:%-d %B %Y} recorded.")
            return redirect(meeting)
    return render(
        request,
        "committees/meeting_form.html",
        {"form": form, "committee": committee, "title": f"Record a meeting of {committee}"},
    )


@permission_required(permissions.can_view_public_pages)
@public_page_cache
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_detail(pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "committees/meeting.html",
        {
            "meeting": meeting,
            "items": selectors.meeting_items(meeting, user=request.user),
            "can_manage": permissions.can_manage_tracker(request.user),
            "can_view_closures": permissions.can_view_closure_list(request.user, meeting),
            "can_send": permissions.can_send_meeting_to_executive(request.user, meeting),
        },
    )


@permission_required(permissions.can_manage_users)
def person_committees(request: HttpRequest, pk: int) -> HttpResponse:
    """The committees a councillor or officer sits on, for an administrator to change."""
    person = get_object_or_404(Person, pk=pk)
    current = dict(person.memberships.values_list("committee_id", "role"))
    form = PersonCommitteesForm(
        request.POST or None, committees=Committee.objects.order_by("name"), current=current
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_seats_set(person=person, seats=form.seats(), by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved the committees of {person.name}")
            account = getattr(person, "user", None)
            if account is not None:
                return redirect("core:user_detail", pk=account.pk)
            return redirect("core:person_edit", pk=person.pk)
    return render(request, "committees/person_committees.html", {"form": form, "person": person})


@permission_required(permissions.can_manage_tracker)
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """Record when the meeting's minutes were published: its draft items are public from then."""
    meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
    initial = {"published_on": meeting.minutes_published_on or clock.today()}
    form = MinutesPublishedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_minutes_published_set(
                meeting=meeting, published_on=form.cleaned_data["published_on"], by=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, "Minutes recorded as published. The meeting's items are now public."
            )
            return redirect(meeting)
    return render(
        request,
        "committees/meeting_form.html",
        {
            "form": form,
            "committee": meeting.committee,
            "title": f"Minutes of the meeting on {meeting.date:%-d %B %Y}",
            "submit": "Save",
        },
    )
