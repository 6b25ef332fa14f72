"""The primary navigation: which sections a user sees, and which one they are in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch

from scrutineer.core import permissions


@dataclass(frozen=True)
class NavigationItem:
    text: str
    href: str
    active: bool


# (label, url name, predicate). Apps add their sections here as they arrive.
SECTIONS: list[tuple[str, str, Callable[[Any], bool]]] = [
    ("Home", "core:home", permissions.can_view_public_pages),
]


def navigation_for(user: Any, path: str, reverse: Callable[[str], str]) -> list[NavigationItem]:
    items = []
    for text, url_name, predicate in SECTIONS:
        if not predicate(user):
            continue
        try:
            href = reverse(url_name)
        except NoReverseMatch:
            continue
        active = path == href if href == "/" else path.startswith(href)
        items.append(NavigationItem(text=text, href=href, active=active))
    return items
