"""A gift typed twice: two volunteers at one event, or one who reloaded the form, log the same gift.

A second submission of the same form is caught by its submission key; a second form is not. A
new gift that matches a gift already logged in everything a volunteer types (campaign, kind,
amount and currency, or item and quantity, day, method and donor) is held back until the
volunteer says it is another gift. Only a gift with a donor's name is held: at an event, many
people give the same €5 in cash without one, and each is another gift.
"""

from __future__ import annotations

from sqlalchemy import select

from tracker.donations.models import Donation, DonationStatus
from tracker.extensions import db


def _folded(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def typed_before(values: dict) -> Donation | None:
    """The earliest gift, not void, that `values` (a new gift's columns) would repeat, if any."""
    donor = _folded(values["donor_name"])
    if not donor:
        return None
    query = select(Donation).where(
        Donation.campaign_id == values["campaign_id"], Donation.kind == values["kind"],
        Donation.currency == values["currency"], Donation.amount_minor == values["amount_minor"],
        Donation.received_on == values["received_on"], Donation.method == values["method"],
        Donation.status != DonationStatus.VOID,
        Donation.item.is_(None) if values["item"] is None else Donation.item == values["item"],
        Donation.quantity.is_(None) if values["quantity"] is None else Donation.quantity == values["quantity"],
        Donation.donor_name.is_not(None),
    ).order_by(Donation.id)
    # The names compared as folded in Python: SQLite's lower() folds ASCII only.
    return next((gift for gift in db.session.scalars(query) if _folded(gift.donor_name) == donor), None)
