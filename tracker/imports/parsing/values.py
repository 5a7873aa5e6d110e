"""Numbers and dates as platforms and banks write them, read per column rather than per cell.

A column is read with one decimal mark and one day order, found from all of its cells: "1,058"
alone could be either, but a column that also holds "4.25" or "1,058.09" settles it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal, InvalidOperation

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_SIGNED_NUMBER = re.compile(r"^[-+\u2212]?\(?[0-9.,]*[0-9]\)?$")


class ValueRefused(ValueError):
    """A cell that cannot be read: `code` names the message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def decimal_mark(cells: list[str], default: str = ".") -> str:
    """The column's decimal mark: the last separator of a cell that has both, or a separator not
    followed by exactly three digits ("45,00", "-4.25"); otherwise the file's default."""
    votes = {".": 0, ",": 0}
    for cell in cells:
        compact = _SPACES.sub("", cell or "").strip("+-\u2212()")
        last_dot, last_comma = compact.rfind("."), compact.rfind(",")
        if last_dot >= 0 and last_comma >= 0:
            votes["." if last_dot > last_comma else ","] += 1
        elif last_dot >= 0 or last_comma >= 0:
            position = max(last_dot, last_comma)
            if len(compact) - position - 1 != 3:
                votes[compact[position]] += 1
    if votes["."] == votes[","]:
        return default
    return "." if votes["."] > votes[","] else ","


def signed_decimal(cell: str, mark: str) -> Decimal:
    """ "-1.234,56", "(4.25)", "1 058.09" → Decimal; an empty cell is zero."""
    text = _SPACES.sub("", cell or "")
    if not text:
        return Decimal(0)
    if not _SIGNED_NUMBER.match(text):
        raise ValueRefused("not_a_number", text=cell)
    negative = text[0] in "-\u2212" or text.startswith("(")
    digits = text.strip("+-\u2212()")
    group = "," if mark == "." else "."
    whole, _, fraction = digits.partition(mark)
    if mark in fraction or group in fraction:
        raise ValueRefused("not_a_number", text=cell)
    groups = whole.split(group)
    if len(groups) > 1 and (not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        raise ValueRefused("not_a_number", text=cell)
    try:
        value = Decimal("".join(groups) + ("." + fraction if fraction else ""))
    except InvalidOperation:
        raise ValueRefused("not_a_number", text=cell) from None
    return -value if negative else value


_DAY_FIRST = ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")
_MONTH_FIRST = ("%m/%d/%Y",)
_ISO = ("%Y-%m-%d", "%Y/%m/%d")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def day_order(cells: list[str], default: str = "dmy") -> str:
    """"dmy" or "mdy" for a column of dates: a first number over 12 proves day first, a second one
    over 12 proves month first."""
    for cell in cells:
        match = _NUMERIC_DATE.match(_date_part(cell))
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 >= second:
                return "dmy"
            if second > 12 >= first:
                return "mdy"
    return default


def _date_part(cell: str) -> str:
    text = (cell or "").strip()
    if "T" in text[8:11]:
        text = text.split("T", 1)[0]
    return text.split(" ", 1)[0] if _NUMERIC_DATE.match(text.split(" ", 1)[0]) or text[:4].isdigit() else text


_TEXT_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")


def day(cell: str, order: str = "dmy") -> dt.date:
    """The calendar day of a timestamp or date cell, in the order given for ambiguous numeric dates."""
    return _day((cell or "").strip(), order)


@functools.lru_cache(maxsize=4096)  # an export's rows share a few hundred days: strptime once for each
def _day(text: str, order: str) -> dt.date:
    if not text:
        raise ValueRefused("date_missing")
    part = _date_part(text)
    formats = _ISO + (_DAY_FIRST if order == "dmy" else _MONTH_FIRST)
    for pattern in formats + _TEXT_FORMATS:
        try:
            return dt.datetime.strptime(part if pattern in formats else text, pattern).date()
        except ValueError:
            continue
    raise ValueRefused("not_a_date", text=text)
