"""The coordinator's review page: what waits in their regions, filtered, and acted on many at once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import csrf_token
from sqlalchemy import func, select

from dashboard_helpers import log_gift, page_text
from imports.test_import_rules import campaign_total, gift as paypal_gift, paypal_file, run_import
from statements import camt
from tracker.accounts import services as accounts
from tracker.audit.models import AuditEvent
from tracker.donations.models import Donation, DonationStatus
from tracker.extensions import db
from tracker.imports.models import ImportedRecord, RecordState
from tracker.organisations import services as organisations
from tracker.statements import operations as statement_operations
from tracker.statements.models import BankLine, LineState

DAY = dt.date(2025, 7, 26)


def _statement(app, world, entries: list[str], closing: str) -> list[int]:
    """The federation's bank statement with these credits, none explained by a gift: the lines' ids."""
    with app.app_context():
        admin = accounts.find_by_email(world.emails["admin"])
        stored, _ = statement_operations.import_statement(
            admin, organisations.get(world.federation_id), camt.statement(entries, "0.00", closing), "august.xml")
        db.session.commit()
        return list(db.session.scalars(select(BankLine.id).where(BankLine.statement_id == stored.id)
                                       .order_by(BankLine.id)))


def _statuses(app, ids) -> list[str]:
    with app.app_context():
        return [db.session.get(Donation, i).status.value for i in ids]


def _events(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AuditEvent))


def _post(client, url: str, data: dict):
    return client.post(url, data={"csrf_token": csrf_token(client, "/review/"), **data})


@pytest.fixture
def waiting(app, world, runner, tmp_path):
    """Three gifts typed in Paris and one in San Jose; two imported gifts that look like typed ones; two bank lines."""
    volunteer = world.emails["volunteer"]
    w = {"paris": [log_gift(app, volunteer, world.paris_campaign_id, amount, "EUR", DAY + dt.timedelta(days=n))
                   for n, amount in enumerate(("40", "75", "120"))],
         "san_jose": log_gift(app, "sj-volunteer@example.org", world.san_jose_campaign_id, "20", "USD", DAY)}
    path = paypal_file(tmp_path, "paypal.csv", [paypal_gift("7/26/2025", "Sokha", "40.00", "-1.00", "P1"),
                                                paypal_gift("7/27/2025", "Dara", "75.00", "-2.00", "P2")])
    result, summary = run_import(runner, path, world.paris_campaign_id)
    assert result.exit_code == 0 and summary["probable_duplicates"] == 2, result.output
    with app.app_context():
        w["records"] = list(db.session.scalars(select(ImportedRecord.id).where(
            ImportedRecord.state == RecordState.AWAITING_DECISION).order_by(ImportedRecord.id)))
    w["lines"] = _statement(app, world, [camt.entry("35.00", "2025-08-03", name="INCONNU", ref="T1"),
                                         camt.entry("12.50", "2025-08-05", name="BANQUE", ref="T2")], "47.50")
    return w


def test_a_coordinator_sees_what_waits_in_their_regions_only(app, client, auth, world, waiting):
    auth.login(world.emails["coordinator"])
    page = client.get("/review/")
    text = page_text(page)
    assert page.status_code == 200
    assert re.search(r'id="count-gifts">\s*<strong class="figure">3</strong>', text)
    assert re.search(r'id="count-duplicates">\s*<strong class="figure">2</strong>', text)
    assert re.search(r'id="count-lines">\s*<strong class="figure">2</strong>', text)
    for gift_id in waiting["paris"]:
        assert f'data-gift="{gift_id}"' in text
    assert f'data-gift="{waiting["san_jose"]}"' not in text  # California is not theirs

    auth.login(world.emails["coordinator_elsewhere"])
    text = page_text(client.get("/review/"))
    assert f'data-gift="{waiting["san_jose"]}"' in text
    assert not any(f'data-gift="{gift_id}"' in text for gift_id in waiting["paris"])
    assert 'id="duplicates-empty"' in text and 'id="lines-empty"' in text


def test_filters_narrow_the_list_and_the_counts(app, client, auth, world, waiting):
    auth.login(world.emails["admin"])
    text = page_text(client.get(f"/review/?kind=gifts&since={(DAY + dt.timedelta(days=1)).isoformat()}"))
    assert f'data-gift="{waiting["paris"][0]}"' not in text
    assert f'data-gift="{waiting["paris"][1]}"' in text and f'data-gift="{waiting["paris"][2]}"' in text
    assert 'data-record=' not in text and 'data-line=' not in text  # only the gifts are shown
    assert re.search(r'id="count-gifts">\s*<strong class="figure">2</strong>', text)  # counted with the same days

    text = page_text(client.get(f"/review/?campaign={world.san_jose_campaign_id}"))
    assert f'data-gift="{waiting["san_jose"]}"' in text
    assert 'data-record=' not in text and 'data-line=' not in text  # the federation's are not San Jose's

    refused = client.get("/review/?since=26/07/2025&campaign=99999")
    text = page_text(refused)
    assert refused.status_code == 200
    assert "Enter the date as a calendar date (year-month-day)." in text
    assert "Choose one of the options offered." in text


def test_ticked_gifts_are_verified_at_once_and_the_others_wait(app, client, auth, world, waiting):
    auth.login(world.emails["coordinator"])
    first, second, third = waiting["paris"]
    before = _events(app)
    answer = _post(client, "/review/gifts/verify", {"selected": [str(first), str(third)], "kind": "gifts"})
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/review/?kind=gifts")
    assert "2 gifts verified." in page_text(client.get(answer.headers["Location"]))
    assert _statuses(app, (first, second, third)) == ["verified", "received", "verified"]
    assert _events(app) - before == 2  # one audit row per gift
    with app.app_context():
        assert db.session.get(Donation, first).verified_by.email == world.emails["coordinator"]


def test_a_selection_with_an_entry_not_theirs_is_refused_whole(app, client, auth, world, waiting):
    auth.login(world.emails["coordinator"])
    mine, theirs = waiting["paris"][0], waiting["san_jose"]
    before = _events(app)
    answer = _post(client, "/review/gifts/verify", {"selected": [str(mine), str(theirs)]})
    assert answer.status_code == 403
    assert _statuses(app, (mine, theirs)) == ["received", "received"]
    assert _events(app) == before


@pytest.mark.parametrize("selected, message", [
    ([], "Tick at least one entry."),
    (["12abc"], "The selection could not be read: tick the entries again."),
    (["99999"], "no longer wait"),
])
def test_a_selection_that_cannot_be_acted_on_changes_nothing(app, client, auth, world, waiting, selected, message):
    auth.login(world.emails["coordinator"])
    before = _events(app)
    answer = _post(client, "/review/gifts/verify", {"selected": [*selected, str(waiting["paris"][0])]
                                                     if selected == ["99999"] else selected})
    assert answer.status_code == 303
    assert message in page_text(client.get(answer.headers["Location"]))
    assert _statuses(app, waiting["paris"]) == ["received"] * 3
    assert _events(app) == before


def test_a_gift_verified_meanwhile_makes_the_selection_wait_for_a_fresh_look(app, client, auth, world, waiting):
    auth.login(world.emails["coordinator"])
    first, second, _third = waiting["paris"]
    assert _post(client, "/review/gifts/verify", {"selected": [str(first)]}).status_code == 303
    answer = _post(client, "/review/gifts/verify", {"selected": [str(first), str(second)]})
    assert "no longer wait" in page_text(client.get(answer.headers["Location"]))
    assert _statuses(app, (first, second)) == ["verified", "received"]


def test_ticked_duplicates_are_merged_at_once_and_counted_once(app, client, auth, world, waiting):
    auth.login(world.emails["coordinator"])
    total = campaign_total(client, world.paris_campaign_id)
    answer = _post(client, "/review/duplicates/decide", {"selected": [str(i) for i in waiting["records"]],
                                                          "decision": "merge"})
    assert answer.status_code == 303
    assert "2 imported records merged with the gifts typed by hand." in page_text(client.get(answer.headers["Location"]))
    with app.app_context():
        records = [db.session.get(ImportedRecord, i) for i in waiting["records"]]
        assert [r.state for r in records] == [RecordState.MERGED, RecordState.MERGED]
        assert sorted(r.donation_id for r in records) == waiting["paris"][:2]
    assert _statuses(app, waiting["paris"]) == ["verified", "verified", "received"]
    assert campaign_total(client, world.paris_campaign_id) == total  # merged: still counted once


def test_one_duplicate_can_be_decided_from_its_own_card(app, client, auth, world, waiting):
    auth.login(world.emails["coordinator"])
    total = campaign_total(client, world.paris_campaign_id)
    record = waiting["records"][0]
    text = page_text(client.get("/review/?kind=duplicates"))
    assert f'formaction="/imports/records/{record}/decide"' in text
    answer = _post(client, f"/imports/records/{record}/decide", {"decision": "separate"})
    assert answer.status_code == 303 and "kind=duplicates" in answer.headers["Location"]
    assert campaign_total(client, world.paris_campaign_id) == total + 4000  # another gift: counted too


def test_ticked_bank_lines_are_set_aside_with_the_reason_or_refused_without(app, client, auth, world, waiting):
    auth.login(world.emails["coordinator"])
    lines = [str(i) for i in waiting["lines"]]
    refused = _post(client, "/review/lines/aside", {"selected": lines, "reason": "   "})
    assert "Give the reason these lines are not gifts." in page_text(client.get(refused.headers["Location"]))
    answer = _post(client, "/review/lines/aside", {"selected": lines, "reason": "Bank  fees refunded"})
    assert "2 bank lines set aside." in page_text(client.get(answer.headers["Location"]))
    with app.app_context():
        stored = [db.session.get(BankLine, i) for i in waiting["lines"]]
        assert [(line.state, line.reason) for line in stored] == [(LineState.SET_ASIDE, "Bank fees refunded")] * 2


@pytest.mark.parametrize("reason", ["<script>alert(1)</script>", "'; DROP TABLE bank_lines; --", "សាមគ្គី 🙏",
                                    "x" * 501, "nul\x00byte"])
def test_a_hostile_reason_is_kept_as_typed_or_refused_and_always_escaped(app, client, auth, world, waiting, reason):
    auth.login(world.emails["coordinator"])
    line = waiting["lines"][0]
    answer = _post(client, "/review/lines/aside", {"selected": [str(line)], "reason": reason})
    assert answer.status_code in (303, 400)
    with app.app_context():
        stored = db.session.get(BankLine, line)
        if answer.status_code == 303 and stored.state is LineState.SET_ASIDE:
            assert stored.reason == " ".join(reason.split())
        else:
            assert (stored.state, stored.reason) == (LineState.UNMATCHED, None)
    if answer.status_code == 303:
        shown = client.get(answer.headers["Location"]).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in shown


def test_the_page_in_french(app, client, auth, world, waiting):
    auth.login(world.emails["coordinator"])
    text = page_text(client.get("/review/?lang=fr"))
    assert "<h1>À vérifier</h1>" in text
    assert "Dons à vérifier" in text and "Doublons probables" in text and "Lignes bancaires sans correspondance" in text
    answer = _post(client, "/review/gifts/verify", {"selected": [str(waiting["paris"][0])]})
    assert "1 don vérifié." in page_text(client.get(answer.headers["Location"]))


def test_one_entry_refused_by_its_own_operation_undoes_the_others(app, client, auth, world, waiting):
    """The first record's typed gift is voided meanwhile: merging it cannot verify that gift, and the
    second record, merged first in the same selection, is not merged either."""
    from dashboard_helpers import change_gift
    from tracker.donations import operations as donation_operations

    first, second = waiting["records"]
    with app.app_context():
        typed = db.session.get(ImportedRecord, second).duplicate_of_id
    change_gift(app, world.emails["coordinator"], typed, donation_operations.void_donation, "typed twice")
    auth.login(world.emails["coordinator"])
    before = _events(app)
    answer = _post(client, "/review/duplicates/decide", {"selected": [str(first), str(second)], "decision": "merge"})
    assert "no longer wait" in page_text(client.get(answer.headers["Location"]))
    with app.app_context():
        assert [db.session.get(ImportedRecord, i).state for i in (first, second)] == [RecordState.AWAITING_DECISION] * 2
    assert _statuses(app, waiting["paris"][:1]) == ["received"]
    assert _events(app) == before


def test_too_many_ticked_entries_are_refused_before_anything_is_looked_up(app, client, auth, world, waiting):
    auth.login(world.emails["coordinator"])
    answer = _post(client, "/review/gifts/verify", {"selected": [str(i) for i in range(1, 2000)]})
    assert answer.status_code == 303
    assert "Tick 200 entries at most at a time." in page_text(client.get(answer.headers["Location"]))
    assert _statuses(app, waiting["paris"]) == ["received"] * 3
