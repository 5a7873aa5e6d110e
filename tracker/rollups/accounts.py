"""A campaign's or a region's account, read from the converted figures: raised − costs = net; net +
passed on by members − passed on to a federation − transferred = held. Every line is a sum of cells each converted once, so the account is exact in any
reporting currency and adds up across levels: a region's account is the sum of its campaigns'.

A pass-through moves money between campaigns: the sending one counts it as passed on, the
receiving one as received from members, and no region counts it as raised, so a gift passed
through to a federation is counted once at every level.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select

from tracker.donations.models import COUNTED_STATUSES, DonationStatus, GiftKind
from tracker.extensions import db
from tracker.ledger.models import MOVED_STATUSES, CostStatus, FlowKind, TransferStatus
from tracker.rollups.models import AwaitingRate, CampaignDay, CampaignTotal, RegionFigure


@dataclass
class Account:
    currency: str
    raised_minor: int = 0  # money gifts received or verified
    raised_count: int = 0
    verified_minor: int = 0
    pledged_minor: int = 0
    in_kind_value_minor: int = 0  # estimated, never in the account's cash lines
    passed_in_minor: int = 0  # from member associations' campaigns
    costs_minor: int = 0
    transferred_minor: int = 0  # to recipient NGOs: sent or acknowledged
    acknowledged_minor: int = 0
    planned_minor: int = 0  # transfers and pass-throughs planned, not yet counted
    passed_out_minor: int = 0  # to a federation's campaign
    awaiting: dict[str, list[int]] = field(default_factory=dict)  # entry currency: [entries, native amount]

    @property
    def net_minor(self) -> int:
        """What the campaigns raised, less their costs. Money passed between campaigns is not in it, so a
        region holding both ends of a pass-through does not count it twice."""
        return self.raised_minor - self.costs_minor

    @property
    def available_minor(self) -> int:
        """The net, plus what members passed on to it, less what it passed on to a federation."""
        return self.net_minor + self.passed_in_minor - self.passed_out_minor

    @property
    def held_minor(self) -> int:
        return self.available_minor - self.transferred_minor

    @property
    def has_flows(self) -> bool:
        return any((self.passed_in_minor, self.costs_minor, self.transferred_minor, self.planned_minor,
                    self.passed_out_minor, self.awaiting))

    def add(self, kind, status, count: int, amount: int) -> None:
        """One figure row's counts, by what its cells hold."""
        if kind is GiftKind.MONEY:
            if status in COUNTED_STATUSES:
                self.raised_minor += amount
                self.raised_count += count
            if status is DonationStatus.VERIFIED:
                self.verified_minor += amount
            elif status is DonationStatus.PLEDGED:
                self.pledged_minor += amount
        elif kind is GiftKind.IN_KIND:
            if status in COUNTED_STATUSES:
                self.in_kind_value_minor += amount
        elif kind is FlowKind.COST and status is CostStatus.RECORDED:
            self.costs_minor += amount
        elif status is TransferStatus.PLANNED:
            if kind is not FlowKind.PASSED_IN:
                self.planned_minor += amount
        elif status in MOVED_STATUSES:
            if kind is FlowKind.TRANSFER:
                self.transferred_minor += amount
                if status is TransferStatus.ACKNOWLEDGED:
                    self.acknowledged_minor += amount
            elif kind is FlowKind.PASSED_OUT:
                self.passed_out_minor += amount
            elif kind is FlowKind.PASSED_IN:
                self.passed_in_minor += amount


def _awaiting(account: Account, condition) -> Account:
    """Costs and transfers left out of the account's currency for want of a rate (counted, never lost;
    gifts awaiting a rate have a notice of their own)."""
    rows = db.session.execute(
        select(AwaitingRate.gift_currency, func.sum(AwaitingRate.gift_count), func.sum(AwaitingRate.native_minor))
        .where(condition, AwaitingRate.currency == account.currency, AwaitingRate.gift_count != 0,
               AwaitingRate.kind.in_(list(FlowKind)), AwaitingRate.status.in_([CostStatus.RECORDED, *MOVED_STATUSES]))
        .group_by(AwaitingRate.gift_currency))
    for currency, count, native in rows:
        if count:
            account.awaiting[currency] = [int(count), int(native)]
    return account


def campaign_account(campaign_id: int, currency: str) -> Account:
    account = Account(currency)
    rows = db.session.execute(
        select(CampaignTotal.kind, CampaignTotal.status, CampaignTotal.gift_count, CampaignTotal.amount_minor)
        .where(CampaignTotal.campaign_id == campaign_id, CampaignTotal.currency == currency))
    for kind, status, count, amount in rows:
        account.add(kind, status, int(count), int(amount))
    return _awaiting(account, AwaitingRate.campaign_id == campaign_id)


def region_account(place_id: int, currency: str, public_only: bool, date_from: dt.date | None = None,
                   date_to: dt.date | None = None, campaign_ids=None) -> Account:
    """The account of a place's campaigns (public ones only if asked), from its figures per day;
    `campaign_ids` (a select of them) adds the costs and transfers that wait for a rate."""
    account = Account(currency)
    query = (select(RegionFigure.kind, RegionFigure.status, func.sum(RegionFigure.gift_count),
                    func.sum(RegionFigure.amount_minor))
             .where(RegionFigure.place_id == place_id, RegionFigure.currency == currency,
                    RegionFigure.facet == "currency")
             .group_by(RegionFigure.kind, RegionFigure.status))
    if public_only:
        query = query.where(RegionFigure.public.is_(True))
    if date_from:
        query = query.where(RegionFigure.day >= date_from)
    if date_to:
        query = query.where(RegionFigure.day <= date_to)
    for kind, status, count, amount in db.session.execute(query):
        account.add(kind, status, int(count or 0), int(amount or 0))
    if campaign_ids is not None:
        days = [AwaitingRate.day >= date_from] if date_from else []
        days += [AwaitingRate.day <= date_to] if date_to else []
        _awaiting(account, and_(AwaitingRate.campaign_id.in_(campaign_ids), *days))
    return account


@dataclass(frozen=True)
class PeriodSum:
    gifts: int
    amount_minor: int
    awaiting: int  # gifts of the period not yet in this currency for want of a rate


def first_days_sum(campaign_id: int, currency: str, first_day: dt.date, days: int) -> PeriodSum:
    """What the ledger holds of a campaign's money gifts in its first `days` days, in `currency`."""
    last_day = first_day + dt.timedelta(days=days - 1)
    count, amount = db.session.execute(
        select(func.coalesce(func.sum(CampaignDay.gift_count), 0), func.coalesce(func.sum(CampaignDay.amount_minor), 0))
        .where(CampaignDay.campaign_id == campaign_id, CampaignDay.currency == currency,
               CampaignDay.kind == GiftKind.MONEY, CampaignDay.status.in_(list(COUNTED_STATUSES)),
               CampaignDay.day >= first_day, CampaignDay.day <= last_day)).one()
    waiting = db.session.scalar(
        select(func.coalesce(func.sum(AwaitingRate.gift_count), 0))
        .where(AwaitingRate.campaign_id == campaign_id, AwaitingRate.currency == currency,
               AwaitingRate.kind == GiftKind.MONEY, AwaitingRate.status.in_(list(COUNTED_STATUSES)),
               AwaitingRate.day >= first_day, AwaitingRate.day <= last_day))
    return PeriodSum(int(count), int(amount), int(waiting or 0))
