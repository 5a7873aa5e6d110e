"""Storing a bank statement and matching its lines; a person's decision on a line nothing matched.

A credit pays in either a gift typed as a bank transfer (same amount and currency, booked within a
few days, best if the payer wrote its receipt code or gave the donor's name), or a platform's payout
(the platform's imported gifts, oldest first, less their fees, adding up exactly to the line). A
match verifies the gifts, and their pages show the line. What nothing explains waits for a person.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal

from sqlalchemy import exists, select

from tracker import money, permissions
from tracker.accounts.models import User
from tracker.audit import trail
from tracker.campaigns.models import Campaign
from tracker.donations import operations as donations
from tracker.donations import receipt_codes
from tracker.donations.models import Donation, DonationStatus, GiftKind, Method
from tracker.extensions import db
from tracker.imports.models import ImportBatch, ImportedRecord, RecordKind, RecordState
from tracker.organisations.models import Organisation
from tracker.statements.models import BankCsvMapping, BankLine, BankStatement, LineState, PayoutItem
from tracker.statements.parsing import Statement, StatementRefused, bank_csv, camt053, ofx

MATCH_WINDOW = dt.timedelta(days=5)  # a transfer is booked within this of the day the gift was logged
PLATFORMS = {"paypal": "paypal", "stripe": "stripe", "helloasso": "helloasso", "donorbox": "donorbox",
             "open collective": "opencollective", "opencollective": "opencollective", "givewp": "givewp"}
READERS = (camt053, ofx)


def read_statement(data: bytes, mapping: BankCsvMapping | None = None) -> Statement:
    """A CAMT.053 or OFX statement, told from the file; a bank's CSV or workbook through its mapping."""
    if not data.strip():
        raise StatementRefused("empty_file")
    reader = next((r for r in READERS if r.detect(data)), None)
    if reader is None and mapping is None:
        raise StatementRefused("not_a_statement")
    statement = reader.read(data) if reader is not None else bank_csv.read(data, layout_of(mapping))
    if not money.is_currency(statement.currency):
        raise StatementRefused("currency_unknown", currency=statement.currency)
    if any(entry.currency != statement.currency for entry in statement.entries):
        raise StatementRefused("mixed_currencies")
    for entry in statement.entries:
        # No bank line holds 10^15 of anything: a larger exponent is a damaged file (and would overflow).
        if not entry.amount.is_finite() or entry.amount.adjusted() > 15:
            raise StatementRefused("camt_not_a_number", text=str(entry.amount))
        if entry.amount.scaleb(money.minor_units(entry.currency)) % 1:
            raise StatementRefused("amount_too_precise", text=str(entry.amount), currency=entry.currency,
                                   digits=money.minor_units(entry.currency))
    if statement.opening is not None and statement.closing is not None:
        moved = sum((entry.amount for entry in statement.entries), Decimal(0))
        if statement.opening + moved != statement.closing:
            raise StatementRefused("does_not_add_up", opening=statement.opening, moved=moved,
                                   closing=statement.closing)
    return statement


def import_statement(actor: User, organisation: Organisation, data: bytes, file_name: str,
                     mapping: BankCsvMapping | None = None) -> tuple[BankStatement, dict]:
    """Store the statement's new lines and match them. Flushes only; refuses (StatementRefused) a file
    that cannot be read or does not add up, storing nothing. A bank CSV is read through `mapping`,
    one of the organisation's."""
    if not permissions.coordinates(actor, organisation.city):
        raise StatementRefused("organisation_not_allowed", organisation=organisation.name)
    if mapping is not None and mapping.organisation_id != organisation.id:
        raise StatementRefused("mapping_not_found")
    statement = read_statement(data, mapping)
    stored = BankStatement(organisation_id=organisation.id, format=statement.format, file_name=file_name[:255],
                           sha256=hashlib.sha256(data).hexdigest(), account=statement.account[:64],
                           currency=statement.currency, uploaded_by_id=actor.id, uploaded_at=dt.datetime.now(dt.UTC),
                           lines=len(statement.entries))
    db.session.add(stored)
    db.session.flush()
    known = set(db.session.scalars(select(BankLine.bank_ref).where(BankLine.organisation_id == organisation.id,
                                                                   BankLine.account == stored.account)))
    summary = {"lines": len(statement.entries), "already_imported": 0, "gifts": 0, "payouts": 0, "unmatched": 0,
               "money_out": 0, "pending": statement.skipped_pending}
    for entry in statement.entries:
        if entry.bank_ref in known:
            summary["already_imported"] += 1
            continue
        known.add(entry.bank_ref)
        line = BankLine(statement_id=stored.id, organisation_id=organisation.id, account=stored.account,
                        bank_ref=entry.bank_ref[:80], booked_on=entry.booked_on, currency=entry.currency,
                        amount_minor=money.to_minor(entry.amount, entry.currency) if entry.amount > 0
                        else -money.to_minor(-entry.amount, entry.currency) if entry.amount < 0 else 0,
                        counterparty=entry.counterparty, remittance=entry.remittance,
                        end_to_end_id=entry.end_to_end_id, state=LineState.UNMATCHED)
        db.session.add(line)
        if line.amount_minor <= 0 or entry.reversal:
            line.state = LineState.MONEY_OUT
        else:
            _match(actor, line)
        db.session.flush()
        summary[{LineState.GIFT: "gifts", LineState.PAYOUT: "payouts", LineState.UNMATCHED: "unmatched",
                 LineState.MONEY_OUT: "money_out"}[line.state]] += 1
    trail.record("statement.imported", "bank_statement", stored.id, after={
        "file_name": stored.file_name, "sha256": stored.sha256, "account": stored.account, **summary},
        place_id=organisation.city_id, actor=actor)
    return stored, summary


def _match(actor: User, line: BankLine) -> None:
    donation = _matching_gift(line)
    if donation is not None:
        line.state, line.donation_id = LineState.GIFT, donation.id
        db.session.flush()
        _verify(actor, donation)
        return
    source, records = _matching_payout(line)
    if records:
        line.state, line.payout_source = LineState.PAYOUT, source
        db.session.flush()
        db.session.add_all(PayoutItem(bank_line_id=line.id, imported_record_id=r.id) for r in records)
        db.session.flush()
        for record in records:
            _verify(actor, record.donation)


def _verify(actor: User, donation: Donation) -> None:
    if donation.status is not DonationStatus.VERIFIED and permissions.can_verify(actor, donation):
        donations.set_status(actor, donation, DonationStatus.VERIFIED)


def _unmatched_gifts(line: BankLine):
    paid_in = exists().where(BankLine.donation_id == Donation.id)
    imported = exists().where(ImportedRecord.donation_id == Donation.id)
    return (select(Donation).join(Campaign, Campaign.id == Donation.campaign_id)
            .where(Campaign.organisation_id == line.organisation_id, Donation.kind == GiftKind.MONEY,
                   Donation.currency == line.currency, Donation.amount_minor == line.amount_minor,
                   Donation.status != DonationStatus.VOID, ~paid_in, ~imported).order_by(Donation.id))


def _matching_gift(line: BankLine) -> Donation | None:
    """A receipt code the payer wrote settles it; otherwise a bank transfer near the day, the donor's
    name in the payer's breaking a tie. Two candidates alike: a person decides."""
    codes = receipt_codes.in_text(line.remittance or "")
    if codes:
        by_code = db.session.scalars(_unmatched_gifts(line).where(Donation.receipt_code.in_(codes))).first()
        if by_code is not None:
            return by_code
    near = list(db.session.scalars(_unmatched_gifts(line).where(
        Donation.method == Method.BANK_TRANSFER,
        Donation.received_on.between(line.booked_on - MATCH_WINDOW, line.booked_on + MATCH_WINDOW))))
    payer = set((line.counterparty or "").casefold().split())
    named = [d for d in near if payer & set((d.donor_name or "").casefold().split())]
    candidates = named or near
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda d: abs(d.received_on - line.booked_on))
    if len(ranked) > 1 and abs(ranked[0].received_on - line.booked_on) == abs(ranked[1].received_on - line.booked_on):
        return None
    return ranked[0]


def _matching_payout(line: BankLine) -> tuple[str | None, list[ImportedRecord]]:
    text = f"{line.counterparty} {line.remittance}".casefold()
    source = next((name for word, name in PLATFORMS.items() if word in text), None)
    if source is None:
        return None, []
    paid_out = exists().where(PayoutItem.imported_record_id == ImportedRecord.id)
    query = (select(ImportedRecord).join(ImportBatch, ImportBatch.id == ImportedRecord.batch_id)
             .join(Campaign, Campaign.id == ImportBatch.campaign_id)
             .where(Campaign.organisation_id == line.organisation_id, ImportedRecord.source == source,
                    ImportedRecord.kind == RecordKind.GIFT, ImportedRecord.state == RecordState.COUNTED,
                    ImportedRecord.currency == line.currency, ImportedRecord.fee_currency == line.currency,
                    ImportedRecord.received_on <= line.booked_on, ~paid_out)
             .order_by(ImportedRecord.received_on, ImportedRecord.id))
    running, taken = 0, []
    for record in db.session.scalars(query):
        running += record.counted_minor - record.fee_minor
        taken.append(record)
        if running == line.amount_minor:
            return source, taken
        if running > line.amount_minor:
            break
    return source, []


REASON_LIMIT = 500  # characters of the reason a line is set aside for


class LineRefused(ValueError):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _decidable(actor: User, line: BankLine) -> None:
    if not permissions.coordinates(actor, line.organisation.city):
        raise LineRefused("organisation_not_allowed", organisation=line.organisation.name)
    if line.state is not LineState.UNMATCHED:
        raise LineRefused("line_decided")


def _decided(actor: User, line: BankLine, action: str, after: dict) -> None:
    line.decided_by_id, line.decided_at = actor.id, dt.datetime.now(dt.UTC)
    db.session.flush()
    trail.record(action, "bank_line", line.id, before={"state": LineState.UNMATCHED.value},
                 after={"state": line.state.value, **after}, place_id=line.organisation.city_id, actor=actor)


def log_as_gift(actor: User, line: BankLine, campaign: Campaign | None) -> Donation:
    """The line is a gift nobody typed: it is logged from the line, and verified by it."""
    _decidable(actor, line)
    if campaign is None or campaign.organisation_id != line.organisation_id:
        raise LineRefused("campaign_required")
    entry = donations.GiftEntry(campaign=campaign, kind=GiftKind.MONEY, currency=line.currency,
                                received_on=line.booked_on, method=Method.BANK_TRANSFER,
                                amount=str(money.from_minor(line.amount_minor, line.currency)),
                                donor_name=line.counterparty or "")
    [donation_id] = donations.log_donations(actor, [entry])
    donation = db.session.get(Donation, donation_id)
    line.state, line.donation_id = LineState.GIFT, donation_id
    _decided(actor, line, "bank_line.logged_as_gift", {"gift": donation_id})
    _verify(actor, donation)
    return donation


def link_to_gift(actor: User, line: BankLine, donation: Donation | None) -> Donation:
    """The line pays in a gift already logged (the matcher could not be sure which)."""
    _decidable(actor, line)
    if donation is None or donation.campaign.organisation_id != line.organisation_id:
        raise LineRefused("gift_not_found")
    if (donation.currency, donation.amount_minor) != (line.currency, line.amount_minor):
        raise LineRefused("gift_amount_differs", gift=money.format_minor(donation.amount_minor, donation.currency))
    if db.session.scalar(select(BankLine.id).where(BankLine.donation_id == donation.id)) is not None:
        raise LineRefused("gift_already_paid_in")
    line.state, line.donation_id = LineState.GIFT, donation.id
    _decided(actor, line, "bank_line.linked", {"gift": donation.id})
    _verify(actor, donation)
    return donation


def set_aside(actor: User, line: BankLine, reason: str) -> None:
    _decidable(actor, line)
    reason = " ".join((reason or "").split())
    if not reason:
        raise LineRefused("reason_required")
    if len(reason) > REASON_LIMIT:
        raise LineRefused("reason_too_long")
    line.state, line.reason = LineState.SET_ASIDE, reason
    _decided(actor, line, "bank_line.set_aside", {"reason": reason})


MAPPING_TEXT_LIMIT = 200


def layout_of(mapping: BankCsvMapping) -> bank_csv.Layout:
    return bank_csv.Layout(json.loads(mapping.columns), mapping.account, mapping.currency, mapping.day_order,
                           mapping.decimal_mark)


def save_csv_mapping(actor: User, organisation: Organisation, name: str, account: str, columns: dict[str, str],
                     currency: str = "", day_order: str = "dmy", decimal_mark: str = ",") -> BankCsvMapping:
    """How the organisation's bank writes one account's CSV, checked: a name, the account, the date
    column, an amount column or credit and debit columns, and the currency."""
    if not permissions.coordinates(actor, organisation.city):
        raise StatementRefused("organisation_not_allowed", organisation=organisation.name)
    name, account = " ".join((name or "").split()), " ".join((account or "").split())
    columns = {field: " ".join((columns.get(field) or "").split()) for field in bank_csv.FIELDS}
    if not name:
        raise StatementRefused("mapping_name_required")
    if not account:
        raise StatementRefused("mapping_account_required")
    if len(account) > 64:
        raise StatementRefused("text_too_long", length=64)
    if any(len(text) > MAPPING_TEXT_LIMIT for text in (name, *columns.values())):
        raise StatementRefused("text_too_long", length=MAPPING_TEXT_LIMIT)
    if not columns["date"] or not (columns["amount"] or (columns["credit"] and columns["debit"])):
        raise StatementRefused("mapping_columns_required")
    currency = (currency or "").strip().upper()
    if currency and not money.is_currency(currency):
        raise StatementRefused("currency_unknown", currency=currency)
    if not currency and not columns["currency"]:
        raise StatementRefused("mapping_currency_required")
    if day_order not in ("dmy", "mdy") or decimal_mark not in (",", "."):
        raise StatementRefused("choice_invalid")
    if db.session.scalar(select(BankCsvMapping.id).where(BankCsvMapping.organisation_id == organisation.id,
                                                         BankCsvMapping.name == name)) is not None:
        raise StatementRefused("mapping_name_taken", name=name)
    mapping = BankCsvMapping(organisation_id=organisation.id, name=name, account=account,
                             columns=json.dumps({f: c for f, c in columns.items() if c}, ensure_ascii=False),
                             currency=currency, day_order=day_order, decimal_mark=decimal_mark,
                             created_by_id=actor.id, created_at=dt.datetime.now(dt.UTC))
    db.session.add(mapping)
    db.session.flush()
    trail.record("bank_csv_mapping.saved", "bank_csv_mapping", mapping.id,
                 after={"name": name, "account": account, **{f"{f}_column": c for f, c in columns.items() if c},
                        "currency": currency}, place_id=organisation.city_id, actor=actor)
    return mapping
