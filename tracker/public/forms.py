"""Public GET forms: the reporting currency picker and the receipt check (they change nothing, so no CSRF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import InputRequired, Length

from tracker.donations import receipt_codes
from tracker.i18n import N_, gettext as _
from tracker.money import REPORTING_CURRENCIES


EXAMPLE_CODE = "7KQ2M-XHD43"  # a well-formed code (its check character holds)
# Why a typed code cannot be a receipt code (receipt_codes.Reading.problem): what to check.
CODE_PROBLEMS = {
    "wrong_length": N_("Check the code: a receipt code has 10 characters, for example {example} (older "
                       "receipts have 16)."),
    "unused_character": N_("Check the code: “{character}” is never used in receipt codes (they have no O, 0, I, "
                           "1, L or U)."),
    "typo": N_("Check the code: one character is wrong or two are swapped. Type it again as it is printed on "
               "your receipt."),
}


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
    """The receipt check. Once valid, `reading.stored` is the code to look up; a code that cannot be
    one (its length, a character codes never use, a check character that shows a typo) is refused
    here, with a message that says what to check, before any look-up."""

    class Meta:
        csrf = False

    code = StringField(validators=[InputRequired(), Length(max=40)])
    reading: receipt_codes.Reading | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.code.label.text = _("Receipt code")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.code.errors:
            self.code.errors = [_("Enter the code printed on your receipt, for example {example}.",
                                  example=EXAMPLE_CODE)]
            return False
        self.reading = receipt_codes.read(self.code.data)
        if self.reading.problem:
            self.code.errors = [_(CODE_PROBLEMS[self.reading.problem], example=EXAMPLE_CODE,
                                  character=self.reading.character)]
            return False
        return valid
