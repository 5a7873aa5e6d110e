"""Helpers for tests that log gifts through the real operations and read the figures pages show."""

from __future__ import annotations

import html
import re

from tracker.accounts import services as accounts
from tracker.campaigns import services as campaigns
from tracker.donations import operations
from tracker.donations.models import Donation, DonationStatus, GiftKind, Method
from tracker.extensions import db


def log_gift(app, email, campaign_id, amount, currency, day, status=DonationStatus.RECEIVED, **extra):
    """Log a gift through the real operation, as `email`; returns the donation's id."""
    with app.app_context():
        actor = accounts.find_by_email(email)
        donation, created = operations.log_donation(actor, operations.GiftEntry(
            campaign=campaigns.get(campaign_id), kind=extra.pop("kind", GiftKind.MONEY), amount=amount,
            currency=currency, received_on=day, method=extra.pop("method", Method.CASH), status=status, **extra))
        assert created
        db.session.commit()
        return donation.id


def change_gift(app, email, donation_id, action, *args):
    with app.app_context():
        actor = accounts.find_by_email(email)
        donation = db.session.get(Donation, donation_id)
        action(actor, donation, *args)
        db.session.commit()


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def shown_total(response) -> str:
    match = re.search(r'id="total">([^<]+)<', page_text(response))
    assert match, f"no total on the page (status {response.status_code})"
    return match.group(1).strip()


def minor_of(shown: str) -> int:
    """A displayed amount back to minor units: every currency is shown with all its decimals."""
    return int(re.sub(r"\D", "", shown))
