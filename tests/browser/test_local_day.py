"""The log form's day is the volunteer's own: in Melbourne at 08:00 the server's UTC day is still
yesterday, and the gift must not be dated by it."""

from __future__ import annotations

import datetime as dt

import pytest
from browser.screens import sign_in
from conftest import PHONE
from sqlalchemy import select

from tracker.donations.models import Donation
from tracker.extensions import db

pytestmark = pytest.mark.browser

# 08:00 in Melbourne (AEST, UTC+10 in July) on 15 July 2026 is 22:00 UTC on the 14th.
MELBOURNE_MORNING = dt.datetime(2026, 7, 14, 22, 0, tzinfo=dt.UTC)


def test_a_melbourne_volunteer_at_eight_in_the_morning_gets_their_own_day(app, world, live_server, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-AU",
                                  timezone_id="Australia/Melbourne")
    context.set_default_timeout(15000)
    page = context.new_page()
    try:
        page.clock.set_fixed_time(MELBOURNE_MORNING)
        assert page.evaluate("new Date().getHours()") == 8
        sign_in(page, live_server, world.emails["volunteer"])
        page.goto(f"{live_server}/donations/new")
        day = page.locator("input[name=received_on]")
        assert day.input_value() == "2026-07-15"

        page.fill("input[name=amount]", "50")
        page.click("main button[type=submit]")
        page.wait_for_url(f"{live_server}/donations/**")
    finally:
        context.close()
    with app.app_context():
        assert db.session.scalars(select(Donation.received_on)).all() == [dt.date(2026, 7, 15)]


def test_a_day_the_volunteer_chose_is_kept_when_the_form_comes_back(app, world, live_server, browser):
    context = browser.new_context(viewport=PHONE, locale="en-AU", timezone_id="Australia/Melbourne")
    context.set_default_timeout(15000)
    page = context.new_page()
    try:
        sign_in(page, live_server, world.emails["volunteer"])
        page.goto(f"{live_server}/donations/new")
        page.fill("input[name=received_on]", "2025-07-26")
        page.fill("input[name=amount]", "-5")  # refused: the form comes back with the chosen day
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        assert page.locator("input[name=received_on]").input_value() == "2025-07-26"
    finally:
        context.close()
    with app.app_context():
        assert db.session.scalars(select(Donation)).all() == []
