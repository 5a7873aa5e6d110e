"""Property: whatever the order of gifts, costs, transfers to NGOs and pass-throughs to the federation
(in other currencies than the campaign's), acknowledgements, corrections, voids and rate arrivals,
every account line at every level, in every reporting currency, equals the entries beneath it
converted cell by cell, to the cent; raised − costs − transferred = held; `rollups check` finds nothing.

The expected figures come from a plain Python record of what was entered, not from the database.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from conftest import _empty_tables
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import money
from tracker.accounts import services as accounts
from tracker.accounts.models import Role
from tracker.campaigns import services as campaigns
from tracker.campaigns.models import CampaignKind, CampaignStatus
from tracker.donations import operations as gifts
from tracker.donations.models import COUNTED_STATUSES, DonationStatus, GiftKind, Method
from tracker.extensions import db
from tracker.ledger import operations as ledger
from tracker.ledger.models import Cost, CostCategory, CostStatus, Transfer, TransferStatus
from tracker.organisations import services as organisations
from tracker.organisations.models import OrganisationKind
from tracker.permissions import region_contains
from tracker.places import services as places
from tracker.rates import services as rates
from tracker.rollups import accounts as account_figures
from tracker.rollups import integrity

FIRST_DAY = dt.date(2025, 7, 21)
DAYS = 8
CURRENCIES = ["EUR", "USD", "KHR", "THB", "JPY"]
# The federation in Paris, its member in Lyon (passing its money on), an association in San Jose.
CITIES = [("FR-IDF", "Paris"), ("FR-ARA", "Lyon"), ("US-CA", "San Jose")]
OWN_CURRENCY = ["EUR", "EUR", "USD"]
RIEL_RATES_FROM = 2  # no riel rate on the first days, until a step enters one

amounts = st.integers(min_value=100, max_value=3_000_000)
days = st.integers(0, DAYS - 1)
currencies = st.sampled_from(CURRENCIES)
pick = st.integers(0, 40)
gift_op = st.tuples(st.just("gift"), st.integers(0, 2), amounts, currencies, days, st.sampled_from(list(Method)))
correct_op = st.tuples(st.just("correct"), pick, amounts, currencies, days)
void_gift_op = st.tuples(st.just("void_gift"), pick)
cost_op = st.tuples(st.just("cost"), st.integers(0, 2), amounts, currencies, days,
                    st.sampled_from(list(CostCategory)))
void_cost_op = st.tuples(st.just("void_cost"), pick)
transfer_op = st.tuples(st.just("transfer"), st.sampled_from([0, 2]), amounts, currencies, days,
                        st.sampled_from([TransferStatus.PLANNED, TransferStatus.SENT]),
                        st.one_of(st.none(), st.tuples(amounts, currencies)))
pass_op = st.tuples(st.just("pass"), amounts, currencies, days,
                    st.sampled_from([TransferStatus.PLANNED, TransferStatus.SENT]),
                    st.one_of(st.none(), st.tuples(amounts, currencies)))
send_op = st.tuples(st.just("send"), pick, days)
acknowledge_op = st.tuples(st.just("acknowledge"), pick, st.one_of(st.none(), st.tuples(amounts, currencies)))
void_transfer_op = st.tuples(st.just("void_transfer"), pick)
rate_op = st.tuples(st.just("rate"), days, st.integers(4000, 5000))
commit_op = st.tuples(st.just("commit"))
steps_strategy = st.lists(st.one_of(gift_op, gift_op, correct_op, void_gift_op, cost_op, void_cost_op, transfer_op,
                                    pass_op, pass_op, send_op, acknowledge_op, void_transfer_op, rate_op, commit_op),
                          min_size=1, max_size=18)


def _build_world():
    admin = accounts.create_user("admin@example.org", "a long password", "Admin", Role.ADMIN)
    cities = [places.ensure_city(code, name) for code, name in CITIES]
    ngo = organisations.create_organisation(admin, "O'Smach Relief", OrganisationKind.NGO,
                                            places.ensure_city("KH-22", "Samraong"), [places.ensure_subdivision("KH-22")])
    campaign_list = []
    for index, city in enumerate(cities):
        organiser = organisations.create_organisation(admin, f"Association {city.name}",
                                                      OrganisationKind.ASSOCIATION, city)
        campaign_list.append(campaigns.create_campaign(admin, campaigns.CampaignEntry(
            name=f"Campaign {index}", organisation=organiser, city=city, kind=CampaignKind.ONLINE_FUNDRAISER,
            currency=OWN_CURRENCY[index], goal="", starts_on=FIRST_DAY, ends_on=None, status=CampaignStatus.ACTIVE,
            recipients=[(ngo, "")] if index != 1 else [])))
    organisations.set_federation(admin, campaign_list[1].organisation, campaign_list[0].organisation)
    for offset in range(RIEL_RATES_FROM, DAYS):
        rates.add_rate(admin, "KHR", FIRST_DAY + dt.timedelta(days=offset), str(4600 + 17 * offset), "test rate")
    return admin, ngo, campaign_list


def _text(amount_minor: int, currency: str) -> str:
    return str(money.from_minor(amount_minor, currency))


def _day(offset: int) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=offset)


def _received(extra) -> dict:
    if extra is None:
        return {}
    amount, currency = extra
    return {"received_amount": _text(amount, currency), "received_currency": currency}


def _apply(step, admin, ngo, campaign_list, made: dict) -> None:
    name = step[0]
    if name == "rate":
        rates.add_rate(admin, "KHR", _day(step[1]), str(step[2]), "new rate")
    elif name == "commit":
        db.session.commit()
    elif name == "gift":
        _, index, amount, currency, day, method = step
        donation, _ = gifts.log_donation(admin, gifts.GiftEntry(
            campaign=campaign_list[index], kind=GiftKind.MONEY, amount=_text(amount, currency), currency=currency,
            received_on=_day(day), method=method, status=DonationStatus.RECEIVED))
        made["gifts"].append(donation.id)
    elif name in ("correct", "void_gift") and made["gifts"]:
        donation = db.session.get(gifts.Donation, made["gifts"][step[1] % len(made["gifts"])])
        if donation.status is DonationStatus.VOID:
            return
        if name == "void_gift":
            gifts.void_donation(admin, donation, "duplicate")
        else:
            gifts.correct_donation(admin, donation, gifts.GiftEntry(
                campaign=donation.campaign, kind=GiftKind.MONEY, amount=_text(step[2], step[3]), currency=step[3],
                received_on=_day(step[4]), method=donation.method, status=donation.status), "typing mistake")
    elif name == "cost":
        _, index, amount, currency, day, category = step
        cost = ledger.record_cost(admin, campaign_list[index], ledger.CostEntry(
            category=category, amount=_text(amount, currency), currency=currency, incurred_on=_day(day)))
        made["costs"].append(cost.id)
    elif name == "void_cost" and made["costs"]:
        cost = db.session.get(Cost, made["costs"][step[1] % len(made["costs"])])
        if cost.status is not CostStatus.VOID:
            ledger.void_cost(admin, cost, "entered twice")
    elif name in ("transfer", "pass"):
        if name == "transfer":
            _, index, amount, currency, day, status, extra = step
            source, destination = campaign_list[index], {"recipient": ngo}
        else:
            _, amount, currency, day, status, extra = step
            source, destination = campaign_list[1], {"to_campaign": campaign_list[0]}
        transfer = ledger.record_transfer(admin, source, ledger.TransferEntry(
            sent_amount=_text(amount, currency), sent_currency=currency, sent_on=_day(day),
            method=Method.BANK_TRANSFER, status=status, **destination, **_received(extra)))
        made["transfers"].append(transfer.id)
    elif name in ("send", "acknowledge", "void_transfer") and made["transfers"]:
        transfer = db.session.get(Transfer, made["transfers"][step[1] % len(made["transfers"])])
        if name == "send" and transfer.status is TransferStatus.PLANNED:
            ledger.mark_sent(admin, transfer, _day(step[2]))
        elif name == "acknowledge" and transfer.status is TransferStatus.SENT:
            ledger.acknowledge(admin, transfer, max(transfer.sent_on, _day(DAYS - 1)), "ACK-1",
                               **_received(step[2]))
        elif name == "void_transfer" and transfer.status is not TransferStatus.VOID:
            ledger.void_transfer(admin, transfer, "sent by mistake")


LINES = ("raised_minor", "costs_minor", "transferred_minor", "passed_out_minor", "passed_in_minor")


def _expected_cells() -> dict[tuple, int]:
    """(campaign, line, day, currency, status, method) → native amount, from the entries themselves."""
    cells: dict[tuple, int] = defaultdict(int)
    for donation in db.session.scalars(db.select(gifts.Donation)):
        if donation.status in COUNTED_STATUSES and donation.kind is GiftKind.MONEY:
            cells[(donation.campaign_id, "raised_minor", donation.received_on, donation.currency, donation.status,
                   donation.method)] += donation.amount_minor
    for cost in db.session.scalars(db.select(Cost).where(Cost.status == CostStatus.RECORDED)):
        cells[(cost.campaign_id, "costs_minor", cost.incurred_on, cost.currency, "recorded", cost.category)] += \
            cost.amount_minor
    for transfer in db.session.scalars(db.select(Transfer)):
        if transfer.status not in (TransferStatus.SENT, TransferStatus.ACKNOWLEDGED):
            continue
        line = "transferred_minor" if transfer.recipient_id else "passed_out_minor"
        cells[(transfer.campaign_id, line, transfer.sent_on, transfer.sent_currency, transfer.status,
               transfer.method)] += transfer.sent_minor
        if transfer.to_campaign_id:
            cells[(transfer.to_campaign_id, "passed_in_minor", transfer.sent_on, transfer.arrived_currency,
                   transfer.status, transfer.method)] += transfer.arrived_minor
    return cells


def _expected_lines(cells, reporting: str, book: money.RateBook) -> dict[int, dict[str, int]]:
    per_campaign: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(LINES, 0))
    for (campaign_id, line, day, currency, _status, _method), amount in cells.items():
        try:
            per_campaign[campaign_id][line] += book.convert_minor(amount, currency, reporting, day)
        except money.MissingRate:
            pass  # awaiting a rate: counted in its own currency, not in this one
    return per_campaign


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps_strategy)
def test_every_account_adds_up_at_every_level(app, steps):
    with app.app_context():
        _empty_tables()
        admin, ngo, campaign_list = _build_world()
        made = {"gifts": [], "costs": [], "transfers": []}
        for step in steps:
            _apply(step, admin, ngo, campaign_list, made)
        db.session.commit()

        assert integrity.check() == []
        book = rates.rate_book()
        cells = _expected_cells()
        city_of = {c.id: c.city_id for c in campaign_list}
        regions = [places.world(), *(places.find_region(code) for code in ("FR", "US", "FR-IDF", "FR-ARA", "US-CA")),
                   *(c.city for c in campaign_list)]
        for reporting in money.REPORTING_CURRENCIES:
            expected = _expected_lines(cells, reporting, book)
            for campaign in campaign_list:
                account = account_figures.campaign_account(campaign.id, reporting)
                for line in LINES:
                    assert getattr(account, line) == expected[campaign.id][line], (reporting, campaign.name, line)
                assert account.held_minor == (account.raised_minor + account.passed_in_minor - account.costs_minor
                                              - account.transferred_minor - account.passed_out_minor)
            for region in regions:
                account = account_figures.region_account(region.id, reporting, public_only=False)
                inside = [cid for cid, city_id in city_of.items() if region_contains(region, places.get(city_id))]
                for line in LINES:
                    assert getattr(account, line) == sum(expected[cid][line] for cid in inside), \
                        (reporting, region.slug, line)
                beneath = [account_figures.campaign_account(cid, reporting) for cid in inside]
                assert account.held_minor == sum(a.held_minor for a in beneath), (reporting, region.slug)
            # A pass-through is no new money: everywhere has raised only what the gifts brought.
            world = account_figures.region_account(places.world().id, reporting, public_only=False)
            assert world.raised_minor == sum(expected[c.id]["raised_minor"] for c in campaign_list)
        db.session.rollback()
