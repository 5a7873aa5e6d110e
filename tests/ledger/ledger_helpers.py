"""What the ledger's page tests share: a member association of the federation with a campaign, the
posting of a transfer through the money page's form, and the count of every row a refusal must not add."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from conftest import csrf_token
from dashboard_helpers import page_text
from sqlalchemy import func, select

from tracker.accounts import services as accounts
from tracker.audit.models import AuditEvent
from tracker.campaigns import services as campaigns
from tracker.campaigns.models import CampaignKind, CampaignStatus
from tracker.extensions import db
from tracker.ledger.models import Claim, Cost, Document, Transfer
from tracker.organisations import services as organisations
from tracker.places import services as places

DAY = dt.date(2025, 7, 26)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def make_member_campaign(world):
    """The Lyon committee joins the Île-de-France federation and opens a campaign of its own (in an app
    context; flushed, not committed)."""
    admin = accounts.find_by_email(world.emails["admin"])
    lyon = organisations.get(world.lyon_committee_id)
    organisations.set_federation(admin, lyon, organisations.get(world.federation_id))
    return campaigns.create_campaign(admin, campaigns.CampaignEntry(
        name="Lyon pour la frontière", organisation=lyon, city=places.get(world.lyon_id),
        kind=CampaignKind.ONLINE_FUNDRAISER, currency="EUR", goal="", starts_on=dt.date(2025, 7, 25),
        ends_on=None, status=CampaignStatus.ACTIVE))


@pytest.fixture
def member(app, world):
    """The id of the Lyon committee's campaign, the committee being a member of the federation."""
    with app.app_context():
        campaign = make_member_campaign(world)
        db.session.commit()
        return campaign.id


def record_counts(app) -> dict:
    with app.app_context():
        return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
                for model in (Transfer, Cost, Document, Claim, AuditEvent)}


def post_transfer(client, campaign_id, **fields):
    url = f"/campaigns/{campaign_id}/money"
    data = {"sent_amount": "1500", "sent_currency": "EUR", "sent_on": DAY.isoformat(), "method": "bank_transfer",
            "status": "sent", "reference": "VIR-2025-07", **fields}
    proof = data.pop("proof", None)
    payload = {**data, "csrf_token": csrf_token(client, url)}
    if proof is not None:
        payload["proof"] = (io.BytesIO(proof[1]), proof[0])
    return client.post(f"/campaigns/{campaign_id}/transfers", data=payload, content_type="multipart/form-data")


def assert_refused(app, response, message: str, before: dict) -> None:
    """A refusal: its status, its message on the page, and not one row more of anything the ledger keeps."""
    assert response.status_code in (400, 413), response.status_code
    assert message in page_text(response)
    assert record_counts(app) == before
