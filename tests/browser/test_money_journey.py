"""Where the money went, as a visitor who is not signed in reads it in a real headless Chromium, at phone
and desktop size: a federation's claim set beside its ledger with a member association's pass-through, a
charity evening's net donated with its takings and costs, and a medicine drive given only goods that leads
with its items. Every expected figure is worked out here from what the test entered; nothing scrolls sideways."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from conftest import shown_day
from dashboard_helpers import log_gift

from browser.screens import fits, screen  # noqa: F401 (a fixture)
from tracker.accounts import services as accounts
from tracker.campaigns import services as campaigns
from tracker.campaigns.models import CampaignKind, CampaignStatus
from tracker.donations.models import GiftKind, Method, Takings
from tracker.extensions import db
from tracker.ledger import operations as ledger
from tracker.ledger.models import CostCategory
from tracker.organisations import services as organisations
from tracker.places import services as places

pytestmark = pytest.mark.browser

START = dt.date(2025, 7, 25)  # the standard world's campaigns start on this day
SJ_VOLUNTEER = "sj-volunteer@example.org"  # a volunteer of the San Jose association


def _minor(amount: str) -> int:
    return int(Decimal(amount) * 100)


def _shown(minor: int, symbol: str) -> str:
    """An amount as an English page writes it: the symbol, thousands with commas, always two decimals."""
    return f"{symbol}{minor // 100:,}.{minor % 100:02d}"


def _visit(page, size, url: str) -> None:
    page.goto(url)
    fits(page, size)


def _text(where, selector: str) -> str:
    """The visible text of the one element `selector` finds in a page or within a locator, spaces collapsed."""
    return " ".join(where.locator(selector).inner_text().split())


def test_a_federations_claim_beside_its_ledger_and_a_members_pass_through(app, world, live_server, screen):
    page, size = screen
    admin = world.emails["admin"]
    # The federation's own gifts: three in its first three days (25–27 July), one on the fourth.
    first_days = [("41250", START), ("27800.50", START + dt.timedelta(days=1)), ("9000", START + dt.timedelta(days=2))]
    fourth_day = ("12500", START + dt.timedelta(days=3))
    for amount, day in [*first_days, fourth_day]:
        log_gift(app, admin, world.paris_campaign_id, amount, "EUR", day)
    recorded_minor = sum(_minor(amount) for amount, _ in first_days)
    week_minor = recorded_minor + _minor(fourth_day[0])
    claims = [  # (wording, period in days, figure claimed)
        ("nearly €80,000 in under three days", 3, "80000"),
        ("more than €100,000 in its first week", 7, "100000"),
    ]
    passed = "4800"
    passed_on = START + dt.timedelta(days=2)
    with app.app_context():
        actor = accounts.find_by_email(admin)
        federation_campaign = campaigns.get(world.paris_campaign_id)
        for wording, days, figure in claims:
            ledger.record_claim(actor, federation_campaign, ledger.ClaimEntry(
                figure=figure, currency="EUR", wording=wording, period_days=days,
                claimant="Fédération France-Khmer IDF", source_title="Cambodge : la diaspora se mobilise",
                source_url="https://example.org/diaspora", published_on=dt.date(2025, 8, 4),
                quote=f"« {wording} », selon la fédération."))
        lyon = organisations.get(world.lyon_committee_id)
        organisations.set_federation(actor, lyon, organisations.get(world.federation_id))
        member = campaigns.create_campaign(actor, campaigns.CampaignEntry(
            name="Lyon pour la frontière", organisation=lyon, city=places.get(world.lyon_id),
            kind=CampaignKind.ONLINE_FUNDRAISER, currency="EUR", goal="", starts_on=START, ends_on=None,
            status=CampaignStatus.ACTIVE))
        db.session.commit()
        member_id = member.id
    log_gift(app, admin, member_id, "5000", "EUR", START + dt.timedelta(days=1))
    with app.app_context():
        ledger.record_transfer(accounts.find_by_email(admin), campaigns.get(member_id), ledger.TransferEntry(
            sent_amount=passed, sent_currency="EUR", sent_on=passed_on, method=Method.BANK_TRANSFER,
            to_campaign=campaigns.get(world.paris_campaign_id), reference="VIR-LYON-01"))
        db.session.commit()

    _visit(page, size, f"{live_server}/campaigns/{world.paris_campaign_id}")
    assert page.locator('a[href="/login"]').count() >= 1 and page.locator("text=Sign out").count() == 0  # a visitor
    figures = page.locator("#money .claim")
    assert figures.count() == len(claims)
    compared = {" ".join(text.split()) for text in figures.locator(".claim-compare").all_inner_texts()}
    last_day = START + dt.timedelta(days=2)
    assert (f"Reported: nearly €80,000 in under three days. Recorded in the first 3 days (to {shown_day(last_day)}): "
            f"{_shown(recorded_minor, '€')} from {len(first_days)} gifts.") in compared
    week_end = START + dt.timedelta(days=6)
    assert (f"Reported: more than €100,000 in its first week. Recorded in the first 7 days (to {shown_day(week_end)}): "
            f"{_shown(week_minor, '€')} from {len(first_days) + 1} gifts.") in compared
    # €78,050.50 is within 5 % of the €80,000 said; €90,550.50 falls short of the €100,000 said by more.
    three_days = figures.filter(has_text="nearly €80,000")
    assert _text(three_days, ".tag") == "Consistent with the ledger"
    assert _text(figures.filter(has_text="first week"), ".tag") == "Above what is recorded"
    assert "« nearly €80,000 in under three days », selon la fédération." in three_days.locator("blockquote").inner_text()
    assert "Cambodge : la diaspora se mobilise" in three_days.locator("figcaption").inner_text()

    passed_minor = _minor(passed)
    passed_in = _text(page, "#public-transfers .passed-in")
    assert passed_in == (f"{shown_day(passed_on)} · {_shown(passed_minor, '€')} passed on by Comité Khmer de Lyon"
                         " · Sent")
    own_minor = week_minor  # the federation's own gifts, all four
    assert _text(page, "#account-raised") == _shown(own_minor, "€")
    assert _text(page, "#account-passed-in") == f"+ {_shown(passed_minor, '€')}"
    assert _text(page, "#account-costs") == f"− {_shown(0, '€')}"
    assert _text(page, "#account-held") == _shown(own_minor + passed_minor, "€")

    # The member's page says where its money went, and keeps what it did not pass on.
    _visit(page, size, f"{live_server}/campaigns/{member_id}")
    assert "passed on to “Solidarité frontière”" in _text(page, "#public-transfers")
    assert _text(page, "#account-passed-out") == f"− {_shown(passed_minor, '€')}"
    assert _text(page, "#account-held") == _shown(_minor("5000") - passed_minor, "€")


def test_a_charity_evening_shows_what_it_gave_after_its_costs(app, world, live_server, screen):
    page, size = screen
    day = START + dt.timedelta(days=1)
    gifts = [("1200", Takings.TICKETS, Method.CARD), ("600", Takings.MEALS, Method.CASH),
             ("250.25", Takings.MEALS, Method.CASH), ("640", Takings.AUCTION, Method.CASH),
             ("310", Takings.DONATIONS, Method.CASH), ("95", Takings.DONATIONS, Method.CARD)]
    for amount, takings, method in gifts:
        log_gift(app, SJ_VOLUNTEER, world.san_jose_campaign_id, amount, "USD", day, method=method, takings=takings)
    costs = [(CostCategory.VENUE, "400"), (CostCategory.FOOD, "520.50"), (CostCategory.FOOD, "35")]
    with app.app_context():
        actor = accounts.find_by_email(world.emails["admin"])
        evening = campaigns.get(world.san_jose_campaign_id)
        for category, amount in costs:
            ledger.record_cost(actor, evening, ledger.CostEntry(category=category, amount=amount, currency="USD",
                                                                incurred_on=day, description="Charity dinner"))
        db.session.commit()
    gross = sum(_minor(amount) for amount, _, _ in gifts)
    spent = sum(_minor(amount) for _, amount in costs)

    _visit(page, size, f"{live_server}/campaigns/{world.san_jose_campaign_id}")
    assert _text(page, "#net-donated") == _shown(gross - spent, "$")
    assert (f"{_shown(gross, '$')} taken, less {_shown(spent, '$')} of costs") in _text(page, "#evening-headline")
    assert _text(page, "#account-raised") == _shown(gross, "$")
    assert _text(page, "#account-costs") == f"− {_shown(spent, '$')}"
    assert _text(page, "#account-net") == _shown(gross - spent, "$")
    assert _text(page, "#money tr:has(#account-net) th") == "Net donated"
    assert _text(page, "#money tr:has(#account-raised) th") == "Gross takings"

    labels = {Takings.TICKETS: "Tickets", Takings.MEALS: "Meals", Takings.AUCTION: "Auction",
              Takings.DONATIONS: "Donations on the night"}
    methods = {Method.CASH: "Cash", Method.CARD: "Card"}
    expected: dict[tuple[str, str], int] = {}
    for amount, takings, method in gifts:
        key = (labels[takings], methods[method])
        expected[key] = expected.get(key, 0) + _minor(amount)
    rows = page.locator("#takings tbody tr")
    shown_rows = {tuple(" ".join(cell.split()) for cell in rows.nth(n).locator("td").all_inner_texts())
                  for n in range(rows.count())}
    assert rows.count() == len(expected)
    assert shown_rows == {(what, how, _shown(amount, "$")) for (what, how), amount in expected.items()}
    lines: dict[str, int] = {}
    for category, amount in costs:
        name = {CostCategory.VENUE: "Venue", CostCategory.FOOD: "Food"}[category]
        lines[name] = lines.get(name, 0) + _minor(amount)
    assert set(page.locator("#cost-lines li").all_inner_texts()) == {
        f"{name}: {_shown(amount, '$')}" for name, amount in lines.items()}


def test_a_medicine_drive_given_only_goods_leads_with_its_items(app, world, live_server, screen):
    page, size = screen
    with app.app_context():
        admin = accounts.find_by_email(world.emails["admin"])
        drive = campaigns.create_campaign(admin, campaigns.CampaignEntry(
            name="Médicaments pour Oddar Meanchey", organisation=organisations.get(world.federation_id),
            city=places.get(world.paris_id), kind=CampaignKind.MEDICINE_DRIVE, currency="EUR", goal="",
            starts_on=START, ends_on=None, status=CampaignStatus.ACTIVE,
            recipients=[(organisations.get(world.ngo_id), "")]))
        db.session.commit()
        drive_id = drive.id
    goods = [("Paracétamol", 40, "boîtes"), ("paracétamol", 25, "boîtes"), ("Pansements", 15, "paquets"),
             ("Sérum physiologique", 48, "flacons")]
    for item, quantity, unit in goods:
        log_gift(app, world.emails["volunteer"], drive_id, "", "EUR", START + dt.timedelta(days=1),
                 kind=GiftKind.IN_KIND, item=item, quantity=quantity, unit=unit)
    totals: dict[tuple[str, str], int] = {}
    for item, quantity, unit in goods:  # items are grouped whatever their case
        totals[(item.casefold(), unit)] = totals.get((item.casefold(), unit), 0) + quantity
    most_first = sorted(totals.items(), key=lambda row: (-row[1], row[0][0]))

    _visit(page, size, f"{live_server}/campaigns/{drive_id}")
    first_card = page.locator("section.cards > .card").first
    assert first_card.get_attribute("id") == "in-kind-headline"
    headline = _text(page, "#in-kind-headline")
    assert headline.startswith("Given in kind")
    figure = _text(page, "#in-kind-headline .figure")
    assert figure == " · ".join(f"{item}: {quantity} {unit}" for (item, unit), quantity in most_first)
    assert f"{len(goods)} gifts in kind" in headline
    assert "0.00" not in headline and "€" not in headline
    assert page.locator("#evening-headline, #net-donated").count() == 0
