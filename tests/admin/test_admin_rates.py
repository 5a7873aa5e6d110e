"""Admins add exchange rates the ECB does not publish; gifts of that day can then be converted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from conftest import post_form, shown_day
from sqlalchemy import func, select

from tracker import money
from tracker.extensions import db
from tracker.rates import services as rates
from tracker.rates.models import ExchangeRate

URL = "/admin/rates/"
DAY = dt.date(2025, 7, 25)


def rate_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(ExchangeRate.id)))


def test_admin_adds_a_riel_rate_and_riel_gifts_of_that_day_convert(app, client, auth, world):
    with app.app_context():
        assert not rates.rate_book().has_rate("KHR", DAY)  # the ECB does not publish the riel
    auth.login(world.emails["admin"])
    response = post_form(client, URL, {"currency": "khr", "day": DAY.isoformat(), "per_eur": "4 700",
                                       "source": "illustrative"})
    assert response.status_code == 302
    page = client.get(URL).get_data(as_text=True)
    assert "KHR" in page and "4700" in page and "illustrative" in page
    with app.app_context():
        assert shown_day(rates.last_ecb_day()) in page
        book = rates.rate_book()
        assert book.per_eur("KHR", DAY) == Decimal("4700")
        # A gift of 410 000 riels that day, in euros, by the one conversion rule.
        expected = money.convert_minor(410_000, "KHR", "EUR", Decimal("4700"), Decimal(1))
        assert book.convert_minor(410_000, "KHR", "EUR", DAY) == expected == 8723  # 87.23 EUR
        # Dollars go through the ECB's USD rate of the day.
        usd = money.RateBook().per_eur("USD", DAY)
        assert book.convert_minor(410_000, "KHR", "USD", DAY) == money.convert_minor(
            410_000, "KHR", "USD", Decimal("4700"), usd)
        stored = db.session.scalar(select(ExchangeRate))
        assert (stored.currency, stored.day, stored.per_eur, stored.source) == ("KHR", DAY, Decimal("4700"),
                                                                              "illustrative")


def test_a_decimal_comma_rate_is_read_exactly(app, client, auth, world):
    auth.login(world.emails["admin"])
    response = post_form(client, URL, {"currency": "KHR", "day": "2025-07-26", "per_eur": "4712,35",
                                       "source": "National Bank of Cambodia"})
    assert response.status_code == 302
    with app.app_context():
        assert rates.rate_book().per_eur("KHR", dt.date(2025, 7, 26)) == Decimal("4712.35")


def test_three_entries_for_a_day_are_three_rows_the_newest_counts_and_figures_follow_each(
        app, client, auth, world):
    from dashboard_helpers import log_gift, shown_total

    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "410 000", "KHR", DAY)
    auth.login(world.emails["admin"])
    assert "awaiting-rates" in client.get("/dashboards/world?currency=EUR").get_data(as_text=True)
    for value in ("4700", "4710", "4105,5"):
        assert post_form(client, URL, {"currency": "KHR", "day": DAY.isoformat(), "per_eur": value,
                                       "source": "National Bank of Cambodia"}).status_code == 302
        expected = money.convert_minor(410_000, "KHR", "EUR", Decimal(value.replace(",", ".")), Decimal(1))
        page = client.get("/dashboards/world?currency=EUR")
        assert shown_total(page) == money.format_minor(expected, "EUR"), value
        assert "awaiting-rates" not in page.get_data(as_text=True)
        public = client.get(f"/campaigns/{world.paris_campaign_id}?currency=EUR")
        assert shown_total(public) == money.format_minor(expected, "EUR"), value
    assert rate_count(app) == 3
    with app.app_context():
        assert rates.rate_book().per_eur("KHR", DAY) == Decimal("4105.5")
        assert [r.per_eur for r in rates.history()] == [Decimal("4105.5"), Decimal("4710"), Decimal("4700")]
        from tracker.rollups import integrity

        assert integrity.check() == []
    history = client.get(URL).get_data(as_text=True)
    assert all(text in history for text in ("4700", "4710", "4105.5", "Admin"))


@pytest.mark.parametrize("changes, message", [
    ({"per_eur": "0"}, "The rate must be more than zero"),
    ({"per_eur": "-4700"}, "“-4700” is not a rate"),
    ({"per_eur": "four thousand"}, "“four thousand” is not a rate"),
    ({"per_eur": ""}, "Enter how many units of the currency one euro buys."),
    ({"per_eur": "4,700"}, "“4,700” is ambiguous: write 4700 for thousands, or 4.700 with a decimal point."),
    ({"currency": "XYZ"}, "“XYZ” is not an ISO 4217 currency code."),
    ({"currency": "EUR"}, "the euro itself needs no rate"),
    ({"day": ""}, "Enter the day the rate applies to."),
    ({"day": "2999-01-01"}, "2999-01-01 is in the future"),
    ({"source": "  "}, "Say where the rate comes from."),
])
def test_bad_rates_are_refused_and_nothing_stored(app, client, auth, world, changes, message):
    auth.login(world.emails["admin"])
    data = {"currency": "KHR", "day": DAY.isoformat(), "per_eur": "4700", "source": "illustrative", **changes}
    response = post_form(client, URL, data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert rate_count(app) == 0
    with app.app_context():
        assert not rates.rate_book().has_rate("KHR", DAY)


def test_rate_refusal_in_khmer(client, auth, world):
    auth.login(world.emails["admin"])
    client.get("/?lang=km")
    response = post_form(client, URL, {"currency": "KHR", "day": DAY.isoformat(), "per_eur": "0",
                                       "source": "illustrative"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "The rate must be more than zero" not in page
    assert 'id="per_eur-error"' in page


def test_the_rates_page_shows_conversions_under_way_and_old_currencies(app, client, auth, world):
    """While figures are being moved to new rates, the page says how many campaigns wait; every
    reporting currency's newest day is listed, and one whose rate is old is flagged."""
    from dashboard_helpers import log_gift

    from tracker.rollups.models import CampaignFigureState

    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "410 000", "KHR", DAY)
    auth.login(world.emails["admin"])
    assert post_form(client, URL, {"currency": "KHR", "day": DAY.isoformat(), "per_eur": "4700",
                                   "source": "illustrative"}).status_code == 302
    page = client.get(URL).get_data(as_text=True)
    assert 'id="converting"' not in page  # the conversion finished before the answer (tests wait for it)
    assert 'data-currency="KHR"' in page and f"KHR · {shown_day(DAY)}" in page
    assert "old: gifts after this day wait for a rate" in page  # KHR's newest rate is from 2025
    with app.app_context():
        # As if a worker had been stopped halfway through a conversion.
        db.session.execute(db.update(CampaignFigureState).values(rates_through=0))
        db.session.commit()
    page = client.get(URL).get_data(as_text=True)
    assert 'id="converting"' in page and "being converted with the newest rates: 1." in page
