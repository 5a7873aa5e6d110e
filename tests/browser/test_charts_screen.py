"""The charts in a real headless Chromium, at phone and desktop size: they keep their shape, their text is
legible (at least 11 px on a 360 px phone), their table unfolds without widening the page, nothing
hidden leaves blank scroll under the footer, and axe finds nothing serious with the tables open."""

from __future__ import annotations

import datetime as dt

import pytest
from dashboard_helpers import log_gift

from browser.screens import fits, screen  # noqa: F401 (a fixture)
from browser.test_page_walk import AXE, BLOCKING, RUN_AXE, WCAG_21_AA

pytestmark = pytest.mark.browser

MEASURE = """() => [...document.querySelectorAll('figure.chart svg')].map(svg => {
  const box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal, scale = box.width / view.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return {ratio: box.height / box.width, viewRatio: view.height / view.width, smallest: Math.min(...sizes),
          texts: sizes.length, family: getComputedStyle(svg.querySelector('.x-labels text')).fontFamily};
})"""
BLANK_UNDER_FOOTER = """() => document.documentElement.scrollHeight
  - (document.querySelector('footer').getBoundingClientRect().bottom + window.scrollY)"""


def test_charts_keep_their_shape_and_legible_text(app, world, live_server, screen):  # noqa: F811
    page, size = screen
    for day in (dt.date(2025, 7, 25), dt.date(2025, 7, 26), dt.date(2026, 10, 20)):  # 15 months apart
        log_gift(app, "volunteer@example.org", world.paris_campaign_id, "120", "EUR", day)
    page.context.add_init_script(path=str(AXE))
    for language in ("en", "fr", "km"):
        page.goto(f"{live_server}/campaigns/{world.paris_campaign_id}?lang={language}")
        charts = page.evaluate(MEASURE)
        assert len(charts) == 2, language  # per month, and over time against the goal
        for chart in charts:
            assert abs(chart["ratio"] - chart["viewRatio"]) < 0.01, chart  # never squashed
            assert chart["texts"] >= 5 and chart["smallest"] >= 11, chart
            if size["width"] > 360:
                assert chart["smallest"] <= 20, chart  # grows on a desktop, within reason
            if language == "km":  # asked first, or Chromium draws Khmer in SVG as boxes
                assert chart["family"].startswith('"Noto Sans Khmer"'), chart
        fits(page, size)
        assert page.evaluate(BLANK_UNDER_FOOTER) <= 1, language
        for summary in page.locator("figure.chart summary").all():
            summary.click()
        assert page.locator("figure.chart details table").first.is_visible()
        fits(page, size)
        assert page.evaluate(BLANK_UNDER_FOOTER) <= 1, language
        assert not [v for v in page.evaluate(RUN_AXE, WCAG_21_AA) if v["impact"] in BLOCKING], language
