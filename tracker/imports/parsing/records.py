"""What every format reader gives: one record per data row, in the platform's own terms made common."""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from tracker.imports.parsing import values
from tracker.imports.parsing.table import Table


class Action(enum.StrEnum):
    GIFT = "gift"  # money from a donor
    REFUND = "refund"  # money given back: of another row (refund_of), or of this row's own gift
    SKIP = "skip"  # a row that is not a gift: pending, failed, memo, withdrawal, fee, expense
    ERROR = "error"  # a row that should be a gift but cannot be read


@dataclass(slots=True)
class Record:
    line: int
    raw: str  # JSON: see raw_row
    action: Action
    external_id: str = ""
    day: dt.date | None = None
    currency: str = ""
    gross: Decimal | None = Decimal(0)  # what the donor gave, positive (None once held in minor units)
    fee: Decimal | None = Decimal(0)  # what the platform kept, positive
    fee_currency: str = ""  # when not the gift's: Stripe takes its fee in the account's settlement currency
    refunded: Decimal | None = Decimal(0)  # gift rows: already given back, as the same row says
    refund_of: str = ""  # refund rows: the external id of the gift they give back
    donor_name: str = ""
    donor_contact: str = ""
    method: str = "online_platform"
    reason: str = ""  # skip and error rows: a message code
    params: dict | None = None


class Columns:
    """A row's cells by column name, whichever of a column's names (languages, versions) the header uses."""

    def __init__(self, header: list[str], names: dict[str, tuple[str, ...]]) -> None:
        lowered = {cell.lower(): index for index, cell in enumerate(header)}
        self.header = header
        self.index = {key: next((lowered[a.lower()] for a in aliases if a.lower() in lowered), None)
                      for key, aliases in names.items()}

    def has(self, *keys: str) -> bool:
        return all(self.index.get(key) is not None for key in keys)

    def get(self, cells: list[str], key: str) -> str:
        index = self.index.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def column(self, rows: list[tuple[int, list[str]]], key: str) -> list[str]:
        return [self.get(cells, key) for _, cells in rows]


def header_matches(header: list[str], required: tuple[str, ...]) -> bool:
    present = {cell.lower() for cell in header}
    return all(name.lower() in present for name in required)


def raw_row(header: list[str], cells: list[str]) -> str:
    """The row as the file had it, as JSON by column name: cells left empty are left out. Kept as text:
    a large export's rows are held until the commit, and a string is a fraction of a dict's size."""
    return json.dumps({name: cell for name, cell in zip(header, cells) if cell}, ensure_ascii=False)


def shape_error(line: int, table: Table, cells: list[str]) -> Record | None:
    """A row cut short (a truncated file) or with cells past the header's end."""
    extra = cells[len(table.header):]
    if len(cells) < len(table.header) or any(extra):
        return Record(line, raw_row(table.header, cells), Action.ERROR, reason="row_shape",
                      params={"cells": len(cells), "columns": len(table.header)})
    return None


def read_rows(table: Table, read_one) -> Iterator[Record]:
    """Each row through `read_one(line, cells, raw)`; a cell it cannot read makes the row an error."""
    for line, cells in table.rows():
        broken = shape_error(line, table, cells)
        if broken is not None:
            yield broken
            continue
        raw = raw_row(table.header, cells)
        try:
            yield read_one(line, cells, raw)
        except values.ValueRefused as refused:
            yield Record(line, raw, Action.ERROR, reason=refused.code, params=refused.params)


def positive(amount: Decimal) -> Decimal:
    return -amount if amount < 0 else amount


def skip(record: Record, reason: str, **params) -> Record:
    record.action, record.reason, record.params = Action.SKIP, reason, params
    return record
