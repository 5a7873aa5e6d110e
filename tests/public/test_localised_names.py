"""Dates, countries and provinces as a French or Khmer reader writes them, on public pages and dashboards."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import shown_day
from dashboard_helpers import log_gift, page_text

START = dt.date(2025, 7, 25)
NAMES = {
    "en": {"Cambodia": "Cambodia", "France": "France", "US": "United States", "KH-22": "Oddar Meanchey"},
    "fr": {"Cambodia": "Cambodge", "France": "France", "US": "États-Unis", "KH-22": "Oddar Meanchey"},
    "km": {"Cambodia": "កម្ពុជា", "France": "បារាំង", "US": "សហរដ្ឋអាមេរិក", "KH-22": "ឧត្ដរមានជ័យ"},
}


def _text(response) -> str:
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", page_text(response)).split())


@pytest.mark.parametrize("language", ["fr", "km", "en"])
def test_public_pages_name_places_and_days_in_the_readers_language(app, client, world, language):
    names = NAMES[language]
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", START)
    campaign = _text(client.get(f"/campaigns/{world.paris_campaign_id}?lang={language}"))
    assert shown_day(START, language) in campaign
    if language != "en":
        assert START.isoformat() not in campaign
    everywhere = _text(client.get(f"/regions/world?lang={language}"))
    assert names["France"] in everywhere and names["US"] in everywhere
    province = _text(client.get(f"/regions/KH-22?lang={language}"))
    assert names["KH-22"] in province and names["Cambodia"] in province  # the heading and the breadcrumbs
    assert "Otdar Mean Chey" not in province  # ISO's romanisation is not what Cambodians write


@pytest.mark.parametrize("language", ["fr", "km"])
def test_a_coordinators_dashboard_names_its_places_and_days_in_the_readers_language(app, client, auth, world,
                                                                                   language):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", START)
    auth.login(world.emails["coordinator"])
    page = _text(client.get(f"/dashboards/FR-IDF?currency=KHR&lang={language}"))  # no riel rate: the gift awaits
    assert NAMES[language]["France"] in page
    assert shown_day(START, language) in page and START.isoformat() not in page


def test_switching_language_keeps_the_currency_and_filters(client, auth, world):
    page = client.get("/regions/FR-IDF?currency=JPY&lang=en").get_data(as_text=True)
    links = re.findall(r'<a href="([^"]+)" lang="(\w+)"', page)
    assert ("/regions/FR-IDF?currency=JPY&amp;lang=fr", "fr") in links
    french = client.get("/regions/FR-IDF?currency=JPY&lang=fr")
    assert french.status_code == 200 and '<html lang="fr">' in french.get_data(as_text=True)
    auth.login(world.emails["coordinator"])  # a dashboard's filters, for those signed in
    page = client.get("/dashboards/FR-IDF?currency=JPY&status=verified&lang=en").get_data(as_text=True)
    links = re.findall(r'<a href="([^"]+)" lang="(\w+)"', page)
    assert ("/dashboards/FR-IDF?currency=JPY&amp;status=verified&amp;lang=fr", "fr") in links
