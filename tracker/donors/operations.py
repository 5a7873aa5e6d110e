"""Erasing a donor's name and contact from a gift and its history, and gathering what is held about a
donor. Amounts, statuses and every total stay exactly as they were: the rollups never held names."""

from __future__ import annotations

import json

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from tracker import permissions
from tracker.audit import trail
from tracker.campaigns.models import Campaign
from tracker.donations.models import Donation
from tracker.donations.operations import DonationError, lock_donation
from tracker.extensions import db
from tracker.imports import operations as imports
from tracker.places.models import Place

DONOR_FIELDS = ("donor_name", "donor_contact")
EXPORT_LIMIT = 1000


def erase_donor(actor, donation: Donation) -> int:
    """Blank the donor's name and contact on the gift and in every earlier version of it; returns how
    many values were erased. The audit trail records that it happened, never what was erased."""
    lock_donation(donation)
    if not permissions.can_erase_donor(actor, donation):
        raise DonationError("donation_not_erasable")
    erased = sum(1 for name in DONOR_FIELDS if getattr(donation, name))
    donation.donor_name = donation.donor_contact = None
    for revision in donation.revisions:
        snapshot = json.loads(revision.snapshot)
        held = [name for name in DONOR_FIELDS if snapshot.get(name)]
        if held:
            erased += len(held)
            snapshot.update(dict.fromkeys(held))
            revision.snapshot = json.dumps(snapshot, default=str, sort_keys=True)
    db.session.flush()
    erased += imports.erase_donor_rows(donation.id)
    trail.record("gift.donor_erased", "gift", donation.id, after={"erased_values": erased},
                 place_id=donation.campaign.city_id, actor=actor)
    return erased


def held_about(viewer, who: str) -> list[Donation]:
    """Gifts whose donor name or contact is `who` (spacing, and case as the database folds it, aside)
    in the viewer's regions. Both sides go through the database's lower(): SQLite folds ASCII only."""
    wanted = func.lower(" ".join((who or "").split()))
    if not (who or "").strip():
        return []
    query = (select(Donation).join(Campaign, Campaign.id == Donation.campaign_id)
             .join(Place, Place.id == Campaign.city_id)
             .where(or_(func.lower(Donation.donor_name) == wanted, func.lower(Donation.donor_contact) == wanted),
                    permissions.coordinated_clause(viewer, Place.country_code, Place.subdivision_code, Place.id))
             .options(selectinload(Donation.revisions)).order_by(Donation.id).limit(EXPORT_LIMIT))
    return list(db.session.scalars(query))


def export(donations: list[Donation]) -> dict:
    """What an access request answers: each gift as stored, with its earlier versions."""
    return {"gifts": [{
        "receipt_code": d.receipt_code, "campaign": d.campaign.name, "kind": d.kind.value,
        "amount_minor": d.amount_minor, "currency": d.currency, "item": d.item, "quantity": d.quantity,
        "received_on": d.received_on.isoformat(), "status": d.status.value, "donor_name": d.donor_name,
        "donor_contact": d.donor_contact, "anonymous": d.anonymous, "logged_at": d.logged_at.isoformat(),
        "earlier_versions": [json.loads(r.snapshot) for r in d.revisions]} for d in donations]}
