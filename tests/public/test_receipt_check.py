"""The public receipt check: what each status means, said plainly; codes of before still open their gift."""

from __future__ import annotations

import pytest
from dashboard_helpers import page_text
from sqlalchemy import update

from test_public_pages import JULY_25, log_gift
from tracker.accounts import services as accounts
from tracker.donations import operations
from tracker.donations.models import Donation, DonationStatus
from tracker.extensions import db

OLD_CODE = "2Z54-CFDW-XKQ7-MN3P"  # 16 characters, as codes were made before


def _with_status(app, world, status: DonationStatus) -> str:
    logged = DonationStatus.PLEDGED if status is DonationStatus.PLEDGED else DonationStatus.RECEIVED
    gift_id, code = log_gift(app, world.emails["volunteer"], world.paris_campaign_id, "40", "EUR", JULY_25,
                             status=logged)
    with app.app_context():
        donation = db.session.get(Donation, gift_id)
        if status is DonationStatus.VERIFIED:
            operations.set_status(accounts.find_by_email(world.emails["coordinator"]), donation, status)
        elif status is DonationStatus.VOID:
            operations.void_donation(accounts.find_by_email(world.emails["volunteer"]), donation, "entered on the wrong card")
        db.session.commit()
    return code


@pytest.mark.parametrize("status, heading, meaning", [
    (DonationStatus.PLEDGED, "Your pledge is recorded", "Pledged: your gift is promised and not yet received."),
    (DonationStatus.RECEIVED, "Your gift is recorded as received",
     "Received: the association has your gift and counts it in the campaign's total."),
    (DonationStatus.VERIFIED, "Your gift is received and verified",
     "Verified: a coordinator has checked your gift against the bank statement or the cash count."),
    (DonationStatus.VOID, "This entry was cancelled",
     "Void: this entry was cancelled, for example because it was typed twice or by mistake, and counts in no total."),
])
def test_each_status_is_said_plainly(app, client, world, status, heading, meaning):
    code = _with_status(app, world, status)
    response = client.get("/receipt", query_string={"code": code})
    assert response.status_code == 200
    text = page_text(response)
    assert heading in text and meaning in text
    others = {"Your pledge is recorded", "Your gift is recorded as received", "Your gift is received and verified",
              "This entry was cancelled"} - {heading}
    assert not any(other in text for other in others)
    if status is DonationStatus.VOID:
        assert "Your gift is recorded" not in text
        assert "wrong card" not in text  # the reason is the association's, not shown in public


def test_an_old_sixteen_character_code_still_opens_its_gift(app, client, world):
    gift_id, _ = log_gift(app, world.emails["volunteer"], world.paris_campaign_id, "40", "EUR", JULY_25)
    with app.app_context():
        db.session.execute(update(Donation).where(Donation.id == gift_id).values(receipt_code=OLD_CODE))
        db.session.commit()
    for typed in (OLD_CODE, OLD_CODE.lower(), OLD_CODE.replace("-", " "), OLD_CODE.replace("-", "")):
        response = client.get("/receipt", query_string={"code": typed})
        assert response.status_code == 200, typed
        assert "Solidarité frontière" in page_text(response)
    unknown = client.get("/receipt", query_string={"code": "2Z54-CFDW-XKQ7-MN3Q"})
    assert unknown.status_code == 404
    assert "No gift with this code" in page_text(unknown)
