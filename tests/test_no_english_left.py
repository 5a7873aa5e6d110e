"""No English message is left on a French or Khmer page: every page each role can open (from the route
table, so a new page is covered without asking) is read in French and in Khmer, and no message of the
catalogue whose translation differs from its English appears on it in English."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from test_route_permissions import GET_ROUTES, OK, _sign_in, targets  # noqa: F401 (targets is a fixture)

CATALOGUES = Path(__file__).resolve().parents[1] / "tracker" / "translations"
# Pages that are not read by a person: a probe, and proofs served as files.
NOT_PAGES = {"public.health", "ledger.document", "imports.evidence_file"}
ROLES = ("anonymous", "volunteer", "coordinator", "admin")


@cache
def english_messages(language: str) -> list[re.Pattern]:
    """Patterns of the English of each message the language's catalogue translates differently: the
    text between placeholders, each of two words or more, matched as whole words."""
    with (CATALOGUES / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalogue = read_po(po, locale=language)
    fragments = set()
    for message in catalogue:
        if not message.id or not message.string:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        translated = message.string if isinstance(message.string, str) else message.string[0]
        if english == translated:
            continue
        for piece in re.split(r"\{[^}]*\}|<[^>]*>", english):
            piece = " ".join(piece.split()).strip(" .,:;·()“”\"'")
            if len(piece.split()) >= 2 and len(piece) >= 10:
                fragments.add(piece)
    return [re.compile(rf"(?<![\w]){re.escape(piece)}(?![\w])") for piece in sorted(fragments)]


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.parametrize("language", ["fr", "km"])
@pytest.mark.parametrize("role", ROLES)
def test_no_english_message_is_left_on_a_french_or_khmer_page(app, client, auth, world, targets, role, language):
    _sign_in(client, auth, world, role)
    patterns = english_messages(language)
    assert len(patterns) > 200  # the catalogue was read
    left = []
    for endpoint, url, expected in GET_ROUTES:
        if endpoint in NOT_PAGES or expected[role] != OK:
            continue
        address = url.format(**targets)
        response = client.get(address + ("&" if "?" in address else "?") + f"lang={language}")
        assert response.status_code == 200, address
        text = visible_text(response.get_data(as_text=True))
        left += [f"{address}: “{pattern.pattern}”" for pattern in patterns if pattern.search(text)]
    assert not left, "English on a page in " + language + ":\n" + "\n".join(left)

