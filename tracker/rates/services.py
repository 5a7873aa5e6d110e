"""The rate book: ECB history shipped with the app, completed by rates admins entered."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from flask import g, has_request_context
from sqlalchemy import select

from tracker import money
from tracker.accounts.models import User
from tracker.extensions import db
from tracker.figures import operations as figures
from tracker.rates.models import ExchangeRate


class RateError(ValueError):
    def __init__(self, code: str, field: str | None = None, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


def _entered_rates() -> dict[str, dict[dt.date, Decimal]]:
    rows = db.session.execute(select(ExchangeRate.currency, ExchangeRate.day, ExchangeRate.per_eur))
    entered: dict[str, dict[dt.date, Decimal]] = {}
    for currency, day, per_eur in rows:
        entered.setdefault(currency, {})[day] = per_eur
    return entered


def rate_book() -> money.RateBook:
    """One book per request: admin rates are read once, ECB rates once per process."""
    if has_request_context():
        if "rate_book" not in g:
            g.rate_book = money.RateBook(extra=_entered_rates())
        return g.rate_book
    return money.RateBook(extra=_entered_rates())


def forget_cached_book() -> None:
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


def add_rate(actor: User, currency: str, day: dt.date | None, per_eur_text: str, source: str) -> ExchangeRate:
    """Add (or replace) the rate of `currency` on `day`; the ECB's own rate still wins where it has one."""
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
    before = rate_book()
    rate = db.session.scalar(select(ExchangeRate).where(ExchangeRate.currency == currency, ExchangeRate.day == day))
    if rate is None:
        rate = ExchangeRate(currency=currency, day=day)
        db.session.add(rate)
    rate.per_eur, rate.source = per_eur, source[:500]
    rate.entered_by_id = actor.id if actor is not None else None
    rate.entered_at = dt.datetime.now(dt.UTC)
    db.session.flush()
    forget_cached_book()
    # Gifts converted at the old rate (or left out for want of one) now count at the new one.
    figures.rate_changed(currency, day, before, rate_book())
    return rate


def ecb_has(currency: str, day: dt.date) -> bool:
    """Whether the ECB published `currency` on exactly `day` (its rate then overrides an entered one)."""
    return day in money.ecb_rates().get(currency, {})


def entered_rates(limit: int = 200) -> list[ExchangeRate]:
    return list(db.session.scalars(
        select(ExchangeRate).order_by(ExchangeRate.day.desc(), ExchangeRate.currency).limit(limit)))


def last_ecb_day() -> dt.date:
    return max(max(days) for days in money.ecb_rates().values())
