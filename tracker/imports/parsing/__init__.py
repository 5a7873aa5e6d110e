"""Reading platform exports into common records: no database, no app, only the file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tracker.imports.parsing import table as tables
from tracker.imports.parsing.formats import FORMATS, mapped
from tracker.imports.parsing.records import Action, RawRows, Record, raw_rows
from tracker.imports.parsing.values import ValueRefused

__all__ = ["FORMATS", "Action", "ParsedFile", "RawRows", "Record", "ValueRefused", "mapped", "parse_file"]


@dataclass
class ParsedFile:
    format: str
    header: list[str]
    records: Iterator[Record]
    raw_rows: Callable[[], Iterator[tuple[int, str]]]  # (line, the row as JSON), read afresh at each call


def parse_file(source: tables.Source, format_name: str = "auto", mapping: mapped.Mapping | None = None) -> ParsedFile:
    """The file's records, its format found from its header unless named, or read through an
    organisation's column mapping when one is given. Raises ValueRefused."""
    if mapping is not None:
        table = tables.read(source, lambda cells: mapped.detect(cells, mapping))
        return ParsedFile(mapped.NAME, table.header, mapped.parse(table, mapping), lambda: raw_rows(table))
    if format_name != "auto" and format_name not in FORMATS:
        raise ValueRefused("unknown_format")
    candidates = [FORMATS[format_name]] if format_name != "auto" else list(FORMATS.values())
    found = {}

    def looks_like_header(cells: list[str]) -> bool:
        for module in candidates:
            if module.detect(cells):
                found["module"] = module
                return True
        return False

    table = tables.read(source, looks_like_header)
    module = found["module"]
    records = module.parse(table)
    table.sample = []  # read by the format for its decimal mark and day order, and no longer needed
    return ParsedFile(module.NAME, table.header, records, lambda: raw_rows(table))
