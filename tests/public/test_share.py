"""A campaign page people share: its link preview (Open Graph, Twitter card, canonical address), the
"Share this campaign" section, and the figures it gives, which follow every gift through the page cache."""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import quote

import pytest
from conftest import shown_day
from dashboard_helpers import log_gift, page_text
from test_public_pages import new_campaign

from tracker.campaigns.models import CampaignKind
from tracker.donations.models import DonationStatus, GiftKind
from tracker.i18n import gettext
from tracker.money import format_minor
from tracker.public import page_cache


JULY_25, JULY_26, JULY_27 = dt.date(2025, 7, 25), dt.date(2025, 7, 26), dt.date(2025, 7, 27)
VOLUNTEER = "volunteer@example.org"
META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">')


def _head(response) -> dict[str, list[str]]:
    """The page's meta tags, {property or name: [contents]}, and its canonical address under "canonical"."""
    assert response.status_code == 200
    source = response.get_data(as_text=True)
    head = source.split("</head>", 1)[0]
    found: dict[str, list[str]] = {}
    for name, content in META.findall(head):
        found.setdefault(name, []).append(html.unescape(content))
    found["canonical"] = [html.unescape(url) for url in re.findall(r'<link rel="canonical" href="([^"]+)">', head)]
    return found


def _shown(response, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', response.get_data(as_text=True))
    assert match, f"no #{element_id} on the page"
    return html.unescape(match.group(1)).strip()


def _share_address(response) -> str:
    match = re.search(r'<input id="share-address" type="url" value="([^"]+)" readonly>', response.get_data(as_text=True))
    assert match, "no share address on the page"
    return html.unescape(match.group(1))


def _in(app, language: str, message: str, **params) -> str:
    """A message as the page writes it for a reader of `language`."""
    with app.test_request_context(f"/?lang={language}"):
        return gettext(message, **params)


def test_the_link_preview_gives_name_figures_gifts_and_recipients_in_english(app, client, world):
    log_gift(app, VOLUNTEER, world.paris_campaign_id, "1 000", "EUR", JULY_25)
    log_gift(app, VOLUNTEER, world.paris_campaign_id, "234.56", "EUR", JULY_26)
    log_gift(app, VOLUNTEER, world.paris_campaign_id, "500", "EUR", JULY_27, status=DonationStatus.PLEDGED)
    response = client.get(f"/campaigns/{world.paris_campaign_id}")
    meta = _head(response)
    address = f"http://localhost/campaigns/{world.paris_campaign_id}?lang=en"
    summary = (f"{format_minor(123456, 'EUR')} raised of {format_minor(8_000_000, 'EUR')} · 2 gifts"
               " · for O'Smach Relief")  # the pledge is a promise: not raised, not counted
    assert meta["og:title"] == meta["twitter:title"] == ["Solidarité frontière"]
    assert meta["og:description"] == meta["twitter:description"] == meta["description"] == [summary]
    assert meta["og:url"] == meta["canonical"] == [address]
    assert meta["og:type"] == ["website"] and meta["og:site_name"] == ["Samaki Tracker"]
    assert meta["og:locale"] == ["en_GB"] and sorted(meta["og:locale:alternate"]) == ["fr_FR", "km_KH"]
    assert meta["twitter:card"] == ["summary"]
    assert "og:image" not in meta  # nothing fetched from elsewhere
    assert _shown(response, "share-summary") == summary
    assert _shown(response, "last-gift") == f"Latest gift: {shown_day(JULY_26)}"
    assert _share_address(response) == address
    assert "Share this campaign" in page_text(response)


def test_the_link_preview_speaks_the_pages_language(app, client, world):
    log_gift(app, VOLUNTEER, world.paris_campaign_id, "1 000", "EUR", JULY_25)
    response = client.get(f"/campaigns/{world.paris_campaign_id}?lang=fr")
    meta = _head(response)
    raised = _in(app, "fr", "{raised} raised of {goal}", raised=format_minor(100_000, "EUR", "fr"),
                 goal=format_minor(8_000_000, "EUR", "fr"))
    recipients = _in(app, "fr", "for {recipients}", recipients="O'Smach Relief")
    summary = f"{raised} · 1 don · {recipients}"
    assert "1 000,00 €" in raised.replace("\u202f", " ").replace("\xa0", " ")  # written the French way
    assert meta["og:description"] == meta["description"] == [summary]
    assert meta["og:url"] == meta["canonical"] == [f"http://localhost/campaigns/{world.paris_campaign_id}?lang=fr"]
    assert meta["og:locale"] == ["fr_FR"] and sorted(meta["og:locale:alternate"]) == ["en_GB", "km_KH"]
    assert _shown(response, "last-gift") == _in(app, "fr", "Latest gift: {day}", day=shown_day(JULY_25, "fr"))
    assert 'hreflang="km" href="http://localhost/campaigns/' in response.get_data(as_text=True)
    assert _head(client.get(f"/campaigns/{world.paris_campaign_id}?lang=km"))["og:locale"] == ["km_KH"]


def test_another_gift_moves_the_count_and_the_last_day_on_through_the_page_cache(app, client, world):
    url = f"/campaigns/{world.san_jose_campaign_id}?currency=USD"
    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "250", "USD", JULY_25)
    first = client.get(url)
    assert "· 1 gift ·" in _head(first)["og:description"][0]
    assert _shown(first, "last-gift") == f"Latest gift: {shown_day(JULY_25)}"
    with app.app_context():  # the anonymous visitor's page was kept, and is served as it was
        pages = page_cache.pages()
        assert any(html_page == first.get_data(as_text=True) for _, html_page in pages._pages.values())
    assert client.get(url).get_data() == first.get_data()

    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "", "USD", JULY_27,
             kind=GiftKind.IN_KIND, item="Rice", quantity=12, unit="bags")
    second = client.get(url)
    description = _head(second)["og:description"][0]
    assert "· 2 gifts ·" in description and "Given in kind: rice (12 bags)" in description
    assert description.startswith(f"{format_minor(25000, 'USD')} raised of {format_minor(1_000_000, 'USD')}")
    assert _shown(second, "last-gift") == f"Latest gift: {shown_day(JULY_27)}"
    assert _shown(second, "share-summary") == description


def test_the_share_address_is_absolute_and_keeps_a_chosen_currency(app, client, world):
    campaign = world.paris_campaign_id
    in_dollars = client.get(f"/campaigns/{campaign}?currency=USD&lang=en")
    address = f"http://localhost/campaigns/{campaign}?currency=USD&lang=en"
    assert _share_address(in_dollars) == address
    assert _head(in_dollars)["og:url"] == _head(in_dollars)["canonical"] == [address]
    # The raised amount is in the chosen currency; the goal stays in the campaign's own.
    assert _head(in_dollars)["og:description"][0].startswith(
        f"{format_minor(0, 'USD')} raised · 0% of the goal of {format_minor(8_000_000, 'EUR')}")
    # The campaign's own currency is its page without a choice: one address, not two.
    assert _share_address(client.get(f"/campaigns/{campaign}?currency=EUR")).endswith(f"/campaigns/{campaign}?lang=en")
    text = in_dollars.get_data(as_text=True)
    assert f'href="mailto:?subject={quote("Solidarité frontière")}&amp;body=' in text
    assert quote(address, safe="") in text  # the address in the e-mail's body and the services' links
    assert 'href="https://wa.me/?text=' in text and 'href="https://t.me/share/url?url=' in text
    assert 'href="https://www.facebook.com/sharer/sharer.php?u=' in text


def test_a_forged_host_never_reaches_another_visitors_page(app, client, world):
    url = f"/campaigns/{world.paris_campaign_id}"
    forged = client.get(url, headers={"Host": "attacker.example"})
    assert _share_address(forged).startswith("http://attacker.example/")  # only their own page says so
    assert _share_address(client.get(url)).startswith("http://localhost/")
    app.config["PUBLIC_BASE_URL"] = "https://samaki.example.org/"
    assert _share_address(client.get(url, headers={"Host": "attacker.example"})) == (
        f"https://samaki.example.org/campaigns/{world.paris_campaign_id}?lang=en")


def test_an_in_kind_drive_is_shared_with_its_items(app, client, world):
    drive = new_campaign(app, world, "Blankets for Samraong", shares=[(world.ngo_id, "")],
                         kind=CampaignKind.CLOTHING_DRIVE, goal="")
    for item, quantity, unit in (("Blankets", 40, "pieces"), ("Rice", 12, "bags"), ("Blankets", 10, "pieces")):
        log_gift(app, VOLUNTEER, drive, "", "EUR", JULY_26, kind=GiftKind.IN_KIND, item=item, quantity=quantity,
                 unit=unit)
    response = client.get(f"/campaigns/{drive}")
    summary = "Given in kind: blankets (50 pieces) and rice (12 bags) · 3 gifts · for O'Smach Relief"
    assert _head(response)["og:description"] == [summary]  # goods lead, not €0.00 raised
    assert _shown(response, "share-summary") == summary
    text = page_text(response)
    assert text.count("<caption>Gifts in kind</caption>") == 1  # the items listed once, as before
    assert re.search(r'<th scope="row">blankets</th><td class="num">50 pieces</td>', text)


@pytest.mark.parametrize("language", ["en", "fr", "km"])
def test_the_share_section_adds_no_inline_script(app, client, world, language):
    log_gift(app, VOLUNTEER, world.paris_campaign_id, "10", "EUR", JULY_25)
    text = client.get(f"/campaigns/{world.paris_campaign_id}?lang={language}").get_data(as_text=True)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", text, re.S)
    assert scripts and all('src="/static/js/' in attributes and "defer" in attributes and not body.strip()
                           for attributes, body in scripts)
    assert " style=" not in text


def test_a_visitors_made_up_arguments_never_reach_the_cached_language_links(app, client, world):
    url = f"/campaigns/{world.paris_campaign_id}?currency=USD"
    first = page_text(client.get(url + "&evil=%22%3E1&page=9"))  # the first visitor fills the cache
    later = page_text(client.get(url))
    for text in (first, later):
        languages = re.findall(r'href="([^"]*lang=(?:en|fr|km)[^"]*)"', text)
        assert languages and all("evil" not in link and "page=" not in link for link in languages), languages
        assert any("currency=USD" in link for link in languages)  # what the cache key holds is kept
