"""The forms for logging, correcting, voiding and verifying a gift.

Fields are read as text and checked by tracker.donations.operations, whose refusals the views
show next to the field; WTForms' own validators are not used because their messages would not be
in the volunteer's language. The only check done here is reading the date and the choices.
"""

from __future__ import annotations

import datetime as dt
import uuid

from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, HiddenField, RadioField, SelectChoice, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.campaigns.models import CampaignKind
from tracker.donations.models import DonationStatus, GiftKind, Method, Takings
from tracker.donations.operations import DonationError, GiftEntry, latest_today
from tracker.donations.queries import SEARCH_LENGTH, GiftSearch
from tracker.i18n import gettext as _
from tracker.money import REPORTING_CURRENCIES

from tracker.donations.labels import KIND_LABELS, METHOD_LABELS, STATUS_LABELS, TAKINGS_LABELS  # noqa: F401 (used by views)

# Offered in the currency list; any other ISO 4217 code that is posted is accepted too.
COMMON_CURRENCIES = ("EUR", "USD", "CAD", "AUD", "JPY", "THB", "KHR", "GBP", "CHF")
NEW_GIFT_STATUSES = (DonationStatus.RECEIVED, DonationStatus.PLEDGED)
# What a coordinator may set with the verify button.
SETTABLE_STATUSES = (DonationStatus.VERIFIED, DonationStatus.RECEIVED)


def _enum_choice(cls, text: str | None, field: str):
    try:
        return cls((text or "").strip())
    except ValueError:
        raise DonationError("choice_invalid", field)


def _parse_day(text: str | None) -> dt.date | None:
    raw = (text or "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise DonationError("date_invalid", "received_on")


def _parse_quantity(text: str | None) -> int | None:
    # Anything that is not a whole number is left to operations, which refuses it as quantity_invalid.
    raw = "".join((text or "").split())
    return int(raw) if raw.isdigit() and len(raw) <= 9 else None


class GiftForm(FlaskForm):
    """The fields of one gift, shared by the new-gift and correction forms."""

    campaign = SelectField(validate_choice=False)
    kind = RadioField(validate_choice=False, default=GiftKind.MONEY.value)
    amount = StringField(render_kw={"inputmode": "decimal", "autocomplete": "off"})
    currency = SelectField(validate_choice=False, default="")
    received_on = StringField(render_kw={"type": "date"})
    method = SelectField(validate_choice=False, default=Method.CASH.value)
    takings = SelectField(validate_choice=False, default="")  # offered when a campaign is a charity evening
    status = RadioField(validate_choice=False, default=DonationStatus.RECEIVED.value)
    item = StringField(render_kw={"maxlength": 200})
    quantity = StringField(render_kw={"inputmode": "numeric", "autocomplete": "off"})
    unit = StringField(render_kw={"maxlength": 40})
    donor_name = StringField(render_kw={"maxlength": 200, "autocomplete": "off"})
    anonymous = BooleanField()
    donor_contact = StringField(render_kw={"maxlength": 254, "autocomplete": "off"})

    def __init__(self, campaigns, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign.label.text = _("Campaign")
        self.campaign.choices = [("", _("Choose a campaign"))] + [
            (str(c.id), f"{c.name} · {c.currency}") for c in campaigns]
        self.kind.label.text = _("Kind of gift")
        self.kind.choices = [(k.value, _(label)) for k, label in KIND_LABELS.items()]
        self.amount.label.text = _("Amount")
        self.currency.label.text = _("Currency")
        # Blank means "the chosen campaign's currency", so it stays right when the campaign is changed;
        # with a single campaign, that currency is named.
        own = campaigns[0].currency if len(campaigns) == 1 else None
        codes = [code for code in COMMON_CURRENCIES if code != own]
        for code in [c.currency for c in campaigns] + [(self.currency.data or "").strip().upper()]:
            if code and code not in codes and code != own:
                codes.append(code)
        self.currency.choices = [("", own or _("Campaign's"))] + [(code, code) for code in codes]
        self.received_on.label.text = _("Date received")
        self.received_on.render_kw = {**self.received_on.render_kw, "max": latest_today().isoformat()}
        self.method.label.text = _("Method")
        self.method.choices = [(m.value, _(label)) for m, label in METHOD_LABELS.items()]
        self.takings.label.text = _("At a charity evening, for")
        self.takings.choices = [("", _("Not said"))] + [(t.value, _(label)) for t, label in TAKINGS_LABELS.items()]
        self.offers_takings = any(c.kind is CampaignKind.CHARITY_EVENT for c in campaigns)
        self.status.label.text = _("Status")
        self.status.choices = [(s.value, _(STATUS_LABELS[s])) for s in NEW_GIFT_STATUSES]
        self.item.label.text = _("Item")
        self.quantity.label.text = _("Quantity")
        self.unit.label.text = _("Unit")
        self.donor_name.label.text = _("Donor name")
        self.anonymous.label.text = _("The donor wishes to stay anonymous")
        self.donor_contact.label.text = _("Donor contact (private)")

    def campaign_id(self) -> int | None:
        raw = (self.campaign.data or "").strip()
        return int(raw) if raw.isdigit() and len(raw) <= 18 else None

    def entry(self, campaign) -> GiftEntry:
        """What was typed, as an entry for operations; raises DonationError if a choice is unreadable."""
        currency = (self.currency.data or "").strip().upper()
        if not currency and campaign is not None:
            currency = campaign.currency
        return GiftEntry(
            campaign=campaign,
            kind=_enum_choice(GiftKind, self.kind.data, "kind"),
            amount=self.amount.data or "",
            currency=currency,
            received_on=_parse_day(self.received_on.data),
            method=_enum_choice(Method, self.method.data, "method"),
            takings=_enum_choice(Takings, self.takings.data, "takings") if (self.takings.data or "").strip() else None,
            status=_enum_choice(DonationStatus, self.status.data, "status"),
            item=self.item.data or "",
            quantity=_parse_quantity(self.quantity.data),
            unit=self.unit.data or "",
            donor_name=self.donor_name.data or "",
            anonymous=bool(self.anonymous.data),
            donor_contact=self.donor_contact.data or "",
        )

    def fill(self, entry: GiftEntry) -> None:
        """Show an existing gift's values (a correction starts from them)."""
        self.campaign.data = str(entry.campaign.id) if entry.campaign else ""
        self.kind.data = entry.kind.value
        self.amount.data = entry.amount
        self.currency.data = entry.currency
        if entry.currency not in [value for value, _label in self.currency.choices]:
            self.currency.choices.append((entry.currency, entry.currency))
        self.received_on.data = entry.received_on.isoformat() if entry.received_on else ""
        self.method.data = entry.method.value
        self.takings.data = entry.takings.value if entry.takings else ""
        self.status.data = entry.status.value if entry.status in NEW_GIFT_STATUSES else DonationStatus.RECEIVED.value
        self.item.data = entry.item
        self.quantity.data = str(entry.quantity) if entry.quantity else ""
        self.unit.data = entry.unit
        self.donor_name.data = entry.donor_name
        self.anonymous.data = entry.anonymous
        self.donor_contact.data = entry.donor_contact


class NewGiftForm(GiftForm):
    # Drawn once per form: a second tap on "Save" sends the same key, and the gift is stored once.
    submission_key = HiddenField()
    # Offered once the gift was found to repeat one logged already (two forms for one gift).
    another_gift = BooleanField()

    def __init__(self, campaigns, *args, **kwargs):
        super().__init__(campaigns, *args, **kwargs)
        if not self.is_submitted():
            self.submission_key.data = uuid.uuid4().hex
            # The server's day; the page's script puts the volunteer's own day in its place.
            today = dt.date.today().isoformat()
            self.received_on.data = today
            self.received_on.render_kw = {**self.received_on.render_kw, "data-local-today": today}
        self.another_gift.label.text = _("This is another gift: save it too")

    def entry(self, campaign) -> GiftEntry:
        entry = super().entry(campaign)
        entry.submission_key = self.submission_key.data or None
        entry.hold_if_repeated = not self.another_gift.data
        return entry


class CorrectionForm(GiftForm):
    reason = TextAreaField(render_kw={"maxlength": 500, "rows": 2})

    def __init__(self, campaigns, *args, **kwargs):
        super().__init__(campaigns, *args, **kwargs)
        self.reason.label.text = _("Reason for the correction")


class VoidForm(FlaskForm):
    reason = TextAreaField(render_kw={"maxlength": 500, "rows": 3})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.label.text = _("Why is this entry void?")


class StatusForm(FlaskForm):
    status = HiddenField(default=DonationStatus.VERIFIED.value)

    def chosen_status(self) -> DonationStatus:
        status = _enum_choice(DonationStatus, self.status.data, "status")
        if status not in SETTABLE_STATUSES:
            raise DonationError("choice_invalid", "status")
        return status


class GiftSearchForm(FlaskForm):
    """Which gifts a list shows, read from the query string (a GET form that changes nothing). The
    dashboards' filters (statuses, dates) have the same names, so a figure's link lands here as is."""

    class Meta:
        csrf = False

    q = StringField(render_kw={"type": "search", "maxlength": SEARCH_LENGTH, "autocomplete": "off"})
    status = SelectMultipleField(widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    date_from = DateField(validators=[Optional()])
    date_to = DateField(validators=[Optional()])
    kind = SelectField(default="")
    method = SelectField(default="")
    campaign = StringField()
    organisation = StringField()
    paid_in = StringField()  # the gift's own currency (the dashboards' `currency` is the one figures are in)
    currency = StringField()  # the dashboard's: which converted figures a gift may still be awaiting
    page = StringField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.q.label.text = _("Search")
        self.status.label.text = _("Status")
        self.date_from.label.text = _("From")
        self.date_to.label.text = _("To")
        self.kind.label.text = _("Kind of gift")
        self.method.label.text = _("Payment method")
        self.status.choices = [SelectChoice(s.value, _(STATUS_LABELS[s])) for s in DonationStatus]
        self.kind.choices = [SelectChoice("", _("Any"))] + [SelectChoice(k.value, _(KIND_LABELS[k])) for k in GiftKind]
        self.method.choices = [SelectChoice("", _("Any"))] + [SelectChoice(m.value, _(METHOD_LABELS[m]))
                                                              for m in Method]

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        # WTForms' own messages are English only: each is said again in the reader's language.
        for date_field in (self.date_from, self.date_to):
            if date_field.errors:
                date_field.errors = [_("Enter a date as YYYY-MM-DD, for example 2025-07-26.")]
        if self.status.errors:
            self.status.errors = [_("Choose statuses among pledged, received, verified and void.")]
        for choice in (self.kind, self.method):
            if choice.errors:
                choice.errors = [_("Choose one of the options offered.")]
        if len(self.q.data or "") > SEARCH_LENGTH:
            self.q.errors = [_("Search for {count} characters at most.", count=SEARCH_LENGTH)]
        if self.date_from.data and self.date_to.data and self.date_from.data > self.date_to.data:
            self.date_to.errors = [_("The end date must not be before the start date.")]
        for chosen in (self.campaign, self.organisation):
            if chosen.data and not (chosen.data.isascii() and chosen.data.isdigit() and len(chosen.data) <= 12):
                chosen.errors = [_("There is no such campaign or organisation.")]
        code = (self.paid_in.data or "").strip().upper()
        if code and not (len(code) == 3 and code.isascii() and code.isalpha()):
            self.paid_in.errors = [_("Give a currency as its three-letter code, for example EUR.")]
        if self.currency.data and self.currency.data not in REPORTING_CURRENCIES:
            self.currency.errors = [_("Choose one of these currencies: {currencies}.",
                                      currencies=", ".join(REPORTING_CURRENCIES))]
        if self.page.data and not (self.page.data.isascii() and self.page.data.isdigit() and len(self.page.data) <= 6):
            self.page.errors = [_("There is no such page.")]
        return not self.errors

    def search(self) -> GiftSearch:
        return GiftSearch(
            statuses=tuple(DonationStatus(v) for v in self.status.data or ()),
            date_from=self.date_from.data, date_to=self.date_to.data,
            campaign_id=int(self.campaign.data) if self.campaign.data else None,
            organisation_id=int(self.organisation.data) if self.organisation.data else None,
            kind=GiftKind(self.kind.data) if self.kind.data else None,
            method=Method(self.method.data) if self.method.data else None,
            currency=(self.paid_in.data or "").strip().upper() or None, text=(self.q.data or "").strip())

    @property
    def reporting_currency(self) -> str:
        return self.currency.data or REPORTING_CURRENCIES[0]  # the dashboards' default, EUR

    @property
    def page_number(self) -> int:
        return int(self.page.data) if self.page.data else 1

    def messages(self) -> list[str]:
        return [error for f in self for error in f.errors]
