"""A CAMT.053 statement: transfers matched to the gifts they pay in, a platform payout to its imported
gifts less their fees, the rest waiting in a queue; matched gifts verified, with the line on their page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from camt import entry, statement
from conftest import csrf_token
from dashboard_helpers import log_gift, minor_of, page_text, shown_total
from sqlalchemy import func, select

from tracker.donations.models import Donation, DonationStatus, Method
from tracker.extensions import db
from tracker.statements.models import BankLine, BankStatement, LineState

PAYPAL = ('"Date","Name","Type","Status","Currency","Gross","Fee","Transaction ID"\n'
          '"7/28/2025","Lina","Donation Payment","Completed","EUR","50.00","-1.85","P1"\n'
          '"7/29/2025","Bopha","Donation Payment","Completed","EUR","100.00","-3.20","P2"\n'
          '"7/30/2025","Kosal","Donation Payment","Completed","EUR","30.00","-1.17","P3"\n')
PAYOUT = "173.78"  # (50 − 1.85) + (100 − 3.20) + (30 − 1.17)


@pytest.fixture
def books(app, world, runner, tmp_path):
    """Gifts typed at the association's desk, and a PayPal export imported."""
    volunteer = world.emails["volunteer"]
    gifts = {
        "sokha": log_gift(app, volunteer, world.paris_campaign_id, "500", "EUR", dt.date(2025, 7, 28),
                          method=Method.BANK_TRANSFER, donor_name="Sokha Chea"),
        "vanna": log_gift(app, volunteer, world.paris_campaign_id, "120", "EUR", dt.date(2025, 7, 29),
                          method=Method.BANK_TRANSFER, donor_name="Vanna Lim"),
        "dara": log_gift(app, volunteer, world.paris_campaign_id, "120", "EUR", dt.date(2025, 7, 29),
                         method=Method.BANK_TRANSFER, donor_name="Dara Ouk"),
        "cash": log_gift(app, volunteer, world.paris_campaign_id, "80", "EUR", dt.date(2025, 7, 26)),
    }
    export = tmp_path / "paypal.csv"
    export.write_text(PAYPAL, encoding="utf-8")
    assert runner.invoke(args=["imports", "run", str(export), "--campaign", str(world.paris_campaign_id)]).exit_code == 0
    with app.app_context():
        receipt = db.session.get(Donation, gifts["cash"]).receipt_code
        platform = list(db.session.scalars(select(Donation.id).where(Donation.method == Method.ONLINE_PLATFORM)))
    return gifts, receipt, platform


def august(receipt: str, closing: str = "408.78") -> bytes:
    return statement([
        entry("500.00", "2025-07-30", name="CHEA SOKHA", text="don Cambodge", ref="B1"),
        entry("120.00", "2025-07-30", name="M. VANNA LIM", text="Solidarite frontiere", ref="B2"),
        entry("80.00", "2025-08-02", name="DUPONT MARIE", text=f"Don recu {receipt}", ref="B3"),
        entry(PAYOUT, "2025-08-01", name="PAYPAL EUROPE S.A.R.L. ET CIE S.C.A", text="PAYPAL RETRAIT", ref="B4"),
        entry("35.00", "2025-08-03", name="INCONNU", text="virement", ref="B5"),
        entry("1500.00", "2025-08-04", credit=False, name="O'Smach Relief", text="Transfert ONG", ref="B6"),
        entry("10.00", "2025-08-04", name="EN ATTENTE", ref="B7", status="PDNG"),
    ], opening="1000.00", closing=closing)


def upload(client, organisation_id: int, data: bytes, name: str = "releve-aout.xml"):
    return client.post("/statements/new", data={"csrf_token": csrf_token(client, "/statements/new"),
                                                "organisation": str(organisation_id),
                                                "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def _statuses(app, ids) -> dict:
    with app.app_context():
        return {i: db.session.get(Donation, i).status for i in ids}


def test_a_statement_matches_transfers_and_a_payout(app, world, client, auth, books, runner):
    gifts, receipt, platform = books
    auth.login(world.emails["coordinator"])
    response = upload(client, world.federation_id, august(receipt))
    assert response.status_code == 303, page_text(response)[:3000]
    statuses = _statuses(app, [*gifts.values(), *platform])
    assert statuses[gifts["sokha"]] is DonationStatus.VERIFIED  # the payer's name, near the day
    assert statuses[gifts["vanna"]] is DonationStatus.VERIFIED  # same amount as Dara's: the name decides
    assert statuses[gifts["dara"]] is DonationStatus.RECEIVED
    assert statuses[gifts["cash"]] is DonationStatus.VERIFIED  # its receipt code in the transfer's text
    assert all(statuses[i] is DonationStatus.VERIFIED for i in platform)  # the payout, less the fees
    with app.app_context():
        states = dict(db.session.execute(select(BankLine.bank_ref, BankLine.state)).tuples().all())
    assert states == {"B1": LineState.GIFT, "B2": LineState.GIFT, "B3": LineState.GIFT, "B4": LineState.PAYOUT,
                      "B5": LineState.UNMATCHED, "B6": LineState.MONEY_OUT}  # B7 is pending: not booked yet

    page = page_text(client.get(f"/donations/{gifts['sokha']}"))
    assert "releve-aout.xml" in page and "CHEA SOKHA" in page and "B1" in page
    assert "payout of paypal" in page_text(client.get(f"/donations/{platform[0]}"))
    queue = page_text(client.get("/statements/queue"))
    assert "INCONNU" in queue and "CHEA SOKHA" not in queue

    # The same statement again, or one overlapping it: every line is already there.
    again = upload(client, world.federation_id, august(receipt), "releve-aout-bis.xml")
    assert again.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(BankLine)) == 6
    assert runner.invoke(args=["rollups", "check"]).exit_code == 0


def test_a_statement_that_does_not_add_up_is_refused(app, world, client, auth, books):
    _, receipt, _ = books
    auth.login(world.emails["coordinator"])
    response = upload(client, world.federation_id, august(receipt, closing="408.77"))
    assert response.status_code == 400 and "does not add up" in page_text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(BankStatement)) == 0
        assert db.session.scalar(select(func.count()).select_from(BankLine)) == 0


def test_a_person_decides_on_the_waiting_lines(app, world, client, auth, books):
    gifts, receipt, _ = books
    auth.login(world.emails["coordinator"])
    upload(client, world.federation_id, august(receipt))
    before = minor_of(shown_total(client.get(f"/campaigns/{world.paris_campaign_id}")))
    with app.app_context():
        waiting = db.session.scalar(select(BankLine.id).where(BankLine.state == LineState.UNMATCHED))

    def decide(**data):
        return client.post(f"/statements/lines/{waiting}/decide",
                           data={"csrf_token": csrf_token(client, "/statements/queue"), **data})

    refused = decide(action="aside", reason="  ")
    assert refused.status_code == 400 and "Give the reason" in page_text(refused)
    wrong = decide(action="link", gift=str(gifts["dara"]))
    assert wrong.status_code == 400 and "not the amount of this line" in page_text(wrong)
    assert decide(action="log", campaign=str(world.paris_campaign_id)).status_code == 303
    after = minor_of(shown_total(client.get(f"/campaigns/{world.paris_campaign_id}")))
    assert after - before == 3500
    with app.app_context():
        line = db.session.get(BankLine, waiting)
        assert line.state is LineState.GIFT and db.session.get(Donation, line.donation_id).status is \
            DonationStatus.VERIFIED
    assert decide(action="aside", reason="twice").status_code == 303  # already decided: back to the queue
    assert "No bank line waits" in page_text(client.get("/statements/queue"))


OFX = """OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:USASCII
CHARSET:1252
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20250805060000<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>EUR
<BANKACCTFROM><BANKID>30006<BRANCHID>00001<ACCTID>12345678901<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20250727<DTEND>20250804
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20250730<TRNAMT>500.00<FITID>OFX-1<NAME>CHEA SOKHA<MEMO>don Cambodge</STMTTRN>
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20250803<TRNAMT>35.00<FITID>OFX-2<NAME>INCONNU<MEMO>virement</STMTTRN>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250804<TRNAMT>-1500.00<FITID>OFX-3<NAME>O'SMACH RELIEF</STMTTRN>
</BANKTRANLIST>
<LEDGERBAL><BALAMT>35.00<DTASOF>20250804</LEDGERBAL>
</STMTRS></STMTTRNRS></BANKMSGSRSV1>
</OFX>
"""


def test_an_ofx_statement_matches_and_is_stored_once(app, world, client, auth, books):
    gifts, _, _ = books
    auth.login(world.emails["coordinator"])
    for _ in range(2):  # the second time, every line is already there
        response = upload(client, world.federation_id, OFX.encode("cp1252"), "releve.ofx")
        assert response.status_code == 303, page_text(response)[:3000]
    with app.app_context():
        states = dict(db.session.execute(select(BankLine.bank_ref, BankLine.state)).tuples().all())
    assert states == {"OFX-1": LineState.GIFT, "OFX-2": LineState.UNMATCHED, "OFX-3": LineState.MONEY_OUT}
    assert _statuses(app, [gifts["sokha"]])[gifts["sokha"]] is DonationStatus.VERIFIED


@pytest.mark.parametrize("amount, message", [("12.345", "has more decimals than EUR has"),
                                             ("NaN", "is not an amount"), ("1e999999", "is not an amount")])
def test_an_unusable_amount_refuses_the_statement(app, world, client, auth, amount, message):
    auth.login(world.emails["coordinator"])
    response = upload(client, world.federation_id, statement(
        [entry(amount, "2025-08-01", name="X", ref="Z1")], "0.00", "0.00"))
    assert response.status_code == 400 and message in page_text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(BankLine)) == 0
