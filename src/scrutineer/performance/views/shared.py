"""What the performance pages share: the framework a query names, an indicator or a 404,
and the editing pages' form, with a service's refusal shown beside the field at fault."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from scrutineer.performance.models import Framework, Indicator
from scrutineer.performance.selectors.frameworks import framework_chosen
from scrutineer.performance.services import PerformanceRuleBroken


def framework_from_query(request: HttpRequest, frameworks: list[Framework]) -> Framework | None:
    return framework_chosen(frameworks, request.GET.get("framework", ""))


def indicator_or_404(pk: int) -> Indicator:
    return get_object_or_404(Indicator.objects.select_related("framework"), pk=pk)


def query_int(request: HttpRequest, name: str) -> int | None:
    text = request.GET.get(name, "")
    return int(text) if text.isdigit() else None


def refusal_show(form: Any, refused: PerformanceRuleBroken) -> None:
    """Show a service's refusal beside the field at fault, or above the form."""
    form.add_error(refused.field if refused.field in form.fields else None, str(refused))


def edit_form_render(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    submit: str,
    cancel_url: str,
    caption: str = "",
    template: str = "performance/edit_form.html",
    **extra: Any,
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "submit": submit,
        "caption": caption,
        "cancel_url": cancel_url,
        **extra,
    }
    return render(request, template, context)
