"""One database, measured from start to end: the steps in the order the issue lists them.

The large data set comes first, and everything that needs it is measured on it before the load
tests add gifts: the pages' server-side time, the naive baseline, then HTTP under gunicorn (wrk
on /health and the public pages, gift logging, a riel rate entered under load, worker memory),
then `flask rollups check`, and last the gift writes (which add twice --writes gifts). The small
data set comes after (on PostgreSQL it replaces the large one), for the pages' time at 1/100 of
the size with the same campaigns.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sys
from dataclasses import dataclass

from benchmarks import (
    check_cli,
    datasets,
    naive,
    people,
    rate_entry,
    server_side,
    writes,
    wrk,
)
from benchmarks.check_cli import CheckRun
from benchmarks.datasets import Generated, Subjects
from benchmarks.gifts import GiftCheck, check_logged_gifts
from benchmarks.gunicorn import Gunicorn, WorkerMemory
from benchmarks.load import LoadResult, run_load
from benchmarks.naive import NaiveTotal
from benchmarks.rate_entry import RateEntry
from benchmarks.stats import Timing
from benchmarks.writes import WriteFigures
from benchmarks.wrk import WrkResult
from tracker.extensions import db
from tracker.places.services import WORLD_CODE
from tracker.synthetic.generate import FIRST_DAY

REQUEST_TIMEOUT = 30.0  # seconds; a request that takes longer counts as an error
WARM_UP_SECONDS = 1.0  # each page is requested this long under load before its timed window
ONE_GIFT_PROFILE_ABOVE = 10  # one gift slower than this many plain one-row INSERTs: profile one, on stderr


@dataclass(frozen=True)
class Options:
    donations: int
    small: int
    requests: int
    naive_runs: int
    clients: int
    seconds: float
    workers: int
    client_processes: int
    writes: int = 10_000
    single_inserts: int = 1_000


@dataclass
class HttpFigures:
    """What the app did under gunicorn, and what the database held afterwards."""

    pages: dict[str, WrkResult]  # "health", "world", "country", "campaign": wrk's runs
    logging: LoadResult
    rate: RateEntry
    gift_check: GiftCheck
    workers: list[WorkerMemory]  # after all the load
    restarted_workers: int


@dataclass
class DatabaseResult:
    spec: str
    engine: str  # "SQLite" or "PostgreSQL"
    shown_url: str  # the large data set's database, password masked
    server_version: str
    options: Options
    large: Generated
    small: Generated
    subjects: Subjects
    pages_large: dict[str, Timing]
    pages_small: dict[str, Timing]
    naive: dict[str, Timing]
    naive_totals: dict[str, NaiveTotal]
    http: HttpFigures
    check_run: CheckRun
    writes: WriteFigures

    @property
    def same_campaigns(self) -> bool:
        return self.large.campaigns_fingerprint == self.small.campaigns_fingerprint


def _step(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _prepare(spec: str, donations: int, secret: str) -> tuple[str, Generated]:
    url = datasets.database_url(spec, donations)
    _step(f"fresh database {datasets.shown_url(url)}; generating {donations:,} donations (seed {datasets.SEED})")
    datasets.fresh_database(url, secret)
    generated = datasets.generate_donations(url, secret, donations)
    _step(f"generated in {generated.seconds:.1f} s")
    return url, generated


def _server_version(app) -> str:
    with app.app_context():
        connection = db.session.connection()
        if connection.dialect.name == "postgresql":
            version = connection.exec_driver_sql("SHOW server_version").scalar()
        else:
            version = connection.exec_driver_sql("SELECT sqlite_version()").scalar()
        db.session.rollback()
    return str(version)


def _time_pages(url: str, secret: str, subjects: Subjects, requests: int) -> tuple[dict[str, Timing], str]:
    """Sign in as a new admin and time each page; also says which server version answered."""
    app = datasets.benchmark_app(url, secret)
    try:
        client = people.signed_in_client(app, people.create_admin(app))
        return server_side.time_pages(client, subjects.pages, requests), _server_version(app)
    finally:
        datasets.close(app)


def _gift_day(subjects: Subjects) -> str:
    """Within the synthetic data's days, where every currency it uses has a rate (the riel's
    entered by the generator); today may be past the shipped ECB history."""
    return max(subjects.campaign_starts_on, FIRST_DAY).isoformat()


def _http_paths(subjects: Subjects) -> dict[str, str]:
    return {"health": "/health", "world": f"/regions/{WORLD_CODE}", "country": f"/regions/{subjects.country_code}",
            "campaign": subjects.pages["campaign"]}


def _http_load(url: str, secret: str, subjects: Subjects, options: Options, log_name: str) -> HttpFigures:
    """wrk on /health and the public pages, then gift logging, then a riel rate entered under load,
    then worker memory, then the check of what the logging stored."""
    production_app = datasets.benchmark_app(url, secret, cheap_passwords=False)
    loggers = people.create_gift_loggers(production_app, subjects.organisation_id, options.clients)
    rates_admin = rate_entry.create_rates_admin(production_app)
    datasets.close(production_app)
    poll_app = datasets.benchmark_app(url, secret)
    day, day_gifts = rate_entry.busiest_day(poll_app)
    tag = f"benchmark-{secrets.token_hex(4)}"
    paths = _http_paths(subjects)
    with Gunicorn(url, secret, options.workers, datasets.BENCHMARK_DIR / log_name) as server:
        def database_pids() -> list[int]:  # read before each load: the workers' connections come and go
            return datasets.server_processes(url)

        def load(label: str, job: dict, seconds: float, clients: int = options.clients) -> LoadResult:
            return run_load(label, {"host": "127.0.0.1", "port": server.port, **job}, clients,
                            options.client_processes, seconds, REQUEST_TIMEOUT, server.worker_pids(), database_pids())

        def fetch(path: str, seconds: float) -> WrkResult:
            return wrk.run_wrk(server.port, path, seconds, options.clients, server.worker_pids(), database_pids())

        def log_job(name: str) -> dict:
            return {"scenario": "log_gifts", "emails": list(loggers.emails), "password": loggers.password,
                    "campaign_id": subjects.campaign_id, "received_on": _gift_day(subjects), "tag": name}

        for path in paths.values():
            fetch(path, WARM_UP_SECONDS)
        pages = {}
        for name, path in paths.items():
            _step(f"gunicorn on port {server.port}: wrk on {path} for {options.seconds:g} s")
            pages[name] = fetch(path, options.seconds)
        _step(f"logging gifts for {options.seconds:g} s with {options.clients} volunteers")
        logging = load("gift logging", log_job(tag), options.seconds)
        _step(f"a KHR rate for {day} ({day_gifts:,} gifts) while wrk loads {paths['campaign']} and "
              f"{rate_entry.LOGGERS} volunteers log gifts")
        rate = rate_entry.enter_rate_under_load(
            server.port, poll_app, rates_admin, day, day_gifts, paths["campaign"], options.seconds, options.clients,
            server.worker_pids(), database_pids(),
            lambda seconds: load("gift logging during the rate", log_job(f"{tag}-rate"), seconds,
                                 rate_entry.LOGGERS))
        _step(f"rate posted in {rate.post_seconds * 1000:.0f} ms; conversion done after "
              f"{rate.conversion_seconds:.2f} s; wrk max {rate.wrk.latency_max * 1000:.0f} ms")
        workers, restarted = server.worker_memory(), server.restarted_workers()
    datasets.close(poll_app)
    _step("checking the logged gifts and the rollups")
    app = datasets.benchmark_app(url, secret)
    accepted = logging.accepted + (rate.logging.accepted if rate.logging else [])
    refused = logging.refused + (rate.logging.refused if rate.logging else [])
    gift_check = check_logged_gifts(app, tag, accepted, refused)
    datasets.close(app)
    return HttpFigures(pages, logging, rate, gift_check, workers, restarted)


def run_database(spec: str, options: Options) -> DatabaseResult:
    secret = "benchmark-" + secrets.token_hex(32)
    engine = "SQLite" if datasets.is_sqlite(spec) else "PostgreSQL"
    _step(f"{engine}: {options.donations:,} donations, then {options.small:,}")
    url, large = _prepare(spec, options.donations, secret)
    app = datasets.benchmark_app(url, secret)
    with app.app_context():
        subjects = datasets.choose_subjects()
    _step(f"pages: {', '.join(subjects.pages.values())} (campaign with {subjects.campaign_gifts:,} gifts)")
    pages_large, server_version = _time_pages(url, secret, subjects, options.requests)
    naive_timings, naive_totals = naive.time_naive(app, subjects, options.naive_runs)
    datasets.close(app)
    http = _http_load(url, secret, subjects, options, f"gunicorn-{engine.lower()}.log")
    _step("flask --app tracker rollups check, as a child process")
    check_run = check_cli.run_check(url, secret)
    _step(f"check: {check_run.seconds:.2f} s, peak {check_run.peak_mb:.0f} MB: {check_run.last_line}")
    _step(f"gift writes: {options.writes:,} gifts each way")
    app = datasets.benchmark_app(url, secret)
    write_figures = writes.time_writes(app, people.ADMIN_EMAIL, options.writes, options.single_inserts)
    if write_figures.one_by_one.median > ONE_GIFT_PROFILE_ABOVE * write_figures.plain_single.median:
        print(writes.profile_one_gift(app, people.ADMIN_EMAIL), file=sys.stderr, flush=True)
    datasets.close(app)
    small_url, small = _prepare(spec, options.small, secret)
    pages_small, _ = _time_pages(small_url, secret, subjects, options.requests)
    return DatabaseResult(
        spec=spec, engine=engine, shown_url=datasets.shown_url(url), server_version=server_version, options=options,
        large=large, small=small, subjects=subjects, pages_large=pages_large, pages_small=pages_small,
        naive=naive_timings, naive_totals=naive_totals, http=http, check_run=check_run, writes=write_figures)
