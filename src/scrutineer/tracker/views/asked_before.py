"""Has scrutiny asked this before? While a scrutiny officer writes an item or a
recommendation, the earlier items most like the words so far: a fragment the item and
recommendation forms fetch as the officer types (init.js), and the same search as a page of
its own for a browser without JavaScript."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required
from scrutineer.tracker.selectors.similar import items_like_text

# Longer than any title and recommendation together: the rest adds nothing to the ranking.
TEXT_MAX = 2000


@permission_required(permissions.can_manage_tracker)
def asked_before(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("text", "")[:TEXT_MAX]
    exclude_text = request.GET.get("exclude", "")
    exclude = int(exclude_text) if exclude_text.isdigit() else None
    found = items_like_text(text, user=request.user, exclude=exclude) if text.strip() else []
    context = {"found": found, "text": text, "searched": bool(text.strip())}
    if request.GET.get("fragment") == "1":
        response = render(request, "tracker/_asked_before_found.html", context)
    else:
        response = render(request, "tracker/asked_before.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
