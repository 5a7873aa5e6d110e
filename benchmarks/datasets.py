"""The benchmark's databases: made empty, migrated, filled by the synthetic generator.

Every size gets a freshly migrated database, so that no figure depends on what an earlier run
left behind: a new SQLite file under instance/benchmark/, or, on PostgreSQL, the public schema of
the database given dropped and created again (everything in it is lost).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from sqlalchemy import create_engine, func, make_url, select, text

from benchmarks import ROOT
from tracker import create_app
from tracker.campaigns.models import Campaign, CampaignStatus
from tracker.donations.models import Donation
from tracker.extensions import db
from tracker.places.models import Place
from tracker.places.services import WORLD_CODE
from tracker.synthetic.generate import Sizes, generate

BENCHMARK_DIR = ROOT / "instance" / "benchmark"
SEED = 2025  # the issue fixes it: the same campaigns at every donation count


def is_sqlite(spec: str) -> bool:
    return spec == "sqlite"


def database_url(spec: str, donations: int) -> str:
    """`sqlite` gives one file per size; any other spec is a PostgreSQL URL, used for every size in turn."""
    if is_sqlite(spec):
        return f"sqlite:///{BENCHMARK_DIR / f'donations-{donations}.sqlite'}"
    for prefix in ("postgres://", "postgresql://"):  # as the app's own config accepts them
        if spec.startswith(prefix):
            return "postgresql+psycopg://" + spec[len(prefix):]
    if not spec.startswith("postgresql+"):
        raise ValueError(f"--database takes `sqlite` or a PostgreSQL URL, not {spec!r}")
    return spec


def shown_url(url: str) -> str:
    """The URL with any password masked, fit to print and to write in docs/benchmarks.md."""
    return make_url(url).render_as_string(hide_password=True)


def benchmark_app(url: str, secret: str, cheap_passwords: bool = True) -> Flask:
    """The app on the benchmark database. The database URL is passed explicitly, so that no
    DATABASE_URL or TRACKER_* setting in the environment can point a schema drop elsewhere."""
    config = {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secret}
    if cheap_passwords:
        config["PASSWORD_HASH_PROFILE"] = "cheapest"  # the test suite's profile: signing in costs nothing
    return create_app(config)


def close(app: Flask) -> None:
    """Return every pooled connection, so a later schema drop or another process is not kept waiting."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _remove_sqlite_files(url: str) -> None:
    path = Path(make_url(url).database)
    path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)


def fresh_database(url: str, secret: str) -> None:
    """An empty database at the schema's head."""
    if url.startswith("sqlite"):
        _remove_sqlite_files(url)
    app = benchmark_app(url, secret)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        from flask_migrate import upgrade

        upgrade()
    close(app)


def server_processes(url: str) -> list[int]:
    """The PostgreSQL processes working for this database: its backends (the gunicorn workers'
    connections among them) and the server's writers. Their CPU is the database's share of a load;
    SQLite has none, its work is done inside the workers."""
    if url.startswith("sqlite"):
        return []
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(
                "SELECT pid FROM pg_stat_activity WHERE (datname = current_database() AND pid <> pg_backend_pid())"
                " OR backend_type IN ('walwriter', 'checkpointer', 'background writer')")).scalars())
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Generated:
    donations: int
    seconds: float
    campaigns_fingerprint: str  # equal at every size when the generator keeps its campaigns


def generate_donations(url: str, secret: str, donations: int) -> Generated:
    """Fill the fresh database with the synthetic data set, committed once as the CLI does."""
    app = benchmark_app(url, secret)
    started = time.perf_counter()
    with app.app_context():
        generate(Sizes(donations=donations), seed=SEED)
        db.session.commit()
        seconds = time.perf_counter() - started
        if db.engine.dialect.name == "postgresql":
            _vacuum_analyze()
        fingerprint = campaigns_fingerprint()
    close(app)
    return Generated(donations, seconds, fingerprint)


def _vacuum_analyze() -> None:
    """Autovacuum would get there by itself after a bulk load, at a moment of its choosing and in
    the middle of a measurement; doing it now measures the steady state instead."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def campaigns_fingerprint() -> str:
    """A digest of every campaign's identity and settings (ids included), to compare data sets."""
    columns = (Campaign.id, Campaign.name, Campaign.organisation_id, Campaign.city_id, Campaign.kind,
               Campaign.currency, Campaign.goal_minor, Campaign.starts_on, Campaign.ends_on, Campaign.status,
               Campaign.is_public)
    digest = hashlib.sha256()
    for row in db.session.execute(select(*columns).order_by(Campaign.id)):
        digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Subjects:
    """What the benchmark measures: the public active campaign with most gifts (its page, and where
    the load test logs gifts) and the country with most gifts (its dashboard)."""

    campaign_id: int
    campaign_gifts: int
    campaign_currency: str
    campaign_starts_on: dt.date
    organisation_id: int
    country_code: str
    country_gifts: int

    @property
    def pages(self) -> dict[str, str]:
        return {"everywhere": f"/dashboards/{WORLD_CODE}", "country": f"/dashboards/{self.country_code}",
                "campaign": f"/campaigns/{self.campaign_id}"}


def choose_subjects() -> Subjects:
    """Read from the donations themselves, so the choice does not depend on any rollup."""
    gifts = func.count(Donation.id)
    campaign_id, campaign_gifts = db.session.execute(
        select(Donation.campaign_id, gifts).join(Campaign, Campaign.id == Donation.campaign_id)
        .where(Campaign.is_public.is_(True), Campaign.status == CampaignStatus.ACTIVE)  # public, and open to gifts
        .group_by(Donation.campaign_id)
        .order_by(gifts.desc(), Donation.campaign_id).limit(1)).one()
    country_code, country_gifts = db.session.execute(
        select(Place.country_code, gifts).join(Campaign, Campaign.id == Donation.campaign_id)
        .join(Place, Place.id == Campaign.city_id).group_by(Place.country_code)
        .order_by(gifts.desc(), Place.country_code).limit(1)).one()
    campaign = db.session.get(Campaign, campaign_id)
    return Subjects(campaign_id=campaign_id, campaign_gifts=campaign_gifts, campaign_currency=campaign.currency,
                    campaign_starts_on=campaign.starts_on, organisation_id=campaign.organisation_id,
                    country_code=country_code, country_gifts=country_gifts)
