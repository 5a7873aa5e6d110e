"""With REDIS_URL set, every worker (here: two app instances on one database, as two gunicorn
workers or two hosts would be) shares the public pages' cache, and a gift logged through either
moves every page that shows it on at once: region, country, everywhere and the campaign."""

from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest
import redis
from dashboard_helpers import log_gift, shown_total
from sqlalchemy import event

from tracker import create_app, money
from tracker.extensions import db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
DAY = dt.date(2025, 7, 26)


@pytest.fixture
def workers(app):
    """Two apps sharing the test database and one Redis namespace; the keys are removed afterwards."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis is needed at {REDIS_URL} for the shared cache: {error}")
    prefix = f"samaki-test:{uuid.uuid4().hex}:"
    config = {key: app.config[key] for key in ("SQLALCHEMY_DATABASE_URI", "SECRET_KEY", "TESTING",
                                               "PASSWORD_HASH_PROFILE", "RATE_CONVERSION_WAIT")}
    apps = [create_app({**config, "REDIS_URL": REDIS_URL, "PAGE_CACHE_PREFIX": prefix}) for _ in range(2)]
    yield apps
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=prefix + "*"):
        client.delete(key)
    for other in apps:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


def _statements(worker, url) -> tuple[str, int]:
    """The page's total, and how many statements the worker sent to the database to serve it."""
    sent = []
    with worker.app_context():
        engine = db.engine
    record = lambda *_args: sent.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = worker.test_client().get(url)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 200, url
    return shown_total(response), len(sent)


@pytest.mark.parametrize("url", ["/regions/world", "/regions/US", "/regions/US-CA", "/campaigns/{campaign}"])
def test_a_page_made_by_one_worker_is_served_by_the_other_until_a_gift_moves_it_on(app, world, workers, url):
    url = url.format(campaign=world.san_jose_campaign_id)
    first, second = workers
    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "250", "USD", DAY)
    made, made_cost = _statements(first, url + "?currency=USD")
    assert made == money.format_minor(25000, "USD")
    served, served_cost = _statements(second, url + "?currency=USD")
    assert served == made
    assert served_cost < made_cost and served_cost <= 2  # the versions only; the page came from Redis

    log_gift(first, "sj-volunteer@example.org", world.san_jose_campaign_id, "10.50", "USD", DAY)
    assert _statements(second, url + "?currency=USD")[0] == money.format_minor(26050, "USD")
    assert _statements(first, url + "?currency=USD")[0] == money.format_minor(26050, "USD")
