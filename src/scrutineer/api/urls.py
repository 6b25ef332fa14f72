from typing import Any

from django.urls import URLPattern, include, path

from scrutineer.api import feeds, views
from scrutineer.api.v1 import api
from scrutineer.core.page_cache import public_page_cache

app_name = "api"


def _cached(patterns: list[Any]) -> list[Any]:
    """The API's own URL patterns, each read served from the public page cache."""
    return [
        URLPattern(p.pattern, public_page_cache(p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in patterns
    ]


api_patterns, api_app_name, api_namespace = api.urls

urlpatterns = [
    path("v1/docs", views.docs, name="docs"),
    path("v1/", include((_cached(api_patterns), api_app_name), namespace=api_namespace)),
    path("feeds/committees/<slug:slug>.atom", feeds.CommitteeFeed(), name="committee_feed"),
    path(
        "feeds/recommendations/<int:pk>.atom",
        feeds.RecommendationFeed(),
        name="recommendation_feed",
    ),
]
