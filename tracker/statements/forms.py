"""The statement upload and the decisions on a line. Only CSRF and choices are read here."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField

from tracker.i18n import N_, gettext as _
from tracker.imports.forms import ColumnMappingForm


def _number(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) < 19 else None


class StatementForm(FlaskForm):
    organisation = SelectField(N_("Organisation"), validate_choice=False)
    file = FileField(N_("Statement (CAMT.053, OFX, or the bank's CSV)"))
    mapping = SelectField(N_("Format"), validate_choice=False, default="")

    def __init__(self, organisations, mappings=(), *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation.choices = [("", _("Choose an organisation"))] + [(str(o.id), o.name) for o in organisations]
        self.organisation.label.text = _(self.organisation.label.text)
        self.file.label.text = _(self.file.label.text)
        self.mapping.label.text = _(self.mapping.label.text)
        self.mapping.choices = [("", _("CAMT.053 or OFX (told from the file)"))] + [
            (str(m.id), _("Bank CSV: {name}", name=m.name)) for m in mappings]

    def organisation_id(self) -> int | None:
        return _number(self.organisation.data)

    def mapping_id(self) -> int | None:
        return _number(self.mapping.data)


class CsvMappingForm(ColumnMappingForm):
    """How a bank writes one account's CSV."""

    account = StringField(N_("Account (IBAN, or a name for it)"))
    date = StringField(N_("Column of the date"))
    amount = StringField(N_("Column of the amount (signed)"))
    credit = StringField(N_("Or the column of credits"))
    debit = StringField(N_("And the column of debits"))
    currency = StringField(N_("Column of the currency"))
    fixed_currency = StringField(N_("Or the currency of every line"))
    reference = StringField(N_("Column of the bank's reference"))
    counterparty = StringField(N_("Column of who paid"))
    remittance = StringField(N_("Column of the label or message"))

    def columns(self) -> dict[str, str]:
        return {field: getattr(self, field).data for field in ("date", "amount", "credit", "debit", "reference",
                                                               "counterparty", "remittance", "currency")}


class LineDecisionForm(FlaskForm):
    action = HiddenField()
    campaign = StringField()
    gift = StringField()
    reason = StringField(N_("Why it is not a gift"))

    def number(self, field) -> int | None:
        text = (field.data or "").strip().lstrip("#")
        return int(text) if text.isdigit() and len(text) < 19 else None
