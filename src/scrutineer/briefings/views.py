from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from scrutineer.briefings import selectors
from scrutineer.briefings.models import BriefingNote
from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required


@permission_required(permissions.can_view_public_pages)
def briefing_list(request: HttpRequest) -> HttpResponse:
    notes = selectors.briefings_visible_to(request.user)
    return render(request, "briefings/list.html", {"notes": notes})


@permission_required(permissions.can_view_public_pages)
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        note = selectors.briefing_detail(user=request.user, pk=pk)
    except BriefingNote.DoesNotExist:
        raise Http404 from None
    return render(request, "briefings/detail.html", {"note": note})
