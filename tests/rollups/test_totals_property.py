"""Property: whatever the order of logging, correcting, voiding and verifying, in any currency and
on any day, every dashboard total at every level equals the sum of the entries beneath it, converted
cell by cell, in every reporting currency, to the cent; and the rollup cells equal the donations.

The expected figures come from a plain Python record of what was entered, not from the database.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict

from conftest import _empty_tables
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import money
from tracker.accounts import services as accounts
from tracker.accounts.models import Role
from tracker.campaigns import services as campaigns
from tracker.campaigns.models import CampaignKind, CampaignStatus
from tracker.dashboards import services as dashboards
from tracker.donations import operations
from tracker.rollups import integrity as rollups
from tracker.donations.models import COUNTED_STATUSES, DonationStatus, GiftKind, Method
from tracker.extensions import db
from tracker.organisations import services as organisations
from tracker.organisations.models import OrganisationKind
from tracker.places import services as places
from tracker.rates import services as rates

FIRST_DAY = dt.date(2025, 7, 21)
DAYS = 10
CURRENCIES = ["EUR", "USD", "JPY", "KHR", "THB", "AUD"]
CITIES = [("FR-IDF", "Paris"), ("FR-ARA", "Lyon"), ("US-CA", "San Jose")]

amounts = st.integers(min_value=1, max_value=5_000_000)
log_op = st.tuples(st.just("log"), st.integers(0, len(CITIES) - 1), amounts, st.sampled_from(CURRENCIES),
                   st.integers(0, DAYS - 1), st.sampled_from(list(Method)),
                   st.sampled_from([DonationStatus.RECEIVED, DonationStatus.PLEDGED]),
                   st.sampled_from(list(GiftKind)))
correct_op = st.tuples(st.just("correct"), st.integers(0, 50), amounts, st.sampled_from(CURRENCIES),
                       st.integers(0, DAYS - 1), st.sampled_from(list(Method)))
void_op = st.tuples(st.just("void"), st.integers(0, 50))
verify_op = st.tuples(st.just("verify"), st.integers(0, 50))
# An admin enters (or replaces) the riel rate of a day; a coordinator moves a campaign or makes it private.
rate_op = st.tuples(st.just("rate"), st.integers(0, DAYS - 1), st.integers(4000, 5000))
move_op = st.tuples(st.just("move"), st.integers(0, len(CITIES) - 1), st.integers(0, len(CITIES) - 1), st.booleans())
# Many gifts at once through the bulk path (imports), and a commit: rates that arrived are then
# converted in batches, between further writes to campaigns already moved and not yet moved.
batch_op = st.tuples(st.just("batch"), st.lists(log_op, min_size=1, max_size=6))
commit_op = st.tuples(st.just("commit"))
operations_strategy = st.lists(st.one_of(log_op, log_op, correct_op, void_op, verify_op, rate_op, move_op,
                                         batch_op, commit_op), min_size=1, max_size=16)
RIEL_RATES_FROM = 2  # no riel rate on the first two days, until a step enters one


def _build_world():
    admin = accounts.create_user("admin@example.org", "a long password", "Admin", Role.ADMIN)
    cities = [places.ensure_city(code, name) for code, name in CITIES]
    campaign_list = []
    for index, city in enumerate(cities):
        organiser = organisations.create_organisation(admin, f"Association {city.name}",
                                                      OrganisationKind.ASSOCIATION, city)
        campaign_list.append(campaigns.create_campaign(admin, campaigns.CampaignEntry(
            name=f"Campaign {index}", organisation=organiser, city=city, kind=CampaignKind.ONLINE_FUNDRAISER,
            currency=CURRENCIES[index], goal="", starts_on=FIRST_DAY, ends_on=None,
            status=CampaignStatus.ACTIVE)))
    for offset in range(RIEL_RATES_FROM, DAYS):  # the ECB has no riel: an admin enters one for most days
        rates.add_rate(admin, "KHR", FIRST_DAY + dt.timedelta(days=offset), str(4600 + 17 * offset), "test rate")
    return admin, campaign_list


def _entry(campaign, amount_minor, currency, day, method, status=DonationStatus.RECEIVED, kind=GiftKind.MONEY):
    text = str(money.from_minor(amount_minor, currency))
    return operations.GiftEntry(campaign=campaign, kind=kind, amount=text, currency=currency,
                                received_on=FIRST_DAY + dt.timedelta(days=day), method=method, status=status,
                                item="rice" if kind is GiftKind.IN_KIND else "", quantity=3, unit="bags")


def _expected(entries: dict, campaign_city: dict, reporting: str, book: money.RateBook) -> dict:
    """Converted money totals per city, from the Python record, cell by cell; cells without a rate left out."""
    cells: dict[tuple, int] = defaultdict(int)
    for record in entries.values():
        if record["status"] in COUNTED_STATUSES and record["kind"] is GiftKind.MONEY:
            key = (record["campaign"], record["day"], record["currency"], record["status"], record["method"])
            cells[key] += record["amount_minor"]
    per_city: dict[int, int] = defaultdict(int)
    for (campaign_id, day, currency, _status, _method), amount in cells.items():
        if campaign_id not in campaign_city:
            continue
        try:
            per_city[campaign_city[campaign_id]] += book.convert_minor(amount, currency, reporting, day)
        except money.MissingRate:
            pass
    return per_city


def _move(admin, campaign, city, public: bool) -> None:
    campaigns.update_campaign(admin, campaign, campaigns.CampaignEntry(
        name=campaign.name, organisation=campaign.organisation, city=city, kind=campaign.kind,
        currency=campaign.currency, goal="", starts_on=campaign.starts_on, ends_on=None, status=campaign.status,
        is_public=public))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations_strategy)
def test_every_level_adds_up_to_the_entries(app, steps):
    with app.app_context():
        _empty_tables()
        admin, campaign_list = _build_world()
        entries: dict[int, dict] = {}
        order: list[int] = []
        cities = [c.city for c in campaign_list]
        for step in steps:
            if step[0] == "rate":
                rates.add_rate(admin, "KHR", FIRST_DAY + dt.timedelta(days=step[1]), str(step[2]), "new rate")
                continue
            if step[0] == "move":
                _move(admin, campaign_list[step[1]], cities[step[2]], step[3])
                continue
            if step[0] == "commit":
                db.session.commit()
                continue
            if step[0] == "batch":
                logged = operations.log_donations(admin, [
                    _entry(campaign_list[city_index], amount, currency, day, method, status, kind)
                    for _, city_index, amount, currency, day, method, status, kind in step[1]])
                for donation in map(functools.partial(db.session.get, operations.Donation), logged):
                    order.append(donation.id)
                    entries[donation.id] = _record(donation)
                continue
            if step[0] == "log":
                _, city_index, amount, currency, day, method, status, kind = step
                campaign = campaign_list[city_index]
                # Never refused for want of a rate: a riel gift on a day with no riel rate waits for one.
                donation, created = operations.log_donation(
                    admin, _entry(campaign, amount, currency, day, method, status, kind))
                assert created
                order.append(donation.id)
            elif not order:
                continue
            else:
                donation = db.session.get(operations.Donation, order[step[1] % len(order)])
                if donation.status is DonationStatus.VOID:
                    continue
                if step[0] == "correct":
                    _, _, amount, currency, day, method = step
                    operations.correct_donation(admin, donation, _entry(
                        donation.campaign, amount, currency, day, method, donation.status, donation.kind),
                        "typing mistake")
                elif step[0] == "void":
                    operations.void_donation(admin, donation, "duplicate")
                else:
                    operations.set_status(admin, donation, DonationStatus.VERIFIED)
            entries[donation.id] = _record(donation)
        db.session.commit()  # rates that arrived since the last commit are converted before this returns

        assert rollups.check() == []
        campaign_city = {c.id: c.city_id for c in campaign_list}
        public_city = {c.id: c.city_id for c in campaign_list if c.is_public}
        book = rates.rate_book()
        world = places.world()
        countries = [places.find_region(code) for code in ("FR", "US")]
        subdivisions = [places.find_region(code) for code in ("FR-IDF", "FR-ARA", "US-CA")]
        for reporting in money.REPORTING_CURRENCIES:
            public = _expected(entries, public_city, reporting, book)
            for region in [world, *countries]:
                shown = dashboards.region_totals(region, reporting, public_only=True).amount_minor
                assert shown == sum(amount for city_id, amount in public.items()
                                    if _inside(region, places.get(city_id))), (reporting, region.slug, "public")
            expected = _expected(entries, campaign_city, reporting, book)
            for region in [world, *countries, *subdivisions, *cities]:
                shown = dashboards.region_totals(region, reporting).amount_minor
                beneath = sum(amount for city_id, amount in expected.items()
                              if places.get(city_id) is not None
                              and _inside(region, places.get(city_id)))
                assert shown == beneath, (reporting, region.slug)
            total = dashboards.region_totals(world, reporting).amount_minor
            assert total == sum(dashboards.region_totals(c, reporting).amount_minor for c in countries)
            assert total == sum(dashboards.region_totals(c, reporting).amount_minor for c in cities)
        # Nothing is lost: in euros, every counted gift is either in the figures or awaiting a rate.
        eur = dashboards.region_totals(world, "EUR")
        awaiting = {currency: native for currency, _gifts, native, _first, _last in eur.awaiting}
        for currency in CURRENCIES:
            logged = sum(r["amount_minor"] for r in entries.values() if r["currency"] == currency
                         and r["status"] in COUNTED_STATUSES and r["kind"] is GiftKind.MONEY)
            assert eur.by_currency.get(currency, [0])[0] + awaiting.get(currency, 0) == logged, currency
        db.session.rollback()


def _record(donation) -> dict:
    return {"campaign": donation.campaign_id, "day": donation.received_on, "currency": donation.currency,
            "amount_minor": donation.amount_minor, "status": donation.status, "method": donation.method,
            "kind": donation.kind}


def _inside(region, city) -> bool:
    from tracker.permissions import region_contains

    return region_contains(region, city)


def test_a_broken_cell_is_reported_and_rebuilt(app, world, runner):
    """The integrity check notices a cell that disagrees with the donations, and repairs it."""
    with app.app_context():
        admin = accounts.find_by_email(world.emails["admin"])
        campaign = campaigns.get(world.paris_campaign_id)
        operations.log_donation(admin, _entry(campaign, 12345, "EUR", 2, Method.CASH))
        db.session.commit()
        assert rollups.check() == []
        db.session.execute(db.text("UPDATE donation_cells SET amount_minor = amount_minor + 1"))
        db.session.commit()

    result = runner.invoke(args=["rollups", "check"])
    assert result.exit_code == 1
    assert "stored (1, 12346), donations say (1, 12345)" in result.output

    result = runner.invoke(args=["rollups", "check", "--rebuild"])
    assert "Rebuilt the rollups (1 rows differed)." in result.output
    result = runner.invoke(args=["rollups", "check"])
    assert result.exit_code == 0
    assert "Rollups agree with the donations." in result.output
    with app.app_context():
        assert dashboards.campaign_totals(campaigns.get(world.paris_campaign_id)).amount_minor == 12345


def test_a_broken_figure_is_reported_and_rebuilt(app, world, runner):
    """A converted figure that disagrees with its cells is caught too, and the page is right again after a rebuild."""
    with app.app_context():
        admin = accounts.find_by_email(world.emails["admin"])
        campaign = campaigns.get(world.paris_campaign_id)
        operations.log_donation(admin, _entry(campaign, 12345, "EUR", 2, Method.CASH))
        db.session.commit()
        db.session.execute(db.text("UPDATE campaign_totals SET amount_minor = amount_minor + 100 "
                                   "WHERE currency = 'EUR'"))
        db.session.commit()
        assert dashboards.campaign_totals(campaigns.get(world.paris_campaign_id)).amount_minor == 12345
        assert dashboards.region_totals(places.world(), "EUR").by_campaign[world.paris_campaign_id].amount_minor \
            == 12445

    result = runner.invoke(args=["rollups", "check"])
    assert result.exit_code == 1
    assert "campaign_totals" in result.output and "stored (1, 12445, 0), donations say (1, 12345, 0)" \
        in result.output

    result = runner.invoke(args=["rollups", "check", "--rebuild"])
    assert "Rebuilt the rollups (1 rows differed)." in result.output
    assert runner.invoke(args=["rollups", "check"]).exit_code == 0
    with app.app_context():
        assert dashboards.region_totals(places.world(), "EUR").by_campaign[world.paris_campaign_id].amount_minor \
            == 12345
