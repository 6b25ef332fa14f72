"""WSGI entry point: ``gunicorn scrutineer.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutineer.settings")

application = get_wsgi_application()

# After setup, as the app is loaded: see core.garbage.
from scrutineer.core.garbage import garbage_collection_settle  # noqa: E402

garbage_collection_settle()
