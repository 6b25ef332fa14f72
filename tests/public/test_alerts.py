"""E-mail alerts: subscribe, confirm, receive, unsubscribe; exempt items never alerted."""

import datetime
import re

from django.core import mail
from django.urls import reverse

from scrutineer.public.models import Subscription
from scrutineer.public.services import alerts_send
from scrutineer.tracker import services
from tests.committees.factories import CommitteeFactory, MeetingFactory
from tests.tracker.factories import ExemptItemFactory, ItemFactory, RecommendationFactory


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body)[0]


def test_an_alert_round_trip(client, db, settings):
    settings.SCRUTINEER_BASE_URL = "http://testserver"
    committee = CommitteeFactory(name="Corporate Overview and Scrutiny Committee")
    meeting = MeetingFactory(committee=committee)
    public = RecommendationFactory(item=ItemFactory(meeting=meeting), text="Publish the plan")
    secret = RecommendationFactory(item=ExemptItemFactory(meeting=meeting), text="Sell it")

    response = client.post(
        reverse("public:subscribe_committee", args=[committee.slug]),
        {"email": "Resident@Example.org"},
    )
    assert "Check your e-mail" in response.content.decode()
    (confirmation,) = mail.outbox
    assert confirmation.to == ["resident@example.org"]
    assert alerts_send() == 0  # nothing before confirming

    confirmed = client.get(link_in(confirmation).removeprefix("http://testserver"))
    assert "Alerts confirmed" in confirmed.content.decode()
    services.progress_add(item=public.item, recommendation=public, text="Plan drafted")
    services.progress_add(item=secret.item, recommendation=secret, text="Buyer found")
    later = RecommendationFactory(item=public.item, text="Consult residents")
    response = services.recommendation_send_to_executive(
        recommendation=public, sent_on=datetime.date(2024, 9, 20)
    )
    services.executive_response_record(
        response=response, decision="accepted", responded_on=datetime.date(2024, 10, 1)
    )
    assert alerts_send() == 1
    alert = mail.outbox[-1]
    assert "Plan drafted" in alert.body
    assert f"New recommendation {later.reference}: Consult residents" in alert.body
    assert f"Cabinet responded to {public.reference}: Accepted" in alert.body
    assert "Buyer found" not in alert.body
    assert "Sell it" not in alert.body
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert alerts_send() == 0  # nothing new, nothing sent

    unsubscribe = (
        alert.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")
    )
    assert "Stop these alerts" in client.get(unsubscribe).content.decode()
    assert "Alerts stopped" in client.post(unsubscribe).content.decode()
    assert Subscription.objects.count() == 0


def test_a_bad_address_is_explained_and_an_exempt_recommendation_cannot_be_followed(client, db):
    committee = CommitteeFactory()
    response = client.post(
        reverse("public:subscribe_committee", args=[committee.slug]), {"email": "not-an-address"}
    )
    assert "Enter an e-mail address like name@example.com" in response.content.decode()
    secret = RecommendationFactory(item=ExemptItemFactory())
    url = reverse("public:subscribe_recommendation", args=[secret.pk])
    assert client.get(url).status_code == 404
    assert mail.outbox == []


HOSTILE = "<img src=x onerror=alert(1)><b>bold</b>"


def _assert_no_markup(message):
    assert not getattr(message, "alternatives", None)  # plain text only: nothing to render
    assert "<" not in message.body, message.body
    assert ">" not in message.body, message.body


def test_alert_e_mails_carry_no_markup_from_text_fields(client, db, settings):
    settings.SCRUTINEER_BASE_URL = "http://testserver"
    committee = CommitteeFactory()
    item = ItemFactory(meeting=MeetingFactory(committee=committee), report_title=f"Parks {HOSTILE}")
    client.post(
        reverse("public:subscribe_committee", args=[committee.slug]), {"email": "r@example.org"}
    )
    client.get(link_in(mail.outbox[0]).removeprefix("http://testserver"))
    rec = RecommendationFactory(item=item, text=f"Review {HOSTILE}")
    services.progress_add(item=item, recommendation=rec, text=f"Begun {HOSTILE}")
    services.progress_add(item=item, text=f"Item news {HOSTILE}")
    assert alerts_send() == 1
    alert = mail.outbox[-1]
    _assert_no_markup(alert)
    assert f"New recommendation {rec.reference}: Review bold" in alert.body
    assert "Begun bold" in alert.body
    assert "Item news bold" in alert.body
