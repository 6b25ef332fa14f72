from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from scrutineer.committees.models import Committee
from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required
from scrutineer.programme import selectors


@permission_required(permissions.can_view_public_pages)
def forward_plan(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    rows = selectors.forward_plan_for(committee)
    return render(request, "programme/forward_plan.html", {"committee": committee, "rows": rows})
