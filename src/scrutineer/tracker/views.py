"""Tracker pages. Each view states its permission; rules live in services."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import clock, page_cache, permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.history import date_text, history_of
from scrutineer.core.page_cache import public_page_cache
from scrutineer.core.permissions import permission_required
from scrutineer.files.formats import TRACKER_FORMATS
from scrutineer.tracker import selectors, services
from scrutineer.tracker.as_at import tracker_as_at
from scrutineer.tracker.forms import (
    AsAtForm,
    CloseForm,
    ExecutiveResponseForm,
    ItemForm,
    ProgressForm,
    RecommendationForm,
    ReopenForm,
    SendToExecutiveForm,
    TrackerFilterForm,
)
from scrutineer.tracker.models import Item, Recommendation

PAGE_SIZE = 25


def _committee(slug: str) -> Committee:
    return get_object_or_404(Committee, slug=slug)


def _item(pk: int) -> Item:
    return get_object_or_404(Item.objects.select_related("meeting__committee"), pk=pk)


def _recommendation(pk: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.select_related("item__meeting__committee"), pk=pk
    )


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)


def _can_view_recommendation(user: Any, recommendation: Recommendation) -> bool:
    return permissions.is_visible(user, recommendation)


@permission_required(permissions.can_view_public_pages)
@public_page_cache
def tracker_index(request: HttpRequest) -> HttpResponse:
    committees = selectors.committees_with_counts(request.user)
    return render(request, "tracker/index.html", {"committees": committees})


@permission_required(permissions.can_view_public_pages)
@public_page_cache(reads=[*TrackerFilterForm.base_fields, "page"])
def committee_tracker(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(slug)
    people, directorates = page_cache.remembered(
        request,
        "tracker-filter-choices",
        lambda: selectors.filter_choices(committee, user=request.user),
        committee.pk,
        selectors.audience(request.user),
    )
    form = TrackerFilterForm(request.GET or None, people=people, directorates=directorates)
    filters = selectors.TrackerFilters()
    if form.is_bound and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        filters = selectors.TrackerFilters(**data)
    today = clock.today()
    items = selectors.tracker_items(
        user=request.user, committee=committee, filters=filters, today=today
    )
    counts = selectors.tracker_counts(items, today=today)
    # Page through ids, then load that page's items: the list's annotations (open,
    # overdue, last update) are worked out only where the filter or the order needs them.
    page = Paginator(items.values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = selectors.tracker_rows(selectors.tracker_page_items(list(page.object_list)), today=today)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "tracker/tracker.html",
        {
            "committee": committee,
            "form": form,
            "rows": rows,
            "page": page,
            "counts": counts,
            "query": query.urlencode(),
            "can_manage": permissions.can_manage_tracker(request.user),
            "stale_days": selectors.stale_before(today),
            "formats": [f for f in TRACKER_FORMATS.values() if f.name != "html"],
        },
    )


@permission_required(permissions.can_view_public_pages)
def committee_tracker_as_at(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _committee(slug)
    form = AsAtForm(request.GET or None)
    rows = None
    when = None
    if form.is_bound and form.is_valid():
        day: datetime.date = form.cleaned_data["date"]
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
        rows = tracker_as_at(committee=committee, when=when, user=request.user)
    return render(
        request,
        "tracker/as_at.html",
        {"committee": committee, "form": form, "rows": rows, "when": when},
    )


@permission_required(permissions.can_view_public_pages)
def meeting_moved(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting pages moved to the committees app: links to the old address still work."""
    return redirect("committees:meeting_detail", pk=pk, permanent=True)


@permission_required(permissions.can_manage_tracker)
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data.pop("version", None)
        try:
            item = services.item_create(meeting=meeting, by=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Item {item.number} added. Now add its recommendations.")
            return redirect(item)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Add an item to the meeting on {meeting.date:%-d %B %Y}",
            "committee": meeting.committee,
            "submit": "Save item",
        },
    )


@permission_required(permissions.can_view_item, get_object=_item, hide=True)
@public_page_cache
def item_detail(request: HttpRequest, item: Item) -> HttpResponse:
    item = selectors.item_detail(item.pk)
    user = request.user
    recommendations = [
        (r, permissions.can_update_progress(user, r)) for r in item.recommendations.all()
    ]
    return render(
        request,
        "tracker/item.html",
        {
            "item": item,
            "recommendations": recommendations,
            "updates": item.progress_updates.all(),
            "related": list(
                selectors.items_visible_to(user).filter(
                    pk__in=[i.pk for i in item.related_items.all()]
                )
            ),
            "briefings": selectors.item_briefings(item, user=user),
            "can_manage": permissions.can_manage_tracker(user),
            "history": history_of(item) if permissions.can_view_history(user) else None,
        },
    )


def _can_edit_item(user: Any, item: Item) -> bool:
    return permissions.can_manage_tracker(user)


@permission_required(_can_edit_item, get_object=_item)
def item_edit(request: HttpRequest, item: Item) -> HttpResponse:
    initial = {
        "report_title": item.report_title,
        "lead_officer": item.lead_officer,
        "summary": item.summary_html,
        "is_exempt": item.is_exempt,
        "version": item.version,
    }
    form = ItemForm(request.POST or None, initial=initial)
    conflict: Any = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.item_update(item=item, expected_version=version, by=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except services.EditConflict as exc:
            conflict = exc.current
            form = _conflicted_form(
                ItemForm,
                request,
                conflict,
                "Someone else changed this item while you were editing it",
            )
        else:
            messages.success(request, "Item saved.")
            return redirect(item)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Change item {item.number}",
            "committee": item.meeting.committee,
            "submit": "Save item",
            "conflict": conflict,
            "conflict_fields": _item_conflict(conflict, form),
        },
    )


def _conflicted_form(
    form_class: Any, request: HttpRequest, current: Any, message: str, **kwargs: Any
) -> Any:
    """The user's form again, now carrying the saved version, so a second save is deliberate."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, message)
    return form


STALE_PAGE = "Someone else changed this recommendation after you opened this page"


def _date(day: datetime.date | None) -> str:
    return date_text(day) if day else ""


def _recommendation_conflict(current: Recommendation, seen: int | None) -> list[tuple[str, ...]]:
    """What changed between the version the page showed and the one saved now, from history."""
    before = current.history.filter(version=seen).order_by("-history_date").first()
    if before is None:
        return []
    now = current.history.order_by("-history_date").first()

    def assignees(record: Any) -> str:
        return ", ".join(sorted(str(row.person) for row in record.assignees.all()))

    rows = [
        ("Recommendation", current.text, before.text),
        ("Status", current.get_status_display(), before.get_status_display()),
        ("Due date", _date(current.due_date), _date(before.due_date)),
        ("Assigned to", assignees(now) if now else "", assignees(before)),
        (
            "Closure proposed",
            "Yes" if current.closure_proposed_at else "No",
            "Yes" if before.closure_proposed_at else "No",
        ),
    ]
    return [row for row in rows if row[1] != row[2]]


def _item_conflict(current: Any, form: Any) -> list[tuple[str, str, str]]:
    if current is None:
        return []
    mine = form.cleaned_data
    return [
        ("Report title", current.report_title, mine.get("report_title", "")),
        ("Summary", current.summary_html, mine.get("summary", "")),
        ("Lead officer", str(current.lead_officer or ""), str(mine.get("lead_officer") or "")),
    ]


def _can_add_recommendation(user: Any, item: Item) -> bool:
    return permissions.can_manage_tracker(user)


@permission_required(_can_add_recommendation, get_object=_item)
def recommendation_create(request: HttpRequest, item: Item) -> HttpResponse:
    form = RecommendationForm(request.POST or None, initial={"kind": "action"})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            recommendation = services.recommendation_create(item=item, by=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Recommendation {recommendation.reference} added.")
            return redirect(item)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Add a recommendation to item {item.number}: {item.report_title}",
            "committee": item.meeting.committee,
            "submit": "Save recommendation",
        },
    )


@permission_required(_can_view_recommendation, get_object=_recommendation, hide=True)
@public_page_cache
def recommendation_detail(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    recommendation = selectors.recommendation_detail(recommendation.pk)
    user = request.user
    return render(
        request,
        "tracker/recommendation.html",
        {
            "recommendation": recommendation,
            "item": recommendation.item,
            "can_manage": permissions.can_manage_tracker(user),
            "can_update": permissions.can_update_progress(user, recommendation),
            "can_close": permissions.can_close_recommendation(user, recommendation),
            "can_reopen": permissions.can_reopen_recommendation(user, recommendation),
            "can_record_response": permissions.can_record_executive_response(user, recommendation),
            "response": getattr(recommendation, "executive_response", None),
            "today": clock.today(),
            "history": history_of(recommendation) if permissions.can_view_history(user) else None,
        },
    )


def _can_edit_recommendation(user: Any, recommendation: Recommendation) -> bool:
    return permissions.can_manage_tracker(user)


@permission_required(_can_edit_recommendation, get_object=_recommendation)
def recommendation_edit(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    initial = {
        "number": recommendation.number,
        "preamble": recommendation.preamble,
        "text": recommendation.text,
        "kind": recommendation.kind,
        "addressee": recommendation.addressee,
        "assignees": list(recommendation.assignees.all()),
        "due_date": recommendation.due_date,
        "version": recommendation.version,
    }
    form = RecommendationForm(request.POST or None, initial=initial)
    conflict: Any = None
    conflict_fields: list[tuple[str, str, str]] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.recommendation_update(
                recommendation=recommendation, expected_version=version, by=request.user, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except services.EditConflict as exc:
            conflict = exc.current
            form = _conflicted_form(
                RecommendationForm,
                request,
                conflict,
                "Someone else changed this recommendation while you were editing it",
            )
            conflict_fields = [
                ("Recommendation", conflict.text, data["text"]),
                (
                    "Assigned to",
                    ", ".join(p.name for p in conflict.assignees.all()),
                    ", ".join(p.name for p in data["assignees"]),
                ),
                ("Due date", str(conflict.due_date or ""), str(data["due_date"] or "")),
            ]
        else:
            messages.success(request, f"Recommendation {recommendation.reference} saved.")
            return redirect(recommendation)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Change recommendation {recommendation.reference}",
            "committee": recommendation.item.meeting.committee,
            "submit": "Save recommendation",
            "conflict": conflict,
            "conflict_fields": conflict_fields,
        },
    )


@permission_required(permissions.can_update_progress, get_object=_recommendation)
def progress_add(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    form = ProgressForm(request.POST or None, initial={"version": recommendation.version})
    if not recommendation.is_open:
        del form.fields["proposes_closure"]
    conflict: Any = None
    conflict_fields: list[tuple[str, ...]] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_add(
                item=recommendation.item,
                recommendation=recommendation,
                text=form.cleaned_data["text"],
                proposes_closure=form.cleaned_data.get("proposes_closure", False),
                expected_version=form.cleaned_data["version"],
                submission_key=form.cleaned_data.get("submission_key"),
                author=permissions.person_of(request.user),
                by=request.user,
            )
        except services.AlreadyDone as exc:
            messages.info(request, str(exc))
            return redirect(recommendation)
        except services.EditConflict as exc:
            conflict = exc.current
            conflict_fields = _recommendation_conflict(conflict, form.cleaned_data["version"])
            form = _conflicted_form(ProgressForm, request, conflict, STALE_PAGE)
            if not conflict.is_open:
                del form.fields["proposes_closure"]
        except services.TrackerRuleBroken as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if form.cleaned_data.get("proposes_closure"):
                messages.success(
                    request, "Progress saved and closure proposed to the scrutiny officer."
                )
            else:
                messages.success(request, "Progress saved.")
            return redirect(recommendation)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Update progress on {recommendation.reference}",
            "lead": recommendation.text,
            "committee": recommendation.item.meeting.committee,
            "submit": "Save progress",
            "conflict": conflict,
            "conflict_fields": conflict_fields,
            "conflict_mine": "When you opened this page",
        },
    )


def _closure_change(
    request: HttpRequest,
    recommendation: Recommendation,
    *,
    form_class: Any,
    change: Any,
    done: str,
    verb: str,
    **form_kwargs: Any,
) -> HttpResponse:
    """The close and reopen pages: one form, the service under a version check, the conflict
    page when the recommendation changed since the page opened, "already done" on a repeat."""
    committee = recommendation.item.meeting.committee
    form = form_class(
        request.POST or None, initial={"version": recommendation.version}, **form_kwargs
    )
    conflict: Any = None
    conflict_fields: list[tuple[str, ...]] = []
    if request.method == "POST" and form.is_valid():
        try:
            change(form.cleaned_data)
        except services.AlreadyDone as exc:
            messages.info(request, str(exc))
            return redirect(recommendation)
        except services.EditConflict as exc:
            conflict = exc.current
            conflict_fields = _recommendation_conflict(conflict, form.cleaned_data["version"])
            form = _conflicted_form(form_class, request, conflict, STALE_PAGE, **form_kwargs)
        except services.TrackerRuleBroken as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Recommendation {recommendation.reference} {done}.")
            return redirect(recommendation)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"{verb} recommendation {recommendation.reference}",
            "lead": recommendation.text,
            "committee": committee,
            "submit": f"{verb} recommendation",
            "conflict": conflict,
            "conflict_fields": conflict_fields,
            "conflict_mine": "When you opened this page",
        },
    )


@permission_required(permissions.can_decide_closure, get_object=_recommendation)
def recommendation_close(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    if not recommendation.is_open and request.method != "POST":
        messages.info(request, f"{recommendation.reference} is already closed.")
        return redirect(recommendation)
    return _closure_change(
        request,
        recommendation,
        form_class=CloseForm,
        change=lambda data: services.recommendation_close(
            recommendation=recommendation,
            closed_by=request.user,
            agreed_at=data["agreed_at"],
            reason=data["reason"],
            author=permissions.person_of(request.user),
            expected_version=data["version"],
        ),
        done="closed",
        verb="Close",
        committee=recommendation.item.meeting.committee,
    )


@permission_required(permissions.can_decide_closure, get_object=_recommendation)
def recommendation_reopen(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    if recommendation.is_open and request.method != "POST":
        messages.info(request, f"{recommendation.reference} is already open.")
        return redirect(recommendation)
    return _closure_change(
        request,
        recommendation,
        form_class=ReopenForm,
        change=lambda data: services.recommendation_reopen(
            recommendation=recommendation,
            reopened_by=request.user,
            reason=data["reason"],
            author=permissions.person_of(request.user),
            expected_version=data["version"],
        ),
        done="reopened",
        verb="Reopen",
    )


@permission_required(permissions.can_view_my_actions)
def my_actions(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    actions = selectors.my_actions(user=request.user, today=today)
    return render(
        request,
        "tracker/my_actions.html",
        {
            "actions": actions,
            "person": permissions.person_of(request.user),
            "overdue": len([a for a in actions if a.is_overdue]),
            "stale": len([a for a in actions if a.is_stale]),
        },
    )


@permission_required(permissions.can_record_executive_response, get_object=_recommendation)
def recommendation_send(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    form = SendToExecutiveForm(
        request.POST or None, initial={"addressee": recommendation.addressee or "Cabinet"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            response = services.recommendation_send_to_executive(
                recommendation=recommendation, by=request.user, **form.cleaned_data
            )
        except services.AlreadyDone as exc:
            messages.info(request, str(exc))
            return redirect(recommendation)
        except services.TrackerRuleBroken as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Recorded. {response.addressee} must respond by {response.due_on:%-d %B %Y}.",
            )
            return redirect(recommendation)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Record that {recommendation.reference} was sent to the executive",
            "lead": recommendation.text,
            "committee": recommendation.item.meeting.committee,
            "submit": "Save",
        },
    )


@permission_required(permissions.can_record_executive_response, get_object=_recommendation)
def response_record(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    response = getattr(recommendation, "executive_response", None)
    if response is None:
        return redirect("tracker:recommendation_send", pk=recommendation.pk)
    form = ExecutiveResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.executive_response_record(
                response=response, by=request.user, **form.cleaned_data
            )
        except services.AlreadyDone as exc:
            messages.info(request, str(exc))
            return redirect(recommendation)
        except services.TrackerRuleBroken as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{response.addressee}'s response recorded.")
            return redirect(recommendation)
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": f"Record {response.addressee}'s response to {recommendation.reference}",
            "lead": recommendation.text,
            "committee": recommendation.item.meeting.committee,
            "submit": "Save response",
        },
    )


@permission_required(permissions.can_view_overdue_dashboard)
def overdue_dashboard(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    return render(
        request,
        "tracker/overdue.html",
        {
            "dashboard": selectors.overdue_dashboard(user=request.user, today=today),
            "today": today,
        },
    )
