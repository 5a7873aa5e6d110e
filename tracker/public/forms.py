"""Public GET forms: the reporting currency picker and the receipt check (they change nothing, so no CSRF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length

from tracker.i18n import gettext as _
from tracker.money import REPORTING_CURRENCIES


class CurrencyForm(FlaskForm):
    class Meta:
        csrf = False

    currency = SelectField()

    def __init__(self, *args, default: str = "EUR", extra: tuple[str, ...] = (), **kwargs):
        choices = list(dict.fromkeys((*extra, *REPORTING_CURRENCIES)))
        super().__init__(*args, **kwargs)
        self.currency.choices = [SelectChoice(c) for c in choices]
        self.currency.label.text = _("Currency")
        if not self.currency.data:
            self.currency.data = default

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.currency.errors:
            self.currency.errors = [_("Choose one of these currencies: {currencies}.",
                                      currencies=", ".join(choice.value for choice in self.currency.choices))]
        return valid


class ReceiptForm(FlaskForm):
    class Meta:
        csrf = False

    code = StringField(validators=[InputRequired(), Length(max=40)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.code.label.text = _("Receipt code")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.code.errors:
            self.code.errors = [_("Enter the code printed on your receipt, for example ABCD-EFGH-JKMN-PQRS.")]
        return valid
