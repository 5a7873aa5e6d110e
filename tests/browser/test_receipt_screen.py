"""The receipt screen in Chromium, on a phone and a desktop: the code on one line, no sideways
scrolling, a QR code a camera reads as the receipt check's address, a Print button, and paper that
shows the receipt alone."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from screens import fits, screen  # noqa: F401 (a fixture)
from sqlalchemy import select
from browser.screens import sign_in
from test_phone_journey import ARTIFACTS

from tracker.donations.models import Donation
from tracker.extensions import db

pytestmark = pytest.mark.browser


def test_the_receipt_screen_after_logging(app, world, live_server, screen):  # noqa: F811
    page, size = screen
    sign_in(page, live_server, world.emails["volunteer"])
    page.goto(f"{live_server}/donations/new")
    page.fill("input[name=amount]", "45")
    page.click("details.more summary")
    page.fill("input[name=donor_contact]", "+33 6 12 34 56 78")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server}/donations/*/receipt")
    with app.app_context():
        code = db.session.scalars(select(Donation.receipt_code)).one()

    shown = page.locator("#receipt-code code")
    assert shown.inner_text() == code
    assert shown.evaluate("element => element.getClientRects().length") == 1  # one line box: no wrapping
    assert shown.evaluate("element => element.scrollWidth <= element.parentElement.clientWidth")
    fits(page, size)
    assert "No receipt mail was sent: the donor left no e-mail address." in page.inner_text("main")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"receipt-{size['width']}.png"), full_page=True)

    # What a phone's camera reads in the QR code drawn on the screen.
    picture = Image.open(io.BytesIO(page.locator(".receipt-qr svg").screenshot()))
    read = [found.text for found in zxingcpp.read_barcodes(picture)]
    assert read == [f"{live_server}/receipt?code={code}"]

    # The Print button is there (its script ran under the page's policy) and asks the browser to print.
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.click("button[data-print]")
    assert page.evaluate("window.printed") == 1

    page.emulate_media(media="print")
    assert page.locator(".receipt").is_visible() and page.locator("#receipt-code").is_visible()
    for hidden in ("header.site", "footer.site", ".receipt-actions", "p.flash"):
        assert all(not element.is_visible() for element in page.locator(hidden).all()), hidden
    page.emulate_media(media="screen")

    page.goto(f"{live_server}/receipt?code={code.lower().replace('-', ' ')}")
    assert "Your gift is recorded as received" in page.inner_text("main")
    fits(page, size)
