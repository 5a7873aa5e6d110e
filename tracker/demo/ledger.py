"""The demo's money going out: transfers to the O'Smach and Preah Vihear NGOs (acknowledged, one still in
transit), the charity evening's costs, the Lyon committee passing its money to the federation, and the
seed articles' "nearly €80,000 in under three days" as a claim set beside the ledger.

Illustrative like the gifts: amounts, dates and references are invented; only the claim's figure,
wording and sources come from the articles. Everything goes through the ledger's operations.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tracker import money
from tracker.accounts.models import User
from tracker.campaigns.models import Campaign
from tracker.donations.models import Method
from tracker.ledger import operations as ledger
from tracker.ledger.models import CostCategory, TransferStatus
from tracker.organisations.models import Organisation
from tracker.rollups import accounts

CLAIM_WORDING = "nearly €80,000 in under three days"
CLAIM_QUOTE = ("The France-Khmer Federation of Île-de-France announced that it had raised nearly €80,000 in less "
               "than three days, with the funds going directly to partner NGOs working in the areas around "
               "O'Smach and Preah Vihear.")
CLAIM_SOURCE = ("Solidarity: The generous and effective mobilisation of Cambodians and their diaspora in response "
                "to the border crisis")


def _held(campaign: Campaign) -> Decimal:
    return money.from_minor(accounts.campaign_account(campaign.id, campaign.currency).held_minor, campaign.currency)


def _send(actor: User, campaign: Campaign, ngo: Organisation, amount: str, day: dt.date, reference: str,
          received: tuple[str, str] | None = None, acknowledged: tuple[dt.date, str] | None = None,
          status: TransferStatus = TransferStatus.SENT):
    transfer = ledger.record_transfer(actor, campaign, ledger.TransferEntry(
        sent_amount=amount, sent_currency=campaign.currency, sent_on=day, method=Method.BANK_TRANSFER,
        recipient=ngo, reference=reference, status=status,
        received_amount=received[0] if received else "", received_currency=received[1] if received else ""))
    if acknowledged:
        ledger.acknowledge(actor, transfer, acknowledged[0], acknowledged[1])
    return transfer


def load_money(admin: User, coordinator: User, federation: Campaign, lyon: Campaign, evening: Campaign,
               san_jose: Campaign, osmach: Organisation, preah_vihear: Organisation) -> int:
    """Record the demo's costs, transfers, pass-through and claim; returns how many entries were made."""
    made = 0
    # The federation's bank fees, and its transfers: half each to the two NGOs, as intended.
    ledger.record_cost(coordinator, federation, ledger.CostEntry(
        category=CostCategory.BANK_FEE, amount="18.40", currency="EUR", incurred_on=dt.date(2025, 7, 31),
        description="International transfer fees (illustrative)"))
    _send(coordinator, federation, osmach, "35000", dt.date(2025, 7, 29), "FKF-VIR-0729-01",
          acknowledged=(dt.date(2025, 8, 1), "OSR-RCPT-2025-114"))
    _send(coordinator, federation, preah_vihear, "35000", dt.date(2025, 7, 29), "FKF-VIR-0729-02",
          received=("40320", "USD"), acknowledged=(dt.date(2025, 8, 4), "PVH-ACK-0804"))
    made += 3

    # Lyon, a member of the federation, passes most of what it holds on to the federation's appeal.
    passed = (_held(lyon) * Decimal("0.9")).quantize(Decimal(100), rounding="ROUND_DOWN")
    if passed > 0:
        pass_through = ledger.record_transfer(admin, lyon, ledger.TransferEntry(
            sent_amount=str(passed), sent_currency="EUR", sent_on=dt.date(2025, 8, 5), method=Method.BANK_TRANSFER,
            to_campaign=federation, reference="CKL-FKF-0805"))
        ledger.acknowledge(admin, pass_through, dt.date(2025, 8, 6), "FKF-MEMBERS-0806")
        made += 1
    # The next transfer to O'Smach is on its way: sent, not yet acknowledged.
    _send(coordinator, federation, osmach, "5000", dt.date(2025, 8, 20), "FKF-VIR-0820-01")
    made += 1

    # The restaurant evening: what the food and the hall cost, and the net donated to O'Smach.
    for category, amount, what in ((CostCategory.FOOD, "640.00", "Ingredients for the set menu (illustrative)"),
                                   (CostCategory.VENUE, "150.00", "Sound system hire (illustrative)")):
        ledger.record_cost(admin, evening, ledger.CostEntry(category=category, amount=amount, currency="EUR",
                                                            incurred_on=evening.starts_on, description=what))
        made += 1
    net = _held(evening)
    if net > 0:
        _send(admin, evening, osmach, str(net), evening.starts_on + dt.timedelta(days=3), "MEKONG-OSR-01",
              acknowledged=(evening.starts_on + dt.timedelta(days=6), "OSR-RCPT-2025-131"))
        made += 1

    # San Jose has planned its first transfer.
    _send(admin, san_jose, osmach, "3000", dt.date(2025, 9, 1), "", status=TransferStatus.PLANNED)
    made += 1

    ledger.record_claim(coordinator, federation, ledger.ClaimEntry(
        figure="80000", currency="EUR", wording=CLAIM_WORDING, period_days=3,
        claimant="France-Khmer Federation of Île-de-France", source_title=CLAIM_SOURCE, source_url="",
        published_on=None, quote=CLAIM_QUOTE))
    return made + 1
