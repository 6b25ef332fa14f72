import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from scrutineer.imports.demo import demo_load_all

MODELS = sorted(
    f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry
)


@pytest.mark.parametrize("label", MODELS)
def test_every_admin_list_page_opens_for_an_administrator(admin_client, label):
    app_label, model_name = label.split(".")
    listing = admin_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert listing.status_code == 200


def test_admin_lists_show_the_seed_records(client, db):
    demo_load_all(only_if_empty=False)
    client.force_login(get_user_model().objects.get(username="admin"))
    for url_name in [
        "admin:tracker_item_changelist",
        "admin:tracker_recommendation_changelist",
        "admin:programme_forwardplanitem_changelist",
    ]:
        response = client.get(reverse(url_name))
        assert response.status_code == 200
        assert response.context["cl"].result_count > 0


def test_the_admin_is_for_administrators_only(client, scrutiny_officer):
    client.force_login(scrutiny_officer)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
