"""A coordinator imports a HelloAsso export in a real headless Chromium, at phone and desktop size: the
preview lists every row and stores nothing, the commit moves the campaign and region figures, and the
gift already typed by hand waits in the queue rather than counting twice."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from browser.screens import fits, screen, sign_in  # noqa: F401 (a fixture)
from dashboard_helpers import log_gift, minor_of
from sqlalchemy import func, select

from tracker.donations.models import Donation
from tracker.extensions import db
from tracker.imports.models import ImportedRecord, RecordState

pytestmark = pytest.mark.browser
EXPORT = Path(__file__).resolve().parents[1] / "imports" / "files" / "helloasso_payments.csv"
EXPECTED = json.loads((EXPORT.parent / "expected.json").read_text())["helloasso_payments.csv"]
def _figure(page, url: str) -> int:
    page.goto(url)
    return minor_of(page.inner_text("#total"))


def test_a_coordinator_imports_a_helloasso_export(app, world, live_server, screen):
    page, size = screen
    # The €45 of 24 July was typed at the desk before the export arrived.
    typed = log_gift(app, world.emails["volunteer"], world.paris_campaign_id, "45", "EUR", dt.date(2025, 7, 24))
    sign_in(page, live_server, world.emails["coordinator"])
    campaign_before = _figure(page, f"{live_server}/campaigns/{world.paris_campaign_id}")
    region_before = _figure(page, f"{live_server}/dashboards/FR-IDF?currency=EUR")

    page.goto(f"{live_server}/imports/new")
    fits(page, size)
    page.select_option("select[name=campaign]", str(world.paris_campaign_id))
    page.set_input_files("input[name=file]", str(EXPORT))
    page.click("main button[type=submit]")
    page.wait_for_selector("#summary")
    fits(page, size)
    assert page.inner_text('[data-count="rows"]') == str(EXPECTED["rows"])
    assert page.inner_text('[data-count="new"]') == str(EXPECTED["new"] - 1)  # one is the typed €45
    assert page.inner_text('[data-count="duplicates"]') == "1"
    assert page.locator("#rows tbody tr").count() == EXPECTED["rows"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Donation)) == 1  # the preview stored nothing

    page.click("text=Import these rows")
    page.wait_for_url(re.compile(r"/imports/\d+$"))
    fits(page, size)
    expected_minor = int(EXPECTED["totals"]["EUR"].replace(".", ""))
    moved = expected_minor - 4500  # every row of the export but the typed €45, which already counted
    assert _figure(page, f"{live_server}/campaigns/{world.paris_campaign_id}") - campaign_before == moved
    assert _figure(page, f"{live_server}/dashboards/FR-IDF?currency=EUR") - region_before == moved

    page.goto(f"{live_server}/review/?kind=duplicates")
    fits(page, size)
    assert page.locator(f'a[href="/donations/{typed}"]').count() == 1
    page.click("text=The same gift: merge, and count it once")
    page.wait_for_selector("#duplicates-empty")
    with app.app_context():
        record = db.session.scalar(select(ImportedRecord).where(ImportedRecord.donation_id == typed))
        assert record is not None and record.state is RecordState.MERGED
    assert _figure(page, f"{live_server}/campaigns/{world.paris_campaign_id}") - campaign_before == moved
    page.goto(f"{live_server}/donations/{typed}")
    assert "helloasso_payments.csv" in page.inner_text("#evidence")
