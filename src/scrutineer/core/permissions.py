"""Who may do what. Every view, API endpoint and template asks these predicates.

Each predicate is small and named for the action it guards. Views state their
permission with :func:`permission_required`; templates use the ``can`` filter
from ``core_tags``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from scrutineer.core.roles import Role

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase

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


def can_manage_users(user: AnyUser) -> bool:
    """Administrators invite people, give them roles and committees, and deactivate them."""
    return can_administer(user)


def person_of(user: AnyUser) -> Any:
    """The Person record linked to a login, or None (cached on the user for the request)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_scrutineer_person"):
        from scrutineer.core.models import Person

        user._scrutineer_person = Person.objects.filter(user=user).prefetch_related("teams").first()
    return user._scrutineer_person


def acting_as_ids(user: AnyUser) -> set[int]:
    """Ids of the user's person and of the teams they belong to: whose work is theirs."""
    person = person_of(user)
    if person is None:
        return set()
    return {person.pk, *(team.pk for team in person.teams.all())}


def can_manage_tracker(user: AnyUser) -> bool:
    """Scrutiny officers record meetings, items and recommendations, and close them."""
    return has_role(user, Role.SCRUTINY_OFFICER, Role.ADMINISTRATOR)


def can_manage_people(user: AnyUser) -> bool:
    """The scrutiny team records councillors, officers and teams without an administrator."""
    return can_manage_tracker(user)


def can_import(user: AnyUser) -> bool:
    """Imports write many records at once: scrutiny officers and administrators only."""
    return can_manage_tracker(user)


def can_record_executive_response(user: AnyUser, recommendation: Any) -> bool:
    """Scrutiny officers record what was sent to the executive and what it answered."""
    return can_manage_tracker(user)


def can_manage_programme(user: AnyUser) -> bool:
    """Scrutiny officers keep the work programme and the forward-plan dispositions."""
    return can_manage_tracker(user)


def can_view_unpublished_decisions(user: AnyUser) -> bool:
    """Executive decisions on exempt reports, and those not yet published, are for the scrutiny
    team and the councillors who may call them in; the public sees published, open ones."""
    return can_manage_programme(user) or has_role(user, Role.MEMBER)


def can_view_decision(user: AnyUser, decision: Any) -> bool:
    """Whoever may see a decision (its registered visibility rule) may read its page."""
    return True


def can_manage_decision(user: AnyUser, decision: Any) -> bool:
    """Scrutiny officers record the executive's decisions, call-ins and their outcomes."""
    return can_manage_programme(user)


def can_write_briefing(user: AnyUser) -> bool:
    """Scrutiny officers write and issue briefing notes to Cabinet."""
    return can_manage_tracker(user)


def can_manage_impact_stories(user: AnyUser) -> bool:
    """Choosing the recommendations the annual report tells as impact stories."""
    return can_manage_tracker(user)


def can_view_overdue_dashboard(user: AnyUser) -> bool:
    return can_manage_tracker(user)


def can_remind_officers(user: AnyUser) -> bool:
    """The scrutiny team may remind the officers behind a list now, not only on schedule."""
    return can_manage_tracker(user)


def can_view_history(user: AnyUser) -> bool:
    """Who changed what is for the council side; the public sees the published record."""
    return is_staff_user(user)


def can_view_my_actions(user: AnyUser) -> bool:
    return is_staff_user(user)


def can_view_own_jobs(user: AnyUser) -> bool:
    """Anyone signed in has a list of the downloads and imports they asked for."""
    return bool(user.is_authenticated)


# Each entity's visibility rule lives in its app's selectors, as a queryset of what the user
# may see; the app registers it here (in its AppConfig.ready), so that the predicates below,
# the views' decorator, templates and the API all ask the one rule, and core imports nothing
# above it.
_VISIBILITY: dict[str, Callable[[AnyUser], Any]] = {}


def register_visibility(model: Any, rule: Callable[[AnyUser], Any]) -> None:
    """Make ``rule(user)`` (a queryset of the instances the user may see) the visibility
    rule for ``model``'s instances."""
    _VISIBILITY[model._meta.label] = rule


def is_visible(user: AnyUser, obj: Any) -> bool:
    """Whether the user may see this object, by its entity's registered rule (objects of
    entities with no rule are public)."""
    rule = _VISIBILITY.get(obj._meta.label)
    return rule is None or rule(user).filter(pk=obj.pk).exists()


def visible(user: AnyUser, objects: Any) -> Any:
    """The rows of the queryset ``objects`` the user may see, by their entity's registered
    rule: how a page of a lower app lists records of an app above it through a relation (a
    meeting's items) without importing that app."""
    rule = _VISIBILITY.get(objects.model._meta.label)
    return objects if rule is None else objects.filter(pk__in=rule(user).values("pk"))


def can_view_item(user: AnyUser, item: Any) -> bool:
    """Exempt items (LGA 1972 Sch. 12A) only for scrutiny officers, the committee's
    members, the lead officer and the people assigned to them: the tracker's rule
    (``tracker.selectors.item_visible_list``)."""
    return is_visible(user, item)


def is_assigned(user: AnyUser, recommendation: Any) -> bool:
    ids = acting_as_ids(user)
    return bool(ids) and any(p.pk in ids for p in recommendation.assignees.all())


def can_update_progress(user: AnyUser, recommendation: Any) -> bool:
    """Scrutiny officers, and officers on recommendations assigned to them or their team."""
    if can_manage_tracker(user):
        return True
    return has_role(user, Role.OFFICER) and is_assigned(user, recommendation)


def can_propose_closure(user: AnyUser, recommendation: Any) -> bool:
    """An open action only: a noting or an agreement needs no action, so nothing to close."""
    return (
        recommendation.is_open
        and recommendation.kind == "action"
        and can_update_progress(user, recommendation)
    )


def can_close_recommendation(user: AnyUser, recommendation: Any) -> bool:
    """Closure is confirmed by a scrutiny officer, once the committee has agreed it."""
    return recommendation.is_open and can_manage_tracker(user)


def can_reopen_recommendation(user: AnyUser, recommendation: Any) -> bool:
    return not recommendation.is_open and can_manage_tracker(user)


def can_decide_closure(user: AnyUser, recommendation: Any) -> bool:
    """Who may post to the close and reopen pages, whatever the state the page last saw: the
    service checks the state again under a lock, so a second submit is shown as done."""
    return can_manage_tracker(user)


def sits_on(user: AnyUser, committee: Any) -> bool:
    """Whether the user's person holds a seat on the committee."""
    person = person_of(user)
    return person is not None and committee.memberships.filter(person=person).exists()


def can_view_closure_list(user: AnyUser, meeting: Any) -> bool:
    """The closures proposed for a meeting, with members' comments: the council side only,
    and of councillors only the committee's own members."""
    if can_manage_tracker(user) or has_role(user, Role.OFFICER):
        return True
    return has_role(user, Role.MEMBER) and sits_on(user, meeting.committee)


def can_comment_on_closure(user: AnyUser, meeting: Any) -> bool:
    """The committee's members, and the scrutiny team, comment before the meeting decides."""
    if can_manage_tracker(user):
        return True
    return has_role(user, Role.MEMBER) and sits_on(user, meeting.committee)


def can_record_closure_decisions(user: AnyUser, meeting: Any) -> bool:
    """After the meeting, a scrutiny officer records what the committee decided."""
    return can_manage_tracker(user)


def can_send_meeting_to_executive(user: AnyUser, meeting: Any) -> bool:
    """Scrutiny officers send a meeting's recommendations to the executive."""
    return can_manage_tracker(user)


def can_withdraw(user: AnyUser, record: Any) -> bool:
    """The scrutiny team withdraws items, recommendations and updates; the author of a progress
    update may withdraw their own (a mistake, or the wrong recommendation)."""
    if can_manage_tracker(user):
        return True
    if record._meta.model_name != "progressupdate" or not user.is_authenticated:
        return False
    person = person_of(user)
    return record.created_by_id == user.pk or (person is not None and record.author_id == person.pk)


def can_reinstate(user: AnyUser, record: Any) -> bool:
    """Only the scrutiny team undoes a withdrawal."""
    return can_manage_tracker(user)


def can_publish_item(user: AnyUser, item: Any) -> bool:
    """The scrutiny team publishes a draft item (the minutes publish the rest)."""
    return can_manage_tracker(user)


def can_edit_item_links(user: AnyUser, item: Any) -> bool:
    """The scrutiny team keeps the links to an item's report, agenda and minutes."""
    return can_manage_tracker(user)


def can_record_minutes(user: AnyUser, meeting: Any) -> bool:
    """The scrutiny team records when a meeting's minutes were published."""
    return can_manage_tracker(user)


def can_view_evidence(user: AnyUser, evidence: Any) -> bool:
    """Whoever may see the progress update may open its evidence (the update's rule)."""
    return is_visible(user, evidence)


def permission_required(
    predicate: Callable[..., bool],
    *,
    get_object: Callable[..., Any] | None = None,
    hide: bool = False,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Decorate a view with the predicate that guards it.

    With ``get_object`` the predicate is asked about the object (loaded from the URL's
    arguments, 404 when missing) and the view receives it as its second argument.
    An object the user may not see (by its entity's visibility rule, :func:`is_visible`)
    answers 404 before any permission is asked, to everyone, so that no page confirms that
    an exempt item or a draft exists. Anonymous users who fail the predicate are sent to
    sign in; signed-in users get 403, or 404 when ``hide`` is set.
    """

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if get_object is not None:
                obj = get_object(**kwargs)
                if not is_visible(request.user, obj):
                    raise Http404
                allowed = predicate(request.user, obj)
            else:
                obj = None
                allowed = predicate(request.user)
            if not allowed:
                if hide:
                    raise Http404
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            if get_object is not None:
                return view(request, obj)
            return view(request, *args, **kwargs)

        wrapped.permission = predicate  # type: ignore[attr-defined]
        return wrapped

    return decorator


def can_view_performance(user: AnyUser) -> bool:
    """Everyone may read the published (approved) corporate performance figures."""
    return True


def can_view_unapproved_figures(user: AnyUser) -> bool:
    """Provisional and unapproved figures are for the council side only, never the public."""
    return is_staff_user(user)


def can_manage_performance(user: AnyUser) -> bool:
    """Scrutiny officers and administrators record and approve performance figures."""
    return has_role(user, Role.SCRUTINY_OFFICER, Role.ADMINISTRATOR)


def can_raise_from_indicator(user: AnyUser) -> bool:
    """Turning an indicator into a recommendation or work-programme item is tracker work."""
    return can_manage_tracker(user)
