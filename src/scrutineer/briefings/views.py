from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from scrutineer.briefings import selectors, services
from scrutineer.briefings.forms import BriefingNoteForm, IssueForm, TextForm
from scrutineer.briefings.models import BriefingComment, BriefingNote
from scrutineer.core import permissions
from scrutineer.core.forms import add_service_errors
from scrutineer.core.page_cache import public_page_cache
from scrutineer.core.permissions import permission_required
from scrutineer.tracker.models import Item


@permission_required(permissions.can_view_public_pages)
@public_page_cache
def briefing_list(request: HttpRequest) -> HttpResponse:
    notes = selectors.briefing_visible_list(request.user)
    return render(request, "briefings/list.html", {"notes": notes})


@permission_required(permissions.can_view_public_pages)
@public_page_cache
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        note = selectors.briefing_detail(user=request.user, pk=pk)
    except BriefingNote.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "briefings/detail.html",
        {
            "note": note,
            "can_edit": note.is_draft and permissions.can_write_briefing(request.user),
        },
    )


def _note(pk: int) -> BriefingNote:
    return get_object_or_404(BriefingNote.objects.select_related("committee", "meeting"), pk=pk)


def _form_page(
    request: HttpRequest,
    form: Any,
    title: str,
    note: BriefingNote | None,
    submit: str,
    lead: str = "",
) -> HttpResponse:
    return render(
        request,
        "briefings/form.html",
        {
            "form": form,
            "title": title,
            "note": note,
            "submit": submit,
            "lead": lead,
        },
    )


def _item(item_pk: int) -> Item:
    return get_object_or_404(Item.objects.select_related("meeting__committee"), pk=item_pk)


def _can_write_about(user: Any, item: Item) -> bool:
    return permissions.can_write_briefing(user)


@permission_required(_can_write_about, get_object=_item)
def briefing_create(request: HttpRequest, item: Item) -> HttpResponse:
    form = forms.Form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.briefing_create_from_item(
                item=item, contact=permissions.person_of(request.user), by=request.user
            )
        except services.BriefingLocked as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Draft briefing note created. Add the committee's comments.")
            return redirect(note)
    return _form_page(
        request,
        form,
        f"Write a briefing note on {item.report_title}",
        None,
        "Create the draft",
        lead="The purpose, introduction and the item's "
        "recommendations are filled in for you; you can change them.",
    )


def _draft_action(
    request: HttpRequest, note: BriefingNote, form: Any, action: Any, success: str
) -> HttpResponse | None:
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except (services.BriefingAlreadyIssued, services.BriefingAlreadyAdded) as exc:
            messages.info(request, str(exc))
            return redirect(note)
        except services.BriefingLocked as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(note)
    return None


@permission_required(permissions.can_write_briefing)
def briefing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    note = _note(pk)
    fields = [
        "addressee",
        "purpose",
        "introduction",
        "contact_name",
        "contact_role",
        "contact_email",
        "contact_phone",
    ]
    form = BriefingNoteForm(request.POST or None, initial={f: getattr(note, f) for f in fields})
    done = _draft_action(
        request,
        note,
        form,
        lambda data: services.briefing_update(note=note, by=request.user, **data),
        "Briefing note saved.",
    )
    return done or _form_page(request, form, "Change the briefing note", note, "Save")


@permission_required(permissions.can_write_briefing)
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    note = _note(pk)
    form = TextForm(
        request.POST or None, label=f"Comment or question 1.1.{note.comments.count() + 1}"
    )
    done = _draft_action(
        request,
        note,
        form,
        lambda data: services.briefing_comment_add(
            note=note,
            text=data["text"],
            submission_key=data.get("submission_key"),
            by=request.user,
        ),
        "Comment added.",
    )
    return done or _form_page(request, form, "Add a comment or question", note, "Add comment")


@permission_required(permissions.can_write_briefing)
def response_add(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(BriefingComment.objects.select_related("note"), pk=pk)
    form = TextForm(request.POST or None, label="Officer response")
    done = _draft_action(
        request,
        comment.note,
        form,
        lambda data: services.briefing_response_add(
            comment=comment,
            text=data["text"],
            submission_key=data.get("submission_key"),
            by=request.user,
        ),
        "Officer response added.",
    )
    return done or _form_page(
        request,
        form,
        f"Add an officer response to {comment.number}",
        comment.note,
        "Add response",
        lead=comment.text,
    )


@permission_required(permissions.can_write_briefing)
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    note = _note(pk)
    form = TextForm(request.POST or None, label="Recommendation")
    done = _draft_action(
        request,
        note,
        form,
        lambda data: services.briefing_recommendation_add(
            note=note, text=data["text"], by=request.user
        ),
        "Recommendation added.",
    )
    return done or _form_page(request, form, "Add a recommendation", note, "Add recommendation")


@permission_required(permissions.can_write_briefing)
def briefing_issue(request: HttpRequest, pk: int) -> HttpResponse:
    note = _note(pk)
    form = IssueForm(request.POST or None, initial={"issued_to": note.addressee})
    done = _draft_action(
        request,
        note,
        form,
        lambda data: services.briefing_issue(note=note, by=request.user, **data),
        f"Briefing note issued to {note.addressee}.",
    )
    return done or _form_page(
        request,
        form,
        "Issue the briefing note",
        note,
        "Issue the note",
        lead="Once issued, the note is read-only and published.",
    )
