"""A donor's rights: their name and contact erased from a gift, its history and every page, with
every total unchanged to the cent and the audit trail saying it happened without saying what; and
an export of what is held about them."""

from __future__ import annotations

import datetime as dt
import json

from conftest import post_form
from dashboard_helpers import change_gift, log_gift, shown_total
from sqlalchemy import select

from tracker.audit.models import AuditEvent
from tracker.donations import operations
from tracker.donations.models import Donation, DonationRevision
from tracker.extensions import db
from tracker.rollups import integrity

DAY = dt.date(2025, 7, 26)
NAME, CONTACT = "Sok Chea", "chea@example.org"


def _logged_with_history(app, world) -> int:
    """A gift with the donor's details, corrected once (so its history holds them too)."""
    gift = log_gift(app, "volunteer@example.org", world.paris_campaign_id, "150", "EUR", DAY, donor_name=NAME,
                    donor_contact=CONTACT)
    with app.app_context():
        donation = db.session.get(Donation, gift)
        entry = operations.entry_from(donation)
        entry.amount = "175"
        operations.correct_donation(donation.logged_by, donation, entry, "the envelope held more")
        db.session.commit()
    return gift


def _pages(client, world, gift_id, receipt) -> str:
    return " ".join(client.get(url).get_data(as_text=True) for url in (
        f"/donations/{gift_id}", "/donations/mine", f"/receipt?code={receipt}", "/dashboards/FR-IDF",
        f"/campaigns/{world.paris_campaign_id}", f"/donors/data?who={NAME}&download=1"))


def test_erasure_removes_the_donor_everywhere_and_keeps_every_total(app, client, auth, world):
    gift_id = _logged_with_history(app, world)
    with app.app_context():
        receipt = db.session.get(Donation, gift_id).receipt_code
    auth.login(world.emails["coordinator"])
    before_total = shown_total(client.get("/dashboards/FR-IDF"))
    before_campaign = shown_total(client.get(f"/campaigns/{world.paris_campaign_id}"))
    assert NAME in _pages(client, world, gift_id, receipt)

    response = post_form(client, f"/donations/{gift_id}/erase", {})
    assert response.status_code == 303

    with app.app_context():
        donation = db.session.get(Donation, gift_id)
        assert donation.donor_name is None and donation.donor_contact is None
        assert donation.amount_minor == 17500
        snapshots = [r.snapshot for r in db.session.scalars(select(DonationRevision)
                                                            .where(DonationRevision.donation_id == gift_id))]
        assert snapshots and all(NAME not in s and CONTACT not in s for s in snapshots)
        event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "gift.donor_erased")).one()
        assert event.subject_id == gift_id and json.loads(event.after) == {"erased_values": 4}  # the gift and its one earlier version, name and contact each
        assert all(NAME not in (e.before or "") + (e.after or "") for e in db.session.scalars(select(AuditEvent)))
        assert integrity.check() == []
    shown = _pages(client, world, gift_id, receipt)
    auth.logout()
    auth.login(world.emails["volunteer"])
    shown += _pages(client, world, gift_id, receipt)
    assert NAME not in shown and CONTACT not in shown
    auth.logout()
    auth.login(world.emails["coordinator"])
    assert shown_total(client.get("/dashboards/FR-IDF")) == before_total
    assert shown_total(client.get(f"/campaigns/{world.paris_campaign_id}")) == before_campaign


def test_only_the_regions_staff_may_erase(app, client, auth, world):
    gift_id = _logged_with_history(app, world)
    for role in ("volunteer", "coordinator_elsewhere"):
        auth.login(world.emails[role])
        assert post_form(client, f"/donations/{gift_id}/erase", {}, form_url="/login").status_code == 403
        auth.logout()
    with app.app_context():
        assert db.session.get(Donation, gift_id).donor_name == NAME


def test_a_donor_can_have_all_that_is_held_about_them(app, client, auth, world):
    gift_id = _logged_with_history(app, world)
    other = log_gift(app, "volunteer@example.org", world.paris_campaign_id, "20", "EUR", DAY, donor_name="Someone")
    change_gift(app, world.emails["coordinator"], other, operations.set_status, operations.DonationStatus.VERIFIED)
    auth.login(world.emails["coordinator"])
    response = client.get(f"/donors/data?who={CONTACT.upper()}&download=1")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    held = json.loads(response.get_data(as_text=True))["gifts"]
    assert [gift["donor_contact"] for gift in held] == [CONTACT]
    assert held[0]["amount_minor"] == 17500 and held[0]["earlier_versions"][0]["amount_minor"] == 15000
    assert held[0]["earlier_versions"][0]["donor_name"] == NAME
    auth.logout()
    auth.login(world.emails["coordinator_elsewhere"])
    assert json.loads(client.get(f"/donors/data?who={NAME}&download=1").get_data(as_text=True)) == {"gifts": []}
    assert gift_id
