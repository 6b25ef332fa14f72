"""Corporate performance's pages in the role x page matrix: unapproved figures for the
council side only."""

from __future__ import annotations

import pytest

from tests.visibility.matrix import (
    Page,
    always,
    check_read,
    check_refused_write,
    managers,
    pk,
    read_cases,
    write_cases,
)

PAGES: list[Page] = [
    Page("performance:dashboard"),
    Page("performance:dashboard", "q2", query="period=2024-2"),
    Page(
        "performance:indicator_create",
        rule=managers,
        post=lambda w: {"framework": str(w.framework.pk), "code": "PI999", "name": "Matrix"},
    ),
    Page("performance:indicator", "", pk("indicator")),
    *[
        Page(name, "", pk("indicator"), rule=rule, post=data)
        for name, rule, data in [
            ("performance:indicator_edit", managers, lambda w: {"name": "Renamed"}),
            ("performance:targets", managers, lambda w: {"year": "2024"}),
            (
                "performance:record_figure",
                managers,
                lambda w: {"year": "2024", "quarter": "3", "value": "50"},
            ),
            (
                "performance:raise_recommendation",
                managers,
                lambda w: {
                    "year": "2024",
                    "quarter": "2",
                    "text": "Raise it",
                    "meeting": str(w.meeting_a.pk),
                },
            ),
            (
                "performance:add_to_work_programme",
                managers,
                lambda w: {
                    "year": "2024",
                    "quarter": "2",
                    "committee": str(w.a.pk),
                    "title": "Matrix",
                },
            ),
        ]
    ],
    # Approving is a POST only: a GET is 405 for everyone.
    Page(
        "performance:approve",
        "unapproved",
        pk("unapproved"),
        rule=always(405),
        post=lambda w: {},
        post_rule=managers,
    ),
    Page("performance:milestones"),
    Page(
        "performance:milestone_create",
        rule=managers,
        post=lambda w: {
            "framework": str(w.framework.pk),
            "name": "Matrix milestone",
            "directorate": "Resources",
            "planned_date": "2025-03-31",
            "status": "not_started",
        },
    ),
    Page(
        "performance:milestone_edit",
        "",
        pk("milestone"),
        rule=managers,
        post=lambda w: {
            "framework": str(w.framework.pk),
            "name": "Renamed milestone",
            "directorate": "Resources",
            "planned_date": "2025-03-31",
            "status": "not_started",
        },
    ),
    Page("performance:ambition"),
    Page("performance:import_template", rule=managers),
]


@pytest.mark.parametrize(("page", "who"), read_cases(PAGES))
def test_each_role_gets_what_it_may_see_and_nothing_more(client, db, world, page, who):
    check_read(client, world, page, who)


@pytest.mark.parametrize(("page", "who"), write_cases(PAGES))
def test_a_write_without_the_right_is_refused_and_changes_nothing(client, db, world, page, who):
    check_refused_write(client, world, page, who)
