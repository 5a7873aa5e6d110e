"""Coordinator dashboards, through the HTTP client: figures at every level, filters, permissions."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from conftest import shown_day
from dashboard_helpers import change_gift, log_gift, minor_of, page_text, shown_total

from tracker import money
from tracker.accounts import services as accounts
from tracker.donations import operations
from tracker.donations.models import DonationStatus, GiftKind, Method
from tracker.extensions import db
from tracker.rates import services as rates

JULY_25, JULY_26, JULY_27, JULY_28 = (dt.date(2025, 7, day) for day in (25, 26, 27, 28))


def eur_cents(amount: str, currency: str, day: dt.date) -> int:
    """The ECB conversion of one gift to euro cents, worked out here rather than by the dashboards."""
    rate = money.RateBook().per_eur(currency, day)
    return int((Decimal(amount) / rate * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_a_san_jose_gift_shows_the_same_euros_at_every_level(app, client, auth, world):
    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "250", "USD", JULY_26)
    expected = money.format_minor(eur_cents("250", "USD", JULY_26), "EUR")
    auth.login(world.emails["admin"])

    for code in ("US-CA/san-jose", "US-CA", "US", "world"):
        response = client.get(f"/dashboards/{code}")
        assert response.status_code == 200, code
        assert shown_total(response) == expected, code
        in_dollars = client.get(f"/dashboards/{code}?currency=USD")
        assert shown_total(in_dollars) == money.format_minor(25000, "USD"), code
        assert money.format_minor(25000, "USD") == "$250.00"


def _log_mixed_gifts(app, world):
    paris, san_jose = world.paris_campaign_id, world.san_jose_campaign_id
    log_gift(app, "volunteer@example.org", paris, "80 000,00", "EUR", JULY_25)
    log_gift(app, "volunteer@example.org", paris, "1,058.09", "USD", JULY_26)
    log_gift(app, "volunteer@example.org", paris, "12345", "JPY", JULY_27)
    log_gift(app, "sj-volunteer@example.org", san_jose, "250", "USD", JULY_26)
    log_gift(app, "sj-volunteer@example.org", san_jose, "99.99", "EUR", JULY_27)
    log_gift(app, "sj-volunteer@example.org", san_jose, "7777", "JPY", JULY_25)


def test_every_level_adds_up_in_euros_and_riels(app, client, auth, world):
    _log_mixed_gifts(app, world)
    with app.app_context():  # the ECB has no riel
        admin = accounts.find_by_email(world.emails["admin"])
        for day, rate in ((JULY_25, "4615"), (JULY_26, "4620.5"), (JULY_27, "4618")):
            rates.add_rate(admin, "KHR", day, rate, "National Bank of Cambodia")
        db.session.commit()
    auth.login(world.emails["admin"])

    for currency in ("EUR", "KHR"):
        def total(code):
            response = client.get(f"/dashboards/{code}?currency={currency}")
            assert response.status_code == 200, code
            assert "Left out: no exchange rate" not in page_text(response)
            return minor_of(shown_total(response))

        everywhere = total("world")
        assert everywhere > 0
        assert everywhere == total("FR") + total("US"), currency
        assert everywhere == total("FR-IDF") + total("US-CA"), currency
        assert everywhere == total("FR-IDF/paris") + total("US-CA/san-jose"), currency

    # The euro figure is the sum of each gift converted on its own day.
    expected = (8_000_000 + eur_cents("1058.09", "USD", JULY_26) + eur_cents("12345", "JPY", JULY_27)
                + eur_cents("250", "USD", JULY_26) + 9999 + eur_cents("7777", "JPY", JULY_25))
    assert shown_total(client.get("/dashboards/world")) == money.format_minor(expected, "EUR")


def test_gifts_without_a_rate_are_listed_as_awaiting_one_not_silently_dropped(app, client, auth, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", JULY_25)
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "50.25", "EUR", JULY_26)
    auth.login(world.emails["coordinator"])
    response = client.get("/dashboards/FR-IDF?currency=KHR")  # the ECB publishes no riel rate
    assert response.status_code == 200
    text = " ".join(re.sub(r"<[^>]+>", " ", page_text(response)).split())
    assert "Awaiting an exchange rate" in text
    assert f"{money.format_minor(15025, 'EUR')} · 2 gifts · {shown_day(JULY_25)} – {shown_day(JULY_25 + dt.timedelta(days=1))}" in text


def test_filters_change_the_figures_and_void_gifts_never_count(app, client, auth, world):
    paris, coordinator = world.paris_campaign_id, world.emails["coordinator"]
    log_gift(app, "volunteer@example.org", paris, "100", "EUR", JULY_25)
    log_gift(app, "volunteer@example.org", paris, "20", "EUR", JULY_26, status=DonationStatus.PLEDGED)
    verified = log_gift(app, "volunteer@example.org", paris, "3", "EUR", JULY_27)
    change_gift(app, coordinator, verified, operations.set_status, DonationStatus.VERIFIED)
    voided = log_gift(app, "volunteer@example.org", paris, "4000", "EUR", JULY_26)
    change_gift(app, coordinator, voided, operations.void_donation, "entered twice")
    log_gift(app, "volunteer@example.org", paris, "0.50", "EUR", JULY_28)
    auth.login(coordinator)

    def total(query=""):
        response = client.get(f"/dashboards/FR-IDF/paris{query}")
        assert response.status_code == 200, query
        return shown_total(response)

    eur = lambda cents: money.format_minor(cents, "EUR")  # noqa: E731
    assert total() == eur(10000 + 300 + 50)  # received and verified, by default
    assert total("?status=pledged") == eur(2000)
    assert total("?status=verified") == eur(300)
    assert total("?status=pledged&status=received&status=verified") == eur(10000 + 2000 + 300 + 50)
    assert total("?date_from=2025-07-26&date_to=2025-07-27") == eur(300)
    assert total("?date_from=2025-07-26&date_to=2025-07-27&status=pledged&status=verified") == eur(2300)
    assert total("?date_to=2025-07-25") == eur(10000)
    assert total("?date_from=2025-07-28&date_to=") == eur(50)
    assert total("?date_from=2025-08-01") == eur(0)


def test_a_campaign_shows_its_first_three_days(app, client, auth, world):
    paris = world.paris_campaign_id  # starts 2025-07-25
    for day, amount in ((JULY_25, "50000"), (JULY_27, "30000"), (JULY_28, "999")):
        log_gift(app, "volunteer@example.org", paris, amount, "EUR", day)
    auth.login(world.emails["coordinator"])
    text = page_text(client.get("/dashboards/FR-IDF"))
    row = re.search(r"<tr><th scope=\"row\"><a href=\"/campaigns/\d+\">Solidarité frontière</a>.*?</tr>", text, re.S)
    assert row
    cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r'<td class="num"[^>]*>(.*?)</td>', row.group(0))]
    assert cells == [money.format_minor(8_099_900, "EUR"), "3", money.format_minor(8_000_000, "EUR")]
    assert "101% of the goal of €80,000.00" in row.group(0)


def test_breakdowns_list_currencies_methods_statuses_and_in_kind(app, client, auth, world):
    paris = world.paris_campaign_id
    log_gift(app, "volunteer@example.org", paris, "100", "EUR", JULY_25, method=Method.BANK_TRANSFER)
    log_gift(app, "volunteer@example.org", paris, "250", "USD", JULY_26)
    log_gift(app, "volunteer@example.org", paris, "40", "EUR", JULY_26, status=DonationStatus.PLEDGED)
    log_gift(app, "volunteer@example.org", paris, "", "EUR", JULY_26, kind=GiftKind.IN_KIND, item="Rice",
             quantity=12, unit="bags")
    auth.login(world.emails["coordinator"])
    text = page_text(client.get("/dashboards/FR-IDF/paris"))
    usd_in_eur = money.format_minor(eur_cents("250", "USD", JULY_26), "EUR")
    assert re.search(rf"<th scope=\"row\">USD</th><td class=\"num\">\$250\.00</td>\s*<td class=\"num\">"
                     rf"{re.escape(usd_in_eur)}</td><td class=\"num\"><a href=\"[^\"]+\">1</a></td>", text)
    assert re.search(r"<th scope=\"row\">Bank transfer</th>\s*<td class=\"num\">€100\.00</td>", text)
    assert re.search(r"<th scope=\"row\">Pledged</th><td class=\"num\">€40\.00</td>\s*<td class=\"num\"><a href=\"[^\"]+\">1</a></td>"
                     r"<td>no</td>", text)
    assert re.search(r"<th scope=\"row\">rice</th><td class=\"num\">12 bags</td>", text)
    assert "O'Smach Relief" in text  # the recipient NGO
    assert "Raised per day" in text and "Raised over time" in text


@pytest.mark.parametrize("query, message", [
    ("?date_from=2025-07-28&date_to=2025-07-25", "The end date must not be before the start date."),
    ("?date_from=yesterday", "Enter a date as YYYY-MM-DD, for example 2025-07-26."),
    ("?date_to=2025-13-45", "Enter a date as YYYY-MM-DD, for example 2025-07-26."),
    ("?currency=XYZ", "Choose one of these currencies: EUR, USD, CAD, AUD, JPY, THB, KHR."),
    ("?status=void", "Choose statuses among pledged, received and verified."),
])
def test_bad_filters_are_refused_with_a_message(app, client, auth, world, query, message):
    auth.login(world.emails["coordinator"])
    response = client.get(f"/dashboards/FR-IDF{query}")
    assert response.status_code == 400
    text = page_text(response)
    assert message in text
    assert 'id="total"' not in text


def test_bad_filters_are_explained_in_french(app, client, auth, world):
    auth.login(world.emails["coordinator"])
    response = client.get("/dashboards/FR-IDF?lang=fr&date_from=hier")
    assert response.status_code == 400
    assert "Saisissez une date au format AAAA-MM-JJ" in page_text(response)


@pytest.mark.parametrize("code, status", [
    ("FR-IDF", 200), ("FR-IDF/paris", 200), ("US-CA", 403), ("US-CA/san-jose", 403), ("FR", 403), ("world", 403),
])
def test_a_coordinator_sees_only_their_regions(app, client, auth, world, code, status):
    auth.login(world.emails["coordinator"])
    assert client.get(f"/dashboards/{code}").status_code == status


@pytest.mark.parametrize("code", ["world", "FR", "US", "FR-IDF", "US-CA", "FR-IDF/paris", "US-CA/san-jose"])
def test_an_admin_sees_every_region(app, client, auth, world, code):
    auth.login(world.emails["admin"])
    assert client.get(f"/dashboards/{code}").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(app, client, world):
    for url in ("/dashboards/", "/dashboards/FR-IDF"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")


def test_volunteers_have_no_dashboards(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    assert client.get("/dashboards/").status_code == 403
    assert client.get("/dashboards/FR-IDF/paris").status_code == 403


def test_an_unknown_region_is_not_found(app, client, auth, world):
    auth.login(world.emails["admin"])
    for code in ("ZZ", "FR-IDF/atlantis", "XX-YY"):
        assert client.get(f"/dashboards/{code}").status_code == 404, code


def test_the_index_lists_the_regions_one_may_view(app, client, auth, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", JULY_25)
    auth.login(world.emails["coordinator"])
    text = page_text(client.get("/dashboards/"))
    assert 'href="/dashboards/FR-IDF"' in text
    assert 'href="/dashboards/FR-IDF/paris"' in text
    assert "/dashboards/US-CA" not in text and 'href="/dashboards/world"' not in text
    assert "€100.00" in text
    auth.logout()
    auth.login(world.emails["admin"])
    text = page_text(client.get("/dashboards/"))
    for code in ("world", "FR", "US", "KH"):
        assert f'href="/dashboards/{code}"' in text


def test_breadcrumbs_and_sub_regions_keep_the_filters(app, client, auth, world):
    auth.login(world.emails["admin"])
    text = page_text(client.get("/dashboards/FR?currency=JPY"))
    assert 'href="/dashboards/world?currency=JPY"' in text
    assert 'href="/dashboards/FR-IDF?currency=JPY"' in text
    assert 'href="/dashboards/FR-ARA?currency=JPY"' in text


@pytest.mark.parametrize("language, one, five", [("fr", "1 don", "5 dons"), ("km", "អំណោយ 1", "អំណោយ 5")])
def test_the_awaiting_gift_count_reads_right_in_french_and_khmer(app, client, auth, world, language, one, five):
    """French has "1 don" and "5 dons"; Khmer has one form, the count says how many."""
    auth.login(world.emails["coordinator"])

    def awaiting_count() -> str:
        response = client.get(f"/dashboards/FR-IDF?currency=KHR&lang={language}")  # no riel rate: all await
        assert response.status_code == 200
        text = " ".join(re.sub(r"<[^>]+>", " ", page_text(response)).split())
        found = re.search(rf"· ([^·]+) · {re.escape(shown_day(JULY_25, language))}", text)
        assert found, "no gifts awaiting a rate listed"
        return found.group(1).strip()

    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", JULY_25)
    assert awaiting_count() == one
    for _ in range(4):
        log_gift(app, "volunteer@example.org", world.paris_campaign_id, "1", "EUR", JULY_25)
    assert awaiting_count() == five


def test_no_breadcrumb_leads_a_coordinator_to_a_refusal(app, client, auth, world):
    auth.login(world.emails["coordinator"])  # Île-de-France only
    text = page_text(client.get("/dashboards/FR-IDF/paris?currency=USD"))
    crumbs = re.search(r'<ol class="breadcrumbs">(.*?)</ol>', text, re.S).group(1)
    links = re.findall(r'<a href="([^"]+)">', crumbs)
    assert links == ["/regions/world?currency=USD", "/regions/FR?currency=USD", "/dashboards/FR-IDF?currency=USD"]
    for link in links:
        assert client.get(link).status_code == 200, link
