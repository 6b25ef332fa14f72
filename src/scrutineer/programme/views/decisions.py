"""Executive decisions and call-in: the list, a decision's page (may it be implemented yet?),
the forms the scrutiny team keeps them with, and the call-in deadlines as a calendar."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from scrutineer.core import clock, permissions
from scrutineer.core.calendar import time_words
from scrutineer.core.forms import add_service_errors
from scrutineer.core.history import history_of
from scrutineer.core.permissions import permission_required
from scrutineer.programme import selectors
from scrutineer.programme.forms import (
    CallInForm,
    CallInOutcomeForm,
    DecisionFilterForm,
    ExecutiveDecisionForm,
)
from scrutineer.programme.models import CallIn, ExecutiveDecision
from scrutineer.programme.services.executive_decisions import (
    call_in_outcome_set,
    call_in_record,
    decision_create,
    decision_update,
)
from scrutineer.programme.views.forward_plan import _ics

PAGE_SIZE = 50


def _decision(pk: int) -> ExecutiveDecision:
    return get_object_or_404(ExecutiveDecision, pk=pk)


def _call_in(pk: int) -> CallIn:
    return get_object_or_404(CallIn.objects.select_related("decision"), pk=pk)


@permission_required(permissions.can_view_public_pages)
def decision_list(request: HttpRequest) -> HttpResponse:
    form = DecisionFilterForm(
        request.GET or None,
        decision_makers=selectors.decision_makers(),
        states=selectors.DECISION_STATES,
    )
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "", False)}
    rows = selectors.decision_rows(request.user, now=clock.now(), **filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = QueryDict(mutable=True)
    query.update({k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in filters.items()})
    return render(
        request,
        "programme/decision_list.html",
        {
            "form": form,
            "page": page,
            "rows": page.object_list,
            "query": query.urlencode(),
            "filtered": bool(filters),
            "rule_text": selectors.period_text(selectors.call_in_rule()),
            "can_manage": permissions.can_manage_programme(request.user),
        },
    )


@permission_required(permissions.can_view_decision, get_object=_decision)
def decision_detail(request: HttpRequest, decision: ExecutiveDecision) -> HttpResponse:
    row = selectors.decision_for(request.user, decision.pk, now=clock.now())
    assert row is not None  # nosec B101: the decorator has shown it to be visible
    rule = selectors.call_in_rule()
    can_manage = permissions.can_manage_decision(request.user, decision)
    return render(
        request,
        "programme/decision_detail.html",
        {
            "decision": row.decision,
            "implementation": row.implementation,
            "deadline_text": (
                selectors.deadline_text(row.implementation.deadline, rule)
                if row.implementation.deadline
                else ""
            ),
            "rule": rule,
            "published_text": selectors.published_text(row.decision),
            "history": _history(row.decision)
            if permissions.can_view_history(request.user)
            else None,
            "can_manage": can_manage,
            # A call-in received in time may be recorded after the period has ended.
            "can_call_in": can_manage
            and row.implementation.deadline is not None
            and row.implementation.call_in is None,
        },
    )


def _history(decision: ExecutiveDecision) -> list[Any]:
    """Who changed the decision and its call-ins, and when: latest first."""
    entries = history_of(decision)
    for call_in in decision.call_ins.all():
        entries += history_of(call_in)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _decision_form_page(
    request: HttpRequest,
    form: ExecutiveDecisionForm,
    *,
    title: str,
    decision: ExecutiveDecision | None,
) -> HttpResponse:
    rule = selectors.call_in_rule()
    return render(
        request,
        "programme/decision_form.html",
        {
            "form": form,
            "title": title,
            "decision": decision,
            "rule": rule,
            "rule_text": selectors.period_text(rule),
            "cut_off_text": time_words(rule.cut_off) if rule.cut_off else "",
        },
    )


@permission_required(permissions.can_manage_programme)
def decision_add(request: HttpRequest) -> HttpResponse:
    form = ExecutiveDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decision = decision_create(by=request.user, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Recorded the decision: {decision.title}")
            return redirect(decision)
    return _decision_form_page(request, form, title="Record an executive decision", decision=None)


@permission_required(permissions.can_manage_decision, get_object=_decision)
def decision_edit(request: HttpRequest, decision: ExecutiveDecision) -> HttpResponse:
    published = (
        timezone.localtime(decision.published_at) if decision.published_at is not None else None
    )
    initial = {
        name: getattr(decision, name)
        for name in ExecutiveDecisionForm.base_fields
        if name not in ("published_on", "published_time")
    }
    if published is not None:
        initial["published_on"] = published.date()
        initial["published_time"] = time_words(published.time())
    form = ExecutiveDecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decision_update(decision=decision, by=request.user, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved: {decision.title}")
            return redirect(decision)
    return _decision_form_page(
        request, form, title="Change an executive decision", decision=decision
    )


@permission_required(permissions.can_manage_decision, get_object=_decision)
def call_in_add(request: HttpRequest, decision: ExecutiveDecision) -> HttpResponse:
    rule = selectors.call_in_rule()
    form = CallInForm(request.POST or None, members=rule.members)
    if request.method == "POST" and form.is_valid():
        try:
            call_in_record(decision=decision, by=request.user, rule=rule, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Recorded the call-in of {decision.title}")
            return redirect(decision)
    deadline = selectors.decision_call_in_deadline(
        decision, rule=rule, closures=selectors.closure_days()
    )
    return render(
        request,
        "programme/call_in_form.html",
        {
            "form": form,
            "decision": decision,
            "rule": rule,
            "deadline_text": selectors.deadline_text(deadline, rule) if deadline else "",
        },
    )


@permission_required(permissions.can_manage_decision, get_object=_call_in)
def call_in_outcome(request: HttpRequest, call_in: CallIn) -> HttpResponse:
    form = CallInOutcomeForm(
        request.POST or None,
        initial={
            "status": call_in.status,
            "outcome_on": call_in.outcome_on,
            "meeting": call_in.meeting,
            "outcome_note": call_in.outcome_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            call_in_outcome_set(call_in=call_in, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved the outcome of the call-in of {call_in.decision}")
            return redirect(call_in.decision)
    return render(
        request,
        "programme/call_in_outcome_form.html",
        {"form": form, "call_in": call_in, "decision": call_in.decision},
    )


@permission_required(permissions.can_view_public_pages)
def decision_calendar(request: HttpRequest) -> HttpResponse:
    return _ics(
        selectors.decision_calendar_events(request.user),
        "Call-in deadlines",
        "call-in-deadlines.ics",
    )
