"""Sending a recommendation to the executive, and recording its response (LGA 2000 s.9FE)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction

from scrutineer.core import clock
from scrutineer.core.calendar import response_deadline
from scrutineer.core.history import history_user_set
from scrutineer.tracker import validation
from scrutineer.tracker.models import ExecutiveResponse, Recommendation
from scrutineer.tracker.services.errors import AlreadyDone, TrackerRuleBroken
from scrutineer.tracker.services.versions import locked


@transaction.atomic
def recommendation_send_to_executive(
    *,
    recommendation: Recommendation,
    sent_on: datetime.date,
    addressee: str = "Cabinet",
    by: Any = None,
) -> ExecutiveResponse:
    """Record that the recommendation went to the executive; its response deadline follows.
    Recording it again (a second submit) is AlreadyDone."""
    fresh = locked(recommendation)
    sent = ExecutiveResponse.objects.filter(recommendation=fresh).first()
    if sent is not None:
        raise AlreadyDone(f"{fresh.reference} was already sent to {sent.addressee}.")
    validation.sent_to_executive_check(
        recommendation=fresh, sent_on=sent_on, addressee=addressee, today=clock.today()
    )
    response = ExecutiveResponse(
        recommendation=fresh,
        addressee=addressee.strip() or "Cabinet",
        sent_on=sent_on,
        due_on=response_deadline(sent_on, settings.SCRUTINEER_RESPONSE_PERIOD),
    )
    history_user_set(response, by)
    response.save()
    if not fresh.addressee:
        fresh.addressee = response.addressee
        history_user_set(fresh, by)
        fresh.save(update_fields=["addressee"])
    if fresh is not recommendation:
        recommendation.refresh_from_db()
    return response


@transaction.atomic
def executive_response_record(
    *,
    response: ExecutiveResponse,
    decision: str,
    responded_on: datetime.date,
    reasons: str = "",
    action_plan: str = "",
    given_by: str = "",
    by: Any = None,
) -> ExecutiveResponse:
    """Record the executive's decision on a recommendation; reasons are required to reject."""
    if decision == ExecutiveResponse.Decision.PENDING:
        raise TrackerRuleBroken("Choose accepted, partly accepted or rejected.")
    if decision != ExecutiveResponse.Decision.ACCEPTED and not reasons.strip():
        raise TrackerRuleBroken("Give the executive's reasons when it does not accept in full.")
    validation.response_check(
        response=response,
        responded_on=responded_on,
        reasons=reasons,
        action_plan=action_plan,
        given_by=given_by,
        today=clock.today(),
    )
    fresh = ExecutiveResponse.objects.select_for_update(no_key=True).get(pk=response.pk)
    wanted = {
        "decision": decision,
        "responded_on": responded_on,
        "reasons": reasons.strip(),
        "action_plan": action_plan.strip(),
        "given_by": given_by.strip(),
    }
    if all(getattr(fresh, field) == value for field, value in wanted.items()):
        raise AlreadyDone(f"{fresh.addressee}'s response was already recorded.")
    for field, value in wanted.items():
        setattr(fresh, field, value)
    history_user_set(fresh, by)
    fresh.save()
    if fresh is not response:
        response.refresh_from_db()
    return response


@transaction.atomic
def executive_response_import(
    *,
    recommendation: Recommendation,
    text: str,
    sent_on: datetime.date,
    addressee: str = "Cabinet",
    given_by: str = "",
    decision: str = ExecutiveResponse.Decision.RESPONDED,
    responded_on: datetime.date | None = None,
    reasons: str = "",
    by: Any = None,
) -> ExecutiveResponse:
    """Record a response as an imported file gives it: in the executive's own words,
    responded but not classified (the words may suggest accepted or rejected, but only a
    person records that), unless the file states the decision."""
    pending = decision == ExecutiveResponse.Decision.PENDING
    response = ExecutiveResponse(
        recommendation=recommendation,
        addressee=addressee.strip()[:200] or "Cabinet",
        sent_on=sent_on,
        due_on=response_deadline(sent_on, settings.SCRUTINEER_RESPONSE_PERIOD),
        decision=decision,
        responded_on=None if pending else (responded_on or sent_on),
        text=text.strip(),
        reasons=reasons.strip(),
        given_by=given_by.strip()[:200],
    )
    history_user_set(response, by)
    response.save()
    return response
