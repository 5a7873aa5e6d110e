"""Fixtures: a real database brought to head by the migrations, the test client, and a small world.

The database is SQLite in a temporary folder, or PostgreSQL when TEST_DATABASE_URL names one
(`.ci/run` does). Every test starts from empty tables.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import threading
import uuid

import pytest
from babel.dates import format_date
from sqlalchemy import text
from werkzeug.serving import make_server

from tracker import create_app
from tracker.extensions import db

TEST_PASSWORD = "correct horse battery"


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """Migrate an empty database to head once per run."""
    url = _database_url(tmp_path_factory)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        from flask_migrate import upgrade

        upgrade()
        db.engine.dispose()
    return url


def _empty_tables() -> None:
    """Every table emptied between tests, the append-only audit trail included: its triggers are
    set aside for that (PostgreSQL: replica mode, a superuser's right; SQLite: dropped and made again)."""
    tables = [t.name for t in reversed(db.metadata.sorted_tables)]
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL session_replication_role = replica"))
        db.session.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    else:
        triggers = db.session.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'")).all()
        for name, _sql in triggers:
            db.session.execute(text(f"DROP TRIGGER {name}"))
        for name in tables:
            db.session.execute(text(f"DELETE FROM {name}"))
        for _name, sql in triggers:
            db.session.execute(text(sql))
    db.session.commit()


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app({
        "DOCUMENT_FOLDER": str(tmp_path / "documents"),  # proofs a test stores stay out of the repository
        "SQLALCHEMY_DATABASE_URI": database_url,
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "PASSWORD_HASH_PROFILE": "cheapest",
        "RATE_CONVERSION_WAIT": True,  # figures follow a new rate before the request returns
        "PAGE_CACHE_PREFIX": f"samaki-test:{uuid.uuid4().hex}:",  # a Redis cache never serves another test's page
        "RATELIMIT_KEY_PREFIX": f"samaki-test-limits:{uuid.uuid4().hex}",  # nor counts another test's attempts
    })
    with app.app_context():
        _empty_tables()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def shown_day(day: dt.date, language: str = "en") -> str:
    """A day as pages write it for a reader of `language` (Babel's medium form: "Jul 25, 2025")."""
    return format_date(day, "medium", locale=language)


def csrf_token(client, url: str) -> str:
    """Read the CSRF token from the form a page draws, as a browser would."""
    page = client.get(url)
    match = CSRF_FIELD.search(page.get_data(as_text=True))
    assert match, f"no CSRF token in the page at {url} (status {page.status_code})"
    return match.group(1)


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email: str, password: str = TEST_PASSWORD):
        token = csrf_token(self._client, "/login")
        return self._client.post("/login", data={"email": email, "password": password, "csrf_token": token})

    def logout(self):
        token = csrf_token(self._client, "/")
        return self._client.post("/logout", data={"csrf_token": token})


@pytest.fixture
def auth(client):
    return AuthActions(client)


def post_form(client, url: str, data: dict, form_url: str | None = None, **kwargs):
    """Submit a form the way a browser does: draw it, take its CSRF token, post."""
    payload = dict(data)
    payload["csrf_token"] = csrf_token(client, form_url or url)
    return client.post(url, data=payload, **kwargs)


class World:
    """Names for the people, places and campaigns of the standard test world."""


@pytest.fixture
def world(app):
    """Paris and San Jose campaigns, two associations, an NGO, and one user per role.

    - volunteer: member of the Île-de-France federation (Paris campaign)
    - other_volunteer: member of the Lyon committee
    - coordinator: coordinates FR-IDF; coordinator_elsewhere: coordinates US-CA
    - admin
    """
    from tracker.accounts import services as accounts
    from tracker.accounts.models import Role
    from tracker.campaigns import services as campaigns
    from tracker.campaigns.models import CampaignKind, CampaignStatus
    from tracker.organisations import services as organisations
    from tracker.organisations.models import OrganisationKind
    from tracker.places import services as places

    w = World()
    with app.app_context():
        w.paris = places.ensure_city("FR-IDF", "Paris")
        w.lyon = places.ensure_city("FR-ARA", "Lyon")
        w.san_jose = places.ensure_city("US-CA", "San Jose")
        w.oddar_meanchey = places.ensure_subdivision("KH-22")
        admin = accounts.create_user("admin@example.org", TEST_PASSWORD, "Admin", Role.ADMIN)
        w.federation = organisations.create_organisation(admin, "Fédération France-Khmer IDF",
                                                         OrganisationKind.ASSOCIATION, w.paris)
        w.lyon_committee = organisations.create_organisation(admin, "Comité Khmer de Lyon",
                                                             OrganisationKind.ASSOCIATION, w.lyon)
        w.san_jose_association = organisations.create_organisation(admin, "Khmer Community of San Jose",
                                                                    OrganisationKind.ASSOCIATION, w.san_jose)
        w.ngo = organisations.create_organisation(admin, "O'Smach Relief", OrganisationKind.NGO,
                                                  places.ensure_city("KH-22", "Samraong"), [w.oddar_meanchey])
        accounts.create_user("volunteer@example.org", TEST_PASSWORD, "Vanna", Role.VOLUNTEER,
                             organisations=[w.federation])
        accounts.create_user("other-volunteer@example.org", TEST_PASSWORD, "Lina", Role.VOLUNTEER,
                             organisations=[w.lyon_committee])
        accounts.create_user("sj-volunteer@example.org", TEST_PASSWORD, "Dara", Role.VOLUNTEER,
                             organisations=[w.san_jose_association])
        accounts.create_user("coordinator@example.org", TEST_PASSWORD, "Sophal", Role.COORDINATOR,
                             regions=[places.ensure_subdivision("FR-IDF")])
        accounts.create_user("coordinator-elsewhere@example.org", TEST_PASSWORD, "Chenda", Role.COORDINATOR,
                             regions=[places.ensure_subdivision("US-CA")])
        start = dt.date(2025, 7, 25)
        w.paris_campaign = campaigns.create_campaign(admin, campaigns.CampaignEntry(
            name="Solidarité frontière", organisation=w.federation, city=w.paris,
            kind=CampaignKind.ONLINE_FUNDRAISER, currency="EUR", goal="80000", starts_on=start, ends_on=None,
            status=CampaignStatus.ACTIVE, recipients=[(w.ngo, "")]))
        w.san_jose_campaign = campaigns.create_campaign(admin, campaigns.CampaignEntry(
            name="San Jose for O'Smach", organisation=w.san_jose_association, city=w.san_jose,
            kind=CampaignKind.CHARITY_EVENT, currency="USD", goal="10000", starts_on=start, ends_on=None,
            status=CampaignStatus.ACTIVE, recipients=[(w.ngo, "")]))
        db.session.commit()
        for name in ("paris", "lyon", "san_jose", "oddar_meanchey", "federation", "lyon_committee",
                     "san_jose_association", "ngo", "paris_campaign", "san_jose_campaign"):
            setattr(w, name + "_id", getattr(w, name).id)
        w.paris_campaign_id = w.paris_campaign.id
    w.emails = {
        "volunteer": "volunteer@example.org",
        "other_volunteer": "other-volunteer@example.org",
        "coordinator": "coordinator@example.org",
        "coordinator_elsewhere": "coordinator-elsewhere@example.org",
        "admin": "admin@example.org",
    }
    return w


# --- A real HTTP server on loopback and Debian's headless Chromium, driven by Playwright ---

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A fresh phone-sized browser context per user: its own cookies, as on separate devices."""
    contexts = []

    def open_phone():
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="fr-FR")
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()
