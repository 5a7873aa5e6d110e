"""A dollar gift of today in a real headless Chromium at phone size: stored and counted in dollars at once,
awaiting a rate in euros, then in the euro figures once `flask rates update` brings the ECB's new days."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from browser.screens import sign_in
from conftest import PHONE, shown_day
from currency_converter import CURRENCY_FILE
from sqlalchemy import select

from tracker import money
from tracker.donations.models import Donation, DonationStatus
from tracker.extensions import db

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SJ_VOLUNTEER = "sj-volunteer@example.org"
TODAY = dt.date.today()


def rates_file_up_to_today() -> tuple[bytes, dict[dt.date, Decimal], dt.date]:
    """The shipped history with a row on top for each weekday after its last day up to today (each rate
    that of the last shipped day times a factor within ±0.2 %): (CSV bytes, USD per EUR by new day,
    last shipped day)."""
    with zipfile.ZipFile(CURRENCY_FILE) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    header, rest = text.split("\n", 1)
    currencies = header.split(",")[1:-1]
    last_day, *cells = rest.split("\n", 1)[0].split(",")
    last_shipped = dt.date.fromisoformat(last_day)
    days = [last_shipped + dt.timedelta(days=n) for n in range(1, (TODAY - last_shipped).days + 1)]
    usd: dict[dt.date, Decimal] = {}
    lines = []
    for index, day in enumerate(d for d in days if d.weekday() < 5):
        factor = 1 + Decimal(index % 5 - 2) / 1000
        row = [cell if cell == "N/A" else str((Decimal(cell) * factor).quantize(Decimal(cell)))
               for cell in cells[:len(currencies)]]
        usd[day] = Decimal(row[currencies.index("USD")])
        lines.append(f"{day.isoformat()},{','.join(row)},\n")
    return (header + "\n" + "".join(reversed(lines)) + rest).encode(), usd, last_shipped


def _sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    _fits(page)
    sign_in(page, base, email)


def _fits(page) -> None:
    """No sideways scrolling on a 360 px wide screen."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def _total(page) -> str:
    return page.inner_text("#total").strip()


def test_a_dollar_gift_of_today_awaits_its_rate_then_joins_the_euro_figures(
        app, world, live_server, phone, runner, tmp_path):
    csv_bytes, usd_per_eur, last_shipped = rates_file_up_to_today()
    # The premise: today is past the shipped history's rates (true since 2026-11-07).
    assert usd_per_eur and TODAY - last_shipped > money.MAX_RATE_AGE
    rates_path = tmp_path / "eurofxref-hist.csv"
    rates_path.write_bytes(csv_bytes)
    rate_day = max(day for day in usd_per_eur if day <= TODAY)
    assert TODAY - rate_day <= money.MAX_RATE_AGE
    expected = money.convert_minor(2000, "USD", "EUR", usd_per_eur[rate_day], Decimal(1))
    dollars = money.format_minor(2000, "USD", "fr")  # "20,00 $US" as the French pages write it
    ARTIFACTS.mkdir(exist_ok=True)

    volunteer = phone()
    _sign_in(volunteer, live_server, SJ_VOLUNTEER)
    volunteer.goto(f"{live_server}/donations/new")
    _fits(volunteer)
    volunteer.select_option("select[name=campaign]", str(world.san_jose_campaign_id))
    volunteer.fill("input[name=amount]", "20")
    volunteer.select_option("select[name=currency]", "USD")
    volunteer.fill("input[name=received_on]", TODAY.isoformat())
    volunteer.click("main button[type=submit]")
    volunteer.wait_for_url(re.compile(re.escape(live_server) + r"/donations/\d+/receipt$"))
    _fits(volunteer)
    volunteer.screenshot(path=str(ARTIFACTS / "volunteer-logged-dollar-gift.png"), full_page=True)

    with app.app_context():
        stored = db.session.scalars(select(Donation)).all()
        assert [(d.amount_minor, d.currency, d.campaign_id, d.received_on, d.status) for d in stored] == [
            (2000, "USD", world.san_jose_campaign_id, TODAY, DonationStatus.RECEIVED)]
        donation_id, receipt = stored[0].id, stored[0].receipt_code
    assert volunteer.url.endswith(f"/donations/{donation_id}/receipt")
    assert receipt in volunteer.inner_text("main")

    volunteer.goto(f"{live_server}/donations/mine")
    _fits(volunteer)
    entry = volunteer.locator("main tbody tr", has=volunteer.locator(f'a[href="/donations/{donation_id}"]'))
    assert entry.count() == 1
    line = entry.inner_text()
    assert shown_day(TODAY, "fr") in line and dollars in line and "San Jose for O'Smach" in line

    donor = phone()  # anonymous, on another device: the public page cache applies
    campaign_url = f"{live_server}/campaigns/{world.san_jose_campaign_id}"
    donor.goto(f"{campaign_url}?currency=USD")
    _fits(donor)
    assert _total(donor) == dollars
    assert donor.locator("#awaiting-rates").count() == 0

    donor.goto(f"{campaign_url}?currency=EUR")
    _fits(donor)
    assert _total(donor) == money.format_minor(0, "EUR", "fr")
    waiting = donor.locator('#awaiting-rates li[data-currency="USD"]')
    assert waiting.count() == 1
    assert dollars in waiting.inner_text() and shown_day(TODAY, "fr") in waiting.inner_text()
    donor.screenshot(path=str(ARTIFACTS / "donor-awaiting-rate.png"), full_page=True)
    donor.reload()  # the second view comes from the page cache, and must still say the same
    assert _total(donor) == money.format_minor(0, "EUR", "fr")
    assert donor.locator("#awaiting-rates").count() == 1

    result = runner.invoke(args=["rates", "update", "--from", str(rates_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Added "), result.output

    donor.reload()  # a page cached before the rates arrived must not be served again
    _fits(donor)
    assert _total(donor) == money.format_minor(expected, "EUR", "fr")
    assert donor.locator("#awaiting-rates").count() == 0
    donor.screenshot(path=str(ARTIFACTS / "donor-rate-arrived.png"), full_page=True)
    donor.goto(f"{campaign_url}?currency=USD")
    _fits(donor)
    assert _total(donor) == dollars
