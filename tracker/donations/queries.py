"""Read-only look-ups the donation pages need."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.donations.models import Donation
from tracker.extensions import db

RECENT_LIMIT = 50


def get(donation_id: int) -> Donation | None:
    return db.session.get(Donation, donation_id)


def recent_by(user, limit: int = RECENT_LIMIT) -> list[Donation]:
    """The gifts this user logged, latest first."""
    return list(db.session.scalars(
        select(Donation).where(Donation.logged_by_id == user.id)
        .options(selectinload(Donation.campaign))
        .order_by(Donation.logged_at.desc(), Donation.id.desc()).limit(limit)))


def by_receipt_code(stored: str) -> Donation | None:
    """The gift a receipt code names, in its stored form (receipt_codes.read gives it from what was typed)."""
    return db.session.scalar(select(Donation).where(Donation.receipt_code == stored))
