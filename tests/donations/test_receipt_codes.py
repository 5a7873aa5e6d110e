"""Receipt codes: short, read however typed, and a typo told from a code that names no gift."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from tracker.donations import receipt_codes
from tracker.donations.receipt_codes import ALPHABET, Reading

bodies = st.text(alphabet=ALPHABET, min_size=receipt_codes.RANDOM_LENGTH, max_size=receipt_codes.RANDOM_LENGTH)
NEW_CODE = re.compile(rf"^[{ALPHABET}]{{5}}-[{ALPHABET}]{{5}}$")


def test_a_new_code_is_two_groups_of_five_from_the_alphabet_and_reads_back():
    codes = {receipt_codes.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert NEW_CODE.match(code), code
        assert receipt_codes.read(code) == Reading(stored=code)


@given(bodies)
def test_a_code_is_read_in_lower_case_with_spaces_dots_or_no_separator(body):
    code = receipt_codes.with_check(body)
    raw = code.replace("-", "")
    for typed in (code.lower(), code.replace("-", " "), f"  {raw[:3]} {raw[3:7]}.{raw[7:]} ", raw):
        assert receipt_codes.read(typed).stored == code, typed


@given(bodies, st.integers(0, receipt_codes.LENGTH - 1), st.sampled_from(ALPHABET))
def test_every_single_wrong_character_is_caught(body, position, replacement):
    raw = receipt_codes.with_check(body).replace("-", "")
    if raw[position] == replacement:
        replacement = ALPHABET[(ALPHABET.index(replacement) + 1) % len(ALPHABET)]
    typed = raw[:position] + replacement + raw[position + 1:]
    assert receipt_codes.read(typed) == Reading(problem="typo")


def test_every_single_wrong_character_of_one_code_is_caught_exhaustively():
    raw = receipt_codes.new_code().replace("-", "")
    for position in range(len(raw)):
        for replacement in ALPHABET.replace(raw[position], ""):
            assert receipt_codes.read(raw[:position] + replacement + raw[position + 1:]).problem == "typo"


def test_characters_codes_never_use_are_named():
    code = receipt_codes.with_check("7KQ2MXHD4")
    assert receipt_codes.read("O" + code[1:]) == Reading(problem="unused_character", character="O")
    assert receipt_codes.read(code[:-1] + "1") == Reading(problem="unused_character", character="1")
    assert receipt_codes.read("7KQ2") == Reading(problem="wrong_length")
    assert receipt_codes.read("") == Reading(problem="wrong_length")


def test_old_sixteen_character_codes_are_read_as_they_were_stored():
    assert receipt_codes.read("abcd efgh jkmn pqrs").stored == "ABCD-EFGH-JKMN-PQRS"
    assert receipt_codes.read("ABCDEFGHJKMNPQRS").stored == "ABCD-EFGH-JKMN-PQRS"


def test_codes_are_found_in_a_bank_transfers_text():
    new = receipt_codes.with_check("7KQ2MXHD4")
    raw = new.replace("-", "")
    typo = raw[:-1] + ("A" if raw[-1] != "A" else "B")
    assert receipt_codes.in_text(f"Don recu {new.lower()}") == {new}
    assert receipt_codes.in_text(f"VIR {raw} MERCI") == {new}
    assert receipt_codes.in_text(f"VIR {raw[:5]} {raw[5:]}") == {new}
    assert receipt_codes.in_text(f"VIR {typo}") == set()  # its check character does not hold
    assert receipt_codes.in_text("RECU 2Z54-CFDW-XKQ7-MN3P merci") == {"2Z54-CFDW-XKQ7-MN3P"}
    assert receipt_codes.in_text("RECU 2Z54CFDWXKQ7MN3P") == {"2Z54-CFDW-XKQ7-MN3P"}
    assert receipt_codes.in_text("VIREMENT DON CAMBODGE") == set()
