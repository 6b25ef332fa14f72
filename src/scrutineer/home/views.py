"""The home page: the public's, or for the signed in each of their roles' work."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from scrutineer.core import clock, permissions
from scrutineer.core.permissions import permission_required
from scrutineer.core.roles import Role
from scrutineer.home import selectors


@permission_required(permissions.can_view_public_pages)
def home(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    if not permissions.is_staff_user(request.user):
        return render(
            request,
            "home/public.html",
            {"home": selectors.public_home(user=request.user, today=today)},
        )
    return render(
        request,
        "home/signed_in.html",
        {
            "scrutiny": selectors.scrutiny_home(user=request.user, today=today)
            if permissions.can_manage_tracker(request.user)
            else None,
            "officer": selectors.officer_home(user=request.user, today=today)
            if permissions.has_role(request.user, Role.OFFICER)
            else None,
            "member": selectors.member_home(user=request.user, today=today)
            if permissions.has_role(request.user, Role.MEMBER)
            else None,
            "person": permissions.person_of(request.user),
            "today": today,
        },
    )
