"""Costs, transfers and claims: the entries that make a campaign's figures an account.

Each cost and each transfer that is not void adds to the rollup cells under a kind of its own
(`FlowKind`), beside the gifts, so its figures are converted, kept and checked by the same rules.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.accounts.models import User
from tracker.campaigns.models import Campaign
from tracker.donations.models import Method
from tracker.extensions import db, str_enum
from tracker.organisations.models import Organisation


class FlowKind(enum.StrEnum):
    """What a cell of money leaving or moving between campaigns holds (gifts are GiftKind)."""

    COST = "cost"
    TRANSFER = "transfer"  # to a recipient NGO, counted on the sending campaign
    PASSED_OUT = "passed_out"  # to a federation's campaign, counted on the sending campaign
    PASSED_IN = "passed_in"  # the same money, counted on the receiving campaign


class CostCategory(enum.StrEnum):
    PLATFORM_FEE = "platform_fee"
    BANK_FEE = "bank_fee"
    VENUE = "venue"
    FOOD = "food"
    TRANSPORT = "transport"
    OTHER = "other"


class CostStatus(enum.StrEnum):
    RECORDED = "recorded"
    VOID = "void"


class TransferStatus(enum.StrEnum):
    PLANNED = "planned"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    VOID = "void"


# Transfers that count as money gone from the sending campaign.
MOVED_STATUSES = (TransferStatus.SENT, TransferStatus.ACKNOWLEDGED)


class Document(db.Model):
    """A proof or an acknowledgement: a PDF or an image, stored outside the web root by its digest."""

    __tablename__ = "ledger_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Cost(db.Model):
    """Money a campaign spent: a platform's or bank's fee, an evening's venue or food."""

    __tablename__ = "costs"
    __table_args__ = (CheckConstraint("amount_minor > 0", name="amount_positive"),
                      UniqueConstraint("import_batch_id", "incurred_on", "currency"))

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    category: Mapped[CostCategory] = mapped_column(str_enum(CostCategory, 32))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    incurred_on: Mapped[dt.date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_documents.id"))
    status: Mapped[CostStatus] = mapped_column(str_enum(CostStatus, 16), default=CostStatus.RECORDED)
    void_reason: Mapped[str | None] = mapped_column(Text)
    # A platform's fees on one day of an imported file: the file's records hold each fee.
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    campaign: Mapped[Campaign] = relationship()
    evidence: Mapped[Document | None] = relationship()


class Transfer(db.Model):
    """Money passed on: to one of the campaign's recipient NGOs, or through to a federation's campaign.

    `sent_*` is what left, in the sending campaign's books; `received_*` what arrived, when it differs
    (euros sent, riels or dollars received). A pass-through counts on the receiving campaign as what
    arrived, on the day it was sent.
    """

    __tablename__ = "transfers"
    __table_args__ = (
        CheckConstraint("sent_minor > 0", name="sent_positive"),
        CheckConstraint("received_minor IS NULL OR received_minor > 0", name="received_positive"),
        CheckConstraint("(recipient_id IS NULL) <> (to_campaign_id IS NULL)", name="one_destination"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    to_campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"), index=True)
    sent_minor: Mapped[int] = mapped_column(BigInteger)
    sent_currency: Mapped[str] = mapped_column(String(3))
    sent_on: Mapped[dt.date] = mapped_column(Date)
    received_minor: Mapped[int | None] = mapped_column(BigInteger)
    received_currency: Mapped[str | None] = mapped_column(String(3))
    method: Mapped[Method] = mapped_column(str_enum(Method, 32))
    reference: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[TransferStatus] = mapped_column(str_enum(TransferStatus, 16), index=True)
    proof_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_documents.id"))
    acknowledged_on: Mapped[dt.date | None] = mapped_column(Date)
    acknowledgement_reference: Mapped[str] = mapped_column(String(120), default="")
    acknowledgement_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_documents.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    void_reason: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    campaign: Mapped[Campaign] = relationship(foreign_keys=[campaign_id])
    to_campaign: Mapped[Campaign | None] = relationship(foreign_keys=[to_campaign_id])
    recipient: Mapped[Organisation | None] = relationship()
    proof: Mapped[Document | None] = relationship(foreign_keys=[proof_id])
    acknowledgement: Mapped[Document | None] = relationship(foreign_keys=[acknowledgement_id])
    recorded_by: Mapped[User] = relationship()

    @property
    def arrived_minor(self) -> int:
        return self.received_minor if self.received_minor is not None else self.sent_minor

    @property
    def arrived_currency(self) -> str:
        return self.received_currency or self.sent_currency


class Claim(db.Model):
    """A figure said in public about a campaign ("nearly €80,000 in under three days"), with its source."""

    __tablename__ = "claims"
    __table_args__ = (CheckConstraint("figure_minor > 0", name="figure_positive"),
                      CheckConstraint("period_days > 0", name="period_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    figure_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    wording: Mapped[str] = mapped_column(String(200))  # as said: "nearly €80,000 in under three days"
    period_days: Mapped[int] = mapped_column(Integer)  # from the campaign's start
    claimant: Mapped[str] = mapped_column(String(200))
    source_title: Mapped[str] = mapped_column(String(300))
    source_url: Mapped[str] = mapped_column(String(500), default="")  # "" when the source gives none
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    quote: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    campaign: Mapped[Campaign] = relationship()
