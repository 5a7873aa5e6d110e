"""The statement upload and the decisions on a line. Only CSRF and choices are read here."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField

from tracker.i18n import N_, gettext as _


class StatementForm(FlaskForm):
    organisation = SelectField(N_("Organisation"), validate_choice=False)
    file = FileField(N_("Statement (CAMT.053 or OFX)"))

    def __init__(self, organisations, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation.choices = [("", _("Choose an organisation"))] + [(str(o.id), o.name) for o in organisations]
        self.organisation.label.text = _(self.organisation.label.text)
        self.file.label.text = _(self.file.label.text)

    def organisation_id(self) -> int | None:
        text = (self.organisation.data or "").strip()
        return int(text) if text.isdigit() and len(text) < 19 else None


class LineDecisionForm(FlaskForm):
    action = HiddenField()
    campaign = StringField()
    gift = StringField()
    reason = StringField(N_("Why it is not a gift"))

    def number(self, field) -> int | None:
        text = (field.data or "").strip().lstrip("#")
        return int(text) if text.isdigit() and len(text) < 19 else None
