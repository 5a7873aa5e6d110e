"""Weak passwords are refused with a message saying why, in the user's language, through the forms
that set one: the admin's user form and one's own password change."""

from __future__ import annotations

import pytest
from conftest import TEST_PASSWORD, post_form

from tracker.accounts import passwords
from tracker.accounts import services as accounts

REFUSED = [
    ("short pass", "The password needs at least 12 characters."),
    ("x" * 201, "The password is too long: at most 200 characters."),
    ("aaaaaaaaaaaa", "This password is too easy to guess"),
    (" " * 12, "This password is too easy to guess"),
    ("qwerty123456", "This password is among the most used ones: choose another."),
    ("Password1234", "This password is among the most used ones: choose another."),
    ("samaki-demo-2025", "This is the demo password, which everyone knows: choose another."),
    ("me:volunteer@example.org", "The password must not contain your e-mail address."),
]


@pytest.mark.parametrize("password, message", REFUSED)
def test_ones_own_change_refuses_a_weak_password_and_keeps_the_old_one(app, client, auth, world, password, message):
    auth.login(world.emails["volunteer"])
    response = post_form(client, "/account/password", {"current": TEST_PASSWORD, "new": password,
                                                       "repeated": password})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert accounts.authenticate(world.emails["volunteer"], TEST_PASSWORD) is not None
        assert accounts.authenticate(world.emails["volunteer"], password) is None


@pytest.mark.parametrize("password, message", REFUSED)
def test_the_admin_form_refuses_a_weak_password_for_a_new_user(app, client, auth, world, password, message):
    auth.login(world.emails["admin"])
    email = "newcomer@example.org"
    chosen = password.replace("volunteer@example.org", email)  # the new user's own address
    response = post_form(client, "/admin/users/new", {"email": email, "name": "New", "role": "volunteer",
                                                      "organisations": str(world.federation_id), "active": "y",
                                                      "password": chosen}, form_url="/admin/users/new")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert accounts.find_by_email(email) is None


def test_a_refusal_is_in_french_for_a_french_reader(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    response = post_form(client, "/account/password?lang=fr", {"current": TEST_PASSWORD, "new": "qwerty123456",
                                                               "repeated": "qwerty123456"})
    assert response.status_code == 400
    assert "Ce mot de passe fait partie des plus utilisés : choisissez-en un autre." in response.get_data(as_text=True)


def test_the_demo_data_may_use_the_demo_password_and_nothing_else_may(app):
    assert passwords.refusal(passwords.DEMO_PASSWORD, "a@example.org", demo=True) is None
    assert passwords.refusal(passwords.DEMO_PASSWORD, "a@example.org") == ("password_demo", {})
    assert passwords.refusal("correct horse battery staple", "a@example.org") is None
