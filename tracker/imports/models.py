"""`import_batches`: one committed file; `imported_records`: each row of it that is a gift or a refund.

A record is the evidence behind a gift: the platform, its transaction id (unique per platform, so
a file imported twice or an overlapping export adds nothing), the file's name and SHA-256, the
row's number and the row itself as the file had it.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.accounts.models import User
from tracker.campaigns.models import Campaign
from tracker.donations.models import Donation
from tracker.extensions import db, str_enum


class RecordKind(enum.StrEnum):
    GIFT = "gift"
    REFUND = "refund"


class RecordState(enum.StrEnum):
    COUNTED = "counted"  # its gift counts (gift rows), or it was taken off its gift (refund rows)
    REFUNDED = "refunded"  # a gift given back in full: it counts nothing
    AWAITING_DECISION = "awaiting_decision"  # looks like a gift typed by hand: a person decides
    MERGED = "merged"  # a person said it is that hand-typed gift, which it now verifies


class RowOutcome(enum.StrEnum):
    """What an import does with one row of a file."""

    NEW = "new"
    ALREADY_IMPORTED = "already_imported"
    PROBABLE_DUPLICATE = "probable_duplicate"
    REFUND = "refund"
    SKIPPED = "skipped"
    ERROR = "error"


class ImportMapping(db.Model):
    """An organisation's column mapping for exports of a platform the importer does not know."""

    __tablename__ = "import_mappings"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    columns: Mapped[str] = mapped_column(Text)  # JSON: field → column name
    currency: Mapped[str] = mapped_column(String(3), default="")
    counted_statuses: Mapped[str] = mapped_column(String(500), default="")  # comma-separated
    day_order: Mapped[str] = mapped_column(String(3), default="dmy")
    decimal_mark: Mapped[str] = mapped_column(String(1), default=",")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    @property
    def source(self) -> str:
        """What its records' transaction ids are unique within."""
        return f"csv-{self.id}"


class ImportBatch(db.Model):
    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    format: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    rows: Mapped[int] = mapped_column(Integer)
    new: Mapped[int] = mapped_column(Integer)
    duplicates: Mapped[int] = mapped_column(Integer)
    refunds: Mapped[int] = mapped_column(Integer)
    skipped: Mapped[int] = mapped_column(Integer)

    campaign: Mapped[Campaign] = relationship()
    uploaded_by: Mapped[User] = relationship()


class ImportedRecord(db.Model):
    __tablename__ = "imported_records"
    __table_args__ = (UniqueConstraint("source", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"), index=True)
    source: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    line: Mapped[int] = mapped_column(Integer)
    kind: Mapped[RecordKind] = mapped_column(str_enum(RecordKind, 16))
    state: Mapped[RecordState] = mapped_column(str_enum(RecordState, 24), index=True)
    received_on: Mapped[dt.date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    gross_minor: Mapped[int] = mapped_column(BigInteger)  # gift rows: what the donor gave; refunds: given back
    refunded_minor: Mapped[int] = mapped_column(BigInteger, default=0)  # gift rows: given back so far
    fee_minor: Mapped[int] = mapped_column(BigInteger, default=0)  # what the platform kept, in fee_currency
    fee_currency: Mapped[str] = mapped_column(String(3))
    refund_of_id: Mapped[int | None] = mapped_column(ForeignKey("imported_records.id"))
    # The gift it counts in (gift rows), or the gift it was taken off (refund rows).
    donation_id: Mapped[int | None] = mapped_column(ForeignKey("donations.id"), index=True)
    # AWAITING_DECISION: the hand-typed gift it looks like.
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("donations.id"), index=True)
    # Kept for a gift awaiting a decision, to log it if a person says it is a gift of its own.
    donor_name: Mapped[str | None] = mapped_column(String(200))
    donor_contact: Mapped[str | None] = mapped_column(String(254))
    raw: Mapped[str] = mapped_column(Text)  # JSON of the row's non-empty cells by column name

    batch: Mapped[ImportBatch] = relationship()
    donation: Mapped[Donation | None] = relationship(foreign_keys=[donation_id])
    duplicate_of: Mapped[Donation | None] = relationship(foreign_keys=[duplicate_of_id])

    @property
    def counted_minor(self) -> int:
        return self.gross_minor - self.refunded_minor
