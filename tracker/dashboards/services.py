"""Dashboards read the converted figures, never the donations.

Rule (see tracker.money): every cell (campaign, day, currency, kind, status, method) is converted
to the reporting currency at its day's rate and rounded once; every figure shown, at every level
and in every breakdown, is a sum of those converted cells. tracker.rollups keeps those sums per
place, day and campaign as gifts are written, so a page reads a few hundred rows however many
gifts there are. A cell whose rate is missing is left out of the converted figures and listed,
so nothing is silently lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select
from sqlalchemy.orm import selectinload

from tracker import permissions
from tracker.campaigns.models import Campaign, CampaignRecipient, CampaignStatus
from tracker.donations.models import COUNTED_STATUSES, DonationStatus, GiftKind
from tracker.extensions import db
from tracker.organisations.models import Organisation
from tracker.places import names as place_names
from tracker.places import services as places
from tracker.places.models import Place, PlaceKind
from tracker.rollups import figures
from tracker.rollups import queries as figure_queries

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
    campaign_id: int
    campaign: Campaign | None = None  # loaded only for the lines a page shows (see shown_campaign_lines)
    amount_minor: int = 0  # in the reporting currency
    gift_count: int = 0
    own_currency_minor: int = 0  # in the campaign's currency, for goal progress
    in_kind_own_minor: int = 0  # estimated value of gifts in kind, in the campaign's currency, for goal progress
    first_days_minor: int = 0  # reporting currency, first three days
    # (item, unit, gifts, quantity), most given first: a drive given only goods leads with them, not €0.00
    in_kind_items: list[tuple[str, str, int, int]] = field(default_factory=list)

    @property
    def goal_percent(self) -> int | None:
        goal = self.campaign.goal_minor
        return None if not goal else int((self.own_currency_minor + self.in_kind_own_minor) * 100 // goal)


@dataclass
class Totals:
    currency: str
    filters: Filters = Filters()
    amount_minor: int = 0  # money gifts, converted
    gift_count: int = 0
    in_kind_value_minor: int = 0  # estimated value of in-kind gifts, converted
    in_kind_count: int = 0
    by_currency: dict[str, list[int]] = field(default_factory=dict)  # currency -> [native, converted, count]
    by_status: dict[DonationStatus, Line] = field(default_factory=dict)
    by_method: dict[str, Line] = field(default_factory=dict)
    by_campaign: dict[int, CampaignLine] = field(default_factory=dict)  # every campaign covered, by id
    by_organisation: dict[int, Line] = field(default_factory=dict)
    by_city: dict[int, Line] = field(default_factory=dict)
    daily: dict[dt.date, int] = field(default_factory=dict)
    # Money gifts not in these converted figures yet for want of a rate, per gift currency:
    # (currency, gifts, native amount, first day, last day). They count in their own currency's figures.
    awaiting: list[tuple[str, int, int, dt.date, dt.date]] = field(default_factory=list)

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
    def awaiting_count(self) -> int:
        return sum(row[1] for row in self.awaiting)

    def sorted_lines(self, lines: dict) -> list[Line]:
        return sorted(lines.values(), key=lambda line: (-line.amount_minor, line.label))


def _shown_clause(region: Place, public_only: bool):
    """The campaigns a region's figures cover: held in it, and only those public pages show if asked."""
    clause = places.in_region_clause(region, Campaign.city_id)
    if public_only:
        clause = and_(clause, Campaign.is_shown_publicly)
    return clause


def _add(lines: dict, key, label: str, amount_minor: int, gift_count: int, subject: object = None) -> None:
    line = lines.setdefault(key, Line(key, label, subject=subject))
    line.amount_minor += amount_minor
    line.gift_count += gift_count


def _add_status(totals: Totals, status: DonationStatus, kind: GiftKind, gifts: int, converted: int) -> None:
    if status is not DonationStatus.VOID and kind is GiftKind.MONEY:
        _add(totals.by_status, status, status.value, converted, gifts)


def _add_counted(totals: Totals, day: dt.date, kind: GiftKind, gifts: int, converted: int) -> None:
    if kind is GiftKind.IN_KIND:
        totals.in_kind_value_minor += converted
        totals.in_kind_count += gifts
        return
    totals.amount_minor += converted
    totals.gift_count += gifts
    totals.daily[day] = totals.daily.get(day, 0) + converted


@dataclass(frozen=True)
class _CampaignFacts:
    """The few columns a campaign line needs, read as plain rows: thousands of campaigns cost little."""

    id: int
    organisation_id: int
    city_id: int
    starts_on: dt.date


def _facts(shown) -> dict[int, _CampaignFacts]:
    rows = db.session.execute(select(Campaign.id, Campaign.organisation_id, Campaign.city_id, Campaign.starts_on).where(shown))
    return {row[0]: _CampaignFacts(*row) for row in rows}


def _add_campaign_lines(totals: Totals, facts: dict[int, _CampaignFacts], rows) -> None:
    """Rows of (campaign id, gifts, converted, first days) in the totals' currency; then the organisation
    and city lines, as sums of campaign lines."""
    for campaign_id in facts:
        totals.by_campaign[campaign_id] = CampaignLine(campaign_id)
    for campaign_id, gifts, converted, first_days in rows:
        line = totals.by_campaign.get(campaign_id)
        if line is not None:
            line.amount_minor, line.gift_count, line.first_days_minor = int(converted), int(gifts), int(first_days)
    for line in totals.by_campaign.values():
        if line.gift_count or line.amount_minor:
            campaign = facts[line.campaign_id]
            _add(totals.by_organisation, campaign.organisation_id, "", line.amount_minor, line.gift_count)
            _add(totals.by_city, campaign.city_id, "", line.amount_minor, line.gift_count)
    _name_lines(totals.by_organisation, Organisation)
    _name_lines(totals.by_city, Place)


def _name_lines(lines: dict[int, Line], model) -> None:
    if lines:
        for subject in db.session.scalars(select(model).where(model.id.in_(list(lines)))):
            lines[subject.id].label, lines[subject.id].subject = subject.name, subject


def _first_days(facts: dict[int, _CampaignFacts], rows):
    """Per-day rows (campaign id, day, gifts, converted) summed per campaign, with their first three days."""
    sums: dict[int, list[int]] = {}
    for campaign_id, day, gifts, converted in rows:
        campaign = facts.get(campaign_id)
        if campaign is None:
            continue
        entry = sums.setdefault(campaign_id, [0, 0, 0])
        entry[0] += int(gifts)
        entry[1] += int(converted)
        if figures.in_first_days(campaign.starts_on, day):
            entry[2] += int(converted)
    return [(campaign_id, *values) for campaign_id, values in sums.items()]


def shown_campaign_lines(totals: Totals, limit: int | None = None,
                         campaign_ids: list[int] | None = None) -> list[CampaignLine]:
    """The campaign lines a page lists, largest first (the `limit` largest, or those of `campaign_ids`),
    with their campaigns, organisations, cities and goal progress loaded in four queries."""
    if campaign_ids is not None:
        lines = [totals.by_campaign[i] for i in campaign_ids if i in totals.by_campaign]
    else:
        lines = sorted(totals.by_campaign.values(), key=lambda line: (-line.amount_minor, line.campaign_id))
        lines = lines[:limit] if limit is not None else lines
    if lines:
        query = (select(Campaign).where(Campaign.id.in_([line.campaign_id for line in lines]))
                 .options(selectinload(Campaign.organisation), selectinload(Campaign.city)))
        loaded = {campaign.id: campaign for campaign in db.session.scalars(query)}
        own = figure_queries.own_currency_sums(list(loaded), totals.filters.statuses, totals.filters.date_from,
                                               totals.filters.date_to)
        given = figure_queries.in_kind_items_by_campaign(list(loaded), totals.filters.statuses)
        for line in lines:
            line.campaign = loaded[line.campaign_id]
            line.own_currency_minor, line.in_kind_own_minor = own.get(line.campaign_id, (0, 0))
            line.in_kind_items = given.get(line.campaign_id, [])
    if campaign_ids is not None:
        return lines
    return sorted(lines, key=lambda line: (-line.amount_minor, line.campaign.name))


def region_totals(region: Place, currency: str, filters: Filters = Filters(), public_only: bool = False) -> Totals:
    """Every figure of a region's dashboard, read from the converted figures (tracker.rollups)."""
    totals = Totals(currency=currency, filters=filters)
    counted = set(filters.statuses)
    dates = (filters.date_from, filters.date_to)
    for day, status, kind, gifts, converted, _native in figure_queries.region_by_day(
            region.id, currency, public_only, *dates):
        if not gifts and not converted:  # every gift of that day voided or moved away
            continue
        _add_status(totals, status, kind, int(gifts), int(converted))
        if status in counted:
            _add_counted(totals, day, kind, int(gifts), int(converted))
    for value, gifts, converted, native in figure_queries.region_by_facet(
            region.id, currency, figures.CURRENCY_FACET, filters.statuses, public_only, *dates):
        if gifts or converted:
            totals.by_currency[value] = [int(native), int(converted), int(gifts)]
    for value, gifts, converted, _native in figure_queries.region_by_facet(
            region.id, currency, figures.METHOD_FACET, filters.statuses, public_only, *dates):
        if gifts or converted:
            _add(totals.by_method, value, value, int(converted), int(gifts))
    shown = _shown_clause(region, public_only)
    facts = _facts(shown)
    if filters.date_from or filters.date_to:
        lines = _first_days(facts, figure_queries.campaign_day_sums(
            shown, currency, filters.statuses, filters.date_from, filters.date_to))
    else:
        lines = figure_queries.campaign_sums(shown, currency, filters.statuses)
    _add_campaign_lines(totals, facts, lines)
    totals.awaiting = figure_queries.awaiting_rates(shown, currency, filters.statuses, filters.date_from,
                                                    filters.date_to)
    return totals


def campaign_totals(campaign: Campaign, currency: str | None = None, filters: Filters = Filters()) -> Totals:
    """A campaign's figures in `currency` (its own by default), read from the converted figures."""
    currency = currency or campaign.currency
    totals = Totals(currency=currency, filters=filters)
    counted = set(filters.statuses)
    line = totals.by_campaign[campaign.id] = CampaignLine(campaign.id, campaign)
    rows = figure_queries.campaign_rows(campaign.id, {currency, campaign.currency}, filters.date_from,
                                        filters.date_to)
    for figure_currency, day, status, kind, gifts, converted in rows:
        counted_money = status in counted and kind is GiftKind.MONEY
        if figure_currency == campaign.currency and counted_money:
            line.own_currency_minor += converted
        elif figure_currency == campaign.currency and status in counted and kind is GiftKind.IN_KIND:
            line.in_kind_own_minor += converted
        if figure_currency != currency:
            continue
        _add_status(totals, status, kind, gifts, converted)
        if status not in counted:
            continue
        _add_counted(totals, day, kind, gifts, converted)
        if counted_money:
            line.amount_minor += converted
            line.gift_count += gifts
            if figures.in_first_days(campaign.starts_on, day):
                line.first_days_minor += converted
    totals.awaiting = figure_queries.awaiting_rates(Campaign.id == campaign.id, currency, filters.statuses,
                                                    filters.date_from, filters.date_to)
    return totals


def region_lines(regions, currency: str, filters: Filters = Filters(), public_only: bool = False) -> dict[int, Line]:
    """Each region's total and gifts, one query for all of them; the same sums as on its own dashboard."""
    sums = figure_queries.place_totals([r.id for r in regions], currency, filters.statuses, public_only,
                                       filters.date_from, filters.date_to)
    lines = {}
    for region in regions:
        gifts, amount = sums.get(region.id, (0, 0))
        lines[region.id] = Line(region.id, place_names.place_name(region), amount_minor=amount, gift_count=gifts, subject=region)
    return lines


def viewable_regions(user) -> list[Place]:
    """The regions a user's dashboards start from: everywhere and each country for an admin,
    their own regions for a coordinator, none for anyone else."""
    if permissions.is_admin(user):
        return [p for p in places.regions_in_use() if p.kind in (PlaceKind.WORLD, PlaceKind.COUNTRY)]
    return [r for r in permissions.coordinator_regions(user) if permissions.can_view_dashboard(user, r)]


def in_kind_items(campaigns_clause, statuses=COUNTED_STATUSES) -> list[tuple[str, str, int, int]]:
    """(item, unit, gifts, quantity) for the in-kind gifts of the campaigns selected, most given first."""
    return figure_queries.in_kind_items(campaigns_clause, statuses)


def region_in_kind_items(region: Place, statuses=COUNTED_STATUSES, public_only: bool = False):
    return in_kind_items(_shown_clause(region, public_only), statuses)


def campaign_in_kind_items(campaign: Campaign, statuses=COUNTED_STATUSES):
    return in_kind_items(Campaign.id == campaign.id, statuses)


def recipients(region: Place, public_only: bool = False) -> list[tuple[Organisation, int]]:
    """The NGOs that the region's campaigns give to, with how many campaigns name each."""
    rows = db.session.execute(
        select(CampaignRecipient.ngo_id, func.count(CampaignRecipient.campaign_id.distinct()))
        .join(Campaign, Campaign.id == CampaignRecipient.campaign_id)
        .where(_shown_clause(region, public_only)).group_by(CampaignRecipient.ngo_id)).tuples().all()
    ngos = {ngo.id: ngo for ngo in db.session.scalars(select(Organisation).where(
        Organisation.id.in_([ngo_id for ngo_id, _ in rows])))} if rows else {}
    return sorted(((ngos[ngo_id], count) for ngo_id, count in rows), key=lambda row: (-row[1], row[0].name))


def active_public_campaign_ids(limit: int = 12) -> list[int]:
    """The most recently started public campaigns still taking gifts; shown_campaign_lines loads them."""
    return list(db.session.scalars(
        select(Campaign.id).where(Campaign.is_shown_publicly, Campaign.status == CampaignStatus.ACTIVE)
        .order_by(Campaign.starts_on.desc(), Campaign.name).limit(limit)))
