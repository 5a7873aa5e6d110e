"""The log form on a phone (360 × 740): a volunteer who signs in lands on it, its Save button is in view
without scrolling, and a refused gift brings the focus to the error summary at the form's top."""

from __future__ import annotations

import pytest
from browser.screens import sign_in
from conftest import PHONE

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB")
    context.set_default_timeout(15000)
    yield context.new_page()
    context.close()


def _in_view(page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    assert page.evaluate("window.scrollY") == 0
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (selector, box)


@pytest.mark.parametrize("language", ["en", "fr", "km"])
def test_a_volunteer_lands_on_the_log_form_with_save_in_view(world, live_server, page, language):
    page.goto(f"{live_server}/?lang={language}")  # the choice is kept: French and Khmer labels are longer
    sign_in(page, live_server, world.emails["volunteer"])
    assert page.url == f"{live_server}/donations/new"
    _in_view(page, "main form button[type=submit]")  # under the "Welcome" message, too
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The rest is one tap away, and opens by itself when it holds something.
    assert page.locator("details.more").get_attribute("open") is None
    page.click("details.more summary")
    assert page.locator("input[name=donor_name]").is_visible()


def test_an_invalid_amount_brings_the_focus_to_the_error_summary(world, live_server, page):
    sign_in(page, live_server, world.emails["volunteer"])
    page.fill("input[name=amount]", "12,3,4")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".error-summary")
    # The deferred script gives the focus once the page is parsed: wait for it, within the timeout.
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('error-summary')")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "alert"
    link = page.locator(".error-summary a[href='#amount']")
    assert link.count() == 1
    assert page.locator("#amount").get_attribute("aria-invalid") == "true"
    link.click()  # the browser moves the focus as it follows the link: wait for it, within the timeout
    page.wait_for_function("document.activeElement && document.activeElement.id === 'amount'")


def test_a_choice_in_error_inside_more_details_is_in_view_and_its_link_focuses_it(world, live_server, page):
    sign_in(page, live_server, world.emails["volunteer"])
    page.click("details.more summary")
    page.check("input[name=kind][value=in_kind]")  # a gift in kind with no item said
    page.click("main form button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.locator("details.more").get_attribute("open") is not None
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"


def test_without_scripts_the_form_still_logs_and_refuses_with_its_summary(app, world, live_server, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-GB",
                                  java_script_enabled=False)
    context.set_default_timeout(15000)
    try:
        page = context.new_page()
        sign_in(page, live_server, world.emails["volunteer"])
        page.fill("input[name=amount]", "abc")
        page.click("main form button[type=submit]")
        page.wait_for_selector(".error-summary")
        assert page.evaluate("document.activeElement.tagName") == "BODY"  # no field took the focus from it
        page.click("details.more summary")
        page.fill("input[name=donor_name]", "Sokha")
        page.fill("input[name=amount]", "20")
        page.click("main form button[type=submit]")
        page.wait_for_url(f"{live_server}/donations/*/receipt")
    finally:
        context.close()
