"""Logging, correcting, voiding and verifying gifts, with the rollup cells kept in step.

Every function here checks the rules, changes state and flushes; the request (or CLI command)
that called it commits once. Each change to a donation moves its contribution out of one rollup
cell and into another inside the same transaction, so the cells always equal the donations.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from tracker import money, permissions
from tracker.accounts.models import User
from tracker.campaigns.models import Campaign
from tracker.database import add_to_counters
from tracker.donations.models import (CELL_KEY, IN_KIND_KEY, Donation, DonationCell, DonationRevision,
                                      DonationStatus, GiftKind, InKindCell, Method)
from tracker.extensions import db
from tracker.figures import operations as figures
from tracker.rates import services as rates

# A single gift worth more than this many euros is refused as a typing mistake.
MAX_GIFT_EUR = Decimal(10_000_000)
EARLIEST_DAY = dt.date(1999, 1, 4)  # the first day of the ECB history
LOGGABLE_STATUSES = (DonationStatus.PLEDGED, DonationStatus.RECEIVED)
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: easy to read aloud


class DonationError(ValueError):
    """A refusal: `code` names the message, `field` the form field it belongs to."""

    def __init__(self, code: str, field: str | None = None, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


@dataclass
class GiftEntry:
    """What a volunteer typed, before any checking."""

    campaign: Campaign | None
    kind: GiftKind
    amount: str
    currency: str
    received_on: dt.date | None
    method: Method
    status: DonationStatus = DonationStatus.RECEIVED
    item: str = ""
    quantity: int | None = None
    unit: str = ""
    donor_name: str = ""
    anonymous: bool = False
    donor_contact: str = ""
    submission_key: str | None = None


def latest_today() -> dt.date:
    """Today somewhere on Earth: a gift dated later than this is in the future everywhere."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _clean(actor: User, entry: GiftEntry) -> dict:
    """Check an entry against every rule and return the donation's column values."""
    campaign = entry.campaign
    if campaign is None:
        raise DonationError("campaign_required", "campaign")
    if not permissions.can_log_for(actor, campaign):
        raise DonationError("campaign_not_allowed", "campaign", campaign=campaign.name)
    currency = (entry.currency or "").strip().upper()
    if not money.is_currency(currency):
        raise DonationError("currency_unknown", "currency", currency=entry.currency)
    day = entry.received_on
    if day is None:
        raise DonationError("date_required", "received_on")
    if day > latest_today():
        raise DonationError("date_in_future", "received_on", day=day.isoformat())
    if day < EARLIEST_DAY:
        raise DonationError("date_too_early", "received_on", day=day.isoformat())
    if entry.status not in LOGGABLE_STATUSES:
        raise DonationError("status_not_allowed", "status")

    if entry.kind is GiftKind.IN_KIND:
        item = " ".join((entry.item or "").split())
        if not item:
            raise DonationError("item_required", "item")
        if entry.quantity is None or entry.quantity < 1 or entry.quantity > 1_000_000:
            raise DonationError("quantity_invalid", "quantity")
        amount_minor = 0
        if (entry.amount or "").strip():
            amount_minor = _amount_minor(entry.amount, currency, "amount")
        extra = {"item": item[:200], "quantity": entry.quantity, "unit": " ".join((entry.unit or "").split())[:40]
                 or "items"}
    else:
        amount_minor = _amount_minor(entry.amount, currency, "amount")
        extra = {"item": None, "quantity": None, "unit": None}

    book = rates.rate_book()
    try:
        eur_minor = book.convert_minor(amount_minor, currency, "EUR", day)
    except money.MissingRate as missing:
        raise DonationError("rate_missing", "currency", currency=missing.currency, day=missing.day.isoformat())
    if money.from_minor(eur_minor, "EUR") > MAX_GIFT_EUR:
        raise DonationError("amount_too_large", "amount", text=entry.amount)

    donor_name = " ".join((entry.donor_name or "").split())
    contact = (entry.donor_contact or "").strip()
    if len(donor_name) > 200 or len(contact) > 254:
        raise DonationError("donor_too_long", "donor_name")
    return {
        "campaign_id": campaign.id, "kind": entry.kind, "amount_minor": amount_minor, "currency": currency,
        "received_on": day, "method": entry.method, "status": entry.status,
        "donor_name": donor_name or None, "anonymous": bool(entry.anonymous), "donor_contact": contact or None,
        **extra,
    }


def _amount_minor(text: str, currency: str, field: str) -> int:
    try:
        return money.to_minor(money.parse_amount(text, currency), currency)
    except money.MoneyError as error:
        raise DonationError(error.code, field, **error.params)


def _receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(16))
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def normalise_receipt_code(text: str) -> str:
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())[:16]
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


@dataclass(frozen=True)
class _Share:
    """What one donation adds to the rollups: a gift and an amount in one cell, a quantity in one in-kind cell."""

    cell: tuple
    amount_minor: int
    in_kind_cell: tuple | None
    quantity: int


def _share(donation: Donation) -> _Share:
    in_kind = None
    if donation.kind is GiftKind.IN_KIND:
        in_kind = (donation.campaign_id, donation.item.lower(), donation.unit.lower(), donation.status)
    return _Share((donation.campaign_id, donation.received_on, donation.currency, donation.kind, donation.status,
                   donation.method), donation.amount_minor, in_kind, donation.quantity or 0)


def _record(before: _Share | None, after: _Share | None) -> None:
    """Move a donation's share of the rollups from `before` to `after` (None: it did not exist).

    Cells are upserted in key order, then their converted figures follow, all in this transaction.
    """
    figures.bump_revisions(share.cell[0] for share in (before, after) if share is not None)
    cells: dict[tuple, list[int]] = {}
    in_kind: dict[tuple, list[int]] = {}
    for share, sign in ((before, -1), (after, +1)):
        if share is None:
            continue
        cell = cells.setdefault(share.cell, [0, 0])
        cell[0] += sign
        cell[1] += sign * share.amount_minor
        if share.in_kind_cell is not None:
            counts = in_kind.setdefault(share.in_kind_cell, [0, 0])
            counts[0] += sign
            counts[1] += sign * share.quantity
    moved = [dict(zip(CELL_KEY, key), gift_count=count, amount_minor=amount)
             for key, (count, amount) in sorted(cells.items()) if count or amount]
    stored = add_to_counters(DonationCell, CELL_KEY, moved, returning=CELL_KEY + ("gift_count", "amount_minor"))
    changes = []
    for row in stored:
        key = tuple(row[:len(CELL_KEY)])
        count, amount = cells[key]
        now = figures.Cell(*key[1:], gift_count=row.gift_count, amount_minor=row.amount_minor)
        then = figures.Cell(*key[1:], gift_count=row.gift_count - count, amount_minor=row.amount_minor - amount)
        changes.append((key[0], then, now))
    add_to_counters(InKindCell, IN_KIND_KEY,
                    [dict(zip(IN_KIND_KEY, key), gift_count=count, quantity=quantity)
                     for key, (count, quantity) in sorted(in_kind.items()) if count or quantity])
    figures.cells_changed(changes, rates.rate_book())


def find_by_submission(key: str | None) -> Donation | None:
    if not key:
        return None
    return db.session.scalar(select(Donation).where(Donation.submission_key == key))


def log_donation(actor: User, entry: GiftEntry) -> tuple[Donation, bool]:
    """Store a new gift. Returns (donation, created); a repeated submission returns the first one."""
    key = (entry.submission_key or "").strip()[:64] or None
    existing = find_by_submission(key)
    if existing is not None:
        return existing, False
    values = _clean(actor, entry)
    donation = Donation(**values, receipt_code=_receipt_code(), submission_key=key, logged_by_id=actor.id,
                        logged_at=_now())
    db.session.add(donation)
    try:
        db.session.flush()
    except IntegrityError:
        # The same form, submitted twice at once: the other request stored it first.
        db.session.rollback()
        existing = find_by_submission(key)
        if existing is None:
            raise
        return existing, False
    _record(None, _share(donation))
    return donation, True


_SNAPSHOT_FIELDS = ("campaign_id", "kind", "amount_minor", "currency", "item", "quantity", "unit", "received_on",
                    "method", "donor_name", "anonymous", "donor_contact", "status", "void_reason")


def _keep_revision(actor: User, donation: Donation, reason: str) -> None:
    snapshot = {name: getattr(donation, name) for name in _SNAPSHOT_FIELDS}
    number = len(donation.revisions) + 1
    donation.revisions.append(DonationRevision(
        number=number, snapshot=json.dumps(snapshot, default=str, sort_keys=True), reason=reason,
        changed_by_id=actor.id, changed_at=_now()))


def _reason(text: str) -> str:
    reason = " ".join((text or "").split())
    if not reason:
        raise DonationError("reason_required", "reason")
    if len(reason) > 500:
        raise DonationError("reason_too_long", "reason")
    return reason


def _lock(donation: Donation) -> None:
    """Wait for any other change to this gift to be committed, then read it afresh.

    A no-op UPDATE takes the row lock on PostgreSQL and the write lock on SQLite, so an owner's
    void and a coordinator's verify arriving together are served one after the other, each
    seeing what the other did, and never both moving the same gift's cells.
    """
    db.session.execute(update(Donation).where(Donation.id == donation.id).values(status=Donation.status))
    db.session.refresh(donation)
    db.session.expire(donation, ["revisions"])


def correct_donation(actor: User, donation: Donation, entry: GiftEntry, reason: str) -> Donation:
    """Replace a gift's details, keeping what it was before as a revision."""
    _lock(donation)
    if not permissions.can_edit_donation(actor, donation):
        raise DonationError("donation_not_editable")
    reason = _reason(reason)
    if entry.status not in LOGGABLE_STATUSES:
        entry.status = donation.status if donation.status in LOGGABLE_STATUSES else DonationStatus.RECEIVED
    values = _clean(actor, entry)
    if donation.status is DonationStatus.VERIFIED:
        values["status"] = DonationStatus.RECEIVED  # a corrected entry needs verifying again
    _keep_revision(actor, donation, reason)
    before = _share(donation)
    for name, value in values.items():
        setattr(donation, name, value)
    db.session.flush()
    _record(before, _share(donation))
    return donation


def void_donation(actor: User, donation: Donation, reason: str) -> Donation:
    _lock(donation)
    if not permissions.can_edit_donation(actor, donation):
        raise DonationError("donation_not_editable")
    reason = _reason(reason)
    _keep_revision(actor, donation, reason)
    before = _share(donation)
    donation.status = DonationStatus.VOID
    donation.void_reason = reason
    db.session.flush()
    _record(before, _share(donation))
    return donation


def set_status(actor: User, donation: Donation, status: DonationStatus) -> Donation:
    """A coordinator verifies a received gift, or marks a pledge as received."""
    _lock(donation)
    if not permissions.can_verify(actor, donation) or status is DonationStatus.VOID:
        raise DonationError("donation_not_verifiable")
    if donation.status is status:
        return donation
    _keep_revision(actor, donation, f"status: {donation.status.value} → {status.value}")
    before = _share(donation)
    donation.status = status
    if status is DonationStatus.VERIFIED:
        donation.verified_by_id, donation.verified_at = actor.id, _now()
    db.session.flush()
    _record(before, _share(donation))
    return donation


def entry_from(donation: Donation) -> GiftEntry:
    """The entry a correction form starts from."""
    amount = money.from_minor(donation.amount_minor, donation.currency)
    return GiftEntry(
        campaign=donation.campaign, kind=donation.kind,
        amount="" if donation.kind is GiftKind.IN_KIND and not donation.amount_minor else str(amount),
        currency=donation.currency, received_on=donation.received_on, method=donation.method,
        status=donation.status, item=donation.item or "", quantity=donation.quantity, unit=donation.unit or "",
        donor_name=donation.donor_name or "", anonymous=donation.anonymous, donor_contact=donation.donor_contact or "")
