"""Keeping the cells and figures in step with what features announce. Changes only flush.

Every writer locks what it touches in one order: the campaigns' figure states (by id), then the
places' versions (by id), then cells, then figures (each sorted by key). So concurrent writers on
PostgreSQL never wait on each other in a circle, and a campaign's cells are only ever changed by
a writer holding its state row: what its upsert of a cell returns, less what it added, is what
the cell held before.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable

from sqlalchemy import select

from tracker.database import add_rows_to_counters_returning, add_to_counters, upsert_returning
from tracker.extensions import db
from tracker.rates import services as rates
from tracker.rollups.figures import Cell, Figures, placing_of, placings
from tracker.rollups.models import (CELL_KEY, IN_KIND_KEY, CampaignFigureState, DonationCell, InKindCell,
                                    PlaceFigureVersion)
from tracker.signals import CampaignPlacing, GiftShare


def fold_text(text: str | None) -> str:
    """The one rule that groups in-kind items: Unicode case folding of the NFC form, spaces collapsed.

    Done in Python on every database (SQLite's lower() folds ASCII only), on write and in the check.
    """
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def lock_campaigns(campaign_ids: Iterable[int]) -> dict[int, int]:
    """Take each campaign's figure state row, in id order, moving its version on: {id: rates_through}.

    A campaign seen for the first time has no cells yet, so it starts at the newest rates.
    """
    return {campaign_id: through for campaign_id, through, _ in _lock_states(campaign_ids)}


def _lock_states(campaign_ids: Iterable[int]) -> list[tuple[int, int, int]]:
    ids = sorted(set(campaign_ids))
    if not ids:
        return []
    newest = rates.latest_id()
    return upsert_returning(CampaignFigureState, "campaign_id", "version",
                            [{"campaign_id": i, "version": 1, "rates_through": newest} for i in ids],
                            ("campaign_id", "rates_through", "version"))


def bump_places(place_ids: Iterable[int]) -> None:
    add_to_counters(PlaceFigureVersion, ("place_id",), [{"place_id": i, "version": 1} for i in sorted(set(place_ids))])


def _cell_key(share: GiftShare) -> tuple:
    return (share.campaign_id, share.day, share.currency, str(share.kind), str(share.status), str(share.method))


def _add_to_cells(cells: dict[tuple, list[int]]) -> dict[tuple, tuple[int, int]]:
    """Add these counts to their cells, giving back each cell's counts from before (safe: their
    campaigns' state rows are held, so nobody else changed them meanwhile). The cells' upsert
    returns what it stored, so they are not read first."""
    keys = sorted(cells)
    stored = add_rows_to_counters_returning(DonationCell, CELL_KEY, ("gift_count", "amount_minor"),
                                            [(*key, *cells[key]) for key in keys])
    before: dict[tuple, tuple[int, int]] = {}
    for campaign_id, day, currency, kind, status, method, count, amount in stored:
        day = dt.date.fromisoformat(day) if isinstance(day, str) else day
        key = (campaign_id, day, currency, kind, status, method)
        added = cells[key]
        before[key] = (count - added[0], amount - added[1])
    return before


def gifts_changed(changes: list[tuple[GiftShare | None, GiftShare | None]]) -> bool:
    """Move each gift's share from before to after (None: it did not exist), one pass for the whole batch.

    Returns True when a campaign written to for the first time started behind rates committed
    meanwhile (a conversion that had already looked for it): the caller has it converted."""
    cells: dict[tuple, list[int]] = {}
    in_kind: dict[tuple, list[int]] = {}
    for before, after in changes:
        for share, sign in ((before, -1), (after, +1)):
            if share is None:
                continue
            counts = cells.setdefault(_cell_key(share), [0, 0])
            counts[0] += sign
            counts[1] += sign * share.amount_minor
            if share.item is not None:
                key = (share.campaign_id, fold_text(share.item)[:200], fold_text(share.unit)[:40], str(share.status))
                quantity = in_kind.setdefault(key, [0, 0])
                quantity[0] += sign
                quantity[1] += sign * share.quantity
    cells = {key: counts for key, counts in cells.items() if counts[0] or counts[1]}
    in_kind = {key: counts for key, counts in in_kind.items() if counts[0] or counts[1]}
    campaign_ids = {key[0] for key in cells} | {key[0] for key in in_kind}
    if not campaign_ids:
        return False
    states = _lock_states(campaign_ids)
    through = {campaign_id: rates_through for campaign_id, rates_through, _ in states}
    started = [rates_through for _, rates_through, version in states if version == 1]
    where = placings(campaign_ids)
    bump_places(place_id for placing in where.values() for place_id in placing.place_ids)
    stored = _add_to_cells(cells)
    add_to_counters(InKindCell, IN_KIND_KEY, [dict(zip(IN_KIND_KEY, key), gift_count=count, quantity=quantity)
                                              for key, (count, quantity) in sorted(in_kind.items())])
    figures = Figures()
    for key in sorted(cells):
        book = rates.book_through(through[key[0]])
        count, amount = stored[key]
        figures.move_cell(where[key[0]], Cell(*key[1:], count, amount),
                          Cell(*key[1:], count + cells[key][0], amount + cells[key][1]), book)
    figures.apply()
    return bool(started) and min(started) < rates.latest_id(fresh=True)


def campaign_cells(campaign_id: int, *conditions) -> list[Cell]:
    rows = db.session.execute(
        select(DonationCell.day, DonationCell.currency, DonationCell.kind, DonationCell.status, DonationCell.method,
               DonationCell.gift_count, DonationCell.amount_minor)
        .where(DonationCell.campaign_id == campaign_id, DonationCell.gift_count != 0, *conditions))
    return [Cell(*row) for row in rows]


def campaign_changed(before: CampaignPlacing) -> None:
    """A campaign was edited: its page and regions change; if it moved (city, visibility, start,
    currency), its cells' figures move from the old placing to the new."""
    through = lock_campaigns([before.campaign_id])[before.campaign_id]
    old = placing_of(before.campaign_id, before.city_id, before.currency, before.starts_on, before.public)
    new = placings([before.campaign_id])[before.campaign_id]
    bump_places(old.place_ids + new.place_ids)
    if old == new:
        return
    book = rates.book_through(through)
    figures = Figures()
    for cell in campaign_cells(before.campaign_id):
        figures.add_cell(old, cell, book, -1)
        figures.add_cell(new, cell, book, +1)
    figures.apply()
