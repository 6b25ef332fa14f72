"""The client's address: X-Forwarded-For believed only as far as the trusted proxies go."""

import pytest

from scrutineer.core.client_address import client_address


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        pytest.param(0, "", "10.0.0.9", id="no-proxy-no-header"),
        pytest.param(0, "203.0.113.7", "10.0.0.9", id="no-proxy-header-ignored"),
        pytest.param(1, "", "10.0.0.9", id="one-proxy-no-header"),
        pytest.param(1, "203.0.113.7", "203.0.113.7", id="one-proxy"),
        pytest.param(1, "1.2.3.4, 203.0.113.7", "203.0.113.7", id="one-proxy-forged-left"),
        pytest.param(2, "1.2.3.4, 203.0.113.7, 10.0.0.5", "203.0.113.7", id="two-proxies"),
        pytest.param(3, "203.0.113.7, 10.0.0.5", "203.0.113.7", id="fewer-entries-than-proxies"),
        pytest.param(1, "not-an-address", "10.0.0.9", id="garbage-falls-back"),
        pytest.param(1, " 2001:db8::1 ", "2001:db8::1", id="ipv6"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(
    rf, settings, proxies, forwarded, expected
):
    settings.SCRUTINEER_TRUSTED_PROXIES = proxies
    meta = {"REMOTE_ADDR": "10.0.0.9"}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(rf.get("/", **meta)) == expected


def test_the_default_is_to_ignore_x_forwarded_for():
    from django.conf import settings

    assert settings.SCRUTINEER_TRUSTED_PROXIES == 0
