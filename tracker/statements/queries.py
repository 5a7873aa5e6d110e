"""What the statements pages read."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.campaigns.models import Campaign, CampaignStatus
from tracker.donations.models import Donation
from tracker.extensions import db
from tracker.imports.models import ImportedRecord
from tracker.organisations import services as organisations
from tracker.organisations.models import Organisation
from tracker.places import services as places
from tracker.statements.models import BankCsvMapping, BankLine, BankStatement, LineState, PayoutItem

QUEUE_LIMIT = 500


def _in_regions(user):
    return Organisation.city_id.in_(places.coordinated_place_ids(user))


def organisations_for(user) -> list[Organisation]:
    return organisations.manageable_by(user)


def statement(statement_id: int) -> BankStatement | None:
    return db.session.get(BankStatement, statement_id)


def lines_of(statement_id: int) -> list[BankLine]:
    return list(db.session.scalars(select(BankLine).where(BankLine.statement_id == statement_id)
                                   .order_by(BankLine.booked_on, BankLine.id)))


def line(line_id: int) -> BankLine | None:
    return db.session.get(BankLine, line_id)


def unmatched(user) -> list[BankLine]:
    query = (select(BankLine).join(Organisation, Organisation.id == BankLine.organisation_id)
             .where(BankLine.state == LineState.UNMATCHED, _in_regions(user))
             .options(joinedload(BankLine.organisation)).order_by(BankLine.booked_on, BankLine.id).limit(QUEUE_LIMIT))
    return list(db.session.scalars(query))


def active_campaigns_of(organisation_ids: set[int]) -> dict[int, list[Campaign]]:
    campaigns: dict[int, list[Campaign]] = {i: [] for i in organisation_ids}
    query = (select(Campaign).where(Campaign.organisation_id.in_(organisation_ids),
                                    Campaign.status == CampaignStatus.ACTIVE).order_by(Campaign.name))
    for campaign in db.session.scalars(query):
        campaigns[campaign.organisation_id].append(campaign)
    return campaigns


def csv_mappings_of(organisation_ids: set[int]) -> list[BankCsvMapping]:
    return list(db.session.scalars(select(BankCsvMapping).where(BankCsvMapping.organisation_id.in_(organisation_ids))
                                   .order_by(BankCsvMapping.name)))


def campaign(campaign_id: int) -> Campaign | None:
    return db.session.get(Campaign, campaign_id)


def donation(donation_id: int) -> Donation | None:
    return db.session.get(Donation, donation_id)


def lines_paying_in(donation_id: int) -> list[BankLine]:
    """The bank lines behind a gift: paid in by itself, or within a platform's payout."""
    direct = select(BankLine.id).where(BankLine.donation_id == donation_id)
    payout = (select(PayoutItem.bank_line_id).join(ImportedRecord, ImportedRecord.id == PayoutItem.imported_record_id)
              .where(ImportedRecord.donation_id == donation_id))
    return list(db.session.scalars(select(BankLine).where(BankLine.id.in_(direct.union(payout)))
                                   .options(joinedload(BankLine.statement)).order_by(BankLine.id)))
