"""A cached public page costs no query while nothing was committed, and follows every commit, from any
worker, at the next visit (tracker.database_changes)."""

from __future__ import annotations

import time

import psycopg
import pytest
from dashboard_helpers import page_text, shown_total
from sqlalchemy import event, text
from test_public_pages import JULY_26, log_gift, make_private

from tracker import create_app, database_changes
from tracker.accounts import services as accounts
from tracker.campaigns import services as campaigns
from tracker.extensions import db

WAIT = 5.0  # seconds: bounded waits for the PostgreSQL listener


def _statements_of(app, visit) -> tuple[object, int]:
    """What `visit()` gave, and how many SQL statements it ran."""
    with app.app_context():
        engine = db.engine
    ran = []
    listener = lambda *_args: ran.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        return visit(), len(ran)
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def _watching(app) -> bool:
    """True once the app's database watch answers (at once on SQLite; once LISTENing on PostgreSQL)."""
    watch = app.extensions["database_changes"].watch
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if watch is not None and watch.token() is not None:
            return True
        time.sleep(0.02)
    return False


def _eventually(read, expected):
    """`read()` until it gives `expected`: at once on SQLite, within the notification's delivery on PostgreSQL."""
    deadline = time.monotonic() + WAIT
    while (seen := read()) != expected and time.monotonic() < deadline:
        time.sleep(0.01)
    return seen


@pytest.fixture
def other_worker(app, database_url):
    """A second app on the same database, as another gunicorn worker would be, with its own engine."""
    other = create_app({**{key: app.config[key] for key in ("SQLALCHEMY_DATABASE_URI", "DOCUMENT_FOLDER",
                                                            "PAGE_CACHE_PREFIX", "RATELIMIT_KEY_PREFIX")},
                        "TESTING": True, "SECRET_KEY": "test-secret", "PASSWORD_HASH_PROFILE": "cheapest"})
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_cached_region_page_costs_no_query_and_shows_a_gift_logged_by_another_worker(app, client, world,
                                                                                      other_worker):
    campaign_id = world.san_jose_campaign_id
    log_gift(app, "sj-volunteer@example.org", campaign_id, "250", "USD", JULY_26)
    assert _watching(app)
    first = client.get("/regions/US?currency=USD")
    assert shown_total(first) == "$250.00"

    again, statements = _statements_of(app, lambda: client.get("/regions/US?currency=USD"))
    assert shown_total(again) == "$250.00"
    assert statements == 0  # neither the page nor its key: nothing was committed since

    log_gift(other_worker, "sj-volunteer@example.org", campaign_id, "10.50", "USD", JULY_26)
    assert _eventually(lambda: shown_total(client.get("/regions/US?currency=USD")), "$260.50") == "$260.50"
    home = _eventually(lambda: "$260.50" in page_text(client.get("/?currency=USD")), True)
    assert home


def test_a_campaign_made_private_by_another_worker_is_gone_from_the_cache(app, client, world, other_worker):
    url = f"/campaigns/{world.san_jose_campaign_id}"
    assert _watching(app)
    assert client.get(url).status_code == 200
    cached, statements = _statements_of(app, lambda: client.get(url))
    assert cached.status_code == 200 and statements == 0

    make_private(other_worker, world)
    assert _eventually(lambda: client.get(url).status_code, 404) == 404


def test_a_visit_inside_an_open_transaction_reads_its_key_afresh(app, world):
    """An answer read in a snapshot older than the watch's token could be stale: it is never kept."""
    with app.test_request_context("/"):
        db.session.execute(text("SELECT 1"))  # a transaction is open before the key is asked for
        reads = []
        for _ in range(2):
            database_changes.remembered(("test", 1), lambda: reads.append(1) or (1, 1))
        assert len(reads) == 2


def test_on_postgresql_a_lost_listener_falls_back_to_reading_every_key(app, client, world, other_worker):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL's listener; SQLite reads PRAGMA data_version, which cannot be lost")
    url = f"/campaigns/{world.san_jose_campaign_id}"
    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "250", "USD", JULY_26)
    assert _watching(app)
    assert shown_total(client.get(url)) == "$250.00"
    watch = app.extensions["database_changes"].watch
    token = watch.token()

    # The listener's connection is cut, as a restart of PostgreSQL would cut it.
    with psycopg.connect(watch.conninfo, autocommit=True) as connection:
        cut = connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 "WHERE query = %s", (f"LISTEN {database_changes.CHANNEL}",)).fetchall()
    assert cut and all(row[0] for row in cut)
    assert _eventually(lambda: watch.token() is None or watch.token() != token, True)

    log_gift(other_worker, "sj-volunteer@example.org", world.san_jose_campaign_id, "10.50", "USD", JULY_26)
    assert shown_total(client.get(url)) == "$260.50"  # at once: read afresh, or with the epoch moved on
    assert _watching(app) and watch.token() != token  # listening again, with what it missed counted
