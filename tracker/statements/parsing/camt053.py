"""CAMT.053 (ISO 20022 bank-to-customer statement), any version from .001.02 to .001.08: elements are
found by local name, so the namespace of the version does not matter. Parsed with defusedxml: a
statement comes from outside, and entity tricks must not expand."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal, InvalidOperation

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from tracker.statements.parsing import BankEntry, Statement, StatementRefused


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element, *path):
    for name in path:
        if element is None:
            return None
        element = next((c for c in element if _local(c.tag) == name), None)
    return element


def _children(element, name):
    return [c for c in element if _local(c.tag) == name] if element is not None else []


def _text(element, *path) -> str:
    found = _child(element, *path)
    return (found.text or "").strip() if found is not None else ""


def _amount(element) -> tuple[Decimal, str]:
    if element is None or not (element.text or "").strip():
        raise StatementRefused("camt_incomplete", what="Amt")
    try:
        value = Decimal(element.text.strip())
    except InvalidOperation:
        raise StatementRefused("camt_not_a_number", text=element.text.strip()) from None
    if not value.is_finite():  # "NaN" and "Infinity" are Decimals too
        raise StatementRefused("camt_not_a_number", text=element.text.strip())
    return value, element.get("Ccy", "").upper()


def _day(element, *path) -> dt.date:
    text = _text(element, *path, "Dt") or _text(element, *path, "DtTm")[:10]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise StatementRefused("camt_bad_date", text=text) from None


def _signed(value: Decimal, indicator: str) -> Decimal:
    return -value if indicator == "DBIT" else value


def detect(data: bytes) -> bool:
    head = data[:4096]
    return b"<" in head[:200] and (b"camt.053" in head or b"BkToCstmrStmt" in head)


def read(data: bytes) -> Statement:
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException):
        raise StatementRefused("damaged_file") from None
    statements = [element for element in root.iter() if _local(element.tag) == "Stmt"]
    if len(statements) != 1:
        raise StatementRefused("camt_statements", count=len(statements))
    stmt = statements[0]
    account = _text(stmt, "Acct", "Id", "IBAN") or _text(stmt, "Acct", "Id", "Othr", "Id")
    statement = Statement("camt053", account, _text(stmt, "Acct", "Ccy").upper())
    for balance in _children(stmt, "Bal"):
        code = _text(balance, "Tp", "CdOrPrtry", "Cd")
        value, currency = _amount(_child(balance, "Amt"))
        statement.currency = statement.currency or currency
        if code in ("OPBD", "PRCD"):
            statement.opening = _signed(value, _text(balance, "CdtDbtInd"))
        elif code == "CLBD":
            statement.closing = _signed(value, _text(balance, "CdtDbtInd"))
    for position, entry in enumerate(_children(stmt, "Ntry"), start=1):
        status = _text(entry, "Sts", "Cd") or _text(entry, "Sts")
        if status != "BOOK":
            statement.skipped_pending += 1
            continue
        statement.entries.extend(_entries(entry, position))
    return statement


def _entries(entry, position: int) -> list[BankEntry]:
    """One line per transaction: a batched entry (several TxDtls) gives several."""
    value, currency = _amount(_child(entry, "Amt"))
    indicator = _text(entry, "CdtDbtInd")
    booked = _day(entry, "BookgDt")
    reference = _text(entry, "AcctSvcrRef")
    reversal = _text(entry, "RvslInd").lower() == "true"
    details = [d for batch in _children(entry, "NtryDtls") for d in _children(batch, "TxDtls")] or [None]
    lines = []
    for index, detail in enumerate(details, start=1):
        amount = value
        if len(details) > 1:
            amount, _ = _amount(_child(detail, "AmtDtls", "TxAmt", "Amt") or _child(detail, "Amt"))
        party = "Dbtr" if indicator == "CRDT" else "Cdtr"
        counterparty = _text(detail, "RltdPties", party, "Nm") or _text(detail, "RltdPties", party, "Pty", "Nm")
        remittance = " ".join(_text(u) for u in _children(_child(detail, "RmtInf"), "Ustrd")).strip()
        end_to_end = _text(detail, "Refs", "EndToEndId")
        key = reference or hashlib.sha256(f"{booked}|{value}|{end_to_end}|{remittance}|{position}".encode()).hexdigest()[:32]
        lines.append(BankEntry(f"{key}/{index}" if len(details) > 1 else key, booked, _signed(amount, indicator),
                               currency, counterparty[:200], remittance[:500], end_to_end[:64], reversal))
    return lines
