"""The ECB's reference-rate history (``eurofxref-hist.zip`` or its bare CSV), read exactly or refused.

The file lists one day per line, newest first: ``Date,USD,JPY,...,`` (note the trailing comma), ISO dates,
values in units of the currency per euro, ``N/A`` where a currency was not quoted. Rates are kept as the
published Decimals. Anything doubtful is refused as a whole with a ``RateFileError`` whose code the caller
translates: a half-read file must never pass for a complete one.

This module depends on nothing in the project but ``tracker.money``.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import http.client
import io
import re
import urllib.error
import urllib.request
import zipfile
import zlib
from decimal import Decimal

from tracker.money import is_currency

DEFAULT_SOURCE = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"

# The largest change between two consecutive quotes of one currency in the ECB history since 1999 is a
# factor of 2.32 (ISK, 290 on 2008-12-09, then 125.01 when quoting resumed on 2018-02-01); the largest
# from one working day to the next is 1.68 (TRL, 2001-02-22, the Turkish lira crisis). A factor of 4 leaves
# room for a crisis of that kind while any decimal slip (1.17 typed as 11.7 or 1170) is tenfold or more.
MAX_DAY_TO_DAY_FACTOR = Decimal(4)

# The real zip is about 600 kB and its CSV about 2 MB; anything past 20 MB is not that file.
MAX_BYTES = 20 * 1024 * 1024

# Currencies the ECB quoted before they were withdrawn from ISO 4217 (mostly replaced by the euro), which
# the current ISO list behind `is_currency` no longer holds: their history still converts old gifts.
WITHDRAWN_CURRENCIES = frozenset(
    {"BGN", "CYP", "EEK", "HRK", "LTL", "LVL", "MTL", "ROL", "SIT", "SKK", "TRL"})

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # an archive with members; an empty archive
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # fromisoformat alone also takes 20250725 or 2025-W30-5
_POSITIVE_DECIMAL = re.compile(r"^\d+(?:\.\d+)?$")  # Decimal() alone also takes 1E3, NaN, 1_000


class RateFileError(ValueError):
    """A refusal. `code` names the message (the caller translates it), `params` fill it in."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def fetch(source: str, timeout: float = 30.0) -> bytes:
    """The bytes at `source`: an http(s) URL or a local file path, at most MAX_BYTES of them."""
    is_url = "://" in source
    if is_url and not source.lower().startswith(("http://", "https://")):  # file://, ftp://...
        raise RateFileError("unreadable", source=source, reason="not an http(s) address")
    status = 200
    try:
        if is_url:
            with urllib.request.urlopen(source, timeout=timeout) as answer:
                status, data = answer.status, answer.read(MAX_BYTES + 1)
        else:
            with open(source, "rb") as file:
                data = file.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise RateFileError("unreadable", source=source, reason=f"HTTP {error.code}") from error
    except urllib.error.URLError as error:
        raise RateFileError("unreadable", source=source, reason=str(error.reason)) from error
    except (OSError, http.client.HTTPException, ValueError) as error:  # ValueError: a NUL byte, a bad URL
        raise RateFileError("unreadable", source=source, reason=str(error) or type(error).__name__) from error
    if status != 200:  # a 2xx other than 200 carries no file
        raise RateFileError("unreadable", source=source, reason=f"HTTP {status}")
    if len(data) > MAX_BYTES:
        raise RateFileError("unreadable", source=source, reason=f"larger than {MAX_BYTES} bytes")
    return data


def read_history(data: bytes) -> dict[str, dict[dt.date, Decimal]]:
    """{currency: {day: units per euro}} from a zip holding one CSV, or a bare CSV (UTF-8, optional BOM)."""
    if data[:4] in _ZIP_MAGIC:
        data = _unzip(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RateFileError("not_rates") from None
    # An HTML error page or random bytes are not a CSV with a wrong header: say so.
    first_line = text.split("\n", 1)[0]
    if "," not in first_line or text.lstrip().startswith("<") or _CONTROL_CHARACTERS.search(text):
        raise RateFileError("not_rates")
    return _parse_csv(text)


def _unzip(data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [member for member in archive.infolist() if not member.is_dir()]
            if len(members) != 1 or not members[0].filename.lower().endswith(".csv"):
                raise RateFileError("not_rates")
            if members[0].file_size > MAX_BYTES:
                raise RateFileError("not_rates")
            with archive.open(members[0]) as member:
                content = member.read(MAX_BYTES + 1)  # reading to the end checks the CRC
    except RuntimeError:  # encrypted, or a compression we cannot read (NotImplementedError)
        raise RateFileError("not_rates") from None
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError):
        # The magic bytes say zip: a zip that cannot be read to its end was cut short or damaged.
        raise RateFileError("truncated") from None
    if len(content) > MAX_BYTES:  # the size in the archive lied
        raise RateFileError("not_rates")
    return content


def _parse_csv(text: str) -> dict[str, dict[dt.date, Decimal]]:
    # csv rather than split(","): a spreadsheet may quote a cell, and "1,17" must then read as one value.
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error:
        raise RateFileError("not_rates") from None
    if header[0] != "Date":
        raise RateFileError("bad_header", column=1, text=header[0])
    currencies = header[1:-1] if header[-1] == "" else header[1:]  # the ECB ends each line with a comma
    for column, code in enumerate(currencies, start=2):
        if not _is_currency_code(code) or code in currencies[:column - 2]:
            raise RateFileError("bad_header", column=column, text=code)
    if not currencies:
        raise RateFileError("bad_header", column=2, text="")

    rates: dict[str, dict[dt.date, Decimal]] = {}
    seen_days: set[dt.date] = set()
    for line_number, row in rows:
        cells = [cell.strip() for cell in row]
        if not any(cells):  # the final newline, or a stray blank line
            continue
        if len(cells) != len(header):
            raise RateFileError("truncated", line=line_number)
        day = _read_day(cells[0], line_number)
        if day in seen_days:
            raise RateFileError("bad_date", line=line_number, text=cells[0])
        seen_days.add(day)
        for currency, cell in zip(currencies, cells[1:]):
            if cell in ("", "N/A"):  # not quoted that day
                continue
            if not _POSITIVE_DECIMAL.match(cell) or Decimal(cell) <= 0:
                raise RateFileError("not_a_number", line=line_number, currency=currency, text=cell)
            rates.setdefault(currency, {})[day] = Decimal(cell)
    if not seen_days:
        raise RateFileError("empty")
    return rates


def _is_currency_code(code: str) -> bool:
    if len(code) != 3 or not (code.isascii() and code.isalpha() and code.isupper()):
        return False
    return is_currency(code) or code in WITHDRAWN_CURRENCIES


def _read_day(text: str, line_number: int) -> dt.date:
    try:
        if _ISO_DAY.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:  # 2025-02-30
        pass
    raise RateFileError("bad_date", line=line_number, text=text)


def check_plausible(new: dict[str, dict[dt.date, Decimal]], known: dict[str, dict[dt.date, Decimal]]) -> None:
    """Refuse a new rate more than MAX_DAY_TO_DAY_FACTOR away from the rate of the closest earlier day.

    The earlier day is taken from `known` (days already held) or `new` (days to be added), whichever is
    closer; a new day with no earlier day is not checked.
    """
    for currency in sorted(new):
        series = {**known.get(currency, {}), **new[currency]}
        days = sorted(series)
        for day in sorted(new[currency]):
            position = bisect.bisect_left(days, day)
            if position == 0:
                continue
            rate, previous = series[day], series[days[position - 1]]
            if rate > previous * MAX_DAY_TO_DAY_FACTOR or rate * MAX_DAY_TO_DAY_FACTOR < previous:
                raise RateFileError("implausible_jump", currency=currency, day=day.isoformat(),
                                    rate=str(rate), previous=str(previous))
