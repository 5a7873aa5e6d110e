"""Re-converting figures when rates arrive, campaign by campaign, in short transactions.

Each campaign's figures are converted with the rates table up to its `rates_through`. When rows
are added, the campaigns whose cells fall on the days those rates touch are moved to the newest
rows in batches: each batch takes its campaigns' state rows (as every writer does first), takes
their cells' figures away at the old book and adds them at the new one, and commits. A gift
written meanwhile to a campaign not yet moved is converted with that campaign's older book, so
every campaign's figures stay exact at every moment, and no request waits on a long transaction.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from sqlalchemy import func, select, update

from tracker import money
from tracker.extensions import db
from tracker.rates import services as rates
from tracker.rates.models import ExchangeRate
from tracker.rollups.figures import Figures, placings
from tracker.rollups.models import CampaignFigureState, DonationCell
from tracker.rollups.operations import bump_places, campaign_cells, lock_campaigns

# Cells re-converted per transaction. Each holds SQLite's one write lock (or its campaigns' rows) while it
# runs: 300 took up to half a second on a loaded two-core machine, so gifts waited over a second.
BATCH_CELLS = 100
BATCH_CAMPAIGNS = 10
# Seconds between batches. A writer waiting for SQLite's one write lock retries after sleeps that
# grow to 100 ms, so it needs a gap that long to get its turn; PostgreSQL queues row locks fairly.
PAUSE = {"sqlite": 0.1, "postgresql": 0.005}


def pending() -> int:
    """Campaigns whose figures still wait for rates that have arrived."""
    newest = rates.latest_id()
    return db.session.scalar(select(func.count()).select_from(CampaignFigureState)
                             .where(CampaignFigureState.rates_through < newest)) or 0


def _added(after_id: int, through_id: int) -> list[tuple[str, dt.date]]:
    return list(db.session.execute(select(ExchangeRate.currency, ExchangeRate.day).distinct().where(
        ExchangeRate.id > after_id, ExchangeRate.id <= through_id)).tuples())


def _touched_cells(campaign_id: int, added: list[tuple[str, dt.date]]):
    """The campaign's cells on the days these rates reach (their day and up to MAX_RATE_AGE after),
    each with the currencies whose new rates may change it."""
    days = [day for _, day in added]
    cells = campaign_cells(campaign_id, DonationCell.day >= min(days),
                           DonationCell.day <= max(days) + money.MAX_RATE_AGE)
    for cell in cells:
        reaching = frozenset(currency for currency, day in added
                             if day <= cell.day <= day + money.MAX_RATE_AGE)
        if reaching:
            yield cell, reaching


def convert_batch() -> int:
    """Move one batch of campaigns to the newest rates; returns how many were moved. Flushes only."""
    newest = rates.latest_id()
    candidates = list(db.session.scalars(
        select(CampaignFigureState.campaign_id).where(CampaignFigureState.rates_through < newest)
        .order_by(CampaignFigureState.campaign_id).limit(BATCH_CAMPAIGNS)))
    if not candidates:
        return 0
    through = lock_campaigns(candidates)
    where = placings(candidates)
    figures, moved, cells_done = Figures(), [], 0
    new_book = rates.book_through(newest)
    for campaign_id in candidates:
        old_id = through[campaign_id]
        if old_id >= newest:
            continue
        old_book = rates.book_through(old_id)
        placing = where[campaign_id]
        for cell, reaching in _touched_cells(campaign_id, _added(old_id, newest)):
            only = None if cell.currency in reaching else reaching
            figures.add_cell(placing, cell, old_book, -1, only)
            figures.add_cell(placing, cell, new_book, +1, only)
            cells_done += 1
        moved.append(campaign_id)
        if cells_done >= BATCH_CELLS:
            break
    bump_places(place_id for campaign_id in moved for place_id in where[campaign_id].place_ids)
    figures.apply()
    if moved:
        db.session.execute(update(CampaignFigureState).where(CampaignFigureState.campaign_id.in_(moved))
                           .values(rates_through=newest))
    return len(moved)


def convert_pending(commit: Callable[[], None], progress: Callable[[int, int], None] | None = None,
                    deadline: dt.datetime | None = None) -> int:
    """Batches until no campaign waits (or the deadline passes), committing each; returns campaigns moved."""
    total = 0
    while deadline is None or dt.datetime.now(dt.UTC) < deadline:
        moved = convert_batch()
        commit()
        if not moved:
            break
        time.sleep(PAUSE.get(db.session.get_bind().dialect.name, 0.01))
        total += moved
        if progress:
            progress(total, pending())
    return total

