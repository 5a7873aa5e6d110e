"""Stripe's payments export (`unified_payments.csv`).

Amounts are in major units with lower-case currency codes; a refund is not a row of its own but
the "Amount Refunded" of the charge, so a later export of the same charge can show more refunded.
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

NAME = "stripe"
COLUMNS = {
    "id": ("id",),
    "date": ("Created date (UTC)", "Created (UTC)"),
    "amount": ("Amount",),
    "refunded": ("Amount Refunded",),
    "currency": ("Currency",),
    "captured": ("Captured",),
    "fee": ("Fee",),
    "settlement_currency": ("Converted Currency",),
    "status": ("Status",),
    "email": ("Customer Email",),
    "customer": ("Customer Description",),
    "name": ("donor_name (metadata)", "donorbox_name (metadata)", "name (metadata)"),
}
PAID = {"paid", "succeeded", "refunded", "partially refunded"}


def detect(header: list[str]) -> bool:
    return header_matches(header, ("id", "Amount", "Amount Refunded", "Currency")) and Columns(
        header, COLUMNS).has("date")


def parse(table: Table):
    columns = Columns(table.header, COLUMNS)
    mark = values.decimal_mark(columns.column(table.sample, "amount") + columns.column(table.sample, "fee"))
    order = values.day_order(columns.column(table.sample, "date"), default="mdy")

    def read_one(line: int, cells: list[str]) -> Record:
        status = columns.get(cells, "status").lower()
        record = Record(line, Action.GIFT, external_id=columns.get(cells, "id"), method="card",
                        donor_name=columns.get(cells, "name") or columns.get(cells, "customer"),
                        donor_contact=columns.get(cells, "email"))
        if status not in PAID or columns.get(cells, "captured").lower() == "false":
            return skip(record, "not_completed", status=columns.get(cells, "status"))
        record.currency = columns.get(cells, "currency").upper()
        record.day = values.day(columns.get(cells, "date"), order)
        record.gross = values.signed_decimal(columns.get(cells, "amount"), mark)
        record.refunded = positive(values.signed_decimal(columns.get(cells, "refunded"), mark))
        record.fee = positive(values.signed_decimal(columns.get(cells, "fee"), mark))
        record.fee_currency = columns.get(cells, "settlement_currency").upper()
        if record.gross > 0 and record.refunded >= record.gross:
            record.action, record.refund_of = Action.REFUND, record.external_id
        return record

    return read_rows(table, read_one)
