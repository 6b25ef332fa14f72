"""Withdrawing and reinstating items, recommendations and progress updates; publishing a
draft item; its links; and the evidence files of an update, served through the rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from scrutineer.core import permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.permissions import permission_required
from scrutineer.tracker import services
from scrutineer.tracker.forms import ItemLinksForm, ReinstateForm, WithdrawForm
from scrutineer.tracker.models import EvidenceFile, Item, ProgressUpdate, Recommendation
from scrutineer.tracker.views.objects import (
    get_evidence,
    get_item,
    get_progress_update,
    get_recommendation,
)

Record = Item | Recommendation | ProgressUpdate


def _name(record: Record) -> str:
    if isinstance(record, Item):
        return f"item {record.number}: {record.report_title}"
    if isinstance(record, Recommendation):
        return f"recommendation {record.reference}"
    return f"the progress update of {record.date:%-d %B %Y}"


def _page_of(record: Record) -> Any:
    """Where the record is shown: an update on its recommendation's page (or its item's)."""
    if isinstance(record, ProgressUpdate):
        return record.recommendation or record.item
    return record


def _version(record: Record) -> int | None:
    return getattr(record, "version", None)


def _change(
    request: HttpRequest,
    record: Record,
    *,
    form_class: type[forms.Form],
    act: Callable[..., Any],
    title: str,
    lead: str,
    submit: str,
    done: str,
) -> HttpResponse:
    form = form_class(request.POST or None, initial={"version": _version(record)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            act(record=record, by=request.user, expected_version=data.get("version"), data=data)
        except services.AlreadyDone as exc:
            messages.info(request, str(exc))
            return redirect(_page_of(record))
        except services.EditConflict:
            form.add_error(
                None,
                "Someone else changed it while you had this page open. "
                "Check it again before you go on.",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(_page_of(record))
    return render(
        request,
        "tracker/form.html",
        {
            "form": form,
            "title": title,
            "lead": lead,
            "committee": record.item.meeting.committee
            if not isinstance(record, Item)
            else record.meeting.committee,
            "submit": submit,
        },
    )


def _withdraw(request: HttpRequest, record: Record) -> HttpResponse:
    name = _name(record)
    return _change(
        request,
        record,
        form_class=WithdrawForm,
        act=lambda record, by, expected_version, data: services.record_withdraw(
            record=record, reason=data["reason"], by=by, expected_version=expected_version
        ),
        title=f"Withdraw {name}",
        lead="It is kept, with its history, and the council still sees it marked as "
        "withdrawn with your reason; it disappears from everything the public sees: pages, "
        "feeds, downloads, search, the API and e-mail alerts.",
        submit="Withdraw",
        done=f"Withdrawn {name}. The public no longer sees it.",
    )


def _reinstate(request: HttpRequest, record: Record) -> HttpResponse:
    name = _name(record)
    return _change(
        request,
        record,
        form_class=ReinstateForm,
        act=lambda record, by, expected_version, data: services.record_reinstate(
            record=record, by=by, expected_version=expected_version
        ),
        title=f"Reinstate {name}",
        lead=f"It was withdrawn because: {record.withdrawal_reason}. Reinstated, it is shown "
        "again wherever it was before; its history keeps both.",
        submit="Reinstate",
        done=f"Reinstated {name}.",
    )


@permission_required(permissions.can_withdraw, get_object=get_item)
def item_withdraw(request: HttpRequest, item: Item) -> HttpResponse:
    return _withdraw(request, item)


@permission_required(permissions.can_reinstate, get_object=get_item)
def item_reinstate(request: HttpRequest, item: Item) -> HttpResponse:
    return _reinstate(request, item)


@permission_required(permissions.can_withdraw, get_object=get_recommendation)
def recommendation_withdraw(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    return _withdraw(request, recommendation)


@permission_required(permissions.can_reinstate, get_object=get_recommendation)
def recommendation_reinstate(request: HttpRequest, recommendation: Recommendation) -> HttpResponse:
    return _reinstate(request, recommendation)


@permission_required(permissions.can_withdraw, get_object=get_progress_update)
def progress_withdraw(request: HttpRequest, update: ProgressUpdate) -> HttpResponse:
    return _withdraw(request, update)


@permission_required(permissions.can_reinstate, get_object=get_progress_update)
def progress_reinstate(request: HttpRequest, update: ProgressUpdate) -> HttpResponse:
    return _reinstate(request, update)


@require_POST
@permission_required(permissions.can_publish_item, get_object=get_item)
def item_publish(request: HttpRequest, item: Item) -> HttpResponse:
    """One click: the draft item is public from now on."""
    try:
        services.item_publish(item=item, by=request.user)
    except services.AlreadyDone as exc:
        messages.info(request, str(exc))
    else:
        messages.success(request, f"Item {item.number} published. The public can now see it.")
    return redirect(item)


@permission_required(permissions.can_edit_item_links, get_object=get_item)
def item_links(request: HttpRequest, item: Item) -> HttpResponse:
    """The links to the item's report and other documents, as the scrutiny team keeps them."""
    form = ItemLinksForm(
        request.POST or None, initial=ItemLinksForm.initial_for(item), rows=len(item.documents) + 3
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(
                item=item,
                expected_version=form.cleaned_data["version"],
                by=request.user,
                documents=form.documents(),
            )
        except services.EditConflict:
            form.add_error(
                None,
                "Someone else changed this item while you had this page open. "
                "Check its links again before you save.",
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Links saved.")
            return redirect(item)
    return render(
        request,
        "tracker/item_links.html",
        {"form": form, "item": item, "committee": item.meeting.committee},
    )


@permission_required(permissions.can_view_evidence, get_object=get_evidence, hide=True)
def evidence_download(request: HttpRequest, evidence: EvidenceFile) -> HttpResponseBase:
    """The file, to whoever may see its update: never from MEDIA_URL, which nothing serves."""
    name = evidence.file.name
    if not name or not default_storage.exists(name):
        raise Http404
    response = FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
