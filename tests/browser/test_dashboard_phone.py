"""A coordinator's dashboard on a phone: the total is on the first screen, the filters folded away
until asked for (or until they need correcting), and a count leads to its gifts."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import PHONE
from dashboard_helpers import log_gift

from browser.screens import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "fr", "km"])
def test_the_total_comes_first_and_leads_to_its_gifts(app, world, live_server, phone, language):
    for n in range(3):
        log_gift(app, world.emails["volunteer"], world.paris_campaign_id, "25", "EUR", dt.date(2025, 7, 25 + n))
    page = phone()
    page.goto(f"{live_server}/?lang={language}")
    sign_in(page, live_server, world.emails["coordinator"])
    page.goto(f"{live_server}/dashboards/FR-IDF")
    total = page.locator("#total").bounding_box()
    assert total["y"] + total["height"] <= PHONE["height"], total  # no scrolling to see it
    assert page.locator("details.filters-fold").get_attribute("open") is None
    assert not page.locator("select[name=currency]").is_visible()
    page.click("details.filters-fold summary")
    assert page.locator("select[name=currency]").is_visible()
    page.click("section.cards a[href*='/dashboards/gifts/']")
    page.wait_for_url("**/dashboards/gifts/FR-IDF?*")
    assert page.locator("table.gifts tbody tr").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_filters_that_need_correcting_are_shown_open(world, live_server, phone):
    page = phone()
    sign_in(page, live_server, world.emails["coordinator"])
    page.goto(f"{live_server}/dashboards/FR-IDF?date_from=yesterday")
    assert page.locator("details.filters-fold").get_attribute("open") is not None
    assert page.locator("input[name=date_from]").is_visible()
