from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.accounts.models import User
from tracker.campaigns.models import Campaign
from tracker.extensions import db, str_enum


class GiftKind(enum.StrEnum):
    MONEY = "money"
    IN_KIND = "in_kind"


class Method(enum.StrEnum):
    CASH = "cash"
    BANK_TRANSFER = "bank_transfer"
    CARD = "card"
    ONLINE_PLATFORM = "online_platform"
    CHEQUE = "cheque"
    OTHER = "other"


class DonationStatus(enum.StrEnum):
    PLEDGED = "pledged"
    RECEIVED = "received"
    VERIFIED = "verified"
    VOID = "void"


class Takings(enum.StrEnum):
    """What money taken at a charity evening paid for: its account shows the takings by these."""

    TICKETS = "tickets"
    MEALS = "meals"
    AUCTION = "auction"
    DONATIONS = "donations"


# What dashboards count as raised unless the viewer filters otherwise.
COUNTED_STATUSES = (DonationStatus.RECEIVED, DonationStatus.VERIFIED)


class Donation(db.Model):
    """The current state of one gift. Earlier states are kept in DonationRevision."""

    __tablename__ = "donations"
    # A new gift is compared with its campaign's gifts of the same day (donations.similar).
    __table_args__ = (Index("ix_donations_campaign_id_received_on", "campaign_id", "received_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    kind: Mapped[GiftKind] = mapped_column(str_enum(GiftKind, 16))
    # Money: the amount given. In kind: the estimated value (0 when nobody estimated it).
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    item: Mapped[str | None] = mapped_column(String(200))
    quantity: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str | None] = mapped_column(String(40))
    received_on: Mapped[dt.date] = mapped_column(Date)
    method: Mapped[Method] = mapped_column(str_enum(Method, 32))
    takings: Mapped[Takings | None] = mapped_column(str_enum(Takings, 16))  # charity evenings only
    donor_name: Mapped[str | None] = mapped_column(String(200))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    donor_contact: Mapped[str | None] = mapped_column(String(254))  # private: never on a public page
    status: Mapped[DonationStatus] = mapped_column(str_enum(DonationStatus, 16), index=True)
    void_reason: Mapped[str | None] = mapped_column(Text)
    receipt_code: Mapped[str] = mapped_column(String(32), unique=True)
    # Set by the form when it is drawn: a second submission of the same form is the same gift.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    logged_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    logged_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    verified_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    campaign: Mapped[Campaign] = relationship()
    logged_by: Mapped[User] = relationship(foreign_keys=[logged_by_id])
    verified_by: Mapped[User | None] = relationship(foreign_keys=[verified_by_id])
    revisions: Mapped[list[DonationRevision]] = relationship(
        back_populates="donation", order_by="DonationRevision.number", cascade="all, delete-orphan")


class DonationRevision(db.Model):
    """A donation as it was before a correction, a void or a status change."""

    __tablename__ = "donation_revisions"
    __table_args__ = (UniqueConstraint("donation_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    donation_id: Mapped[int] = mapped_column(ForeignKey("donations.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[str] = mapped_column(Text)  # JSON of the fields before the change
    reason: Mapped[str] = mapped_column(Text)
    changed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    donation: Mapped[Donation] = relationship(back_populates="revisions")
    changed_by: Mapped[User] = relationship()
