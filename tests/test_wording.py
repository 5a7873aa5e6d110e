"""Wording a reader of each language would write: on the page that voids a gift, the way out and the
voiding itself never read alike (in French both were once "Annuler…"); the sign-in request is ours,
translated, not Flask-Login's English."""

from __future__ import annotations

import re

import pytest
from dashboard_helpers import log_gift, page_text


@pytest.mark.parametrize("language", ["en", "fr", "km"])
def test_voiding_and_leaving_are_told_apart(app, client, auth, world, language):
    gift = log_gift(app, world.emails["volunteer"], world.paris_campaign_id, "20", "EUR", world.paris_campaign.starts_on)
    auth.login(world.emails["volunteer"])
    text = page_text(client.get(f"/donations/{gift}/void?lang={language}"))
    form = re.search(r"<main.*?</main>", text, re.S).group(0)
    void = re.search(r'<button type="submit"[^>]*>([^<]+)</button>', form).group(1).strip()
    leave = re.search(r'<a class="button secondary"[^>]*>([^<]+)</a>', form).group(1).strip()
    assert void.split()[0].casefold() != leave.split()[0].casefold(), (void, leave)


@pytest.mark.parametrize("language, message", [("en", "Please sign in to see this page."),
                                               ("fr", "Connectez-vous pour voir cette page.")])
def test_a_page_that_needs_signing_in_says_so_in_the_readers_language(client, world, language, message):
    client.get(f"/?lang={language}")
    response = client.get("/donations/mine", follow_redirects=True)
    assert response.request.path == "/login"
    assert message in page_text(response)
