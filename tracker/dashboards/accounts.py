"""Where the money went: a campaign's or a region's account, its pipeline, its recipients' shares,
a charity evening's takings, and the public claims set beside what the ledger holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import select

from tracker import money
from tracker.campaigns.models import Campaign, CampaignKind
from tracker.donations.operations import latest_today
from tracker.i18n import N_
from tracker.ledger import queries as ledger
from tracker.ledger.models import Claim, TransferStatus
from tracker.places import services as places
from tracker.places.models import Place, PlaceKind
from tracker.rates import services as rates
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
class Converted:
    """Transfers summed in a reporting currency: each (day, currency) group converted once, by the one
    rule, as the rollups convert a cell; groups with no rate yet are kept apart in their own currency."""
    currency: str
    count: int = 0
    amount_minor: int = 0
    awaiting: dict[str, int] = field(default_factory=dict)  # currency sent: amount not converted yet

    def add(self, book: money.RateBook, day: dt.date, currency: str, count: int, amount_minor: int) -> None:
        self.count += count
        try:
            self.amount_minor += money.convert_minor(amount_minor, currency, self.currency,
                                                     book.per_eur(currency, day), book.per_eur(self.currency, day))
        except money.MissingRate:
            self.awaiting[currency] = self.awaiting.get(currency, 0) + amount_minor


@dataclass
class RecipientLine:
    ngo: object
    share_basis_points: int | None
    intended_minor: int | None  # the share of what it has to pass on (net and members' money), in the account's currency
    sent: Converted  # sent or acknowledged, in the account's currency
    acknowledged: Converted


def _converted_by(rows, currency: str) -> dict:
    """{key: Converted} from (key, day, currency sent, transfers, amount) rows."""
    book, sums = rates.rate_book(), {}
    for key, day, sent_currency, count, amount in rows:
        sums.setdefault(key, Converted(currency)).add(book, day, sent_currency, count, amount)
    return sums


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


def announced_minor(claims: list[Claim], currency: str) -> tuple[int, int]:
    """(what public claims announce, in `currency`; how many claims could not be converted for want of a
    rate). A claim is converted by the one rule, at the rate of the last day of the period it names."""
    book, total, unconverted = rates.rate_book(), 0, 0
    for claim in claims:
        day = claim.campaign.starts_on + dt.timedelta(days=claim.period_days - 1)
        try:
            total += money.convert_minor(claim.figure_minor, claim.currency, currency,
                                         book.per_eur(claim.currency, day), book.per_eur(currency, day))
        except money.MissingRate:
            unconverted += 1
    return total, unconverted


def pipeline(account: Account, claims: list[Claim] = ()) -> list[tuple[str, int]]:
    """Announced (public claims, pledges) → received → verified → transferred → acknowledged, in the
    account's currency. The claims' stage is shown only where there are claims."""
    announced = [(N_("Announced in public claims"), announced_minor(list(claims), account.currency)[0])] if claims else []
    return [*announced, (N_("Pledged"), account.pledged_minor), (N_("Received"), account.raised_minor),
            (N_("Verified"), account.verified_minor), (N_("Transferred to NGOs"), account.transferred_minor),
            (N_("Acknowledged by NGOs"), account.acknowledged_minor)]


def _intended(share_basis_points: int | None, net_minor: int) -> int | None:
    if share_basis_points is None:
        return None
    exact = Decimal(net_minor) * share_basis_points / 10000
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def campaign_money(campaign: Campaign, currency: str) -> CampaignMoney:
    account = accounts.campaign_account(campaign.id, currency)
    moved = ledger.sent_by_recipient(campaign.id)
    sent = _converted_by([(ngo, day, code, count, amount) for ngo, day, code, _status, count, amount in moved], currency)
    acknowledged = _converted_by([(ngo, day, code, count, amount) for ngo, day, code, status, count, amount in moved
                                  if status is TransferStatus.ACKNOWLEDGED], currency)
    recipients = [RecipientLine(r.ngo, r.share_basis_points, _intended(r.share_basis_points, account.available_minor),
                                sent.get(r.ngo_id, Converted(currency)), acknowledged.get(r.ngo_id, Converted(currency)))
                  for r in campaign.recipients]
    live = [t for t in ledger.transfers_from(campaign.id) if t.status is not TransferStatus.VOID]
    passed_in = [t for t in ledger.transfers_to(campaign.id) if t.status is not TransferStatus.VOID]
    takings = ledger.takings_of(campaign.id) if campaign.kind is CampaignKind.CHARITY_EVENT else []
    claims = ledger.claims_of(campaign.id)
    return CampaignMoney(account, recipients, [check_claim(c, campaign) for c in claims],
                         live, passed_in, takings, ledger.cost_lines(campaign.id), pipeline(account, claims))


@dataclass
class RegionMoney:
    account: Account
    pipeline: list[tuple[str, int]]
    # Where transfers from the region's campaigns went: (province, Converted), by province name
    provinces: list
    # A province where NGOs work: where the money they were sent came from (country, Converted), most first
    origins: list = field(default_factory=list)
    claims: int = 0  # public claims made about the region's campaigns

    @property
    def shown(self) -> bool:
        return self.account.has_flows or bool(self.origins) or bool(self.claims)


def region_money(region: Place, currency: str, public_only: bool, date_from: dt.date | None = None,
                 date_to: dt.date | None = None) -> RegionMoney:
    """The account of a region's campaigns (by where the money came from), and the provinces it went to."""
    campaign_ids = select(Campaign.id).where(places.in_region_clause(region, Campaign.city_id))
    if public_only:
        campaign_ids = campaign_ids.where(Campaign.is_shown_publicly)
    account = accounts.region_account(region.id, currency, public_only, date_from, date_to, campaign_ids)
    origins = []
    if region.kind is PlaceKind.SUBDIVISION:
        by_country = _converted_by(ledger.received_for_province(region.id, public_only, date_from, date_to), currency)
        origins = sorted(((places.find_region(code) or code, sums) for code, sums in by_country.items()),
                         key=lambda line: (-line[1].count, str(line[0])))
    provinces = _converted_by(ledger.sent_to_provinces(campaign_ids, date_from, date_to), currency)
    claims = ledger.claims_in(campaign_ids)
    return RegionMoney(account, pipeline(account, claims), list(provinces.items()), origins, len(claims))
