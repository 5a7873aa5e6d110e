"""A bank's own CSV (or XLSX) export, read through the column mapping saved for its account.

Every bank writes its own: French banks use `;`, comma decimals, dd/mm/yyyy, Latin-1 or UTF-8 with a
BOM, a few lines about the account before the header, and often a debit and a credit column instead
of one signed amount. The table reader (the imports') takes care of encodings, delimiters and
preambles; the mapping says which column holds what. A bank CSV gives no balances, so it cannot be
checked to add up as a CAMT.053 is; a line with no bank reference gets one made from what it says.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from tracker.imports.parsing import table as tables
from tracker.imports.parsing import values
from tracker.statements.parsing import BankEntry, Statement, StatementRefused

FIELDS = ("date", "amount", "credit", "debit", "reference", "counterparty", "remittance", "currency")


@dataclass(frozen=True)
class Layout:
    columns: dict[str, str]  # field → the header's column name, as the organisation typed it
    account: str  # the account the lines are kept under (an IBAN, or the name the organisation gives it)
    currency: str = ""  # when no column holds it
    day_order: str = "dmy"
    decimal_mark: str = ","


def _folded(name: str) -> str:
    return " ".join(name.split()).lower()


def _index(header: list[str], layout: Layout) -> dict[str, int]:
    lowered = {_folded(cell): i for i, cell in enumerate(header)}
    return {field: lowered[_folded(name)] for field, name in layout.columns.items()
            if name and _folded(name) in lowered}


def _has_columns(header: list[str], layout: Layout) -> bool:
    """The header line: the one with every column the mapping names."""
    return len(_index(header, layout)) == sum(1 for name in layout.columns.values() if name)


def read(source: tables.Source, layout: Layout) -> Statement:
    """The statement in a bank's CSV or XLSX; refuses the whole file (StatementRefused) if any line
    cannot be read, naming the line."""
    try:
        table = tables.read(source, lambda header: _has_columns(header, layout))
    except values.ValueRefused as refused:
        raise StatementRefused("csv_columns_missing" if refused.code == "unknown_format" else refused.code,
                               **refused.params) from None
    index = _index(table.header, layout)
    statement = Statement("csv", layout.account, layout.currency)
    seen: Counter[str] = Counter()
    for line, cells in table.rows():
        def cell(field: str) -> str:
            position = index.get(field)
            return cells[position].strip() if position is not None and position < len(cells) else ""

        try:
            day = values.day(cell("date"), layout.day_order)
            amount = _amount(cell, layout.decimal_mark)
        except values.ValueRefused:
            raise StatementRefused("csv_line_unreadable", line=line) from None
        currency = (cell("currency") or layout.currency).upper()
        if statement.currency == "":
            statement.currency = currency
        # What the line says, as it would be said again in the next export ("10,5" and "10,50" alike).
        said = "|".join((day.isoformat(), str(amount.normalize()), _folded(cell("counterparty")),
                         _folded(cell("remittance"))))
        seen[said] += 1  # the same line twice in one file stays two lines
        reference = cell("reference") or "csv-" + hashlib.sha256(f"{said}|{seen[said]}".encode()).hexdigest()[:32]
        statement.entries.append(BankEntry(reference, day, amount, currency, counterparty=cell("counterparty")[:200],
                                           remittance=cell("remittance")[:500]))
    return statement


def _amount(cell, mark: str) -> Decimal:
    """One signed amount, or credit less debit: banks print a debit with or without its minus sign, and
    a credit with one is money going back out (a reversal)."""
    if cell("amount"):
        return values.signed_decimal(cell("amount"), mark)
    if not cell("credit") and not cell("debit"):
        raise values.ValueRefused("amount_missing")
    credit = values.signed_decimal(cell("credit"), mark)
    return credit - abs(values.signed_decimal(cell("debit"), mark))
