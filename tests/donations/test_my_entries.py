""""My entries": a volunteer's own gifts, latest first, a page at a time, and a search that finds one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from dashboard_helpers import log_gift, page_text

from tracker.donations.models import Donation, DonationStatus
from tracker.donations.queries import PAGE_SIZE
from tracker.extensions import db

FIRST_DAY = dt.date(2025, 7, 25)
ROW = re.compile(r'<tr class="status-\w+" data-gift="(\d+)">')


def _rows(client, query: str = "") -> tuple[int, list[int], str]:
    response = client.get(f"/donations/mine{query}")
    text = page_text(response)
    return response.status_code, [int(i) for i in ROW.findall(text)], text


def _log_many(app, world, count: int) -> list[int]:
    """`count` gifts by the volunteer on as many days, newest last."""
    return [log_gift(app, world.emails["volunteer"], world.paris_campaign_id, str(10 + n), "EUR",
                     FIRST_DAY + dt.timedelta(days=n), donor_name=f"Donor {n:03d}") for n in range(count)]


def test_entries_come_a_page_at_a_time_latest_first(app, client, auth, world):
    count = 2 * PAGE_SIZE + 7
    ids = _log_many(app, world, count)
    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "5", "USD", FIRST_DAY)  # not theirs
    auth.login(world.emails["volunteer"])
    newest_first = list(reversed(ids))

    status, first, text = _rows(client)
    assert status == 200 and first == newest_first[:PAGE_SIZE]
    assert f"{count} gifts found" in text and "Page 1 of 3" in text
    following = re.search(r'<a rel="next" href="([^"]+)">', text).group(1)
    _, second, text = _rows(client, following.removeprefix("/donations/mine"))
    assert second == newest_first[PAGE_SIZE:2 * PAGE_SIZE] and "Page 2 of 3" in text
    _, last, text = _rows(client, "?page=3")
    assert last == newest_first[2 * PAGE_SIZE:] and 'rel="next"' not in text and 'rel="prev"' in text
    seen = first + second + last
    assert sorted(seen) == sorted(ids)  # every entry on exactly one page, none of anybody else's
    assert _rows(client, "?page=99")[1] == last  # past the end: the last page


def test_a_search_finds_the_entry_by_donor_code_or_campaign_and_keeps_to_the_pages(app, client, auth, world):
    ids = _log_many(app, world, PAGE_SIZE + 3)
    auth.login(world.emails["volunteer"])
    assert _rows(client, "?q=donor+007")[1] == [ids[7]]
    assert _rows(client, "?q=DONOR 007")[1] == [ids[7]]
    with app.app_context():
        code = db.session.get(Donation, ids[12]).receipt_code
    assert _rows(client, "?q=" + code.lower().replace("-", ""))[1] == [ids[12]]
    _, found, text = _rows(client, "?q=solidarit%C3%A9")  # the campaign's name: every entry, paged
    assert len(found) == PAGE_SIZE and "Page 1 of 2" in text
    following = re.search(r'<a rel="next" href="([^"]+)">', text).group(1)
    assert "q=solidarit" in following  # the search goes along to the next page
    status, found, text = _rows(client, "?q=nobody")
    assert status == 200 and found == [] and "No entry matches this search." in text


def test_status_filter_shows_the_voided_entries_apart(app, client, auth, world):
    ids = _log_many(app, world, 3)
    with app.app_context():
        db.session.get(Donation, ids[1]).status = DonationStatus.PLEDGED
        db.session.commit()
    auth.login(world.emails["volunteer"])
    assert _rows(client, "?status=pledged")[1] == [ids[1]]
    assert sorted(_rows(client, "?status=received")[1]) == sorted([ids[0], ids[2]])


@pytest.mark.parametrize("query, message", [
    ("?page=two", "There is no such page."),
    ("?status=lost", "Choose statuses among pledged, received, verified and void."),
    ("?q=" + "x" * 101, "Search for 100 characters at most."),
])
def test_a_bad_search_is_refused_in_the_readers_language(app, client, auth, world, query, message):
    auth.login(world.emails["volunteer"])
    status, _, text = _rows(client, query)
    assert status == 400 and message in text


def test_a_bad_search_is_refused_in_french(app, client, auth, world):
    auth.login(world.emails["volunteer"])
    status, _, text = _rows(client, "?page=two&lang=fr")
    assert status == 400 and "Cette page n’existe pas." in text
