from django.urls import path

from scrutineer.api import feeds, views
from scrutineer.api.v1 import api

app_name = "api"

urlpatterns = [
    path("v1/docs", views.docs, name="docs"),
    path("v1/", api.urls),
    path("feeds/committees/<slug:slug>.atom", feeds.CommitteeFeed(), name="committee_feed"),
    path(
        "feeds/recommendations/<int:pk>.atom",
        feeds.RecommendationFeed(),
        name="recommendation_feed",
    ),
]
