"""A file as a header and rows of text cells, whatever its encoding, delimiter or container.

CSV in UTF-8 (with or without a BOM), UTF-16 (Excel's "Unicode text"), or Windows-1252 (Excel's
re-saves); `;`, `,` or tab delimited; preamble lines before the header (banks write some); or
an XLSX workbook's first sheet. Formula cells are read as the text they hold, never evaluated.

A file is given as its bytes or as its path; a path is read as a stream at each pass, so a large
export is never held whole in memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from tracker.imports.parsing.values import ValueRefused

MAX_PREAMBLE_LINES = 20


SAMPLE_ROWS = 5000  # the rows a column's decimal mark and day order are read from
HEAD_BYTES = 4096  # what the kind of file and its encoding are first told from
CHUNK_BYTES = 1 << 20

Source = bytes | Path  # a file's bytes, or its path


def open_source(source: Source) -> BinaryIO:
    if not isinstance(source, Path):
        return io.BytesIO(source)
    try:
        return source.open("rb")
    except FileNotFoundError:  # a kept upload forgotten meanwhile (committed by another request, or expired)
        raise ValueRefused("upload_expired") from None


def chunks(source: Source) -> Iterator[bytes]:
    with open_source(source) as file:
        while chunk := file.read(CHUNK_BYTES):
            yield chunk


def _head(source: Source) -> bytes:
    with open_source(source) as file:
        return file.read(HEAD_BYTES)


def _decodes(source: Source, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for chunk in chunks(source):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _blank(source: Source) -> bool:
    return not any(chunk.strip() for chunk in chunks(source))


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


def encoding_of(source: Source, head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head:
        raise ValueRefused("not_a_table")
    if _decodes(source, "utf-8"):
        return "utf-8"
    return "cp1252" if _decodes(source, "cp1252") else "latin-1"


def _clean_header(cells: list[str]) -> list[str]:
    return [" ".join(str(cell).replace("\ufeff", "").strip().strip('"').split()) for cell in cells]


def read(source: Source, looks_like_header) -> Table:
    """The table in `source`; `looks_like_header(cells)` says which line is the header."""
    head = _head(source)
    if not head.strip() and _blank(source):
        raise ValueRefused("empty_file")
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(source, looks_like_header)
    if head.lstrip().startswith(b"<"):
        raise ValueRefused("not_a_table")
    encoding = encoding_of(source, head)
    with io.TextIOWrapper(open_source(source), encoding=encoding, newline="") as lines:
        for index, line in enumerate(itertools.islice(lines, MAX_PREAMBLE_LINES)):
            delimiter = _delimiter(line)
            cells = _clean_header(next(csv.reader([line], delimiter=delimiter)) if line.strip() else [])
            if cells and looks_like_header(cells):
                return Table(cells, lambda: _csv_rows(source, encoding, delimiter, index + 1, len(cells)))
    raise ValueRefused("unknown_format")


def _delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=counts.get)


def _csv_rows(source: Source, encoding: str, delimiter: str, skip: int, width: int) -> Iterator[tuple[int, list[str]]]:
    """Rows with a cell, cells as written (each reader strips what it reads: stripping every cell of a large
    export here cost more than reading it); a last one-cell "Warning: …" line (Open Collective's) is no row."""
    with io.TextIOWrapper(open_source(source), encoding=encoding, newline="") as text:
        reader = csv.reader(text, delimiter=delimiter)
        for _ in range(skip):
            next(reader, None)
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) == 1 and width > 1 and cells[0].lower().startswith("warning"):
                continue
            yield reader.line_num, cells


def _read_xlsx(source: Source, looks_like_header) -> Table:
    # openpyxl for workbooks only: it adds some 6 MB to every process otherwise.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Given its bytes: openpyxl refuses a path whose name does not end in .xlsx (a kept upload's does not),
        # and a workbook is a compressed file that an upload's size limit keeps small.
        with open_source(source) as file:
            data = file.read()
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        for index, values in enumerate(sheet.iter_rows(values_only=True, max_row=MAX_PREAMBLE_LINES)):
            header = _clean_header([_cell_text(value) for value in values])
            if looks_like_header(header):
                return Table(header, lambda: _xlsx_rows(sheet, index + 1))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, InvalidFileException):
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
