"""The main journey in a real headless Chromium at phone size: a volunteer logs a gift at an event,
the coordinator's dashboard and the public campaign page show the new total."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from browser.screens import sign_in
from tracker import money
from tracker.donations.models import Donation
from tracker.extensions import db

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"




def test_volunteer_logs_a_gift_and_totals_move(app, world, live_server, phone):
    shown = money.format_minor(125050, "EUR", "fr")  # "1 250,50 €" as the French pages write it

    volunteer = phone()
    sign_in(volunteer, live_server, world.emails["volunteer"])
    volunteer.goto(f"{live_server}/donations/new")
    assert volunteer.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    volunteer.fill("input[name=amount]", "1 250,50")
    volunteer.click("main button[type=submit]")
    volunteer.wait_for_url(f"{live_server}/donations/*/receipt")
    ARTIFACTS.mkdir(exist_ok=True)
    volunteer.screenshot(path=str(ARTIFACTS / "volunteer-logged-gift.png"), full_page=True)

    with app.app_context():
        stored = db.session.scalars(select(Donation)).all()
        assert [(d.amount_minor, d.currency, d.campaign_id) for d in stored] == [
            (125050, "EUR", world.paris_campaign_id)]
        receipt = stored[0].receipt_code
    assert receipt in volunteer.inner_text("main")

    coordinator = phone()
    sign_in(coordinator, live_server, world.emails["coordinator"])
    coordinator.goto(f"{live_server}/dashboards/FR-IDF")
    assert shown in coordinator.inner_text("main")
    coordinator.screenshot(path=str(ARTIFACTS / "coordinator-dashboard.png"), full_page=True)

    donor = phone()
    donor.goto(f"{live_server}/campaigns/{world.paris_campaign_id}")
    assert shown in donor.inner_text("main")
    assert "Vanna" not in donor.content()  # the volunteer's name is not public

    donor.goto(f"{live_server}/receipt?code={receipt}")
    assert shown in donor.inner_text("main")
