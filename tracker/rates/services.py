"""The rate book: ECB history shipped with the app, completed by rates admins entered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from flask import g, has_request_context
from sqlalchemy import select

from tracker import money
from tracker.accounts.models import User
from tracker.extensions import db
from tracker.rates.models import ExchangeRate


class RateError(ValueError):
    def __init__(self, code: str, field: str | None = None, **params: object) -> None:
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


def add_rate(actor: User, currency: str, day: dt.date | None, per_eur_text: str, source: str) -> ExchangeRate:
    currency = (currency or "").strip().upper()
    if not money.is_currency(currency) or currency == money.BASE_CURRENCY:
        raise RateError("currency_unknown", "currency", currency=currency)
    if day is None:
        raise RateError("date_required", "day")
    try:
        per_eur = Decimal((per_eur_text or "").strip().replace(",", "."))
    except InvalidOperation:
        raise RateError("rate_invalid", "per_eur")
    if not per_eur.is_finite() or per_eur <= 0 or per_eur > Decimal(10) ** 9:
        raise RateError("rate_invalid", "per_eur")
    source = " ".join((source or "").split())
    if not source:
        raise RateError("source_required", "source")
    rate = db.session.scalar(select(ExchangeRate).where(ExchangeRate.currency == currency, ExchangeRate.day == day))
    if rate is None:
        rate = ExchangeRate(currency=currency, day=day)
        db.session.add(rate)
    rate.per_eur, rate.source = per_eur, source[:500]
    rate.entered_by_id = actor.id if actor is not None else None
    rate.entered_at = dt.datetime.now(dt.UTC)
    db.session.flush()
    forget_cached_book()
    return rate


def entered_rates(limit: int = 200) -> list[ExchangeRate]:
    return list(db.session.scalars(
        select(ExchangeRate).order_by(ExchangeRate.day.desc(), ExchangeRate.currency).limit(limit)))


def last_ecb_day() -> dt.date:
    return max(max(days) for days in money.ecb_rates().values())
