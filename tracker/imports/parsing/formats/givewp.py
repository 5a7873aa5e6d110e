"""GiveWP's donations export (WordPress): every value quoted, numbers and dates as the site sets them."""

from __future__ import annotations

from tracker.imports.parsing import values
from tracker.imports.parsing.records import (
    Action,
    Columns,
    Record,
    header_matches,
    read_rows,
    skip,
)
from tracker.imports.parsing.table import Table

NAME = "givewp"
COLUMNS = {
    "id": ("Donation ID",),
    "amount": ("Donation Total",),
    "currency": ("Currency Code",),
    "status": ("Donation Status",),
    "date": ("Donation Date",),
    "first_name": ("First Name",),
    "last_name": ("Last Name",),
    "email": ("Email Address",),
}
COUNTED = {"complete", "completed", "publish"}
REFUNDED = {"refunded"}


def detect(header: list[str]) -> bool:
    return header_matches(header, ("Donation ID", "Donation Total", "Donation Status"))


def parse(table: Table):
    columns = Columns(table.header, COLUMNS)
    mark = values.decimal_mark(columns.column(table.sample, "amount"))
    order = values.day_order(columns.column(table.sample, "date"), default="mdy")

    def read_one(line: int, cells: list[str]) -> Record:
        status = columns.get(cells, "status").lower()
        name = " ".join(filter(None, (columns.get(cells, "first_name"), columns.get(cells, "last_name"))))
        record = Record(line, Action.GIFT, external_id=columns.get(cells, "id"), donor_name=name,
                        donor_contact=columns.get(cells, "email"))
        if status not in COUNTED | REFUNDED:
            return skip(record, "not_completed", status=columns.get(cells, "status"))
        record.currency = (columns.get(cells, "currency") or "USD").upper()
        record.day = values.day(columns.get(cells, "date"), order)
        record.gross = values.signed_decimal(columns.get(cells, "amount").lstrip("€$£¥"), mark)
        if status in REFUNDED:
            record.action, record.refund_of = Action.REFUND, record.external_id
        return record

    return read_rows(table, read_one)
