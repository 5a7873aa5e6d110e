"""The history page: an admin sees every change; a coordinator, the changes in their regions only;
filters narrow it down; a volunteer may not see it."""

from __future__ import annotations

import datetime as dt
import re

from dashboard_helpers import log_gift

DAY = dt.date(2025, 7, 26)


def _actions(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'<tr data-action="([a-z._]+)">', response.get_data(as_text=True))


def test_each_role_sees_the_changes_it_may(app, client, auth, world):
    log_gift(app, "volunteer@example.org", world.paris_campaign_id, "100", "EUR", DAY)
    log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "20", "USD", DAY)

    auth.login(world.emails["admin"])
    everything = _actions(client.get("/history/"))
    assert everything.count("gift.logged") == 2 and "user.created" in everything
    assert _actions(client.get("/history/?subject=user")) == ["user.created"] * everything.count("user.created")
    assert _actions(client.get("/history/?actor=sj-volunteer@example.org")) == ["gift.logged"]
    assert _actions(client.get(f"/history/?since={dt.date.today() + dt.timedelta(days=1)}")) == []
    auth.logout()

    auth.login(world.emails["coordinator"])  # Île-de-France
    page = client.get("/history/")
    seen = _actions(page)
    assert seen.count("gift.logged") == 1 and "campaign.created" in seen  # Paris's, as the world was made
    assert "user.created" not in seen and "rate.added" not in seen  # accounts and rates: admins only
    places = re.findall(r"</code>.*?</td>\s*<td[^>]*>([^<]*)</td>", page.get_data(as_text=True), re.S)
    assert places and set(places) <= {"Paris", "Île-de-France"}, places
    auth.logout()

    auth.login(world.emails["volunteer"])
    assert client.get("/history/").status_code == 403


def test_a_bad_filter_is_refused_with_a_message(app, client, auth, world):
    auth.login(world.emails["admin"])
    response = client.get("/history/?since=26/07/2025&subject=nothing")
    assert response.status_code == 400
    assert "Not a valid date value." in response.get_data(as_text=True)
