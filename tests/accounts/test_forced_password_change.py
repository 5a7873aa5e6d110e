"""A password an admin set (a new account, or a reset) is replaced by its owner at the next sign-in,
before anything else; an admin changing their own is not held up."""

from __future__ import annotations

from conftest import TEST_PASSWORD, post_form
from sqlalchemy import select

from tracker.accounts.models import User
from tracker.extensions import db

ADMIN_CHOSEN = "set by the admin for you"
OWN = "my very own passphrase"


def _must_change(app, email: str) -> bool:
    with app.app_context():
        return db.session.scalar(select(User.must_change_password).where(User.email == email))


def _reset_by_admin(client, auth, world, email: str) -> None:
    auth.login(world.emails["admin"])
    with client.application.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        data = {"email": email, "name": user.name, "role": user.role.value,
                "organisations": [str(o.id) for o in user.organisations], "active": "y", "password": ADMIN_CHOSEN}
        user_id = user.id
    assert post_form(client, f"/admin/users/{user_id}/edit", data).status_code == 302
    auth.logout()


def test_after_an_admin_reset_the_owner_must_choose_a_password_first(app, client, auth, world):
    email = world.emails["volunteer"]
    _reset_by_admin(client, auth, world, email)
    assert _must_change(app, email)
    assert auth.login(email, ADMIN_CHOSEN).status_code == 302
    for page in ("/donations/mine", "/donations/new", "/"):
        response = client.get(page)
        assert response.status_code == 302 and response.headers["Location"] == "/account/password", page
    assert "choose your own to go on" in client.get("/account/password").get_data(as_text=True)
    same = post_form(client, "/account/password", {"current": ADMIN_CHOSEN, "new": ADMIN_CHOSEN,
                                                   "repeated": ADMIN_CHOSEN})
    assert same.status_code == 400 and "different from the current one" in same.get_data(as_text=True)
    response = post_form(client, "/account/password", {"current": ADMIN_CHOSEN, "new": OWN, "repeated": OWN})
    assert response.status_code == 302
    assert client.get("/donations/mine").status_code == 200
    assert not _must_change(app, email)


def test_a_new_account_made_by_an_admin_starts_with_a_forced_change(app, client, auth, world):
    auth.login(world.emails["admin"])
    form = {"email": "newcomer@example.org", "name": "Newcomer", "role": "volunteer",
            "organisations": str(world.federation_id), "active": "y", "password": ADMIN_CHOSEN}
    assert post_form(client, "/admin/users/new", form).status_code == 302
    assert _must_change(app, "newcomer@example.org")
    auth.logout()
    auth.login("newcomer@example.org", ADMIN_CHOSEN)
    assert client.get("/donations/mine").headers["Location"] == "/account/password"
    assert client.post("/logout", data={"csrf_token": _token(client)}).status_code == 302  # signing out is allowed


def test_an_admin_setting_their_own_password_is_not_held_up(app, client, auth, world):
    _reset = {"email": world.emails["admin"], "name": "Admin", "role": "admin", "active": "y", "password": OWN}
    auth.login(world.emails["admin"])
    with app.app_context():
        admin_id = db.session.scalar(select(User.id).where(User.email == world.emails["admin"]))
    assert post_form(client, f"/admin/users/{admin_id}/edit", _reset).status_code == 302
    assert not _must_change(app, world.emails["admin"])
    assert TEST_PASSWORD != OWN


def _token(client) -> str:
    from conftest import csrf_token

    return csrf_token(client, "/account/password")
