"""The matrix's world: its roles, who may see what, the markers, and the records."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from scrutineer.alerts.models import Subscription
from scrutineer.api import services as api_services
from scrutineer.briefings import services as briefing_services
from scrutineer.core.models import ClosureDay
from scrutineer.core.roles import Role
from scrutineer.files.parsers.moderngov import Committee as ModernGovCommittee
from scrutineer.files.parsers.moderngov import parse_meeting
from scrutineer.integrations.moderngov.sync import FetchedCommittee, SyncReport, committee_apply
from scrutineer.jobs.models import Job
from scrutineer.performance.models import Benchmark
from scrutineer.programme.models import Disposition, ForwardPlanItem
from scrutineer.programme.services.executive_decisions import call_in_record, decision_create
from scrutineer.programme.services.work_programme import work_programme_add
from scrutineer.tracker import services
from scrutineer.tracker.models import Recommendation
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
from tests.tracker.factories import (
    DraftItemFactory,
    ExemptItemFactory,
    ItemFactory,
    RecommendationFactory,
)

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
    # Members' comments on proposed closures: the council side, and of councillors only the
    # committee's own (permissions.can_view_closure_list).
    "council_a": MANAGERS | {"member_a", "assigned_officer", "officer"},
    "council_b": MANAGERS | {"member_b", "assigned_officer", "officer"},
    # Drafts and withdrawn records of committee A: the council entitled to its items (the
    # scrutiny team and A's members), never the public nor members of other committees.
    "unpublished_a": MANAGERS | {"member_a"},
    "draft": STAFF,
    "unapproved": STAFF,
    # Executive decisions on exempt reports, and those not yet published: the scrutiny team and
    # the councillors who may call them in (permissions.can_view_unpublished_decisions).
    "decisions": MANAGERS | {"member_a", "member_b"},
    "nobody": set(),
    # A job made for one person's view of the records is theirs alone (scrutineer.jobs).
    "own_job": {"scrutiny_officer"},
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
        for part in (
            "TITLE",
            "REC",
            "PROGRESS",
            "CLOSURE",
            "RESPONSE",
            "NOTE",
            "PROGRAMME",
            "COMMENT",
            "STORY",
        )
    },
    council_a_comment=_marker("council_a", "COMMENT"),
    council_b_comment=_marker("council_b", "COMMENT"),
    a_assignee=_marker("exempt_a", "ASSIGNEE", allowed_on=PEOPLE_DIRECTORY),
    b_assignee=_marker("exempt_b", "ASSIGNEE", allowed_on=PEOPLE_DIRECTORY),
    later_title=_marker("later_a", "TITLE"),
    later_rec=_marker("later_a", "REC"),
    later_progress=_marker("later_a", "PROGRESS"),
    draft_item=_marker("unpublished_a", "DRAFTITEM"),
    withdrawn_item=_marker("unpublished_a", "WITHDRAWNITEM"),
    withdrawn_rec=_marker("unpublished_a", "WITHDRAWNREC"),
    withdrawn_progress=_marker("unpublished_a", "WITHDRAWNPROGRESS"),
    withdrawn_evidence=_marker("unpublished_a", "WITHDRAWNEVIDENCE"),
    withdrawn_reason=_marker("unpublished_a", "WITHDRAWNREASON"),
    draft_purpose=_marker("draft", "PURPOSE"),
    draft_comment=_marker("draft", "COMMENT"),
    unapproved_commentary=_marker("unapproved", "COMMENTARY"),
    unapproved_route=_marker("unapproved", "ROUTE"),
    exempt_decision=_marker("decisions", "EXEMPTDECISION"),
    draft_decision=_marker("decisions", "DRAFTDECISION"),
    call_in_reasons=_marker("decisions", "CALLINREASONS"),
)

# When the later-exempt item was still public: its history (and everyone's) is dated then.
WHEN_PUBLIC = datetime.datetime(2024, 10, 1, 10, 0, tzinfo=datetime.UTC)
AS_AT = "2024-12-31"
# The meetings that the closures proposed in the world go to.
PROPOSED_BEFORE = {"a": datetime.date(2024, 11, 12), "b": datetime.date(2024, 11, 13)}
MISSING = 999_999  # an id no record has

# --- The world, built once for the package --------------------------------------------


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
    work_programme_add(
        committee=committee,
        title=m("programme"),
        source="recommendation",
        recommendation=ex_rec,
        planned_meeting=meeting,
    )
    public_wp = work_programme_add(
        committee=committee, title=f"Quarterly finance report {side}", planned_meeting=meeting
    )
    # Closures proposed before the committee's next meeting, a public one and an exempt one,
    # each with a member's comment: the comments are the council's only.
    next_meeting = MeetingFactory(committee=committee, date=PROPOSED_BEFORE[side])
    proposed = RecommendationFactory(
        item=public, text=f"Extend the Saturday hours {side}", assignees=[w.public_officer]
    )
    services.progress_add(
        item=public, recommendation=proposed, text=f"Saturdays open {side}.", proposes_closure=True
    )
    ex_proposed = RecommendationFactory(item=exempt, text=f"{m('rec')} sale", assignees=[assignee])
    services.progress_add(
        item=exempt,
        recommendation=ex_proposed,
        text=f"{m('progress')} sold",
        proposes_closure=True,
    )
    Recommendation.objects.filter(pk__in=[proposed.pk, ex_proposed.pk]).update(
        closure_proposed_at=datetime.datetime(2024, 10, 15, 10, 0, tzinfo=datetime.UTC)
    )
    services.closure_comment_add(
        recommendation=proposed,
        meeting=next_meeting,
        text=getattr(M, f"council_{side}_comment"),
    )
    services.closure_comment_add(
        recommendation=ex_proposed, meeting=next_meeting, text=m("comment")
    )
    # The annual report's impact stories: the exempt one's outcome only for those entitled.
    public_story = services.impact_story_add(
        recommendation=open_rec, year=2024, outcome=f"Libraries open later {side}"
    )
    services.impact_story_add(recommendation=ex_rec, year=2024, outcome=m("story"))
    for name, value in {
        "next_meeting": next_meeting,
        "public_story": public_story,
        "proposed": proposed,
        "ex_proposed": ex_proposed,
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


def _user(w: SimpleNamespace, who: str, role: Role, person: Any = None, **flags: bool) -> None:
    user = UserFactory(username=who, role=role, **flags)
    if person is None:
        person = PersonFactory(name=f"{who.replace('_', ' ').title()} Person")
    person.user = user
    person.save()
    _, secret = api_services.api_token_create(user=user, name="Matrix")
    w.users[who] = user
    w.tokens[who] = secret
    # One session per role for the whole matrix: signing in for each test costs more than
    # the page it opens.
    signed_in = Client()
    signed_in.force_login(user)
    w.sessions[who] = signed_in.cookies[settings.SESSION_COOKIE_NAME].value


def build_world() -> SimpleNamespace:
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

    _synced_meeting(w)
    _unpublished(w)

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

    _decisions(w)

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
    # A record of each kind the admin lists that nothing above makes, for its pages to open.
    Benchmark.objects.create(indicator=w.indicator, year=2024, source="CIPFA", value=90.5)
    ClosureDay.objects.create(date=datetime.date(2024, 12, 27), reason="Christmas closure")
    attempt = {"user_agent": "Matrix", "ip_address": "192.0.2.1", "username": "nobody"}
    AccessAttempt.objects.create(**attempt, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**attempt)
    AccessFailureLog.objects.create(**attempt)
    # A queued job as django-tasks-db keeps it (the tests themselves run jobs at once).
    DBTaskResult.objects.create(
        task_path="scrutineer.alerts.tasks.send_alerts",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
    )
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
    # Staff and superuser, as ``manage.py demo`` makes them: the Django admin is theirs alone.
    _user(w, "administrator", Role.ADMINISTRATOR, is_staff=True, is_superuser=True)

    # Date every record so far to when the later item was public, then make it exempt.
    for model in apps.get_models():
        if any(f.name == "history_date" for f in model._meta.fields):
            model._default_manager.update(history_date=WHEN_PUBLIC)
    services.item_update(item=w.later, expected_version=None, is_exempt=True)
    _jobs(w)
    return w


# A meeting of committee A as Modern.gov publishes it, with a public item and a restricted
# one whose title, agenda text, minutes and document carry A's exempt markers.
SYNCED_MEETING = f"""<?xml version="1.0" encoding="utf-8"?>
<meeting><meetingid>7001</meetingid><meetingdate>15/10/2024</meetingdate>
<meetingstatus>Confirmed</meetingstatus><meetingtime>6.00 pm</meetingtime>
<meetinglocation>Council Chamber</meetinglocation>
<agendaitems>
<agendaitem><agendaitemid>8001</agendaitemid><agendaitemtitle>Budget monitoring</agendaitemtitle>
<fulldisplaynumberformat>5.</fulldisplaynumberformat>
<agendatext>&lt;p&gt;The quarter's budget.&lt;/p&gt;</agendatext><isrestricted>False</isrestricted>
</agendaitem>
<agendaitem><agendaitemid>8002</agendaitemid>
<agendaitemtitle>Sale of {M.a_title} synced</agendaitemtitle>
<fulldisplaynumberformat>6.</fulldisplaynumberformat>
<agendatext>&lt;p&gt;{M.a_title} offer.&lt;/p&gt;</agendatext>
<minutesnonemptyhtmlbody>&lt;p&gt;{M.a_title} agreed.&lt;/p&gt;</minutesnonemptyhtmlbody>
<isrestricted>True</isrestricted>
<linkeddocuments><linkeddoc><title>{M.a_title} valuation</title>
<url>https://democracy.example.gov.uk/mgConvert2PDF.aspx?ID=9</url>
<isrestricted>False</isrestricted></linkeddoc></linkeddocuments>
</agendaitem>
</agendaitems><attendees/></meeting>"""


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _decisions(w: SimpleNamespace) -> None:
    """A published decision, one on an exempt report called in (its reasons exempt too), and
    one not yet published."""
    published = timezone.make_aware(datetime.datetime(2024, 9, 20, 10))
    w.decision = decision_create(
        title="Fees and charges 2025/26",
        decided_on=datetime.date(2024, 9, 19),
        published_at=published,
        forward_plan_item=w.plan_item,
    )
    w.exempt_decision = decision_create(
        title=f"Sale of land {M.exempt_decision}",
        decided_on=datetime.date(2024, 9, 19),
        published_at=published,
        is_exempt=True,
        forward_plan_item=w.plan_item,
    )
    w.draft_decision = decision_create(
        title=f"Leisure contract {M.draft_decision}", decided_on=datetime.date(2024, 9, 19)
    )
    signers = [CouncillorFactory(name="Cllr Call One"), CouncillorFactory(name="Cllr Call Two")]
    w.call_in = call_in_record(
        decision=w.exempt_decision,
        received_on=datetime.date(2024, 9, 23),
        signatories=signers,
        reasons=M.call_in_reasons,
    )


def _unpublished(w: SimpleNamespace) -> None:
    """Committee A's draft item, withdrawn item, withdrawn recommendation and withdrawn update
    (with its evidence file), every text of them a marker; and a public evidence file."""
    w.draft_item = DraftItemFactory(meeting=w.meeting_a, report_title=f"Parks {M.draft_item}")
    RecommendationFactory(item=w.draft_item, text=f"Plant trees {M.draft_item}")
    w.withdrawn_item = ItemFactory(meeting=w.meeting_a, report_title=f"Pools {M.withdrawn_item}")
    w.withdrawn_item_rec = RecommendationFactory(
        item=w.withdrawn_item, text=f"Reopen {M.withdrawn_item}", assignees=[w.public_officer]
    )
    services.record_withdraw(record=w.withdrawn_item, reason=M.withdrawn_reason)
    w.withdrawn_rec = RecommendationFactory(item=w.item_a, text=M.withdrawn_rec)
    services.record_withdraw(record=w.withdrawn_rec, reason=M.withdrawn_reason)
    w.withdrawn_update = services.progress_add(
        item=w.item_a,
        recommendation=w.open_rec_a,
        text=M.withdrawn_progress,
        evidence=[services.Upload(name=f"{M.withdrawn_evidence}.pdf", data=PDF)],
    )
    w.withdrawn_evidence = w.withdrawn_update.evidence_files.get()
    services.record_withdraw(record=w.withdrawn_update, reason=M.withdrawn_reason)
    w.public_update = services.progress_add(
        item=w.item_a,
        recommendation=w.open_rec_a,
        text="Survey results attached.",
        evidence=[services.Upload(name="survey-results.pdf", data=PDF)],
    )
    w.public_evidence = w.public_update.evidence_files.get()


def _synced_meeting(w: SimpleNamespace) -> None:
    """Committee A linked to Modern.gov and one of its meetings brought in by the sync."""
    fetched = FetchedCommittee(
        ModernGovCommittee(id="5001", title=w.a.name, deleted=False, expired=False, category=""),
        [
            (
                parse_meeting(SYNCED_MEETING.encode()),
                "https://democracy.example.gov.uk/ieListDocuments.aspx?CId=5001&MId=7001",
            )
        ],
    )
    committee_apply(fetched, by=None, report=SyncReport())
    w.synced_meeting = w.a.meetings.get(external_id="7001")
    w.synced_item = w.synced_meeting.items.get(external_id="8001")
    w.synced_exempt = w.synced_meeting.items.get(external_id="8002")
    assert w.synced_exempt.is_exempt


def _jobs(w: SimpleNamespace) -> None:
    """Two finished downloads: one of the public's view (anyone with its link may follow it),
    and one of a scrutiny officer's view, holding exempt business, theirs alone; and a
    scrutiny officer's finished import."""
    for name, audience, who, text in [
        ("public_job", "public", "member_b", "A public tracker"),
        ("own_job", "all", "scrutiny_officer", f"Exempt business {M.a_rec}"),
    ]:
        job = Job.objects.create(
            kind="tracker-document",
            title=f"Tracker {M.a_title if audience == 'all' else 'for everyone'}",
            audience=audience,
            requested_by=w.users[who],
            requested_at=timezone.now(),
            status=Job.Status.DONE,
            result_name="tracker.txt",
            content_type="text/plain",
            expires_at=timezone.now() + datetime.timedelta(days=1),
        )
        job.result.save("tracker.txt", ContentFile(text.encode()))
        job.requesters.add(w.users[who])
        setattr(w, name, job)
    # A scrutiny officer's large import, done by a worker: where it leads is theirs alone.
    w.own_import = Job.objects.create(
        kind="import-apply",
        title=f"Import of tracker.txt into {w.a.name}",
        requested_by=w.users["scrutiny_officer"],
        requested_at=timezone.now(),
        status=Job.Status.DONE,
        params={"token": "imported", "message": "Imported tracker.txt", "next": "/"},
        next_url="/",
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    w.own_import.requesters.add(w.users["scrutiny_officer"])
