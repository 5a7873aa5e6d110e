"""The people the benchmark signs in as, created through the account services as `flask users create` does."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient

from tracker.accounts import services as accounts
from tracker.accounts.models import Role
from tracker.extensions import db
from tracker.organisations.models import Organisation

ADMIN_EMAIL = "benchmark-admin@benchmark.invalid"


@dataclass(frozen=True)
class Credentials:
    emails: tuple[str, ...]
    password: str


def _password() -> str:
    return secrets.token_urlsafe(18)  # a throwaway database's throwaway accounts


def create_admin(app: Flask) -> Credentials:
    with app.app_context():
        password = _password()
        accounts.create_user(ADMIN_EMAIL, password, "Benchmark admin", Role.ADMIN)
        db.session.commit()
    return Credentials((ADMIN_EMAIL,), password)


def create_gift_loggers(app: Flask, organisation_id: int, count: int) -> Credentials:
    """Volunteers of the campaign's organisation: `permissions.can_log_for` lets them log its gifts.

    `app` should hash as production does, so that signing in under gunicorn costs what it costs
    there and does not rewrite the hash on the first sign-in.
    """
    password = _password()
    emails = tuple(f"benchmark-volunteer-{number:02d}@benchmark.invalid" for number in range(count))
    with app.app_context():
        organisation = db.session.get(Organisation, organisation_id)
        for number, email in enumerate(emails):
            accounts.create_user(email, password, f"Benchmark volunteer {number:02d}", Role.VOLUNTEER,
                                 organisations=[organisation])
        db.session.commit()
    return Credentials(emails, password)


def signed_in_client(app: Flask, credentials: Credentials) -> FlaskClient:
    """A test client signed in through the login form, CSRF token included, as a browser would."""
    from benchmarks.client import csrf_token

    client = app.test_client()
    form = client.get("/login")
    token = csrf_token(form.get_data(as_text=True))
    reply = client.post("/login", data={"email": credentials.emails[0], "password": credentials.password,
                                        "csrf_token": token})
    if reply.status_code != 302:
        raise RuntimeError(f"the benchmark admin could not sign in (status {reply.status_code})")
    return client
