"""Logging, correcting, voiding and verifying gifts.

Every function here checks the rules, changes state and flushes; the request (or CLI command)
that called it commits once. Each change to a donation is announced (tracker.signals) with the
gift's share before and after, and the rollup layer moves it in the same transaction, so the
cells always equal the donations.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select, update

from tracker import money, permissions, signals
from tracker.accounts.models import User
from tracker.audit import trail
from tracker.campaigns.models import Campaign, CampaignKind
from tracker.database import insert_ignoring_conflict, insert_many_returning
from tracker.donations import receipt_codes, similar
from tracker.donations.models import Donation, DonationRevision, DonationStatus, GiftKind, Method, Takings
from tracker.extensions import db
from tracker.rates import services as rates

# A single gift worth more than this many euros is refused as a typing mistake.
MAX_GIFT_EUR = Decimal(10_000_000)
EARLIEST_DAY = dt.date(1999, 1, 4)  # the first day of the ECB history
LOGGABLE_STATUSES = (DonationStatus.PLEDGED, DonationStatus.RECEIVED)
MAX_ITEM_LENGTH, MAX_UNIT_LENGTH = 200, 40  # the columns' sizes: longer text is refused, never cut


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
    amount_minor: int | None = None  # already in minor units (an import's): `amount`'s text is not read
    # Typed in the form: refused if it repeats a gift logged already, until the volunteer says it is another.
    hold_if_repeated: bool = False
    takings: Takings | None = None  # at a charity evening: what the money paid for


def latest_today() -> dt.date:
    """Today somewhere on Earth: a gift dated later than this is in the future everywhere."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class _Batch:
    """What every entry of a batch is checked against, found once for the batch rather than per gift."""

    book: money.RateBook
    latest_day: dt.date
    permitted: set[int] = field(default_factory=set)  # campaigns the actor was found allowed to log for


def _clean(actor: User, entry: GiftEntry, batch: _Batch | None = None) -> dict:
    """Check an entry against every rule and return the donation's column values."""
    campaign = entry.campaign
    if campaign is None:
        raise DonationError("campaign_required", "campaign")
    if batch is None or campaign.id not in batch.permitted:
        if not permissions.can_log_for(actor, campaign):
            raise DonationError("campaign_not_allowed", "campaign", campaign=campaign.name)
        if batch is not None:
            batch.permitted.add(campaign.id)
    currency = (entry.currency or "").strip().upper()
    if not money.is_currency(currency):
        raise DonationError("currency_unknown", "currency", currency=entry.currency)
    day = entry.received_on
    if day is None:
        raise DonationError("date_required", "received_on")
    if day > (batch.latest_day if batch else latest_today()):
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
        unit = " ".join((entry.unit or "").split())
        for name, text, limit in (("item", item, MAX_ITEM_LENGTH), ("unit", unit, MAX_UNIT_LENGTH)):
            if len(text) > limit:
                raise DonationError("text_too_long", name, length=limit)
        extra = {"item": item, "quantity": entry.quantity, "unit": unit or "items"}
    elif entry.amount_minor is not None:
        amount_minor = entry.amount_minor
        if amount_minor <= 0:
            raise DonationError("amount_not_positive", "amount")
        if amount_minor >= 10 ** (money.MAX_WHOLE_DIGITS + money.minor_units(currency)):
            raise DonationError("amount_too_large", "amount", text=str(amount_minor))
        extra = {"item": None, "quantity": None, "unit": None}
    else:
        amount_minor = _amount_minor(entry.amount, currency, "amount")
        extra = {"item": None, "quantity": None, "unit": None}

    # A gift is never refused for want of a rate: it is stored in its own currency and waits for one.
    # The typing-mistake check uses the newest rate known, however old (none: the digit limit applies).
    per_eur = (batch.book if batch else rates.rate_book()).latest_per_eur(currency)
    if per_eur is not None and money.from_minor(amount_minor, currency) / per_eur > MAX_GIFT_EUR:
        raise DonationError("amount_too_large", "amount", text=entry.amount)

    donor_name = " ".join((entry.donor_name or "").split())
    contact = (entry.donor_contact or "").strip()
    if len(donor_name) > 200 or len(contact) > 254:
        raise DonationError("donor_too_long", "donor_name")
    return {
        "campaign_id": campaign.id, "kind": entry.kind, "amount_minor": amount_minor, "currency": currency,
        "received_on": day, "method": entry.method, "status": entry.status, "takings": _takings(entry),
        "donor_name": donor_name or None, "anonymous": bool(entry.anonymous), "donor_contact": contact or None,
        **extra,
    }


def _takings(entry: GiftEntry) -> Takings | None:
    if entry.takings is None or entry.kind is GiftKind.IN_KIND:
        return None
    if entry.campaign.kind is not CampaignKind.CHARITY_EVENT:
        raise DonationError("takings_not_an_evening", "takings")
    return entry.takings


def _amount_minor(text: str, currency: str, field: str) -> int:
    try:
        return money.to_minor(money.parse_amount(text, currency), currency)
    except money.MoneyError as error:
        raise DonationError(error.code, field, **error.params)


def share_of(donation: Donation) -> signals.GiftShare:
    """What the gift adds to the rollups as it stands."""
    return _share(donation.campaign_id, donation.received_on, donation.currency, donation.kind, donation.status,
                  donation.method, donation.amount_minor, donation.item, donation.unit, donation.quantity)


def _share(campaign_id, day, currency, kind, status, method, amount_minor, item, unit, quantity) -> signals.GiftShare:
    in_kind = kind is GiftKind.IN_KIND
    return signals.GiftShare(campaign_id, day, currency, kind, status, method, amount_minor,
                             item=item if in_kind else None, unit=unit if in_kind else None,
                             quantity=(quantity or 0) if in_kind else 0)


# What the audit trail keeps of a gift. Never the donor's name or contact: audit rows cannot be
# changed, and a donor may ask for those to be erased.
_AUDITED = ("campaign_id", "kind", "amount_minor", "currency", "item", "quantity", "unit", "received_on", "method",
            "takings", "status", "anonymous", "void_reason")
_DONOR_DETAILS = ("donor_name", "donor_contact")


def _audited(values: Donation | dict) -> dict:
    """A gift (or the row a bulk write inserts) as the audit trail keeps it."""
    if isinstance(values, Donation):
        return {name: getattr(values, name) for name in _AUDITED}
    return {name: values[name] for name in _AUDITED if name in values}


def _announce(changes: list[tuple[signals.GiftShare | None, signals.GiftShare | None]]) -> None:
    signals.announce(signals.gifts_changed, changes=changes)


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
    earlier = similar.typed_before(values) if entry.hold_if_repeated else None
    if earlier is not None:
        raise DonationError("probable_duplicate", "another_gift", gift=earlier.id, name=earlier.logged_by.name)
    row = {**values, "receipt_code": receipt_codes.new_code(), "submission_key": key, "logged_by_id": actor.id,
           "logged_at": _now()}
    # The same form submitted twice at once: the other request's row wins, nothing is rolled back.
    donation = insert_ignoring_conflict(Donation, row, "submission_key")
    if donation is None:
        return find_by_submission(key), False
    _announce([(None, share_of(donation))])
    # As the bulk path writes it: one plain INSERT, no object to flush.
    trail.record_many("gift.logged", "gift", [(donation.id, _audited(donation), entry.campaign.city_id)], actor=actor)
    return donation, True


def log_donations(actor: User, entries: list[GiftEntry], audited: bool = True) -> list[int]:
    """The bulk path: check every entry, store them all, and announce them as one change.

    Returns the new donations' ids, in the order of the entries. All or nothing: the first refusal
    raises (with `row`, its index) and nothing is stored. The rows go in as plain rows (no object
    is loaded), and the rollup layer folds the whole batch's cells and figures in one pass.
    `audited=False` is for a caller whose own audit event and records trace every gift (an import:
    its file, SHA-256 and each row), where one event per gift would only repeat them.
    """
    rows, batch, now = [], _Batch(rates.rate_book(), latest_today()), _now()
    for index, entry in enumerate(entries):
        try:
            values = _clean(actor, entry, batch)
        except DonationError as error:
            error.params["row"] = index
            raise
        rows.append({**values, "receipt_code": receipt_codes.new_code(), "submission_key": None,
                     "logged_by_id": actor.id, "logged_at": now})
    if not rows:
        return []
    # Inserted many rows per statement; matched back to the entries by their unique receipt codes.
    stored = dict(insert_many_returning(Donation, rows, ("receipt_code", "id")))
    _announce([(None, _share(row["campaign_id"], row["received_on"], row["currency"], row["kind"], row["status"],
                             row["method"], row["amount_minor"], row["item"], row["unit"], row["quantity"]))
               for row in rows])
    if not audited:
        return [stored[row["receipt_code"]] for row in rows]
    cities = {entry.campaign.id: entry.campaign.city_id for entry in entries}
    trail.record_many("gift.logged", "gift", [(stored[row["receipt_code"]], _audited(row), cities[row["campaign_id"]])
                                              for row in rows], actor=actor)
    return [stored[row["receipt_code"]] for row in rows]


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


def lock_donation(donation: Donation) -> None:
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
    lock_donation(donation)
    if not permissions.can_edit_donation(actor, donation):
        raise DonationError("donation_not_editable")
    reason = _reason(reason)
    if entry.status not in LOGGABLE_STATUSES:
        entry.status = donation.status if donation.status in LOGGABLE_STATUSES else DonationStatus.RECEIVED
    values = _clean(actor, entry)
    if donation.status is DonationStatus.VERIFIED:
        values["status"] = DonationStatus.RECEIVED  # a corrected entry needs verifying again
    _keep_revision(actor, donation, reason)
    before, audited = share_of(donation), _audited(donation)
    donor_changed = any(getattr(donation, name) != values[name] for name in _DONOR_DETAILS)
    for name, value in values.items():
        setattr(donation, name, value)
    db.session.flush()
    _announce([(before, share_of(donation))])
    old, new = trail.changed(audited, _audited(donation))
    if donor_changed:
        old["donor_details"], new["donor_details"] = "(as before)", "(changed)"
    trail.record("gift.corrected", "gift", donation.id, before={**old, "reason": reason}, after=new,
                 place_id=donation.campaign.city_id, actor=actor)
    return donation


def void_donation(actor: User, donation: Donation, reason: str) -> Donation:
    lock_donation(donation)
    if not permissions.can_edit_donation(actor, donation):
        raise DonationError("donation_not_editable")
    reason = _reason(reason)
    _keep_revision(actor, donation, reason)
    before = share_of(donation)
    old_status = donation.status.value
    donation.status = DonationStatus.VOID
    donation.void_reason = reason
    db.session.flush()
    _announce([(before, share_of(donation))])
    trail.record("gift.voided", "gift", donation.id, before={"status": old_status},
                 after={"status": DonationStatus.VOID.value, "void_reason": reason}, place_id=donation.campaign.city_id,
                 actor=actor)
    return donation


def set_status(actor: User, donation: Donation, status: DonationStatus) -> Donation:
    """A coordinator verifies a received gift, or marks a pledge as received."""
    lock_donation(donation)
    if not permissions.can_verify(actor, donation) or status is DonationStatus.VOID:
        raise DonationError("donation_not_verifiable")
    if donation.status is status:
        return donation
    _keep_revision(actor, donation, f"status: {donation.status.value} → {status.value}")
    before = share_of(donation)
    old_status = donation.status.value
    donation.status = status
    if status is DonationStatus.VERIFIED:
        donation.verified_by_id, donation.verified_at = actor.id, _now()
    db.session.flush()
    _announce([(before, share_of(donation))])
    trail.record("gift.status_changed", "gift", donation.id, before={"status": old_status},
                 after={"status": status.value}, place_id=donation.campaign.city_id, actor=actor)
    return donation


def entry_from(donation: Donation) -> GiftEntry:
    """The entry a correction form starts from."""
    amount = money.from_minor(donation.amount_minor, donation.currency)
    return GiftEntry(
        campaign=donation.campaign, kind=donation.kind,
        amount="" if donation.kind is GiftKind.IN_KIND and not donation.amount_minor else str(amount),
        currency=donation.currency, received_on=donation.received_on, method=donation.method,
        status=donation.status, item=donation.item or "", quantity=donation.quantity, unit=donation.unit or "",
        takings=donation.takings,
        donor_name=donation.donor_name or "", anonymous=donation.anonymous, donor_contact=donation.donor_contact or "")
