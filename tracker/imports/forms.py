"""The upload, commit and decision forms. Only CSRF and the choices are checked here; the file itself
is read by tracker.imports.planning, whose refusals are shown in the user's language."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField

from tracker.i18n import N_, gettext as _
from tracker.imports.parsing import FORMATS

FORMAT_LABELS = {"csv": "CSV", "helloasso": "HelloAsso", "paypal": "PayPal", "stripe": "Stripe",
                 "opencollective": "Open Collective", "donorbox": "Donorbox", "givewp": "GiveWP"}
DAY_ORDERS = {"dmy": N_("day/month/year"), "mdy": N_("month/day/year")}
DECIMAL_MARKS = {",": N_("comma: 1 234,56"), ".": N_("point: 1,234.56")}
DECISIONS = {"merge": N_("The same gift: merge, and count it once"),
             "separate": N_("Another gift: count it too")}


class UploadForm(FlaskForm):
    campaign = SelectField(N_("Campaign"), validate_choice=False)
    format = SelectField(N_("Format"), validate_choice=False)
    file = FileField(N_("Export file (CSV or XLSX)"))

    def __init__(self, campaigns, mappings=(), *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.campaign.choices = [("", _("Choose a campaign"))] + [(str(c.id), c.name) for c in campaigns]
        self.format.choices = [("auto", _("Found from the file"))] + [
            (name, label) for name, label in FORMAT_LABELS.items() if name != "csv"] + [
            (f"mapping-{m.id}", _("Your mapping: {name}", name=m.name)) for m in mappings]
        self.campaign.label.text = _(self.campaign.label.text)
        self.format.label.text = _(self.format.label.text)
        self.file.label.text = _(self.file.label.text)

    def campaign_id(self) -> int | None:
        text = (self.campaign.data or "").strip()
        return int(text) if text.isdigit() and len(text) < 19 else None

    def format_name(self) -> str:
        return self.format.data if self.format.data in FORMATS else "auto"

    def mapping_id(self) -> int | None:
        text = (self.format.data or "").removeprefix("mapping-")
        return int(text) if (self.format.data or "").startswith("mapping-") and text.isdigit() and len(text) < 19 \
            else None


class ColumnMappingForm(FlaskForm):
    """What every column mapping asks (an export's, a bank CSV's): whose it is, its name, how its dates and
    numbers are written; the subclasses add their columns, each typed as the file's header has it."""

    organisation = SelectField(N_("Organisation"), validate_choice=False)
    name = StringField(N_("Name of the mapping"))
    day_order = SelectField(N_("Dates are written"), validate_choice=False)
    decimal_mark = SelectField(N_("Decimal mark"), validate_choice=False)

    def __init__(self, organisations, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation.choices = [("", _("Choose an organisation"))] + [(str(o.id), o.name) for o in organisations]
        for field in self:
            if field.type != "CSRFTokenField":
                field.label.text = _(field.label.text)
        self.day_order.choices = [(value, _(label)) for value, label in DAY_ORDERS.items()]
        self.decimal_mark.choices = [(value, _(label)) for value, label in DECIMAL_MARKS.items()]

    def organisation_id(self) -> int | None:
        text = (self.organisation.data or "").strip()
        return int(text) if text.isdigit() and len(text) < 19 else None


class MappingForm(ColumnMappingForm):
    """A platform export's column mapping."""

    id = StringField(N_("Column of the transaction id"))
    date = StringField(N_("Column of the date"))
    amount = StringField(N_("Column of the amount"))
    currency = StringField(N_("Column of the currency"))
    fixed_currency = StringField(N_("Or the currency of every row"))
    fee = StringField(N_("Column of the fee"))
    donor_name = StringField(N_("Column of the donor's name"))
    email = StringField(N_("Column of the donor's e-mail"))
    status = StringField(N_("Column of the status"))
    counted_statuses = StringField(N_("Statuses that mean paid, separated by commas"))

    def columns(self) -> dict[str, str]:
        return {"id": self.id.data, "date": self.date.data, "amount": self.amount.data, "currency": self.currency.data,
                "fee": self.fee.data, "name": self.donor_name.data, "email": self.email.data,
                "status": self.status.data}


class CommitForm(FlaskForm):
    token = HiddenField()


class DecisionForm(FlaskForm):
    decision = HiddenField()

    def chosen(self) -> str | None:
        return self.decision.data if self.decision.data in DECISIONS else None
