"""Checking the rollups against the donations, and rebuilding them.

The cells and their converted figures are maintained write by write (see operations._record and
tracker.figures); this recomputes both from scratch, the cells with one GROUP BY and the figures
from those cells, so a cron job can prove they still agree, and repair them if not.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select

from tracker.donations.models import CELL_KEY, IN_KIND_KEY, Donation, DonationCell, GiftKind, InKindCell
from tracker.extensions import db
from tracker.figures import operations as figures
from tracker.rates import services as rates


@dataclass(frozen=True)
class Difference:
    table: str
    key: tuple
    stored: tuple[int, ...]  # the row's counters as stored (gift_count first), zeros if missing
    expected: tuple[int, ...]


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
        have, want = stored.get(key), expected.get(key)
        zero = (0,) * len(have or want)  # a missing row counts as zeros
        have, want = have or zero, want or zero
        if have != want:
            differences.append(Difference(table, key, have, want))
    return differences


def _cells_of(expected: dict[tuple, tuple[int, int]]) -> list[tuple[int, figures.Cell]]:
    return [(key[0], figures.Cell(*key[1:], gift_count=count, amount_minor=amount))
            for key, (count, amount) in expected.items() if count]


def check() -> list[Difference]:
    """Every cell or figure whose stored counts differ from what the donations say (empty when all agree)."""
    cells = _expected_cells()
    differences = (_compare("donation_cells", _stored(DonationCell, CELL_KEY, ("gift_count", "amount_minor")), cells)
                   + _compare("in_kind_cells", _stored(InKindCell, IN_KIND_KEY, ("gift_count", "quantity")),
                              _expected_in_kind()))
    expected_figures = figures.expected(rates.rate_book(), _cells_of(cells)).as_dict()
    stored_figures = figures.stored()
    for table, rows in expected_figures.items():
        differences += _compare(table, stored_figures[table], rows)
    return differences


def rebuild() -> None:
    """Replace every cell and figure with what the donations say. Flushes; the caller commits."""
    db.session.execute(delete(DonationCell))
    db.session.execute(delete(InKindCell))
    expected = _expected_cells()
    cells = [dict(zip(CELL_KEY + ("gift_count", "amount_minor"), key + value)) for key, value in expected.items()]
    in_kind = [dict(zip(IN_KIND_KEY + ("gift_count", "quantity"), key + value))
               for key, value in _expected_in_kind().items()]
    for start in range(0, len(cells), figures.INSERT_CHUNK):
        db.session.execute(insert(DonationCell), cells[start:start + figures.INSERT_CHUNK])
    if in_kind:
        db.session.execute(insert(InKindCell), in_kind)
    figures.rebuild(rates.rate_book(), _cells_of(expected))
    db.session.flush()
