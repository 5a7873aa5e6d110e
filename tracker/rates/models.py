"""Exchange rates beyond the ECB history shipped with the app: fetched ECB days and admins' entries.

Rates are history: a row is never changed or deleted. A correction is a new row; for a (currency,
day) an ECB row counts first, then the newest admin entry. The id orders the rows, so the rollup
layer can say which rows a campaign's figures are converted with (rollups' `rates_through`).
"""
from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text, TypeDecorator
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.accounts.models import User
from tracker.extensions import db, str_enum


class ExactDecimal(TypeDecorator):
    """A Decimal stored as text: SQLite would turn NUMERIC into a float."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else str(Decimal(value))

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(value)


class RateOrigin(enum.StrEnum):
    ECB = "ecb"  # read from the ECB's published history by `flask rates update`
    ADMIN = "admin"  # entered by an administrator, with a source


class ExchangeRate(db.Model):
    """Units of `currency` per euro on `day`, with where it came from, who entered it and when."""

    __tablename__ = "exchange_rates"
    __table_args__ = (Index("ix_exchange_rates_currency_day", "currency", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3))
    day: Mapped[dt.date] = mapped_column(Date)
    per_eur: Mapped[Decimal] = mapped_column(ExactDecimal)
    origin: Mapped[RateOrigin] = mapped_column(str_enum(RateOrigin, 8), default=RateOrigin.ADMIN,
                                               server_default=RateOrigin.ADMIN.value)
    source: Mapped[str] = mapped_column(Text)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    entered_by: Mapped[User | None] = relationship()
