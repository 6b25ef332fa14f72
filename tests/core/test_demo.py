from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from scrutineer.core.permissions import roles_of
from scrutineer.core.services import DEMO_PASSWORD, DEMO_USERS


def test_load_demo_creates_one_login_per_role_and_prints_them(db, capsys):
    call_command("load_demo", "--if-empty")
    printed = capsys.readouterr().out
    for demo in DEMO_USERS:
        user = authenticate(
            RequestFactory().post("/login/"), username=demo.username, password=DEMO_PASSWORD
        )
        assert user is not None
        assert demo.role in roles_of(user)
        assert demo.username in printed
    assert DEMO_PASSWORD in printed


def test_load_demo_if_empty_leaves_an_existing_database_alone(officer, capsys):
    call_command("load_demo", "--if-empty")
    assert "already has users" in capsys.readouterr().out
    assert (
        authenticate(RequestFactory().post("/login/"), username="admin", password=DEMO_PASSWORD)
        is None
    )


def test_the_demo_gives_the_officer_overdue_work_and_cabinet_a_late_response(db, client):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    call_command("load_demo")
    client.force_login(get_user_model().objects.get(username="officer"))
    actions = client.get(reverse("tracker:my_actions")).context["actions"]
    assert [a.is_overdue for a in actions] == [True]
    assert "(sample data)" in actions[0].item.report_title
    client.force_login(get_user_model().objects.get(username="scrutiny"))
    dashboard = client.get(reverse("tracker:overdue")).context["dashboard"]
    assert [r.recommendation for r in dashboard.responses] == actions
