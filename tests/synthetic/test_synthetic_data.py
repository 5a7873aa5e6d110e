"""The benchmark's data generator, exercised at a small size only."""

from sqlalchemy import func, select

from tracker.campaigns.models import Campaign
from tracker.dashboards import services as dashboards
from tracker.donations import rollups
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
