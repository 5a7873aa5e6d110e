"""A payer who writes a receipt code on a transfer settles it: a new code (however written) and an old
16-character one alike; a code whose check character fails names no gift."""

from __future__ import annotations

import datetime as dt

from camt import entry, statement
from dashboard_helpers import log_gift, page_text
from sqlalchemy import select, update
from test_bank_statements import upload

from tracker.donations.models import Donation, DonationStatus
from tracker.extensions import db
from tracker.statements.models import BankLine, LineState

OLD_CODE = "2Z54-CFDW-XKQ7-MN3P"


def test_old_and_new_receipt_codes_match_their_bank_lines(app, world, client, auth):
    volunteer, day = world.emails["volunteer"], dt.date(2025, 7, 26)
    # Cash gifts of the same amount: only the code on the line can tell which one it pays in.
    old, new, spaced, other = (log_gift(app, volunteer, world.paris_campaign_id, "80", "EUR", day) for _ in range(4))
    with app.app_context():
        db.session.execute(update(Donation).where(Donation.id == old).values(receipt_code=OLD_CODE))
        db.session.commit()
        codes = {i: db.session.get(Donation, i).receipt_code for i in (new, spaced, other)}
    wrong = codes[other][:-1] + ("A" if codes[other][-1] != "A" else "B")
    data = statement([
        entry("80.00", "2025-08-02", name="DUPONT MARIE", text=f"RECU {OLD_CODE.replace('-', '')}", ref="B1"),
        entry("80.00", "2025-08-02", name="MARTIN PAUL", text=f"Don recu {codes[new]}", ref="B2"),
        entry("80.00", "2025-08-02", name="KEO SREY", text=f"don {codes[spaced].replace('-', ' ').lower()} merci",
              ref="B3"),
        entry("80.00", "2025-08-02", name="INCONNU", text=f"recu {wrong}", ref="B4"),
    ], opening="0.00", closing="320.00")

    auth.login(world.emails["coordinator"])
    response = upload(client, world.federation_id, data)
    assert response.status_code == 303, page_text(response)[:2000]
    with app.app_context():
        paid_in = dict(db.session.execute(select(BankLine.bank_ref, BankLine.donation_id)).tuples().all())
        states = dict(db.session.execute(select(BankLine.bank_ref, BankLine.state)).tuples().all())
        statuses = {i: db.session.get(Donation, i).status for i in (old, new, spaced, other)}
    assert (paid_in["B1"], paid_in["B2"], paid_in["B3"]) == (old, new, spaced)
    assert states["B4"] is LineState.UNMATCHED and paid_in["B4"] is None
    assert [statuses[i] for i in (old, new, spaced, other)] == [DonationStatus.VERIFIED] * 3 + [DonationStatus.RECEIVED]
