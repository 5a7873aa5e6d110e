"""The review page's filters (a GET form) and the selection a bulk action is sent with."""

from __future__ import annotations

import datetime as dt

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField

from tracker.i18n import N_, gettext as _
from tracker.review.queries import KINDS, Filters

KIND_LABELS = {"gifts": N_("Gifts to verify"), "duplicates": N_("Probable duplicates"),
               "lines": N_("Unmatched bank lines")}
MAX_ID_DIGITS = 18


def _number(text: str | None) -> int | None:
    text = (text or "").strip().lstrip("#")
    return int(text) if text.isdigit() and len(text) <= MAX_ID_DIGITS else None


class FilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: it reads, never writes

    kind = SelectField(validate_choice=False, default="")
    campaign = SelectField(validate_choice=False, default="")
    since = StringField(render_kw={"type": "date"})
    until = StringField(render_kw={"type": "date"})

    def __init__(self, campaigns, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.label.text = _("Show")
        self.kind.choices = [("", _("Everything waiting"))] + [(kind, _(KIND_LABELS[kind])) for kind in KINDS]
        self.campaign.label.text = _("Campaign")
        self.campaign.choices = [("", _("Every campaign"))] + [(str(c.id), c.name) for c in campaigns]
        self.since.label.text = _("From")
        self.until.label.text = _("To")

    def filters(self) -> Filters:
        """What the filters say; a value that cannot be read gets a message and is left out."""
        kind = self.kind.data if self.kind.data in KINDS else ""
        campaign_id = _number(self.campaign.data)
        if self.campaign.data and campaign_id not in {_number(value) for value, _label in self.campaign.choices}:
            self.campaign.errors = [_("Choose one of the options offered.")]
            campaign_id = None
        return Filters(kind, campaign_id, self._day(self.since), self._day(self.until))

    @staticmethod
    def _day(field) -> dt.date | None:
        text = (field.data or "").strip()
        if not text:
            return None
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
        except ValueError:
            pass
        field.errors = [_("Enter the date as a calendar date (year-month-day).")]
        return None


class SelectionForm(FlaskForm):
    selected = SelectMultipleField(validate_choice=False)  # the ids ticked, as text
    decision = HiddenField()
    reason = StringField(render_kw={"maxlength": 500})

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reason.label.text = _("Why these lines are not gifts")

    def ids(self) -> list[int] | None:
        """The ids ticked; None when one of them is not an id at all."""
        ids = [_number(value) for value in self.selected.data or []]
        return None if any(i is None for i in ids) else ids
