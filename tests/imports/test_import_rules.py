"""Never counted twice, never dropped: re-imports, overlapping exports, gifts typed by hand, refunds later."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from sqlalchemy import func, select

from dashboard_helpers import log_gift, minor_of, shown_total
from tracker.donations.models import Donation, DonationStatus
from tracker.extensions import db
from tracker.ledger.models import Cost, CostCategory
from tracker.imports.models import ImportBatch, ImportedRecord, RecordState

PAYPAL_HEADER = ('"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","From Email Address",'
                 '"To Email Address","Transaction ID","Reference Txn ID","Balance Impact"')


def paypal_file(tmp_path, name: str, rows: list[tuple]) -> str:
    """An English PayPal activity download: (date, name, type, status, gross, fee, txn, reference, impact)."""
    lines = [PAYPAL_HEADER]
    for date, who, kind, status, gross, fee, txn, reference, impact in rows:
        lines.append(f'"{date}","10:00:00","PDT","{who}","{kind}","{status}","EUR","{gross}","{fee}","",'
                     f'"donor@example.org","asso@example.org","{txn}","{reference}","{impact}"')
    path = tmp_path / name
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return str(path)


def gift(date, who, gross, fee, txn):
    return (date, who, "Donation Payment", "Completed", gross, fee, txn, "", "Credit")


def run_import(runner, path, campaign_id, *extra):
    result = runner.invoke(args=["imports", "run", path, "--campaign", str(campaign_id), "--json", *extra])
    summary = json.loads(result.output.strip().splitlines()[-1]) if result.output.strip() else None
    return result, summary


def campaign_total(client, campaign_id, currency="EUR") -> int:
    return minor_of(shown_total(client.get(f"/campaigns/{campaign_id}?currency={currency}")))


def counted_donations(app, campaign_id) -> tuple[int, int]:
    with app.app_context():
        return db.session.execute(select(func.count(), func.coalesce(func.sum(Donation.amount_minor), 0)).where(
            Donation.campaign_id == campaign_id, Donation.status != DonationStatus.VOID)).one()


def test_the_same_file_twice_adds_nothing(app, world, runner, client, tmp_path):
    path = paypal_file(tmp_path, "july.csv", [gift("7/28/2025", "Sokha", "50.00", "-1.85", "1AB"),
                                              gift("7/29/2025", "Dara", "1,058.09", "-31.03", "2CD")])
    first, summary = run_import(runner, path, world.paris_campaign_id)
    assert first.exit_code == 0, first.output
    assert summary["new"] == 2 and summary["totals"] == {"EUR": "1108.09"} and summary["fees"] == {"EUR": "32.88"}
    second, again = run_import(runner, path, world.paris_campaign_id)
    assert second.exit_code == 0, second.output
    assert again["new"] == 0 and again["duplicates"] == 2 and again["totals"] == {}
    assert counted_donations(app, world.paris_campaign_id) == (2, 110809)
    assert campaign_total(client, world.paris_campaign_id) == 110809
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ImportBatch)) == 2
    check = runner.invoke(args=["rollups", "check"])
    assert check.exit_code == 0, check.output


def test_overlapping_exports_count_each_payment_once(app, world, runner, client, tmp_path):
    a = paypal_file(tmp_path, "a.csv", [gift("7/24/2025", "A", "10.00", "-0.50", "T1"),
                                        gift("7/29/2025", "B", "20.00", "-0.80", "T2")])
    b = paypal_file(tmp_path, "b.csv", [gift("7/29/2025", "B", "20.00", "-0.80", "T2"),
                                        gift("8/2/2025", "C", "40.00", "-1.20", "T3")])
    assert run_import(runner, a, world.paris_campaign_id)[1]["new"] == 2
    _, summary = run_import(runner, b, world.paris_campaign_id)
    assert (summary["new"], summary["duplicates"], summary["totals"]) == (1, 1, {"EUR": "40.00"})
    assert campaign_total(client, world.paris_campaign_id) == 7000


def test_a_gift_typed_by_hand_then_imported_waits_for_a_person(app, world, runner, client, auth, tmp_path):
    typed = log_gift(app, world.emails["volunteer"], world.paris_campaign_id, "500", "EUR", dt.date(2025, 7, 28))
    path = paypal_file(tmp_path, "bank.csv", [gift("7/29/2025", "Sokha", "500.00", "-0.00", "9XY"),
                                              gift("7/30/2025", "Vanna", "500.00", "-0.00", "9XZ")])
    _, summary = run_import(runner, path, world.paris_campaign_id)
    # One of the two €500 is the typed gift's double; the other is new.
    assert (summary["new"], summary["probable_duplicates"], summary["totals"]) == (1, 1, {"EUR": "500.00"})
    assert campaign_total(client, world.paris_campaign_id) == 100000  # the typed 500 once, the other once

    auth.login(world.emails["coordinator"])
    queue = client.get("/review/?kind=duplicates")
    assert queue.status_code == 200 and f"#{typed}" in queue.get_data(as_text=True)
    with app.app_context():
        record = db.session.scalar(select(ImportedRecord).where(ImportedRecord.external_id == "9XY"))
        assert record.state is RecordState.AWAITING_DECISION and record.duplicate_of_id == typed
        record_id = record.id
    from conftest import csrf_token

    token = csrf_token(client, "/review/")
    answer = client.post(f"/imports/records/{record_id}/decide", data={"csrf_token": token, "decision": "merge"})
    assert answer.status_code == 303
    assert campaign_total(client, world.paris_campaign_id) == 100000
    with app.app_context():
        donation = db.session.get(Donation, typed)
        assert donation.status is DonationStatus.VERIFIED
        assert db.session.get(ImportedRecord, record_id).donation_id == typed
    page = client.get(f"/donations/{typed}").get_data(as_text=True)
    assert "9XY" in page and "bank.csv" in page
    assert "Nothing waits" in client.get("/review/?kind=duplicates").get_data(as_text=True)


def test_keeping_an_imported_gift_separate_counts_it(app, world, runner, client, auth, tmp_path):
    log_gift(app, world.emails["volunteer"], world.paris_campaign_id, "75", "EUR", dt.date(2025, 7, 28))
    path = paypal_file(tmp_path, "p.csv", [gift("7/28/2025", "Chan", "75.00", "-2.00", "K1")])
    run_import(runner, path, world.paris_campaign_id)
    assert campaign_total(client, world.paris_campaign_id) == 7500
    auth.login(world.emails["coordinator"])
    with app.app_context():
        record_id = db.session.scalar(select(ImportedRecord.id).where(ImportedRecord.external_id == "K1"))
    from conftest import csrf_token

    token = csrf_token(client, "/review/")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Cost)) == 0  # not a gift yet: no fee yet
    client.post(f"/imports/records/{record_id}/decide", data={"csrf_token": token, "decision": "separate"})
    assert campaign_total(client, world.paris_campaign_id) == 15000
    with app.app_context():
        # Now a gift: what PayPal kept on it is a cost of the campaign, on its day.
        fee = db.session.scalar(select(Cost).where(Cost.category == CostCategory.PLATFORM_FEE))
        assert (fee.amount_minor, fee.currency, fee.incurred_on) == (200, "EUR", dt.date(2025, 7, 28))
    assert runner.invoke(args=["rollups", "check"]).exit_code == 0


def test_a_refund_in_a_later_export_adjusts_the_earlier_gift(app, world, runner, client, tmp_path):
    first = paypal_file(tmp_path, "july.csv", [gift("7/28/2025", "A", "100.00", "-3.00", "R1"),
                                               gift("7/28/2025", "B", "60.00", "-2.00", "R2")])
    run_import(runner, first, world.paris_campaign_id)
    later = paypal_file(tmp_path, "august.csv", [
        ("8/2/2025", "A", "Payment Refund", "Completed", "-100.00", "0.00", "RF1", "R1", "Debit"),
        ("8/3/2025", "B", "Payment Refund", "Completed", "-15.00", "0.00", "RF2", "R2", "Debit")])
    result, summary = run_import(runner, later, world.paris_campaign_id)
    assert result.exit_code == 0, result.output
    assert summary["refunds"] == 2 and summary["new"] == 0
    assert campaign_total(client, world.paris_campaign_id) == 4500
    with app.app_context():
        statuses = dict(db.session.execute(select(ImportedRecord.external_id, ImportedRecord.state)).all())
        assert statuses["R1"] is RecordState.REFUNDED
        assert counted_donations(app, world.paris_campaign_id) == (1, 4500)
    again, repeat = run_import(runner, later, world.paris_campaign_id)
    assert repeat["refunds"] == 0 and repeat["duplicates"] == 2
    assert campaign_total(client, world.paris_campaign_id) == 4500
    assert runner.invoke(args=["rollups", "check"]).exit_code == 0


def test_a_row_in_error_stores_nothing(app, world, runner, tmp_path):
    path = paypal_file(tmp_path, "bad.csv", [gift("7/28/2025", "A", "100.00", "-3.00", "E1"),
                                             gift("7/28/2025", "B", "abc", "-2.00", "E2")])
    result, summary = run_import(runner, path, world.paris_campaign_id)
    assert result.exit_code == 1
    assert summary["errors"] == 1 and "line 3" in result.output and "“abc” is not a number" in result.output
    assert counted_donations(app, world.paris_campaign_id) == (0, 0)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ImportedRecord)) == 0


def test_a_file_changed_between_its_plan_and_its_commit_stores_nothing(app, world, tmp_path):
    from pathlib import Path

    from tracker.accounts import services as accounts
    from tracker.campaigns import services as campaigns
    from tracker.imports import operations, planning

    path = Path(paypal_file(tmp_path, "p.csv", [gift("7/28/2025", "Chan", "75.00", "-2.00", "C1"),
                                                gift("7/29/2025", "Lim", "20.00", "-1.00", "C2")]))
    with app.app_context():
        plan = planning.plan_import(campaigns.get(world.paris_campaign_id), path, path.name)
        path.write_bytes(path.read_bytes().splitlines(keepends=True)[0])  # cut to its header
        with pytest.raises(operations.ImportRefused) as refused:
            operations.commit_import(accounts.find_by_email(world.emails["admin"]), plan)
        assert refused.value.code == "file_changed"
        db.session.rollback()
        path.unlink()
        with pytest.raises(operations.ImportRefused) as gone:
            operations.commit_import(accounts.find_by_email(world.emails["admin"]), plan)
        assert gone.value.code == "upload_expired"
        db.session.rollback()
    assert counted_donations(app, world.paris_campaign_id) == (0, 0)
