"""Settings. Nothing here reads the environment at import: `load_config` does, inside the factory."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path


class Defaults:
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    WTF_CSRF_TIME_LIMIT = 8 * 3600  # a charity evening lasts hours; the login session outlives a token
    MAX_CONTENT_LENGTH = 1024 * 1024  # no form of ours needs more than 1 MB
    IMPORT_MAX_BYTES = 20 * 1024 * 1024  # the upload of a platform export; larger files go through `flask imports run`
    IMPORT_BACKGROUND_BYTES = 2 * 1024 * 1024  # an upload larger than this is stored by a background job
    JOB_KEY_PREFIX = "samaki:job:"  # where a job's state is kept in Redis
    DOCUMENT_MAX_BYTES = 10 * 1024 * 1024  # a transfer's proof, an acknowledgement, a cost's evidence
    DOCUMENT_FOLDER = None  # where proofs are kept; by default instance/documents
    LARGE_BODY_ENDPOINTS = {"imports.new": "IMPORT_MAX_BYTES", "statements.new": "IMPORT_MAX_BYTES",
                            "ledger.add_cost": "DOCUMENT_MAX_BYTES", "ledger.add_transfer": "DOCUMENT_MAX_BYTES",
                            "ledger.acknowledge": "DOCUMENT_MAX_BYTES"}  # routes that take files, and their limit's setting
    MAX_FORM_MEMORY_SIZE = 64 * 1024  # a single text field over 64 KB is refused
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_DURATION = dt.timedelta(days=30)  # "keep me signed in" lasts a month, not a year
    PROXY_FIX = None  # e.g. {"x_for": 1, "x_proto": 1} behind one reverse proxy that sets those headers
    # Failed sign-ins per account and per address, and receipt checks per address (Flask-Limiter
    # notation). An account locked by a burst of wrong passwords opens again when its window passes.
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    LOGIN_LIMIT_PER_ADDRESS = "50 per 15 minutes"
    RECEIPT_LIMIT_PER_ADDRESS = "30 per minute"
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_HEADERS_ENABLED = True  # Retry-After tells a refused client when to come back
    RATELIMIT_KEY_PREFIX = "samaki-limits"
    LANGUAGES = ("en", "fr", "km")
    DEFAULT_REPORTING_CURRENCY = "EUR"
    REDIS_URL = None  # set (or REDIS_URL in the environment) to share page caches across workers and hosts
    PAGE_CACHE_PREFIX = "samaki:page:"
    # Scheme and host of the addresses a shared campaign page gives (canonical, Open Graph), e.g.
    # "https://samaki.example.org"; unset: the host each request came to (see also Flask's TRUSTED_HOSTS).
    PUBLIC_BASE_URL = None
    ECB_RATES_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"
    RATE_CONVERSION_WAIT = False  # True: a request that adds rates returns once figures are converted
    # Donors' receipts by mail (tracker.mail): off while MAIL_SERVER is empty. Port 587 with STARTTLS
    # by default; MAIL_USE_SSL for a server that speaks TLS from the start (port 465).
    MAIL_SERVER = ""
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USE_SSL = False
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_FROM = ""  # the sender donors see, e.g. "Samaki Tracker <receipts@example.org>"; needed to send
    MAIL_TIMEOUT = 10  # seconds: a server that does not answer delays the volunteer's screen this long at most


# Text settings taken from the environment exactly as written, never read as JSON.
VERBATIM_SETTINGS = ("MAIL_SERVER", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_FROM")


def load_config(app, overrides: dict | None = None) -> None:
    """Defaults, then TRACKER_* environment variables, then explicit overrides (tests)."""
    app.config.from_object(Defaults)
    app.config.from_prefixed_env("TRACKER")
    for name in VERBATIM_SETTINGS:  # from_prefixed_env reads JSON: a password of digits would become a number
        if f"TRACKER_{name}" in os.environ:
            app.config[name] = os.environ[f"TRACKER_{name}"]
    if overrides:
        app.config.update(overrides)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        url = app.config.get("DATABASE_URL") or os.environ.get("DATABASE_URL")
        if not url:
            Path(app.instance_path).mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{Path(app.instance_path) / 'tracker.sqlite'}"
        app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_url(url)
    if not app.config.get("REDIS_URL") and os.environ.get("REDIS_URL"):
        app.config["REDIS_URL"] = os.environ["REDIS_URL"]
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"] or "memory://")
    if "REMEMBER_COOKIE_SECURE" not in app.config:
        app.config["REMEMBER_COOKIE_SECURE"] = bool(app.config.get("SESSION_COOKIE_SECURE"))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))


def _normalise_url(url: str) -> str:
    # psycopg 3 is the driver we install; accept the common spellings of a PostgreSQL URL.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _instance_secret(instance: Path) -> str:
    """A secret kept in instance/ (never committed), made on first start."""
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
