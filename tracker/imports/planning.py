"""What an import would do, row by row, before anything is stored: the preview, and the plan a commit follows.

Every row gets one outcome: new, already imported, probable duplicate (of a gift typed by hand),
refund, skipped or error, with the reason. Refunds are matched to their gift in the same file
(in any order: PayPal lists the newest first) or to a gift imported earlier.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import exists, or_, select

from tracker import money
from tracker.campaigns.models import Campaign
from tracker.database import among
from tracker.donations.models import Donation, DonationStatus
from tracker.donations.operations import EARLIEST_DAY, latest_today
from tracker.extensions import db
from tracker.imports.models import ImportedRecord, ImportMapping, RecordKind, RowOutcome
from tracker.imports.parsing import Action, Record, ValueRefused, mapped, parse_file
from tracker.imports.parsing.table import Source, chunks

DUPLICATE_WINDOW = dt.timedelta(days=3)  # a gift typed by hand is dated within this of the platform's record
NEW, ALREADY, DUPLICATE, REFUND, SKIPPED, ERROR = RowOutcome


@dataclass(slots=True)
class Outcome:
    record: Record
    status: str
    reason: str = ""
    params: dict | None = None  # the reason's placeholders; most rows have none, and a dict each would add up
    gross_minor: int = 0
    fee_minor: int = 0
    refunded_minor: int = 0  # gift rows: given back, by this row or by refund rows of the same file
    existing: ImportedRecord | None = None  # the earlier import of this gift (already imported, or refunded now)
    refund_of: Outcome | None = None  # refund rows: the gift row of this file they give back
    duplicate_of_id: int | None = None

    @property
    def counted_minor(self) -> int:
        return self.gross_minor - self.refunded_minor


@dataclass
class Plan:
    campaign: Campaign
    format: str
    file_name: str
    sha256: str
    outcomes: list[Outcome]
    raw_rows: Callable[[], Iterator[tuple[int, str]]]  # (line, the row as JSON), from the file afresh
    warnings: list[tuple[str, dict]] = field(default_factory=list)
    source: str = ""  # what transaction ids are unique within: the format, or a column mapping's own

    def __post_init__(self) -> None:
        self.source = self.source or self.format

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def has_errors(self) -> bool:
        return any(outcome.status == ERROR for outcome in self.outcomes)

    def new_gifts(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == NEW and o.record.action is Action.GIFT]

    def totals(self) -> dict[str, int]:
        """Per currency, in minor units: what the new gifts count for."""
        sums: dict[str, int] = defaultdict(int)
        for outcome in self.new_gifts():
            sums[outcome.record.currency] += outcome.counted_minor
        return dict(sorted(sums.items()))

    def fees(self) -> dict[str, int]:
        sums: dict[str, int] = defaultdict(int)
        for outcome in self.new_gifts():
            if outcome.fee_minor:
                sums[outcome.record.fee_currency] += outcome.fee_minor
        return dict(sorted(sums.items()))

    def summary(self) -> dict:
        as_text = {currency: str(money.from_minor(amount, currency)) for currency, amount in self.totals().items()}
        fees = {currency: str(money.from_minor(amount, currency)) for currency, amount in self.fees().items()}
        return {"format": self.format, "rows": len(self.outcomes), "new": self.count(NEW),
                "duplicates": self.count(ALREADY) + self.count(DUPLICATE), "refunds": self.count(REFUND),
                "skipped": self.count(SKIPPED), "errors": self.count(ERROR), "totals": as_text,
                "probable_duplicates": self.count(DUPLICATE), "fees": fees}


def plan_import(campaign: Campaign, source: Source, file_name: str, format_name: str = "auto",
                progress=None, mapping: ImportMapping | None = None) -> Plan:
    """Read the file (its bytes, or its path: read as a stream) and decide every row's outcome; nothing
    is written. Raises ValueRefused for a file that cannot be read at all."""
    parsed = parse_file(source, format_name, _parsing_mapping(mapping) if mapping is not None else None)
    latest_day = latest_today()
    records = progress(parsed.records) if progress else parsed.records
    outcomes = [_checked(record, latest_day) for record in records]
    digest = hashlib.sha256()
    for chunk in chunks(source):
        digest.update(chunk)
    plan = Plan(campaign, parsed.format, file_name, digest.hexdigest(), outcomes, parsed.raw_rows,
                source=mapping.source if mapping is not None else "")
    if not outcomes:
        raise ValueRefused("no_rows")
    _against_earlier_imports(plan)
    _refunds(plan)
    _probable_duplicates(plan)
    currencies = {o.record.currency for o in plan.new_gifts()}
    if currencies and campaign.currency not in currencies:
        plan.warnings.append(("currency_mix", {"campaign": campaign.currency, "file": ", ".join(sorted(currencies))}))
    return plan


def _parsing_mapping(mapping: ImportMapping) -> mapped.Mapping:
    return mapped.Mapping(json.loads(mapping.columns), mapping.currency,
                          tuple(s.strip() for s in mapping.counted_statuses.split(",") if s.strip()),
                          mapping.day_order, mapping.decimal_mark)



def _checked(record: Record, latest_day: dt.date) -> Outcome:
    if record.action is Action.ERROR:
        return Outcome(record, ERROR, record.reason, record.params)
    if record.action is Action.SKIP:
        return Outcome(record, SKIPPED, record.reason, record.params)
    try:
        if not record.external_id:
            raise ValueRefused("no_transaction_id")
        if len(record.external_id) > 128:
            raise ValueRefused("transaction_id_too_long")
        if not money.is_currency(record.currency):
            raise ValueRefused("currency_unknown", currency=record.currency)
        if record.day > latest_day:
            raise ValueRefused("date_in_future", day=record.day.isoformat())
        if record.day < EARLIEST_DAY:
            raise ValueRefused("date_too_early", day=record.day.isoformat())
        if record.gross <= 0:
            raise ValueRefused("amount_not_positive")
        if record.gross > Decimal(10) ** money.MAX_WHOLE_DIGITS:
            raise ValueRefused("amount_too_large")
        record.fee_currency = record.fee_currency or record.currency
        if not money.is_currency(record.fee_currency):
            raise ValueRefused("currency_unknown", currency=record.fee_currency)
        gross, refunded = _minor(record.gross, record.currency), _minor(record.refunded, record.currency)
        fee = _minor(record.fee, record.fee_currency)
        record.gross = record.fee = record.refunded = None  # held as minor units from here on
        # One string per currency for a whole export, not one per row.
        record.currency, record.fee_currency = sys.intern(record.currency), sys.intern(record.fee_currency)

    except ValueRefused as refused:
        return Outcome(record, ERROR, refused.code, refused.params)
    if record.action is Action.REFUND:
        # A row refunded by its own status gives back all of its gift; a refund row, what it says.
        return Outcome(record, REFUND, gross_minor=gross, fee_minor=fee,
                       refunded_minor=gross if record.refund_of == record.external_id else 0)
    return Outcome(record, NEW, gross_minor=gross, fee_minor=fee, refunded_minor=min(refunded, gross))


def _minor(amount: Decimal, currency: str) -> int:
    minor = amount.scaleb(money.minor_units(currency))
    if minor != minor.to_integral_value():
        raise ValueRefused("amount_too_precise", currency=currency, digits=money.minor_units(currency))
    return int(minor)


def _own_refund(outcome: Outcome) -> bool:
    """A gift row whose own status says it was given back (Stripe, HelloAsso, Donorbox, GiveWP)."""
    return outcome.record.action is Action.REFUND and outcome.record.refund_of == outcome.record.external_id


def _earlier_records(source: str, ids: set[str]) -> dict[str, ImportedRecord]:
    found = {}
    for condition in among(ImportedRecord.external_id, sorted(ids)):
        query = select(ImportedRecord).where(ImportedRecord.source == source, condition)
        found.update({record.external_id: record for record in db.session.scalars(query)})
    return found


def _against_earlier_imports(plan: Plan) -> None:
    live = [o for o in plan.outcomes if o.status in (NEW, REFUND)]
    earlier = _earlier_records(plan.source, {o.record.external_id for o in live} | {
        o.record.refund_of for o in live if o.record.refund_of})
    seen: set[tuple[str, str]] = set()
    for outcome in live:
        record = outcome.record
        key = (record.action, record.external_id)
        if key in seen:
            outcome.status, outcome.reason = ALREADY, "repeated_in_file"
            continue
        seen.add(key)
        before = earlier.get(record.external_id)
        if before is None:
            continue
        outcome.existing = before
        gave_back_more = outcome.refunded_minor > before.refunded_minor and before.kind is RecordKind.GIFT
        if before.kind is RecordKind.GIFT and (_own_refund(outcome) or record.action is Action.GIFT) and gave_back_more:
            outcome.status = REFUND  # a later export shows more of an imported gift given back
        else:
            outcome.status, outcome.reason = ALREADY, "imported_before"
    for outcome in live:
        if outcome.status == REFUND and not _own_refund(outcome) and outcome.existing is None:
            outcome.existing = earlier.get(outcome.record.refund_of)


def _refunds(plan: Plan) -> None:
    gifts = {o.record.external_id: o for o in plan.outcomes
             if o.status in (NEW, REFUND) and o.record.action is Action.GIFT or _own_refund(o) and o.status == REFUND}
    for outcome in plan.outcomes:
        if outcome.status != REFUND or _own_refund(outcome) or outcome.record.action is Action.GIFT:
            continue
        gift = gifts.get(outcome.record.refund_of)
        if gift is not None and gift.existing is None and gift.record.action is Action.GIFT:
            gift.refunded_minor = min(gift.gross_minor, gift.refunded_minor + outcome.gross_minor)
            outcome.refund_of = gift
        elif outcome.existing is not None and outcome.existing.kind is RecordKind.GIFT:
            continue  # given back from a gift imported earlier
        else:
            outcome.status, outcome.reason = SKIPPED, "refund_of_unknown"
            outcome.params = {"reference": outcome.record.refund_of}


def _probable_duplicates(plan: Plan) -> None:
    """A new gift that matches one typed by hand (same campaign, currency and amount, dated within a
    few days, not itself imported) waits for a person: it is not counted twice, nor dropped."""
    gifts = [o for o in plan.new_gifts() if o.counted_minor > 0]
    if not gifts:
        return
    first = min(o.record.day for o in gifts) - DUPLICATE_WINDOW
    last = max(o.record.day for o in gifts) + DUPLICATE_WINDOW
    imported = exists().where(or_(ImportedRecord.donation_id == Donation.id, ImportedRecord.duplicate_of_id == Donation.id))
    query = (select(Donation.id, Donation.currency, Donation.amount_minor, Donation.received_on)
             .where(Donation.campaign_id == plan.campaign.id, Donation.status != DonationStatus.VOID,
                    Donation.received_on.between(first, last), ~imported).order_by(Donation.id))
    typed: dict[tuple[str, int], list[tuple[int, dt.date]]] = defaultdict(list)
    for donation_id, currency, amount, day in db.session.execute(query):
        typed[(currency, amount)].append((donation_id, day))
    for outcome in gifts:
        candidates = typed.get((outcome.record.currency, outcome.counted_minor), [])
        match = next((c for c in candidates if abs(c[1] - outcome.record.day) <= DUPLICATE_WINDOW), None)
        if match is not None:
            candidates.remove(match)
            outcome.status, outcome.reason, outcome.duplicate_of_id = DUPLICATE, "typed_by_hand", match[0]
            outcome.params = {"gift": match[0]}
