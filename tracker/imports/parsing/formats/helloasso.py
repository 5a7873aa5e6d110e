"""HelloAsso: the payments export (one row per payment) and the orders export (one per ticket or gift).

`;`-delimited, UTF-8 with a BOM, comma decimals, French statuses; Excel re-saves switch to commas
and Windows-1252, which the table reader takes care of.
"""

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

NAME = "helloasso"
PAYMENTS = ("Référence paiement", "Montant total", "Date du paiement", "Statut du paiement")
ORDERS = ("Référence commande", "Date de la commande", "Statut de la commande", "Montant tarif")
COLUMNS = {
    "id": ("Référence paiement", "Référence commande"),
    "amount": ("Montant total", "Montant tarif"),
    "date": ("Date du paiement", "Date de la commande"),
    "status": ("Statut du paiement", "Statut de la commande"),
    "last_name": ("Nom payeur",),
    "first_name": ("Prénom payeur",),
    "email": ("Email payeur",),
    "means": ("Moyen de paiement",),
}
COUNTED = {"payé", "validé", "hors ligne", "autorisé"}
REFUNDED = {"remboursé", "remboursée", "refunded"}
OFFLINE = {"espèces": "cash", "chèque": "cheque", "virement": "bank_transfer"}


def detect(header: list[str]) -> bool:
    return header_matches(header, PAYMENTS) or header_matches(header, ORDERS)


def parse(table: Table):
    columns = Columns(table.header, COLUMNS)
    mark = values.decimal_mark(columns.column(table.sample, "amount"), default=",")

    def read_one(line: int, cells: list[str]) -> Record:
        status = columns.get(cells, "status").lower()
        record = Record(line, Action.GIFT, external_id=columns.get(cells, "id"), currency="EUR",
                        donor_name=" ".join(filter(None, (columns.get(cells, "first_name"),
                                                          columns.get(cells, "last_name")))),
                        donor_contact=columns.get(cells, "email"),
                        method=OFFLINE.get(columns.get(cells, "means").lower(), "online_platform"))
        if status not in COUNTED | REFUNDED:
            return skip(record, "not_completed", status=columns.get(cells, "status"))
        record.gross = values.signed_decimal(columns.get(cells, "amount"), mark)
        record.day = values.day(columns.get(cells, "date"), "dmy")
        if status in REFUNDED:
            record.action, record.refund_of = Action.REFUND, record.external_id
        return record

    return read_rows(table, read_one)
