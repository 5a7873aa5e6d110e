"""The rate book: the ECB history shipped with the app, completed by the rates table (fetched ECB
days and admins' entries). Rows are only ever added; each addition is announced so the rollup
layer converts what it touches."""

from __future__ import annotations

import datetime as dt
import functools
import re
import threading
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from flask import current_app, g, has_request_context
from sqlalchemy import bindparam, event, func, insert, select, text

from tracker import money, signals
from tracker.audit import trail
from tracker.extensions import db
from tracker.rates.models import ExchangeRate, RateOrigin

# A currency whose newest rate is older than this is flagged on the rates page.
STALE_AFTER = dt.timedelta(days=4)
MAX_SOURCE_LENGTH = 500  # the column's size: a longer source is refused, never cut


class RateError(ValueError):
    def __init__(self, code: str, field: str | None = None, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


@dataclass
class _Rows:
    """The rates table as last read by this process. Rows are never changed, so only newer ids are
    read again; the newest row's entry time tells whether the table was emptied and refilled."""

    rows: list[tuple[int, str, dt.date, Decimal, str]] = field(default_factory=list)
    newest: tuple[int, dt.datetime] | None = None
    books: dict[int, money.RateBook] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _cache() -> _Rows:
    return current_app.extensions.setdefault("rate_rows", _Rows())


_COLUMNS = (ExchangeRate.id, ExchangeRate.currency, ExchangeRate.day, ExchangeRate.per_eur, ExchangeRate.origin,
            ExchangeRate.entered_at)


@functools.cache
def _rows_from():
    """The rows from an id on, oldest first. Built once: every gift's transaction runs it."""
    return select(*_COLUMNS).where(ExchangeRate.id >= bindparam("since")).order_by(ExchangeRate.id)


def _read_into(cache: _Rows, since: int) -> None:
    fresh = db.session.execute(_rows_from(), {"since": since + 1}).all()
    if fresh:
        cache.rows.extend((row[0], row[1], row[2], row[3], row[4]) for row in fresh)
        cache.newest = (fresh[-1][0], fresh[-1][5])


def _refresh(force: bool = False) -> _Rows:
    """The cache brought up to date with one query, at most once per transaction unless forced.

    A transaction that added rows reads them into a copy of its own: the process-wide cache only
    ever holds committed rows, which every other thread may build books from.
    """
    session = db.session()
    private = session.info.get("rates_private")
    if private is not None:
        _read_into(private, private.newest[0] if private.newest else 0)
        return private
    cache = _cache()
    transaction = session.get_transaction()
    if not force and transaction is not None and session.info.get("rates_read_in") is transaction:
        return cache
    with cache.lock:
        since = cache.newest[0] if cache.newest else 0
        fresh = db.session.execute(_rows_from(), {"since": since}).all()
        if cache.newest is not None and (not fresh or (fresh[0][0], fresh[0][5]) != cache.newest):
            # The newest row read before is gone or another: the table was emptied and refilled.
            cache.rows, cache.newest, cache.books = [], None, {}
            fresh = db.session.execute(select(*_COLUMNS).order_by(ExchangeRate.id)).all()
        elif cache.newest is not None:
            fresh = fresh[1:]
        if fresh:
            cache.rows.extend((row[0], row[1], row[2], row[3], row[4]) for row in fresh)
            cache.newest = (fresh[-1][0], fresh[-1][5])
    session.info["rates_read_in"] = session.get_transaction()
    return cache


def _adding_rows() -> None:
    """This transaction adds rows: from now until it ends, it reads rates into a private copy."""
    session = db.session()
    if "rates_private" in session.info:
        return
    shared = _refresh(force=True)
    with shared.lock:
        session.info["rates_private"] = _Rows(rows=list(shared.rows), newest=shared.newest)

    def _forget(ended, *_args) -> None:
        ended.info.pop("rates_private", None)
        ended.info.pop("rates_read_in", None)

    event.listen(session, "after_commit", _forget, once=True)
    event.listen(session, "after_rollback", _forget, once=True)


def latest_id(fresh: bool = False) -> int:
    """The newest row of the rates table (0 when it is empty): what new figures are converted with."""
    newest = _refresh(force=fresh).newest
    return newest[0] if newest else 0


def book_through(rate_id: int) -> money.RateBook:
    """The book made of the shipped ECB history and the table's rows up to `rate_id`.

    For a (currency, day), an ECB row counts first, then the newest admin entry.
    """
    cache = _refresh()
    if rate_id > (cache.newest[0] if cache.newest else 0):
        # A campaign moved to rates committed since this transaction first read them (by another
        # worker or host): read them now, the book must hold every row up to `rate_id`.
        cache = _refresh(force=True)
    with cache.lock:
        book = cache.books.get(rate_id)
        if book is None:
            chosen: dict[tuple[str, dt.date], tuple[int, int, Decimal]] = {}
            for row_id, currency, day, per_eur, origin in cache.rows:
                if row_id > rate_id:
                    break
                rank = (1 if origin == RateOrigin.ECB else 0, row_id)
                if (currency, day) not in chosen or rank > chosen[(currency, day)][:2]:
                    chosen[(currency, day)] = (*rank, per_eur)
            extra: dict[str, dict[dt.date, Decimal]] = {}
            for (currency, day), (_, _, per_eur) in chosen.items():
                extra.setdefault(currency, {})[day] = per_eur
            book = money.RateBook(extra=extra)
            if len(cache.books) > 8:
                cache.books.clear()
            cache.books[rate_id] = book
        return book


def rate_book() -> money.RateBook:
    """The newest book, once per request."""
    if has_request_context():
        if "rate_book" not in g:
            g.rate_book = book_through(latest_id())
        return g.rate_book
    return book_through(latest_id())


def _forget_request_book() -> None:
    if has_request_context():
        g.pop("rate_book", None)


MAX_PER_EUR = Decimal(10) ** 9
_RATE_GROUP_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_RATE_TEXT = re.compile(r"^[0-9]+([.,][0-9]+)?$")


def parse_rate(text: str) -> Decimal:
    """Units per euro as typed: 4700, 4 700, 1.1702 or 1,1702 (a decimal comma).

    A lone comma before exactly three digits (4,700) could be a thousands separator or a decimal
    comma, a thousandfold difference: it is refused rather than guessed.
    """
    raw = (text or "").strip()
    compact = _RATE_GROUP_SPACES.sub("", raw)
    if not compact:
        raise RateError("rate_required", "per_eur")
    if compact.startswith(("-", "\u2212")):
        raise RateError("rate_invalid", "per_eur", text=raw)
    if not _RATE_TEXT.match(compact) or len(compact) > 30:
        raise RateError("rate_invalid", "per_eur", text=raw)
    whole, comma, fraction = compact.partition(",")
    if comma and len(fraction) == 3:
        raise RateError("rate_ambiguous", "per_eur", text=raw, whole=whole + fraction, decimal=f"{whole}.{fraction}")
    try:
        per_eur = Decimal(compact.replace(",", "."))
    except InvalidOperation:
        raise RateError("rate_invalid", "per_eur", text=raw)
    if per_eur <= 0 or per_eur > MAX_PER_EUR:
        raise RateError("rate_out_of_range", "per_eur", text=raw)
    return per_eur


RATE_WRITES_LOCK = 72_530_725  # a PostgreSQL advisory lock key: rate rows are added one transaction at a time


def _serialise_rate_writes() -> None:
    """Rows must be committed in id order: readers fetch only ids past the newest they hold, and a
    campaign converted "through" an id must find every row below it. SQLite has one writer anyway."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RATE_WRITES_LOCK})


def _announce(since_id: int, added: list[tuple[str, dt.date]]) -> None:
    _forget_request_book()
    signals.announce(signals.rates_added, since_id=since_id, added=sorted(set(added)))


def add_rate(actor, currency: str, day: dt.date | None, per_eur_text: str, source: str) -> ExchangeRate:
    """An admin's rate for `currency` on `day`: a new row, never a change to an older one.

    The newest admin entry for a day counts, unless the ECB published that day (its rate counts first).
    """
    currency = (currency or "").strip().upper()
    if currency == money.BASE_CURRENCY:
        raise RateError("currency_is_base", "currency", currency=currency)
    if not money.is_currency(currency):
        raise RateError("currency_unknown", "currency", currency=currency)
    if day is None:
        raise RateError("date_required", "day")
    if day > dt.date.today():
        raise RateError("date_in_future", "day", day=day.isoformat())
    per_eur = parse_rate(per_eur_text)
    source = " ".join((source or "").split())
    if not source:
        raise RateError("source_required", "source")
    if len(source) > MAX_SOURCE_LENGTH:
        raise RateError("source_too_long", "source", length=MAX_SOURCE_LENGTH)
    _serialise_rate_writes()
    _adding_rows()
    since = latest_id()
    rate = ExchangeRate(currency=currency, day=day, per_eur=per_eur, origin=RateOrigin.ADMIN, source=source,
                        entered_by_id=actor.id if actor is not None else None, entered_at=dt.datetime.now(dt.UTC))
    db.session.add(rate)
    db.session.flush()
    trail.record("rate.added", "rate", rate.id, after={"currency": currency, "day": day, "per_eur": per_eur,
                                                       "source": rate.source}, actor=actor)
    _announce(since, [(currency, day)])
    return rate


def add_ecb_rates(new: dict[str, dict[dt.date, Decimal]], source: str) -> int:
    """Store ECB days not held yet (shipped or fetched); returns how many rates were added."""
    _serialise_rate_writes()
    _adding_rows()
    held = {(currency, day) for currency, day in db.session.execute(
        select(ExchangeRate.currency, ExchangeRate.day).where(ExchangeRate.origin == RateOrigin.ECB))}
    shipped = money.ecb_rates()
    now = dt.datetime.now(dt.UTC)
    rows = [{"currency": currency, "day": day, "per_eur": per_eur, "origin": RateOrigin.ECB, "source": source[:500],
             "entered_by_id": None, "entered_at": now}
            for currency in sorted(new) for day, per_eur in sorted(new[currency].items())
            if day not in shipped.get(currency, {}) and (currency, day) not in held]
    since = latest_id()
    if rows:
        db.session.execute(insert(ExchangeRate), rows)
        db.session.flush()
        days = sorted(row["day"] for row in rows)
        trail.record("rates.imported", "rate", None, after={"rates": len(rows), "from": days[0], "to": days[-1],
                                                            "source": source[:500]})
    # Announced even when nothing is new, so a conversion left unfinished earlier resumes.
    _announce(since, [(row["currency"], row["day"]) for row in rows])
    return len(rows)


def known_ecb_rates() -> dict[str, dict[dt.date, Decimal]]:
    """Every ECB rate held: shipped and fetched (for plausibility checks of a new file)."""
    known = {currency: dict(days) for currency, days in money.ecb_rates().items()}
    for currency, day, per_eur in db.session.execute(
            select(ExchangeRate.currency, ExchangeRate.day, ExchangeRate.per_eur)
            .where(ExchangeRate.origin == RateOrigin.ECB)):
        known.setdefault(currency, {})[day] = per_eur
    return known


def ecb_has(currency: str, day: dt.date) -> bool:
    """Whether the ECB published `currency` on exactly `day` (its rate then counts before an entered one)."""
    if day in money.ecb_series(currency):
        return True
    return db.session.scalar(select(ExchangeRate.id).where(
        ExchangeRate.currency == currency, ExchangeRate.day == day, ExchangeRate.origin == RateOrigin.ECB)
        .limit(1)) is not None


def history(limit: int = 200) -> list[ExchangeRate]:
    """The admins' entries and fetched days, newest first."""
    return list(db.session.scalars(select(ExchangeRate).order_by(ExchangeRate.id.desc()).limit(limit)))


@dataclass(frozen=True)
class Freshness:
    currency: str
    last_day: dt.date
    stale: bool


def freshness(today: dt.date | None = None) -> list[Freshness]:
    """Each reporting currency's newest day with a rate (shipped, fetched or entered), oldest first."""
    today = today or dt.date.today()
    newest = dict(db.session.execute(select(ExchangeRate.currency, func.max(ExchangeRate.day))
                                     .group_by(ExchangeRate.currency)).tuples().all())
    result = []
    for currency in money.REPORTING_CURRENCIES:
        if currency == money.BASE_CURRENCY:
            continue
        shipped = money.ecb_series(currency).last()
        days = [day for day in (shipped[0] if shipped else None, newest.get(currency)) if day is not None]
        if days:
            last = max(days)
            result.append(Freshness(currency, last, today - last > STALE_AFTER))
    return sorted(result, key=lambda f: (f.last_day, f.currency))


def last_ecb_day() -> dt.date:
    shipped = max(series.last()[0] for series in money.ecb_rates().values() if series)
    fetched = db.session.scalar(select(func.max(ExchangeRate.day)).where(ExchangeRate.origin == RateOrigin.ECB))
    return max(shipped, fetched) if fetched else shipped
