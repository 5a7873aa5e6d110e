"""OFX statements, version 1 (SGML) or 2 (XML), read with ofxtools."""

from __future__ import annotations

import io
from decimal import Decimal

from tracker.statements.parsing import BankEntry, Statement, StatementRefused


def detect(data: bytes) -> bool:
    head = data[:2048].upper()
    return b"OFXHEADER" in head or b"<OFX>" in head


def read(data: bytes) -> Statement:
    # Loaded for the first OFX file only: ofxtools' models take some 16 MB, in every process otherwise.
    from ofxtools.Parser import OFXTree

    parser = OFXTree()
    try:
        parser.parse(io.BytesIO(data))
        ofx = parser.convert()
    except Exception:  # ofxtools raises many kinds for a damaged file; all mean the same to the user
        raise StatementRefused("damaged_file") from None
    statements = list(getattr(ofx, "statements", []) or [])
    if len(statements) != 1:
        raise StatementRefused("camt_statements", count=len(statements))
    stmt = statements[0]
    statement = Statement("ofx", str(getattr(stmt.account, "acctid", "")), str(stmt.curdef).upper())
    for transaction in stmt.banktranlist or []:
        statement.entries.append(BankEntry(
            str(transaction.fitid), transaction.dtposted.date(), Decimal(transaction.trnamt), statement.currency,
            (transaction.name or "")[:200], (transaction.memo or "")[:500]))
    ledger = getattr(stmt, "ledgerbal", None)
    statement.closing = Decimal(ledger.balamt) if ledger is not None else None
    return statement
