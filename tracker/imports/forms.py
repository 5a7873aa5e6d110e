"""The upload, commit and decision forms. Only CSRF and the choices are checked here; the file itself
is read by tracker.imports.planning, whose refusals are shown in the user's language."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField

from tracker.i18n import N_, gettext as _
from tracker.imports.parsing import FORMATS

FORMAT_LABELS = {"helloasso": "HelloAsso", "paypal": "PayPal", "stripe": "Stripe",
                 "opencollective": "Open Collective", "donorbox": "Donorbox", "givewp": "GiveWP"}
DECISIONS = {"merge": N_("The same gift: merge, and count it once"),
             "separate": N_("Another gift: count it too")}


class UploadForm(FlaskForm):
    campaign = SelectField(N_("Campaign"), validate_choice=False)
    format = SelectField(N_("Format"), validate_choice=False)
    file = FileField(N_("Export file (CSV or XLSX)"))

    def __init__(self, campaigns, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.campaign.choices = [("", _("Choose a campaign"))] + [(str(c.id), c.name) for c in campaigns]
        self.format.choices = [("auto", _("Found from the file"))] + list(FORMAT_LABELS.items())
        self.campaign.label.text = _(self.campaign.label.text)
        self.format.label.text = _(self.format.label.text)
        self.file.label.text = _(self.file.label.text)

    def campaign_id(self) -> int | None:
        text = (self.campaign.data or "").strip()
        return int(text) if text.isdigit() and len(text) < 19 else None

    def format_name(self) -> str:
        return self.format.data if self.format.data in FORMATS else "auto"


class CommitForm(FlaskForm):
    token = HiddenField()


class DecisionForm(FlaskForm):
    decision = HiddenField()

    def chosen(self) -> str | None:
        return self.decision.data if self.decision.data in DECISIONS else None
