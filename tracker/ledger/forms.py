"""Forms for costs, transfers, acknowledgements and claims. Fields are read as text; the rules are
checked by tracker.ledger.operations, whose refusals the views put beside the field they are about."""

from __future__ import annotations

import datetime as dt

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, StringField, TextAreaField

from tracker.donations.labels import METHOD_LABELS
from tracker.donations.models import Method
from tracker.i18n import N_, gettext as _
from tracker.ledger.labels import CATEGORY_LABELS
from tracker.ledger.models import CostCategory, TransferStatus
from tracker.ledger.operations import ClaimEntry, CostEntry, LedgerError, TransferEntry

COMMON_CURRENCIES = ("EUR", "USD", "KHR", "THB", "CAD", "AUD", "JPY", "GBP", "CHF")
MAX_UPLOAD_NAME = 200


def _choice(cls, text: str | None, field: str):
    try:
        return cls((text or "").strip())
    except ValueError:
        raise LedgerError("choice_invalid", field)


def _day(text: str | None, field: str) -> dt.date | None:
    raw = (text or "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise LedgerError("date_invalid", field)


def _number(text: str | None) -> int | None:
    raw = (text or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 9 else None


def upload_of(field) -> tuple[str, bytes] | None:
    """(file name, bytes) of an uploaded file, or None when none was chosen."""
    storage = field.data
    if storage is None or not getattr(storage, "filename", ""):
        return None
    return storage.filename[:MAX_UPLOAD_NAME], storage.read()


class _Translated(FlaskForm):
    """Field labels are English N_() strings, translated when the form is made."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self:
            if field.label and field.label.text:
                field.label.text = _(field.label.text)

    def _currencies(self, field, own: str) -> None:
        codes = [own] + [code for code in COMMON_CURRENCIES if code != own]
        typed = (field.data or "").strip().upper()
        if typed and typed not in codes:
            codes.append(typed)
        field.choices = [(code, code) for code in codes]
        if not field.data:
            field.data = own


class CostForm(_Translated):
    category = SelectField(N_("Kind of cost"), validate_choice=False)
    amount = StringField(N_("Amount"), render_kw={"inputmode": "decimal", "autocomplete": "off"})
    currency = SelectField(N_("Currency"), validate_choice=False)
    incurred_on = StringField(N_("Date"), render_kw={"type": "date"})
    description = StringField(N_("What it paid for"), render_kw={"maxlength": 2000})
    evidence = FileField(N_("Invoice or receipt (PDF or image)"))

    def __init__(self, campaign, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.category.choices = [(c.value, _(label)) for c, label in CATEGORY_LABELS.items()]
        self._currencies(self.currency, campaign.currency)

    def entry(self) -> CostEntry:
        return CostEntry(category=_choice(CostCategory, self.category.data, "category"), amount=self.amount.data or "",
                         currency=self.currency.data or "", incurred_on=_day(self.incurred_on.data, "incurred_on"),
                         description=self.description.data or "")


class TransferForm(_Translated):
    destination = SelectField(N_("To"), validate_choice=False)
    sent_amount = StringField(N_("Amount sent"), render_kw={"inputmode": "decimal", "autocomplete": "off"})
    sent_currency = SelectField(N_("Currency sent"), validate_choice=False)
    received_amount = StringField(N_("Amount received, if in another currency"),
                                  render_kw={"inputmode": "decimal", "autocomplete": "off"})
    received_currency = SelectField(N_("Currency received"), validate_choice=False)
    sent_on = StringField(N_("Date sent (or planned)"), render_kw={"type": "date"})
    method = SelectField(N_("Method"), validate_choice=False, default=Method.BANK_TRANSFER.value)
    status = SelectField(N_("Status"), validate_choice=False, default=TransferStatus.SENT.value)
    reference = StringField(N_("Reference (bank's or platform's)"), render_kw={"maxlength": 120})
    note = StringField(N_("Note"), render_kw={"maxlength": 2000})
    proof = FileField(N_("Proof of the transfer (PDF or image)"))

    def __init__(self, campaign, recipients, federation_campaigns, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.destination.choices = [("", _("Choose who receives it"))] + [
            (f"ngo:{ngo.id}", ngo.name) for ngo in recipients] + [
            (f"campaign:{c.id}", _("Passed on to “{campaign}” ({organisation})", campaign=c.name,
                                   organisation=c.organisation.name)) for c in federation_campaigns]
        self._currencies(self.sent_currency, campaign.currency)
        self._currencies(self.received_currency, campaign.currency)
        self.method.choices = [(m.value, _(label)) for m, label in METHOD_LABELS.items()]
        self.status.choices = [(TransferStatus.SENT.value, _("Sent")), (TransferStatus.PLANNED.value, _("Planned"))]

    def destination_ids(self) -> tuple[str, int] | None:
        kind, _sep, number = (self.destination.data or "").partition(":")
        found = _number(number)
        return (kind, found) if kind in ("ngo", "campaign") and found is not None else None

    def entry(self, recipient, to_campaign) -> TransferEntry:
        return TransferEntry(
            sent_amount=self.sent_amount.data or "", sent_currency=self.sent_currency.data or "",
            sent_on=_day(self.sent_on.data, "sent_on"), method=_choice(Method, self.method.data, "method"),
            recipient=recipient, to_campaign=to_campaign, received_amount=self.received_amount.data or "",
            received_currency=self.received_currency.data or "", reference=self.reference.data or "",
            status=_choice(TransferStatus, self.status.data, "status"), note=self.note.data or "")


class SentForm(_Translated):
    sent_on = StringField(N_("Date sent"), render_kw={"type": "date"})
    reference = StringField(N_("Reference"), render_kw={"maxlength": 120})

    def day(self) -> dt.date | None:
        return _day(self.sent_on.data, "sent_on")


class AcknowledgeForm(_Translated):
    acknowledged_on = StringField(N_("Date the NGO confirmed receipt"), render_kw={"type": "date"})
    reference = StringField(N_("The NGO's reference"), render_kw={"maxlength": 120})
    received_amount = StringField(N_("Amount that arrived, if it differs"),
                                  render_kw={"inputmode": "decimal", "autocomplete": "off"})
    received_currency = StringField(N_("Its currency"), render_kw={"maxlength": 3})
    document = FileField(N_("The NGO's acknowledgement (PDF or image)"))

    def day(self) -> dt.date | None:
        return _day(self.acknowledged_on.data, "acknowledged_on")


class VoidForm(_Translated):
    reason = StringField(N_("Reason"), render_kw={"maxlength": 500})


class ClaimForm(_Translated):
    figure = StringField(N_("Figure claimed"), render_kw={"inputmode": "decimal", "autocomplete": "off"})
    currency = SelectField(N_("Currency"), validate_choice=False)
    wording = StringField(N_("As it was said"), render_kw={"maxlength": 200})
    period_days = StringField(N_("Over how many days from the start"), render_kw={"inputmode": "numeric"})
    claimant = StringField(N_("Who said it"), render_kw={"maxlength": 200})
    source_title = StringField(N_("Source title"), render_kw={"maxlength": 300})
    source_url = StringField(N_("Source address"), render_kw={"maxlength": 500, "type": "url"})
    published_on = StringField(N_("Published on"), render_kw={"type": "date"})
    quote = TextAreaField(N_("Quote"), render_kw={"maxlength": 2000})

    def __init__(self, campaign, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._currencies(self.currency, campaign.currency)

    def entry(self) -> ClaimEntry:
        return ClaimEntry(figure=self.figure.data or "", currency=self.currency.data or "",
                          wording=self.wording.data or "", period_days=_number(self.period_days.data),
                          claimant=self.claimant.data or "", source_title=self.source_title.data or "",
                          source_url=self.source_url.data or "",
                          published_on=_day(self.published_on.data, "published_on"), quote=self.quote.data or "")
