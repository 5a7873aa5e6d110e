"""Admin forms: user accounts and exchange rates. They parse; the services decide."""

from __future__ import annotations

from wtforms import BooleanField, DateField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import Optional

from tracker.accounts.models import Role
from tracker.i18n import N_, gettext as _
from tracker.organisations.forms import CheckboxesField, ManagementForm

ROLE_LABELS = {
    Role.ADMIN: N_("Administrator"),
    Role.COORDINATOR: N_("Coordinator"),
    Role.VOLUNTEER: N_("Volunteer"),
}


class UserForm(ManagementForm):
    email = EmailField("Email", render_kw={"maxlength": 254, "autocomplete": "off"})
    name = StringField("Name", render_kw={"maxlength": 120, "autocomplete": "off"})
    role = SelectField("Role", choices=[], validate_choice=False, default=Role.VOLUNTEER.value)
    organisations = CheckboxesField(N_("Organisations (volunteers)"), choices=[])
    regions = StringField(N_("Regions (coordinators)"),
                          render_kw={"placeholder": "FR-IDF, US-CA", "autocapitalize": "characters",
                                     "autocomplete": "off"})
    active = BooleanField(N_("Account active"), default=True)
    password = PasswordField("Password", render_kw={"autocomplete": "new-password", "maxlength": 200})

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [(role.value, _(label)) for role, label in ROLE_LABELS.items()]
        self.organisations.choices = [(str(o.id), o.name) for o in organisations]

    def role_value(self) -> Role:
        try:
            return Role(self.role.data)
        except ValueError:
            return Role.VOLUNTEER


class RateForm(ManagementForm):
    currency = StringField(N_("Currency (ISO code)"),
                           render_kw={"maxlength": 3, "autocapitalize": "characters", "placeholder": "KHR",
                                      "autocomplete": "off"})
    day = DateField("Day", validators=[Optional()])
    per_eur = StringField("Units per euro", render_kw={"inputmode": "decimal", "placeholder": "4700",
                                                       "autocomplete": "off", "maxlength": 30})
    source = StringField("Source", render_kw={"maxlength": 500})
