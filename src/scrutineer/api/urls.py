from typing import Any

from django.urls import URLPattern, include, path

from scrutineer.api import feeds, views
from scrutineer.api.v1 import api
from scrutineer.core import permissions
from scrutineer.core.page_cache import public_page_cache
from scrutineer.core.permissions import permission_required

app_name = "api"


def _query_parameters(view: Any) -> list[str]:
    """The query parameters ninja's operations behind a URL declare: what the page reads."""
    names: list[str] = []
    for cell in getattr(view, "__closure__", None) or ():
        for operation in getattr(cell.cell_contents, "operations", ()):
            for model in operation.models:
                if getattr(model, "__ninja_param_source__", None) == "query":
                    names += getattr(model, "__ninja_flatten_map__", {})
    return names


# Whether a decision may be implemented changes with the clock (its call-in period ends), not
# only with the records that the cache's key follows: these are never served from the cache.
ON_THE_CLOCK = {"decision_list", "decision_detail"}


def _cached(patterns: list[Any]) -> list[Any]:
    """The API's own URL patterns, each read served from the public page cache, keyed by the
    query parameters the endpoint declares (those on the clock excepted)."""
    return [
        URLPattern(
            p.pattern,
            public_page_cache(p.callback, reads=_query_parameters(p.callback)),
            p.default_args,
            p.name,
        )
        if isinstance(p, URLPattern) and p.name not in ON_THE_CLOCK
        else p
        for p in patterns
    ]


api_patterns, api_app_name, api_namespace = api.urls

# Feed readers do not sign in: the feeds show what the public may see, to everyone.
for_feed_readers = permission_required(permissions.can_view_public_pages)

urlpatterns = [
    path("v1/docs", views.docs, name="docs"),
    path("open-data/", views.open_data, name="open_data"),
    path(
        "open-data/<slug:name>.<str:format_name>",
        views.open_data_download,
        name="open_data_download",
    ),
    path("v1/", include((_cached(api_patterns), api_app_name), namespace=api_namespace)),
    path(
        "feeds/committees/<slug:slug>.atom",
        for_feed_readers(feeds.CommitteeFeed()),
        name="committee_feed",
    ),
    path(
        "feeds/recommendations/<int:pk>.atom",
        for_feed_readers(feeds.RecommendationFeed()),
        name="recommendation_feed",
    ),
]
