"""The records a URL names, loaded with what every page about them shows (404 if none)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from scrutineer.committees.models import Committee, Meeting
from scrutineer.core import permissions
from scrutineer.tracker.models import EvidenceFile, Item, ProgressUpdate, Recommendation


def get_committee(slug: str) -> Committee:
    return get_object_or_404(Committee, slug=slug)


def get_item(pk: int) -> Item:
    return get_object_or_404(Item.objects.select_related("meeting__committee"), pk=pk)


def get_recommendation(pk: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.select_related("item__meeting__committee"), pk=pk
    )


def get_meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)


def get_progress_update(pk: int) -> ProgressUpdate:
    return get_object_or_404(
        ProgressUpdate.objects.select_related("item__meeting__committee", "recommendation"), pk=pk
    )


def get_evidence(pk: int) -> EvidenceFile:
    return get_object_or_404(
        EvidenceFile.objects.select_related("progress_update__item__meeting__committee"), pk=pk
    )


def with_update_actions(user: Any, updates: Any) -> list[Any]:
    """The updates, each marked with whether the user may withdraw or reinstate it."""
    found = list(updates)
    for update in found:
        update.can_withdraw = permissions.can_withdraw(user, update)
        update.can_reinstate = permissions.can_reinstate(user, update)
    return found
