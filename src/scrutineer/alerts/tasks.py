"""The alerts' background job (Django's task framework; see settings.TASKS)."""

from django_tasks import task

from scrutineer.alerts.services import alerts_send


@task()
def send_alerts() -> int:
    """E-mail each confirmed subscriber what changed since their last alert; returns how many."""
    return alerts_send()
