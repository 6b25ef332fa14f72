"""Put on its committee's work programme every forward-plan item the committee scheduled
before the work programme followed the forward plan (issue 20): a tracker's forward-plan table
recorded "Scheduled for … in March 2025" and nothing else, so the work programme said "Nothing
planned yet". The meeting is the committee's on that day, else its first that month, never one
after the decision; with none, the item waits on the programme unplanned. Each row written has
its history entry, as the services would write it."""

import calendar
import datetime

from django.db import migrations
from django.db.models import F
from django.utils import timezone

REASON = "Scheduled in the forward plan (issue 20)"


def _month_end(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _municipal_year(day):
    start = day.year if day.month >= 5 else day.year - 1
    return f"{start % 100:02d}/{(start + 1) % 100:02d}"


def _meeting_for(meeting_model, disposition):
    day = disposition.scheduled_for
    if day is None:
        return None
    plan_item = disposition.forward_plan_item
    latest = plan_item.decision_date
    if plan_item.decision_date_precision == "month":
        latest = _month_end(latest)
    meetings = list(
        meeting_model.objects.filter(
            committee_id=disposition.committee_id,
            date__gte=day.replace(day=1),
            date__lte=min(_month_end(day), latest),
        ).order_by("date", "time")
    )
    return next((m for m in meetings if m.date == day), meetings[0] if meetings else None)


def _history(historical_model, instance, kind, now):
    fields = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}
    historical_model.objects.create(
        **fields,
        history_date=now,
        history_type=kind,
        history_change_reason=REASON,
        history_user_id=None,
    )


def forward(apps, schema_editor):
    disposition_model = apps.get_model("programme", "Disposition")
    work_model = apps.get_model("programme", "WorkProgrammeItem")
    meeting_model = apps.get_model("committees", "Meeting")
    historical_disposition = apps.get_model("programme", "HistoricalDisposition")
    historical_work = apps.get_model("programme", "HistoricalWorkProgrammeItem")
    now = timezone.now()
    written = False
    scheduled = disposition_model.objects.filter(choice="scheduled").select_related(
        "forward_plan_item"
    )
    for disposition in scheduled:
        plan_item = disposition.forward_plan_item
        if work_model.objects.filter(
            committee_id=disposition.committee_id, forward_plan_item_id=plan_item.pk
        ).exists():
            continue
        meeting = disposition.meeting or _meeting_for(meeting_model, disposition)
        if meeting is not None and disposition.meeting_id is None:
            disposition.meeting = meeting
            disposition.save(update_fields=["meeting"])
            _history(historical_disposition, disposition, "~", now)
        if plan_item.decision_date_precision == "month":
            when = f"in {plan_item.decision_date:%B %Y}"
        else:
            when = f"on {plan_item.decision_date.day} {plan_item.decision_date:%B %Y}"
        work = work_model.objects.create(
            committee_id=disposition.committee_id,
            municipal_year=_municipal_year(meeting.date if meeting else now.date()),
            title=plan_item.title,
            purpose=f"Pre-decision scrutiny before {plan_item.decision_maker} decides {when}.",
            source="forward_plan",
            forward_plan_item_id=plan_item.pk,
            planned_meeting=meeting,
            status="scheduled" if meeting else "proposed",
        )
        _history(historical_work, work, "+", now)
        written = True
    if written:  # cached public pages are keyed by the count of changes (core.page_cache)
        counter = apps.get_model("core", "ChangeCounter")
        if not counter.objects.filter(pk=1).update(value=F("value") + 1):
            counter.objects.get_or_create(pk=1, defaults={"value": 1})


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0003_forward_plan_urgency_record"),
        ("committees", "0002_list_indexes"),
        ("core", "0005_change_counter"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
