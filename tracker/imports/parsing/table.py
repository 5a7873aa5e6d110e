"""A file as a header and rows of text cells, whatever its encoding, delimiter or container.

CSV in UTF-8 (with or without a BOM), UTF-16 (Excel's "Unicode text"), or Windows-1252 (Excel's
re-saves); `;`, `,` or tab delimited; preamble lines before the header (banks write some); or
an XLSX workbook's first sheet. Formula cells are read as the text they hold, never evaluated.
"""

from __future__ import annotations

import csv
import io
import zipfile
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from openpyxl import load_workbook

from tracker.imports.parsing.values import ValueRefused

MAX_PREAMBLE_LINES = 20


SAMPLE_ROWS = 5000  # the rows a column's decimal mark and day order are read from


@dataclass
class Table:
    """A header and its rows, read lazily: a large export is never held as cells all at once."""

    header: list[str]
    _rows: Callable[[], Iterator[tuple[int, list[str]]]]  # (line number in the file, cells), afresh at each call
    sample: list[tuple[int, list[str]]] = field(default_factory=list)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        return self._rows()

    def __post_init__(self) -> None:
        self.sample = list(itertools.islice(self._rows(), SAMPLE_ROWS))


def encoding_of(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in data[:4096]:
        raise ValueRefused("not_a_table")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252" if _is_cp1252(data) else "latin-1"
    return "utf-8"


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _clean_header(cells: list[str]) -> list[str]:
    return [" ".join(str(cell).replace("\ufeff", "").strip().strip('"').split()) for cell in cells]


def read(data: bytes, looks_like_header) -> Table:
    """The table in `data`; `looks_like_header(cells)` says which line is the header."""
    if not data.strip():
        raise ValueRefused("empty_file")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, looks_like_header)
    if data.lstrip().startswith(b"<"):
        raise ValueRefused("not_a_table")
    encoding = encoding_of(data)
    head = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    for index, line in enumerate(itertools.islice(head, MAX_PREAMBLE_LINES)):
        delimiter = _delimiter(line)
        cells = _clean_header(next(csv.reader([line], delimiter=delimiter)) if line.strip() else [])
        if cells and looks_like_header(cells):
            return Table(cells, lambda: _csv_rows(data, encoding, delimiter, index + 1, len(cells)))
    raise ValueRefused("unknown_format")


def _delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=counts.get)


def _csv_rows(data: bytes, encoding: str, delimiter: str, skip: int, width: int) -> Iterator[tuple[int, list[str]]]:
    """Rows with a cell, cells stripped; a last one-cell "Warning: …" line (Open Collective's) is no row."""
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline=""), delimiter=delimiter)
    for _ in range(skip):
        next(reader, None)
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) == 1 and width > 1 and cells[0].lower().startswith("warning"):
            continue
        yield reader.line_num, [cell.strip() for cell in cells]


def _read_xlsx(data: bytes, looks_like_header) -> Table:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        for index, values in enumerate(sheet.iter_rows(values_only=True, max_row=MAX_PREAMBLE_LINES)):
            header = _clean_header([_cell_text(value) for value in values])
            if looks_like_header(header):
                return Table(header, lambda: _xlsx_rows(sheet, index + 1))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ValueRefused("damaged_file") from None
    raise ValueRefused("unknown_format")


def _xlsx_rows(sheet, header_row: int) -> Iterator[tuple[int, list[str]]]:
    for number, values in enumerate(sheet.iter_rows(values_only=True, min_row=header_row + 1), start=header_row + 1):
        cells = [_cell_text(value).strip() for value in values]
        if any(cells):
            yield number, cells


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.isoformat(sep=" ")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
