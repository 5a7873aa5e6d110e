"""Signing in sends a volunteer back where they were going, never to another site; with nowhere asked
for, a volunteer lands on the log form and coordinators and admins on the overview."""

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
    assert response.headers["Location"] == "/donations/new"  # where a volunteer lands when nothing safe was asked


@pytest.mark.parametrize("role, landing", [("volunteer", "/donations/new"), ("other_volunteer", "/donations/new"),
                                           ("coordinator", "/"), ("admin", "/")])
def test_with_no_page_asked_for_each_role_lands_where_its_work_is(client, world, role, landing):
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"email": world.emails[role], "password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == landing
    if landing == "/donations/new":
        assert client.get(landing).status_code == 200


@pytest.mark.parametrize("role, landing", [("volunteer", "/donations/new"), ("coordinator", "/"), ("admin", "/")])
def test_changing_ones_password_leads_back_to_where_the_role_lands(client, auth, world, role, landing):
    auth.login(world.emails[role])
    data = {"current": TEST_PASSWORD, "new": "a much longer passphrase", "repeated": "a much longer passphrase",
            "csrf_token": csrf_token(client, "/account/password")}
    response = client.post("/account/password", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == landing


def test_changing_ones_password_keeps_a_safe_page_asked_for_and_refuses_another_site(client, auth, world):
    auth.login(world.emails["volunteer"])
    current = TEST_PASSWORD
    for target, expected, new in (("/donations/mine", "/donations/mine", "a first passphrase of mine"),
                                  ("//evil.example/", "/donations/new", "a second passphrase of mine")):
        token = csrf_token(client, "/account/password")
        response = client.post("/account/password", query_string={"next": target},
                               data={"current": current, "new": new, "repeated": new, "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)
        assert response.headers["Location"] == expected
        current = new
