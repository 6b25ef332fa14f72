import datetime

import factory

from scrutineer.tracker import services
from scrutineer.tracker.models import Item, Recommendation
from tests.committees.factories import MeetingFactory


class ItemFactory(factory.django.DjangoModelFactory):
    """An item created through the service, so its search text is indexed."""

    class Meta:
        model = Item

    meeting = factory.SubFactory(MeetingFactory)
    report_title = factory.Sequence(lambda n: f"Quarterly finance report {n}")
    summary = "<p>The Committee discussed the overspend.</p>"
    is_exempt = False
    # Most tests are about the published record; DraftItemFactory is the item as typed.
    published = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.item_create(**kwargs)


class DraftItemFactory(ItemFactory):
    """An item as the scrutiny team types it in: a draft until it is published."""

    published = False


class ExemptItemFactory(ItemFactory):
    report_title = factory.Sequence(lambda n: f"Confidential property disposal {n}")
    is_exempt = True


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    item = factory.SubFactory(ItemFactory)
    text = factory.Sequence(lambda n: f"Present a report on the savings plan, part {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.recommendation_create(**kwargs)


class OverdueRecommendationFactory(RecommendationFactory):
    due_date = datetime.date(2020, 1, 31)
