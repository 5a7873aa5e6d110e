"""What people type, in every locale we serve, and what the tracker makes of it."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker import money


@pytest.mark.parametrize("typed, currency, expected", [
    ("80 000,00", "EUR", "80000.00"),
    ("80\u202f000,00", "EUR", "80000.00"),  # narrow no-break space, as French keyboards on phones insert
    ("80000", "EUR", "80000.00"),
    ("1,058.09", "USD", "1058.09"),
    ("1.234,56", "EUR", "1234.56"),
    ("1'234.50", "CHF", "1234.50"),
    ("12,5", "EUR", "12.50"),
    ("0.5", "EUR", "0.50"),
    ("1,000,000", "USD", "1000000.00"),
    ("1.000.000", "KHR", "1000000"),
    ("1,234", "JPY", "1234"),  # a currency without decimals: the separator can only group thousands
    ("4 100", "KHR", "4100"),
    ("1 234,5", "EUR", "1234.50"),
    ("1.500", "BHD", "1.500"),  # three-decimal currencies: what the correction form shows reads back
])
def test_accepts_what_people_type(typed, currency, expected):
    assert money.parse_amount(typed, currency) == Decimal(expected)


@pytest.mark.parametrize("typed, currency, code", [
    ("", "EUR", "amount_required"),
    ("-5", "EUR", "amount_not_positive"),
    ("0", "EUR", "amount_not_positive"),
    ("0,00", "EUR", "amount_not_positive"),
    ("abc", "EUR", "amount_not_a_number"),
    ("1e5", "EUR", "amount_not_a_number"),
    ("NaN", "EUR", "amount_not_a_number"),
    ("10.001", "EUR", "amount_ambiguous"),
    ("10.0015", "EUR", "amount_too_precise"),
    ("1,5", "JPY", "amount_too_precise"),
    ("1,234", "EUR", "amount_ambiguous"),
    ("1.234", "USD", "amount_ambiguous"),
    ("12,34,567", "EUR", "amount_bad_grouping"),
    ("1 2345", "EUR", "amount_bad_grouping"),
    ("1.2.3,4,5", "EUR", "amount_not_a_number"),
    ("9999999999999", "EUR", "amount_too_large"),
])
def test_refuses_with_a_reason(typed, currency, code):
    with pytest.raises(money.MoneyError) as refused:
        money.parse_amount(typed, currency)
    assert refused.value.code == code


@given(st.integers(min_value=1, max_value=10**11), st.sampled_from(["EUR", "USD", "JPY", "KHR", "THB"]))
def test_formatted_amounts_read_back_exactly(amount_minor, currency):
    """What the tracker displays in English or French, typed back in, is the same amount."""
    value = money.from_minor(amount_minor, currency)
    for locale in ("en", "fr"):
        shown = money.format_money(value, currency, locale)
        digits = "".join(ch for ch in shown if ch.isdigit() or ch in ",. \u202f\u00a0")
        assert money.to_minor(money.parse_amount(digits.strip(), currency), currency) == amount_minor


def test_minor_units_follow_iso_4217_except_riel():
    assert money.minor_units("EUR") == 2
    assert money.minor_units("JPY") == 0
    assert money.minor_units("KHR") == 0  # whole riels, documented in tracker.money


def test_conversion_uses_the_ecb_rate_of_the_day_and_rounds_once():
    book = money.RateBook()
    day = dt.date(2025, 7, 26)  # a Saturday: the Friday rate applies
    assert book.per_eur("USD", day) == book.per_eur("USD", dt.date(2025, 7, 25))
    usd = book.per_eur("USD", day)
    expected = (Decimal("250") / usd).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert book.convert_minor(25000, "USD", "EUR", day) == int(expected * 100)
    assert book.convert_minor(25000, "USD", "USD", day) == 25000


def test_nothing_to_convert_needs_no_rate():
    """An in-kind gift nobody valued, in riels, converts to zero without any riel rate."""
    assert money.RateBook().convert_minor(0, "KHR", "EUR", dt.date(2025, 7, 26)) == 0


def test_a_currency_without_rate_is_named_in_the_refusal():
    with pytest.raises(money.MissingRate) as missing:
        money.RateBook().per_eur("KHR", dt.date(2025, 7, 26))
    assert missing.value.params == {"currency": "KHR", "day": "2025-07-26"}


def test_rates_older_than_a_week_count_as_missing():
    book = money.RateBook(extra={"KHR": {dt.date(2025, 7, 1): Decimal("4700")}})
    assert book.per_eur("KHR", dt.date(2025, 7, 8)) == Decimal("4700")
    assert not book.has_rate("KHR", dt.date(2025, 7, 9))
