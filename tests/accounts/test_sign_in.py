"""Signing in sends a volunteer back where they were going, never to another site."""

import pytest
from conftest import TEST_PASSWORD, csrf_token


def _login(client, email, next_url):
    token = csrf_token(client, "/login")
    return client.post("/login", query_string={"next": next_url},
                       data={"email": email, "password": TEST_PASSWORD, "csrf_token": token})


def test_returns_to_the_page_asked_for(client, world):
    response = _login(client, world.emails["volunteer"], "/donations/mine")
    assert response.status_code == 302
    assert response.headers["Location"] == "/donations/mine"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/",
                                    "\\\\evil.example", "/\tevil", "javascript:alert(1)"])
def test_never_redirects_off_site(client, world, target):
    response = _login(client, world.emails["volunteer"], target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_unknown_email_and_wrong_password_get_the_same_answer(client, world):
    token = csrf_token(client, "/login")
    unknown = client.post("/login", data={"email": "nobody@example.org", "password": "x" * 12, "csrf_token": token})
    wrong = client.post("/login", data={"email": world.emails["admin"], "password": "x" * 12, "csrf_token": token})
    assert unknown.status_code == wrong.status_code == 401
    assert "Wrong email or password." in unknown.get_data(as_text=True)
    assert "Wrong email or password." in wrong.get_data(as_text=True)
