"""Read-only look-ups the donation pages need."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from tracker.campaigns.models import Campaign
from tracker.database import contains_text
from tracker.donations.models import Donation, DonationStatus, GiftKind, Method
from tracker.extensions import db
from tracker.places import services as places
from tracker.places.models import Place

PAGE_SIZE = 25  # gifts on one page of a list: short enough to read on a phone
SEARCH_LENGTH = 100


def get(donation_id: int) -> Donation | None:
    return db.session.get(Donation, donation_id)


def by_receipt_code(stored: str) -> Donation | None:
    """The gift a receipt code names, in its stored form (receipt_codes.read gives it from what was typed)."""
    return db.session.scalar(select(Donation).where(Donation.receipt_code == stored))


@dataclass(frozen=True)
class GiftSearch:
    """Which gifts a list shows, beyond whose list it is. Empty means any."""

    statuses: tuple[DonationStatus, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    campaign_id: int | None = None
    kind: GiftKind | None = None
    method: Method | None = None
    currency: str | None = None  # the gift's own currency
    organisation_id: int | None = None
    text: str = ""  # in the donor's name, the receipt code, the item or the campaign's name


@dataclass(frozen=True)
class GiftPage:
    gifts: list[Donation]
    count: int  # every gift the search finds, on every page
    sums: list[tuple[str, int, int]]  # money gifts found, per currency: (currency, native minor units, gifts)
    number: int  # this page, from 1
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.size))


def _searched(query, search: GiftSearch):
    if search.statuses:
        query = query.where(Donation.status.in_(search.statuses))
    if search.date_from:
        query = query.where(Donation.received_on >= search.date_from)
    if search.date_to:
        query = query.where(Donation.received_on <= search.date_to)
    if search.campaign_id is not None:
        query = query.where(Donation.campaign_id == search.campaign_id)
    if search.organisation_id is not None:
        query = query.where(Campaign.organisation_id == search.organisation_id)
    if search.kind is not None:
        query = query.where(Donation.kind == search.kind)
    if search.method is not None:
        query = query.where(Donation.method == search.method)
    if search.currency:
        query = query.where(Donation.currency == search.currency)
    text = " ".join(search.text.split())
    if text:
        code = "".join(ch for ch in text.upper() if ch.isalnum())
        matches = [contains_text(Donation.donor_name, text), contains_text(Donation.item, text),
                   contains_text(Campaign.name, text)]
        if len(code) >= 4:  # a receipt code however it was typed: "7kq2m xhd4r" finds 7KQ2M-XHD4R
            matches.append(func.replace(Donation.receipt_code, "-", "").contains(code, autoescape=True))
        query = query.where(or_(*matches))
    return query


def found_ids(scope, search: GiftSearch):
    """The ids of the gifts `scope` and `search` select, as a select."""
    return _searched(select(Donation.id).join(Campaign, Campaign.id == Donation.campaign_id).where(scope), search)


def gift_page(scope, search: GiftSearch, number: int = 1, size: int = PAGE_SIZE) -> GiftPage:
    """One page of the gifts `scope` (an SQL condition on Donation and Campaign) and `search` select,
    latest received first, with how many there are and what the money among them adds up to."""
    found = found_ids(scope, search).subquery()
    count = db.session.scalar(select(func.count()).select_from(found)) or 0
    sums = db.session.execute(
        select(Donation.currency, func.sum(Donation.amount_minor), func.count())
        .where(Donation.id.in_(select(found.c.id)), Donation.kind == GiftKind.MONEY)
        .group_by(Donation.currency).order_by(Donation.currency)).all()
    pages = max(1, -(-count // size))
    number = min(max(number, 1), pages)
    gifts = list(db.session.scalars(
        select(Donation).where(Donation.id.in_(select(found.c.id)))
        .options(selectinload(Donation.campaign).selectinload(Campaign.city))
        .order_by(Donation.received_on.desc(), Donation.id.desc()).limit(size).offset((number - 1) * size)))
    return GiftPage(gifts=gifts, count=count, sums=[(c, int(m or 0), int(n)) for c, m, n in sums],
                    number=number, size=size)


def logged_by(user):
    """The scope of "My entries": what this user logged."""
    return Donation.logged_by_id == user.id


def in_region(region: Place):
    """The scope of a dashboard's gifts: those of the campaigns held in `region`."""
    return places.in_region_clause(region, Campaign.city_id)
