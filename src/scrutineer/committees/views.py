from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from scrutineer.committees import selectors
from scrutineer.committees.models import Committee
from scrutineer.core import permissions
from scrutineer.core.page_cache import public_page_cache
from scrutineer.core.permissions import permission_required


@permission_required(permissions.can_view_public_pages)
@public_page_cache
def committee_list(request: HttpRequest) -> HttpResponse:
    return render(request, "committees/list.html", {"committees": selectors.committees_list()})


@permission_required(permissions.can_view_public_pages)
@public_page_cache
def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        committee = selectors.committee_detail(slug)
    except Committee.DoesNotExist:
        raise Http404 from None
    return render(request, "committees/detail.html", {"committee": committee})
