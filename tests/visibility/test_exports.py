"""Downloads in the role x page matrix: what a page hides, its download hides too."""

from __future__ import annotations

import pytest

from tests.visibility.matrix import (
    Page,
    check_read,
    managers_or,
    read_cases,
    slug,
)
from tests.visibility.world import AS_AT, MISSING

PAGES: list[Page] = [
    # The closures proposed for a meeting, for the agenda pack: the council side only, and of
    # councillors only the committee's own; exempt business only for those entitled.
    *[
        Page(
            name,
            f"{side}-{fmt}" if fmt else side,
            lambda w, side=side, fmt=fmt: {
                "pk": getattr(w, f"next_meeting_{side}").pk,
                **({"format_name": fmt} if fmt else {}),
            },
            rule=managers_or(f"member_{side}", "assigned_officer", "officer"),
        )
        for name, fmt in [("exports:closures_print", ""), ("exports:closures_download", "docx")]
        for side in ("a", "b")
    ],
    Page(
        "exports:closures_download",
        "a-pdf",
        lambda w: {"pk": w.next_meeting_a.pk, "format_name": "pdf"},
        rule=managers_or("member_a", "assigned_officer", "officer"),
    ),
    Page("exports:tracker_print", "a", slug("a")),
    Page("exports:tracker_print", "b", slug("b")),
    Page("exports:tracker_print", "a-as-at", slug("a"), query=f"as_at={AS_AT}"),
    # Every text format, and Word and Excel (their XML is searched). No PDF: the same views
    # make it from the same document, its text cannot be searched, and it is the slowest.
    *[
        Page(
            "exports:tracker_download",
            f"{side}-{fmt}{'-as-at' if as_at else ''}",
            lambda w, side=side, fmt=fmt: {"slug": getattr(w, side).slug, "format_name": fmt},
            query=f"as_at={AS_AT}" if as_at else "",
        )
        for side, fmt, as_at in [
            ("a", "csv", False),
            ("a", "json", False),
            ("a", "html", False),
            ("a", "xlsx", False),
            ("a", "docx", False),
            ("a", "csv", True),
            ("a", "json", True),
            ("a", "html", True),
            ("a", "xlsx", True),
            ("a", "docx", True),
            ("b", "json", False),
            ("b", "csv", True),
        ]
    ],
    *[
        Page(
            "exports:briefing_download",
            f"{variant}-{fmt}",
            lambda w, attribute=attribute, fmt=fmt: {
                "pk": getattr(w, attribute).pk,
                "format_name": fmt,
            },
            audience=audience,
            missing=lambda w, fmt=fmt: {"pk": MISSING, "format_name": fmt},
        )
        for variant, attribute, audience, fmt in [
            ("exempt-a", "exempt_note_a", "exempt_a", "html"),
            ("exempt-a", "exempt_note_a", "exempt_a", "docx"),
            ("exempt-b", "exempt_note_b", "exempt_b", "html"),
            ("draft-a", "draft_note", "draft", "html"),
            ("issued-b", "public_note", "everyone", "docx"),
        ]
    ],
    Page("exports:performance_report", "docx", lambda w: {"format_name": "docx"}),
    # The annual scrutiny report: everyone, each counting (and telling the impact stories
    # of) what they may see.
    *[
        Page(
            "exports:annual_report",
            f"2024-{fmt}",
            lambda w, fmt=fmt: {"format_name": fmt},
            query="year=2024",
        )
        for fmt in ("csv", "json", "docx")
    ],
    Page(
        "exports:annual_report",
        "2024-a-json",
        lambda w: {"format_name": "json"},
        query=lambda w: f"year=2024&committee={w.a.slug}",
    ),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)
