"""Writing gifts straight through the donation operations: the bulk path, one by one, and the floor.

The gifts are copies of donations drawn at random (seed 2025) from the active campaigns' gifts
of the data set, so they fall on the campaigns, days, currencies and kinds the data set has:

- the floor: the same donation rows by plain INSERTs, no rollup touched: all of them in one
  transaction, and one row per transaction (median of --single-inserts); these rows are deleted
  again at once (no rollup ever counted them), so they leave nothing behind;
- the bulk path: `log_donations` in batches of BULK_BATCH gifts, each batch committed (an import's
  chunk: what the bulk path is for);
- one by one: `log_donation` and a commit per gift (its median is the one-gift time).

Each gift logged keeps its rollups, so the data set grows by twice the count (2 % of a million):
this step runs after everything else measured on the large data set, so nothing above is skewed.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import sys
import time
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import delete, func, insert, select

from tracker import money
from tracker.accounts.models import User
from benchmarks.stats import Timing
from tracker.campaigns.models import Campaign, CampaignStatus
from tracker.donations import operations, receipt_codes
from tracker.donations.models import Donation, DonationStatus, GiftKind
from tracker.donations.operations import GiftEntry
from tracker.extensions import db
from tracker.imports.operations import COMMIT_CHUNK

BULK_BATCH = COMMIT_CHUNK  # gifts per log_donations call and transaction: as an import writes them
SEED = 2025
ID_CHUNK = 5_000


@dataclass(frozen=True)
class WriteFigures:
    gifts: int
    bulk_batch: int
    plain_bulk: float  # seconds: every row by plain INSERTs in one transaction
    bulk: float  # seconds: log_donations in batches, each committed
    one_by_one: Timing  # per gift: log_donation + commit
    plain_single: Timing  # per row: one-row INSERT + commit

    @property
    def one_by_one_total(self) -> float:
        return sum(self.one_by_one.seconds)


def _step(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def _sample_gifts(count: int) -> list[Donation]:
    """`count` donations of active campaigns, drawn at random with a fixed seed."""
    active = select(Campaign.id).where(Campaign.status == CampaignStatus.ACTIVE)
    ids = list(db.session.scalars(select(Donation.id).where(Donation.campaign_id.in_(active))
                                  .order_by(Donation.id)))
    chosen = sorted(random.Random(SEED).sample(ids, min(count, len(ids))))
    gifts = []
    for start in range(0, len(chosen), ID_CHUNK):
        gifts += db.session.scalars(select(Donation).where(Donation.id.in_(chosen[start:start + ID_CHUNK]))
                                    .order_by(Donation.id))
    return gifts


@dataclass(frozen=True)
class _Gift:
    """What a volunteer would type for a copy of a stored donation (no ORM object kept)."""

    campaign_id: int
    kind: GiftKind
    amount: str
    currency: str
    received_on: dt.date
    method: object
    status: DonationStatus
    item: str
    quantity: int | None
    unit: str

    @classmethod
    def copy_of(cls, donation: Donation) -> _Gift:
        in_kind = donation.kind is GiftKind.IN_KIND
        amount = "" if in_kind and not donation.amount_minor else str(
            money.from_minor(donation.amount_minor, donation.currency))
        status = donation.status if donation.status in operations.LOGGABLE_STATUSES else DonationStatus.RECEIVED
        return cls(donation.campaign_id, donation.kind, amount, donation.currency, donation.received_on,
                   donation.method, status, donation.item or "", donation.quantity, donation.unit or "")

    def entry(self, campaigns: dict[int, Campaign], donor_name: str) -> GiftEntry:
        return GiftEntry(campaign=campaigns[self.campaign_id], kind=self.kind, amount=self.amount,
                         currency=self.currency, received_on=self.received_on, method=self.method,
                         status=self.status, item=self.item, quantity=self.quantity, unit=self.unit,
                         donor_name=donor_name)


def _campaigns(gifts: list[_Gift]) -> dict[int, Campaign]:
    ids = sorted({gift.campaign_id for gift in gifts})
    return {campaign.id: campaign for campaign in db.session.scalars(select(Campaign).where(Campaign.id.in_(ids)))}


def _plain_rows(actor_id: int, gifts: list[_Gift], tag: str) -> list[dict]:
    """The rows log_donation would store, checked by the same rules, for the plain INSERTs."""
    actor = db.session.get(User, actor_id)
    campaigns = _campaigns(gifts)
    rows = []
    for number, gift in enumerate(gifts):
        values = operations._clean(actor, gift.entry(campaigns, f"{tag}-{number:06d}"))
        rows.append({**values, "receipt_code": receipt_codes.new_code(), "submission_key": None,
                     "logged_by_id": actor_id, "logged_at": dt.datetime.now(dt.UTC)})
    return rows


def _delete_plain(tag: str) -> int:
    deleted = db.session.execute(delete(Donation).where(Donation.donor_name.startswith(tag + "-", autoescape=True)))
    db.session.commit()
    return deleted.rowcount


def _time_plain(actor_id: int, gifts: list[_Gift], singles: int) -> tuple[float, Timing]:
    tag = f"plain-{secrets.token_hex(4)}"
    rows = _plain_rows(actor_id, gifts, tag)
    db.session.commit()
    started = time.perf_counter()
    db.session.execute(insert(Donation), rows)
    db.session.commit()
    plain_bulk = time.perf_counter() - started
    _step(f"plain INSERT of {len(rows):,} rows in one transaction: {plain_bulk:.2f} s; deleted "
          f"{_delete_plain(tag):,} again")
    durations = []
    for row in rows[:singles]:
        started = time.perf_counter()
        db.session.execute(insert(Donation), [row])
        db.session.commit()
        durations.append(time.perf_counter() - started)
    _step(f"plain one-row INSERT transactions: {len(durations):,}, median {Timing(tuple(durations)).median * 1000:.2f}"
          f" ms; deleted {_delete_plain(tag):,} again")
    return plain_bulk, Timing(tuple(durations))


def _time_bulk(actor_id: int, gifts: list[_Gift], batch: int) -> float:
    tag = f"bulk-{secrets.token_hex(4)}"
    db.session.commit()
    started = time.perf_counter()
    for start in range(0, len(gifts), batch):
        actor = db.session.get(User, actor_id)
        part = gifts[start:start + batch]
        campaigns = _campaigns(part)
        operations.log_donations(actor, [gift.entry(campaigns, f"{tag}-{start + number:06d}")
                                         for number, gift in enumerate(part)])
        db.session.commit()
    seconds = time.perf_counter() - started
    _step(f"log_donations, {batch} per transaction: {len(gifts):,} gifts in {seconds:.2f} s")
    return seconds


def _time_one_by_one(actor_id: int, gifts: list[_Gift]) -> Timing:
    """Each gift as a request logs it: the actor and the campaign read afresh, log_donation, commit."""
    tag = f"single-{secrets.token_hex(4)}"
    db.session.commit()
    durations = []
    for number, gift in enumerate(gifts):
        started = time.perf_counter()
        actor = db.session.get(User, actor_id)
        campaign = db.session.get(Campaign, gift.campaign_id)
        operations.log_donation(actor, gift.entry({gift.campaign_id: campaign}, f"{tag}-{number:06d}"))
        db.session.commit()
        durations.append(time.perf_counter() - started)
    timing = Timing(tuple(durations))
    _step(f"log_donation + commit one by one: {len(gifts):,} gifts in {sum(durations):.2f} s "
          f"(median {timing.median * 1000:.2f} ms)")
    return timing


def time_writes(app: Flask, actor_email: str, count: int, singles: int, batch: int = BULK_BATCH) -> WriteFigures:
    with app.app_context():
        actor_id = db.session.scalar(select(User.id).where(func.lower(User.email) == actor_email.lower()))
        gifts = [_Gift.copy_of(donation) for donation in _sample_gifts(count)]
        db.session.rollback()
        _step(f"{len(gifts):,} gifts copied from the data set; floor first")
        plain_bulk, plain_single = _time_plain(actor_id, gifts, singles)
        bulk = _time_bulk(actor_id, gifts, batch)
        one_by_one = _time_one_by_one(actor_id, gifts)
        db.session.remove()
    return WriteFigures(len(gifts), batch, plain_bulk, bulk, one_by_one, plain_single)


def profile_one_gift(app: Flask, actor_email: str, top: int = 25) -> str:
    """cProfile of one log_donation + commit, cumulative order: where a single gift's time goes."""
    import cProfile
    import io
    import pstats

    with app.app_context():
        actor_id = db.session.scalar(select(User.id).where(func.lower(User.email) == actor_email.lower()))
        gift = _Gift.copy_of(_sample_gifts(1)[0])
        db.session.commit()
        profiler = cProfile.Profile()
        profiler.enable()
        actor = db.session.get(User, actor_id)
        campaign = db.session.get(Campaign, gift.campaign_id)
        operations.log_donation(actor, gift.entry({gift.campaign_id: campaign}, "profiled-gift"))
        db.session.commit()
        profiler.disable()
        db.session.remove()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()
