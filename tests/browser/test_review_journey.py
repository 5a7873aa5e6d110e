"""A coordinator clears what waits for them in a real headless Chromium, at phone and desktop size: the
menu's "To check" leads to the gifts to verify, two are ticked and verified at once, the counts move,
and nothing scrolls sideways."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from dashboard_helpers import log_gift

from browser.screens import fits, screen, sign_in  # noqa: F401 (a fixture)
from tracker.donations.models import Donation, DonationStatus
from tracker.extensions import db

pytestmark = pytest.mark.browser


def _count(page, kind: str) -> int:
    return int(page.inner_text(f"#count-{kind} .figure"))


def test_a_coordinator_verifies_two_gifts_at_once(app, world, live_server, screen):
    page, size = screen
    gifts = [log_gift(app, world.emails["volunteer"], world.paris_campaign_id, amount, "EUR",
                      dt.date(2025, 7, 26) + dt.timedelta(days=n), donor_name=f"Donor with a rather long name {n}")
             for n, amount in enumerate(("40", "75,50", "1 200"))]
    sign_in(page, live_server, world.emails["coordinator"])

    page.click("nav >> text=To check")
    page.wait_for_url(re.compile(r"/review/$"))
    fits(page, size)
    assert _count(page, "gifts") == 3
    page.check(f'[data-gift="{gifts[0]}"] input[type=checkbox]')
    page.check(f'[data-gift="{gifts[2]}"] input[type=checkbox]')
    page.click("text=Verify the gifts ticked")
    page.wait_for_selector("text=2 gifts verified.")
    fits(page, size)
    assert _count(page, "gifts") == 1
    assert page.locator(f'[data-gift="{gifts[1]}"]').count() == 1
    with app.app_context():
        statuses = [db.session.get(Donation, gift).status for gift in gifts]
    assert statuses == [DonationStatus.VERIFIED, DonationStatus.RECEIVED, DonationStatus.VERIFIED]
