"""The world, built once for the whole matrix; one test client for it; an API limit no
test reaches."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings

from tests.visibility.world import build_world


@pytest.fixture(scope="package")
def _package_media(tmp_path_factory):
    """One storage for the package: the world keeps files there (its jobs' downloads)."""
    return str(tmp_path_factory.mktemp("matrix-media"))


@pytest.fixture(autouse=True)
def _media_root(settings, _package_media):
    settings.MEDIA_ROOT = _package_media


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker, _package_media):
    """The world in a transaction of its own, rolled back when the package ends; each test
    runs in a savepoint inside it (pytest-django's ``db``), so nothing a test writes stays."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                MEDIA_ROOT=_package_media,
            ):
                built = build_world()
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _generous_api_limit(settings):
    cache.clear()
    settings.SCRUTINEER_API_ANON_RATE = "100000/m"


@pytest.fixture(scope="package")
def _one_client():
    return Client()


@pytest.fixture
def client(_one_client):
    """The package's one test client, signed out. A new client loads the middleware again,
    and WhiteNoise's reads every static file as it loads (GOV.UK Frontend's thousand): nine
    tenths of the time of a page that is refused."""
    _one_client.cookies.clear()
    return _one_client
