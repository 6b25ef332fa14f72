"""The primary navigation: which sections a user sees, and which one they are in.

The service navigation holds the sections everyone works in; the scrutiny officers' and
administrators' tools sit on the header's right on wider screens (and in the menu on small
ones), so that the navigation fits one row at desktop widths. The council's and the
service's names link to the home page, which is therefore not a section of its own."""

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
    tool: bool = False

    @property
    def classes(self) -> str:
        """Administrators' tools sit in the header on wider screens, in the menu on small."""
        return "scrutineer-service-navigation__item--small-screens" if self.tool else ""


# (label, url name, predicate). Apps add their sections here as they arrive.
SECTIONS: list[tuple[str, str, Callable[[Any], bool]]] = [
    ("Committees", "committees:list", permissions.can_view_public_pages),
    ("Recommendations", "tracker:index", permissions.can_view_public_pages),
    ("Briefing notes", "briefings:list", permissions.can_view_public_pages),
    ("Forward plan", "programme:forward_plan_index", permissions.can_view_public_pages),
    ("My actions", "tracker:my_actions", permissions.can_view_my_actions),
    ("Overdue", "tracker:overdue", permissions.can_view_overdue_dashboard),
    ("Performance", "performance:dashboard", permissions.can_view_performance),
    ("Import", "imports:start", permissions.can_import),
    ("People", "core:person_list", permissions.can_manage_people),
    ("Users", "core:user_list", permissions.can_manage_users),
]
TOOLS = {"import", "people", "users"}


def navigation_for(user: Any, path: str, reverse: Callable[[str], str]) -> list[NavigationItem]:
    """The sections the user may see; the active one is the longest that the path is under."""
    links = []
    for text, url_name, predicate in SECTIONS:
        if not predicate(user):
            continue
        try:
            links.append((text, reverse(url_name)))
        except NoReverseMatch:
            continue
    matching = [
        href for _, href in links if path == href or (href != "/" and path.startswith(href))
    ]
    active = max(matching, key=len, default=None)
    return [
        NavigationItem(text=text, href=href, active=href == active, tool=text.lower() in TOOLS)
        for text, href in links
    ]
