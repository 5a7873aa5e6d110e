"""Recording costs, transfers and claims. Every function checks the rules, changes state, announces
what the rollups must move, records the audit event and flushes; the request or command commits.

A transfer larger than what the campaign holds is allowed, and the account then shows a negative
amount held with a warning: associations do advance money to an NGO before a platform's payout
arrives, and refusing would only push them to record a false date. Every other figure stays exact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update

from tracker import money, permissions, signals
from tracker.audit import trail
from tracker.campaigns.models import Campaign
from tracker.donations.operations import EARLIEST_DAY, MAX_GIFT_EUR, latest_today
from tracker.donations.models import Method
from tracker.extensions import db
from tracker.imports.models import ImportBatch
from tracker.ledger.models import (Claim, Cost, CostCategory, CostStatus, Document, FlowKind,
                                   Transfer, TransferStatus)
from tracker.organisations.models import Organisation
from tracker.rates import services as rates

MAX_TEXT, MAX_REFERENCE = 2000, 120
PASS_THROUGH_DEPTH = 16  # federations of federations: far more levels than any real one has


class LedgerError(ValueError):
    """A refusal: `code` names the message, `field` the form field it belongs to."""

    def __init__(self, code: str, field: str | None = None, **params: object) -> None:
        super().__init__(code)
        self.code, self.field, self.params = code, field, params


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _amount(text: str, currency: str, field: str) -> int:
    try:
        amount = money.parse_amount(text, currency)
        minor = money.to_minor(amount, currency)
    except money.MoneyError as error:
        raise LedgerError(error.code, field, **error.params)
    per_eur = rates.rate_book().latest_per_eur(currency)
    if per_eur is not None and amount / per_eur > MAX_GIFT_EUR:
        raise LedgerError("amount_too_large", field, text=text)
    return minor


def _currency(code: str, field: str) -> str:
    code = (code or "").strip().upper()
    if not money.is_currency(code):
        raise LedgerError("currency_unknown", field, currency=code)
    return code


def _day(day: dt.date | None, field: str) -> dt.date:
    if day is None:
        raise LedgerError("date_required", field)
    if day > latest_today():
        raise LedgerError("date_in_future", field, day=day.isoformat())
    if day < EARLIEST_DAY:
        raise LedgerError("date_too_early", field, day=day.isoformat())
    return day


def _text(text: str | None, field: str, limit: int = MAX_TEXT, required: bool = False) -> str:
    text = " ".join((text or "").split())
    if required and not text:
        raise LedgerError("text_required", field)
    if len(text) > limit:
        raise LedgerError("text_too_long", field, length=limit)
    return text


def _require(allowed: bool) -> None:
    if not allowed:
        raise LedgerError("not_allowed")


def _announce(changes: list[tuple[signals.GiftShare | None, signals.GiftShare | None]]) -> None:
    signals.announce(signals.money_moved, changes=changes)


def _share(campaign_id, day, currency, kind, status, method, amount_minor) -> signals.GiftShare:
    return signals.GiftShare(campaign_id, day, currency, kind, str(status), str(method), amount_minor)


# --- costs ---------------------------------------------------------------------------------------

@dataclass
class CostEntry:
    category: CostCategory
    amount: str
    currency: str
    incurred_on: dt.date | None
    description: str = ""
    evidence: Document | None = None


def cost_share(cost: Cost) -> signals.GiftShare | None:
    if cost.status is CostStatus.VOID:
        return None
    return _share(cost.campaign_id, cost.incurred_on, cost.currency, FlowKind.COST, cost.status, cost.category,
                  cost.amount_minor)


def _cost_audited(cost: Cost) -> dict:
    return {name: getattr(cost, name) for name in ("campaign_id", "category", "amount_minor", "currency",
                                                    "incurred_on", "description", "evidence_id", "status")}


def record_cost(actor, campaign: Campaign, entry: CostEntry) -> Cost:
    _require(permissions.can_record_money(actor, campaign))
    if entry.category not in tuple(CostCategory):
        raise LedgerError("choice_invalid", "category")
    currency = _currency(entry.currency, "currency")
    cost = Cost(campaign_id=campaign.id, category=entry.category, currency=currency,
                amount_minor=_amount(entry.amount, currency, "amount"),
                incurred_on=_day(entry.incurred_on, "incurred_on"),
                description=_text(entry.description, "description"), evidence_id=getattr(entry.evidence, "id", None),
                status=CostStatus.RECORDED, recorded_by_id=actor.id, recorded_at=_now())
    db.session.add(cost)
    db.session.flush()
    _announce([(None, cost_share(cost))])
    trail.record("cost.recorded", "cost", cost.id, after=_cost_audited(cost), place_id=campaign.city_id, actor=actor)
    return cost


def record_import_fees(actor, batch_id: int, fees: dict[tuple[dt.date, str], int]) -> list[Cost]:
    """What a platform kept on the gifts an import brought, as costs of their campaign: one per file, day
    and currency, to which fees decided later add. A file imported again brings no new gift, so no fee."""
    batch = db.session.get(ImportBatch, batch_id)
    changes, costs, before, after = [], [], {}, {}
    for (day, currency), fee in sorted(fees.items()):
        if fee <= 0:
            continue
        cost = db.session.scalar(select(Cost).where(Cost.import_batch_id == batch_id, Cost.incurred_on == day,
                                                    Cost.currency == currency).with_for_update())
        if cost is None:
            cost = Cost(campaign_id=batch.campaign_id, category=CostCategory.PLATFORM_FEE, amount_minor=fee,
                        currency=currency, incurred_on=day, description=f"{batch.format}: {batch.file_name}"[:MAX_TEXT],
                        status=CostStatus.RECORDED, import_batch_id=batch_id, recorded_by_id=batch.uploaded_by_id,
                        recorded_at=_now())
            db.session.add(cost)
            db.session.flush()
            changes.append((None, cost_share(cost)))
            before[f"{day} {currency}"] = 0
        else:
            before[f"{day} {currency}"] = cost.amount_minor
            share = cost_share(cost)
            cost.amount_minor += fee
            db.session.flush()
            changes.append((share, cost_share(cost)))
        after[f"{day} {currency}"] = cost.amount_minor
        costs.append(cost)
    if not costs:
        return []
    _announce(changes)
    # Per day and currency of the file: its platform-fee cost before and after.
    trail.record("cost.fees_imported", "import_batch", batch_id, before=before, after=after,
                 place_id=batch.campaign.city_id, actor=actor)
    return costs


def void_cost(actor, cost: Cost, reason: str) -> Cost:
    db.session.execute(update(Cost).where(Cost.id == cost.id).values(status=Cost.status))  # take its lock
    db.session.refresh(cost)
    _require(permissions.can_record_money(actor, cost.campaign))
    if cost.status is CostStatus.VOID:
        raise LedgerError("already_void")
    reason = _text(reason, "reason", 500, required=True)
    before = cost_share(cost)
    cost.status, cost.void_reason = CostStatus.VOID, reason
    db.session.flush()
    _announce([(before, None)])
    trail.record("cost.voided", "cost", cost.id, before={"status": CostStatus.RECORDED.value},
                 after={"status": CostStatus.VOID.value, "void_reason": reason}, place_id=cost.campaign.city_id,
                 actor=actor)
    return cost


# --- transfers -----------------------------------------------------------------------------------

@dataclass
class TransferEntry:
    sent_amount: str
    sent_currency: str
    sent_on: dt.date | None
    method: Method
    recipient: Organisation | None = None
    to_campaign: Campaign | None = None
    received_amount: str = ""
    received_currency: str = ""
    reference: str = ""
    status: TransferStatus = TransferStatus.SENT
    note: str = ""
    proof: Document | None = None


def transfer_shares(transfer: Transfer) -> tuple[signals.GiftShare | None, signals.GiftShare | None]:
    """What it takes from the sending campaign, and (a pass-through) adds to the receiving one."""
    if transfer.status is TransferStatus.VOID:
        return None, None
    kind = FlowKind.TRANSFER if transfer.recipient_id is not None else FlowKind.PASSED_OUT
    out = _share(transfer.campaign_id, transfer.sent_on, transfer.sent_currency, kind, transfer.status,
                 transfer.method, transfer.sent_minor)
    if transfer.to_campaign_id is None:
        return out, None
    return out, _share(transfer.to_campaign_id, transfer.sent_on, transfer.arrived_currency, FlowKind.PASSED_IN,
                       transfer.status, transfer.method, transfer.arrived_minor)


def _moved(before: tuple, after: tuple) -> list[tuple]:
    return [(old, new) for old, new in zip(before, after) if old is not None or new is not None]


def _transfer_audited(transfer: Transfer) -> dict:
    return {name: getattr(transfer, name) for name in (
        "campaign_id", "recipient_id", "to_campaign_id", "sent_minor", "sent_currency", "sent_on", "received_minor",
        "received_currency", "method", "reference", "status", "proof_id", "acknowledged_on",
        "acknowledgement_reference", "acknowledgement_id", "note")}


def passes_to(campaign_id: int) -> set[int]:
    """Every campaign this one's money reaches through pass-throughs that are not void."""
    reached, frontier = set(), {campaign_id}
    for _ in range(PASS_THROUGH_DEPTH):
        frontier = set(db.session.scalars(select(Transfer.to_campaign_id).where(
            Transfer.campaign_id.in_(frontier), Transfer.to_campaign_id.is_not(None),
            Transfer.status != TransferStatus.VOID))) - reached
        if not frontier:
            break
        reached |= frontier
    return reached


def _destination(campaign: Campaign, entry: TransferEntry) -> dict:
    if (entry.recipient is None) == (entry.to_campaign is None):
        raise LedgerError("destination_required", "destination")
    if entry.recipient is not None:
        if entry.recipient.id not in {r.ngo_id for r in campaign.recipients}:
            raise LedgerError("not_a_recipient", "destination", name=entry.recipient.name)
        return {"recipient_id": entry.recipient.id, "to_campaign_id": None}
    target = entry.to_campaign
    federation_id = campaign.organisation.federation_id
    if target.id == campaign.id or campaign.id in passes_to(target.id):
        raise LedgerError("pass_through_cycle", "destination", campaign=target.name)
    if federation_id is None or target.organisation_id != federation_id:
        raise LedgerError("not_the_federation", "destination", campaign=target.name)
    return {"recipient_id": None, "to_campaign_id": target.id}


def record_transfer(actor, campaign: Campaign, entry: TransferEntry) -> Transfer:
    _require(permissions.can_record_money(actor, campaign))
    if entry.status not in (TransferStatus.PLANNED, TransferStatus.SENT):
        raise LedgerError("choice_invalid", "status")
    if entry.method not in tuple(Method):
        raise LedgerError("choice_invalid", "method")
    destination = _destination(campaign, entry)
    sent_currency = _currency(entry.sent_currency, "sent_currency")
    values = {"sent_minor": _amount(entry.sent_amount, sent_currency, "sent_amount"), "sent_currency": sent_currency,
              "received_minor": None, "received_currency": None}
    if (entry.received_amount or "").strip():
        received_currency = _currency(entry.received_currency or sent_currency, "received_currency")
        values.update(received_minor=_amount(entry.received_amount, received_currency, "received_amount"),
                      received_currency=received_currency)
    if entry.status is TransferStatus.PLANNED:  # the day it is planned for may be ahead
        sent_on = entry.sent_on
        if sent_on is None:
            raise LedgerError("date_required", "sent_on")
        if not EARLIEST_DAY <= sent_on <= latest_today() + dt.timedelta(days=366):
            raise LedgerError("date_out_of_range", "sent_on", day=sent_on.isoformat())
    else:
        sent_on = _day(entry.sent_on, "sent_on")
    transfer = Transfer(campaign_id=campaign.id, **destination, **values, sent_on=sent_on, method=entry.method,
                        reference=_text(entry.reference, "reference", MAX_REFERENCE), status=entry.status,
                        note=_text(entry.note, "note"), proof_id=getattr(entry.proof, "id", None),
                        recorded_by_id=actor.id, recorded_at=_now())
    db.session.add(transfer)
    db.session.flush()
    _announce(_moved((None, None), transfer_shares(transfer)))
    trail.record("transfer.recorded", "transfer", transfer.id, after=_transfer_audited(transfer),
                 place_id=campaign.city_id, actor=actor)
    return transfer


def _lock(transfer: Transfer) -> None:
    db.session.execute(update(Transfer).where(Transfer.id == transfer.id).values(status=Transfer.status))
    db.session.refresh(transfer)


def _change(actor, transfer: Transfer, action: str, **values) -> Transfer:
    before_shares, before = transfer_shares(transfer), _transfer_audited(transfer)
    for name, value in values.items():
        setattr(transfer, name, value)
    db.session.flush()
    _announce(_moved(before_shares, transfer_shares(transfer)))
    old, new = trail.changed(before, _transfer_audited(transfer))
    trail.record(action, "transfer", transfer.id, before=old, after=new, place_id=transfer.campaign.city_id,
                 actor=actor)
    return transfer


def mark_sent(actor, transfer: Transfer, sent_on: dt.date | None, reference: str = "",
              proof: Document | None = None) -> Transfer:
    _lock(transfer)
    _require(permissions.can_record_money(actor, transfer.campaign))
    if transfer.status is not TransferStatus.PLANNED:
        raise LedgerError("transfer_not_planned")
    return _change(actor, transfer, "transfer.sent", status=TransferStatus.SENT, sent_on=_day(sent_on, "sent_on"),
                   reference=_text(reference, "reference", MAX_REFERENCE) or transfer.reference,
                   proof_id=getattr(proof, "id", None) or transfer.proof_id)


def acknowledge(actor, transfer: Transfer, acknowledged_on: dt.date | None, reference: str = "",
                document: Document | None = None, received_amount: str = "", received_currency: str = "") -> Transfer:
    """The NGO (or the federation) says the money arrived: when, under what reference, with its letter."""
    _lock(transfer)
    _require(permissions.can_answer_for_transfer(actor, transfer))
    if transfer.status is not TransferStatus.SENT:
        raise LedgerError("transfer_not_sent")
    day = _day(acknowledged_on, "acknowledged_on")
    if day < transfer.sent_on:
        raise LedgerError("acknowledged_before_sent", "acknowledged_on", day=transfer.sent_on.isoformat())
    values = {}
    if (received_amount or "").strip():
        currency = _currency(received_currency or transfer.arrived_currency, "received_currency")
        values = {"received_minor": _amount(received_amount, currency, "received_amount"),
                  "received_currency": currency}
    return _change(actor, transfer, "transfer.acknowledged", status=TransferStatus.ACKNOWLEDGED, acknowledged_on=day,
                   acknowledgement_reference=_text(reference, "reference", MAX_REFERENCE),
                   acknowledgement_id=getattr(document, "id", None) or transfer.acknowledgement_id, **values)


def void_transfer(actor, transfer: Transfer, reason: str) -> Transfer:
    _lock(transfer)
    _require(permissions.can_answer_for_transfer(actor, transfer))
    if transfer.status is TransferStatus.VOID:
        raise LedgerError("already_void")
    return _change(actor, transfer, "transfer.voided", status=TransferStatus.VOID,
                   void_reason=_text(reason, "reason", 500, required=True))


# --- claims --------------------------------------------------------------------------------------

@dataclass
class ClaimEntry:
    figure: str
    currency: str
    wording: str
    period_days: int | None
    claimant: str
    source_title: str
    source_url: str
    published_on: dt.date | None = None
    quote: str = ""


def record_claim(actor, campaign: Campaign, entry: ClaimEntry) -> Claim:
    """A figure said in public, with its source, to be shown beside what the ledger holds."""
    _require(permissions.can_manage_campaign(actor, campaign))
    currency = _currency(entry.currency, "currency")
    if currency not in money.REPORTING_CURRENCIES and currency != campaign.currency:
        # The ledger is kept in these: a claim in another currency could not be set beside it.
        raise LedgerError("claim_currency", "currency", currencies=", ".join(
            dict.fromkeys((campaign.currency, *money.REPORTING_CURRENCIES))))
    if entry.period_days is None or not 1 <= entry.period_days <= 3660:
        raise LedgerError("period_invalid", "period_days")
    url = (entry.source_url or "").strip()
    if url and (not url.startswith(("https://", "http://")) or len(url) > 500 or any(ch.isspace() for ch in url)):
        raise LedgerError("url_invalid", "source_url")
    claim = Claim(campaign_id=campaign.id, figure_minor=_amount(entry.figure, currency, "figure"), currency=currency,
                  wording=_text(entry.wording, "wording", 200, required=True), period_days=entry.period_days,
                  claimant=_text(entry.claimant, "claimant", 200, required=True),
                  source_title=_text(entry.source_title, "source_title", 300, required=True), source_url=url,
                  published_on=_day(entry.published_on, "published_on") if entry.published_on else None,
                  quote=_text(entry.quote, "quote"), recorded_by_id=actor.id, recorded_at=_now())
    db.session.add(claim)
    campaign.revision += 1  # its public page shows the claim
    db.session.flush()
    trail.record("claim.recorded", "claim", claim.id, after={
        "campaign_id": campaign.id, "figure_minor": claim.figure_minor, "currency": currency, "wording": claim.wording,
        "period_days": claim.period_days, "source_url": url}, place_id=campaign.city_id, actor=actor)
    return claim
