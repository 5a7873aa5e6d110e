"""Every count on a coordinator's dashboard leads to the gifts behind it, with the dashboard's filters kept.

The links are read off the rendered dashboard, not listed here: whatever count a new breakdown adds
as a link is followed too. Each list must find as many gifts as the count said, and the money among
them must add up, currency by currency, to what the dashboard's "by currency" table says was given.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from dashboard_helpers import change_gift, log_gift, page_text, shown_total

from tracker import money
from tracker.donations import operations
from tracker.donations.models import Donation, DonationStatus, GiftKind, Method
from tracker.extensions import db

JULY_25, JULY_26, JULY_27 = (dt.date(2025, 7, day) for day in (25, 26, 27))
GIFT_LINK = re.compile(r'<a href="(/dashboards/gifts/[^"]+)">([^<]+)</a>')
FOUND = re.compile(r'<p id="found" role="status">(\d+) gifts? found')
ROW = re.compile(r'<tr class="status-\w+" data-gift="(\d+)">')


def _log_region_gifts(app, world) -> dict[str, int]:
    paris, san_jose = world.paris_campaign_id, world.san_jose_campaign_id
    ids = {
        "cash": log_gift(app, "volunteer@example.org", paris, "100", "EUR", JULY_25, donor_name="Sokha"),
        "transfer": log_gift(app, "volunteer@example.org", paris, "250,50", "EUR", JULY_26,
                             method=Method.BANK_TRANSFER, donor_name="Écharpes Dara"),
        "dollars": log_gift(app, "volunteer@example.org", paris, "40", "USD", JULY_26),
        "pledge": log_gift(app, "volunteer@example.org", paris, "70", "EUR", JULY_27, status=DonationStatus.PLEDGED),
        "rice": log_gift(app, "volunteer@example.org", paris, "", "EUR", JULY_27, kind=GiftKind.IN_KIND,
                         item="Rice", quantity=12, unit="bags"),
        "voided": log_gift(app, "volunteer@example.org", paris, "999", "EUR", JULY_27),
        # Outside Île-de-France: never in its lists.
        "elsewhere": log_gift(app, "sj-volunteer@example.org", san_jose, "500", "USD", JULY_26),
    }
    change_gift(app, "coordinator@example.org", ids["voided"], operations.void_donation, "typed twice")
    return ids


def _listed(client, url: str) -> tuple[int, list[int], str]:
    response = client.get(url)
    assert response.status_code == 200, url
    text = page_text(response)
    found = FOUND.search(text)
    count = int(found.group(1)) if found else 0
    return count, [int(i) for i in ROW.findall(text)], text


@pytest.mark.parametrize("query", ["", "?currency=USD&date_from=2025-07-26&status=pledged&status=received"])
def test_every_linked_count_finds_as_many_gifts_as_it_says(app, client, auth, world, query):
    ids = _log_region_gifts(app, world)
    auth.login(world.emails["coordinator"])
    dashboard = page_text(client.get(f"/dashboards/FR-IDF{query}"))
    links = [(html.unescape(href), label) for href, label in GIFT_LINK.findall(dashboard)]
    assert len(links) >= 6, links  # the total, in kind, sub-regions, currencies, campaigns, cities, methods…
    wanted = parse_qs(urlsplit(query).query)
    for href, label in links:
        number = int(re.search(r"\d+", label).group(0))
        count, rows, _text = _listed(client, href)
        assert count == number == len(rows), (href, label)
        assert ids["elsewhere"] not in rows and ids["voided"] not in rows, href
        kept = parse_qs(urlsplit(href).query)
        for name in ("currency", "date_from"):
            assert kept.get(name) == wanted.get(name), (href, name)  # the dashboard's filters go along
        if "status" not in wanted:
            assert sorted(kept["status"]) in (["received", "verified"], ["pledged"], ["received"]), href


def test_the_total_lists_the_money_the_currency_table_adds_up(app, client, auth, world):
    ids = _log_region_gifts(app, world)
    auth.login(world.emails["coordinator"])
    dashboard = page_text(client.get("/dashboards/FR-IDF"))
    total_link = re.search(r'<a href="([^"]+)">Gifts: 3</a>', dashboard)
    assert total_link, "the total's gift count leads to its gifts"
    count, rows, text = _listed(client, html.unescape(total_link.group(1)))
    assert sorted(rows) == sorted([ids["cash"], ids["transfer"], ids["dollars"]])
    sums = dict(re.findall(r'<span class="found-sum" data-currency="(\w+)">([^<]+)</span>', text))
    assert sums == {"EUR": money.format_minor(35050, "EUR"), "USD": money.format_minor(4000, "USD")}
    for code, shown in sums.items():  # the dashboard's "By currency given" row says the same
        assert re.search(rf'<th scope="row">{code}</th><td class="num">{re.escape(shown)}</td>', dashboard), code
    back = re.search(r'<a href="(/dashboards/FR-IDF[^"]*)">Back to the dashboard', text)
    assert back and "status=received" in back.group(1) and "kind=" not in back.group(1)


def test_a_coordinator_searches_the_gifts_in_any_case_and_script(app, client, auth, world):
    ids = _log_region_gifts(app, world)
    auth.login(world.emails["coordinator"])
    base = "/dashboards/gifts/FR-IDF?status=received&status=verified&status=pledged"
    assert _listed(client, base + "&q=%C3%A9charpes")[1] == [ids["transfer"]]  # "écharpes" finds "Écharpes"
    assert _listed(client, base + "&q=rice")[1] == [ids["rice"]]
    with app.app_context():
        code = db.session.get(Donation, ids["cash"]).receipt_code
    typed = code.replace("-", " ").lower()
    assert _listed(client, f"{base}&q={typed}")[1] == [ids["cash"]]
    assert _listed(client, base + "&q=100%25")[0] == 0  # % is a character, not a wildcard


def test_the_gifts_of_a_region_are_its_coordinators_only(app, client, auth, world):
    _log_region_gifts(app, world)
    auth.login(world.emails["coordinator_elsewhere"])
    assert client.get("/dashboards/gifts/FR-IDF").status_code == 403
    assert client.get("/dashboards/gifts/FR-IDF/paris").status_code == 403
    assert client.get("/dashboards/gifts/XX-ZZZ").status_code == 404


@pytest.mark.parametrize("query, message", [
    ("?date_from=26/07/2025", "Enter a date as YYYY-MM-DD, for example 2025-07-26."),
    ("?status=lost", "Choose statuses among pledged, received, verified and void."),
    ("?page=-1", "There is no such page."),
    ("?page=%C2%B2", "There is no such page."),  # "²" is a digit to str.isdigit(), not to int()
    ("?organisation=%C2%B3", "There is no such campaign or organisation."),
    ("?currency=XYZ", "Choose one of these currencies: EUR, USD, CAD, AUD, JPY, THB, KHR."),
    ("?campaign=abc", "There is no such campaign or organisation."),
    ("?paid_in=EURO", "Give a currency as its three-letter code, for example EUR."),
    ("?method=barter", "Choose one of the options offered."),
])
def test_a_bad_filter_is_refused_with_a_message(app, client, auth, world, query, message):
    auth.login(world.emails["coordinator"])
    response = client.get(f"/dashboards/gifts/FR-IDF{query}")
    assert response.status_code == 400
    assert message in page_text(response)


def test_the_dashboard_says_what_awaits_verification_and_leads_to_it(app, client, auth, world):
    ids = _log_region_gifts(app, world)
    change_gift(app, "coordinator@example.org", ids["cash"], operations.set_status, DonationStatus.VERIFIED)
    auth.login(world.emails["coordinator"])
    dashboard = page_text(client.get("/dashboards/FR-IDF"))
    waiting = re.search(r'<p class="card" id="to-verify"><a href="([^"]+)">(\d+) gifts? received and not yet '
                        r'verified</a>\s*· <a href="(/review/[^"]*)">', dashboard)
    assert waiting and waiting.group(2) == "2"  # the transfer and the dollars; the cash gift is verified
    count, rows, _text = _listed(client, html.unescape(waiting.group(1)))
    assert sorted(rows) == sorted([ids["transfer"], ids["dollars"]])
    review = page_text(client.get(waiting.group(3)))
    assert all(f'data-gift="{gift}"' in review for gift in rows)


@pytest.mark.parametrize("junk", ["code=FR", "_external=1", "_anchor=x", "_scheme=ftp", "lang=fr&code=x"])
@pytest.mark.parametrize("page", ["/dashboards/FR-IDF", "/dashboards/gifts/FR-IDF"])
def test_arguments_a_page_does_not_know_never_reach_its_links(app, client, auth, world, page, junk):
    _log_region_gifts(app, world)
    auth.login(world.emails["coordinator"])
    response = client.get(f"{page}?status=received&{junk}")
    assert response.status_code == 200
    # The language links copy the query as it is, as plain text (never through url_for): left aside.
    links = [link for link in re.findall(r'href="([^"]+)"', page_text(response)) if "lang=" not in link]
    assert links and not any(link.startswith(("http", "ftp")) or "code=" in link or "_anchor" in link
                             or "#x" in link for link in links), links


def test_back_to_the_dashboard_it_was_opened_from(app, client, auth, world):
    _log_region_gifts(app, world)
    auth.login(world.emails["coordinator"])
    dashboard = page_text(client.get("/dashboards/FR-IDF?status=pledged&status=received"))
    pledged = re.search(r'<th scope="row">Pledged</th><td class="num">[^<]+</td>\s*<td class="num"><a href="([^"]+)">',
                        dashboard)
    listed = page_text(client.get(html.unescape(pledged.group(1))))
    back = html.unescape(re.search(r'<a href="(/dashboards/FR-IDF[^"]*)">Back to the dashboard', listed).group(1))
    assert parse_qs(urlsplit(back).query)["status"] == ["pledged", "received"]  # not just "pledged"
    assert shown_total(client.get(back)) == shown_total(client.get("/dashboards/FR-IDF?status=pledged&status=received"))


def test_a_gift_awaiting_a_rate_is_said_to_be_so_in_its_list(app, client, auth, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", JULY_25)
    riels = log_gift(app, "volunteer@example.org", world.paris_campaign_id, "40000", "KHR", JULY_26)  # no riel rate
    auth.login(world.emails["coordinator"])
    dashboard = page_text(client.get("/dashboards/FR-IDF"))
    total_link = re.search(r'<a href="([^"]+)">Gifts: (\d+)</a>', dashboard)
    assert total_link.group(2) == "1"  # the euro figures count the euro gift only, for now
    count, rows, text = _listed(client, html.unescape(total_link.group(1)))
    assert count == 2 and riels in rows
    assert re.search(r'id="awaiting-among">1 of these gifts awaits an exchange rate', text)


def test_a_filter_never_names_a_campaign_of_another_region(app, client, auth, world):
    auth.login(world.emails["coordinator"])  # Île-de-France; San Jose is elsewhere
    text = page_text(client.get(f"/dashboards/gifts/FR-IDF?campaign={world.san_jose_campaign_id}"
                                f"&organisation={world.san_jose_association_id}"))
    assert "San Jose for O'Smach" not in text and "Khmer Community of San Jose" not in text
    text = page_text(client.get(f"/dashboards/gifts/FR-IDF?campaign={world.paris_campaign_id}"))
    assert "Campaign: Solidarité frontière" in text
