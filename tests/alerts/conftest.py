import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _no_earlier_confirmations():
    """The limits on confirmation e-mails are kept in the cache: each test starts afresh."""
    cache.clear()
    yield
    cache.clear()
