"""Converted rollups: what dashboards read.

Every figure here is a sum of rollup cells (tracker.donations.models.DonationCell), each converted
once at its day's rate, exactly as the one conversion rule says. They are kept in step with the
cells in the same transaction (tracker.figures.operations), so a dashboard reads a number of rows
that depends on places, days and campaigns, never on how many donations exist.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.donations.models import DonationStatus, GiftKind
from tracker.extensions import db, str_enum


class CampaignTotal(db.Model):
    """A campaign's converted cells, all days together, in one reporting currency (or its own).

    Keyed by currency first: a dashboard reads one currency's counted money rows of every campaign.
    """

    __tablename__ = "campaign_totals"

    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    kind: Mapped[GiftKind] = mapped_column(str_enum(GiftKind, 16), primary_key=True)
    status: Mapped[DonationStatus] = mapped_column(str_enum(DonationStatus, 16), primary_key=True)
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
    status: Mapped[DonationStatus] = mapped_column(str_enum(DonationStatus, 16), primary_key=True)
    kind: Mapped[GiftKind] = mapped_column(str_enum(GiftKind, 16), primary_key=True)
    gift_count: Mapped[int] = mapped_column(Integer, default=0)
    amount_minor: Mapped[int] = mapped_column(BigInteger, default=0)


class RegionFigure(db.Model):
    """The converted cells of a place's campaigns (city, subdivision, country, everywhere) per day.

    Each cell counts twice, once under facet "currency" (value: its currency, with its native
    amount) and once under facet "method" (value: the payment method); either facet summed gives
    the region's total. `public` splits off campaigns that public pages may show.
    """

    __tablename__ = "region_figures"

    # Key order follows the reads: one place, one currency, one facet, money or in kind, some statuses.
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    facet: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[GiftKind] = mapped_column(str_enum(GiftKind, 16), primary_key=True)
    status: Mapped[DonationStatus] = mapped_column(str_enum(DonationStatus, 16), primary_key=True)
    public: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    value: Mapped[str] = mapped_column(String(32), primary_key=True)
    gift_count: Mapped[int] = mapped_column(Integer, default=0)
    amount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    native_minor: Mapped[int] = mapped_column(BigInteger, default=0)  # facet "currency" only


class UnconvertedCell(db.Model):
    """Gifts left out of a currency's figures because a rate is missing, so pages can say which."""

    __tablename__ = "unconverted_cells"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)  # the figures' currency
    missing_currency: Mapped[str] = mapped_column(String(3), primary_key=True)  # whose rate is missing
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    gift_count: Mapped[int] = mapped_column(Integer, default=0)
