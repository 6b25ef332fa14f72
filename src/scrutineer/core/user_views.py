"""Accounts, for administrators: invite someone by e-mail, give them roles and a person, switch
them off; and the invited user's own page, where they set their password."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from scrutineer.core import permissions, selectors, services
from scrutineer.core.forms import AccountForm, InvitationPasswordForm, add_service_errors
from scrutineer.core.invitations import invitation_days, invitation_tokens
from scrutineer.core.permissions import permission_required


def _account(pk: int) -> Any:
    return get_object_or_404(get_user_model().objects.select_related("person"), pk=pk)


@permission_required(permissions.can_manage_users)
def user_list(request: HttpRequest) -> HttpResponse:
    return render(request, "core/users/list.html", {"accounts": selectors.user_list()})


@permission_required(permissions.can_manage_users)
def user_invite(request: HttpRequest) -> HttpResponse:
    form = AccountForm(
        request.POST or None,
        people=selectors.people_without_account(),
        empty_label="A new person with this name",
    )
    if request.method == "POST" and form.is_valid():
        try:
            account = services.user_invite(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Invitation sent to {account.email}")
            return redirect("core:user_detail", pk=account.pk)
    return render(
        request,
        "core/users/form.html",
        {
            "form": form,
            "title": "Invite someone",
            "lead": f"They get an e-mail with a link to set their own password, which works "
            f"once, for {invitation_days()} days.",
            "submit": "Send the invitation",
        },
    )


@permission_required(permissions.can_manage_users)
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(pk)
    person = getattr(account, "person", None)
    return render(
        request,
        "core/users/detail.html",
        {
            "account": account,
            "roles": selectors.roles_of_account(account),
            "person": person,
            "memberships": (
                person.memberships.select_related("committee").order_by("committee__name")
                if person is not None
                else []
            ),
            "invited": account.is_active and not account.has_usable_password(),
        },
    )


@permission_required(permissions.can_manage_users)
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(pk)
    person = getattr(account, "person", None)
    form = AccountForm(
        request.POST or None,
        people=selectors.people_without_account(account),
        empty_label="No person",
        initial={
            "first_name": account.first_name,
            "last_name": account.last_name,
            "email": account.email,
            "roles": [role.value for role in selectors.roles_of_account(account)],
            "person": person,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(user=account, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved: {account.get_full_name()}")
            return redirect("core:user_detail", pk=account.pk)
    return render(
        request,
        "core/users/form.html",
        {
            "form": form,
            "title": f"Change {account.get_full_name() or account.get_username()}",
            "account": account,
            "submit": "Save",
        },
    )


def _confirmed(
    request: HttpRequest,
    pk: int,
    *,
    action: Any,
    title: str,
    body: str,
    button: str,
    done: str,
) -> HttpResponse:
    """A page that asks before it acts on an account, and acts on POST."""
    account = _account(pk)
    error = ""
    if request.method == "POST":
        try:
            action(user=account, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, done.format(name=account.get_full_name() or account))
            return redirect("core:user_detail", pk=account.pk)
    return render(
        request,
        "core/users/confirm.html",
        {
            "account": account,
            "title": title.format(name=account.get_full_name() or account),
            "body": body,
            "button": button,
            "error": error,
        },
    )


@permission_required(permissions.can_manage_users)
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirmed(
        request,
        pk,
        action=services.user_deactivate,
        title="Deactivate {name}?",
        body="They will not be able to sign in. Nothing they did is deleted: their name stays "
        "on the record, and you can reactivate the account later.",
        button="Deactivate the account",
        done="{name} is deactivated",
    )


@permission_required(permissions.can_manage_users)
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirmed(
        request,
        pk,
        action=services.user_reactivate,
        title="Reactivate {name}?",
        body="They will be able to sign in again with the roles the account has.",
        button="Reactivate the account",
        done="{name} is active again",
    )


@permission_required(permissions.can_manage_users)
def user_invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    return _confirmed(
        request,
        pk,
        action=services.user_invitation_send,
        title="Send the invitation to {name} again?",
        body=f"They get a new link to set their password, which works once, for "
        f"{invitation_days()} days.",
        button="Send the invitation",
        done="Invitation sent again to {name}",
    )


class InvitationView(PasswordResetConfirmView):
    """Django's page for a one-time link (it moves the token out of the address before showing
    the form), with the invitation's token and words; the password is set by the service."""

    form_class = InvitationPasswordForm
    template_name = "core/invitation.html"
    token_generator = invitation_tokens
    reset_url_token = "set-password"  # noqa: S105  # nosec B105 - a URL segment, not a secret

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        services.user_invitation_accept(user=form.user, password=form.cleaned_data["new_password1"])
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        messages.success(
            self.request,
            f"Your password is set. Sign in with your username, {form.user.get_username()}.",
        )
        return HttpResponseRedirect(reverse("login"))


invitation = permission_required(permissions.can_view_public_pages)(InvitationView.as_view())
