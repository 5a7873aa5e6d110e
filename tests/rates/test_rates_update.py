"""`flask rates update` end to end: a dollar gift of today waits for its rate, then joins every euro figure.

The test files are the history shipped with the app (it ends on 2026-10-30) with new rows on top for the
weekdays from then up to today, as the ECB would publish them. A gift is never refused for want of a
rate: until the rate of its day arrives it counts in its own currency and is listed as awaiting one.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import pytest
from loopback_server import serving
from conftest import AuthActions, csrf_token, shown_day
from currency_converter import CURRENCY_FILE
from dashboard_helpers import log_gift as log_gift_directly
from dashboard_helpers import page_text, shown_total
from sqlalchemy import func, select

from tracker import money
from tracker.donations.models import Donation, DonationStatus, GiftKind, Method
from tracker.extensions import db
from tracker.rates.cli import REFUSALS
from tracker.rates.models import ExchangeRate, RateOrigin
from tracker.rollups import integrity

TODAY = dt.date.today()
SJ_VOLUNTEER = "sj-volunteer@example.org"
GIFT = "20"  # US dollars
GIFT_MINOR = 2000
EURO_GIFT_DAY = dt.date(2026, 10, 30)  # the last day of the shipped history: its rate is held
EURO_GIFT_MINOR = 10000
SUBMISSION_KEY = re.compile(r'<input[^>]*name="submission_key"[^>]*value="([0-9a-f]+)"')
AWAITING = re.compile(r'<section[^>]*id="awaiting-rates"[^>]*>(.*?)</section>', re.DOTALL)
TABLE_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.DOTALL)


# --- The test files --------------------------------------------------------------------------------------


def shipped_csv() -> bytes:
    with zipfile.ZipFile(CURRENCY_FILE) as archive:
        return archive.read(archive.namelist()[0])


def zipped(csv_bytes: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("eurofxref-hist.csv", csv_bytes)
    return buffer.getvalue()


@dataclass(frozen=True)
class NewDays:
    """The shipped history with the weekdays after its last day, up to today, on top."""

    csv: bytes
    days: list[dt.date]  # oldest first
    rates: dict[str, dict[dt.date, Decimal]]
    last_shipped: dt.date

    @property
    def zip(self) -> bytes:
        return zipped(self.csv)

    @property
    def rate_count(self) -> int:
        return sum(len(days) for days in self.rates.values())

    def usd_per_eur_for(self, day: dt.date) -> Decimal:
        """The rate a gift of `day` takes: that day's, or the last ECB day before it within MAX_RATE_AGE."""
        held = max(d for d in self.days if d <= day)
        assert day - held <= money.MAX_RATE_AGE
        return self.rates["USD"][held]

    def added_message(self) -> str:
        return (f"Added {self.rate_count} rates for {len(self.days)} days ({self.days[0].isoformat()} to "
                f"{self.days[-1].isoformat()}) of {len(self.rates)} currencies.")


def new_days(usd_overrides: dict[dt.date, str] | None = None) -> NewDays:
    """Plausible new rows: each currency's rate of the last shipped day times a factor within ±0.2 %,
    kept to the same number of decimals; N/A stays N/A. `usd_overrides` replaces some USD cells."""
    text = shipped_csv().decode("utf-8")
    header, newest, _rest = text.split("\n", 2)
    assert header.startswith("Date,") and header.endswith(",")
    currencies = header.split(",")[1:-1]
    last_day, *cells = newest.split(",")
    cells = cells[:-1]  # every line ends with a comma
    assert len(cells) == len(currencies)
    last_shipped = dt.date.fromisoformat(last_day)
    days = [last_shipped + dt.timedelta(days=n) for n in range(1, (TODAY - last_shipped).days + 1)]
    days = [day for day in days if day.weekday() < 5]
    rates: dict[str, dict[dt.date, Decimal]] = {}
    lines = []
    for index, day in enumerate(days, start=1):
        factor = 1 + Decimal(index % 5 - 2) / 1000
        row = []
        for currency, cell in zip(currencies, cells):
            if cell == "N/A":
                row.append(cell)
                continue
            published = Decimal(cell)
            value = str((published * factor).quantize(published))
            if currency == "USD" and usd_overrides and day in usd_overrides:
                value = usd_overrides[day]
            row.append(value)
            rates.setdefault(currency, {})[day] = Decimal(value)
        lines.append(f"{day.isoformat()},{','.join(row)},\n")
    return NewDays(csv=(header + "\n" + "".join(reversed(lines)) + text.split("\n", 1)[1]).encode(),
                   days=days, rates=rates, last_shipped=last_shipped)


@pytest.fixture(scope="module")
def files() -> NewDays:
    built = new_days()
    # The premise of these tests: today is past the shipped history's rates (true since 2026-11-07).
    assert built.days and TODAY - built.last_shipped > money.MAX_RATE_AGE
    return built


@pytest.fixture
def csv_path(files, tmp_path):
    path = tmp_path / "eurofxref-hist.csv"
    path.write_bytes(files.csv)
    return path


def test_the_test_file_reads_as_the_shipped_history_plus_the_new_days(files):
    from tracker.rates import ecb_file

    read = ecb_file.read_history(files.zip)
    shipped = money.ecb_rates()
    assert {c: {d: r for d, r in days.items() if d > files.last_shipped} for c, days in read.items()
            if any(d > files.last_shipped for d in days)} == files.rates
    assert read["USD"][files.last_shipped] == shipped["USD"][files.last_shipped]
    assert ecb_file.read_history(files.csv) == read
    ecb_file.check_plausible(files.rates, shipped)
    assert files.days[-1] <= TODAY and TODAY - files.days[-1] < dt.timedelta(days=3)


# --- Helpers ---------------------------------------------------------------------------------------------


def rate_rows(app) -> list[tuple]:
    with app.app_context():
        return db.session.execute(select(ExchangeRate.id, ExchangeRate.currency, ExchangeRate.day,
                                         ExchangeRate.per_eur, ExchangeRate.origin)
                                  .order_by(ExchangeRate.id)).all()


def rate_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(ExchangeRate.id)))


def awaiting(response) -> str | None:
    """The text of the "Awaiting an exchange rate" section, or None when the page has none."""
    match = AWAITING.search(page_text(response))
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split()) if match else None


def signed_in(app, email: str):
    other = app.test_client()
    AuthActions(other).login(email)
    return other


def euro_figures(app, world) -> dict[str, tuple[str, str | None]]:
    """What a visitor sees on the San Jose campaign page and the admin on the world dashboard, in euros."""
    visitor = app.test_client()  # anonymous: the page cache applies
    campaign = visitor.get(f"/campaigns/{world.san_jose_campaign_id}?currency=EUR")
    admin = signed_in(app, world.emails["admin"])
    everywhere = admin.get("/dashboards/world?currency=EUR")
    assert campaign.status_code == everywhere.status_code == 200
    return {"campaign": (shown_total(campaign), awaiting(campaign)),
            "world": (shown_total(everywhere), awaiting(everywhere))}


def log_dollar_gift_through_the_form(client, world):
    page = client.get("/donations/new")
    assert page.status_code == 200
    key = SUBMISSION_KEY.search(page.get_data(as_text=True))
    assert key, "the form has no submission key"
    return client.post("/donations/new", data={
        "csrf_token": csrf_token(client, "/donations/new"), "submission_key": key.group(1),
        "campaign": str(world.san_jose_campaign_id), "kind": "money", "amount": GIFT, "currency": "USD",
        "received_on": TODAY.isoformat(), "method": "cash", "status": "received"})


def awaiting_line(shown: str | None) -> None:
    assert shown is not None, "no “Awaiting an exchange rate” section"
    assert "Awaiting an exchange rate" in shown
    assert f"{money.format_minor(GIFT_MINOR, 'USD')} · 1 gift" in shown
    assert shown_day(TODAY) in shown


# --- The journey -----------------------------------------------------------------------------------------


def test_a_dollar_gift_of_today_awaits_its_rate_then_joins_every_euro_figure(
        app, client, auth, world, runner, files, csv_path):
    # A euro gift on a day whose rate is held, so the euro totals are not empty before the dollars join.
    log_gift_directly(app, world.emails["volunteer"], world.paris_campaign_id, "100", "EUR", EURO_GIFT_DAY)

    auth.login(SJ_VOLUNTEER)
    response = log_dollar_gift_through_the_form(client, world)

    # Stored, never refused for want of a rate.
    assert response.status_code == 303, page_text(response)
    with app.app_context():
        stored = db.session.scalars(select(Donation).where(Donation.currency == "USD")).all()
        assert [(d.campaign_id, d.kind, d.amount_minor, d.currency, d.received_on, d.method, d.status,
                 d.logged_by.email) for d in stored] == [
            (world.san_jose_campaign_id, GiftKind.MONEY, GIFT_MINOR, "USD", TODAY, Method.CASH,
             DonationStatus.RECEIVED, SJ_VOLUNTEER)]
        donation_id, receipt = stored[0].id, stored[0].receipt_code
    assert response.headers["Location"].endswith(f"/donations/{donation_id}/receipt")
    detail = page_text(client.get(response.headers["Location"]))
    assert receipt in detail
    assert (f"No exchange rate for USD on {shown_day(dt.date.today())} yet: the gift counts in USD now, and in other "
            "currencies as soon as the rate arrives.") in detail

    # Listed in the volunteer's entries.
    mine = page_text(client.get("/donations/mine"))
    rows = [row for row in TABLE_ROW.findall(mine) if f"/donations/{donation_id}\"" in row]
    assert len(rows) == 1, mine
    row = " ".join(re.sub(r"<[^>]+>", " ", rows[0]).split())
    assert shown_day(TODAY) in row and money.format_minor(GIFT_MINOR, "USD") in row
    assert "San Jose for O'Smach" in row

    # Counted in dollars.
    visitor = app.test_client()
    usd_page = visitor.get(f"/campaigns/{world.san_jose_campaign_id}?currency=USD")
    assert shown_total(usd_page) == money.format_minor(GIFT_MINOR, "USD")
    assert awaiting(usd_page) is None
    admin = signed_in(app, world.emails["admin"])
    euro_gift_in_usd = money.convert_minor(EURO_GIFT_MINOR, "EUR", "USD", Decimal(1),
                                           money.ecb_rates()["USD"][EURO_GIFT_DAY])
    assert shown_total(admin.get("/dashboards/world?currency=USD")) == money.format_minor(
        euro_gift_in_usd + GIFT_MINOR, "USD")

    # In euros: not in the totals, listed as awaiting a rate (twice: the second campaign page is cached).
    for _ in range(2):
        before = euro_figures(app, world)
        assert before["campaign"][0] == money.format_minor(0, "EUR")
        assert before["world"][0] == money.format_minor(EURO_GIFT_MINOR, "EUR")
        awaiting_line(before["campaign"][1])
        awaiting_line(before["world"][1])
    campaign_eur = visitor.get(f"/campaigns/{world.san_jose_campaign_id}?currency=EUR")
    assert f"{money.format_minor(GIFT_MINOR, 'USD')} in the campaign's currency" in page_text(campaign_eur)

    result = runner.invoke(args=["rates", "update", "--from", str(csv_path)])

    assert result.exit_code == 0, result.output
    assert files.added_message() in result.output
    assert "Figures are converted with every rate held." in result.output
    stored_rates = rate_rows(app)
    assert len(stored_rates) == files.rate_count
    assert {(currency, day): per_eur for _id, currency, day, per_eur, _origin in stored_rates} == {
        (currency, day): rate for currency, days in files.rates.items() for day, rate in days.items()}
    assert {origin for *_rest, origin in stored_rates} == {RateOrigin.ECB}

    expected = money.convert_minor(GIFT_MINOR, "USD", "EUR", files.usd_per_eur_for(TODAY), Decimal(1))
    assert 0 < expected < GIFT_MINOR
    after = euro_figures(app, world)  # the campaign page was cached before: a stale copy would fail here
    assert after == {"campaign": (money.format_minor(expected, "EUR"), None),
                     "world": (money.format_minor(EURO_GIFT_MINOR + expected, "EUR"), None)}
    assert shown_total(visitor.get(f"/campaigns/{world.san_jose_campaign_id}?currency=USD")) == \
        money.format_minor(GIFT_MINOR, "USD")
    assert shown_total(admin.get("/dashboards/world?currency=EUR")) == money.format_minor(
        EURO_GIFT_MINOR + expected, "EUR")

    check = runner.invoke(args=["rollups", "check"])
    assert check.exit_code == 0, check.output
    assert "Rollups agree with the donations." in check.output
    assert "still being moved" not in check.output
    with app.app_context():
        assert integrity.check() == []


# --- From a server ---------------------------------------------------------------------------------------


@pytest.fixture
def no_proxy(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)  # talk to the loopback address directly


@pytest.fixture
def rate_server(no_proxy, files):
    """A server on a free loopback port: the zip at /eurofxref-hist.zip, 404 for anything else."""
    with serving(files.zip) as served:
        yield served


def test_update_from_a_server_adds_the_new_days_then_nothing_new(app, runner, rate_server, files):
    base, asked = rate_server
    url = f"{base}/eurofxref-hist.zip"

    first = runner.invoke(args=["rates", "update", "--from", url])

    assert first.exit_code == 0, first.output
    assert files.added_message() in first.output
    assert asked == ["/eurofxref-hist.zip"]
    stored = rate_rows(app)
    assert len(stored) == files.rate_count
    assert {(currency, day): per_eur for _id, currency, day, per_eur, _origin in stored} == {
        (currency, day): rate for currency, days in files.rates.items() for day, rate in days.items()}

    second = runner.invoke(args=["rates", "update", "--from", url])

    assert second.exit_code == 0, second.output
    assert f"Nothing new: ECB rates are held up to {files.days[-1].isoformat()}." in second.output
    assert "Added" not in second.output
    assert rate_rows(app) == stored
    assert len(asked) == 2


# --- Refusals: exit 1, the message, nothing stored, no figure moved ----------------------------------------


def _truncated_zip(files, tmp_path, base):
    data = files.zip
    path = tmp_path / "eurofxref-hist.zip"
    path.write_bytes(data[:len(data) // 2])
    return str(path), REFUSALS["truncated"].format(where="")


def _wrong_header(files, tmp_path, base):
    assert files.csv.startswith(b"Date,")
    path = tmp_path / "eurofxref-hist.csv"
    path.write_bytes(b"Day," + files.csv[len(b"Date,"):])
    return str(path), REFUSALS["bad_header"].format(column=1, text="Day")


def _absurd_usd(files, tmp_path, base):
    newest, before = files.days[-1], files.days[-2]
    absurd = new_days({newest: "1170"})
    assert absurd.days == files.days
    path = tmp_path / "eurofxref-hist.csv"
    path.write_bytes(absurd.csv)
    return str(path), REFUSALS["implausible_jump"].format(
        currency="USD", day=newest.isoformat(), rate="1170", previous=str(files.rates["USD"][before]))


def _not_found(files, tmp_path, base):
    url = f"{base}/missing/eurofxref-hist.zip"
    return url, REFUSALS["unreadable"].format(source=url, reason="HTTP 404")


@pytest.mark.parametrize("refused", [_truncated_zip, _wrong_header, _absurd_usd, _not_found],
                         ids=["truncated-zip", "wrong-header", "absurd-usd-rate", "http-404"])
def test_a_refused_file_stores_nothing_and_moves_no_figure(app, world, runner, files, tmp_path, rate_server,
                                                           refused):
    log_gift_directly(app, world.emails["volunteer"], world.paris_campaign_id, "100", "EUR", EURO_GIFT_DAY)
    log_gift_directly(app, SJ_VOLUNTEER, world.san_jose_campaign_id, GIFT, "USD", TODAY)
    source, message = refused(files, tmp_path, rate_server[0])
    before = euro_figures(app, world)
    assert before["campaign"][0] == money.format_minor(0, "EUR")
    assert before["world"][0] == money.format_minor(EURO_GIFT_MINOR, "EUR")
    awaiting_line(before["campaign"][1])
    awaiting_line(before["world"][1])

    result = runner.invoke(args=["rates", "update", "--from", source])

    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Added" not in result.output and "Nothing new" not in result.output
    assert rate_count(app) == 0
    assert euro_figures(app, world) == before
    check = runner.invoke(args=["rollups", "check"])
    assert check.exit_code == 0, check.output
