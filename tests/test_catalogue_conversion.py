"""Run once, when the dictionaries of tracker/translations/*.py became gettext catalogues: every
message translated before is translated after, word for word, in French and Khmer. Deleted with
the dictionaries."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tracker.translations import CATALOGUES

ROOT = Path(__file__).resolve().parents[1]
PLURAL = ("{count} gift", "{count} gifts")  # two keys before, one plural entry now
NO_LONGER_SHOWN = {"Rates entered"}  # a heading the rates page lost before the conversion


def _catalogue(language: str):
    with (ROOT / "tracker" / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", ["fr", "km"])
def test_every_old_translation_is_in_the_new_catalogue(language):
    old, new = CATALOGUES[language], _catalogue(language)
    assert len(old) == 343
    for english, translation in old.items():
        if english in NO_LONGER_SHOWN or english in PLURAL:
            continue
        message = new.get(english)
        assert message is not None, english
        assert message.string == translation, english
        assert not message.fuzzy, english
    forms = new.get(PLURAL).string
    if language == "fr":
        assert tuple(forms) == (old[PLURAL[0]], old[PLURAL[1]])
    else:
        assert tuple(forms) == (old[PLURAL[1]],) and old[PLURAL[0]] == old[PLURAL[1]]


def test_the_dropped_message_is_nowhere_in_the_code():
    for english in NO_LONGER_SHOWN:
        found = subprocess.run(["grep", "-rlF", english, "tracker", "templates", "--include=*.py", "--include=*.html",
                                "--exclude-dir=translations"], cwd=ROOT, capture_output=True, text=True)
        assert found.stdout == "", found.stdout
