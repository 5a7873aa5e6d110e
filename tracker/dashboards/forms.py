"""The dashboard filter form: read from the query string (a GET form, so no CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectChoice, DateField, SelectField, SelectMultipleField
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.donations.models import COUNTED_STATUSES, DonationStatus
from tracker.i18n import N_, gettext as _
from tracker.money import REPORTING_CURRENCIES

from tracker.donations.labels import METHOD_LABELS, STATUS_LABELS  # noqa: F401 (used by views)

FILTER_STATUSES = (DonationStatus.PLEDGED, DonationStatus.RECEIVED, DonationStatus.VERIFIED)
DATE_MESSAGE = N_("Enter a date as YYYY-MM-DD, for example 2025-07-26.")


class DashboardFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    currency = SelectField(choices=[SelectChoice(c) for c in REPORTING_CURRENCIES], default="EUR")
    date_from = DateField(validators=[Optional()])
    date_to = DateField(validators=[Optional()])
    status = SelectMultipleField(default=[s.value for s in COUNTED_STATUSES],
                                 widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency.label.text = _("Currency")
        self.date_from.label.text = _("From")
        self.date_to.label.text = _("To")
        self.status.label.text = _("Statuses counted")
        self.status.choices = [SelectChoice(s.value, _(STATUS_LABELS[s])) for s in FILTER_STATUSES]
        if not self.status.data:  # nothing ticked counts as the usual statuses
            self.status.data = [s.value for s in COUNTED_STATUSES]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # WTForms' own messages are English only: say what is wrong in the viewer's language.
        if self.currency.errors:
            self.currency.errors = [_("Choose one of these currencies: {currencies}.",
                                      currencies=", ".join(REPORTING_CURRENCIES))]
        for date_field in (self.date_from, self.date_to):
            if date_field.errors:
                date_field.errors = [_(DATE_MESSAGE)]
        if self.status.errors:
            self.status.errors = [_("Choose statuses among pledged, received and verified.")]
        if valid and self.date_from.data and self.date_to.data and self.date_from.data > self.date_to.data:
            self.date_to.errors = [_("The end date must not be before the start date.")]
            valid = False
        return valid

    @property
    def statuses(self) -> tuple[DonationStatus, ...]:
        return tuple(DonationStatus(value) for value in self.status.data)

    def messages(self) -> list[str]:
        return [error for f in (self.currency, self.date_from, self.date_to, self.status) for error in f.errors]
