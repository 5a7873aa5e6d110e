"""Donorbox's donations export: one row per donation, fees in their own columns."""

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

NAME = "donorbox"
COLUMNS = {
    "id": ("Receipt Id", "Stripe Charge Id", "Pay Pal Transaction Id"),
    "stripe": ("Stripe Charge Id",),
    "paypal": ("Pay Pal Transaction Id",),
    "amount": ("Amount",),
    "currency": ("Currency",),
    "total_fee": ("Total Fee",),
    "processing_fee": ("Processing Fee",),
    "platform_fee": ("Platform Fee",),
    "date": ("Donated At", "Donation Date"),
    "name": ("Name",),
    "first_name": ("Donor's First Name", "Donor First Name"),
    "last_name": ("Donor's Last Name", "Donor Last Name"),
    "email": ("Donor Email",),
    "status": ("Status",),
}
REFUNDED = {"refunded"}
COUNTED = {"", "paid", "succeeded", "completed", "complete"}


def detect(header: list[str]) -> bool:
    return header_matches(header, ("Donor Email", "Amount", "Currency", "Donated At")) or header_matches(
        header, ("Donor Email", "Amount", "Currency", "Processing Fee"))


def parse(table: Table):
    columns = Columns(table.header, COLUMNS)
    money_cells = columns.column(table.sample, "amount") + columns.column(table.sample, "total_fee")
    mark = values.decimal_mark(money_cells)
    order = values.day_order(columns.column(table.sample, "date"), default="mdy")

    def read_one(line: int, cells: list[str]) -> Record:
        status = columns.get(cells, "status").lower()
        name = columns.get(cells, "name") or " ".join(
            filter(None, (columns.get(cells, "first_name"), columns.get(cells, "last_name"))))
        record = Record(line, Action.GIFT, external_id=columns.get(cells, "id"), donor_name=name,
                        donor_contact=columns.get(cells, "email"))
        if status not in COUNTED | REFUNDED:
            return skip(record, "not_completed", status=columns.get(cells, "status"))
        record.currency = columns.get(cells, "currency").upper()
        record.day = values.day(columns.get(cells, "date"), order)
        record.gross = values.signed_decimal(columns.get(cells, "amount"), mark)
        if columns.has("total_fee"):
            record.fee = positive(values.signed_decimal(columns.get(cells, "total_fee"), mark))
        else:
            record.fee = sum((positive(values.signed_decimal(columns.get(cells, key), mark))
                              for key in ("processing_fee", "platform_fee")), record.fee)
        if status in REFUNDED:
            record.action, record.refund_of = Action.REFUND, record.external_id
        return record

    return read_rows(table, read_one)
