"""`flask demo load`: the figures a visitor of the demo would check, and that a second load changes nothing."""

from __future__ import annotations

import datetime as dt

from conftest import shown_day
from sqlalchemy import func, select

from tracker.demo import data
from tracker.extensions import db

# The diaspora committees the articles name, with the currency each one collects in.
CITIES = (
    ("FR-IDF/paris", "EUR"),
    ("FR-ARA/lyon", "EUR"),
    ("CA-QC/montreal", "CAD"),
    ("US-CA/san-jose", "USD"),
    ("AU-VIC/melbourne", "AUD"),
    ("JP-13/tokyo", "JPY"),
)


def _load(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result.output


def _federation_campaign():
    from tracker.campaigns.models import Campaign

    return db.session.scalar(select(Campaign).where(Campaign.name == data.FEDERATION_CAMPAIGN))


def test_federation_raised_nearly_80000_euros_in_its_first_three_days(app, runner):
    from tracker.dashboards.services import campaign_totals
    from tracker.donations.models import COUNTED_STATUSES, Donation, GiftKind

    _load(runner)
    with app.app_context():
        campaign = _federation_campaign()
        assert campaign.currency == "EUR" and campaign.city.name == "Paris"
        assert campaign.starts_on == dt.date(2025, 7, 25)
        assert "nearly €80,000" in campaign.source_note
        line = campaign_totals(campaign, "EUR").by_campaign[campaign.id]
        assert 7_500_000 <= line.first_days_minor <= 8_000_000

        first_three_days = db.session.scalar(
            select(func.sum(Donation.amount_minor)).where(
                Donation.campaign_id == campaign.id, Donation.kind == GiftKind.MONEY,
                Donation.status.in_(COUNTED_STATUSES),
                Donation.received_on.between(dt.date(2025, 7, 25), dt.date(2025, 7, 27))))
        assert line.first_days_minor == first_three_days
        gifts_by_method = dict(db.session.execute(
            select(Donation.method, func.count(Donation.id)).where(Donation.campaign_id == campaign.id)
            .group_by(Donation.method)).all())
        # Mostly online platform and bank transfer, as the campaign was run.
        online_and_bank = sum(count for method, count in gifts_by_method.items()
                              if method.value in ("online_platform", "bank_transfer"))
        assert online_and_bank > 0.8 * sum(gifts_by_method.values())


def test_each_diaspora_city_has_a_campaign_in_its_own_currency_with_gifts(app, runner):
    from tracker.campaigns import services as campaigns
    from tracker.dashboards.services import region_totals
    from tracker.places import services as places

    _load(runner)
    with app.app_context():
        for code, currency in CITIES:
            city = places.find_region(code)
            assert city is not None, code
            assert currency in {c.currency for c in campaigns.in_region(city)}, code
            totals = region_totals(city, currency)
            assert totals.amount_minor > 0 and not totals.awaiting, code
        isan = [c for c in campaigns.in_region(places.find_region("TH")) if c.organisation.name == "La France en Isan"]
        assert [c.currency for c in isan] == ["THB"]


def test_every_dashboard_currency_including_riels_converts_every_gift(app, runner):
    from tracker.dashboards.services import region_totals
    from tracker.money import REPORTING_CURRENCIES
    from tracker.places import services as places

    _load(runner)
    with app.app_context():
        for currency in REPORTING_CURRENCIES:
            totals = region_totals(places.world(), currency)
            assert totals.amount_minor > 0 and not totals.awaiting, currency


def test_medicine_drive_counts_items_given_in_kind(app, runner):
    from tracker.campaigns.models import Campaign
    from tracker.dashboards.services import campaign_in_kind_items
    from tracker.donations.models import Donation

    _load(runner)
    with app.app_context():
        drive = db.session.scalar(select(Campaign).where(Campaign.name == data.MEDICINE_CAMPAIGN))
        items = {item: quantity for item, _unit, _gifts, quantity in campaign_in_kind_items(drive)}
        paracetamol = db.session.scalar(select(func.sum(Donation.quantity)).where(
            Donation.campaign_id == drive.id, Donation.item == "Paracetamol 500 mg"))
        assert paracetamol and items["paracetamol 500 mg"] == paracetamol


def test_demo_logins_work_with_the_printed_password(app, runner, client, auth):
    output = _load(runner)
    assert data.DEMO_PASSWORD in output and "http://127.0.0.1:5000/" in output
    for user in data.DEMO_USERS:
        assert user.email in output
        response = auth.login(user.email, data.DEMO_PASSWORD)
        assert response.status_code == 302, user.email
        auth.logout()


def test_loading_twice_changes_nothing(app, runner):
    _load(runner)
    with app.app_context():
        before = _row_counts()
    output = _load(runner)
    assert "already loaded" in output
    with app.app_context():
        assert _row_counts() == before
    assert before["donations"] > 0 and before["users"] == len(data.DEMO_USERS)


def _row_counts() -> dict[str, int]:
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def test_where_the_demo_money_went(app, runner, client):
    """Transfers to the two NGOs, acknowledged but one still in transit; Lyon passes its money to the
    federation; the evening's takings, costs and net; the articles' figure as a claim beside the ledger."""
    from tracker.campaigns.models import Campaign
    from tracker.ledger.models import Claim, Transfer, TransferStatus
    from tracker.rollups import accounts, integrity

    _load(runner)
    with app.app_context():
        federation = _federation_campaign()
        transfers = list(db.session.scalars(select(Transfer).where(Transfer.campaign_id == federation.id)))
        assert {t.recipient.name for t in transfers} == {data.OSMACH, data.PREAH_VIHEAR}
        statuses = sorted(t.status.value for t in transfers)
        assert statuses == ["acknowledged", "acknowledged", "sent"]
        [dollars] = [t for t in transfers if t.received_currency]
        assert dollars.received_currency == "USD" and dollars.acknowledgement_reference
        passed = db.session.scalar(select(Transfer).where(Transfer.to_campaign_id == federation.id))
        assert passed.campaign.organisation.federation_id == federation.organisation_id
        assert passed.status is TransferStatus.ACKNOWLEDGED
        account = accounts.campaign_account(federation.id, "EUR")
        assert account.passed_in_minor == passed.sent_minor and account.costs_minor == 1840
        assert account.held_minor == account.raised_minor + account.passed_in_minor - 1840 - 7_500_000
        evening = db.session.scalar(select(Campaign).where(Campaign.name == data.EVENING_CAMPAIGN))
        evening_account = accounts.campaign_account(evening.id, "EUR")
        assert evening_account.costs_minor == 79000
        assert evening_account.transferred_minor == evening_account.net_minor > 0  # all of it donated
        claim = db.session.scalar(select(Claim))
        assert (claim.figure_minor, claim.period_days, claim.campaign_id) == (8_000_000, 3, federation.id)
        assert integrity.check() == []
        federation_id, evening_id = federation.id, evening.id
    page = client.get(f"/campaigns/{federation_id}").get_data(as_text=True)
    assert f"Reported: nearly €80,000 in under three days. Recorded in the first 3 days (to {shown_day(dt.date(2025, 7, 27))})" in page
    assert "Consistent with the ledger" in page
    assert "passed on by Khmer Committee of Lyon (illustrative)" in page
    evening_page = client.get(f"/campaigns/{evening_id}").get_data(as_text=True)
    assert 'id="net-donated"' in evening_page and "Meals" in evening_page
