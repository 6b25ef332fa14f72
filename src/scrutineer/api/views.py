"""The API's human page: what it offers, drawn from its own OpenAPI document."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from scrutineer.api.v1 import api
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
