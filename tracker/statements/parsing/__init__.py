"""Reading bank statements (CAMT.053, OFX) into common lines: no database, no app, only the file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


class StatementRefused(ValueError):
    """A file that cannot be a statement we can trust: `code` names the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass
class BankEntry:
    bank_ref: str  # the bank's own reference of the line (AcctSvcrRef, FITID): the key for re-imports
    booked_on: dt.date
    amount: Decimal  # signed: money in is positive
    currency: str
    counterparty: str = ""
    remittance: str = ""  # what the payer typed: "don Cambodge", a receipt code
    end_to_end_id: str = ""
    reversal: bool = False


@dataclass
class Statement:
    format: str
    account: str
    currency: str
    entries: list[BankEntry] = field(default_factory=list)
    opening: Decimal | None = None
    closing: Decimal | None = None
    skipped_pending: int = 0
