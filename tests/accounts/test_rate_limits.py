"""Guessing is limited: failed sign-ins per account and per address, receipt checks per address, with
the translated 429 page. The real user signs in once the window has passed."""

from __future__ import annotations

import time

import pytest
from conftest import TEST_PASSWORD, csrf_token

WINDOW_SECONDS = 2


@pytest.fixture
def limits(app):
    app.config.update(LOGIN_LIMIT_PER_ACCOUNT=f"3 per {WINDOW_SECONDS} seconds",
                      LOGIN_LIMIT_PER_ADDRESS=f"6 per {WINDOW_SECONDS} seconds",
                      RECEIPT_LIMIT_PER_ADDRESS=f"5 per {WINDOW_SECONDS} seconds")
    return app


def _try(client, email: str, password: str, headers: dict | None = None, lang: str = "en"):
    token = csrf_token(client, "/login")
    return client.post(f"/login?lang={lang}", data={"email": email, "password": password, "csrf_token": token},
                       headers=headers or {})


def test_a_burst_of_wrong_passwords_locks_the_account_until_the_window_passes(limits, client, world):
    email = world.emails["volunteer"]
    assert [_try(client, email, f"guess {n}").status_code for n in range(3)] == [401, 401, 401]
    refused = _try(client, email, "guess 4", lang="fr")
    assert refused.status_code == 429
    assert "Trop de tentatives : patientez un instant et réessayez." in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) <= WINDOW_SECONDS
    assert _try(client, email, TEST_PASSWORD).status_code == 429  # locked, even for the right password
    assert _try(client, world.emails["coordinator"], TEST_PASSWORD).status_code == 302  # others are not
    time.sleep(WINDOW_SECONDS + 0.5)
    assert _try(client, email, TEST_PASSWORD).status_code == 302


def test_correct_passwords_never_count(limits, client, world):
    for _ in range(8):
        assert _try(client, world.emails["volunteer"], TEST_PASSWORD).status_code == 302


def test_failed_sign_ins_are_limited_per_address_across_accounts(limits, client, world):
    statuses = [_try(client, f"nobody{n}@example.org", "guess").status_code for n in range(7)]
    assert statuses == [401] * 6 + [429]
    # Without a configured proxy, a client cannot pick the address it is counted under.
    assert _try(client, "nobody@example.org", "guess", {"X-Forwarded-For": "198.51.100.7"}).status_code == 429


def test_behind_a_configured_proxy_each_client_address_counts_apart(app, world):
    from tracker import create_app

    behind_proxy = create_app({**app.config, "PROXY_FIX": {"x_for": 1}, "LOGIN_LIMIT_PER_ADDRESS": "2 per minute"})
    client = behind_proxy.test_client()
    first = {"X-Forwarded-For": "198.51.100.7"}
    assert [_try(client, f"n{n}@example.org", "guess", first).status_code for n in range(3)] == [401, 401, 429]
    assert _try(client, "n3@example.org", "guess", {"X-Forwarded-For": "198.51.100.8"}).status_code == 401


def test_receipt_checks_are_limited_per_address(limits, client):
    statuses = [client.get(f"/receipt?code=AAAA-BBBB-CCCC-DDD{n}").status_code for n in range(6)]
    assert statuses == [404] * 5 + [429]
    assert client.get("/receipt").status_code == 200  # the empty form is not a check
    time.sleep(WINDOW_SECONDS + 0.5)
    assert client.get("/receipt?code=AAAA-BBBB-CCCC-DDDD").status_code == 404
