"""Two coordinators move the same campaign at the same moment, each from a page loaded before the
other's move: the campaign ends where the second put it, and every region's figures still equal
the gifts beneath it (the second move starts from where the first left the campaign)."""

from __future__ import annotations

import datetime as dt
import threading

from tracker.accounts import services as accounts
from tracker.campaigns import services as campaigns
from tracker.dashboards import services as dashboards
from tracker.donations import operations
from tracker.donations.models import GiftKind, Method
from tracker.extensions import db
from tracker.places import services as places
from tracker.rollups import integrity

WAIT = 10  # seconds, for each hand-over between the two threads


def _entry(campaign, city):
    return campaigns.CampaignEntry(
        name=campaign.name, organisation=campaign.organisation, city=city, kind=campaign.kind,
        currency=campaign.currency, goal="", starts_on=campaign.starts_on, ends_on=None, status=campaign.status,
        recipients=[(r.ngo, "") for r in campaign.recipients])


def test_two_moves_of_one_campaign_at_once_keep_every_region_exact(app, world):
    with app.app_context():
        admin = accounts.find_by_email(world.emails["admin"])
        operations.log_donation(admin, operations.GiftEntry(
            campaign=campaigns.get(world.paris_campaign_id), kind=GiftKind.MONEY, amount="100", currency="EUR",
            received_on=dt.date(2025, 7, 26), method=Method.CASH))
        db.session.commit()
    first_moved, second_loaded = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def move(to_city_id: int, first: bool) -> None:
        try:
            with app.app_context():
                if not first:
                    assert first_moved.wait(WAIT)
                actor = accounts.find_by_email(world.emails["admin"])
                campaign = campaigns.get(world.paris_campaign_id)
                entry = _entry(campaign, places.get(to_city_id))  # what the coordinator's form held
                if first:
                    campaigns.update_campaign(actor, campaign, entry)
                    first_moved.set()
                    assert second_loaded.wait(WAIT)
                    threading.Event().wait(0.3)  # the second move is now waiting for this one
                else:
                    second_loaded.set()
                    campaigns.update_campaign(actor, campaign, entry)
                db.session.commit()
                db.session.remove()
        except BaseException as error:  # reported below, with the thread's own traceback
            failures.append(error)
            first_moved.set()
            second_loaded.set()

    threads = [threading.Thread(target=move, args=(world.lyon_id, True)),
               threading.Thread(target=move, args=(world.san_jose_id, False))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=3 * WAIT)
    assert not failures, failures
    with app.app_context():
        assert campaigns.get(world.paris_campaign_id).city_id == world.san_jose_id
        assert integrity.check() == []
        totals = {code: dashboards.region_totals(places.find_region(code), "EUR").amount_minor
                  for code in ("world", "FR", "FR-IDF/paris", "FR-ARA/lyon", "US-CA/san-jose")}
    assert totals == {"world": 10000, "FR": 0, "FR-IDF/paris": 0, "FR-ARA/lyon": 0, "US-CA/san-jose": 10000}
