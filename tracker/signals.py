"""What features announce when money changes, so the rollup layer can keep its figures in step.

Features (donations, campaigns, rates, and later imports and transfers) sit below the rollup
layer and never import it: they send these signals inside their transaction, and the rollup
layer, connected when the app is made, updates its cells and figures in the same transaction
before the sender's operation returns. Sending with nobody listening is a bug, not a no-op:
figures would silently stop adding up, so `announce` refuses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from blinker import Namespace

_signals = Namespace()

# changes: list[tuple[GiftShare | None, GiftShare | None]], each gift's share before and after a write.
gifts_changed = _signals.signal("gifts-changed")
# changes: list[tuple[GiftShare | None, GiftShare | None]], each cost's or transfer's shares before and
# after a write, in the same shape under a kind of their own (tracker.ledger.models.FlowKind).
money_moved = _signals.signal("money-moved")
# before: CampaignPlacing, the campaign's placing before a change to it (the row holds the new one).
campaign_changed = _signals.signal("campaign-changed")
# added: list of (currency, day) whose rate was entered or fetched, in the rates table (ids > since_id).
rates_added = _signals.signal("rates-added")
# actor, batch_id, fees: what a platform kept on gifts an import brought, {(day, currency): minor}: at the commit for
# its new gifts, and later for a record a person decided about (merged with a typed gift, or kept as its own).
platform_fees = _signals.signal("platform-fees")
# donation: a gift's page asks features above donations for what they know of it (markup, or None).
gift_page_panels = _signals.signal("gift-page-panels")


@dataclass(frozen=True)
class GiftShare:
    """What one gift adds to the rollups: one gift and its amount in one cell; in kind, a quantity of an item."""

    campaign_id: int
    day: dt.date
    currency: str
    kind: str
    status: str
    method: str
    amount_minor: int
    item: str | None = None  # in kind only, as typed; the rollup layer folds case
    unit: str | None = None
    quantity: int = 0


@dataclass(frozen=True)
class CampaignPlacing:
    """What decides where and how a campaign's gifts count."""

    campaign_id: int
    city_id: int
    currency: str
    starts_on: dt.date
    public: bool


def announce(signal, **payload) -> None:
    if not signal.receivers:
        raise RuntimeError(f"nobody listens to {signal.name}: the rollup layer is not connected")
    signal.send(None, **payload)


def collect(signal, **payload) -> list:
    """What every receiver answered, in the order they were connected; nobody listening is fine here."""
    return [answer for _receiver, answer in signal.send(None, **payload) if answer is not None]
