"""Item pages: adding one to a meeting, reading and changing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from scrutineer.core import permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.history import history_of
from scrutineer.core.page_cache import public_page_cache, remembered
from scrutineer.core.permissions import permission_required
from scrutineer.tracker import services
from scrutineer.tracker.forms import ItemForm
from scrutineer.tracker.models import Item
from scrutineer.tracker.selectors import records, visibility
from scrutineer.tracker.selectors.similar import items_asked_before
from scrutineer.tracker.selectors.visibility import tracker_audience
from scrutineer.tracker.views.conflicts import conflicted_form
from scrutineer.tracker.views.objects import get_item, get_meeting, with_update_actions


@permission_required(permissions.can_view_public_pages)
def meeting_moved(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting pages moved to the committees app: links to the old address still work."""
    return redirect("committees:meeting_detail", pk=pk, permanent=True)


# The fields whose words the form looks up as they are typed ("has scrutiny asked this
# before?"), by their ids.
ITEM_CHECK = {"fields": "id_report_title id_summary"}


@permission_required(permissions.can_manage_tracker)
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting(pk)
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
            "asked_before_check": ITEM_CHECK,
        },
    )


@permission_required(permissions.can_view_item, get_object=get_item, hide=True)
@public_page_cache
def item_detail(request: HttpRequest, item: Item) -> HttpResponse:
    item = records.item_detail(item.pk, user=request.user)
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
            "updates": with_update_actions(user, item.progress_updates.all()),
            "related": list(
                visibility.item_visible_list(user).filter(
                    pk__in=[i.pk for i in item.related_items.all()]
                )
            ),
            "briefings": records.item_briefings(item, user=user),
            # Kept, like the tracker's rows, until a record changes: it ranks the tracker.
            "asked_before": remembered(
                request,
                "asked-before",
                lambda: items_asked_before(item, user=user),
                item.pk,
                tracker_audience(user),
            ),
            "can_manage": permissions.can_manage_tracker(user),
            "history": history_of(item) if permissions.can_view_history(user) else None,
        },
    )


def _can_edit_item(user: Any, item: Item) -> bool:
    return permissions.can_manage_tracker(user)


@permission_required(_can_edit_item, get_object=get_item)
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
            form = conflicted_form(
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
            "asked_before_check": {**ITEM_CHECK, "exclude": item.pk},
            "conflict": conflict,
            "conflict_fields": _item_conflict(conflict, form),
        },
    )


def _item_conflict(current: Any, form: Any) -> list[tuple[str, str, str]]:
    if current is None:
        return []
    mine = form.cleaned_data
    return [
        ("Report title", current.report_title, mine.get("report_title", "")),
        ("Summary", current.summary_html, mine.get("summary", "")),
        ("Lead officer", str(current.lead_officer or ""), str(mine.get("lead_officer") or "")),
    ]
