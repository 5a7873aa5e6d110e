"""Every route of the URL map, as every role: the security headers are on every answer, and a
signed-in page is never kept by a browser or proxy."""

from __future__ import annotations

import pytest
from test_route_permissions import GET_ROUTES, POST_ONLY, ROLES, _sign_in, targets  # noqa: F401 (a fixture)

from tracker.security import CONTENT_SECURITY_POLICY


def _assert_headers(response, signed_in: bool, where: str) -> None:
    headers = response.headers
    assert headers.get("Content-Security-Policy") == CONTENT_SECURITY_POLICY, where
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY and "script-src 'self';" in CONTENT_SECURITY_POLICY
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert headers.get("X-Frame-Options") == "DENY", where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") == "same-origin", where
    assert "Strict-Transport-Security" not in headers, where  # HTTPS is not configured here
    if signed_in:
        assert headers.get("Cache-Control") == "no-store", where
    else:
        assert "no-store" not in headers.get("Cache-Control", ""), where


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_with_the_security_headers(app, client, auth, world, targets, role):  # noqa: F811
    _sign_in(client, auth, world, role)
    signed_in = role != "anonymous"
    for endpoint, url, _expected in GET_ROUTES:
        _assert_headers(client.get(url.format(**targets)), signed_in, f"GET {endpoint} as {role}")
    for endpoint, url, _expected in POST_ONLY:
        if endpoint != "accounts.logout":
            _assert_headers(client.post(url.format(**targets)), signed_in, f"POST {endpoint} as {role}")
    _assert_headers(client.get("/static/css/tracker.css"), signed_in, f"the stylesheet as {role}")
    _assert_headers(client.get("/no/such/page"), signed_in, f"a 404 as {role}")


def test_hsts_is_sent_when_https_is_configured(app, client):
    app.config["SESSION_COOKIE_SECURE"] = True
    assert client.get("/").headers.get("Strict-Transport-Security") == "max-age=31536000"
