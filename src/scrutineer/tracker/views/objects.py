"""The records a URL names, loaded with what every page about them shows (404 if none)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from scrutineer.committees.models import Committee, Meeting
from scrutineer.tracker.models import Item, Recommendation


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
