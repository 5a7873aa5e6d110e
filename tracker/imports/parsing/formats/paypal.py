"""PayPal's activity download, in English, French or German.

Only completed rows count; memo rows (a pending authorisation, a hold) never moved money;
withdrawals and currency conversions move the association's own money, not a donor's. A refund
is a row of its own, pointing at the payment it gives back through the reference id.
"""

from __future__ import annotations

from decimal import Decimal

from tracker.imports.parsing import values
from tracker.imports.parsing.records import (
    Action,
    Columns,
    Record,
    positive,
    read_rows,
    skip,
)
from tracker.imports.parsing.table import Table

NAME = "paypal"
COLUMNS = {
    "date": ("Date", "Datum"),
    "name": ("Name", "Nom"),
    "type": ("Type", "Typ"),
    "status": ("Status", "État", "Etat"),
    "currency": ("Currency", "Devise", "Währung"),
    "gross": ("Gross", "Avant commission", "Brutto"),
    "fee": ("Fee", "Commission", "Gebühr"),
    "from": ("From Email Address", "De l'adresse email", "Absender E-Mail-Adresse", "Absender-E-Mail-Adresse"),
    "id": ("Transaction ID", "Numéro de transaction", "Transaktionscode"),
    "reference": ("Reference Txn ID", "Numéro de la transaction de référence", "Zugehöriger Transaktionscode"),
    "impact": ("Balance Impact", "Impact sur le solde", "Auswirkung auf Guthaben"),
}
COMPLETED = {"completed", "terminé", "termine", "abgeschlossen"}
MEMO = {"memo", "mémo"}
REFUND_WORDS = ("refund", "rembours", "rückzahlung", "erstattung")
MONEY_OUT_WORDS = ("withdrawal", "retrait", "abbuchung", "transfer to bank", "virement", "conversion",
                   "umrechnung", "währungsumrechnung")


def detect(header: list[str]) -> bool:
    columns = Columns(header, COLUMNS)
    return columns.has("date", "gross", "fee", "id", "currency", "status", "type")


def parse(table: Table):
    columns = Columns(table.header, COLUMNS)
    english = "gross" in {cell.lower() for cell in table.header}
    mark = values.decimal_mark(columns.column(table.sample, "gross") + columns.column(table.sample, "fee"),
                               default="." if english else ",")
    order = values.day_order(columns.column(table.sample, "date"), default="mdy" if english else "dmy")

    def read_one(line: int, cells: list[str]) -> Record:
        kind = columns.get(cells, "type").lower()
        status = columns.get(cells, "status").lower()
        record = Record(line, Action.GIFT, external_id=columns.get(cells, "id"),
                        donor_name=columns.get(cells, "name"), donor_contact=columns.get(cells, "from"))
        if columns.get(cells, "impact").lower() in MEMO:
            return skip(record, "memo")
        if status not in COMPLETED:
            return skip(record, "not_completed", status=columns.get(cells, "status"))
        if any(word in kind for word in MONEY_OUT_WORDS):
            return skip(record, "money_out", type=columns.get(cells, "type"))
        gross = values.signed_decimal(columns.get(cells, "gross"), mark)
        record.currency = columns.get(cells, "currency").upper()
        record.day = values.day(columns.get(cells, "date"), order)
        record.fee = positive(values.signed_decimal(columns.get(cells, "fee"), mark))
        if any(word in kind for word in REFUND_WORDS) or gross < 0:
            if not any(word in kind for word in REFUND_WORDS):
                return skip(record, "money_out", type=columns.get(cells, "type"))
            record.action, record.refund_of, record.gross = Action.REFUND, columns.get(cells, "reference"), -gross
            record.fee = Decimal(0)
            return record
        record.gross = gross
        return record

    return read_rows(table, read_one)

