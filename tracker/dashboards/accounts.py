"""Where the money went: a campaign's or a region's account, its pipeline, its recipients' shares,
a charity evening's takings, and the public claims set beside what the ledger holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import select

from tracker.campaigns.models import Campaign, CampaignKind
from tracker.donations.operations import latest_today
from tracker.i18n import N_
from tracker.ledger import queries as ledger
from tracker.ledger.models import Claim, TransferStatus
from tracker.places import services as places
from tracker.places.models import Place, PlaceKind
from tracker.rollups import accounts
from tracker.rollups.accounts import Account, PeriodSum

# A claim "nearly €80,000" is consistent with €76,000 recorded, not with €60,000.
CLAIM_TOLERANCE = Decimal("0.05")


@dataclass(frozen=True)
class ClaimCheck:
    claim: Claim
    recorded: PeriodSum
    last_day: dt.date
    status: str  # consistent, above (what is recorded), unchecked


@dataclass
class RecipientLine:
    ngo: object
    share_basis_points: int | None
    intended_minor: int | None  # the share of what it has to pass on (net and members' money), in the account's currency
    sent: dict[str, tuple[int, int]] = field(default_factory=dict)  # currency sent: (sent, acknowledged)


@dataclass
class CampaignMoney:
    account: Account
    recipients: list[RecipientLine]
    claims: list[ClaimCheck]
    transfers: list  # to NGOs and to the federation, not void
    passed_in: list  # from member associations, not void
    takings: list  # a charity evening's: (what for, method, currency, gifts, amount)
    cost_lines: list  # (category, currency, costs, amount)
    pipeline: list[tuple[str, int]]

    @property
    def shown(self) -> bool:
        return bool(self.account.has_flows or self.claims or self.transfers or self.passed_in or self.takings)


def check_claim(claim: Claim, campaign: Campaign) -> ClaimCheck:
    recorded = accounts.first_days_sum(campaign.id, claim.currency, campaign.starts_on, claim.period_days)
    last_day = campaign.starts_on + dt.timedelta(days=claim.period_days - 1)
    if recorded.awaiting or last_day >= latest_today():
        status = "unchecked"  # gifts of the period still wait for a rate, or the period is not over
    elif Decimal(recorded.amount_minor) >= Decimal(claim.figure_minor) * (1 - CLAIM_TOLERANCE):
        status = "consistent"
    else:
        status = "above"
    return ClaimCheck(claim, recorded, last_day, status)


def pipeline(account: Account) -> list[tuple[str, int]]:
    """Announced → received → verified → transferred → acknowledged, in the account's currency."""
    return [(N_("Pledged"), account.pledged_minor), (N_("Received"), account.raised_minor),
            (N_("Verified"), account.verified_minor), (N_("Transferred to NGOs"), account.transferred_minor),
            (N_("Acknowledged by NGOs"), account.acknowledged_minor)]


def _intended(share_basis_points: int | None, net_minor: int) -> int | None:
    if share_basis_points is None:
        return None
    exact = Decimal(net_minor) * share_basis_points / 10000
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def campaign_money(campaign: Campaign, currency: str) -> CampaignMoney:
    account = accounts.campaign_account(campaign.id, currency)
    sent = ledger.sent_by_recipient(campaign.id)
    recipients = [RecipientLine(r.ngo, r.share_basis_points, _intended(r.share_basis_points, account.available_minor),
                                sent.get(r.ngo_id, {})) for r in campaign.recipients]
    live = [t for t in ledger.transfers_from(campaign.id) if t.status is not TransferStatus.VOID]
    passed_in = [t for t in ledger.transfers_to(campaign.id) if t.status is not TransferStatus.VOID]
    takings = ledger.takings_of(campaign.id) if campaign.kind is CampaignKind.CHARITY_EVENT else []
    return CampaignMoney(account, recipients, [check_claim(c, campaign) for c in ledger.claims_of(campaign.id)],
                         live, passed_in, takings, ledger.cost_lines(campaign.id), pipeline(account))


@dataclass
class RegionMoney:
    account: Account
    pipeline: list[tuple[str, int]]
    # Where transfers from the region's campaigns went: (province, currency sent, transfers, amount sent)
    provinces: list
    # A province where NGOs work: where the money they were sent came from (country, currency, transfers, amount)
    origins: list = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.account.has_flows or bool(self.origins)


def region_money(region: Place, currency: str, public_only: bool, date_from: dt.date | None = None,
                 date_to: dt.date | None = None) -> RegionMoney:
    """The account of a region's campaigns (by where the money came from), and the provinces it went to."""
    campaign_ids = select(Campaign.id).where(places.in_region_clause(region, Campaign.city_id))
    if public_only:
        campaign_ids = campaign_ids.where(Campaign.is_shown_publicly)
    account = accounts.region_account(region.id, currency, public_only, date_from, date_to, campaign_ids)
    origins = []
    if region.kind is PlaceKind.SUBDIVISION:
        origins = [(places.find_region(code) or code, currency, count, amount)
                   for code, currency, count, amount in ledger.received_for_province(region.id, public_only)]
    return RegionMoney(account, pipeline(account), ledger.sent_to_provinces(campaign_ids), origins)
