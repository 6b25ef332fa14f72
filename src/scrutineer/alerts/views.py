from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt

from scrutineer.alerts import services
from scrutineer.alerts.forms import SubscribeForm
from scrutineer.committees.models import Committee
from scrutineer.core import permissions
from scrutineer.core.client_address import client_address
from scrutineer.core.permissions import permission_required
from scrutineer.tracker.selectors import recommendation_visible_list


def _subscribe(request: HttpRequest, **target: object) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    subject = target.get("committee") or target.get("recommendation")
    if request.method == "POST" and form.is_valid():
        services.subscription_request(
            email=form.cleaned_data["email"],
            client=client_address(request),
            **target,  # type: ignore[arg-type]
        )
        return render(request, "alerts/check_email.html", {"subject": subject})
    return render(request, "alerts/subscribe.html", {"form": form, "subject": subject})


@permission_required(permissions.can_view_public_pages)
def subscribe_committee(request: HttpRequest, slug: str) -> HttpResponse:
    return _subscribe(request, committee=get_object_or_404(Committee, slug=slug))


@permission_required(permissions.can_view_public_pages)
def subscribe_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    visible = recommendation_visible_list(request.user)
    return _subscribe(request, recommendation=get_object_or_404(visible, pk=pk))


@permission_required(permissions.can_view_public_pages)
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscription = services.subscription_confirm(token=token)
    return render(
        request,
        "alerts/confirmed.html",
        {"subscription": subscription},
        status=200 if subscription else 404,
    )


# Mail clients unsubscribe with a bare POST and no CSRF token (RFC 8058 one-click).
@csrf_exempt
@permission_required(permissions.can_view_public_pages)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    cancelled = None
    if request.method == "POST":
        cancelled = services.subscription_cancel(token=token)
    return render(request, "alerts/unsubscribe.html", {"cancelled": cancelled, "token": token})
