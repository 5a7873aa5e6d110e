"""Reading the converted figures. Each query reads rows per place, day or campaign: their number
does not grow with the number of donations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import and_, func, select

from tracker.campaigns.models import Campaign
from tracker.donations.models import Donation, DonationStatus, GiftKind
from tracker.extensions import db
from tracker.places.models import Place
from tracker.rollups.models import (AwaitingRate, CampaignDay, CampaignFigureState, CampaignTotal, DonationCell,
                                    InKindCell, PlaceFigureVersion, RegionFigure)


def _days(query, column, date_from: dt.date | None, date_to: dt.date | None):
    if date_from:
        query = query.where(column >= date_from)
    if date_to:
        query = query.where(column <= date_to)
    return query


def _region_query(columns, place_id: int, currency: str, public_only: bool, date_from, date_to):
    query = select(*columns, func.sum(RegionFigure.gift_count), func.sum(RegionFigure.amount_minor),
                   func.sum(RegionFigure.native_minor)).where(
        RegionFigure.place_id == place_id, RegionFigure.currency == currency).group_by(*columns)
    if public_only:
        query = query.where(RegionFigure.public.is_(True))
    return _days(query, RegionFigure.day, date_from, date_to)


def region_by_day(place_id: int, currency: str, public_only: bool, date_from: dt.date | None = None,
                  date_to: dt.date | None = None):
    """(day, status, kind, gifts, converted, native) of one place's campaigns (public ones only if asked)."""
    query = _region_query((RegionFigure.day, RegionFigure.status, RegionFigure.kind), place_id, currency,
                          public_only, date_from, date_to).where(RegionFigure.facet == "currency")
    return db.session.execute(query).tuples()


def region_by_facet(place_id: int, currency: str, facet: str, statuses: Sequence[DonationStatus], public_only: bool,
                    date_from: dt.date | None = None, date_to: dt.date | None = None):
    """(value, gifts, converted, native) of one place's money gifts per currency or per method."""
    query = _region_query((RegionFigure.value,), place_id, currency, public_only, date_from, date_to).where(
        RegionFigure.facet == facet, RegionFigure.kind == GiftKind.MONEY, RegionFigure.status.in_(list(statuses)))
    return db.session.execute(query).tuples()


def place_totals(place_ids: Sequence[int], currency: str, statuses: Sequence[DonationStatus], public_only: bool,
                 date_from: dt.date | None = None, date_to: dt.date | None = None) -> dict[int, tuple[int, int]]:
    """{place id: (gifts, converted amount)} of money gifts with these statuses."""
    if not place_ids:
        return {}
    query = (select(RegionFigure.place_id, func.sum(RegionFigure.gift_count), func.sum(RegionFigure.amount_minor))
             .where(RegionFigure.place_id.in_(list(place_ids)), RegionFigure.currency == currency,
                    RegionFigure.facet == "currency", RegionFigure.kind == GiftKind.MONEY,
                    RegionFigure.status.in_(list(statuses)))
             .group_by(RegionFigure.place_id))
    if public_only:
        query = query.where(RegionFigure.public.is_(True))
    rows = db.session.execute(_days(query, RegionFigure.day, date_from, date_to))
    return {place_id: (int(gifts), int(amount)) for place_id, gifts, amount in rows}


def campaign_sums(campaigns_clause, currency: str, statuses: Sequence[DonationStatus]):
    """(campaign id, gifts, converted, first days) of money gifts in `currency`, for the campaigns selected."""
    query = (select(CampaignTotal.campaign_id, func.sum(CampaignTotal.gift_count),
                    func.sum(CampaignTotal.amount_minor), func.sum(CampaignTotal.first_days_minor))
             .join(Campaign, Campaign.id == CampaignTotal.campaign_id)
             .where(CampaignTotal.currency == currency, CampaignTotal.kind == GiftKind.MONEY,
                    CampaignTotal.status.in_(list(statuses)), campaigns_clause)
             .group_by(CampaignTotal.campaign_id))
    return db.session.execute(query).tuples()


def campaign_day_sums(campaigns_clause, currency: str, statuses: Sequence[DonationStatus],
                      date_from: dt.date | None, date_to: dt.date | None):
    """(campaign id, day, gifts, converted) of money gifts in `currency` within the dates."""
    query = (select(CampaignDay.campaign_id, CampaignDay.day, func.sum(CampaignDay.gift_count),
                    func.sum(CampaignDay.amount_minor))
             .join(Campaign, Campaign.id == CampaignDay.campaign_id)
             .where(campaigns_clause, CampaignDay.currency == currency, CampaignDay.kind == GiftKind.MONEY,
                    CampaignDay.status.in_(list(statuses)))
             .group_by(CampaignDay.campaign_id, CampaignDay.day))
    return db.session.execute(_days(query, CampaignDay.day, date_from, date_to)).tuples()


def own_currency_sums(campaign_ids: Sequence[int], statuses: Sequence[DonationStatus],
                      date_from: dt.date | None = None, date_to: dt.date | None = None) -> dict[int, tuple[int, int]]:
    """{campaign id: (money gifts, estimated value of gifts in kind)} converted to the campaign's own
    currency, for goal progress."""
    if not campaign_ids:
        return {}
    model = CampaignDay if date_from or date_to else CampaignTotal
    query = (select(model.campaign_id, model.kind, func.sum(model.amount_minor))
             .join(Campaign, and_(Campaign.id == model.campaign_id, Campaign.currency == model.currency))
             .where(model.campaign_id.in_(list(campaign_ids)), model.kind.in_(list(GiftKind)),
                    model.status.in_(list(statuses)))
             .group_by(model.campaign_id, model.kind))
    if model is CampaignDay:
        query = _days(query, CampaignDay.day, date_from, date_to)
    sums: dict[int, list[int]] = {}
    for campaign_id, kind, amount in db.session.execute(query):
        sums.setdefault(campaign_id, [0, 0])[kind is GiftKind.IN_KIND] += int(amount)
    return {campaign_id: (money, in_kind) for campaign_id, (money, in_kind) in sums.items()}


def campaign_rows(campaign_id: int, currencies: Sequence[str], date_from: dt.date | None = None,
                  date_to: dt.date | None = None):
    """(currency, day, status, kind, gifts, converted) of one campaign."""
    query = (select(CampaignDay.currency, CampaignDay.day, CampaignDay.status, CampaignDay.kind,
                    CampaignDay.gift_count, CampaignDay.amount_minor)
             .where(CampaignDay.campaign_id == campaign_id, CampaignDay.currency.in_(list(currencies)),
                    CampaignDay.gift_count != 0))
    return db.session.execute(_days(query, CampaignDay.day, date_from, date_to)).tuples()


def campaign_gift_facts(campaign_id: int, statuses: Sequence[DonationStatus]) -> tuple[int, dt.date | None]:
    """(gifts, the day of the latest) of one campaign with these statuses, money and in kind, from the
    native cells: a gift still waiting for a rate is counted too."""
    gifts, latest = db.session.execute(
        select(func.coalesce(func.sum(DonationCell.gift_count), 0), func.max(DonationCell.day))
        .where(DonationCell.campaign_id == campaign_id, DonationCell.kind.in_(list(GiftKind)),
               DonationCell.status.in_(list(statuses)), DonationCell.gift_count > 0)).one()
    return int(gifts), latest


def awaiting_rates(campaigns_clause, currency: str, statuses: Sequence[DonationStatus],
                   date_from: dt.date | None = None, date_to: dt.date | None = None,
                   own_currency: bool = False) -> list[tuple[str, int, int, dt.date, dt.date]]:
    """Money gifts of these campaigns not yet in the `currency` figures (or, with `own_currency`, in
    their campaign's own) for want of a rate: (gift currency, gifts, native amount, first day, last day)."""
    target = Campaign.currency if own_currency else currency
    query = (select(AwaitingRate.gift_currency, func.sum(AwaitingRate.gift_count),
                    func.sum(AwaitingRate.native_minor), func.min(AwaitingRate.day), func.max(AwaitingRate.day))
             .join(Campaign, Campaign.id == AwaitingRate.campaign_id)
             .where(campaigns_clause, AwaitingRate.currency == target, AwaitingRate.kind == GiftKind.MONEY,
                    AwaitingRate.status.in_(list(statuses)), AwaitingRate.gift_count != 0)
             .group_by(AwaitingRate.gift_currency).order_by(AwaitingRate.gift_currency))
    rows = db.session.execute(_days(query, AwaitingRate.day, date_from, date_to))
    return [(gift_currency, int(gifts), int(native), first, last)
            for gift_currency, gifts, native, first, last in rows if gifts]


def awaiting_among(donation_ids, currency: str) -> int:
    """How many of the gifts `donation_ids` (a select of ids) are not yet in the `currency` figures for
    want of a rate: the same rows that list them as awaiting on a dashboard."""
    waiting = select(AwaitingRate.campaign_id).where(
        AwaitingRate.campaign_id == Donation.campaign_id, AwaitingRate.currency == currency,
        AwaitingRate.kind == Donation.kind, AwaitingRate.status == Donation.status,
        AwaitingRate.day == Donation.received_on, AwaitingRate.gift_currency == Donation.currency,
        AwaitingRate.gift_count != 0)
    return db.session.scalar(select(func.count()).select_from(Donation)
                             .where(Donation.id.in_(donation_ids), waiting.exists())) or 0


def in_kind_items(campaigns_clause, statuses: Sequence[DonationStatus]) -> list[tuple[str, str, int, int]]:
    """(item, unit, gifts, quantity) for the in-kind gifts of the campaigns selected, most given first."""
    rows = db.session.execute(
        select(InKindCell.item, InKindCell.unit, func.sum(InKindCell.gift_count), func.sum(InKindCell.quantity))
        .join(Campaign, Campaign.id == InKindCell.campaign_id)
        .where(campaigns_clause, InKindCell.status.in_(list(statuses)))
        .group_by(InKindCell.item, InKindCell.unit))
    return sorted(((item, unit, int(g), int(q)) for item, unit, g, q in rows if g),
                  key=lambda row: (-row[3], row[0]))


def in_kind_items_by_campaign(campaign_ids: list[int], statuses: Sequence[DonationStatus]
                              ) -> dict[int, list[tuple[str, str, int, int]]]:
    """The same, per campaign, for the campaigns listed: what each was given in kind, most given first."""
    rows = db.session.execute(
        select(InKindCell.campaign_id, InKindCell.item, InKindCell.unit, func.sum(InKindCell.gift_count),
               func.sum(InKindCell.quantity))
        .where(InKindCell.campaign_id.in_(campaign_ids), InKindCell.status.in_(list(statuses)))
        .group_by(InKindCell.campaign_id, InKindCell.item, InKindCell.unit))
    items: dict[int, list[tuple[str, str, int, int]]] = {}
    for campaign_id, item, unit, gifts, quantity in rows:
        if gifts:
            items.setdefault(campaign_id, []).append((item, unit, int(gifts), int(quantity)))
    return {campaign_id: sorted(found, key=lambda row: (-row[3], row[0])) for campaign_id, found in items.items()}


def campaign_page_version(campaign_id: int) -> tuple[int, int] | None:
    """(the campaign's own revision, its figures' version): what a cached public page is keyed by."""
    row = db.session.execute(
        select(Campaign.revision, func.coalesce(CampaignFigureState.version, 0))
        .outerjoin(CampaignFigureState, CampaignFigureState.campaign_id == Campaign.id)
        .where(Campaign.id == campaign_id)).first()
    return None if row is None else (int(row[0]), int(row[1]))


def region_version(place_clause) -> tuple[int, int] | None:
    """(place id, version of its figures) of the place the clause names, in one query; None if none."""
    row = db.session.execute(
        select(Place.id, func.coalesce(PlaceFigureVersion.version, 0))
        .outerjoin(PlaceFigureVersion, PlaceFigureVersion.place_id == Place.id).where(place_clause)).first()
    return None if row is None else (int(row[0]), int(row[1]))
