"""Dashboards read the rollup cells, never the donations, and convert them by the one rule.

Rule (see tracker.money): every cell (campaign, day, currency, kind, status, method) is converted
to the reporting currency at its day's rate and rounded once; every figure shown, at every level
and in every breakdown, is a sum of those converted cells. A cell whose rate is missing is left
out of the converted figures and listed, so nothing is silently lost.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker import money, permissions
from tracker.campaigns.models import Campaign, CampaignStatus
from tracker.donations.models import COUNTED_STATUSES, DonationCell, DonationStatus, GiftKind, InKindCell
from tracker.extensions import db
from tracker.places import services as places
from tracker.places.models import Place, PlaceKind
from tracker.rates import services as rates

FIRST_DAYS = 3  # "in under three days": a campaign's first 72 hours are its first three days
# Charts show every day of a span this short, with zero on quiet days; longer spans only the days with gifts.
MAX_CHART_DAYS = 400


@dataclass(frozen=True)
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    statuses: tuple[DonationStatus, ...] = COUNTED_STATUSES


@dataclass
class Line:
    """One row of a breakdown: a converted amount and a number of gifts."""

    key: object
    label: str
    amount_minor: int = 0
    gift_count: int = 0
    subject: object = None  # what the line is about (a Place, an Organisation), for links


@dataclass
class CampaignLine:
    campaign: Campaign
    amount_minor: int = 0  # in the reporting currency
    gift_count: int = 0
    own_currency_minor: int = 0  # in the campaign's currency, for goal progress
    first_days_minor: int = 0  # reporting currency, first three days

    @property
    def goal_percent(self) -> int | None:
        goal = self.campaign.goal_minor
        return None if not goal else int(self.own_currency_minor * 100 // goal)


@dataclass
class Totals:
    currency: str
    amount_minor: int = 0  # money gifts, converted
    gift_count: int = 0
    in_kind_value_minor: int = 0  # estimated value of in-kind gifts, converted
    in_kind_count: int = 0
    by_currency: dict[str, list[int]] = field(default_factory=dict)  # currency -> [native, converted, count]
    by_status: dict[DonationStatus, Line] = field(default_factory=dict)
    by_method: dict[str, Line] = field(default_factory=dict)
    by_campaign: dict[int, CampaignLine] = field(default_factory=dict)
    by_organisation: dict[int, Line] = field(default_factory=dict)
    by_city: dict[int, Line] = field(default_factory=dict)
    daily: dict[dt.date, int] = field(default_factory=dict)
    missing_rates: set[tuple[str, dt.date]] = field(default_factory=set)

    @property
    def daily_series(self) -> list[tuple[dt.date, int]]:
        """Each day from the first gift to the last, quiet days at zero (unless the span is very long)."""
        if not self.daily:
            return []
        first, last = min(self.daily), max(self.daily)
        span = (last - first).days + 1
        if span > MAX_CHART_DAYS:
            return sorted(self.daily.items())
        days = (first + dt.timedelta(days=offset) for offset in range(span))
        return [(day, self.daily.get(day, 0)) for day in days]

    @property
    def cumulative(self) -> list[tuple[dt.date, int]]:
        running, series = 0, []
        for day, amount in self.daily_series:
            running += amount
            series.append((day, running))
        return series

    @property
    def currency_lines(self) -> list[tuple[str, int, int, int]]:
        """(currency, native amount, converted amount, gifts), largest converted first."""
        return sorted(((c, *values) for c, values in self.by_currency.items()), key=lambda row: (-row[2], row[0]))

    @property
    def missing_rates_sorted(self) -> list[tuple[str, dt.date]]:
        return sorted(self.missing_rates, key=lambda pair: (pair[1], pair[0]))

    def campaigns_by_total(self) -> list[CampaignLine]:
        return sorted(self.by_campaign.values(), key=lambda line: (-line.amount_minor, line.campaign.name))

    def sorted_lines(self, lines: dict) -> list[Line]:
        return sorted(lines.values(), key=lambda line: (-line.amount_minor, line.label))


def _campaigns_in(region: Place, public_only: bool) -> dict[int, Campaign]:
    # Breakdowns name each campaign's organisation and city: load them in two queries, not two per campaign.
    query = (select(Campaign).where(places.in_region_clause(region, Campaign.city_id))
             .options(selectinload(Campaign.organisation), selectinload(Campaign.city)))
    if public_only:
        query = query.where(Campaign.is_public.is_(True), Campaign.status != CampaignStatus.DRAFT)
    return {c.id: c for c in db.session.scalars(query)}


def _cells(campaign_ids, filters: Filters):
    if not campaign_ids:
        return []
    query = select(DonationCell).where(DonationCell.campaign_id.in_(campaign_ids), DonationCell.gift_count != 0)
    if filters.date_from:
        query = query.where(DonationCell.day >= filters.date_from)
    if filters.date_to:
        query = query.where(DonationCell.day <= filters.date_to)
    return db.session.scalars(query)


def compute(campaigns: dict[int, Campaign], currency: str, filters: Filters = Filters()) -> Totals:
    """Roll the cells of `campaigns` up into every figure a dashboard shows."""
    book = rates.rate_book()
    totals = Totals(currency=currency)
    counted = set(filters.statuses)
    for cell in _cells(list(campaigns), filters):
        campaign = campaigns[cell.campaign_id]
        try:
            converted = book.convert_minor(cell.amount_minor, cell.currency, currency, cell.day)
        except money.MissingRate as missing:
            totals.missing_rates.add((missing.currency, missing.day))
            continue
        if cell.status is not DonationStatus.VOID:
            status_line = totals.by_status.setdefault(cell.status, Line(cell.status, cell.status.value))
            if cell.kind is GiftKind.MONEY:
                status_line.amount_minor += converted
                status_line.gift_count += cell.gift_count
        if cell.status not in counted:
            continue
        if cell.kind is GiftKind.IN_KIND:
            totals.in_kind_value_minor += converted
            totals.in_kind_count += cell.gift_count
            continue
        totals.amount_minor += converted
        totals.gift_count += cell.gift_count
        native = totals.by_currency.setdefault(cell.currency, [0, 0, 0])
        native[0] += cell.amount_minor
        native[1] += converted
        native[2] += cell.gift_count
        _add(totals.by_method, cell.method.value, cell.method.value, converted, cell.gift_count)
        _add(totals.by_organisation, campaign.organisation_id, campaign.organisation.name, converted, cell.gift_count,
             campaign.organisation)
        _add(totals.by_city, campaign.city_id, campaign.city.name, converted, cell.gift_count, campaign.city)
        totals.daily[cell.day] = totals.daily.get(cell.day, 0) + converted
        line = totals.by_campaign.setdefault(campaign.id, CampaignLine(campaign))
        line.amount_minor += converted
        line.gift_count += cell.gift_count
        if (cell.day - campaign.starts_on).days in range(FIRST_DAYS):
            line.first_days_minor += converted
        try:
            line.own_currency_minor += book.convert_minor(cell.amount_minor, cell.currency, campaign.currency,
                                                          cell.day)
        except money.MissingRate as missing:
            totals.missing_rates.add((missing.currency, missing.day))
    for campaign in campaigns.values():
        totals.by_campaign.setdefault(campaign.id, CampaignLine(campaign))
    return totals


def _add(lines: dict, key, label: str, amount_minor: int, gift_count: int, subject: object = None) -> None:
    line = lines.setdefault(key, Line(key, label, subject=subject))
    line.amount_minor += amount_minor
    line.gift_count += gift_count


def region_totals(region: Place, currency: str, filters: Filters = Filters(), public_only: bool = False) -> Totals:
    return compute(_campaigns_in(region, public_only), currency, filters)


def region_campaigns(region: Place, public_only: bool = False) -> dict[int, Campaign]:
    """The campaigns held in `region` (public and not draft only, for public pages), by id."""
    return _campaigns_in(region, public_only)


def lines_by_region(totals: Totals, regions) -> dict[int, Line]:
    """Each region's part of `totals`: the sum of the campaign lines of the campaigns held in it.

    Campaign lines are sums of converted cells, so a region's figure here is the same sum of
    cells as on its own dashboard.
    """
    lines = {}
    for region in regions:
        line = lines[region.id] = Line(region.id, region.name, subject=region)
        for campaign_line in totals.by_campaign.values():
            if permissions.region_contains(region, campaign_line.campaign.city):
                line.amount_minor += campaign_line.amount_minor
                line.gift_count += campaign_line.gift_count
    return lines


def totals_of_regions(regions, currency: str, public_only: bool = False) -> dict[int, Line]:
    """Each region's total, from one pass over the cells of all their campaigns."""
    campaigns: dict[int, Campaign] = {}
    for region in regions:
        campaigns.update(_campaigns_in(region, public_only))
    return lines_by_region(compute(campaigns, currency), regions)


def viewable_regions(user) -> list[Place]:
    """The regions a user's dashboards start from: everywhere and each country for an admin,
    their own regions for a coordinator, none for anyone else."""
    if permissions.is_admin(user):
        return [p for p in places.regions_in_use() if p.kind in (PlaceKind.WORLD, PlaceKind.COUNTRY)]
    return [r for r in permissions.coordinator_regions(user) if permissions.can_view_dashboard(user, r)]


def campaign_totals(campaign: Campaign, currency: str | None = None, filters: Filters = Filters()) -> Totals:
    return compute({campaign.id: campaign}, currency or campaign.currency, filters)


def in_kind_items(campaign_ids, statuses=COUNTED_STATUSES) -> list[tuple[str, str, int, int]]:
    """(item, unit, gifts, quantity) for the in-kind gifts of these campaigns, most given first."""
    if not campaign_ids:
        return []
    rows = db.session.execute(
        select(InKindCell.item, InKindCell.unit, InKindCell.gift_count, InKindCell.quantity)
        .where(InKindCell.campaign_id.in_(list(campaign_ids)), InKindCell.status.in_(statuses)))
    merged: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for item, unit, gifts, quantity in rows:
        merged[(item, unit)][0] += gifts
        merged[(item, unit)][1] += quantity
    return sorted(((item, unit, g, q) for (item, unit), (g, q) in merged.items() if g),
                  key=lambda row: (-row[3], row[0]))


def recipients(campaigns) -> list[tuple[object, int]]:
    """The NGOs these campaigns give to, with how many campaigns name each."""
    counts: dict[int, list] = {}
    for campaign in campaigns:
        for recipient in campaign.recipients:
            entry = counts.setdefault(recipient.ngo_id, [recipient.ngo, 0])
            entry[1] += 1
    return sorted((tuple(v) for v in counts.values()), key=lambda row: (-row[1], row[0].name))


def active_public_campaigns(limit: int = 12) -> list[Campaign]:
    return list(db.session.scalars(
        select(Campaign).where(Campaign.is_public.is_(True), Campaign.status == CampaignStatus.ACTIVE)
        .order_by(Campaign.starts_on.desc(), Campaign.name).limit(limit)))
