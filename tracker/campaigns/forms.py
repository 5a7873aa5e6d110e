"""The campaign form a coordinator fills in. It parses; `campaigns.services` decides."""

from __future__ import annotations

from decimal import Decimal

from wtforms import (BooleanField, DateField, FieldList, Form, FormField, SelectField, StringField,
                     TextAreaField)
from wtforms.validators import Optional

from tracker.campaigns.models import CampaignKind, CampaignStatus
from tracker.i18n import N_, gettext as _
from tracker.organisations.forms import ManagementForm, city_label

KIND_LABELS = {
    CampaignKind.ONLINE_FUNDRAISER: N_("Online fundraiser"),
    CampaignKind.MEDICINE_DRIVE: N_("Medicine drive"),
    CampaignKind.CLOTHING_DRIVE: N_("Clothing drive"),
    CampaignKind.CHARITY_EVENT: N_("Charity event"),
    CampaignKind.LIVESTREAM: N_("Livestream"),
    CampaignKind.OTHER: N_("Other"),
}
STATUS_LABELS = {
    CampaignStatus.DRAFT: N_("Draft"),
    CampaignStatus.ACTIVE: N_("Active"),
    CampaignStatus.CLOSED: N_("Closed"),
}
# Always room for this many more recipients than the campaign has.
SPARE_RECIPIENT_ROWS = 2
MIN_RECIPIENT_ROWS = 3


class RecipientRow(Form):
    """One NGO that receives the funds, with its intended share; part of the CSRF-protected campaign form."""

    ngo = SelectField("NGO", choices=[], validate_choice=False)
    share = StringField("Share (%)", render_kw={"inputmode": "decimal", "placeholder": "%", "maxlength": 8})


class CampaignForm(ManagementForm):
    name = StringField("Name", render_kw={"maxlength": 200})
    organisation = SelectField("Organiser", choices=[], validate_choice=False)
    city = SelectField("City", choices=[], validate_choice=False)
    kind = SelectField("Kind", choices=[], validate_choice=False)
    currency = StringField(N_("Currency (ISO code)"), default="EUR",
                           render_kw={"maxlength": 3, "autocapitalize": "characters", "list": "currency-codes",
                                      "autocomplete": "off"})
    goal = StringField(N_("Goal (optional)"), render_kw={"inputmode": "decimal", "autocomplete": "off"})
    starts_on = DateField(N_("Starts on"), validators=[Optional()])
    ends_on = DateField(N_("Ends on (optional)"), validators=[Optional()])
    status = SelectField("Status", choices=[], validate_choice=False, default=CampaignStatus.DRAFT.value)
    description = TextAreaField(N_("Description"), render_kw={"rows": 4, "maxlength": 5000})
    is_public = BooleanField(N_("Show totals on the public pages"), default=True)
    source_note = TextAreaField(N_("Source of reported figures (optional)"), render_kw={"rows": 2, "maxlength": 2000})
    recipients = FieldList(FormField(RecipientRow), min_entries=MIN_RECIPIENT_ROWS)

    def __init__(self, *args, organisations=(), cities=(), ngos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation.choices = [("", _("Choose an organisation"))] + [
            (str(o.id), o.name) for o in organisations]
        self.city.choices = [("", _("Choose a city"))] + [(str(c.id), city_label(c)) for c in cities]
        self.kind.choices = [(kind.value, _(label)) for kind, label in KIND_LABELS.items()]
        self.status.choices = [(status.value, _(label)) for status, label in STATUS_LABELS.items()]
        ngo_choices = [("", _("No NGO"))] + [(str(n.id), n.name) for n in ngos]
        named = sum(1 for row in self.recipients if (row.form.ngo.data or "").strip())
        while len(self.recipients) < max(MIN_RECIPIENT_ROWS, named + SPARE_RECIPIENT_ROWS):
            self.recipients.append_entry()
        for row in self.recipients:
            row.form.ngo.choices = ngo_choices
            row.form.ngo.label.text = _("NGO")
            row.form.share.label.text = _("Share (%)")

    def kind_value(self) -> CampaignKind:
        try:
            return CampaignKind(self.kind.data)
        except ValueError:
            return CampaignKind.OTHER

    def status_value(self) -> CampaignStatus:
        try:
            return CampaignStatus(self.status.data)
        except ValueError:
            return CampaignStatus.DRAFT

    def recipient_rows(self) -> list[tuple[str, str]]:
        """(NGO id as posted, share as typed) for every row that names an NGO or a share."""
        rows = []
        for row in self.recipients:
            ngo, share = (row.form.ngo.data or "").strip(), (row.form.share.data or "").strip()
            if ngo or share:
                rows.append((ngo, share))
        return rows


def recipient_data(campaign) -> list[dict]:
    """The campaign's recipients as the form's rows, shares shown as percentages."""
    rows = []
    for recipient in campaign.recipients:
        share = recipient.share_basis_points
        percent = "" if share is None else f"{Decimal(share).scaleb(-2).normalize():f}"
        rows.append({"ngo": str(recipient.ngo_id), "share": percent})
    return rows
