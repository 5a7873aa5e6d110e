"""The audit trail's filters (a GET form: it changes nothing, so no CSRF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, SelectField
from wtforms.validators import Length, Optional

from tracker.i18n import N_, gettext as _

SUBJECT_LABELS = {"": N_("Everything"), "gift": N_("Gifts"), "campaign": N_("Campaigns"),
                  "organisation": N_("Organisations"), "place": N_("Cities"), "user": N_("Users"),
                  "rate": N_("Rates"), "rollups": N_("Rollups")}


class HistoryFilterForm(FlaskForm):
    class Meta:
        csrf = False

    subject = SelectField(choices=[], validate_choice=True, default="")
    actor = EmailField(validators=[Optional(), Length(max=254)])
    since = DateField(validators=[Optional()])
    until = DateField(validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject.choices = [(value, _(label)) for value, label in SUBJECT_LABELS.items()]
        self.subject.label.text = _("What")
        self.actor.label.text = _("Who (e-mail)")
        self.since.label.text = _("From")
        self.until.label.text = _("To")
