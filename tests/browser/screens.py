"""Shared by the browser journeys: a page at phone or desktop size (a fixture to import), signing in, and the
no-scroll check."""

from __future__ import annotations

import pytest
from conftest import PHONE, TEST_PASSWORD

DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(params=["phone", "desktop"])
def screen(request, browser):
    """A fresh page at 360 × 740 (a phone, touch) and at 1280 × 800, in English: (page, size)."""
    size = PHONE if request.param == "phone" else DESKTOP
    context = browser.new_context(viewport=size, is_mobile=request.param == "phone", has_touch=request.param == "phone",
                                  locale="en-GB")
    context.set_default_timeout(15000)
    yield context.new_page(), size
    context.close()


def fits(page, size) -> None:
    """No sideways scrolling at this size."""
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], page.url


def sign_in(page, base: str, email: str) -> None:
    """Sign in through the form, as a person would, and wait for the page it leads to."""
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
