"""Public pages: totals anyone may see, campaign pages, region pages, the receipt check; never personal data."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from conftest import shown_day
from dashboard_helpers import page_text, shown_total

from tracker import money
from tracker.accounts import services as accounts
from tracker.campaigns import services as campaigns
from tracker.campaigns.models import CampaignKind, CampaignStatus
from tracker.donations import operations
from tracker.donations.models import DonationStatus, GiftKind, Method
from tracker.extensions import db
from tracker.organisations import services as organisations
from tracker.organisations.models import OrganisationKind
from tracker.places import services as places

JULY_25, JULY_26 = dt.date(2025, 7, 25), dt.date(2025, 7, 26)
DONOR_NAME = "Sokunthea Vongsavanh"
DONOR_CONTACT = "sokunthea.v@example.net"


def log_gift(app, email, campaign_id, amount, currency, day, **extra):
    """Log a gift through the real operation; returns (donation id, receipt code)."""
    with app.app_context():
        actor = accounts.find_by_email(email)
        donation, created = operations.log_donation(actor, operations.GiftEntry(
            campaign=campaigns.get(campaign_id), kind=extra.pop("kind", GiftKind.MONEY), amount=amount,
            currency=currency, received_on=day, method=extra.pop("method", Method.CARD), **extra))
        assert created
        db.session.commit()
        return donation.id, donation.receipt_code


def new_campaign(app, world, name, shares=(), **changes):
    """A Paris campaign of the federation, created by the admin; `shares` are (NGO id, percent)."""
    with app.app_context():
        admin = accounts.find_by_email(world.emails["admin"])
        values = dict(name=name, organisation=organisations.get(world.federation_id), city=places.get(world.paris_id),
                      kind=CampaignKind.MEDICINE_DRIVE, currency="EUR", goal="5000", starts_on=JULY_25,
                      ends_on=None, status=CampaignStatus.ACTIVE,
                      recipients=[(organisations.get(ngo_id), share) for ngo_id, share in shares])
        values.update(changes)
        campaign = campaigns.create_campaign(admin, campaigns.CampaignEntry(**values))
        db.session.commit()
        return campaign.id


def make_private(app, world) -> None:
    """The admin makes the San Jose campaign private, through the campaigns' own operation."""
    with app.app_context():
        admin = accounts.find_by_email(world.emails["admin"])
        campaign = campaigns.get(world.san_jose_campaign_id)
        campaigns.update_campaign(admin, campaign, campaigns.CampaignEntry(
            name=campaign.name, organisation=campaign.organisation, city=campaign.city, kind=campaign.kind,
            currency=campaign.currency, goal="", starts_on=campaign.starts_on, ends_on=None,
            status=campaign.status, is_public=False))
        db.session.commit()


def eur_cents(amount: str, currency: str, day: dt.date) -> int:
    rate = money.RateBook().per_eur(currency, day)
    return int((Decimal(amount) / rate * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_home_shows_the_total_everywhere_and_active_campaigns(app, client, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "1 000", "EUR", JULY_25)
    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "250", "USD", JULY_26)
    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "75", "USD", JULY_26,
             status=DonationStatus.PLEDGED)  # a promise is not counted as raised
    response = client.get("/")
    assert response.status_code == 200
    assert shown_total(response) == money.format_minor(100_000 + eur_cents("250", "USD", JULY_26), "EUR")
    text = page_text(response)
    assert "Solidarité frontière" in text and "San Jose for O'Smach" in text
    assert "1% of the goal of €80,000.00" in text  # €1,000 of €80,000
    assert "2% of the goal of $10,000.00" in text  # $250 of $10,000
    assert 'href="/regions/FR?currency=EUR"' in text and 'href="/regions/US?currency=EUR"' in text

    in_dollars = client.get("/?currency=USD")
    usd = money.RateBook().per_eur("USD", JULY_25)
    from_euros = int((Decimal(1000) * usd * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert shown_total(in_dollars) == money.format_minor(from_euros + 25000, "USD")


def test_an_unknown_currency_is_refused_with_a_message(app, client, world):
    for url in ("/?currency=XYZ", "/regions/?currency=eur", "/regions/FR?currency=BTC",
                f"/campaigns/{world.paris_campaign_id}?currency=GBP"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Choose one of these currencies:" in page_text(response)
        assert 'id="total"' not in page_text(response)


def test_campaign_page_shows_total_goal_gifts_recipients_and_chart(app, client, world):
    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "250", "USD", JULY_26)
    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "2,250.00", "USD", JULY_25)
    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "", "USD", JULY_26,
             kind=GiftKind.IN_KIND, item="Blankets", quantity=40, unit="pieces")
    response = client.get(f"/campaigns/{world.san_jose_campaign_id}")
    assert response.status_code == 200
    text = page_text(response)
    assert shown_total(response) == "$2,500.00"
    assert '<progress max="1000000" value="250000"' in text
    assert "25% of the goal of $10,000.00" in text
    assert "Gifts: 2" in text
    assert "O'Smach Relief" in text
    assert "Raised per day" in text and f"{shown_day(dt.date(2025, 7, 26))}: $250.00" in text
    assert re.search(r"<th scope=\"row\">blankets</th><td class=\"num\">40 pieces</td>", text)

    in_euros = client.get(f"/campaigns/{world.san_jose_campaign_id}?currency=EUR")
    expected = eur_cents("250", "USD", JULY_26) + eur_cents("2250", "USD", JULY_25)
    assert shown_total(in_euros) == money.format_minor(expected, "EUR")
    assert "$2,500.00 in the campaign's currency" in page_text(in_euros)


def test_campaign_page_shows_shares_and_the_source_of_a_reported_figure(app, client, world):
    with app.app_context():
        admin = accounts.find_by_email(world.emails["admin"])
        other_ngo = organisations.create_organisation(admin, "Preah Vihear Aid", OrganisationKind.NGO,
                                                      organisations.get(world.ngo_id).city)
        db.session.commit()
        other_ngo_id = other_ngo.id
    campaign_id = new_campaign(app, world, "Livestream for the border", source_note="Facebook live, 27 July",
                               shares=[(world.ngo_id, "60"), (other_ngo_id, "40")])
    text = page_text(client.get(f"/campaigns/{campaign_id}"))
    assert "Reported figure, source: Facebook live, 27 July" in text
    assert "O'Smach Relief — 60% intended" in text
    assert "Preah Vihear Aid — 40% intended" in text


def test_draft_and_private_campaigns_are_not_found_for_the_public(app, client, auth, world):
    draft = new_campaign(app, world, "Not yet announced", status=CampaignStatus.DRAFT)
    private = new_campaign(app, world, "Members only", is_public=False)
    for campaign_id in (draft, private):
        assert client.get(f"/campaigns/{campaign_id}").status_code == 404
    assert client.get("/campaigns/999999").status_code == 404
    assert "Members only" not in page_text(client.get("/"))
    assert "Members only" not in page_text(client.get("/regions/FR-IDF/paris"))
    auth.login(world.emails["coordinator"])
    for campaign_id in (draft, private):
        assert client.get(f"/campaigns/{campaign_id}").status_code == 200


def test_private_campaigns_are_left_out_of_public_totals(app, client, world):
    private = new_campaign(app, world, "Members only", is_public=False)
    log_gift(app, "volunteer@example.org", private, "500", "EUR", JULY_25)
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "20", "EUR", JULY_25)
    for url in ("/", "/regions/world", "/regions/FR", "/regions/FR-IDF/paris"):
        assert shown_total(client.get(url)) == "€20.00", url


def test_region_pages_show_totals_campaigns_and_children(app, client, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", JULY_25)
    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "250", "USD", JULY_26)
    france = client.get("/regions/FR")
    assert france.status_code == 200
    assert shown_total(france) == "€100.00"
    text = page_text(france)
    assert 'href="/regions/FR-IDF?currency=EUR"' in text and 'href="/regions/FR-ARA?currency=EUR"' in text
    assert "Solidarité frontière" in text and "San Jose for O'Smach" not in text

    california = client.get("/regions/US-CA/san-jose?currency=USD")
    assert shown_total(california) == "$250.00"
    assert 'href="/regions/US?currency=USD"' in page_text(california)  # breadcrumbs

    everywhere = client.get("/regions/world")
    assert shown_total(everywhere) == money.format_minor(10000 + eur_cents("250", "USD", JULY_26), "EUR")
    assert client.get("/regions/ZZ").status_code == 404
    assert client.get("/regions/FR-IDF/atlantis").status_code == 404


def test_regions_list_every_place_with_its_public_total(app, client, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", JULY_25)
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "20", "EUR", JULY_26)
    text = page_text(client.get("/regions/"))
    for code in ("world", "FR", "FR-IDF", "FR-IDF/paris", "US", "US-CA", "US-CA/san-jose"):
        assert f'href="/regions/{code}?currency=EUR"' in text, code
    paris_row = re.search(r'href="/regions/FR-IDF/paris\?currency=EUR">Paris</a>.*?</tr>', text, re.S).group(0)
    assert "€120.00" in paris_row and '<td class="num">2</td>' in paris_row


def test_receipt_check_shows_campaign_amount_date_and_status(app, client, world):
    _, code = log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "250", "USD", JULY_26,
                       donor_name=DONOR_NAME)
    typed = code.replace("-", " ").lower()  # as a donor might type it
    response = client.get("/receipt", query_string={"code": typed})
    assert response.status_code == 200
    text = page_text(response)
    assert "Your gift is recorded as received" in text
    assert "San Jose for O'Smach" in text
    assert "$250.00" in text
    assert shown_day(dt.date(2025, 7, 26)) in text
    assert "Received" in text


def test_receipt_check_with_a_wrong_code_says_so(app, client, world):
    _, code = log_gift(app, "volunteer@example.org", world.paris_campaign_id, "10", "EUR", JULY_25)
    wrong = ("A" if code[0] != "A" else "B") + code[1:]  # the check character shows the typo: 400
    for attempt, message in ((wrong, "one character is wrong or two are swapped"),
                             ("ABCD", "a receipt code has 10 characters")):
        response = client.get("/receipt", query_string={"code": attempt})
        assert response.status_code == 400
        text = page_text(response)
        assert message in text and "No gift with this code" not in text
        assert "Solidarité frontière" not in text
    unknown = client.get("/receipt", query_string={"code": "7KQ2M-XHD43"})  # well formed, names no gift
    assert unknown.status_code == 404
    assert "No gift with this code" in page_text(unknown)
    empty = client.get("/receipt?code=")
    assert empty.status_code == 400
    assert "Enter the code printed on your receipt" in page_text(empty)
    assert client.get("/receipt").status_code == 200


def test_no_personal_data_on_any_public_page(app, client, world):
    _, code = log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "250", "USD", JULY_26,
                       donor_name=DONOR_NAME, donor_contact=DONOR_CONTACT)
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "", "EUR", JULY_26, kind=GiftKind.IN_KIND,
             item="Rice", quantity=5, unit="bags", donor_name=DONOR_NAME, donor_contact=DONOR_CONTACT)
    pages = ["/", "/?currency=USD", f"/campaigns/{world.san_jose_campaign_id}", f"/campaigns/{world.paris_campaign_id}",
             "/regions/", "/regions/world", "/regions/US", "/regions/US-CA", "/regions/US-CA/san-jose",
             f"/receipt?code={code}"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = page_text(response)
        for private in (DONOR_NAME, "Sokunthea", DONOR_CONTACT, "sj-volunteer@example.org", "Dara", "Vanna"):
            assert private not in text, (url, private)


@pytest.mark.parametrize("language, expected", [("fr", "Vérifier mon don"), ("km", "ពិនិត្យអំណោយរបស់ខ្ញុំ")])
def test_public_pages_speak_the_visitors_language(app, client, world, language, expected):
    response = client.get(f"/receipt?lang={language}")
    assert expected in page_text(response)
    response = client.get(f"/?lang={language}")
    assert {"fr": "Collecté partout", "km": "ទឹកប្រាក់ដែលបានប្រមូលគ្រប់ទីកន្លែង"}[language] in page_text(response)


def test_a_cached_campaign_page_moves_on_with_every_gift_edit_and_void(app, client, world):
    """The public campaign page is served from a cache, yet shows each change at the next visit."""
    from sqlalchemy import event

    campaign_id = world.san_jose_campaign_id
    url = f"/campaigns/{campaign_id}"
    log_gift(app, "sj-volunteer@example.org", campaign_id, "250", "USD", JULY_26)
    assert shown_total(client.get(url)) == "$250.00"

    statements = []
    with app.app_context():
        engine = db.engine
    def count(*_args):
        statements.append(1)
    event.listen(engine, "before_cursor_execute", count)
    try:
        again = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert shown_total(again) == "$250.00"
    # The figures came from the cache; at most the campaign's revision was read (none once the
    # database's watch answers: tests/public/test_page_keys.py).
    assert len(statements) <= 1

    gift_id, _code = log_gift(app, "sj-volunteer@example.org", campaign_id, "10.50", "USD", JULY_26)
    assert shown_total(client.get(url)) == "$260.50"
    assert "Gifts: 2" in page_text(client.get(url))

    with app.app_context():
        admin = accounts.find_by_email(world.emails["admin"])
        operations.void_donation(admin, db.session.get(operations.Donation, gift_id), "entered twice")
        campaign = campaigns.get(campaign_id)
        campaigns.update_campaign(admin, campaign, campaigns.CampaignEntry(
            name="Blankets for Oddar Meanchey", organisation=campaign.organisation, city=campaign.city,
            kind=campaign.kind, currency=campaign.currency, goal="10000", starts_on=campaign.starts_on,
            ends_on=None, status=campaign.status,
            recipients=[(r.ngo, "") for r in campaign.recipients]))
        db.session.commit()
    page = client.get(url)
    assert shown_total(page) == "$250.00"
    assert "Blankets for Oddar Meanchey" in page_text(page)


def test_a_cached_campaign_page_is_gone_once_the_campaign_is_made_private(app, client, world):
    url = f"/campaigns/{world.san_jose_campaign_id}"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # now from the cache
    make_private(app, world)
    assert client.get(url).status_code == 404


def test_a_drive_given_only_goods_leads_with_its_items_not_with_nothing_raised(app, client, world):
    drive = new_campaign(app, world, "Médicaments pour Preah Vihear", goal="")
    for item, quantity, unit, value in (("Paracétamol", 40, "boîtes", "120"), ("Paracétamol", 20, "boîtes", ""),
                                        ("Pansements", 15, "paquets", ""), ("Riz", 50, "kg", "")):
        log_gift(app, "volunteer@example.org", drive, value, "EUR", JULY_26, kind=GiftKind.IN_KIND, item=item,
                 quantity=quantity, unit=unit)

    home = page_text(client.get("/"))
    card = home[home.index("Médicaments pour Preah Vihear"):]
    card = card[:card.index("</article>")]
    # Most given first; items are kept folded, as the rollups count them ("Paracétamol" twice is one item).
    assert "<strong>paracétamol: 60 boîtes · riz: 50 kg · pansements: 15 paquets</strong>" in card
    assert "4 gifts in kind" in card
    assert "€0.00" not in card and "Gifts: 0" not in card

    page = page_text(client.get(f"/campaigns/{drive}"))
    headline = page[page.index('id="in-kind-headline"'):]
    assert page.index('id="in-kind-headline"') < page.index('id="total"')  # the goods come first
    assert "4 gifts in kind · estimated at €120.00" in headline[:headline.index("</div>")]

    french = page_text(client.get(f"/campaigns/{drive}?lang=fr"))
    assert "Donné en nature" in french and "4 dons en nature" in french
