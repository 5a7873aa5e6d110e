"""Open Collective's transactions export: a collective's ledger, of which only contributions are gifts.

A refund is a row of its own (isRefund), pointing at the contribution it gives back through
shortRefundId; expenses, host fees and payouts are the collective's own money going out.
"""

from __future__ import annotations

from tracker.imports.parsing import values
from tracker.imports.parsing.records import (
    Action,
    Columns,
    Record,
    header_matches,
    positive,
    read_rows,
    skip,
)
from tracker.imports.parsing.table import Table

NAME = "opencollective"
COLUMNS = {
    "date": ("datetime", "Date & Time"),
    "id": ("shortId", "Short Transaction ID"),
    "type": ("type", "Type"),
    "kind": ("kind", "Kind"),
    "is_refund": ("isRefund", "Is Refund"),
    "refund_id": ("shortRefundId", "Short Refund Transaction ID"),
    "amount": ("amount", "Amount Single Column", "Gross Amount"),
    "net": ("netAmount", "Net Amount"),
    "currency": ("currency", "Currency"),
    "name": ("oppositeAccountName", "Opposite Account Name"),
}
GIFT_KINDS = {"contribution", "added_funds"}


def detect(header: list[str]) -> bool:
    return header_matches(header, ("shortId", "kind", "isRefund", "netAmount")) or header_matches(
        header, ("Short Transaction ID", "Kind", "Is Refund"))


def parse(table: Table):
    columns = Columns(table.header, COLUMNS)

    def read_one(line: int, cells: list[str]) -> Record:
        kind, credit = columns.get(cells, "kind").lower(), columns.get(cells, "type").upper() == "CREDIT"
        refund = columns.get(cells, "is_refund").lower() in ("true", "refund", "yes")
        record = Record(line, Action.GIFT, external_id=columns.get(cells, "id"),
                        donor_name=columns.get(cells, "name"))
        if kind not in GIFT_KINDS or (not credit and not refund):
            return skip(record, "money_out", type=columns.get(cells, "kind"))
        record.currency = columns.get(cells, "currency").upper()
        record.day = values.day(columns.get(cells, "date"), "dmy")
        amount = values.signed_decimal(columns.get(cells, "amount"), ".")
        if refund:
            record.action, record.gross = Action.REFUND, positive(amount)
            record.refund_of = columns.get(cells, "refund_id")
            return record
        record.gross = amount
        record.fee = amount - values.signed_decimal(columns.get(cells, "net"), ".")
        return record

    return read_rows(table, read_one)
