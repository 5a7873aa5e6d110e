"""Checking the rollup cells against the donations, and rebuilding them.

The cells are maintained write by write (see operations._move); this recomputes them from
scratch with one GROUP BY, so a cron job can prove they still agree, and repair them if not.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select

from tracker.donations.models import Donation, DonationCell, GiftKind, InKindCell
from tracker.extensions import db

CELL_KEY = ("campaign_id", "day", "currency", "kind", "status", "method")
IN_KIND_KEY = ("campaign_id", "item", "unit", "status")


@dataclass(frozen=True)
class Difference:
    table: str
    key: tuple
    stored: tuple[int, int]  # (gift_count, amount or quantity) as stored, zeros if missing
    expected: tuple[int, int]


def _expected_cells() -> dict[tuple, tuple[int, int]]:
    rows = db.session.execute(
        select(Donation.campaign_id, Donation.received_on, Donation.currency, Donation.kind, Donation.status,
               Donation.method, func.count(Donation.id), func.sum(Donation.amount_minor))
        .group_by(Donation.campaign_id, Donation.received_on, Donation.currency, Donation.kind, Donation.status,
                  Donation.method))
    return {tuple(row[:6]): (int(row[6]), int(row[7] or 0)) for row in rows}


def _expected_in_kind() -> dict[tuple, tuple[int, int]]:
    item, unit = func.lower(Donation.item), func.lower(Donation.unit)
    rows = db.session.execute(
        select(Donation.campaign_id, item, unit, Donation.status, func.count(Donation.id), func.sum(Donation.quantity))
        .where(Donation.kind == GiftKind.IN_KIND)
        .group_by(Donation.campaign_id, item, unit, Donation.status))
    return {tuple(row[:4]): (int(row[4]), int(row[5] or 0)) for row in rows}


def _stored(model, key_names, value_names) -> dict[tuple, tuple[int, int]]:
    columns = [getattr(model, n) for n in key_names] + [getattr(model, n) for n in value_names]
    return {tuple(row[:len(key_names)]): tuple(int(v) for v in row[len(key_names):])
            for row in db.session.execute(select(*columns))}


def _compare(table: str, stored: dict, expected: dict) -> list[Difference]:
    differences = []
    for key in sorted(set(stored) | set(expected), key=repr):
        have, want = stored.get(key, (0, 0)), expected.get(key, (0, 0))
        if have != want:
            differences.append(Difference(table, key, have, want))
    return differences


def check() -> list[Difference]:
    """Every cell whose stored counts differ from what the donations say (empty when all agree)."""
    return (_compare("donation_cells", _stored(DonationCell, CELL_KEY, ("gift_count", "amount_minor")),
                     _expected_cells())
            + _compare("in_kind_cells", _stored(InKindCell, IN_KIND_KEY, ("gift_count", "quantity")),
                       _expected_in_kind()))


def rebuild() -> None:
    """Replace every cell with what the donations say. Flushes; the caller commits."""
    db.session.execute(delete(DonationCell))
    db.session.execute(delete(InKindCell))
    cells = [dict(zip(CELL_KEY + ("gift_count", "amount_minor"), key + value))
             for key, value in _expected_cells().items()]
    in_kind = [dict(zip(IN_KIND_KEY + ("gift_count", "quantity"), key + value))
               for key, value in _expected_in_kind().items()]
    if cells:
        db.session.execute(insert(DonationCell), cells)
    if in_kind:
        db.session.execute(insert(InKindCell), in_kind)
    db.session.flush()
