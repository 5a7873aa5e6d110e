"""Committing an import's plan, and a person's decision on a probable duplicate.

All or nothing: a plan with an error row is refused whole. New gifts go through the donations'
bulk path (one pass of the rollups for the batch); gifts imported earlier and refunded now are
corrected or voided through the donations' own operations, so their history says why.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import insert, select

from tracker import money, permissions, signals
from tracker.accounts.models import User
from tracker.audit import trail
from tracker.donations import operations as donations
from tracker.donations.models import Donation, DonationStatus, GiftKind, Method
from tracker.database import insert_many_returning, insert_plain
from tracker.extensions import db
from tracker.imports.models import ImportBatch, ImportedRecord, ImportMapping, RecordKind, RecordState, RowOutcome
from tracker.imports.parsing import Action, RawRows, ValueRefused, mapped

COMMIT_CHUNK = 10000
NEW, ALREADY, DUPLICATE, REFUND = (RowOutcome.NEW, RowOutcome.ALREADY_IMPORTED, RowOutcome.PROBABLE_DUPLICATE,
                                   RowOutcome.REFUND)


class ImportRefused(ValueError):
    """A refusal: `code` names the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def _entry(plan, outcome) -> donations.GiftEntry:
    record = outcome.record
    return donations.GiftEntry(
        campaign=plan.campaign, kind=GiftKind.MONEY, currency=record.currency, received_on=record.day,
        amount="", amount_minor=outcome.counted_minor, method=Method(record.method),
        donor_name=record.donor_name[:200], donor_contact=record.donor_contact[:254])


def _row(batch: ImportBatch, plan, outcome, raw: str, **values) -> dict:
    record = outcome.record
    return {"batch_id": batch.id, "source": plan.source, "external_id": record.external_id, "line": record.line,
            "received_on": record.day, "currency": record.currency, "gross_minor": outcome.gross_minor,
            "refunded_minor": 0, "fee_minor": outcome.fee_minor,
            "fee_currency": record.fee_currency or record.currency, "refund_of_id": None, "donation_id": None,
            "duplicate_of_id": None, "donor_name": None, "donor_contact": None,
            "raw": raw, **values}


def _new_gift_record(outcome) -> bool:
    """A row that becomes a gift record: a new gift, a gift refunded in full by its own status, or one
    waiting for a person's decision."""
    own_refund = (outcome.status == REFUND and outcome.existing is None and outcome.refund_of is None
                  and outcome.record.action is not Action.GIFT and outcome.record.refund_of == outcome.record.external_id)
    return outcome.status in (NEW, DUPLICATE) or own_refund


def _gift_row(batch: ImportBatch, plan, outcome, raw: str, donation_id: int | None) -> dict:
    if outcome.status == DUPLICATE:
        return _row(batch, plan, outcome, raw, kind=RecordKind.GIFT, state=RecordState.AWAITING_DECISION,
                    refunded_minor=outcome.refunded_minor, duplicate_of_id=outcome.duplicate_of_id,
                    donor_name=outcome.record.donor_name[:200] or None,
                    donor_contact=outcome.record.donor_contact[:254] or None)
    return _row(batch, plan, outcome, raw, kind=RecordKind.GIFT, refunded_minor=outcome.refunded_minor,
                state=RecordState.COUNTED if outcome.counted_minor > 0 else RecordState.REFUNDED,
                donation_id=donation_id)


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def commit_import(actor: User, plan) -> ImportBatch:
    """Store what the plan (tracker.imports.planning) shows. Flushes only: the request or command commits.
    Refuses (ImportRefused) when the file can no longer be read as it was planned: the caller rolls back."""
    try:
        return _commit(actor, plan)
    except ValueRefused as refused:  # the file, read again for its rows, is gone or changed
        raise ImportRefused(refused.code, **refused.params) from None


def _commit(actor: User, plan) -> ImportBatch:
    if not permissions.can_import_for(actor, plan.campaign):
        raise ImportRefused("campaign_not_allowed", campaign=plan.campaign.name)
    if plan.has_errors:
        raise ImportRefused("rows_in_error", count=plan.count(RowOutcome.ERROR))
    batch = ImportBatch(campaign_id=plan.campaign.id, format=plan.format, file_name=plan.file_name[:255],
                        sha256=plan.sha256, uploaded_by_id=actor.id, uploaded_at=dt.datetime.now(dt.UTC),
                        rows=len(plan.outcomes), new=plan.count(NEW), duplicates=plan.count(ALREADY) + plan.count(DUPLICATE),
                        refunds=plan.count(REFUND), skipped=plan.count(RowOutcome.SKIPPED))
    db.session.add(batch)
    db.session.flush()
    # Refund rows of this file need the ids of the gift records they give back.
    refunded_here = {id(o.refund_of) for o in plan.outcomes if o.status == REFUND and o.refund_of is not None}
    stored, gift_of = {}, {}
    raw = RawRows(plan.raw_rows())
    for chunk in _chunks([o for o in plan.outcomes if _new_gift_record(o)], COMMIT_CHUNK):
        counted = [o for o in chunk if o.status == NEW and o.counted_minor > 0]
        # One bulk write per chunk: a large export's rows, rollup folds and statements stay bounded in memory.
        ids = donations.log_donations(actor, [_entry(plan, o) for o in counted], audited=False)
        # Gift ids are kept only for what refund rows of this file still need.
        gift_of.update((id(o), donation_id) for o, donation_id in zip(counted, ids) if id(o) in refunded_here)
        donation_of = dict(zip(map(id, counted), ids))
        rows = [_gift_row(batch, plan, o, raw.at(o.record.line), donation_of.get(id(o))) for o in chunk]
        wanted = {o.record.external_id for o in chunk if id(o) in refunded_here}
        if not wanted:
            insert_plain(ImportedRecord, rows)
            continue
        returned = insert_many_returning(ImportedRecord, rows, ("external_id", "id"))
        stored.update((external_id, record_id) for external_id, record_id in returned if external_id in wanted)

    refund_rows = []
    raw = RawRows(plan.raw_rows())
    for outcome in plan.outcomes:
        if outcome.status != REFUND or outcome.record.action is Action.GIFT or (
                outcome.record.refund_of == outcome.record.external_id and outcome.existing is None):
            continue
        if outcome.refund_of is not None:  # a gift of this file
            target_id, donation_id = stored[outcome.refund_of.record.external_id], gift_of.get(id(outcome.refund_of))
        else:
            target_id, donation_id = outcome.existing.id, outcome.existing.donation_id
        if outcome.record.refund_of != outcome.record.external_id:
            refund_rows.append(_row(batch, plan, outcome, raw.at(outcome.record.line), kind=RecordKind.REFUND, state=RecordState.COUNTED,
                                    refund_of_id=target_id, donation_id=donation_id))
    if refund_rows:
        db.session.execute(insert(ImportedRecord.__table__), refund_rows)
    _refund_earlier_gifts(actor, plan)
    trail.record("import.committed", "import_batch", batch.id, after={
        "file_name": batch.file_name, "sha256": batch.sha256, "format": batch.format, **{
            key: value for key, value in plan.summary().items() if key != "format"}},
        place_id=plan.campaign.city_id, actor=actor)
    # The ledger records what the platform kept on the new gifts (the summary's fees) as costs, per day.
    signals.platform_fees.send(None, actor=actor, batch_id=batch.id, fees=_fees_by_day(plan))
    return batch


def _fees_by_day(plan) -> dict[tuple[dt.date, str], int]:
    fees: dict[tuple[dt.date, str], int] = {}
    for outcome in plan.new_gifts():
        if outcome.fee_minor:
            key = (outcome.record.day, outcome.record.fee_currency)
            fees[key] = fees.get(key, 0) + outcome.fee_minor
    return fees


def _refund_earlier_gifts(actor: User, plan) -> None:
    """Refunds, in this file, of gifts imported earlier: the gift is corrected to what it keeps, or voided."""
    given_back: dict[int, int] = {}
    records: dict[int, ImportedRecord] = {}
    for outcome in plan.outcomes:
        if outcome.status != REFUND or outcome.existing is None:
            continue
        earlier = outcome.existing
        records[earlier.id] = earlier
        if outcome.record.action is Action.GIFT or outcome.record.refund_of == outcome.record.external_id:
            given_back[earlier.id] = max(given_back.get(earlier.id, earlier.refunded_minor), outcome.refunded_minor)
        else:
            given_back[earlier.id] = given_back.get(earlier.id, earlier.refunded_minor) + outcome.gross_minor
    for record_id, refunded in given_back.items():
        earlier = records[record_id]
        refunded = min(refunded, earlier.gross_minor)
        earlier.refunded_minor = refunded
        reason = f"Refunded on {plan.format} ({earlier.external_id}), file {plan.file_name}"[:500]
        donation = db.session.get(Donation, earlier.donation_id) if earlier.donation_id else None
        if earlier.counted_minor <= 0:
            earlier.state = RecordState.REFUNDED
            if donation is not None and donation.status is not DonationStatus.VOID:
                donations.void_donation(actor, donation, reason)
        elif donation is not None and donation.amount_minor != earlier.counted_minor:
            entry = donations.entry_from(donation)
            entry.amount = str(money.from_minor(earlier.counted_minor, donation.currency))
            donations.correct_donation(actor, donation, entry, reason)
    db.session.flush()


MAPPING_TEXT_LIMIT = 200


def save_mapping(actor: User, organisation, name: str, columns: dict[str, str], currency: str = "",
                 counted_statuses: str = "", day_order: str = "dmy", decimal_mark: str = ",") -> ImportMapping:
    """An organisation's column mapping, checked: a name, and the columns of the id, date and amount."""
    if not permissions.coordinates(actor, organisation.city):
        raise ImportRefused("organisation_not_allowed", organisation=organisation.name)
    name = " ".join((name or "").split())
    columns = {field: " ".join((columns.get(field) or "").split()) for field in mapped.FIELDS}
    if not name:
        raise ImportRefused("mapping_name_required")
    if any(len(text) > MAPPING_TEXT_LIMIT for text in (name, counted_statuses or "", *columns.values())):
        raise ImportRefused("text_too_long", length=MAPPING_TEXT_LIMIT)
    missing = [field for field in mapped.REQUIRED if not columns[field]]
    if missing:
        raise ImportRefused("mapping_columns_required")
    currency = (currency or "").strip().upper()
    if currency and not money.is_currency(currency):
        raise ImportRefused("currency_unknown", currency=currency)
    if not currency and not columns["currency"]:
        raise ImportRefused("mapping_currency_required")
    if day_order not in ("dmy", "mdy") or decimal_mark not in (",", "."):
        raise ImportRefused("choice_invalid")
    if db.session.scalar(select(ImportMapping.id).where(ImportMapping.organisation_id == organisation.id,
                                                        ImportMapping.name == name)) is not None:
        raise ImportRefused("mapping_name_taken", name=name)
    mapping = ImportMapping(organisation_id=organisation.id, name=name,
                            columns=json.dumps({f: c for f, c in columns.items() if c}, ensure_ascii=False),
                            currency=currency, counted_statuses=" ".join((counted_statuses or "").split()),
                            day_order=day_order, decimal_mark=decimal_mark, created_by_id=actor.id,
                            created_at=dt.datetime.now(dt.UTC))
    db.session.add(mapping)
    db.session.flush()
    trail.record("import_mapping.saved", "import_mapping", mapping.id,
                 after={"name": name, **{f"{f}_column": c for f, c in columns.items() if c}, "currency": currency,
                        "counted_statuses": mapping.counted_statuses}, place_id=organisation.city_id,
                 actor=actor)
    return mapping


def erase_donor_rows(donation_id: int) -> int:
    """A donor's erasure reaches the rows imported for their gift: each keeps its platform, transaction id,
    file, SHA-256 and line, which find it again in the file, but no longer the cells, which name them."""
    records = list(db.session.scalars(select(ImportedRecord).where(ImportedRecord.donation_id == donation_id)))
    for record in records:
        record.raw, record.donor_name, record.donor_contact = "{}", None, None
    db.session.flush()
    return len(records)


def _fee_decided(actor: User, record: ImportedRecord) -> None:
    """A record that waited for a person is a gift after all (merged or its own): what the platform kept
    on it is a cost, as for the file's new gifts."""
    if record.fee_minor:
        signals.platform_fees.send(None, actor=actor, batch_id=record.batch_id,
                                   fees={(record.received_on, record.fee_currency): record.fee_minor})


def merge_with_typed(actor: User, record: ImportedRecord) -> Donation:
    """A person says the imported record is the gift typed by hand: that gift is now verified by it."""
    donation = record.duplicate_of
    if not permissions.can_decide_import(actor, record.batch.campaign) or donation is None:
        raise ImportRefused("decision_not_allowed")
    before = {"state": record.state.value, "looked_like": donation.id}
    record.state, record.donation_id, record.duplicate_of_id = RecordState.MERGED, donation.id, None
    record.donor_name = record.donor_contact = None
    if donation.status is not DonationStatus.VERIFIED:
        donations.set_status(actor, donation, DonationStatus.VERIFIED)
    trail.record("import.merged", "imported_record", record.id, before=before,
                 after={"state": record.state.value, "gift": donation.id},
                 place_id=record.batch.campaign.city_id, actor=actor)
    _fee_decided(actor, record)
    return donation


def keep_separate(actor: User, record: ImportedRecord) -> Donation:
    """A person says the imported record is a gift of its own: it is logged and counts."""
    campaign = record.batch.campaign
    if not permissions.can_decide_import(actor, campaign):
        raise ImportRefused("decision_not_allowed")
    entry = donations.GiftEntry(campaign=campaign, kind=GiftKind.MONEY, currency=record.currency,
                                received_on=record.received_on, method=Method.ONLINE_PLATFORM,
                                amount=str(money.from_minor(record.counted_minor, record.currency)),
                                donor_name=record.donor_name or "", donor_contact=record.donor_contact or "")
    [donation_id] = donations.log_donations(actor, [entry])
    before = {"state": record.state.value, "looked_like": record.duplicate_of_id}
    record.state, record.donation_id, record.duplicate_of_id = RecordState.COUNTED, donation_id, None
    record.donor_name = record.donor_contact = None
    trail.record("import.kept_separate", "imported_record", record.id, before=before,
                 after={"state": record.state.value, "gift": donation_id},
                 place_id=campaign.city_id, actor=actor)
    _fee_decided(actor, record)
    db.session.flush()
    return db.session.get(Donation, donation_id)
