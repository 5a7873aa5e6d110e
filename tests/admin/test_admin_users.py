"""Admins create and edit accounts; nobody else reaches /admin."""

from __future__ import annotations

import pytest
from conftest import TEST_PASSWORD, post_form
from sqlalchemy import func, select

from tracker.accounts import services as accounts
from tracker.accounts.models import Role, User
from tracker.extensions import db

NEW = "/admin/users/new"
NEW_PASSWORD = "mekong-river-2025"


def user_form(**changes) -> dict:
    data = {"email": "Srey.Pov@Example.org", "name": "Srey Pov", "role": "volunteer", "regions": "",
            "active": "y", "password": NEW_PASSWORD}
    data.update(changes)
    return data


def stored_user(app, email: str) -> dict | None:
    with app.app_context():
        user = accounts.find_by_email(email)
        if user is None:
            return None
        return {"id": user.id, "email": user.email, "name": user.name, "role": user.role, "active": user.active,
                "hash": user.password_hash, "organisations": sorted(o.id for o in user.organisations),
                "regions": sorted(r.slug for r in user.regions)}


def user_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(User.id)))


def test_admin_creates_a_volunteer_who_can_sign_in(app, client, auth, world):
    auth.login(world.emails["admin"])
    response = post_form(client, NEW, user_form(organisations=[str(world.federation_id)]))
    assert response.status_code == 302
    user = stored_user(app, "srey.pov@example.org")
    assert user["role"] is Role.VOLUNTEER and user["active"] and user["name"] == "Srey Pov"
    assert user["organisations"] == [world.federation_id] and user["regions"] == []
    assert user["hash"].startswith("$argon2id$") and NEW_PASSWORD not in user["hash"]
    assert "srey.pov@example.org" in client.get("/admin/users/").get_data(as_text=True)
    auth.logout()
    assert auth.login("srey.pov@example.org", NEW_PASSWORD).status_code == 302


def test_admin_creates_a_coordinator_of_several_regions(app, client, auth, world):
    auth.login(world.emails["admin"])
    response = post_form(client, NEW, user_form(email="chan@example.org", role="coordinator",
                                                regions="fr, KH-22 ; FR-IDF/paris",
                                                organisations=[str(world.federation_id)]))
    assert response.status_code == 302
    user = stored_user(app, "chan@example.org")
    assert user["role"] is Role.COORDINATOR and user["hash"].startswith("$argon2id$")
    assert user["regions"] == ["FR", "FR-IDF/paris", "KH-22"]
    assert user["organisations"] == []  # organisations are for volunteers


def test_coordinator_of_everywhere(app, client, auth, world):
    auth.login(world.emails["admin"])
    assert post_form(client, NEW, user_form(email="world@example.org", role="coordinator",
                                            regions="world")).status_code == 302
    assert stored_user(app, "world@example.org")["regions"] == ["world"]


def test_duplicate_email_is_refused(app, client, auth, world):
    auth.login(world.emails["admin"])
    before = user_count(app)
    response = post_form(client, NEW, user_form(email=" Volunteer@Example.org "))
    assert response.status_code == 400
    assert "An account with the email volunteer@example.org already exists." in response.get_data(as_text=True)
    assert user_count(app) == before


@pytest.mark.parametrize("changes, message", [
    ({"password": "short"}, "The password needs at least 12 characters."),
    ({"password": ""}, "The password needs at least 12 characters."),
    ({"email": "not-an-email"}, "Enter a valid email address."),
    ({"role": "coordinator", "regions": "FR, Atlantis"}, "“Atlantis” is not a region"),
    ({"role": "coordinator", "regions": "ZZ"}, "“ZZ” is not an ISO 3166 country code."),
])
def test_bad_account_details_are_refused(app, client, auth, world, changes, message):
    auth.login(world.emails["admin"])
    before = user_count(app)
    response = post_form(client, NEW, user_form(**changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert user_count(app) == before


def test_admin_changes_a_role_and_keeps_the_password(app, client, auth, world):
    auth.login(world.emails["admin"])
    volunteer = stored_user(app, world.emails["volunteer"])
    url = f"/admin/users/{volunteer['id']}/edit"
    assert 'value="volunteer@example.org"' in client.get(url).get_data(as_text=True)
    response = post_form(client, url, user_form(email="volunteer@example.org", name="Vanna", role="coordinator",
                                                regions="FR-IDF", password=""))
    assert response.status_code == 302
    user = stored_user(app, world.emails["volunteer"])
    assert (user["role"], user["regions"], user["organisations"]) == (Role.COORDINATOR, ["FR-IDF"], [])
    assert user["hash"] == volunteer["hash"]
    auth.logout()
    assert auth.login(world.emails["volunteer"], TEST_PASSWORD).status_code == 302


def test_admin_deactivates_an_account_and_sets_a_new_password(app, client, auth, world):
    auth.login(world.emails["admin"])
    volunteer = stored_user(app, world.emails["other_volunteer"])
    response = post_form(client, f"/admin/users/{volunteer['id']}/edit", user_form(
        email=world.emails["other_volunteer"], name="Lina", organisations=[str(world.lyon_committee_id)],
        active="", password=NEW_PASSWORD))
    assert response.status_code == 302
    user = stored_user(app, world.emails["other_volunteer"])
    assert not user["active"] and user["hash"] != volunteer["hash"] and user["hash"].startswith("$argon2id$")
    auth.logout()
    assert auth.login(world.emails["other_volunteer"], NEW_PASSWORD).status_code == 401


def test_admin_cannot_demote_themselves(app, client, auth, world):
    auth.login(world.emails["admin"])
    admin = stored_user(app, world.emails["admin"])
    response = post_form(client, f"/admin/users/{admin['id']}/edit", user_form(
        email=world.emails["admin"], name="Admin", role="volunteer", password=""))
    assert response.status_code == 400
    assert "You cannot remove your own administrator role" in response.get_data(as_text=True)
    assert stored_user(app, world.emails["admin"])["role"] is Role.ADMIN


def test_editing_to_an_email_already_used_is_refused(app, client, auth, world):
    auth.login(world.emails["admin"])
    volunteer = stored_user(app, world.emails["volunteer"])
    response = post_form(client, f"/admin/users/{volunteer['id']}/edit", user_form(
        email=world.emails["coordinator"], name="Vanna", organisations=[str(world.federation_id)], password=""))
    assert response.status_code == 400
    assert "already exists" in response.get_data(as_text=True)
    assert stored_user(app, world.emails["volunteer"])["email"] == world.emails["volunteer"]


ADMIN_PAGES = ["/admin/users/", NEW, "/admin/users/1/edit", "/admin/rates/"]


@pytest.mark.parametrize("who", ["volunteer", "coordinator", "coordinator_elsewhere"])
def test_non_admins_get_403(app, client, auth, world, who):
    auth.login(world.emails[who])
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 403, url
    before = user_count(app)
    # A valid CSRF token (from the sign-in form) does not open the door.
    response = post_form(client, NEW, user_form(email="sneaky@example.org", role="admin"), form_url="/login")
    assert response.status_code == 403
    response = post_form(client, "/admin/rates/", {"currency": "KHR", "day": "2025-07-25", "per_eur": "4700",
                                                   "source": "x"}, form_url="/login")
    assert response.status_code == 403
    assert user_count(app) == before


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
