"""A file as a header and rows of text cells, whatever its encoding, delimiter or container.

CSV in UTF-8 (with or without a BOM), UTF-16 (Excel's "Unicode text"), or Windows-1252 (Excel's
re-saves); `;`, `,` or tab delimited; preamble lines before the header (banks write some); or
an XLSX workbook's first sheet. Formula cells are read as the text they hold, never evaluated.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl import load_workbook

from tracker.imports.parsing.values import ValueRefused

MAX_PREAMBLE_LINES = 20


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)
    trailer: list[str]  # lines after the rows that are not rows ("Warning: totalCount…")


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ValueRefused("not_a_table")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _clean_header(cells: list[str]) -> list[str]:
    return [" ".join(cell.replace("\ufeff", "").strip().strip('"').split()) for cell in cells]


def read(data: bytes, looks_like_header) -> Table:
    """The table in `data`; `looks_like_header(cells)` says which line is the header."""
    if not data.strip():
        raise ValueRefused("empty_file")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, looks_like_header)
    if data.lstrip().startswith(b"<"):
        raise ValueRefused("not_a_table")
    text = decode(data)
    lines = text.splitlines()
    for index, line in enumerate(lines[:MAX_PREAMBLE_LINES]):
        delimiter = _delimiter(line)
        cells = _clean_header(next(csv.reader([line], delimiter=delimiter)) if line.strip() else [])
        if cells and looks_like_header(cells):
            body = "\n".join(lines[index + 1:])
            return _rows(cells, csv.reader(io.StringIO(body), delimiter=delimiter), index + 2)
    raise ValueRefused("unknown_format")


def _delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=counts.get)


def _rows(header: list[str], reader: Iterator[list[str]], first_line: int) -> Table:
    rows, trailer = [], []
    for offset, cells in enumerate(reader):
        line = first_line + offset
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) == 1 and len(header) > 1 and not trailer and cells[0].lower().startswith("warning"):
            trailer.append(cells[0])
            continue
        rows.append((line, [cell.strip() for cell in cells]))
    return Table(header, rows, trailer)


def _read_xlsx(data: bytes, looks_like_header) -> Table:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ValueRefused("damaged_file") from None
    sheet = workbook.worksheets[0]
    lines = ([_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True))
    for index, cells in enumerate(lines):
        if index >= MAX_PREAMBLE_LINES:
            break
        if looks_like_header(_clean_header(cells)):
            return _rows(_clean_header(cells), lines, index + 2)
    raise ValueRefused("unknown_format")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.isoformat(sep=" ")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
