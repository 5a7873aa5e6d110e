"""What the review page reads: each kind of entry waiting for a person, in the viewer's regions, filtered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from tracker.campaigns.models import Campaign
from tracker.donations.models import Donation, DonationStatus
from tracker.extensions import db
from tracker.imports.models import ImportBatch, ImportedRecord, RecordState
from tracker.organisations.models import Organisation
from tracker.places import services as places
from tracker.statements.models import BankLine, LineState

LIMIT = 200  # rows of each kind on one page; the counts say how many wait in all
KINDS = ("gifts", "duplicates", "lines")


@dataclass(frozen=True)
class Filters:
    kind: str = ""  # one of KINDS, or every kind
    campaign_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def shows(self, kind: str) -> bool:
        return not self.kind or self.kind == kind


def _in_regions(user, city_id):
    return city_id.in_(places.coordinated_place_ids(user))


def _narrowed(query, filters: Filters, day, campaign_condition):
    """`query` with the filters' campaign (as `campaign_condition` says for this kind) and days on `day`."""
    if filters.campaign_id is not None:
        query = query.where(campaign_condition)
    if filters.since:
        query = query.where(day >= filters.since)
    if filters.until:
        query = query.where(day <= filters.until)
    return query


def _gifts(user, filters: Filters):
    query = (select(Donation).join(Campaign, Campaign.id == Donation.campaign_id)
             .where(Donation.status == DonationStatus.RECEIVED, _in_regions(user, Campaign.city_id)))
    return _narrowed(query, filters, Donation.received_on, Donation.campaign_id == filters.campaign_id)


def _duplicates(user, filters: Filters):
    query = (select(ImportedRecord).join(ImportBatch, ImportBatch.id == ImportedRecord.batch_id)
             .join(Campaign, Campaign.id == ImportBatch.campaign_id)
             .where(ImportedRecord.state == RecordState.AWAITING_DECISION, _in_regions(user, Campaign.city_id)))
    return _narrowed(query, filters, ImportedRecord.received_on, ImportBatch.campaign_id == filters.campaign_id)


def _lines(user, filters: Filters):
    """Bank lines belong to an organisation: filtered by a campaign, those of the campaign's organisation."""
    query = (select(BankLine).join(Organisation, Organisation.id == BankLine.organisation_id)
             .where(BankLine.state == LineState.UNMATCHED, _in_regions(user, Organisation.city_id)))
    organisation = select(Campaign.organisation_id).where(Campaign.id == filters.campaign_id).scalar_subquery()
    return _narrowed(query, filters, BankLine.booked_on, BankLine.organisation_id == organisation)


_QUERIES = {"gifts": _gifts, "duplicates": _duplicates, "lines": _lines}


def counts(user, filters: Filters) -> dict[str, int]:
    """How many of each kind wait, with the campaign and days filters (whatever kind is shown)."""
    return {kind: db.session.scalar(select(func.count()).select_from(query(user, filters).subquery()))
            for kind, query in _QUERIES.items()}


def waiting(user, filters: Filters) -> dict[str, list]:
    """The entries of each kind shown, oldest first, LIMIT of each."""
    shown: dict[str, list] = {kind: [] for kind in KINDS}
    if filters.shows("gifts"):
        shown["gifts"] = list(db.session.scalars(
            _gifts(user, filters).options(joinedload(Donation.campaign), joinedload(Donation.logged_by))
            .order_by(Donation.received_on, Donation.id).limit(LIMIT)))
    if filters.shows("duplicates"):
        shown["duplicates"] = list(db.session.scalars(
            _duplicates(user, filters).options(joinedload(ImportedRecord.duplicate_of), joinedload(ImportedRecord.batch))
            .order_by(ImportedRecord.received_on, ImportedRecord.id).limit(LIMIT)))
    if filters.shows("lines"):
        shown["lines"] = list(db.session.scalars(
            _lines(user, filters).options(joinedload(BankLine.organisation))
            .order_by(BankLine.booked_on, BankLine.id).limit(LIMIT)))
    return shown


# The entries a bulk action is about, locked (PostgreSQL; SQLite has one writer at a time) so that two
# coordinators acting at once cannot both decide the same entry: the second sees it no longer waits.

def gifts(ids: list[int]) -> list[Donation]:
    return list(db.session.scalars(select(Donation).where(Donation.id.in_(ids)).order_by(Donation.id)
                                   .with_for_update()))


def records(ids: list[int]) -> list[ImportedRecord]:
    return list(db.session.scalars(select(ImportedRecord).where(ImportedRecord.id.in_(ids))
                                   .order_by(ImportedRecord.id).with_for_update()))


def lines(ids: list[int]) -> list[BankLine]:
    return list(db.session.scalars(select(BankLine).where(BankLine.id.in_(ids)).order_by(BankLine.id)
                                   .with_for_update()))
