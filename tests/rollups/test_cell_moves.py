"""A cell's figures move by the difference of its two sides, each converted on its own: a side with
nothing to convert needs no rate, so a cell of in-kind gifts without a value is counted at once, and
when a valued gift joins it on a day without a rate, the whole cell waits for the rate, not only
the new gift."""

from __future__ import annotations

from sqlalchemy import func, select

from tracker.accounts import services as accounts
from tracker.campaigns import services as campaigns
from tracker.dashboards import services as dashboards
from tracker.donations import operations
from tracker.donations.models import DonationStatus, GiftKind, Method
from tracker.extensions import db
from tracker.places import services as places
from tracker.rollups import integrity
from tracker.rollups.models import AwaitingRate


def _rice(actor, campaign, amount: str):
    donation, _ = operations.log_donation(actor, operations.GiftEntry(
        campaign=campaign, kind=GiftKind.IN_KIND, amount=amount, currency="USD",
        received_on=operations.latest_today(), method=Method.OTHER, item="Rice", quantity=5, unit="kg"))
    db.session.commit()
    return donation


def _waiting_in_eur(campaign_id: int) -> tuple[int, int]:
    """Received gifts waiting for a rate to count in euros: (gifts, native amount)."""
    row = db.session.execute(select(func.coalesce(func.sum(AwaitingRate.gift_count), 0),
                                    func.coalesce(func.sum(AwaitingRate.native_minor), 0))
                             .where(AwaitingRate.campaign_id == campaign_id, AwaitingRate.currency == "EUR",
                                    AwaitingRate.status == DonationStatus.RECEIVED)).one()
    return int(row[0]), int(row[1])


def test_a_valued_gift_joining_unvalued_ones_without_a_rate_makes_the_whole_cell_wait(app, world):
    with app.app_context():
        admin = accounts.find_by_email(world.emails["admin"])
        campaign = campaigns.get(world.paris_campaign_id)
        paris = places.find_region("FR-IDF")
        before = dashboards.region_totals(paris, "EUR")

        _rice(admin, campaign, "")
        _rice(admin, campaign, "")
        # Nothing to convert: both count in euros at once, and nothing waits.
        assert dashboards.region_totals(paris, "EUR").in_kind_count == before.in_kind_count + 2
        assert _waiting_in_eur(campaign.id) == (0, 0)
        assert integrity.check() == []

        valued = _rice(admin, campaign, "40.00")
        # US$40 on a day without a dollar rate: the cell's three gifts wait together.
        assert _waiting_in_eur(campaign.id) == (3, 4000)
        assert dashboards.region_totals(paris, "EUR").in_kind_count == before.in_kind_count
        assert integrity.check() == []

        operations.void_donation(admin, valued, "typed twice")
        db.session.commit()
        assert _waiting_in_eur(campaign.id) == (0, 0)
        assert dashboards.region_totals(paris, "EUR").in_kind_count == before.in_kind_count + 2
        assert integrity.check() == []
