"""Any CSV or XLSX, through a column mapping an organisation saved: which column holds the transaction id,
the date, the amount and so on, and how its numbers and dates are written."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.imports.parsing import values
from tracker.imports.parsing.records import Action, Record, positive, read_rows, skip
from tracker.imports.parsing.table import Table

NAME = "csv"
FIELDS = ("id", "date", "amount", "currency", "fee", "name", "email", "status")
REQUIRED = ("id", "date", "amount")


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, str]  # field → the header's column name, as the organisation typed it
    currency: str = ""  # when no column holds it
    counted_statuses: tuple[str, ...] = ()  # when a status column is mapped: the values that mean paid
    day_order: str = "dmy"
    decimal_mark: str = ","


def _index(header: list[str], mapping: Mapping) -> dict[str, int]:
    lowered = {" ".join(cell.split()).lower(): i for i, cell in enumerate(header)}
    return {field: lowered[" ".join(name.split()).lower()] for field, name in mapping.columns.items()
            if name and " ".join(name.split()).lower() in lowered}


def detect(header: list[str], mapping: Mapping) -> bool:
    return all(field in _index(header, mapping) for field in REQUIRED)


def parse(table: Table, mapping: Mapping):
    index = _index(table.header, mapping)
    counted = {status.strip().lower() for status in mapping.counted_statuses if status.strip()}

    def cell(cells: list[str], field: str) -> str:
        position = index.get(field)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    def read_one(line: int, cells: list[str]) -> Record:
        record = Record(line, Action.GIFT, external_id=cell(cells, "id"), donor_name=cell(cells, "name"),
                        donor_contact=cell(cells, "email"))
        if "status" in index and counted and cell(cells, "status").lower() not in counted:
            return skip(record, "not_completed", status=cell(cells, "status"))
        record.currency = (cell(cells, "currency") or mapping.currency).upper()
        record.day = values.day(cell(cells, "date"), mapping.day_order)
        record.gross = values.signed_decimal(cell(cells, "amount"), mapping.decimal_mark)
        record.fee = positive(values.signed_decimal(cell(cells, "fee"), mapping.decimal_mark))
        if record.gross < 0:
            return skip(record, "money_out", type=cell(cells, "amount"))
        return record

    return read_rows(table, read_one)
