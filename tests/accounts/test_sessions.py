"""Sessions end for real: after signing out, a password change, a role change or deactivation, the
old session cookie and the old remember cookie, replayed from another browser, get the sign-in page."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

import pytest
from conftest import TEST_PASSWORD, csrf_token, post_form

from tracker.accounts import services as accounts
from tracker.accounts.models import Role
from tracker.extensions import db

SIGNED_IN_PAGE = "/donations/mine"
REMEMBER = "remember_token"


def _sign_in(client, email: str, remember: bool = True):
    data = {"email": email, "password": TEST_PASSWORD, "csrf_token": csrf_token(client, "/login")}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def _stolen_cookies(client) -> dict[str, str]:
    """What someone who copied this browser's cookies would have."""
    return {name: client.get_cookie(name).value for name in ("session", REMEMBER)}


def _replay(app, cookies: dict[str, str], only: str) -> tuple[int, str]:
    """Another browser with one of the copied cookies asks for a signed-in page."""
    thief = app.test_client()
    thief.set_cookie(only, cookies[only])
    response = thief.get(SIGNED_IN_PAGE)
    return response.status_code, response.headers.get("Location", "")


def _assert_both_work(app, cookies):
    for name in cookies:
        assert _replay(app, cookies, name) == (200, ""), f"the {name} cookie should still sign in"


def _assert_both_refused(app, cookies):
    for name in cookies:
        status, location = _replay(app, cookies, name)
        assert status == 302 and location.startswith("/login"), f"the old {name} cookie still signs in"


def test_signing_out_ends_the_session_and_the_remember_cookie_everywhere(app, client, world):
    _sign_in(client, world.emails["volunteer"])
    cookies = _stolen_cookies(client)
    _assert_both_work(app, cookies)
    response = client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert response.status_code == 302
    _assert_both_refused(app, cookies)


def test_changing_ones_password_ends_every_other_session_and_keeps_this_one(app, client, world):
    other_device = app.test_client()
    _sign_in(other_device, world.emails["volunteer"])
    cookies = _stolen_cookies(other_device)
    _sign_in(client, world.emails["volunteer"])
    response = post_form(client, "/account/password", {
        "current": TEST_PASSWORD, "new": "a much longer passphrase", "repeated": "a much longer passphrase"})
    assert response.status_code == 302
    assert "Your password is changed." in client.get("/").get_data(as_text=True)
    assert client.get(SIGNED_IN_PAGE).status_code == 200  # this browser goes on
    _assert_both_refused(app, cookies)
    assert other_device.get(SIGNED_IN_PAGE).status_code == 302
    with app.app_context():
        assert accounts.authenticate(world.emails["volunteer"], "a much longer passphrase") is not None


@pytest.mark.parametrize("current, new, repeated, message", [
    ("not my password", "a much longer passphrase", "a much longer passphrase", "This is not your current password."),
    (TEST_PASSWORD, "short", "short", "The password needs at least 12 characters."),
    (TEST_PASSWORD, "a much longer passphrase", "a different passphrase", "The two new passwords differ."),
])
def test_a_refused_password_change_says_why_and_changes_nothing(app, client, world, current, new, repeated, message):
    _sign_in(client, world.emails["volunteer"])
    cookies = _stolen_cookies(client)
    response = post_form(client, "/account/password", {"current": current, "new": new, "repeated": repeated})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    _assert_both_work(app, cookies)
    with app.app_context():
        assert accounts.authenticate(world.emails["volunteer"], TEST_PASSWORD) is not None


def _coordinator_signed_in_and_edited_by_admin(app, client, world) -> tuple[dict, int, dict]:
    """The coordinator's cookies from their own browser; the admin signed in on `client`, and the
    coordinator's account form as the admin would send it unchanged."""
    victim = app.test_client()
    _sign_in(victim, world.emails["coordinator"])
    _sign_in(client, world.emails["admin"])
    with app.app_context():
        user = accounts.find_by_email(world.emails["coordinator"])
        data = {"email": user.email, "name": user.name, "role": user.role.value,
                "regions": " ".join(place.code for place in user.regions), "active": "y"}
        return _stolen_cookies(victim), user.id, data


@pytest.mark.parametrize("change", ["deactivate", "role", "password"])
def test_an_admin_change_ends_the_users_sessions(app, client, world, change):
    cookies, user_id, data = _coordinator_signed_in_and_edited_by_admin(app, client, world)
    if change == "deactivate":
        del data["active"]
    elif change == "role":
        data["role"] = Role.VOLUNTEER.value
        data["organisations"] = str(world.federation_id)
    else:
        data["password"] = "a new password from the admin"
    response = post_form(client, f"/admin/users/{user_id}/edit", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    _assert_both_refused(app, cookies)
    with app.app_context():
        assert db.session.get(accounts.User, user_id).active is (change != "deactivate")


def test_an_unrelated_admin_edit_keeps_the_users_sessions(app, client, world):
    cookies, user_id, data = _coordinator_signed_in_and_edited_by_admin(app, client, world)
    data["name"] = "Sophal K."
    assert post_form(client, f"/admin/users/{user_id}/edit", data).status_code == 302
    _assert_both_work(app, cookies)


def test_the_remember_cookie_is_a_choice_lasts_a_month_and_is_secure_when_https_is_configured(app, world):
    plain = app.test_client()
    _sign_in(plain, world.emails["volunteer"], remember=False)
    assert plain.get_cookie(REMEMBER) is None
    response = _sign_in(app.test_client(), world.emails["volunteer"])
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(REMEMBER + "="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))
    assert abs(expires - dt.datetime.now(dt.UTC) - dt.timedelta(days=30)) < dt.timedelta(minutes=5)
    app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    response = _sign_in(app.test_client(), world.emails["volunteer"])
    cookies = response.headers.getlist("Set-Cookie")
    assert all("Secure" in h for h in cookies if h.startswith((REMEMBER + "=", "session="))), cookies


def test_signing_in_starts_a_fresh_session(app, client, world):
    client.get("/?lang=fr")
    with client.session_transaction() as before:
        before["planted"] = "by someone else"
    _sign_in(client, world.emails["volunteer"])
    with client.session_transaction() as after:
        assert "planted" not in after
