"""WSGI entry point: ``gunicorn scrutineer.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutineer.settings")

application = get_wsgi_application()
