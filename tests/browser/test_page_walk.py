"""Every page each role may open, in a real headless Chromium, in English, French and Khmer: nothing
scrolls sideways at 360 × 740 nor at 1280 × 800, and axe-core finds no serious or critical WCAG 2.1 AA
violation.

The pages come from the route table of test_route_permissions.py: every GET route a role is allowed
(200) there, at the concrete addresses its `targets` fixture builds, so a new route is walked as soon
as it is in that table (and test_every_route_is_in_this_table makes sure it is). A route answering
with something other than a web page (the health check, a stored proof) has nothing to lay out.

Each role signs in once through the sign-in form, in a context of its own; each page is loaded once
per language at phone size, checked there (width, then axe), then widened to desktop size on the same
load and checked again. axe-core is the pinned package of tests/browser/package.json, installed by
`npm ci --prefix tests/browser` and never served by the app.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from conftest import PHONE
from test_route_permissions import GET_ROUTES, OK, ROLES, targets  # noqa: F401 (a fixture)

from browser.screens import DESKTOP, sign_in

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("en", "fr", "km")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      targets: v.nodes.map(n => n.target.join(' '))}));
}"""


def _in_language(url: str, language: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "lang"] + [("lang", language)]
    return urlunsplit(parts._replace(query=urlencode(query)))




def _pages_for(context, base: str, role: str, targets) -> list[tuple[str, str]]:
    """(endpoint, address) of every web page the table lets this role open, each checked to open."""
    pages = []
    for endpoint, url, expected in GET_ROUTES:
        if expected[role] != OK:
            continue
        address = base + url.format(**targets)
        response = context.request.get(address, max_redirects=0)
        assert response.status == 200, f"{endpoint} as {role}: {response.status}"
        if response.headers.get("content-type", "").startswith("text/html"):
            pages.append((endpoint, address))
    return pages


def _too_wide(page, size) -> str | None:
    """What sticks out sideways at this size, or None when nothing does."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= size["width"]:
        return None
    culprits = page.evaluate("""(limit) => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > limit + 1 && e.getBoundingClientRect().width > 0)
        .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > limit + 1))
        .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                              + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')""", size["width"])
    return f"{width} px wide at {size['width']}: {', '.join(culprits)}"


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_and_passes_axe(app, world, targets, live_server, browser, role):  # noqa: F811
    assert AXE.exists(), "axe-core is missing: run npm ci --prefix tests/browser"
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB")
    context.set_default_timeout(15000)
    # axe is added to every page as it opens, outside the page's content security policy (which allows
    # only the app's own scripts): the pages are checked as the app really serves them.
    context.add_init_script(path=str(AXE))
    try:
        page = context.new_page()
        if role != "anonymous":
            sign_in(page, live_server, world.emails[role])
        pages = _pages_for(context, live_server, role, targets)
        assert pages, role
        too_wide, violations = [], []
        for language in LANGUAGES:
            for endpoint, address in pages:
                page.set_viewport_size(PHONE)
                response = page.goto(_in_language(address, language))
                where = f"{endpoint} ({language}, {role})"
                assert response.status == 200, where
                assert page.evaluate("document.documentElement.lang") == language, where
                problem = _too_wide(page, PHONE)
                if problem:
                    too_wide.append(f"{where}: {problem}")
                for found in page.evaluate(RUN_AXE, WCAG_21_AA):
                    if found["impact"] in BLOCKING:
                        violations.append(f"{where}: {found['id']} ({found['impact']}: {found['help']}) at "
                                          + "; ".join(found["targets"][:6]))
                page.set_viewport_size(DESKTOP)
                problem = _too_wide(page, DESKTOP)
                if problem:
                    too_wide.append(f"{where}: {problem}")
        assert not too_wide and not violations, "\n".join(
            ["Sideways scrolling:", *too_wide, "WCAG 2.1 AA, serious or critical:", *violations])
    finally:
        context.close()
