"""E-mail alerts: subscribe, confirm, receive, unsubscribe; exempt items never alerted."""

import datetime
import re

from django.core import mail
from django.urls import reverse

from scrutineer.alerts.models import Subscription
from scrutineer.alerts.services import alerts_send
from scrutineer.tracker import services
from tests.committees.factories import CommitteeFactory, MeetingFactory
from tests.core.email_parts import assert_same_facts, html_part
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
        reverse("alerts:subscribe_committee", args=[committee.slug]),
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
    assert "Buyer found" not in html_part(alert).source
    assert "Sell it" not in html_part(alert).source
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
        reverse("alerts:subscribe_committee", args=[committee.slug]), {"email": "not-an-address"}
    )
    assert "Enter an e-mail address like name@example.com" in response.content.decode()
    secret = RecommendationFactory(item=ExemptItemFactory())
    url = reverse("alerts:subscribe_recommendation", args=[secret.pk])
    assert client.get(url).status_code == 404
    assert mail.outbox == []


def _subscribe(client, committee, email="resident@example.org", address="198.51.100.1"):
    return client.post(
        reverse("alerts:subscribe_committee", args=[committee.slug]),
        {"email": email},
        REMOTE_ADDR=address,
    )


def test_asking_again_and_again_sends_one_confirmation_to_an_address(client, db):
    committee = CommitteeFactory()
    pages = [_subscribe(client, committee).content.decode() for _ in range(25)]
    assert len(mail.outbox) == 1
    # The same neutral answer every time: it never says what was or was not sent.
    assert all("Check your e-mail" in page for page in pages)
    assert len({re.sub(r"csrf\w*[^>]*", "", page) for page in pages}) == 1
    assert Subscription.objects.count() == 1


def test_a_confirmation_can_be_asked_for_again_after_the_interval(client, db, settings):
    committee = CommitteeFactory()
    _subscribe(client, committee)
    assert len(mail.outbox) == 1
    from django.core.cache import cache

    cache.clear()  # the interval has passed
    _subscribe(client, committee)
    assert len(mail.outbox) == 2
    assert mail.outbox[0].body == mail.outbox[1].body  # the same link


def test_one_client_may_ask_for_only_a_few_confirmations_an_hour(client, db, settings):
    settings.SCRUTINEER_ALERT_CONFIRMATIONS_PER_CLIENT = 3
    committee = CommitteeFactory()
    for n in range(10):
        response = _subscribe(client, committee, email=f"person{n}@example.org")
        assert "Check your e-mail" in response.content.decode()
    assert len(mail.outbox) == 3
    # Another client is not held back by the first.
    _subscribe(client, committee, email="someone@example.org", address="203.0.113.5")
    assert len(mail.outbox) == 4


def test_a_forged_x_forwarded_for_does_not_escape_the_client_limit(client, db, settings):
    settings.SCRUTINEER_ALERT_CONFIRMATIONS_PER_CLIENT = 2
    committee = CommitteeFactory()
    for n in range(5):
        client.post(
            reverse("alerts:subscribe_committee", args=[committee.slug]),
            {"email": f"person{n}@example.org"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert len(mail.outbox) == 2


def test_the_answer_for_a_confirmed_address_is_the_same_as_for_a_new_one(client, db):
    committee = CommitteeFactory()
    Subscription.objects.create(
        email="known@example.org",
        committee=committee,
        confirmed_at=datetime.datetime.now(tz=datetime.UTC),
    )
    known = _subscribe(client, committee, email="known@example.org").content.decode()
    new = _subscribe(client, committee, email="new@example.org").content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.org"]
    strip = lambda page: re.sub(r"csrf\w*[^>]*", "", page)  # noqa: E731
    assert strip(known) == strip(new)


HOSTILE = "<img src=x onerror=alert(1)><b>bold</b>"


def _assert_no_markup(message):
    # The HTML part is our own simple markup (html_part checks the tags); the text's markup
    # arrives in neither part.
    html = html_part(message).source
    assert "<img" not in html, html
    assert "<b>" not in html, html
    assert "<" not in message.body, message.body
    assert ">" not in message.body, message.body


def test_alert_e_mails_carry_no_markup_from_text_fields(client, db, settings):
    settings.SCRUTINEER_BASE_URL = "http://testserver"
    committee = CommitteeFactory()
    item = ItemFactory(meeting=MeetingFactory(committee=committee), report_title=f"Parks {HOSTILE}")
    client.post(
        reverse("alerts:subscribe_committee", args=[committee.slug]), {"email": "r@example.org"}
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


def _confirmed_follower(client, committee):
    client.post(
        reverse("alerts:subscribe_committee", args=[committee.slug]), {"email": "r@example.org"}
    )
    client.get(link_in(mail.outbox[-1]).removeprefix("http://testserver"))


def test_both_parts_of_each_e_mail_carry_the_same_facts(client, db, settings):
    settings.SCRUTINEER_BASE_URL = "http://testserver"
    committee = CommitteeFactory(name="Audit Committee")
    _confirmed_follower(client, committee)
    confirmation = mail.outbox[-1]
    assert_same_facts(
        confirmation,
        ["e-mail alerts on Audit Committee", link_in(confirmation), "nothing will be sent"],
    )
    assert html_part(confirmation).headings == ["Confirm your alerts on Audit Committee"]

    item = ItemFactory(meeting=MeetingFactory(committee=committee))
    rec = RecommendationFactory(item=item, text="Audit the contracts")
    services.progress_add(item=item, recommendation=rec, text="Auditors appointed")
    assert alerts_send() == 1
    alert = mail.outbox[-1]
    unsubscribe = alert.extra_headers["List-Unsubscribe"].strip("<>")
    recommendation_url = f"http://testserver{rec.get_absolute_url()}"
    part = assert_same_facts(
        alert,
        [
            f"New recommendation {rec.reference}: Audit the contracts",
            f"Progress on {rec}: Auditors appointed",
            recommendation_url,
            unsubscribe,
        ],
    )
    assert (recommendation_url, f"Progress on {rec}: Auditors appointed") in part.links
    assert (unsubscribe, "Stop these alerts") in part.links


def test_the_html_part_escapes_what_people_typed(client, db, settings):
    settings.SCRUTINEER_BASE_URL = "http://testserver"
    committee = CommitteeFactory(name="Parks & <script>alert(1)</script> Leisure")
    _confirmed_follower(client, committee)
    confirmation = mail.outbox[-1]
    html = html_part(confirmation).source
    assert "<script" not in html
    assert "Parks &amp; &lt;script&gt;alert(1)&lt;/script&gt; Leisure" in html
    assert "alerts on Parks & " in confirmation.body  # plain text is not HTML-escaped
    assert "&amp;" not in confirmation.body

    rec = RecommendationFactory(
        item=ItemFactory(meeting=MeetingFactory(committee=committee)),
        text="Roads & paths <script>alert(2)</script>",
    )
    assert alerts_send() == 1
    alert = mail.outbox[-1]
    html = html_part(alert).source
    assert "<script" not in html
    assert f"New recommendation {rec.reference}: Roads &amp; paths" in html
    assert f"New recommendation {rec.reference}: Roads & paths" in alert.body
    assert "&amp;" not in alert.body


def test_a_draft_item_is_alerted_when_it_is_published_not_before(db, settings):
    """A draft's recommendations and progress are new to the public when it is published (by
    a click or by its meeting's minutes), though they were typed before the last alert."""
    from scrutineer.committees.services import meeting_minutes_published_set
    from scrutineer.core import clock
    from scrutineer.tracker.services.withdrawal import item_publish
    from tests.tracker.factories import DraftItemFactory

    settings.SCRUTINEER_BASE_URL = "http://testserver"
    committee = CommitteeFactory()
    Subscription.objects.create(
        email="resident@example.org", committee=committee, confirmed_at=clock.now()
    )
    clicked = DraftItemFactory(meeting=MeetingFactory(committee=committee))
    minuted_meeting = MeetingFactory(
        committee=committee, date=clock.today() - datetime.timedelta(days=10)
    )
    minuted = DraftItemFactory(meeting=minuted_meeting)
    first = RecommendationFactory(item=clicked, text="Publish the plan")
    services.progress_add(item=clicked, recommendation=first, text="Plan drafted")
    second = RecommendationFactory(item=minuted, text="Consult residents")
    # Something public happens meanwhile, so an alert goes before either draft is published.
    RecommendationFactory(item=ItemFactory(meeting=minuted_meeting), text="Review the fees")
    assert alerts_send() == 1
    alert = mail.outbox[-1]
    assert "Review the fees" in alert.body
    assert "Publish the plan" not in alert.body
    assert "Plan drafted" not in alert.body
    assert "Consult residents" not in alert.body

    item_publish(item=clicked)
    assert alerts_send() == 1
    alert = mail.outbox[-1]
    assert f"New recommendation {first.reference}: Publish the plan" in alert.body
    assert "Plan drafted" in alert.body
    assert "Consult residents" not in alert.body
    assert "Review the fees" not in alert.body  # told once

    meeting_minutes_published_set(meeting=minuted_meeting)
    assert alerts_send() == 1
    alert = mail.outbox[-1]
    assert f"New recommendation {second.reference}: Consult residents" in alert.body
    assert "Publish the plan" not in alert.body
    assert alerts_send() == 0
