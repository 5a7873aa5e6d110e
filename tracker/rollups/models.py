"""Rollup cells and their converted figures: what dashboards and public pages read.

Every figure is a sum of rollup cells, each converted once at its day's rate, exactly as the one
conversion rule says (tracker.money). Only the rollup layer writes these tables.

Cells hold every movement of a campaign's money: gifts (kind money or in kind, a gift's status and
method) and, under kinds of their own, costs (status recorded, "method" the cost's category),
transfers to NGOs and pass-throughs (a transfer's status and method). So all of them are converted,
re-converted when rates arrive, moved with their campaign and checked by one code path.
"""

from __future__ import annotations

import datetime as dt

import enum

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from tracker.donations.models import DonationStatus, GiftKind, Method
from tracker.extensions import db, str_enum
from tracker.ledger.models import CostCategory, CostStatus, FlowKind, TransferStatus


class _OneOf(TypeDecorator):
    """A VARCHAR holding a member of one of several StrEnums, read back as that member (the first
    enum that has the value), so `kind is GiftKind.MONEY` holds for gifts' cells as for gifts."""

    impl = String
    cache_ok = True

    def __init__(self, *enums: type[enum.StrEnum], length: int) -> None:
        super().__init__(length)
        self.enums = enums

    def process_bind_param(self, value, dialect):
        return None if value is None else str(value)

    def process_result_value(self, value, dialect):
        for enum_class in self.enums:
            if value in enum_class._value2member_map_:
                return enum_class(value)
        return value


def _kinds():
    return _OneOf(GiftKind, FlowKind, length=16)


def _statuses():
    return _OneOf(DonationStatus, CostStatus, TransferStatus, length=16)


def _methods():
    return _OneOf(Method, CostCategory, length=32)

CELL_KEY = ("campaign_id", "day", "currency", "kind", "status", "method")
IN_KIND_KEY = ("campaign_id", "item", "unit", "status")


class DonationCell(db.Model):
    """Gifts per (campaign, day, currency, kind, status, method), in native minor units: the unit of conversion."""

    __tablename__ = "donation_cells"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    kind: Mapped[GiftKind | FlowKind] = mapped_column(_kinds(), primary_key=True)
    status: Mapped[DonationStatus | CostStatus | TransferStatus] = mapped_column(_statuses(), primary_key=True)
    method: Mapped[Method | CostCategory] = mapped_column(_methods(), primary_key=True)
    gift_count: Mapped[int] = mapped_column(Integer, default=0)
    amount_minor: Mapped[int] = mapped_column(BigInteger, default=0)


class InKindCell(db.Model):
    """In-kind gifts per (campaign, item, unit, status); item and unit folded by `fold_text`."""

    __tablename__ = "in_kind_cells"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    item: Mapped[str] = mapped_column(String(200), primary_key=True)
    unit: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[DonationStatus] = mapped_column(str_enum(DonationStatus, 16), primary_key=True)
    gift_count: Mapped[int] = mapped_column(Integer, default=0)
    quantity: Mapped[int] = mapped_column(BigInteger, default=0)


class CampaignTotal(db.Model):
    """A campaign's converted cells, all days together, in one reporting currency (or its own)."""

    __tablename__ = "campaign_totals"

    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    kind: Mapped[GiftKind | FlowKind] = mapped_column(_kinds(), primary_key=True)
    status: Mapped[DonationStatus | CostStatus | TransferStatus] = mapped_column(_statuses(), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    gift_count: Mapped[int] = mapped_column(Integer, default=0)
    amount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    first_days_minor: Mapped[int] = mapped_column(BigInteger, default=0)  # cells of the first three days


class CampaignDay(db.Model):
    """A campaign's converted cells of one day: its daily chart and date-filtered lines."""

    __tablename__ = "campaign_days"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    status: Mapped[DonationStatus | CostStatus | TransferStatus] = mapped_column(_statuses(), primary_key=True)
    kind: Mapped[GiftKind | FlowKind] = mapped_column(_kinds(), primary_key=True)
    gift_count: Mapped[int] = mapped_column(Integer, default=0)
    amount_minor: Mapped[int] = mapped_column(BigInteger, default=0)


class RegionFigure(db.Model):
    """The converted cells of a place's campaigns (city, subdivision, country, everywhere) per day.

    Each cell counts twice, once under facet "currency" (value: its currency, with its native
    amount) and once under facet "method" (value: the payment method); either facet summed gives
    the region's total. `public` splits off campaigns that public pages may show.
    """

    __tablename__ = "region_figures"

    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    facet: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[GiftKind | FlowKind] = mapped_column(_kinds(), primary_key=True)
    status: Mapped[DonationStatus | CostStatus | TransferStatus] = mapped_column(_statuses(), primary_key=True)
    public: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    value: Mapped[str] = mapped_column(String(32), primary_key=True)
    gift_count: Mapped[int] = mapped_column(Integer, default=0)
    amount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    native_minor: Mapped[int] = mapped_column(BigInteger, default=0)  # facet "currency" only


class AwaitingRate(db.Model):
    """Gifts left out of a currency's converted figures until a rate arrives: counted, never lost.

    Per campaign, figures' currency, day and the gift's own currency, with the native amount; `missing`
    names the currency whose rate is missing (the gift's, or the figures' own).
    """

    __tablename__ = "awaiting_rates"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    kind: Mapped[GiftKind | FlowKind] = mapped_column(_kinds(), primary_key=True)
    status: Mapped[DonationStatus | CostStatus | TransferStatus] = mapped_column(_statuses(), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    gift_currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    missing: Mapped[str] = mapped_column(String(3), primary_key=True)
    gift_count: Mapped[int] = mapped_column(Integer, default=0)
    native_minor: Mapped[int] = mapped_column(BigInteger, default=0)


class CampaignFigureState(db.Model):
    """Per campaign: a version that moves with every change to its figures (cache keys), and the
    newest rate entry its figures are converted with. Writers lock this row first, in id order."""

    __tablename__ = "campaign_figure_states"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    rates_through: Mapped[int] = mapped_column(Integer, default=0)  # exchange_rates.id; 0: shipped rates only


class PlaceFigureVersion(db.Model):
    """Moves with every change to a place's figures, so its public page can be cached by it."""

    __tablename__ = "place_figure_versions"

    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
