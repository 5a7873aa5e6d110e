"""An admin enters a riel rate for the busiest day while the app is under load.

Under the same gunicorn: volunteers log gifts (client.py, LOGGERS of them) and wrk loads the
campaign page; a second into wrk's run the admin, signed in over HTTP like a browser, posts a
KHR rate for the day with most gifts on POST /admin/rates/. The post commits the rate and
returns; a thread in the worker that served it then moves every campaign's figures to the new
rate in short transactions. Measured: the post's own time, wrk's maximum latency and the slowest
gift logged, and how long from the post until `rate_conversion.pending()` (polled in an app
context of its own, every POLL_EVERY seconds) says no campaign waits any more.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import func, select

from tracker.accounts import services as accounts
from tracker.accounts.models import Role
from benchmarks import people
from benchmarks.client import Client, csrf_token
from benchmarks.load import LoadResult
from benchmarks.wrk import WrkResult, WrkRun
from tracker.donations.models import Donation
from tracker.extensions import db
from tracker.rates.models import ExchangeRate
from tracker.rollups import rate_conversion

RATES_ADMIN_EMAIL = "benchmark-rates-admin@benchmark.invalid"
CURRENCY = "KHR"
PER_EUR = "4711"  # differs from every riel rate the generator enters (4650 and up by day)
SOURCE = "benchmark: busiest day"
LOGGERS = 4
POST_AFTER = 1.0  # seconds into wrk's run
POLL_EVERY = 0.05
CONVERSION_TIMEOUT = 300.0
REQUEST_TIMEOUT = 30.0


@dataclass(frozen=True)
class RateEntry:
    day: dt.date
    day_gifts: int
    post_seconds: float
    post_status: int
    conversion_seconds: float  # from the post's start until nothing is pending (nan: not seen within the timeout)
    campaigns_waiting: int  # the most pending() said
    wrk: WrkResult
    logging: LoadResult | None

    @property
    def worst_wait(self) -> float:
        slowest_gift = max(self.logging.latencies, default=0.0) if self.logging else 0.0
        return max(self.post_seconds, self.wrk.latency_max, slowest_gift)


def busiest_day(app: Flask) -> tuple[dt.date, int]:
    with app.app_context():
        gifts = func.count(Donation.id)
        day, count = db.session.execute(select(Donation.received_on, gifts).group_by(Donation.received_on)
                                        .order_by(gifts.desc(), Donation.received_on).limit(1)).one()
        db.session.rollback()
    return day, count


def create_rates_admin(app: Flask) -> people.Credentials:
    """An admin hashed as production does (`app` without the cheap profile), to sign in under gunicorn."""
    password = people._password()
    with app.app_context():
        accounts.create_user(RATES_ADMIN_EMAIL, password, "Benchmark rates admin", Role.ADMIN)
        db.session.commit()
    return people.Credentials((RATES_ADMIN_EMAIL,), password)


class _Poller(threading.Thread):
    """pending() every POLL_EVERY seconds from `started`, until it has been above zero and is zero again."""

    def __init__(self, app: Flask) -> None:
        super().__init__(name="pending-poller", daemon=True)
        self.app = app
        self.started = 0.0
        self.done_at: float | None = None
        self.most = 0
        self.go = threading.Event()

    def run(self) -> None:
        self.go.wait(CONVERSION_TIMEOUT)
        deadline = time.monotonic() + CONVERSION_TIMEOUT
        with self.app.app_context():
            while time.monotonic() < deadline:
                # The rate first, then pending(), in one read transaction: pending() then sees the rate
                # too (one snapshot on SQLite, later statements see more on PostgreSQL).
                stored = self._rate_stored()
                waiting = rate_conversion.pending()
                db.session.rollback()
                self.most = max(self.most, waiting)
                if stored and waiting == 0:
                    self.done_at = time.monotonic()
                    break
                time.sleep(POLL_EVERY)
            db.session.remove()

    @staticmethod
    def _rate_stored() -> bool:
        return bool(db.session.scalar(select(func.count()).select_from(ExchangeRate).where(
            ExchangeRate.currency == CURRENCY, ExchangeRate.source == SOURCE)))


def enter_rate_under_load(port: int, poll_app: Flask, admin: people.Credentials, day: dt.date, day_gifts: int,
                          campaign_page: str, seconds: float, connections: int, worker_pids: list[int],
                          database_pids: list[int], start_logging) -> RateEntry:
    """`start_logging(seconds)` runs the gift-logging load and returns its LoadResult (or None)."""
    admin_client = Client("127.0.0.1", port, REQUEST_TIMEOUT)
    admin_client.sign_in(admin.emails[0], admin.password)
    token = csrf_token(admin_client.get("/admin/rates/").text)
    logged: dict[str, LoadResult | None] = {"result": None}
    logger = threading.Thread(target=lambda: logged.update(result=start_logging(seconds + 2 * POST_AFTER)),
                              name="gift-logging", daemon=True)
    logger.start()
    time.sleep(POST_AFTER)  # the loggers sign in (Argon2) before their window opens
    poller = _Poller(poll_app)
    poller.start()
    run = WrkRun(port, campaign_page, seconds, connections, worker_pids, database_pids).start()
    time.sleep(POST_AFTER)
    poller.started = started = time.monotonic()
    poller.go.set()
    reply = admin_client.post_form("/admin/rates/", {"currency": CURRENCY, "day": day.isoformat(),
                                                     "per_eur": PER_EUR, "source": SOURCE,
                                                     "csrf_token": token})
    post_seconds = time.monotonic() - started
    admin_client.close()
    result = run.finish()
    poller.join(CONVERSION_TIMEOUT + 5)
    logger.join(seconds + 120)
    conversion = poller.done_at - started if poller.done_at is not None else float("nan")
    return RateEntry(day, day_gifts, post_seconds, reply.status, conversion, poller.most, result, logged["result"])
