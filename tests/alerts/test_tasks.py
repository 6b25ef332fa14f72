"""The daily alerts as a background job: the task sends what the command sends, once."""

from io import StringIO

from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus

from scrutineer.alerts.models import Subscription
from scrutineer.alerts.tasks import send_alerts
from scrutineer.core import clock
from scrutineer.tracker import services
from tests.tracker.factories import RecommendationFactory


def a_change_followed_by_a_resident():
    recommendation = RecommendationFactory(text="Publish the plan")
    Subscription.objects.create(
        email="resident@example.org", recommendation=recommendation, confirmed_at=clock.now()
    )
    services.progress_add(
        item=recommendation.item, recommendation=recommendation, text="Plan drafted"
    )


def test_the_queued_task_sends_the_alert_once(db):
    a_change_followed_by_a_resident()
    result = send_alerts.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    (alert,) = mail.outbox
    assert alert.to == ["resident@example.org"]
    assert "Plan drafted" in alert.body
    assert send_alerts.enqueue().return_value == 0
    assert len(mail.outbox) == 1


def test_the_command_queues_the_task_when_asked(db):
    a_change_followed_by_a_resident()
    out = StringIO()
    call_command("send_alerts", "--queue", stdout=out)
    assert out.getvalue().startswith("Queued the alerts as task ")
    assert [m.to for m in mail.outbox] == [["resident@example.org"]]
