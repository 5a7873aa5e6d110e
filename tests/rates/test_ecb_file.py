"""What `flask rates update` makes of an ECB reference-rate file: the exact rates, or a clear refusal."""

import datetime as dt
import io
import socket
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from loopback_server import serving
from currency_converter import CURRENCY_FILE

from tracker.rates import ecb_file
from tracker.rates.ecb_file import RateFileError, check_plausible, fetch, read_history

# A few real rows of the ECB history (columns picked from the shipped file, trailing comma kept).
SAMPLE_CSV = (
    "Date,USD,JPY,BGN,CYP,EEK,CHF,\n"
    "2025-07-25,1.1724,173.11,1.9558,N/A,N/A,0.9343,\n"
    "2025-07-24,1.1756,172.22,1.9558,N/A,N/A,0.9341,\n"
    "2025-07-23,1.1726,171.53,1.9558,N/A,N/A,0.9306,\n"
    "2008-01-02,1.4688,163.83,1.9558,N/A,15.6466,1.6529,\n"
    "2007-12-31,1.4721,164.93,1.9558,0.585274,15.6466,1.6547,\n"
)
JULY_25 = dt.date(2025, 7, 25)
JULY_24 = dt.date(2025, 7, 24)


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


SAMPLE_ZIP = zipped({"eurofxref-hist.csv": SAMPLE_CSV.encode()})


def refusal(data: bytes) -> RateFileError:
    with pytest.raises(RateFileError) as caught:
        read_history(data)
    return caught.value


@pytest.fixture(scope="module")
def shipped_zip() -> bytes:
    return Path(CURRENCY_FILE).read_bytes()


@pytest.fixture(scope="module")
def shipped_history(shipped_zip):
    return read_history(shipped_zip)


# --- The real file ---------------------------------------------------------------------------------------

def test_the_shipped_history_reads_with_the_published_decimals(shipped_history):
    assert shipped_history["USD"][JULY_25] == Decimal("1.1724")
    assert str(shipped_history["JPY"][JULY_25]) == "173.11"
    assert all(isinstance(rate, Decimal)
               for series in shipped_history.values() for rate in series.values())
    assert 30 <= len(shipped_history) <= 60
    assert {"USD", "JPY", "GBP", "CHF", "THB", "AUD", "CAD"} <= set(shipped_history)
    # The Cyprus pound was quoted until it became the euro; after that its cells say N/A.
    assert shipped_history["CYP"][dt.date(2007, 12, 31)] == Decimal("0.585274")
    assert dt.date(2008, 1, 2) not in shipped_history["CYP"]
    assert min(shipped_history["USD"]) == dt.date(1999, 1, 4)


def test_the_shipped_history_as_a_bare_csv_with_or_without_bom_reads_the_same(shipped_zip, shipped_history):
    with zipfile.ZipFile(io.BytesIO(shipped_zip)) as archive:
        csv_bytes = archive.read(archive.namelist()[0])
    assert read_history(csv_bytes) == shipped_history
    assert read_history(b"\xef\xbb\xbf" + csv_bytes) == shipped_history


def test_the_whole_shipped_history_is_plausible_day_after_day(shipped_history):
    check_plausible(shipped_history, {})  # every day is new against the days before it
    check_plausible({"USD": {JULY_25: shipped_history["USD"][JULY_25]}}, shipped_history)


def test_the_threshold_keeps_a_margin_over_the_largest_real_move(shipped_history):
    largest = Decimal(1)
    for series in shipped_history.values():
        days = sorted(series)
        for earlier, later in zip(days, days[1:]):
            a, b = series[earlier], series[later]
            largest = max(largest, a / b, b / a)
    assert Decimal("2.3") < largest < Decimal("2.4")  # ISK when quoting resumed in 2018, after nine years
    assert largest * Decimal("1.5") < ecb_file.MAX_DAY_TO_DAY_FACTOR < 10


# --- Small files -----------------------------------------------------------------------------------------

def test_a_small_zip_a_bare_csv_and_a_bom_csv_read_identically():
    from_zip = read_history(SAMPLE_ZIP)
    july_23, january_2, december_31 = dt.date(2025, 7, 23), dt.date(2008, 1, 2), dt.date(2007, 12, 31)
    assert from_zip == read_history(SAMPLE_CSV.encode())
    assert from_zip == read_history(b"\xef\xbb\xbf" + SAMPLE_CSV.encode())
    assert from_zip["USD"] == {JULY_25: Decimal("1.1724"), JULY_24: Decimal("1.1756"), july_23: Decimal("1.1726"),
                               january_2: Decimal("1.4688"), december_31: Decimal("1.4721")}
    assert from_zip["CYP"] == {december_31: Decimal("0.585274")}  # N/A skipped
    assert set(from_zip) == {"USD", "JPY", "BGN", "CYP", "EEK", "CHF"}


def test_a_csv_without_trailing_comma_or_with_windows_line_ends_reads_the_same():
    expected = read_history(SAMPLE_CSV.encode())
    no_trailing_comma = "\n".join(line.rstrip(",") for line in SAMPLE_CSV.splitlines()) + "\n"
    assert read_history(no_trailing_comma.encode()) == expected
    assert read_history(SAMPLE_CSV.replace("\n", "\r\n").encode()) == expected


def test_a_zip_cut_in_half_is_truncated(shipped_zip):
    assert refusal(shipped_zip[: len(shipped_zip) // 2]).code == "truncated"
    assert refusal(SAMPLE_ZIP[: len(SAMPLE_ZIP) // 2]).code == "truncated"


def test_a_zip_with_a_damaged_byte_is_truncated():
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("eurofxref-hist.csv", SAMPLE_CSV)
    damaged = stored.getvalue().replace(b"1.1724", b"1.1725")  # the CRC no longer matches
    assert refusal(damaged).code == "truncated"


def test_a_csv_whose_last_line_is_cut_mid_row_is_truncated():
    cut = SAMPLE_CSV[: SAMPLE_CSV.rindex("15.6466")]  # the download stopped inside the last line
    error = refusal(cut.encode())
    assert error.code == "truncated"
    assert error.params == {"line": 6}


@pytest.mark.parametrize("header, column, text", [
    ("Day,USD,JPY,", 1, "Day"),
    ("Date,USD,XYZ1,", 3, "XYZ1"),
    ("Date,USD,XYZ,", 3, "XYZ"),
    ("Date,USD,usd,", 3, "usd"),
    ("Date,USD,USD,", 3, "USD"),
    ("Date,USD,,JPY,", 3, ""),
    ("Date,", 2, ""),
])
def test_a_wrong_header_is_refused(header, column, text):
    error = refusal(f"{header}\n2025-07-25,1.1724,173.11,\n".encode())
    assert error.code == "bad_header"
    assert error.params == {"column": column, "text": text}


@pytest.mark.parametrize("value", ['"1,17x"', "-1.2", "0", "0.000", "1E3", "NaN", "Infinity", "1_000", "1.17x"])
def test_a_value_that_is_not_a_positive_number_is_refused_with_its_line(value):
    broken = SAMPLE_CSV.replace("2025-07-24,1.1756,", f"2025-07-24,{value},")
    error = refusal(broken.encode())
    assert error.code == "not_a_number"
    assert error.params == {"line": 3, "currency": "USD", "text": value.strip('"')}


def test_an_unquoted_decimal_comma_gives_a_row_too_many_fields():
    error = refusal(SAMPLE_CSV.replace("2025-07-24,1.1756,", "2025-07-24,1,17x,").encode())
    assert error.code == "truncated"
    assert error.params == {"line": 3}


@pytest.mark.parametrize("day", ["2025-02-30", "25/07/2025", "20250725", "2025-W30-5", ""])
def test_a_day_that_is_not_an_iso_date_is_refused(day):
    error = refusal(SAMPLE_CSV.replace("2025-07-24,", f"{day},").encode())
    assert error.code == "bad_date"
    assert error.params == {"line": 3, "text": day}


def test_a_day_given_twice_is_refused():
    error = refusal(SAMPLE_CSV.replace("2025-07-23,", "2025-07-25,").encode())
    assert error.code == "bad_date"
    assert error.params == {"line": 4, "text": "2025-07-25"}


def test_a_header_without_rows_is_empty():
    assert refusal(b"Date,USD,JPY,\n").code == "empty"
    assert refusal(zipped({"eurofxref-hist.csv": b"Date,USD,JPY,\n\n"})).code == "empty"


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,
    b"\x89PNG\r\n\x1a\n" + bytes(200),
    b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not found, sorry</body></html>\n",
    b"  <html><body>Service unavailable, try later</body></html>",
    b"",
    b"Date\n2025-07-25\n",
    zipped({}),
    zipped({"eurofxref-hist.csv": SAMPLE_CSV.encode(), "readme.txt": b"hello"}),
    zipped({"rates.xml": b"<rates/>"}),
    zipped({"eurofxref-hist.csv": b"\x00\x01\x02 binary"}),
])
def test_what_is_not_a_rate_file_is_refused_as_such(data):
    assert refusal(data).code == "not_rates"


# --- Plausibility ----------------------------------------------------------------------------------------

KNOWN = {"USD": {dt.date(2025, 7, 21): Decimal("1.1667"), JULY_24: Decimal("1.17")}}


@pytest.mark.parametrize("typed", ["1170", "11.7", "0.117"])
def test_a_decimal_slip_on_a_new_day_is_an_implausible_jump(typed):
    with pytest.raises(RateFileError) as caught:
        check_plausible({"USD": {JULY_25: Decimal(typed)}}, KNOWN)
    assert caught.value.code == "implausible_jump"
    assert caught.value.params == {"currency": "USD", "day": "2025-07-25", "rate": typed, "previous": "1.17"}


def test_a_normal_next_day_passes():
    check_plausible({"USD": {JULY_25: Decimal("1.1724")}}, KNOWN)
    check_plausible({"USD": {JULY_25: Decimal("1.1724")}, "THB": {JULY_25: Decimal("37.9")}}, KNOWN)


def test_the_closest_earlier_day_may_be_among_the_new_days():
    new = {"USD": {dt.date(2025, 7, 28): Decimal("1.16"), dt.date(2025, 7, 29): Decimal("116")}}
    with pytest.raises(RateFileError) as caught:
        check_plausible(new, KNOWN)
    assert caught.value.params["day"] == "2025-07-29"
    assert caught.value.params["previous"] == "1.16"


# --- Fetching --------------------------------------------------------------------------------------------

@pytest.fixture
def no_proxy(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)  # talk to the loopback address directly


@pytest.fixture
def rate_server(no_proxy):
    with serving(SAMPLE_ZIP) as (base, _asked):
        yield base


def test_fetch_returns_the_bytes_a_server_sends(rate_server):
    data = fetch(f"{rate_server}/eurofxref-hist.zip", timeout=5)
    assert data == SAMPLE_ZIP
    assert read_history(data)["USD"][JULY_25] == Decimal("1.1724")


def test_fetch_refuses_a_404(rate_server):
    source = f"{rate_server}/missing.zip"
    with pytest.raises(RateFileError) as caught:
        fetch(source, timeout=5)
    assert caught.value.code == "unreadable"
    assert caught.value.params == {"source": source, "reason": "HTTP 404"}


def test_fetch_refuses_more_than_max_bytes(rate_server, monkeypatch):
    monkeypatch.setattr(ecb_file, "MAX_BYTES", len(SAMPLE_ZIP) - 1)
    with pytest.raises(RateFileError) as caught:
        fetch(f"{rate_server}/eurofxref-hist.zip", timeout=5)
    assert caught.value.code == "unreadable"


def test_fetch_refuses_a_server_that_is_not_there(no_proxy):
    with socket.socket() as probe:  # a loopback port that was free a moment ago, and nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    source = f"http://127.0.0.1:{port}/eurofxref-hist.zip"
    with pytest.raises(RateFileError) as caught:
        fetch(source, timeout=5)
    assert caught.value.code == "unreadable"
    assert caught.value.params["source"] == source


def test_fetch_reads_a_local_path(tmp_path):
    path = tmp_path / "eurofxref-hist.zip"
    path.write_bytes(SAMPLE_ZIP)
    assert fetch(str(path)) == SAMPLE_ZIP
    assert fetch(CURRENCY_FILE) == Path(CURRENCY_FILE).read_bytes()


@pytest.mark.parametrize("name", ["missing.zip", "", ".", "nul\x00.zip"])
def test_fetch_refuses_a_missing_path_or_a_folder(tmp_path, name):
    source = str(tmp_path / name) if name else ""
    with pytest.raises(RateFileError) as caught:
        fetch(source)
    assert caught.value.code == "unreadable"
    assert caught.value.params["source"] == source


def test_fetch_refuses_other_schemes(tmp_path):
    path = tmp_path / "eurofxref-hist.zip"
    path.write_bytes(SAMPLE_ZIP)
    with pytest.raises(RateFileError) as caught:
        fetch(path.as_uri())
    assert caught.value.code == "unreadable"
