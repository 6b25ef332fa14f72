from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from scrutineer.core.navigation import navigation_for
from scrutineer.core.permissions import can_administer, is_staff_user, roles_of


def service(request: HttpRequest) -> dict[str, object]:
    """Names and navigation that the base layout shows on every page."""
    return {
        "council_name": settings.SCRUTINEER_COUNCIL_NAME,
        "service_name": settings.SCRUTINEER_SERVICE_NAME,
        "feedback_email": settings.SCRUTINEER_FEEDBACK_EMAIL,
        "user_is_staff": is_staff_user(request.user),
        "user_can_administer": can_administer(request.user),
        "user_roles": sorted(role.value for role in roles_of(request.user)),
        "navigation": navigation_for(request.user, request.path, reverse),
    }
