"""The reminders as a background job: the task sends what the command sends, once."""

import datetime
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus

from scrutineer.tracker.models import ReminderLog
from scrutineer.tracker.tasks import send_reminders
from tests.committees.factories import PersonFactory
from tests.tracker.factories import RecommendationFactory

TODAY = datetime.date(2025, 3, 3)  # a Monday


def overdue_for_sarah():
    sarah = PersonFactory(name="Sarah Brown", email="sarah.brown@example.org")
    return RecommendationFactory(assignees=[sarah], due_date=datetime.date(2025, 1, 1))


def test_the_queued_task_sends_the_digest_once(db):
    recommendation = overdue_for_sarah()
    result = send_reminders.enqueue(today=TODAY.isoformat())
    assert result.status == TaskResultStatus.SUCCESSFUL
    (message,) = mail.outbox
    assert message.to == ["sarah.brown@example.org"]
    assert recommendation.reference in message.body
    assert result.return_value == [
        {
            "kind": ReminderLog.Kind.ASSIGNEE_DIGEST,
            "to": "sarah.brown@example.org",
            "references": [recommendation.reference],
        }
    ]
    again = send_reminders.enqueue(today=TODAY.isoformat())
    assert again.return_value == []
    assert len(mail.outbox) == 1


def test_the_command_queues_the_task_when_asked(db):
    overdue_for_sarah()
    out = StringIO()
    call_command("send_reminders", "--date", TODAY.isoformat(), "--queue", stdout=out)
    assert out.getvalue().startswith("Queued the reminders as task ")
    assert [m.to for m in mail.outbox] == [["sarah.brown@example.org"]]


def test_a_queued_dry_run_sends_nothing(db):
    overdue_for_sarah()
    result = send_reminders.enqueue(today=TODAY.isoformat(), dry_run=True)
    assert len(result.return_value) == 1
    assert mail.outbox == []
    assert ReminderLog.objects.count() == 0
