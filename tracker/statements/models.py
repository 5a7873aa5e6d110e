"""`bank_statements`: one file from the bank; `bank_lines`: its booked lines, each stored once per account;
`payout_items`: the imported platform gifts a payout line pays in."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.accounts.models import User
from tracker.donations.models import Donation
from tracker.extensions import db, str_enum
from tracker.organisations.models import Organisation


class LineState(enum.StrEnum):
    UNMATCHED = "unmatched"  # money in that nothing explains yet: waits for a person
    GIFT = "gift"  # pays in a gift, which it verifies
    PAYOUT = "payout"  # a platform's payout of imported gifts, less its fees
    SET_ASIDE = "set_aside"  # a person said it is not a gift, and why
    MONEY_OUT = "money_out"  # a debit or a reversal: not a gift


class BankStatement(db.Model):
    __tablename__ = "bank_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    format: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    account: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    lines: Mapped[int] = mapped_column(Integer)

    organisation: Mapped[Organisation] = relationship()
    uploaded_by: Mapped[User] = relationship()


class BankLine(db.Model):
    __tablename__ = "bank_lines"
    # Once per account of an organisation: a bank CSV's account is a name the organisation gives it.
    __table_args__ = (UniqueConstraint("organisation_id", "account", "bank_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(ForeignKey("bank_statements.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    account: Mapped[str] = mapped_column(String(64))
    bank_ref: Mapped[str] = mapped_column(String(80))
    booked_on: Mapped[dt.date] = mapped_column(Date)
    amount_minor: Mapped[int] = mapped_column(BigInteger)  # signed: money in is positive
    currency: Mapped[str] = mapped_column(String(3))
    counterparty: Mapped[str] = mapped_column(String(200), default="")
    remittance: Mapped[str] = mapped_column(String(500), default="")
    end_to_end_id: Mapped[str] = mapped_column(String(64), default="")
    state: Mapped[LineState] = mapped_column(str_enum(LineState, 16), index=True)
    donation_id: Mapped[int | None] = mapped_column(ForeignKey("donations.id"), index=True)
    payout_source: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)  # set aside: why
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: matched on import
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    statement: Mapped[BankStatement] = relationship()
    organisation: Mapped[Organisation] = relationship()
    donation: Mapped[Donation | None] = relationship()
    decided_by: Mapped[User | None] = relationship()


class PayoutItem(db.Model):
    __tablename__ = "payout_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_line_id: Mapped[int] = mapped_column(ForeignKey("bank_lines.id"), index=True)
    imported_record_id: Mapped[int] = mapped_column(ForeignKey("imported_records.id"), unique=True)


class BankCsvMapping(db.Model):
    """How an organisation's bank writes its CSV export of one account: which column holds what."""

    __tablename__ = "bank_csv_mappings"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    account: Mapped[str] = mapped_column(String(64))  # the lines are kept under it, as a CAMT.053's IBAN
    columns: Mapped[str] = mapped_column(Text)  # JSON: field → column name
    currency: Mapped[str] = mapped_column(String(3), default="")
    day_order: Mapped[str] = mapped_column(String(3), default="dmy")
    decimal_mark: Mapped[str] = mapped_column(String(1), default=",")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    organisation: Mapped[Organisation] = relationship()
