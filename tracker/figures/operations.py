"""Keeping the converted figures in step with the rollup cells. Changes only flush.

A cell's figures are a function of the cell, its campaign's placing and the rate book. So every
change is "take the old cell's figures away, add the new cell's": when a gift changes a cell, when
a campaign moves (city, visibility, start, currency) and when an admin adds a rate. Sums of
rounded cells telescope, so the stored figures always equal the sum of the current cells, each
converted once, whatever the order of the writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update

from tracker import money
from tracker.campaigns.models import Campaign
from tracker.database import add_to_counters
from tracker.donations.models import DonationCell, DonationStatus, GiftKind, Method
from tracker.extensions import db
from tracker.figures.models import CampaignDay, CampaignTotal, RegionFigure, UnconvertedCell
from tracker.places.models import Place

FIRST_DAYS = 3  # "in under three days": a campaign's first 72 hours are its first three days
CURRENCY_FACET, METHOD_FACET = "currency", "method"
INSERT_CHUNK = 5_000

# Each table's key and counters, in the order rows are keyed and locked.
LAYOUT = {
    CampaignTotal: (("currency", "kind", "status", "campaign_id"), ("gift_count", "amount_minor", "first_days_minor")),
    CampaignDay: (("campaign_id", "currency", "day", "status", "kind"), ("gift_count", "amount_minor")),
    RegionFigure: (("place_id", "currency", "facet", "kind", "status", "public", "day", "value"),
                   ("gift_count", "amount_minor", "native_minor")),
    UnconvertedCell: (("campaign_id", "currency", "missing_currency", "day"), ("gift_count",)),
}


def in_first_days(starts_on: dt.date, day: dt.date) -> bool:
    return 0 <= (day - starts_on).days < FIRST_DAYS


@dataclass(frozen=True)
class Placing:
    """What a campaign's cells need to know to be counted: where, whether public, since when, in what."""

    campaign_id: int
    currency: str
    starts_on: dt.date
    public: bool
    place_ids: tuple[int, ...]  # its city and every region above it

    @property
    def targets(self) -> tuple[str, ...]:
        """Reporting currencies, and the campaign's own for its goal."""
        own = () if self.currency in money.REPORTING_CURRENCIES else (self.currency,)
        return money.REPORTING_CURRENCIES + own


@dataclass(frozen=True)
class Cell:
    day: dt.date
    currency: str
    kind: GiftKind
    status: DonationStatus
    method: Method
    gift_count: int
    amount_minor: int


def placing(campaign: Campaign, parents: dict[int, int | None] | None = None) -> Placing:
    parents = _parents() if parents is None else parents
    chain, node = [], campaign.city_id
    while node is not None and len(chain) < 8:  # the tree is four levels deep
        chain.append(node)
        node = parents.get(node)
    return Placing(campaign.id, campaign.currency, campaign.starts_on, campaign.is_shown_publicly, tuple(chain))


def _parents() -> dict[int, int | None]:
    return dict(db.session.execute(select(Place.id, Place.parent_id)).tuples().all())


def placings(campaign_ids: Iterable[int] | None = None) -> dict[int, Placing]:
    """The placing of these campaigns (all of them if None), from two queries."""
    parents = _parents()
    query = select(Campaign)
    if campaign_ids is not None:
        query = query.where(Campaign.id.in_(list(set(campaign_ids))))
    return {c.id: placing(c, parents) for c in db.session.scalars(query)}


class Figures:
    """Counters to add to the figure tables, merged by key."""

    def __init__(self) -> None:
        self.rows: dict[type, dict[tuple, list[int]]] = {model: {} for model in LAYOUT}

    def _add(self, model, key: tuple, values: tuple[int, ...]) -> None:
        row = self.rows[model].get(key)
        if row is None:
            self.rows[model][key] = list(values)
        else:
            for index, value in enumerate(values):
                row[index] += value

    def add_cell(self, where: Placing, cell: Cell, book: money.RateBook, sign: int,
                 only: frozenset[str] | None = None) -> None:
        """Add (sign 1) or take away (sign -1) one cell's figures, in every target currency or `only` some."""
        gifts = sign * cell.gift_count
        first = in_first_days(where.starts_on, cell.day)
        for target in where.targets:
            if only is not None and target not in only:
                continue
            try:
                converted = sign * book.convert_minor(cell.amount_minor, cell.currency, target, cell.day)
            except money.MissingRate as missing:
                self._add(UnconvertedCell, (where.campaign_id, target, missing.currency, missing.day), (gifts,))
                continue
            self._add(CampaignDay, (where.campaign_id, target, cell.day, cell.status, cell.kind), (gifts, converted))
            self._add(CampaignTotal, (target, cell.kind, cell.status, where.campaign_id),
                      (gifts, converted, converted if first else 0))
            if target not in money.REPORTING_CURRENCIES:
                continue
            for place_id in where.place_ids:
                self._add(RegionFigure, (place_id, target, CURRENCY_FACET, cell.kind, cell.status, where.public,
                                         cell.day, cell.currency), (gifts, converted, sign * cell.amount_minor))
                self._add(RegionFigure, (place_id, target, METHOD_FACET, cell.kind, cell.status, where.public,
                                         cell.day, cell.method.value), (gifts, converted, 0))

    def _rows(self, model) -> list[dict]:
        """Rows with some counter not zero, sorted by key."""
        keys, counters = LAYOUT[model]
        return [dict(zip(keys + counters, key + tuple(values)))
                for key, values in sorted(self.rows[model].items(), key=lambda item: _plain(item[0]))
                if any(values)]

    def apply(self) -> None:
        """Add every counter to the stored figures; tables and rows always in the same order."""
        for model, (keys, _counters) in LAYOUT.items():
            rows = self._rows(model)
            for start in range(0, len(rows), INSERT_CHUNK):
                add_to_counters(model, keys, rows[start:start + INSERT_CHUNK])

    def insert_all(self) -> None:
        """Write the figures into empty tables (a rebuild), in chunks."""
        for model in LAYOUT:
            rows = self._rows(model)
            for start in range(0, len(rows), INSERT_CHUNK):
                db.session.execute(insert(model), rows[start:start + INSERT_CHUNK])

    def as_dict(self) -> dict[str, dict[tuple, tuple[int, ...]]]:
        return {model.__tablename__: {_plain(key): tuple(values) for key, values in rows.items() if any(values)}
                for model, rows in self.rows.items()}


def _plain(key: tuple) -> tuple:
    """Enums as their values, so keys read back from the database compare equal."""
    return tuple(part.value if hasattr(part, "value") else part for part in key)


def bump_revisions(campaign_ids: Iterable[int]) -> None:
    """Campaign pages are cached by revision: a change to what they show moves it on.

    Called before any figure is touched, so every writer locks campaign rows first, then cells,
    then figures, and concurrent writers on PostgreSQL never wait on each other in a circle.
    """
    ids = sorted(set(campaign_ids))
    if ids:
        db.session.execute(update(Campaign).where(Campaign.id.in_(ids)).values(revision=Campaign.revision + 1))


def cells_changed(changes: Iterable[tuple[int, Cell, Cell]], book: money.RateBook) -> None:
    """Each (campaign id, cell before, cell after) of a write: move its figures."""
    changes = list(changes)
    if not changes:
        return
    where = placings(campaign_id for campaign_id, _, _ in changes)
    figures = Figures()
    for campaign_id, before, after in changes:
        figures.add_cell(where[campaign_id], before, book, -1)
        figures.add_cell(where[campaign_id], after, book, +1)
    figures.apply()


def _cells(*conditions) -> list[tuple[int, Cell]]:
    rows = db.session.execute(
        select(DonationCell.campaign_id, DonationCell.day, DonationCell.currency, DonationCell.kind,
               DonationCell.status, DonationCell.method, DonationCell.gift_count, DonationCell.amount_minor)
        .where(DonationCell.gift_count != 0, *conditions))
    return [(row[0], Cell(*row[1:])) for row in rows]


def campaign_moved(before: Placing, after: Placing, book: money.RateBook) -> None:
    """A campaign changed city, visibility, start or currency: its cells count elsewhere now."""
    if before == after:
        return
    bump_revisions([before.campaign_id])
    figures = Figures()
    for _, cell in _cells(DonationCell.campaign_id == before.campaign_id):
        figures.add_cell(before, cell, book, -1)
        figures.add_cell(after, cell, book, +1)
    figures.apply()


def rate_changed(currency: str, day: dt.date, before: money.RateBook, after: money.RateBook) -> None:
    """An admin added or replaced the rate of `currency` on `day`.

    It can change conversions on that day and the days that fall back on it: cells in `currency`
    in every target, and every other cell in that target only.
    """
    cells = _cells(DonationCell.day >= day, DonationCell.day <= day + money.MAX_RATE_AGE)
    bump_revisions(campaign_id for campaign_id, _ in cells)
    where = placings(campaign_id for campaign_id, _ in cells)
    figures = Figures()
    for campaign_id, cell in cells:
        only = None if cell.currency == currency else frozenset((currency,))
        figures.add_cell(where[campaign_id], cell, before, -1, only)
        figures.add_cell(where[campaign_id], cell, after, +1, only)
    figures.apply()


def expected(book: money.RateBook, cells: Iterable[tuple[int, Cell]] | None = None) -> Figures:
    """The figures that the cells (all stored cells if None) call for."""
    cells = _cells() if cells is None else list(cells)
    where = placings()
    figures = Figures()
    for campaign_id, cell in cells:
        figures.add_cell(where[campaign_id], cell, book, +1)
    return figures


def stored() -> dict[str, dict[tuple, tuple[int, ...]]]:
    result = {}
    for model, (keys, counters) in LAYOUT.items():
        columns = [getattr(model, name) for name in keys + counters]
        result[model.__tablename__] = {
            _plain(tuple(row[:len(keys)])): tuple(int(v) for v in row[len(keys):])
            for row in db.session.execute(select(*columns)) if any(row[len(keys):])}
    return result


def rebuild(book: money.RateBook, cells: Iterable[tuple[int, Cell]] | None = None) -> None:
    """Replace every figure with what the cells call for. Flushes; the caller commits."""
    figures = expected(book, cells)
    for model in LAYOUT:
        db.session.execute(delete(model))
    figures.insert_all()
    db.session.flush()
