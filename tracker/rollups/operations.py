"""Keeping the cells and figures in step with what features announce. Changes only flush.

Every writer locks what it touches in one order: the campaigns' figure states (by id), then the
places' versions (by id), then cells, then figures (each sorted by key). So concurrent writers on
PostgreSQL never wait on each other in a circle, and a campaign's cells are only ever changed by
a writer holding its state row, which may therefore read them before adding to them.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

from sqlalchemy import bindparam, select, tuple_

from tracker.database import add_to_counters, upsert_returning
from tracker.extensions import db
from tracker.rates import services as rates
from tracker.rollups.figures import Cell, Figures, placing_of, placings
from tracker.rollups.models import (CELL_KEY, IN_KIND_KEY, CampaignFigureState, DonationCell, InKindCell,
                                    PlaceFigureVersion)
from tracker.signals import CampaignPlacing, GiftShare

KEY_CHUNK = 400  # keys per IN (...) when reading cells back


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


@functools.cache
def _cells_query():
    """Built once: every gift runs it."""
    columns = [getattr(DonationCell, name) for name in CELL_KEY]
    return (select(*columns, DonationCell.gift_count, DonationCell.amount_minor)
            .where(tuple_(*columns).in_(bindparam("keys", expanding=True))))


def _stored_cells(keys: list[tuple]) -> dict[tuple, tuple[int, int]]:
    """The current counts of these cells (safe to read: their campaigns' state rows are held)."""
    found: dict[tuple, tuple[int, int]] = {}
    for start in range(0, len(keys), KEY_CHUNK):
        rows = db.session.execute(_cells_query(), {"keys": keys[start:start + KEY_CHUNK]})
        for row in rows:
            found[(row[0], row[1], row[2], str(row[3]), str(row[4]), str(row[5]))] = (row[6], row[7])
    return found


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
    keys = sorted(cells)
    stored = _stored_cells(keys)
    add_to_counters(DonationCell, CELL_KEY, [dict(zip(CELL_KEY, key), gift_count=cells[key][0],
                                                  amount_minor=cells[key][1]) for key in keys])
    add_to_counters(InKindCell, IN_KIND_KEY, [dict(zip(IN_KIND_KEY, key), gift_count=count, quantity=quantity)
                                              for key, (count, quantity) in sorted(in_kind.items())])
    figures = Figures()
    for key in keys:
        book = rates.book_through(through[key[0]])
        count, amount = stored.get(key, (0, 0))
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
