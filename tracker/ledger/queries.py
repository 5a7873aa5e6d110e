"""Reading a campaign's costs, transfers, claims and proofs, for its pages and forms."""

from __future__ import annotations

from sqlalchemy import func, select

from tracker.campaigns.models import Campaign, CampaignStatus
from tracker.donations.models import COUNTED_STATUSES, Donation, GiftKind
from tracker.extensions import db
from tracker.ledger.models import MOVED_STATUSES, Claim, Cost, CostStatus, Document, Transfer, TransferStatus
from tracker.organisations.models import Organisation, ngo_work_areas
from tracker.places.models import Place


def get_cost(cost_id: int) -> Cost | None:
    return db.session.get(Cost, cost_id)


def get_transfer(transfer_id: int) -> Transfer | None:
    return db.session.get(Transfer, transfer_id)


def get_document(document_id: int) -> Document | None:
    return db.session.get(Document, document_id)


def transfer_documented_by(document_id: int) -> Transfer | None:
    """The transfer a document is the proof or the acknowledgement of, if any."""
    return db.session.scalar(select(Transfer).where(
        (Transfer.proof_id == document_id) | (Transfer.acknowledgement_id == document_id)).limit(1))


def costs_of(campaign_id: int) -> list[Cost]:
    return list(db.session.scalars(select(Cost).where(Cost.campaign_id == campaign_id)
                                   .order_by(Cost.incurred_on.desc(), Cost.id.desc())))


def transfers_from(campaign_id: int) -> list[Transfer]:
    return list(db.session.scalars(select(Transfer).where(Transfer.campaign_id == campaign_id)
                                   .order_by(Transfer.sent_on.desc(), Transfer.id.desc())))


def transfers_to(campaign_id: int) -> list[Transfer]:
    """Pass-throughs from member associations' campaigns into this one."""
    return list(db.session.scalars(select(Transfer).where(Transfer.to_campaign_id == campaign_id)
                                   .order_by(Transfer.sent_on.desc(), Transfer.id.desc())))


def claims_of(campaign_id: int) -> list[Claim]:
    return list(db.session.scalars(select(Claim).where(Claim.campaign_id == campaign_id).order_by(Claim.id)))


def claims_in(campaign_ids_clause) -> list[Claim]:
    """The claims made about the campaigns a select of their ids names."""
    return list(db.session.scalars(select(Claim).where(Claim.campaign_id.in_(campaign_ids_clause)).order_by(Claim.id)))


def sent_by_recipient(campaign_id: int) -> list[tuple[int, object, str, TransferStatus, int, int]]:
    """(NGO id, day sent, currency sent, status, transfers, amount sent) of a campaign's transfers that moved."""
    rows = db.session.execute(
        select(Transfer.recipient_id, Transfer.sent_on, Transfer.sent_currency, Transfer.status, func.count(),
               func.sum(Transfer.sent_minor))
        .where(Transfer.campaign_id == campaign_id, Transfer.recipient_id.is_not(None),
               Transfer.status.in_(list(MOVED_STATUSES)))
        .group_by(Transfer.recipient_id, Transfer.sent_on, Transfer.sent_currency, Transfer.status))
    return [(ngo, day, currency, status, int(count), int(amount)) for ngo, day, currency, status, count, amount in rows]


def takings_of(campaign_id: int) -> list[tuple[str | None, str, str, int, int]]:
    """A charity evening's takings: (what for, method, currency, gifts, amount), money received or verified."""
    rows = db.session.execute(
        select(Donation.takings, Donation.method, Donation.currency, func.count(), func.sum(Donation.amount_minor))
        .where(Donation.campaign_id == campaign_id, Donation.kind == GiftKind.MONEY,
               Donation.status.in_(list(COUNTED_STATUSES)))
        .group_by(Donation.takings, Donation.method, Donation.currency))
    return sorted(((takings, method, currency, int(count), int(amount)) for takings, method, currency, count, amount
                   in rows), key=lambda row: (str(row[0] or "~"), str(row[1]), row[2]))


def cost_lines(campaign_id: int) -> list[tuple[str, str, int, int]]:
    """(category, currency, costs, amount) of the costs recorded and not void."""
    rows = db.session.execute(
        select(Cost.category, Cost.currency, func.count(), func.sum(Cost.amount_minor))
        .where(Cost.campaign_id == campaign_id, Cost.status == CostStatus.RECORDED)
        .group_by(Cost.category, Cost.currency))
    return sorted((category, currency, int(count), int(amount)) for category, currency, count, amount in rows)


def pass_through_targets(campaign: Campaign) -> list[Campaign]:
    """The federation's campaigns this campaign's money may be passed on to."""
    federation_id = campaign.organisation.federation_id
    if federation_id is None:
        return []
    return list(db.session.scalars(select(Campaign).where(
        Campaign.organisation_id == federation_id, Campaign.status != CampaignStatus.DRAFT,
        Campaign.id != campaign.id).order_by(Campaign.name)))


def _sent_between(query, date_from, date_to):
    if date_from:
        query = query.where(Transfer.sent_on >= date_from)
    if date_to:
        query = query.where(Transfer.sent_on <= date_to)
    return query


def sent_to_provinces(campaign_ids_clause=None, date_from=None, date_to=None) -> list[tuple[Place, object, str, int, int]]:
    """Where transfers to NGOs went: (province the NGO works in, day sent, currency, transfers, amount sent).

    An NGO working in several provinces counts under each, so the lines are not to be added up."""
    query = (select(Place, Transfer.sent_on, Transfer.sent_currency, func.count(Transfer.id), func.sum(Transfer.sent_minor))
             .join(ngo_work_areas, ngo_work_areas.c.organisation_id == Transfer.recipient_id)
             .join(Place, Place.id == ngo_work_areas.c.place_id)
             .where(Transfer.status.in_(list(MOVED_STATUSES)))
             .group_by(Place.id, Transfer.sent_on, Transfer.sent_currency).order_by(Place.name))
    if campaign_ids_clause is not None:
        query = query.where(Transfer.campaign_id.in_(campaign_ids_clause))
    return [(place, day, currency, int(count), int(amount))
            for place, day, currency, count, amount in db.session.execute(_sent_between(query, date_from, date_to))]


def received_for_province(province_id: int, public_only: bool, date_from=None,
                          date_to=None) -> list[tuple[str, object, str, int, int]]:
    """Where the money sent to NGOs working in a province came from: (country code of the sending
    campaign's city, day sent, currency sent, transfers, amount sent)."""
    city = Place.__table__.alias("city")
    query = (select(city.c.country_code, Transfer.sent_on, Transfer.sent_currency, func.count(Transfer.id),
                    func.sum(Transfer.sent_minor))
             .join(ngo_work_areas, ngo_work_areas.c.organisation_id == Transfer.recipient_id)
             .join(Campaign, Campaign.id == Transfer.campaign_id).join(city, city.c.id == Campaign.city_id)
             .where(ngo_work_areas.c.place_id == province_id, Transfer.status.in_(list(MOVED_STATUSES)))
             .group_by(city.c.country_code, Transfer.sent_on, Transfer.sent_currency))
    if public_only:
        query = query.where(Campaign.is_shown_publicly)
    return [(code, day, currency, int(count), int(amount))
            for code, day, currency, count, amount in db.session.execute(_sent_between(query, date_from, date_to))]


def recipients(campaign: Campaign) -> list[Organisation]:
    return [recipient.ngo for recipient in campaign.recipients]
