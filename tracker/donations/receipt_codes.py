"""Receipt codes: what a donor types to check a gift, and what a payer writes on a bank transfer.

A code is 9 random characters and a check character, shown and stored as two groups of five
("7KQ2M-XHD4R"). The alphabet has no 0/O, 1/I/L or U, so nothing on a receipt looks like another
character of it, and there is nothing to map back. The check character is Luhn mod 30 (python-stdnum):
it catches every single wrong character and most swaps of two neighbours, so a typo is told apart
from a code that names no gift. Codes made before (16 characters, four groups of four, no check
character) keep working: they are read and looked up as they were stored.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from stdnum import luhn

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
RANDOM_LENGTH = 9  # 30^9 ≈ 2 × 10^13 codes (44 bits); guessing is rate-limited at the receipt check
LENGTH = RANDOM_LENGTH + 1
GROUP = 5
OLD_LENGTH, OLD_GROUP = 16, 4
# In a bank transfer's text (upper-cased): a new code, its groups joined by a dash, a space or nothing,
# and an old one; every place a code could start (overlapping: "RECU 2Z54-CFDW-…" must not hide a code).
_NEW_IN_TEXT = re.compile(rf"(?=\b([{ALPHABET}]{{{GROUP}}})[- ]?([{ALPHABET}]{{{GROUP}}})\b)")
_OLD_IN_TEXT = re.compile(r"(?=\b([A-Z2-9]{4})-?([A-Z2-9]{4})-?([A-Z2-9]{4})-?([A-Z2-9]{4})\b)")


def with_check(body: str) -> str:
    """The code made of `body` (RANDOM_LENGTH characters of ALPHABET) and its check character, grouped."""
    return _grouped(body + luhn.calc_check_digit(body, ALPHABET), GROUP)


def new_code() -> str:
    # One draw below 30^9, written in base 30: the same uniform codes as nine draws of a character,
    # at a ninth of the calls (a 10,000-gift import spent most of its check time here).
    number, body = secrets.randbelow(len(ALPHABET) ** RANDOM_LENGTH), []
    for _ in range(RANDOM_LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        body.append(ALPHABET[digit])
    return with_check("".join(body))


def _grouped(raw: str, size: int) -> str:
    return "-".join(raw[i:i + size] for i in range(0, len(raw), size))


@dataclass(frozen=True)
class Reading:
    """What a typed code is: `stored`, the code to look up, or `problem`, why it cannot be one
    ("wrong_length", "unused_character" with `character`, "typo": the check character disagrees)."""

    stored: str | None = None
    problem: str | None = None
    character: str = ""


def read(text: str) -> Reading:
    """A code however it was typed: capitals or not, with spaces, dashes or dots between groups."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if len(raw) == OLD_LENGTH:
        return Reading(stored=_grouped(raw, OLD_GROUP))
    if len(raw) != LENGTH:
        return Reading(problem="wrong_length")
    unused = next((ch for ch in raw if ch not in ALPHABET), None)
    if unused is not None:
        return Reading(problem="unused_character", character=unused)
    if not luhn.is_valid(raw, ALPHABET):
        return Reading(problem="typo")
    return Reading(stored=_grouped(raw, GROUP))


def in_text(text: str) -> set[str]:
    """The receipt codes, as stored, that a bank transfer's text may hold: new ones only when their
    check character holds, old ones wherever four groups of four stand."""
    upper = (text or "").upper()
    codes = {"-".join(groups) for groups in _OLD_IN_TEXT.findall(upper)}
    for groups in _NEW_IN_TEXT.findall(upper):
        if luhn.is_valid("".join(groups), ALPHABET):
            codes.add("-".join(groups))
    return codes
