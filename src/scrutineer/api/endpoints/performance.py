"""Corporate performance: indicators and their figures. The public, and anyone not entitled
to unapproved figures, sees approved figures only, rated from approved figures only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Status

from scrutineer.api import selectors
from scrutineer.api.auth import TokenAuth, token_refusal
from scrutineer.api.endpoints.common import ERRORS, MAX_ID, NOT_FOUND, Paging, page, rule_errors
from scrutineer.api.http import set_last_modified
from scrutineer.api.models import ApiToken
from scrutineer.api.schemas import IndicatorOut, MeasurementIn, MeasurementOut, Message, Page
from scrutineer.core import permissions
from scrutineer.performance import services
from scrutineer.performance.models import Framework, Indicator, Measurement, Target

router = Router()

INDICATOR_DATA = [Indicator, Framework]
MEASUREMENT_DATA = [Measurement, Target, Indicator, Framework]
# A name as the performance pages show it: any printable text, no control characters.
NAME_PATTERN = r"^[^\x00-\x1f\x7f]*$"


def _indicator(indicator_id: int) -> Indicator:
    return get_object_or_404(selectors.indicator_list(), pk=indicator_id)


@router.get("/indicators", tags=["indicator"], response={200: Page[IndicatorOut], **ERRORS})
def indicator_list(
    request: HttpRequest,
    paging: Query[Paging],
    framework: int | None = Query(None, ge=1, le=MAX_ID, description="A framework's id."),
    directorate: str | None = Query(None, max_length=200, pattern=NAME_PATTERN),
    theme: str | None = Query(
        None, max_length=200, pattern=NAME_PATTERN, description="The corporate priority."
    ),
) -> Any:
    """Performance indicators, by framework and code; filter by framework, directorate and
    theme."""
    found = selectors.indicator_list(
        framework=framework, directorate=directorate or "", theme=theme or ""
    )
    return page(request, found, paging, changed=INDICATOR_DATA)


@router.get(
    "/indicators/{indicator_id}", tags=["indicator"], response={200: IndicatorOut, **NOT_FOUND}
)
def indicator_detail(request: HttpRequest, indicator_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """One indicator."""
    set_last_modified(request, selectors.history_last_changed(*INDICATOR_DATA))
    return _indicator(indicator_id)


@router.get(
    "/indicators/{indicator_id}/measurements",
    tags=["measurement"],
    response={200: Page[MeasurementOut], **NOT_FOUND},
)
def measurement_list(
    request: HttpRequest,
    paging: Query[Paging],
    indicator_id: int = Path(..., ge=1, le=MAX_ID),
) -> Any:
    """The indicator's quarterly figures, latest first, with target, RAG and direction of
    travel. Unapproved figures only for the council side."""
    indicator = _indicator(indicator_id)
    found = selectors.measurement_list(request.user, indicator)
    return page(
        request,
        found,
        paging,
        changed=MEASUREMENT_DATA,
        shape=lambda rows: selectors.measurement_rows(request.user, indicator, rows),
    )


@router.post(
    "/indicators/{indicator_id}/measurements",
    tags=["measurement"],
    auth=TokenAuth(),
    response={201: MeasurementOut, 403: Message, **NOT_FOUND},
)
def measurement_create(
    request: HttpRequest,
    body: MeasurementIn,
    indicator_id: int = Path(..., ge=1, le=MAX_ID),
) -> Any:
    """Record (or correct) a quarter's figure (a month's, for a monthly indicator) as the
    token's user: the same rules as the performance pages (scrutiny officers and
    administrators), with a token that has the figures scope. A red figure needs a route to
    green; a new or changed figure is unapproved until someone else approves it on the
    indicator's page."""
    user = request.user
    indicator = _indicator(indicator_id)
    # Indicators belong to no committee: a token for one committee records no figures.
    refused = token_refusal(request, ApiToken.Scope.FIGURES)
    if refused is not None:
        return refused
    if not permissions.can_manage_performance(user):
        return Status(
            403,
            {
                "detail": f"You may not record figures for {indicator.code}: only scrutiny "
                "officers and administrators may."
            },
        )
    try:
        measurement = services.measurement_record(
            indicator=indicator,
            year=body.year,
            quarter=body.quarter,
            month=body.month,
            value=body.value,
            commentary=body.commentary,
            route_to_green=body.route_to_green,
            provisional=body.provisional,
            by=user,
        )
    except services.PerformanceRuleBroken as exc:
        error = {"loc": ["body", "payload"], "msg": str(exc), "type": "performance_rule"}
        return Status(422, {"detail": [error]})
    except ValidationError as exc:
        return Status(422, rule_errors(exc))
    return Status(201, selectors.measurement_rows(user, indicator, [measurement])[0])
