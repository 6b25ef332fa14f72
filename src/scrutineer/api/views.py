"""The API's human page: what it offers, drawn from its own OpenAPI document."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import condition, require_GET

from scrutineer.api import open_data as open_data_module
from scrutineer.api.v1 import api
from scrutineer.committees.models import Committee
from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation: method, path, summary, query parameters, and whether it needs a token."""
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        p["name"] for p in operation.get("parameters", []) if p["in"] == "query"
                    ],
                    "needs_token": bool(operation.get("security")),
                }
            )
    return found


@permission_required(permissions.can_view_public_pages)
def docs(request: HttpRequest) -> HttpResponse:
    schema = api.get_openapi_schema()
    return render(
        request,
        "api/docs.html",
        {"info": schema["info"], "operations": operations(schema)},
    )


@permission_required(permissions.can_view_public_pages)
def open_data(request: HttpRequest) -> HttpResponse:
    """Every published dataset, its formats and its licence (Open Government Licence v3.0)."""
    return render(
        request,
        "api/open_data.html",
        {
            "committees": Committee.objects.order_by("name"),
            "tracker_formats": (("csv", "CSV"), ("json", "JSON"), ("xlsx", "Excel")),
            "datasets": open_data_module.dataset_list(),
            "licence_url": open_data_module.LICENCE_URL,
        },
    )


def _dataset(name: str) -> open_data_module.Dataset:
    found = open_data_module.DATASETS.get(name)
    if found is None:
        raise Http404("No such dataset")
    return found


def _dataset_changed(request: HttpRequest, name: str, format_name: str) -> datetime.datetime | None:
    return (
        open_data_module.last_changed(_dataset(name)) if name in open_data_module.DATASETS else None
    )


@require_GET
@permission_required(permissions.can_view_public_pages)
@condition(last_modified_func=_dataset_changed)
def open_data_download(request: HttpRequest, name: str, format_name: str) -> HttpResponseBase:
    """One dataset, whole, as the public sees it (whoever asks): CSV or JSON, streamed."""
    dataset = _dataset(name)
    if format_name == "csv":
        chunks = open_data_module.csv_chunks(dataset)
        content_type = "text/csv; charset=utf-8"
    elif format_name == "json":
        url = request.build_absolute_uri()
        chunks = open_data_module.json_chunks(
            dataset, publisher=settings.SCRUTINEER_COUNCIL_NAME, url=url
        )
        content_type = "application/json"
    else:
        raise Http404("No such format")
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{dataset.name}.{format_name}"'
    response["Link"] = f'<{open_data_module.LICENCE_URL}>; rel="license"'
    return response
