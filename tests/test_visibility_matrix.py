"""The role by page matrix over every URL of the project (issue 15).

One small world, built once for the module: two committees, each with a public item and an
exempt item whose every text carries a marker; an item that was public and was made exempt
later; a draft briefing note; an unapproved performance figure; a work-programme item that
comes from an exempt recommendation. Seven roles open every URL pattern with real ids, and

- each gets the status its role allows: 200, 302 to sign in, 403, or, for an object it may
  not see, the same answer as for an object that does not exist (404), never a 403 that
  would confirm it exists;
- no 200 response (page, download, feed, calendar, API) carries a marker the role may not see;
- a write (POST) by a role without the right is refused and changes nothing in the database.

A URL pattern with no entry here fails ``test_every_url_pattern_is_in_the_matrix``: a new
page must say who may open it.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from scrutineer.api import services as api_services
from scrutineer.briefings import services as briefing_services
from scrutineer.core import permissions
from scrutineer.core.roles import Role
from scrutineer.programme import services as programme_services
from scrutineer.programme.models import Disposition, ForwardPlanItem
from scrutineer.public.models import Subscription
from scrutineer.tracker import services
from tests.committees.factories import (
    CommitteeFactory,
    CouncillorFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.core.factories import UserFactory
from tests.performance.factories import (
    FrameworkFactory,
    IndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    TargetFactory,
    UnapprovedMeasurementFactory,
)
from tests.tracker.factories import ExemptItemFactory, ItemFactory, RecommendationFactory

# --- Roles, and who may see what ------------------------------------------------------

ROLES = [
    "public",
    "member_a",
    "member_b",
    "assigned_officer",
    "officer",
    "scrutiny_officer",
    "administrator",
]
MANAGERS = {"scrutiny_officer", "administrator"}
STAFF = set(ROLES) - {"public"}

# Who may know that a thing exists, by audience. Exempt items (LGA 1972 Sch. 12A) are for
# scrutiny officers, the committee's members and the people assigned to them
# (permissions.can_view_item); drafts and unapproved figures for the council side
# (permissions.is_staff_user, permissions.can_view_unapproved_figures).
AUDIENCES: dict[str, set[str]] = {
    "everyone": set(ROLES),
    "exempt_a": MANAGERS | {"member_a", "assigned_officer"},
    "exempt_b": MANAGERS | {"member_b"},
    "later_a": MANAGERS | {"member_a"},  # nobody logged in is assigned to it
    "draft": STAFF,
    "unapproved": STAFF,
    "nobody": set(),
}


def marker(audience: str, part: str) -> str:
    return f"{audience.upper().replace('_', '')}-MARKER-{part}-Q7X"


# Each marker with its audience, and the pages where it may appear to anyone: a person's
# name is public in the directory of people, but not as "assigned to exempt business".
MARKERS: dict[str, tuple[str, frozenset[str]]] = {}
PEOPLE_DIRECTORY = frozenset({"api:api-v1:person_list", "api:api-v1:person_detail"})


def _marker(audience: str, part: str, *, allowed_on: frozenset[str] = frozenset()) -> str:
    text = marker(audience, part)
    MARKERS[text] = (audience, allowed_on)
    return text


M = SimpleNamespace(
    **{
        f"{side}_{part.lower()}": _marker(f"exempt_{side}", part)
        for side in ("a", "b")
        for part in ("TITLE", "REC", "PROGRESS", "CLOSURE", "RESPONSE", "NOTE", "PROGRAMME")
    },
    a_assignee=_marker("exempt_a", "ASSIGNEE", allowed_on=PEOPLE_DIRECTORY),
    b_assignee=_marker("exempt_b", "ASSIGNEE", allowed_on=PEOPLE_DIRECTORY),
    later_title=_marker("later_a", "TITLE"),
    later_rec=_marker("later_a", "REC"),
    later_progress=_marker("later_a", "PROGRESS"),
    draft_purpose=_marker("draft", "PURPOSE"),
    draft_comment=_marker("draft", "COMMENT"),
    unapproved_commentary=_marker("unapproved", "COMMENTARY"),
    unapproved_route=_marker("unapproved", "ROUTE"),
)

# When the later-exempt item was still public: its history (and everyone's) is dated then.
WHEN_PUBLIC = datetime.datetime(2024, 10, 1, 10, 0, tzinfo=datetime.UTC)
AS_AT = "2024-12-31"
MISSING = 999_999  # an id no record has


# --- The world, built once for the module ---------------------------------------------


def _committee_business(w: SimpleNamespace, side: str, committee: Any, meeting: Any) -> None:
    """A public item with recommendations, progress, a closure and a response, and an
    exempt item with the same, every text of it a marker."""
    m = lambda part: getattr(M, f"{side}_{part}")  # noqa: E731 - a short local lookup
    public = ItemFactory(meeting=meeting, report_title=f"Library opening hours {side}")
    open_rec = RecommendationFactory(
        item=public, text=f"Review the opening hours {side}", assignees=[w.public_officer]
    )
    services.progress_add(item=public, recommendation=open_rec, text=f"Survey begun {side}.")
    closed_rec = RecommendationFactory(item=public, text=f"Publish the survey {side}")
    services.recommendation_close(
        recommendation=closed_rec, closed_by=None, agreed_at=meeting, reason="Published"
    )
    sent_rec = RecommendationFactory(item=public, text=f"Cabinet to fund the hours {side}")
    response = services.recommendation_send_to_executive(
        recommendation=sent_rec, sent_on=datetime.date(2024, 9, 20)
    )
    services.executive_response_record(
        response=response,
        decision="partly_accepted",
        responded_on=datetime.date(2024, 10, 1),
        reasons=f"Funding in part {side}",
    )

    exempt = ExemptItemFactory(meeting=meeting, report_title=f"Disposal of {m('title')}")
    assignee = getattr(w, f"assignee_{side}")
    ex_rec = RecommendationFactory(item=exempt, text=m("rec"), assignees=[assignee])
    services.progress_add(item=exempt, recommendation=ex_rec, text=m("progress"))
    ex_closed = RecommendationFactory(item=exempt, text="Agree the heads of terms")
    services.recommendation_close(
        recommendation=ex_closed, closed_by=None, agreed_at=meeting, reason=m("closure")
    )
    ex_sent = RecommendationFactory(item=exempt, text="Cabinet to approve the disposal")
    ex_response = services.recommendation_send_to_executive(
        recommendation=ex_sent, sent_on=datetime.date(2024, 9, 20)
    )
    services.executive_response_record(
        response=ex_response,
        decision="rejected",
        responded_on=datetime.date(2024, 10, 1),
        reasons=m("response"),
    )
    note = briefing_services.briefing_create_from_item(item=exempt)
    briefing_services.briefing_comment_add(note=note, text=m("note"))
    briefing_services.briefing_issue(
        note=note, issued_on=datetime.date(2024, 9, 25), issued_to="Cabinet"
    )
    programme_services.work_programme_add(
        committee=committee,
        title=m("programme"),
        source="recommendation",
        recommendation=ex_rec,
        planned_meeting=meeting,
    )
    public_wp = programme_services.work_programme_add(
        committee=committee, title=f"Quarterly finance report {side}", planned_meeting=meeting
    )
    for name, value in {
        "item": public,
        "open_rec": open_rec,
        "closed_rec": closed_rec,
        "sent_rec": sent_rec,
        "exempt": exempt,
        "ex_rec": ex_rec,
        "ex_closed": ex_closed,
        "ex_sent": ex_sent,
        "exempt_note": note,
        "exempt_comment": note.comments.get(),
        "public_wp": public_wp,
    }.items():
        setattr(w, f"{name}_{side}", value)


def _user(w: SimpleNamespace, who: str, role: Role, person: Any = None) -> None:
    user = UserFactory(username=who, role=role)
    if person is None:
        person = PersonFactory(name=f"{who.replace('_', ' ').title()} Person")
    person.user = user
    person.save()
    _, secret = api_services.api_token_create(user=user, name="Matrix")
    w.users[who] = user
    w.tokens[who] = secret
    # One session per role for the whole module: signing in for each test costs more than
    # the page it opens.
    signed_in = Client()
    signed_in.force_login(user)
    w.sessions[who] = signed_in.cookies[settings.SESSION_COOKIE_NAME].value


def _build_world() -> SimpleNamespace:
    w = SimpleNamespace(users={}, tokens={}, sessions={})
    w.a = CommitteeFactory(
        name="Corporate Overview and Scrutiny Committee", short_name="CO&S", slug="corporate"
    )
    w.b = CommitteeFactory(
        name="Place Overview and Scrutiny Committee", short_name="P&S", slug="place"
    )
    w.meeting_a = MeetingFactory(committee=w.a, date=datetime.date(2024, 9, 17))
    w.meeting_b = MeetingFactory(committee=w.b, date=datetime.date(2024, 9, 18))
    w.public_officer = PersonFactory(name="Pat Openshaw")
    # Each assigned only to exempt recommendations: their names are exempt business too.
    w.assignee_a = PersonFactory(name=f"Alex {M.a_assignee}")
    w.assignee_b = PersonFactory(name=f"Blair {M.b_assignee}")
    _committee_business(w, "a", w.a, w.meeting_a)
    _committee_business(w, "b", w.b, w.meeting_b)

    # Public until it was made exempt: history exists from when it was public.
    w.later = ItemFactory(meeting=w.meeting_a, report_title=f"Depot lease {M.later_title}")
    w.later_rec = RecommendationFactory(
        item=w.later, text=M.later_rec, assignees=[w.public_officer]
    )
    services.progress_add(item=w.later, recommendation=w.later_rec, text=M.later_progress)

    w.draft_note = briefing_services.briefing_create_from_item(item=w.item_a)
    briefing_services.briefing_update(note=w.draft_note, purpose=M.draft_purpose)
    w.draft_comment = briefing_services.briefing_comment_add(
        note=w.draft_note, text=M.draft_comment
    )
    w.public_note = briefing_services.briefing_create_from_item(item=w.item_b)
    briefing_services.briefing_comment_add(note=w.public_note, text="Members asked about staff.")
    briefing_services.briefing_issue(
        note=w.public_note, issued_on=datetime.date(2024, 9, 26), issued_to="Cabinet"
    )

    w.plan_item = ForwardPlanItem.objects.create(
        title="Medium Term Financial Strategy",
        decision_date=datetime.date(2027, 3, 1),
        is_key_decision=True,
    )
    w.disposition = Disposition.objects.create(
        forward_plan_item=w.plan_item,
        committee=w.a,
        position=1,
        choice=Disposition.Choice.SCHEDULED,
        meeting=w.meeting_a,
    )
    Disposition.objects.create(
        forward_plan_item=w.plan_item,
        committee=w.b,
        position=1,
        choice=Disposition.Choice.NOT_ON_WORK_PROGRAMME,
    )

    w.framework = FrameworkFactory(name="Corporate Plan PMAF 2024/25")
    w.indicator = IndicatorFactory(framework=w.framework, name="Council tax collected")
    TargetFactory(indicator=w.indicator, year=2024, quarter=None, value=90.0)
    w.approved = MeasurementFactory(
        indicator=w.indicator, quarter=1, value=91.0, commentary="Collection on track."
    )
    w.unapproved = UnapprovedMeasurementFactory(
        indicator=w.indicator,
        quarter=2,
        value=80.0,
        commentary=M.unapproved_commentary,
        route_to_green=M.unapproved_route,
    )
    w.milestone = MilestoneFactory(framework=w.framework)
    w.subscription = Subscription.objects.create(
        email="reader@example.org", recommendation=w.open_rec_a
    )

    member_a = CouncillorFactory(name="Cllr Ada Member")
    MembershipFactory(committee=w.a, person=member_a)
    member_b = CouncillorFactory(name="Cllr Bea Member")
    MembershipFactory(committee=w.b, person=member_b)
    _user(w, "member_a", Role.MEMBER, member_a)
    _user(w, "member_b", Role.MEMBER, member_b)
    _user(w, "assigned_officer", Role.OFFICER, w.assignee_a)
    _user(w, "officer", Role.OFFICER)
    _user(w, "scrutiny_officer", Role.SCRUTINY_OFFICER)
    _user(w, "administrator", Role.ADMINISTRATOR)

    # Date every record so far to when the later item was public, then make it exempt.
    for model in apps.get_models():
        if any(f.name == "history_date" for f in model._meta.fields):
            model._default_manager.update(history_date=WHEN_PUBLIC)
    services.item_update(item=w.later, expected_version=None, is_exempt=True)
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world in a transaction of its own, rolled back when the module ends; each test
    runs in a savepoint inside it (pytest-django's ``db``), so nothing a test writes stays."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                built = _build_world()
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _generous_api_limit(settings):
    cache.clear()
    settings.SCRUTINEER_API_ANON_RATE = "100000/m"


# --- What each page expects -------------------------------------------------------------

LOGIN = 302
HIDDEN = "hidden"  # 404, or whatever a missing object gets: never a hint that it exists


def everyone(who: str) -> int:
    return 200


def moved(who: str) -> int:
    return 301


def staff(who: str) -> int:
    return 200 if who in STAFF else LOGIN


def managers(who: str) -> int:
    return 200 if who in MANAGERS else (LOGIN if who == "public" else 403)


def managers_or(*extra: str) -> Callable[[str], int]:
    def rule(who: str) -> int:
        return 200 if who in MANAGERS | set(extra) else (LOGIN if who == "public" else 403)

    rule.__name__ = f"managers_or_{'_'.join(extra)}"
    return rule


def api_managers_or(*extra: str) -> Callable[[str], int]:
    """API writes: no token is 401; a token without the right is 403."""

    def rule(who: str) -> int:
        return 201 if who in MANAGERS | set(extra) else (401 if who == "public" else 403)

    return rule


def always(status: int) -> Callable[[str], int]:
    def rule(who: str) -> int:
        return status

    return rule


Kwargs = Callable[[SimpleNamespace], dict[str, Any]]


def no_kwargs(w: SimpleNamespace) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Page:
    name: str
    variant: str = ""
    kwargs: Kwargs = no_kwargs
    query: str | Callable[[SimpleNamespace], str] = ""
    rule: Callable[[str], int] = everyone
    # Who may know the object in the URL exists; the others get HIDDEN.
    audience: str = "everyone"
    # The same URL with ids no record has: what a missing object gets.
    missing: Kwargs | None = None
    # A write: the data a role without the right posts (None: no write through this page).
    post: Callable[[SimpleNamespace], dict[str, Any]] | None = None
    post_rule: Callable[[str], int] | None = None
    get: bool = True
    body_json: bool = False  # the API takes JSON bodies

    @property
    def label(self) -> str:
        return f"{self.name}@{self.variant}" if self.variant else self.name

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:api-v1:")

    def url(self, w: SimpleNamespace, kwargs: dict[str, Any] | None = None) -> str:
        found = reverse(self.name, kwargs=self.kwargs(w) if kwargs is None else kwargs)
        query = self.query(w) if callable(self.query) else self.query
        return found + (f"?{query}" if query else "")


def pk(attribute: str, key: str = "pk") -> Kwargs:
    return lambda w: {key: getattr(w, attribute).pk}


def slug(attribute: str) -> Kwargs:
    return lambda w: {"slug": getattr(w, attribute).slug}


def missing(key: str = "pk", **extra: Any) -> Kwargs:
    return lambda w: {key: MISSING, **extra}


def on_item(
    name: str,
    rule: Callable[[str], int],
    key: str = "pk",
    *,
    recs: bool = False,
    post: Any = None,
    **options: Any,
) -> list[Page]:
    """The same page on a public item (or recommendation), the exempt ones of both
    committees and the item made exempt later."""
    targets = (
        [
            ("public-a", "open_rec_a", "everyone"),
            ("exempt-a", "ex_rec_a", "exempt_a"),
            ("exempt-b", "ex_rec_b", "exempt_b"),
            ("later-a", "later_rec", "later_a"),
        ]
        if recs
        else [
            ("public-a", "item_a", "everyone"),
            ("exempt-a", "exempt_a", "exempt_a"),
            ("exempt-b", "exempt_b", "exempt_b"),
            ("later-a", "later", "later_a"),
        ]
    )
    return [
        Page(
            name,
            variant,
            pk(attribute, key),
            rule=rule,
            audience=audience,
            missing=missing(key),
            post=post,
            **options,
        )
        for variant, attribute, audience in targets
    ]


def _version(attribute: str, **data: Any) -> Callable[[SimpleNamespace], dict[str, Any]]:
    return lambda w: {**data, "version": str(getattr(w, attribute).version)}


EXEMPT_A_ONLY = {"public-a", "exempt-a"}

PAGES: list[Page] = [
    # core
    Page("core:home"),
    Page("core:accessibility"),
    # committees
    Page("committees:list"),
    Page("committees:detail", "a", slug("a")),
    Page("committees:detail", "b", slug("b")),
    Page("committees:meeting_detail", "a", pk("meeting_a")),
    Page("committees:meeting_detail", "b", pk("meeting_b")),
    Page(
        "committees:meeting_create",
        "a",
        slug("a"),
        rule=managers,
        post=lambda w: {"date": "2025-03-18"},
    ),
    # tracker: lists, search and the past
    Page("tracker:index"),
    Page("tracker:my_actions", rule=staff),
    Page("tracker:committee_tracker", "a", slug("a")),
    Page("tracker:committee_tracker", "b", slug("b")),
    Page("tracker:committee_tracker", "a-search", slug("a"), query="q=disposal+depot+marker"),
    Page(
        "tracker:committee_tracker",
        "a-by-assignee",
        slug("a"),
        query=lambda w: f"assignee={w.assignee_a.pk}",
    ),
    Page("tracker:as_at", "a-past", slug("a"), query=f"date={AS_AT}"),
    Page("tracker:as_at", "b-past", slug("b"), query=f"date={AS_AT}"),
    Page("tracker:as_at", "a-today", slug("a"), query=f"date={datetime.date.today()}"),
    Page("tracker:overdue", rule=managers),
    # The meeting's old address, kept as a permanent redirect to its page under committees.
    Page("tracker:meeting_moved", "a", pk("meeting_a"), rule=moved),
    Page(
        "tracker:item_create",
        "a",
        pk("meeting_a"),
        rule=managers,
        post=lambda w: {"report_title": "New report"},
    ),
    *on_item("tracker:item_detail", everyone),
    *[
        Page(
            "tracker:item_edit",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=_version(attribute, report_title="Renamed"),
        )
        for variant, attribute, audience in [
            ("public-a", "item_a", "everyone"),
            ("exempt-a", "exempt_a", "exempt_a"),
            ("exempt-b", "exempt_b", "exempt_b"),
            ("later-a", "later", "later_a"),
        ]
    ],
    *on_item(
        "tracker:recommendation_create",
        managers,
        post=lambda w: {"text": "Review it", "kind": "action"},
    ),
    *on_item("tracker:recommendation_detail", everyone, recs=True),
    *[
        Page(
            "tracker:recommendation_edit",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=_version(attribute, text="Changed", kind="action"),
        )
        for variant, attribute, audience in [
            ("public-a", "open_rec_a", "everyone"),
            ("exempt-a", "ex_rec_a", "exempt_a"),
            ("exempt-b", "ex_rec_b", "exempt_b"),
            ("later-a", "later_rec", "later_a"),
        ]
    ],
    Page(
        "tracker:progress_add",
        "public-a",
        pk("open_rec_a"),
        rule=managers,
        missing=missing(),
        post=lambda w: {"text": "Done some"},
    ),
    Page(
        "tracker:progress_add",
        "exempt-a",
        pk("ex_rec_a"),
        rule=managers_or("assigned_officer"),
        audience="exempt_a",
        missing=missing(),
        post=lambda w: {"text": "Done some"},
    ),
    Page(
        "tracker:progress_add",
        "exempt-b",
        pk("ex_rec_b"),
        rule=managers,
        audience="exempt_b",
        missing=missing(),
        post=lambda w: {"text": "Done some"},
    ),
    Page(
        "tracker:progress_add",
        "later-a",
        pk("later_rec"),
        rule=managers,
        audience="later_a",
        missing=missing(),
        post=lambda w: {"text": "Done some"},
    ),
    *[
        Page(
            "tracker:close",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=lambda w, side=side: {
                "agreed_at": str(getattr(w, f"meeting_{side}").pk),
                "reason": "Done",
            },
        )
        for variant, attribute, audience, side in [
            ("public-a", "open_rec_a", "everyone", "a"),
            ("exempt-a", "ex_rec_a", "exempt_a", "a"),
            ("exempt-b", "ex_rec_b", "exempt_b", "b"),
        ]
    ],
    *[
        Page(
            "tracker:reopen",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=lambda w: {"reason": "Not done"},
        )
        for variant, attribute, audience in [
            ("public-a", "closed_rec_a", "everyone"),
            ("exempt-a", "ex_closed_a", "exempt_a"),
            ("exempt-b", "ex_closed_b", "exempt_b"),
        ]
    ],
    *[
        Page(
            "tracker:recommendation_send",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=lambda w: {"addressee": "Cabinet", "sent_on": "2025-03-19"},
        )
        for variant, attribute, audience in [
            ("public-a", "open_rec_a", "everyone"),
            ("exempt-a", "ex_rec_a", "exempt_a"),
            ("exempt-b", "ex_rec_b", "exempt_b"),
        ]
    ],
    *[
        Page(
            "tracker:response_record",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=lambda w: {"decision": "accepted", "responded_on": "2025-04-02"},
        )
        for variant, attribute, audience in [
            ("public-a", "sent_rec_a", "everyone"),
            ("exempt-a", "ex_sent_a", "exempt_a"),
            ("exempt-b", "ex_sent_b", "exempt_b"),
        ]
    ],
    # imports: no upload is pending, so even a manager's preview is a 404
    Page(
        "imports:tracker_upload",
        rule=managers,
        post=lambda w: {"committee": str(w.a.pk)},
    ),
    Page(
        "imports:tracker_preview",
        "no-upload",
        lambda w: {"token": "no-such-upload"},
        rule=lambda who: 404 if who in MANAGERS else managers(who),
        post=lambda w: {},
    ),
    # briefings
    Page("briefings:list"),
    Page("briefings:detail", "draft-a", pk("draft_note"), audience="draft", missing=missing()),
    Page("briefings:detail", "issued-b", pk("public_note")),
    Page(
        "briefings:detail", "exempt-a", pk("exempt_note_a"), audience="exempt_a", missing=missing()
    ),
    Page(
        "briefings:detail", "exempt-b", pk("exempt_note_b"), audience="exempt_b", missing=missing()
    ),
    *[
        Page(
            "briefings:create",
            variant,
            pk(attribute, "item_pk"),
            rule=managers,
            audience=audience,
            missing=missing("item_pk"),
            post=lambda w: {},
        )
        for variant, attribute, audience in [
            ("later-a", "later", "later_a"),
            ("exempt-a", "exempt_a", "exempt_a"),
            ("exempt-b", "exempt_b", "exempt_b"),
        ]
    ],
    *[
        Page(
            name,
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=data,
        )
        for name, data in [
            (
                "briefings:edit",
                lambda w: {"addressee": "Cabinet", "purpose": "Changed by the matrix"},
            ),
            ("briefings:comment_add", lambda w: {"text": "A comment from the matrix"}),
            ("briefings:recommendation_add", lambda w: {"text": "A recommendation"}),
            ("briefings:issue", lambda w: {"issued_on": "2024-09-27", "issued_to": "Cabinet"}),
        ]
        for variant, attribute, audience in [
            ("draft-a", "draft_note", "draft"),
            ("exempt-a", "exempt_note_a", "exempt_a"),
            ("exempt-b", "exempt_note_b", "exempt_b"),
        ]
    ],
    *[
        Page(
            "briefings:response_add",
            variant,
            pk(attribute),
            rule=managers,
            audience=audience,
            missing=missing(),
            post=lambda w: {"text": "An officer response"},
        )
        for variant, attribute, audience in [
            ("draft-a", "draft_comment", "draft"),
            ("exempt-a", "exempt_comment_a", "exempt_a"),
            ("exempt-b", "exempt_comment_b", "exempt_b"),
        ]
    ],
    # programme
    Page("programme:forward_plan", "a", slug("a")),
    Page("programme:forward_plan", "b", slug("b")),
    Page(
        "programme:disposition_edit",
        "a",
        pk("disposition"),
        rule=managers,
        post=lambda w: {"choice": "not_on_work_programme", "note": "Changed by the matrix"},
    ),
    Page("programme:work_programme", "a", slug("a")),
    Page("programme:work_programme", "b", slug("b")),
    Page(
        "programme:work_programme_add",
        "a",
        slug("a"),
        rule=managers,
        post=lambda w: {"title": "Matrix item", "source": "member"},
    ),
    Page("programme:calendar", "a", slug("a")),
    Page("programme:calendar", "b", slug("b")),
    Page("programme:all_calendar"),
    Page("programme:meeting_calendar", "a", pk("meeting_a")),
    Page("programme:meeting_calendar", "b", pk("meeting_b")),
    Page("programme:gaps"),
    # exports
    Page("exports:open_data"),
    Page("exports:tracker_print", "a", slug("a")),
    Page("exports:tracker_print", "b", slug("b")),
    Page("exports:tracker_print", "a-as-at", slug("a"), query=f"as_at={AS_AT}"),
    # Every text format, and Word and Excel (their XML is searched). No PDF: the same views
    # make it from the same document, its text cannot be searched, and it is the slowest.
    *[
        Page(
            "exports:tracker_download",
            f"{side}-{fmt}{'-as-at' if as_at else ''}",
            lambda w, side=side, fmt=fmt: {"slug": getattr(w, side).slug, "format_name": fmt},
            query=f"as_at={AS_AT}" if as_at else "",
        )
        for side, fmt, as_at in [
            ("a", "csv", False),
            ("a", "json", False),
            ("a", "html", False),
            ("a", "xlsx", False),
            ("a", "docx", False),
            ("a", "csv", True),
            ("a", "json", True),
            ("a", "html", True),
            ("a", "xlsx", True),
            ("a", "docx", True),
            ("b", "json", False),
            ("b", "csv", True),
        ]
    ],
    *[
        Page(
            "exports:briefing_download",
            f"{variant}-{fmt}",
            lambda w, attribute=attribute, fmt=fmt: {
                "pk": getattr(w, attribute).pk,
                "format_name": fmt,
            },
            audience=audience,
            missing=lambda w, fmt=fmt: {"pk": MISSING, "format_name": fmt},
        )
        for variant, attribute, audience, fmt in [
            ("exempt-a", "exempt_note_a", "exempt_a", "html"),
            ("exempt-a", "exempt_note_a", "exempt_a", "docx"),
            ("exempt-b", "exempt_note_b", "exempt_b", "html"),
            ("draft-a", "draft_note", "draft", "html"),
            ("issued-b", "public_note", "everyone", "docx"),
        ]
    ],
    # performance
    Page("performance:dashboard"),
    Page("performance:dashboard", "q2", query="period=2024-2"),
    Page("exports:performance_report", "docx", lambda w: {"format_name": "docx"}),
    Page(
        "performance:indicator_create",
        rule=managers,
        post=lambda w: {"framework": str(w.framework.pk), "code": "PI999", "name": "Matrix"},
    ),
    Page("performance:indicator", "", pk("indicator")),
    *[
        Page(name, "", pk("indicator"), rule=rule, post=data)
        for name, rule, data in [
            ("performance:indicator_edit", managers, lambda w: {"name": "Renamed"}),
            ("performance:targets", managers, lambda w: {"year": "2024"}),
            (
                "performance:record_figure",
                managers,
                lambda w: {"year": "2024", "quarter": "3", "value": "50"},
            ),
            (
                "performance:raise_recommendation",
                managers,
                lambda w: {
                    "year": "2024",
                    "quarter": "2",
                    "text": "Raise it",
                    "meeting": str(w.meeting_a.pk),
                },
            ),
            (
                "performance:add_to_work_programme",
                managers,
                lambda w: {
                    "year": "2024",
                    "quarter": "2",
                    "committee": str(w.a.pk),
                    "title": "Matrix",
                },
            ),
        ]
    ],
    # Approving is a POST only: a GET is 405 for everyone.
    Page(
        "performance:approve",
        "unapproved",
        pk("unapproved"),
        rule=always(405),
        post=lambda w: {},
        post_rule=managers,
    ),
    Page("performance:milestones"),
    Page(
        "performance:milestone_create",
        rule=managers,
        post=lambda w: {
            "framework": str(w.framework.pk),
            "name": "Matrix milestone",
            "directorate": "Resources",
            "planned_date": "2025-03-31",
            "status": "not_started",
        },
    ),
    Page(
        "performance:milestone_edit",
        "",
        pk("milestone"),
        rule=managers,
        post=lambda w: {
            "framework": str(w.framework.pk),
            "name": "Renamed milestone",
            "directorate": "Resources",
            "planned_date": "2025-03-31",
            "status": "not_started",
        },
    ),
    Page("performance:ambition"),
    Page("performance:import", rule=managers, post=lambda w: {"framework": str(w.framework.pk)}),
    Page("performance:import_template", rule=managers),
    Page(
        "performance:import_preview",
        "no-upload",
        lambda w: {"token": "no-such-upload"},
        rule=lambda who: 404 if who in MANAGERS else managers(who),
        post=lambda w: {},
    ),
    # API: documentation
    Page("api:docs"),
    Page("api:api-v1:openapi-json"),
    Page("api:api-v1:api-root", rule=always(404)),
    # API: reads, with each role's own token
    Page("api:api-v1:committee_list"),
    Page("api:api-v1:committee_detail", "a", slug("a")),
    Page("api:api-v1:committee_members", "a", slug("a")),
    Page("api:api-v1:person_list"),
    Page("api:api-v1:person_detail", "assignee-a", pk("assignee_a", "person_id")),
    Page("api:api-v1:meeting_list"),
    Page("api:api-v1:meeting_detail", "a", pk("meeting_a", "meeting_id")),
    Page("api:api-v1:item_list"),
    *on_item("api:api-v1:item_detail", everyone, "item_id"),
    Page("api:api-v1:recommendation_list"),
    Page(
        "api:api-v1:recommendation_list",
        "by-assignee-a",
        query=lambda w: f"assignee={w.assignee_a.pk}",
    ),
    *on_item("api:api-v1:recommendation_detail", everyone, "recommendation_id", recs=True),
    Page("api:api-v1:progress_update_list"),
    Page("api:api-v1:forward_plan_list"),
    Page("api:api-v1:work_programme_list"),
    Page("api:api-v1:briefing_note_list"),
    *[
        Page(
            "api:api-v1:briefing_note_detail",
            variant,
            pk(attribute, "note_id"),
            audience=audience,
            missing=missing("note_id"),
        )
        for variant, attribute, audience in [
            ("draft-a", "draft_note", "draft"),
            ("issued-b", "public_note", "everyone"),
            ("exempt-a", "exempt_note_a", "exempt_a"),
            ("exempt-b", "exempt_note_b", "exempt_b"),
        ]
    ],
    Page("api:api-v1:indicator_list"),
    Page("api:api-v1:indicator_detail", "", pk("indicator", "indicator_id")),
    Page("api:api-v1:measurement_list", "", pk("indicator", "indicator_id")),
    # API: writes (POST only; the same path's GET is measurement_list / not allowed)
    *[
        Page(
            "api:api-v1:progress_create",
            variant,
            pk(attribute, "recommendation_id"),
            rule=api_managers_or(*extra),
            audience=audience,
            missing=missing("recommendation_id"),
            post=lambda w: {"text": "Posted by the matrix"},
            get=False,
            body_json=True,
        )
        for variant, attribute, audience, extra in [
            ("public-a", "open_rec_a", "everyone", ()),
            ("exempt-a", "ex_rec_a", "exempt_a", ("assigned_officer",)),
            ("exempt-b", "ex_rec_b", "exempt_b", ()),
            ("later-a", "later_rec", "later_a", ()),
        ]
    ],
    Page(
        "api:api-v1:measurement_create",
        "",
        pk("indicator", "indicator_id"),
        rule=api_managers_or(),
        post=lambda w: {"year": 2024, "quarter": 3, "value": 50.0},
        get=False,
        body_json=True,
    ),
    # Atom feeds: for feed readers, who do not sign in: what the public may see, to all
    Page("api:committee_feed", "a", slug("a")),
    Page("api:committee_feed", "b", slug("b")),
    Page("api:recommendation_feed", "public-a", pk("open_rec_a")),
    Page("api:recommendation_feed", "exempt-a", pk("ex_rec_a"), rule=always(404)),
    Page("api:recommendation_feed", "exempt-b", pk("ex_rec_b"), rule=always(404)),
    Page("api:recommendation_feed", "later-a", pk("later_rec"), rule=always(404)),
    # alerts for the public
    Page("public:subscribe_committee", "a", slug("a")),
    *on_item(
        "public:subscribe_recommendation",
        everyone,
        recs=True,
        post=lambda w: {"email": "matrix@example.org"},
    ),
    Page("public:confirm", "", lambda w: {"token": w.subscription.token}),
    Page("public:unsubscribe", "", lambda w: {"token": w.subscription.token}),
]

# Patterns the matrix does not open, each with its reason. Keep this short.
EXCLUDED = {
    "admin:": "Django admin: staff accounts only, reference data; tests/core/test_admin.py",
    "login": "signing in: no records shown",
    "logout": "signing out: POST only, no records",
    "core:healthz": "load balancers' probe: a fixed JSON answer about the database",
}


# --- Requests and what comes back -------------------------------------------------------


def _headers(page: Page, who: str, w: SimpleNamespace) -> dict[str, str]:
    if page.is_api and who != "public":
        return {"HTTP_AUTHORIZATION": f"Bearer {w.tokens[who]}"}
    return {}


def _sign_in(client: Any, page: Page, who: str, w: SimpleNamespace) -> None:
    if who != "public" and not page.is_api:
        client.cookies[settings.SESSION_COOKIE_NAME] = w.sessions[who]


def _send(
    client: Any, page: Page, who: str, w: SimpleNamespace, method: str, url: str | None = None
) -> Any:
    url = url or page.url(w)
    headers = _headers(page, who, w)
    if method == "GET":
        return client.get(url, **headers)
    data = page.post(w) if page.post else {}
    if page.body_json:
        return client.post(url, json.dumps(data), content_type="application/json", **headers)
    return client.post(url, data, **headers)


def _content(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _text(response: Any) -> str | None:
    """The response as text to search: XML of Word and Excel files without their tags, ICS
    unfolded; None for PDF, whose text is not stored as such."""
    content = _content(response)
    if "pdf" in response.get("Content-Type", ""):
        return None
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            xml = "".join(
                archive.read(n).decode("utf-8", "replace")
                for n in archive.namelist()
                if n.endswith(".xml")
            )
        return re.sub(r"<[^>]+>", "", xml)
    text = content.decode("utf-8", "replace")
    if "calendar" in response.get("Content-Type", ""):
        text = re.sub(r"\r?\n[ \t]", "", text)  # RFC 5545 line folding
    return text


def leaked(text: str, who: str, page: Page) -> list[str]:
    return [
        f"{found} (for {audience})"
        for found, (audience, allowed_on) in MARKERS.items()
        if who not in AUDIENCES[audience] and page.name not in allowed_on and found in text
    ]


def expected_status(page: Page, who: str, method: str = "GET") -> int | str:
    if who not in AUDIENCES[page.audience]:
        return HIDDEN
    rule = page.post_rule if method == "POST" and page.post_rule else page.rule
    return rule(who)


def _check_status(client: Any, page: Page, who: str, w: SimpleNamespace, method: str, response):
    expected = expected_status(page, who, method)
    got = response.status_code
    if expected == HIDDEN:
        if got == 404:
            return
        # Anything else must be what a missing object gets, or it confirms the object exists.
        assert page.missing is not None, f"{who} may not know of this object but got {got}"
        absent = _send(client, page, who, w, method, page.url(w, page.missing(w))).status_code
        assert got != 200, f"{who} may not see this object, but got it"
        assert got == absent, (
            f"{who} may not know this object exists, but got {got} where a missing one "
            f"gets {absent}"
        )
        return
    assert got == expected, f"{who}: expected {expected}, got {got}"
    if got == LOGIN:
        assert "/login/" in response["Location"]


# --- The matrix -------------------------------------------------------------------------

GET_CASES = [
    pytest.param(page, who, id=f"{who}-{page.label}") for page in PAGES if page.get for who in ROLES
]


@pytest.mark.parametrize(("page", "who"), GET_CASES)
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    _sign_in(client, page, who, world)
    response = _send(client, page, who, world, "GET")
    _check_status(client, page, who, world, "GET", response)
    if response.status_code == 200:
        text = _text(response)
        if text is not None:
            assert not leaked(text, who, page), f"{who} sees {leaked(text, who, page)}"


def _fingerprint_sql() -> str:
    """One query for every table's row count and highest key: a write anywhere changes one
    of them (every tracked record also writes a history row)."""
    skip = {"sessions", "axes", "admin", "contenttypes"}
    quote = connection.ops.quote_name
    parts = []
    for model in apps.get_models():
        if model._meta.app_label in skip:
            continue
        table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
        # The models' own table names, quoted: nothing comes from outside.
        parts.append(f"(SELECT COUNT(*) FROM {table})")  # noqa: S608  # nosec B608
        parts.append(f"(SELECT MAX({key}) FROM {table})")  # noqa: S608  # nosec B608
    return "SELECT " + ", ".join(parts)


def fingerprint() -> tuple[Any, ...]:
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        return tuple(cursor.fetchone())


POST_CASES = [
    pytest.param(page, who, id=f"{who}-{page.label}")
    for page in PAGES
    if page.post is not None
    for who in ROLES
    if expected_status(page, who, "POST") not in (200, 201)
]


@pytest.mark.parametrize(("page", "who"), POST_CASES)
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    _sign_in(client, page, who, world)
    before = fingerprint()
    response = _send(client, page, who, world, "POST")
    # The database first: a write that went through is worse than a wrong status.
    assert fingerprint() == before, f"{who}'s refused write changed the database"
    _check_status(client, page, who, world, "POST", response)


# --- The matrix covers every URL, and its markers can be found ---------------------------


def url_patterns(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    """Every URL pattern's name, with its namespaces ("tracker:item_detail"), or its route."""
    resolver = resolver or get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            names += url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            names.append(f"{namespace}{pattern.name or pattern.pattern}")
    return names


def _excluded(name: str) -> bool:
    return any(name == e or (e.endswith(":") and name.startswith(e)) for e in EXCLUDED)


def test_every_url_pattern_is_in_the_matrix():
    names = set(url_patterns())
    covered = {page.name for page in PAGES}
    assert sorted(n for n in names if not _excluded(n) and n not in covered) == []
    assert sorted(covered - names) == []
    assert [e for e in EXCLUDED if not any(_excluded(n) and n.startswith(e) for n in names)] == []


# Where each marker shows to someone entitled: proof that the matrix would see a leak.
PROOFS = {
    "tracker:item_detail@exempt-a": [M.a_title, M.a_rec, M.a_progress, M.a_closure, M.a_assignee],
    "tracker:item_detail@exempt-b": [M.b_title, M.b_rec, M.b_progress, M.b_closure, M.b_assignee],
    "tracker:recommendation_detail@exempt-a": [M.a_rec],
    "api:api-v1:recommendation_list": [M.a_response, M.b_response],
    "briefings:detail@exempt-a": [M.a_note],
    "briefings:detail@exempt-b": [M.b_note],
    "programme:work_programme@a": [M.a_programme],
    "programme:work_programme@b": [M.b_programme],
    "tracker:as_at@a-past": [M.later_title, M.later_rec, M.later_progress],
    "tracker:item_detail@later-a": [M.later_title, M.later_rec, M.later_progress],
    "briefings:detail@draft-a": [M.draft_purpose, M.draft_comment],
    "performance:indicator": [M.unapproved_commentary, M.unapproved_route],
}


@pytest.mark.parametrize("label", list(PROOFS))
def test_markers_reach_those_entitled(client, db, world, label):
    page = next(p for p in PAGES if p.label == label)
    _sign_in(client, page, "scrutiny_officer", world)
    response = client.get(page.url(world), **_headers(page, "scrutiny_officer", world))
    assert response.status_code == 200
    text = _text(response)
    assert text is not None
    assert [m for m in PROOFS[label] if m not in text] == []


def test_every_marker_has_a_proof_and_an_audience():
    proven = {m for markers in PROOFS.values() for m in markers}
    assert sorted(set(MARKERS) - proven) == []
    assert {audience for audience, _ in MARKERS.values()} <= set(AUDIENCES)


def test_the_matrix_uses_the_permission_predicates():
    for name in [
        "can_view_item",
        "can_manage_tracker",
        "can_update_progress",
        "can_write_briefing",
        "can_manage_programme",
        "can_manage_performance",
        "can_view_unapproved_figures",
        "is_staff_user",
    ]:
        assert callable(getattr(permissions, name))


def test_alert_emails_carry_nothing_the_public_may_not_see(db, world, mailoutbox):
    from scrutineer.public import services as alert_services

    since = WHEN_PUBLIC - datetime.timedelta(days=1)
    for committee in (world.a, world.b):
        Subscription.objects.create(
            email=f"follower-{committee.slug}@example.org",
            committee=committee,
            confirmed_at=since,
            last_sent_at=since,
        )
    world.subscription.confirmed_at = world.subscription.last_sent_at = since
    world.subscription.save()
    Subscription.objects.create(
        email="follower-later@example.org",
        recommendation=world.later_rec,
        confirmed_at=since,
        last_sent_at=since,
    )
    alert_services.alerts_send()
    assert mailoutbox, "the committees' changes should be sent to their followers"
    text = "\n".join(f"{m.subject}\n{m.body}" for m in mailoutbox)
    assert not leaked(text, "public", Page("alerts-email")), leaked(text, "public", Page("x"))


def test_deleting_an_exempt_item_in_the_admin_publishes_nothing_of_it(
    client, db, world, admin_client
):
    """Finding 3: whether the admin refuses, archives or deletes, nothing of the exempt item
    (its issued briefing note, the work-programme item from its recommendation) becomes
    public by losing its link."""
    admin_client.post(
        reverse("admin:tracker_item_delete", args=[world.exempt_a.pk]), {"post": "yes"}
    )
    found: dict[str, list[str]] = {}
    for name, kwargs in [
        ("briefings:list", {}),
        ("briefings:detail", {"pk": world.exempt_note_a.pk}),
        ("programme:work_programme", {"slug": world.a.slug}),
        ("programme:calendar", {"slug": world.a.slug}),
        ("api:api-v1:briefing_note_list", {}),
        ("api:api-v1:work_programme_list", {}),
        ("api:committee_feed", {"slug": world.a.slug}),
    ]:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code in {200, 404}, name
        found[name] = leaked(_text(response) or "", "public", Page(name))
    leaks = {name: markers for name, markers in found.items() if markers}
    assert not leaks, "\n".join(f"{name}: {', '.join(markers)}" for name, markers in leaks.items())
