"""Campaigns: creation and changes by coordinators, and the lists views need. Changes only flush."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from tracker import money, permissions, signals
from tracker.audit import trail
from tracker.campaigns.models import Campaign, CampaignKind, CampaignRecipient, CampaignStatus
from tracker.extensions import db
from tracker.organisations.models import Organisation, OrganisationKind
from tracker.places import services as places
from tracker.places.models import Place, PlaceKind


class CampaignError(ValueError):
    def __init__(self, code: str, field: str | None = None, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


@dataclass
class CampaignEntry:
    name: str
    organisation: Organisation | None
    city: Place | None
    kind: CampaignKind
    currency: str
    goal: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    status: CampaignStatus
    description: str = ""
    is_public: bool = True
    source_note: str = ""
    # (NGO, share in percent as typed or "") for each recipient
    recipients: list[tuple[Organisation, str]] = field(default_factory=list)


def _clean(actor, entry: CampaignEntry, current: Campaign | None = None) -> dict:
    name = " ".join((entry.name or "").split())
    if not name:
        raise CampaignError("name_required", "name")
    if len(name) > 200:
        raise CampaignError("name_too_long", "name", length=200)
    if entry.organisation is None:
        raise CampaignError("organisation_required", "organisation")
    # The organiser must be in the actor's regions, unless the campaign already had it.
    kept_organiser = current is not None and current.organisation_id == entry.organisation.id
    if not kept_organiser and not permissions.can_manage_organisation(actor, entry.organisation):
        raise CampaignError("organisation_not_yours", "organisation", name=entry.organisation.name)
    if entry.city is None or entry.city.kind is not PlaceKind.CITY:
        raise CampaignError("city_required", "city")
    if not permissions.coordinates(actor, entry.city):
        raise CampaignError("region_not_yours", "city", place=entry.city.name)
    currency = (entry.currency or "").strip().upper()
    if not money.is_currency(currency):
        raise CampaignError("currency_unknown", "currency", currency=entry.currency)
    goal_minor = None
    if (entry.goal or "").strip():
        try:
            goal_minor = money.to_minor(money.parse_amount(entry.goal, currency), currency)
        except money.MoneyError as error:
            raise CampaignError(error.code, "goal", **error.params)
    if entry.starts_on is None:
        raise CampaignError("date_required", "starts_on")
    if entry.ends_on is not None and entry.ends_on < entry.starts_on:
        raise CampaignError("ends_before_start", "ends_on")
    return {"name": name, "organisation_id": entry.organisation.id, "city_id": entry.city.id, "kind": entry.kind,
            "currency": currency, "goal_minor": goal_minor, "starts_on": entry.starts_on, "ends_on": entry.ends_on,
            "status": entry.status, "description": _within("description", entry.description, 5000),
            "is_public": bool(entry.is_public), "source_note": _within("source_note", entry.source_note, 2000)}


def _within(field: str, text: str | None, limit: int) -> str:
    """The text as typed (trimmed), or a refusal naming the limit: never cut short silently."""
    text = (text or "").strip()
    if len(text) > limit:
        raise CampaignError("text_too_long", field, length=limit)
    return text


def _recipients(entry: CampaignEntry) -> list[CampaignRecipient]:
    seen, result, shares = set(), [], []
    for ngo, share_text in entry.recipients:
        if ngo is None or ngo.id in seen:
            continue
        if ngo.kind is not OrganisationKind.NGO:
            raise CampaignError("recipient_not_ngo", "recipients", name=ngo.name)
        seen.add(ngo.id)
        share = None
        if (share_text or "").strip():
            try:
                value = money.parse_amount(share_text.replace("%", ""), "EUR")
            except money.MoneyError:
                raise CampaignError("share_invalid", "recipients", name=ngo.name)
            if value > 100:
                raise CampaignError("share_invalid", "recipients", name=ngo.name)
            share = int(value * 100)
            shares.append(share)
        result.append(CampaignRecipient(ngo_id=ngo.id, share_basis_points=share))
    if shares and (len(shares) != len(result) or sum(shares) != 10000):
        raise CampaignError("shares_must_total_100", "recipients")
    return result


def create_campaign(actor, entry: CampaignEntry) -> Campaign:
    values = _clean(actor, entry)
    campaign = Campaign(**values)
    campaign.recipients = _recipients(entry)
    db.session.add(campaign)
    db.session.flush()
    trail.record("campaign.created", "campaign", campaign.id, after=_audited(campaign), place_id=campaign.city_id,
                 actor=actor)
    return campaign


def _audited(campaign: Campaign) -> dict:
    return {"name": campaign.name, "organisation_id": campaign.organisation_id, "city_id": campaign.city_id,
            "kind": campaign.kind.value, "currency": campaign.currency, "goal_minor": campaign.goal_minor,
            "starts_on": campaign.starts_on, "ends_on": campaign.ends_on, "status": campaign.status.value,
            "description": campaign.description, "is_public": campaign.is_public,
            "source_note": campaign.source_note,
            "recipients": sorted((r.ngo_id, r.share_basis_points) for r in campaign.recipients)}


def _lock(campaign: Campaign) -> None:
    """Wait for any other change to this campaign to commit, then read it afresh, moving its revision on.

    Two coordinators moving the same campaign at once are served one after the other: each moves
    its gifts' figures from where the campaign really is, never from where it was when the page loaded.
    """
    db.session.execute(update(Campaign).where(Campaign.id == campaign.id).values(revision=Campaign.revision + 1))
    db.session.refresh(campaign)


def update_campaign(actor, campaign: Campaign, entry: CampaignEntry) -> Campaign:
    _lock(campaign)
    if not permissions.can_manage_campaign(actor, campaign):
        raise CampaignError("region_not_yours", "city", place=campaign.city.name)
    values = _clean(actor, entry, campaign)
    if values["currency"] != campaign.currency and campaign.goal_minor and values["goal_minor"] == campaign.goal_minor:
        values["goal_minor"] = None
    recipients = _recipients(entry)
    before, audited = placing_of(campaign), _audited(campaign)
    for name, value in values.items():
        setattr(campaign, name, value)
    campaign.recipients.clear()
    db.session.flush()
    campaign.recipients.extend(recipients)
    db.session.flush()
    # A new city, visibility, start or currency changes where and how its gifts count.
    signals.announce(signals.campaign_changed, before=before)
    old, new = trail.changed(audited, _audited(campaign))
    if new:
        trail.record("campaign.updated", "campaign", campaign.id, before=old, after=new, place_id=campaign.city_id,
                     actor=actor)
    return campaign


def placing_of(campaign: Campaign) -> signals.CampaignPlacing:
    return signals.CampaignPlacing(campaign.id, campaign.city_id, campaign.currency, campaign.starts_on,
                                   campaign.is_shown_publicly)


def get(campaign_id: int) -> Campaign | None:
    return db.session.get(Campaign, campaign_id)


def _coordinated(user):
    """Campaigns in the user's regions, as SQL (the permission module's rule over the city's columns)."""
    return Campaign.city_id.in_(places.coordinated_place_ids(user))


def loggable_for(user) -> list[Campaign]:
    """Active campaigns this user may log gifts for: a volunteer's organisations', or in a coordinator's regions."""
    query = (select(Campaign).where(Campaign.status == CampaignStatus.ACTIVE).order_by(Campaign.name)
             .options(selectinload(Campaign.organisation), selectinload(Campaign.city)))
    if permissions.is_volunteer(user):
        query = query.where(Campaign.organisation_id.in_([o.id for o in user.organisations]))
    else:
        query = query.where(_coordinated(user))
    return list(db.session.scalars(query))


def manageable_by(user) -> list[Campaign]:
    query = select(Campaign).where(_coordinated(user)).order_by(Campaign.status, Campaign.name)
    return list(db.session.scalars(query))


def in_region(region: Place) -> list[Campaign]:
    return list(db.session.scalars(
        select(Campaign).where(places.in_region_clause(region, Campaign.city_id)).order_by(Campaign.name)))
