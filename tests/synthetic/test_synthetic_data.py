"""The benchmark's data generator, exercised at a small size only."""

import re

from sqlalchemy import func, select

from tracker.campaigns.models import Campaign
from tracker.dashboards import services as dashboards
from tracker.rollups import integrity as rollups
from tracker.donations.models import Donation
from tracker.extensions import db
from tracker.places import services as places

SMALL = ["--countries", "3", "--subdivisions", "6", "--cities", "12", "--organisations", "20",
         "--campaigns", "40", "--donations", "3000", "--days", "20"]


def _snapshot(app):
    with app.app_context():
        count = db.session.scalar(select(func.count(Donation.id)))
        amount = db.session.scalar(select(func.sum(Donation.amount_minor)))
        campaigns = db.session.scalar(select(func.count(Campaign.id)))
        differences = rollups.check()
        world_eur = dashboards.region_totals(places.world(), "EUR").amount_minor
        busiest = db.session.execute(
            select(Donation.campaign_id, func.count()).group_by(Donation.campaign_id)
            .order_by(func.count().desc())).all()
    return count, amount, campaigns, differences, world_eur, busiest


def test_generates_the_asked_sizes_with_agreeing_rollups(app, runner):
    result = runner.invoke(args=["synthetic", "generate", *SMALL])
    assert result.exit_code == 0, result.output
    assert "Generated" in result.output and "3,000 donations" in result.output
    count, amount, campaigns, differences, world_eur, busiest = _snapshot(app)
    assert (count, campaigns) == (3000, 40)
    assert differences == []
    assert world_eur > 0
    # Skewed like a real crisis: the busiest tenth of the campaigns takes most of the gifts.
    top_tenth = sum(n for _, n in busiest[:4])
    assert top_tenth > count / 2


def test_same_seed_same_data_and_refuses_a_non_empty_database(app, runner):
    runner.invoke(args=["synthetic", "generate", *SMALL])
    first = _snapshot(app)
    result = runner.invoke(args=["synthetic", "generate", *SMALL])
    assert result.exit_code != 0
    assert "already holds donations" in result.output
    assert _snapshot(app)[:2] == first[:2]

    from conftest import _empty_tables

    with app.app_context():
        _empty_tables()
    runner.invoke(args=["synthetic", "generate", *SMALL])
    assert _snapshot(app)[:5] == first[:5]


def test_a_dashboard_of_many_campaigns_lists_the_largest_and_every_one_on_request(app, runner, client, auth):
    """At crisis scale the everywhere dashboard lists the 50 largest campaigns, largest first, and all on request."""
    from tracker.accounts import services as accounts
    from tracker.accounts.models import Role
    from conftest import TEST_PASSWORD

    sizes = [*SMALL[:-6], "--campaigns", "60", "--donations", "3000", "--days", "20"]
    assert runner.invoke(args=["synthetic", "generate", *sizes]).exit_code == 0
    with app.app_context():
        accounts.create_user("admin@example.org", TEST_PASSWORD, "Admin", Role.ADMIN)
        db.session.commit()
        totals = dashboards.region_totals(places.world(), "EUR")
        by_size = sorted(totals.by_campaign.values(), key=lambda line: -line.amount_minor)
    auth.login("admin@example.org")

    page = client.get("/dashboards/world").get_data(as_text=True)
    campaigns_table = page.split('<h2>Campaigns</h2>')[1].split("</table>")[0]
    listed = [int(i) for i in re.findall(r'href="/campaigns/(\d+)"', campaigns_table)]
    assert len(listed) == 50 and listed[0] == by_size[0].campaign_id
    assert {line.campaign_id for line in by_size[50:]}.isdisjoint(listed)  # the ten smallest are left out
    assert "The 50 largest of 60 campaigns." in page

    every = client.get("/dashboards/world?campaigns=all").get_data(as_text=True)
    assert every.split('<h2>Campaigns</h2>')[1].split("</table>")[0].count('href="/campaigns/') == 60
    assert "largest of 60 campaigns" not in every
