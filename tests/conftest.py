"""Fixtures every test may use: Faker in en_GB and one signed-in user per role."""

import factory
import pytest

from scrutineer.core.roles import Role
from tests.core.factories import UserFactory

factory.Faker._DEFAULT_LOCALE = "en_GB"


@pytest.fixture
def user_with_role(db):
    def make(role: Role | None, **kwargs):
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def administrator(user_with_role):
    return user_with_role(Role.ADMINISTRATOR)


@pytest.fixture
def scrutiny_officer(user_with_role):
    return user_with_role(Role.SCRUTINY_OFFICER)


@pytest.fixture
def officer(user_with_role):
    return user_with_role(Role.OFFICER)


@pytest.fixture
def member(user_with_role):
    return user_with_role(Role.MEMBER)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 at full strength costs ~0.3 s per user; the tests are not about hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_public_page_cache(settings):
    # A test's changes are never committed, so the cache would not see them; the page
    # cache's own tests turn it on and commit (tests/core/test_page_cache.py).
    settings.SCRUTINEER_PUBLIC_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    # Uploads waiting to be imported are kept in storage: each test has an empty one.
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # Background jobs run inside the test that queues them, against its database and outbox;
    # tests/core/test_db_worker.py runs a real worker process.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }
