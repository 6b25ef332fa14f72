"""Version 1 of the JSON API, mounted at /api/v1/ with its OpenAPI document."""

from scrutineer.api.auth import AnonRateThrottle, ReaderAuth
from scrutineer.api.endpoints import briefings, committees, performance, programme, tracker
from scrutineer.api.http import ScrutineerAPI, install_error_handlers
from scrutineer.core import permissions
from scrutineer.core.permissions import permission_required

api = ScrutineerAPI(
    title="Scrutineer API",
    version="1",
    description="Open data from the council's Overview and Scrutiny function: committees, "
    "meetings, items, recommendations and their progress, the forward plan, executive decisions "
    "with their call-in deadlines, work programmes, "
    "briefing notes, and performance indicators with their approved figures, under the Open "
    "Government Licence v3.0. Reading needs no token; "
    "posting progress or a performance figure needs one (Authorization: Bearer <token>).",
    # The app's namespace ("api") comes first: urls.py sets app_name = "api".
    urls_namespace="api:api-v1",
    # Ninja's own docs page loads Swagger UI from a CDN; ours is served by the app (views.docs).
    docs_url=None,
    # The OpenAPI document (openapi-json) describes the API to anyone, like views.docs.
    docs_decorator=permission_required(permissions.can_view_public_pages),
    auth=ReaderAuth(),
    throttle=AnonRateThrottle(),
)
install_error_handlers(api)
api.add_router("", committees.router)
api.add_router("", tracker.router)
api.add_router("", programme.router)
api.add_router("", briefings.router)
api.add_router("", performance.router)
