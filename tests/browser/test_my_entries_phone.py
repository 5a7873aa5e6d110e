""""My entries" in Chromium on a phone and a desktop: each entry's status and actions are on screen
without scrolling sideways, the list comes a page at a time, and the search finds one donor's gift."""

from __future__ import annotations

import datetime as dt

import pytest
from dashboard_helpers import log_gift

from browser.screens import fits, screen, sign_in  # noqa: F401 (a fixture)
from tracker.donations.queries import PAGE_SIZE

pytestmark = pytest.mark.browser


def test_a_volunteer_pages_through_and_searches_their_entries(app, world, live_server, screen):  # noqa: F811
    page, size = screen
    for n in range(PAGE_SIZE + 5):
        log_gift(app, world.emails["volunteer"], world.paris_campaign_id, str(20 + n), "EUR",
                 dt.date(2025, 7, 25) + dt.timedelta(days=n), donor_name=f"Donor {n:03d}")
    sign_in(page, live_server, world.emails["volunteer"])
    page.goto(f"{live_server}/donations/mine")
    fits(page, size)
    rows = page.locator("table.gifts tbody tr")
    assert rows.count() == PAGE_SIZE
    for part in ("Status", "Actions"):  # the stacked row shows them, on screen
        cell = rows.first.locator(f'td[data-label="{part}"]')
        box = cell.bounding_box()
        assert cell.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= size["width"], part
    page.click("a[rel=next]")
    page.wait_for_url("**/donations/mine?page=2")
    assert page.locator("table.gifts tbody tr").count() == 5

    page.fill("input[name=q]", "donor 017")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url("**/donations/mine?q=*")
    fits(page, size)
    assert page.locator("table.gifts tbody tr").count() == 1
    assert "1 gift found" in page.inner_text("#found")
