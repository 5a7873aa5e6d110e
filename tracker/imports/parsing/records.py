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
    """The row as the file had it, as JSON by column name: cells left empty are left out."""
    return _JSON.encode({name: text for name, cell in zip(header, cells) if cell and (text := cell.strip())})


_JSON = json.JSONEncoder(ensure_ascii=False)  # made once: json.dumps makes an encoder per call for these options


def raw_rows(table: Table) -> Iterator[tuple[int, str]]:
    """(line, raw row) for every row, read afresh from the file: records do not carry their raw row, as
    holding a large export's rows until the commit would take more memory than the rest of the plan."""
    for line, cells in table.rows():
        yield line, raw_row(table.header, cells)


class RawRows:
    """A file's raw rows read again, for the rows a commit stores: asked for in the file's order, each
    is found as the reading reaches it, so no more than one row is held at a time."""

    def __init__(self, rows: Iterator[tuple[int, str]]) -> None:
        self._rows = rows
        self._line, self._raw = 0, ""

    def at(self, line: int) -> str:
        if line < self._line:
            raise ValueError(f"line {line} asked for after line {self._line}")
        while self._line < line:
            found = next(self._rows, None)
            if found is None:  # the file ended before the line: it is no longer the file planned
                raise values.ValueRefused("file_changed")
            self._line, self._raw = found
        if self._line != line:
            raise values.ValueRefused("file_changed")
        return self._raw


def shape_error(line: int, table: Table, cells: list[str]) -> Record | None:
    """A row cut short (a truncated file) or with cells past the header's end."""
    extra = cells[len(table.header):]
    if len(cells) < len(table.header) or any(cell.strip() for cell in extra):
        return Record(line, Action.ERROR, reason="row_shape",
                      params={"cells": len(cells), "columns": len(table.header)})
    return None


def read_rows(table: Table, read_one) -> Iterator[Record]:
    """Each row through `read_one(line, cells)`; a cell it cannot read makes the row an error."""
    for line, cells in table.rows():
        broken = shape_error(line, table, cells)
        if broken is not None:
            yield broken
            continue
        try:
            yield read_one(line, cells)
        except values.ValueRefused as refused:
            yield Record(line, Action.ERROR, reason=refused.code, params=refused.params)


def positive(amount: Decimal) -> Decimal:
    return -amount if amount < 0 else amount


def skip(record: Record, reason: str, **params) -> Record:
    record.action, record.reason, record.params = Action.SKIP, reason, params
    return record
