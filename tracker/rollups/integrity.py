"""Checking the rollups against the donations, and rebuilding them.

The expected cells come from one GROUP BY over the donations (in-kind items folded in Python, the
same rule as on write); the expected figures from those cells, one target currency at a time, and
the regions' figures one kind of place at a time (everywhere, countries, subdivisions, then cities),
so memory holds a slice of one currency's figures, never all of them. Each slice is compared with
the stored rows as they stream in, and dropped; a rebuild writes the same slices. Each campaign's
cells are converted with the rates its figures are at (`rates_through`), exactly as the writers do.
Rows are read as plain Core rows, enums as their text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Boolean, Date, Integer, String, case, delete, func, insert, literal, select, type_coerce, update

from tracker import money
from tracker.campaigns.models import Campaign
from tracker.donations.models import Donation, GiftKind
from tracker.audit import trail
from tracker.extensions import db
from tracker.ledger.models import Cost, CostStatus, FlowKind, Transfer, TransferStatus
from tracker.places.models import Place, PlaceKind
from tracker.rates import services as rates
from tracker.rollups.figures import CHUNK, CURRENCY_FACET, LAYOUT, METHOD_FACET, add_counts, in_first_days, placings
from tracker.rollups.models import (CELL_KEY, IN_KIND_KEY, AwaitingRate, CampaignDay, CampaignFigureState,
                                    CampaignTotal, DonationCell, InKindCell, RegionFigure)
from tracker.rollups.operations import bump_places, fold_text, lock_campaigns


@dataclass(frozen=True)
class Difference:
    table: str
    key: tuple
    stored: tuple[int, ...]  # the row's counters as stored (gift_count first), zeros if missing
    expected: tuple[int, ...]


def _raw(column):
    """A column read as the database holds it: an enum's value as plain text. (Making millions of
    enum members, and the ORM's rows, took about half of the check's time.)"""
    if isinstance(column.type, (Boolean, Date, Integer)):
        return column
    return type_coerce(column, String())


def _streamed(query) -> Iterator:
    """Core rows, fetched a chunk at a time (row by row, the result's own iteration cost more)."""
    result = db.session.connection().execute(query.execution_options(yield_per=CHUNK))
    for chunk in result.partitions():
        yield from chunk


def _grouped(columns, amount, *conditions):
    query = select(*map(_raw, columns), func.count(), func.sum(amount)).where(*conditions).group_by(*columns)
    return _streamed(query)


def _flow_queries():
    """Costs and transfers that are not void, grouped as their cells are (see tracker.ledger.operations)."""
    yield _grouped((Cost.campaign_id, Cost.incurred_on, Cost.currency, literal(FlowKind.COST.value),
                    Cost.status, Cost.category), Cost.amount_minor, Cost.status != CostStatus.VOID)
    out_kind = case((Transfer.recipient_id.is_(None), FlowKind.PASSED_OUT.value), else_=FlowKind.TRANSFER.value)
    yield _grouped((Transfer.campaign_id, Transfer.sent_on, Transfer.sent_currency, out_kind, Transfer.status,
                    Transfer.method), Transfer.sent_minor, Transfer.status != TransferStatus.VOID)
    yield _grouped((Transfer.to_campaign_id, Transfer.sent_on,
                    func.coalesce(Transfer.received_currency, Transfer.sent_currency),
                    literal(FlowKind.PASSED_IN.value), Transfer.status, Transfer.method),
                   func.coalesce(Transfer.received_minor, Transfer.sent_minor),
                   Transfer.status != TransferStatus.VOID, Transfer.to_campaign_id.is_not(None))


def expected_cells() -> dict[tuple, list[int]]:
    """Every cell: gifts, then costs and transfers."""
    columns = (Donation.campaign_id, Donation.received_on, Donation.currency, Donation.kind, Donation.status,
               Donation.method)
    cells: dict[tuple, list[int]] = {}
    shared: dict = {}  # equal strings and days as one object: a cell's key is mostly repeated values
    for rows in (_grouped(columns, Donation.amount_minor), *_flow_queries()):
        for row in rows:
            key = tuple(shared.setdefault(part, part) for part in row[:6])
            add_counts(cells, key, (int(row[6]), int(row[7] or 0)))
    return cells


def expected_in_kind() -> dict[tuple, list[int]]:
    sums: dict[tuple, list[int]] = {}
    rows = db.session.execute(select(Donation.campaign_id, Donation.item, Donation.unit, Donation.status,
                                     Donation.quantity).where(Donation.kind == GiftKind.IN_KIND)
                              .execution_options(yield_per=CHUNK))
    for campaign_id, item, unit, status, quantity in rows:
        counts = sums.setdefault((campaign_id, fold_text(item)[:200], fold_text(unit)[:40], str(status)), [0, 0])
        counts[0] += 1
        counts[1] += quantity or 0
    return sums


def _books() -> tuple[dict[int, money.RateBook], money.RateBook]:
    """Each campaign's book (the rates its figures are at), and the newest for campaigns with none."""
    newest = rates.book_through(rates.latest_id())
    states = db.session.execute(select(CampaignFigureState.campaign_id, CampaignFigureState.rates_through))
    return {campaign_id: rates.book_through(through) for campaign_id, through in states}, newest


def campaign_figures_in(target: str, cells: dict[tuple, list[int]], where, books,
                        newest) -> tuple[dict[type, dict], dict[tuple, list[int]]]:
    """The campaigns' figure rows in `target` (every table but the regions'), and the cities' sums
    that the regions' rows are made of (see `region_figures_of`)."""
    out = {model: {} for model in LAYOUT if model is not RegionFigure}
    by_city: dict[tuple, list[int]] = {}
    reporting = target in money.REPORTING_CURRENCIES
    for (campaign_id, day, currency, kind, status, method), (count, amount) in cells.items():
        placing = where[campaign_id]
        if not count and not amount or target not in placing.targets:
            continue
        try:
            converted = books.get(campaign_id, newest).convert_minor(amount, currency, target, day)
        except money.MissingRate as missing:
            add_counts(out[AwaitingRate], (campaign_id, target, kind, status, day, currency, missing.currency),
                       (count, amount))
            continue
        add_counts(out[CampaignDay], (campaign_id, target, day, status, kind), (count, converted))
        first = converted if in_first_days(placing.starts_on, day) else 0
        add_counts(out[CampaignTotal], (target, kind, status, campaign_id), (count, converted, first))
        if reporting:
            city = placing.place_ids[0]
            add_counts(by_city, (city, target, CURRENCY_FACET, kind, status, placing.public, day, currency),
                       (count, converted, amount))
            add_counts(by_city, (city, target, METHOD_FACET, kind, status, placing.public, day, method),
                       (count, converted, 0))
    return out, by_city


def places_above(where) -> dict[PlaceKind, dict[int, int]]:
    """For each kind of place, the place of that kind in each campaign city's chain, read once."""
    kinds = {place_id: PlaceKind(kind) for place_id, kind in db.session.execute(select(Place.id, Place.kind))}
    above: dict[PlaceKind, dict[int, int]] = {kind: {} for kind in PlaceKind}
    for placing in where.values():
        for place_id in placing.place_ids:
            above[kinds[place_id]][placing.place_ids[0]] = place_id
    return above


def region_figures_of(by_city: dict[tuple, list[int]], above: dict[int, int]) -> dict[tuple, list[int]]:
    """The region figure rows of the places of one kind: each city's sums, added to the place of that
    kind above it (`above`, from `places_above`)."""
    rows: dict[tuple, list[int]] = {}
    for key, values in by_city.items():
        place_id = above.get(key[0])
        if place_id is not None:
            add_counts(rows, (place_id,) + key[1:], values)
    return rows


def region_slices(by_city: dict[tuple, list[int]], above: dict[PlaceKind, dict[int, int]]):
    """(kind, rows) for each kind of place, cities last: their rows are `by_city` itself when every
    campaign's place is a city (as they are made), so the largest slice is not copied."""
    for kind in (PlaceKind.WORLD, PlaceKind.COUNTRY, PlaceKind.SUBDIVISION):
        yield kind, region_figures_of(by_city, above[kind])
    cities = above[PlaceKind.CITY]
    if all(cities.get(key[0]) == key[0] for key in by_city):
        yield PlaceKind.CITY, by_city
    else:
        yield PlaceKind.CITY, region_figures_of(by_city, cities)


def _compare(table: str, stored: Iterator[tuple], expected: dict, key_length: int) -> list[Difference]:
    """Differences between the stored rows and `expected`, which it empties as the rows stream in."""
    differences = []
    for row in stored:
        key, have = tuple(row[:key_length]), list(row[key_length:])
        want = expected.pop(key, None)
        if want is None:
            want = [0] * len(have)
        if have != want:
            differences.append(Difference(table, key, tuple(have), tuple(want)))
    differences += [Difference(table, key, (0,) * len(want), tuple(want))
                    for key, want in expected.items() if any(want)]
    expected.clear()
    return differences


def _stored_rows(model, keys, counters, *conditions):
    return _streamed(select(*(_raw(getattr(model, name)) for name in keys + counters)).where(*conditions))


def _targets(where) -> list[str]:
    return sorted({target for placing in where.values() for target in placing.targets})


def _one_snapshot() -> None:
    """On PostgreSQL, read the donations and every rollup table as of one moment, so gifts written
    while the check runs never show as differences. (SQLite's check reads while writers wait.)"""
    if db.session.get_bind().dialect.name == "postgresql" and not db.session().in_transaction():
        db.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def check() -> list[Difference]:
    """Every cell or figure whose stored counts differ from what the donations say (empty when all agree)."""
    _one_snapshot()
    cells = expected_cells()
    differences = _compare("donation_cells", _stored_rows(DonationCell, CELL_KEY, ("gift_count", "amount_minor")),
                           dict(cells), len(CELL_KEY))  # a copy: the figures are made from the cells next
    differences += _compare("in_kind_cells", _stored_rows(InKindCell, IN_KIND_KEY, ("gift_count", "quantity")),
                            expected_in_kind(), len(IN_KIND_KEY))
    where = placings()
    above = places_above(where)
    books, newest = _books()
    stored_targets = set(db.session.scalars(select(CampaignTotal.currency).distinct()))
    for target in sorted(set(_targets(where)) | stored_targets | set(money.REPORTING_CURRENCIES)):
        expected, by_city = campaign_figures_in(target, cells, where, books, newest)
        for model, rows in expected.items():
            keys, counters = LAYOUT[model]
            differences += _compare(model.__tablename__, _stored_rows(model, keys, counters, model.currency == target),
                                    rows, len(keys))
        keys, counters = LAYOUT[RegionFigure]
        for kind, rows in region_slices(by_city, above):
            places_of_kind = select(Place.id).where(Place.kind == kind)
            stored = _stored_rows(RegionFigure, keys, counters, RegionFigure.currency == target,
                                  RegionFigure.place_id.in_(places_of_kind))
            differences += _compare(RegionFigure.__tablename__, stored, rows, len(keys))
        del expected, by_city
    return differences


def rebuild() -> None:
    """Replace every cell and figure with what the donations say, at the newest rates. Flushes only.

    Every campaign's state row is taken first, as every writer does, so gifts written meanwhile wait.
    """
    lock_campaigns(db.session.scalars(select(Campaign.id)).all())
    for model in (*LAYOUT, DonationCell, InKindCell):
        db.session.execute(delete(model))
    cells = expected_cells()
    _insert_rows(DonationCell, [dict(zip(CELL_KEY + ("gift_count", "amount_minor"), (*key, *value)))
                                for key, value in cells.items()])
    _insert_rows(InKindCell, [dict(zip(IN_KIND_KEY + ("gift_count", "quantity"), (*key, *value)))
                              for key, value in expected_in_kind().items()])
    # Versions only ever move on (cached pages are keyed by them); every campaign is now at the newest rates.
    newest_id = rates.latest_id()
    db.session.execute(update(CampaignFigureState).values(rates_through=newest_id))
    where = placings()
    bump_places(place_id for placing in where.values() for place_id in placing.place_ids)
    newest = rates.book_through(newest_id)
    above = places_above(where)
    for target in _targets(where):  # a slice at a time, as the check reads them
        expected, by_city = campaign_figures_in(target, cells, where, {}, newest)
        for model, rows in expected.items():
            _insert_figures(model, rows)
        for _, rows in region_slices(by_city, above):
            _insert_figures(RegionFigure, rows)
        del expected, by_city
    db.session.flush()
    trail.record("rollups.rebuilt", "rollups", None, after={"cells": len(cells), "rates_through": newest_id})


def _insert_figures(model, rows: dict[tuple, list[int]]) -> None:
    keys, counters = LAYOUT[model]
    _insert_rows(model, [dict(zip(keys + counters, (*key, *values))) for key, values in rows.items() if any(values)])


def _insert_rows(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[start:start + CHUNK])
