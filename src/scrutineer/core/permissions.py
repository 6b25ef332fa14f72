"""Who may do what. Every view, API endpoint and template asks these predicates.

Each predicate is small and named for the action it guards. Views state their
permission with :func:`permission_required`; templates use the ``can`` filter
from ``core_tags``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from scrutineer.core.roles import Role

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

# A User or an AnonymousUser: request.user as views receive it.
AnyUser = Any


def roles_of(user: AnyUser) -> frozenset[Role]:
    """The roles a user holds, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_scrutineer_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        if getattr(user, "is_superuser", False):
            cached = cached | {Role.ADMINISTRATOR}
        user._scrutineer_roles = cached
    return cached


def has_role(user: AnyUser, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))


def is_staff_user(user: AnyUser) -> bool:
    """Anyone signed in with a role: the council side, as opposed to the public."""
    return bool(roles_of(user))


def can_view_public_pages(user: AnyUser) -> bool:
    """Everyone, signed in or not, may read what the council publishes."""
    return True


def can_administer(user: AnyUser) -> bool:
    """Administrators manage users, roles, committees and reference data."""
    return has_role(user, Role.ADMINISTRATOR)


def permission_required(
    predicate: Callable[..., bool],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view with the predicate that guards it.

    Anonymous users who fail the check are sent to log in; signed-in users get 403.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not predicate(request.user):
                if not request.user.is_authenticated:
                    from django.contrib.auth.views import redirect_to_login

                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.permission = predicate  # type: ignore[attr-defined]
        return wrapped

    return decorator
