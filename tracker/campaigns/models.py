from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, Text, and_
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db, str_enum
from tracker.organisations.models import Organisation
from tracker.places.models import Place


class CampaignKind(enum.StrEnum):
    ONLINE_FUNDRAISER = "online_fundraiser"
    MEDICINE_DRIVE = "medicine_drive"
    CLOTHING_DRIVE = "clothing_drive"
    CHARITY_EVENT = "charity_event"
    LIVESTREAM = "livestream"
    OTHER = "other"


class CampaignStatus(enum.StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    CLOSED = "closed"


class Campaign(db.Model):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("places.id"), index=True)
    kind: Mapped[CampaignKind] = mapped_column(str_enum(CampaignKind, 32))
    currency: Mapped[str] = mapped_column(String(3))
    goal_minor: Mapped[int | None] = mapped_column(BigInteger)  # in the campaign's currency
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[CampaignStatus] = mapped_column(str_enum(CampaignStatus, 16), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    is_public: Mapped[bool] = mapped_column(Boolean, default=True)
    # Where a reported figure comes from, when the campaign's total is cited rather than logged.
    source_note: Mapped[str] = mapped_column(Text, default="")
    # Moves on with every change to what the public campaign page shows (its gifts, its details, a
    # rate), so that page can be served from a cache keyed by it.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    organisation: Mapped[Organisation] = relationship()
    city: Mapped[Place] = relationship()
    recipients: Mapped[list[CampaignRecipient]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="CampaignRecipient.id")

    @hybrid_property
    def is_shown_publicly(self) -> bool:
        """Public pages show it and count it in their totals: the one definition, in Python and in SQL."""
        return self.is_public and self.status is not CampaignStatus.DRAFT

    @is_shown_publicly.inplace.expression
    @classmethod
    def _is_shown_publicly_expression(cls):
        return and_(cls.is_public.is_(True), cls.status != CampaignStatus.DRAFT)

    def __repr__(self) -> str:
        return f"<Campaign {self.name}>"


class CampaignRecipient(db.Model):
    """An NGO that receives a campaign's funds, with an optional intended share in basis points."""

    __tablename__ = "campaign_recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"), index=True)
    ngo_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    share_basis_points: Mapped[int | None] = mapped_column(Integer)  # 10000 = 100 %

    campaign: Mapped[Campaign] = relationship(back_populates="recipients")
    ngo: Mapped[Organisation] = relationship()
