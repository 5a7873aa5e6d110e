"""Khmer renders in the shipped font on a machine with no Khmer font of its own (this one: `fc-list
:lang=km` lists none): the Khmer pages and the "សាមគ្គី" logo fetch Noto Sans Khmer from static/, regular
and bold, and the browser reports the text renderable with it."""

from __future__ import annotations

import pytest

from browser.screens import fits, screen  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser

FONT_FILES = ("noto-sans-khmer-khmer-400-normal.woff2", "noto-sans-khmer-khmer-700-normal.woff2")


def test_khmer_text_renders_in_the_shipped_font(app, world, live_server, screen):
    page, size = screen
    fetched = {}
    page.on("response", lambda response: fetched.__setitem__(response.url.rsplit("/", 1)[-1], response.status))
    page.goto(f"{live_server}/?lang=km")
    page.evaluate("document.fonts.ready")
    fits(page, size)
    loaded = page.evaluate("""() => [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'Noto Sans Khmer')
                                                       .map(f => [f.weight, f.status])""")
    assert ["400", "loaded"] in loaded, loaded
    khmer = page.inner_text("h1, header.site")
    assert any("\u1780" <= ch <= "\u17ff" for ch in khmer), "no Khmer text on the Khmer home page"
    assert page.evaluate("""(text) => document.fonts.check('16px "Noto Sans Khmer"', text)""", khmer)
    # The bold face, for headings and figures, is served too and loads when asked for.
    assert page.evaluate("""async () => (await document.fonts.load('bold 16px "Noto Sans Khmer"', 'សាមគ្គី')).length""") >= 1
    for name in FONT_FILES:
        assert fetched.get(name) == 200, (name, fetched)
