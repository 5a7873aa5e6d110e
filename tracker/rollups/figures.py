"""Converting cells into figures: where a campaign's cells count, and the sums they add to each table.

A cell's figures are a function of the cell, its campaign's placing and the rate book. Every change
is "take the old cell's figures away, add the new cell's", each rounded once: sums of rounded cells
telescope, so stored figures always equal the sum of the current cells, each converted once,
whatever the order of the writes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, select

from tracker import money
from tracker.campaigns.models import Campaign
from tracker.database import add_rows_to_counters
from tracker.extensions import db
from tracker.places.models import Place
from tracker.rollups.models import AwaitingRate, CampaignDay, CampaignTotal, RegionFigure

FIRST_DAYS = 3  # "in under three days": a campaign's first 72 hours are its first three days
CURRENCY_FACET, METHOD_FACET = "currency", "method"
CHUNK = 5_000

# Each figure table's key and counters, in the order rows are keyed and locked.
LAYOUT = {
    CampaignTotal: (("currency", "kind", "status", "campaign_id"), ("gift_count", "amount_minor", "first_days_minor")),
    CampaignDay: (("campaign_id", "currency", "day", "status", "kind"), ("gift_count", "amount_minor")),
    RegionFigure: (("place_id", "currency", "facet", "kind", "status", "public", "day", "value"),
                   ("gift_count", "amount_minor", "native_minor")),
    AwaitingRate: (("campaign_id", "currency", "kind", "status", "day", "gift_currency", "missing"),
                   ("gift_count", "native_minor")),
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
    kind: str
    status: str
    method: str
    gift_count: int
    amount_minor: int


# A place never moves once created, so its chain up to everywhere is kept per process.
_chains: dict[int, tuple[int, ...]] = {}


def chain_of(city_id: int) -> tuple[int, ...]:
    """The city and every place above it, up to everywhere."""
    if city_id not in _chains:
        parents = dict(db.session.execute(select(Place.id, Place.parent_id)).tuples().all())
        chain, node = [], city_id
        while node is not None and len(chain) < 8:  # the tree is four levels deep
            chain.append(node)
            node = parents.get(node)
        _chains[city_id] = tuple(chain)
    return _chains[city_id]


def placing_of(campaign_id: int, city_id: int, currency: str, starts_on: dt.date, public: bool) -> Placing:
    return Placing(campaign_id, currency, starts_on, bool(public), chain_of(city_id))


@functools.cache
def _placing_query(of_ids: bool = False):
    """Built once (the expression of "shown publicly" costs more to build than to run)."""
    query = select(Campaign.id, Campaign.city_id, Campaign.currency, Campaign.starts_on, Campaign.is_shown_publicly)
    return query.where(Campaign.id.in_(bindparam("ids", expanding=True))) if of_ids else query


def placings(campaign_ids: Iterable[int] | None = None) -> dict[int, Placing]:
    """The placing of these campaigns (all of them if None), read as plain rows."""
    if campaign_ids is None:
        return {row[0]: placing_of(*row) for row in db.session.execute(_placing_query())}
    ids = sorted(set(campaign_ids))
    if not ids:
        return {}
    rows = db.session.execute(_placing_query(of_ids=True), {"ids": ids})
    return {row[0]: placing_of(*row) for row in rows}


def add_counts(rows: dict[tuple, list[int]], key: tuple, values: tuple[int, ...]) -> None:
    """Add `values` to the counters kept under `key` (a new list the first time)."""
    row = rows.get(key)
    if row is None:
        rows[key] = list(values)
    elif len(values) == 2:  # unrolled: a check or a batch makes millions of these additions
        row[0] += values[0]
        row[1] += values[1]
    elif len(values) == 3:
        row[0] += values[0]
        row[1] += values[1]
        row[2] += values[2]
    else:
        for index, value in enumerate(values):
            row[index] += value


def _facts(cell: Cell) -> tuple:
    return cell.day, cell.currency, str(cell.kind), str(cell.status), str(cell.method)


class Figures:
    """Counters to add to the figure tables, merged by key."""

    def __init__(self) -> None:
        self.rows: dict[type, dict[tuple, list[int]]] = {model: {} for model in LAYOUT}

    def _add_converted(self, where: Placing, target: str, facts: tuple, first: bool, gifts: int, converted: int,
                       native: int) -> None:
        """Add counts already converted into `target` to every row a cell's figures fan out to: its
        campaign's day and total, and each of its places under both facets. `facts`: the cell's
        (day, currency, kind, status, method), as stored."""
        day, currency, kind, status, method = facts
        add_counts(self.rows[CampaignDay], (where.campaign_id, target, day, status, kind), (gifts, converted))
        add_counts(self.rows[CampaignTotal], (target, kind, status, where.campaign_id),
                   (gifts, converted, converted if first else 0))
        if target not in money.REPORTING_CURRENCIES:
            return
        regions = self.rows[RegionFigure]
        for place_id in where.place_ids:
            add_counts(regions, (place_id, target, CURRENCY_FACET, kind, status, where.public, day, currency),
                       (gifts, converted, native))
            add_counts(regions, (place_id, target, METHOD_FACET, kind, status, where.public, day, method),
                       (gifts, converted, 0))

    def add_cell(self, where: Placing, cell: Cell, book: money.RateBook, sign: int,
                 only: frozenset[str] | None = None) -> None:
        """Add (sign 1) or take away (sign -1) one cell's figures, in every target currency or `only` some."""
        if not cell.gift_count and not cell.amount_minor:
            return
        gifts, native = sign * cell.gift_count, sign * cell.amount_minor
        first = in_first_days(where.starts_on, cell.day)
        facts = _facts(cell)
        for target in where.targets:
            if only is not None and target not in only:
                continue
            try:
                converted = sign * book.convert_minor(cell.amount_minor, cell.currency, target, cell.day)
            except money.MissingRate as missing:
                key = (where.campaign_id, target, facts[2], facts[3], cell.day, cell.currency, missing.currency)
                add_counts(self.rows[AwaitingRate], key, (gifts, native))
                continue
            self._add_converted(where, target, facts, first, gifts, converted, native)

    def move_cell(self, where: Placing, before: Cell, after: Cell, book: money.RateBook) -> None:
        """A cell went from `before` to `after` (same key, other counts): add the difference of their
        figures, each side converted and rounded on its own, in one pass. The same sums as taking
        `before` away and adding `after`, at half the additions (a batch touches thousands of cells)."""
        gifts, native = after.gift_count - before.gift_count, after.amount_minor - before.amount_minor
        if not gifts and not native:
            return
        first = in_first_days(where.starts_on, before.day)
        facts = _facts(before)
        for target in where.targets:
            try:
                converted = (book.convert_minor(after.amount_minor, before.currency, target, before.day)
                             - book.convert_minor(before.amount_minor, before.currency, target, before.day))
            except money.MissingRate:
                # A side of nothing to convert needs no rate: each side takes its own way.
                only = frozenset((target,))
                self.add_cell(where, before, book, -1, only)
                self.add_cell(where, after, book, +1, only)
                continue
            self._add_converted(where, target, facts, first, gifts, converted, native)

    def rows_of(self, model) -> list[tuple]:
        """Rows (the key's values, then the counters') with some counter not zero."""
        return [key + tuple(values) for key, values in self.rows[model].items() if any(values)]

    def apply(self) -> None:
        """Add every counter to the stored figures, table by table in one order, each table's rows
        in one statement (which takes their locks in key order, see add_rows_to_counters)."""
        for model, (keys, counters) in LAYOUT.items():
            add_rows_to_counters(model, keys, counters, self.rows_of(model))
