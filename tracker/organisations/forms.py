"""Forms for organisations and cities, and the base that every management and admin form shares.

Forms only parse what was typed; the services decide what is acceptable.
"""

from __future__ import annotations

from flask_babel import get_translations
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.i18n import N_, gettext as _
from tracker.organisations.models import OrganisationKind
from tracker.places.services import split_codes

KIND_LABELS = {
    OrganisationKind.ASSOCIATION: N_("Association"),
    OrganisationKind.NGO: "NGO",
    OrganisationKind.RELIGIOUS: N_("Religious community"),
    OrganisationKind.BUSINESS: N_("Business"),
    OrganisationKind.STUDENT_GROUP: N_("Student group"),
    OrganisationKind.PUBLIC_BODY: N_("Public body"),
}


# WTForms' own messages that these forms can show, so that `pybabel extract` finds them.
WTFORMS_MESSAGES = (N_("Not a valid date value."),)


class _CatalogueTranslations:
    """WTForms' own messages ("Not a valid date value.") through the tracker's catalogues
    (WTForms fills in their %(placeholders)s itself)."""

    def gettext(self, string: str) -> str:
        return get_translations().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ngettext(singular, plural, n)


class ManagementForm(FlaskForm):
    """A CSRF-protected form whose labels, choices and messages are in the viewer's language.

    Labels are declared in English and translated when the form is drawn.
    """

    class Meta:
        def get_translations(self, form):
            return _CatalogueTranslations()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refusals: dict[str, list[str]] = {}
        _translate_labels(self)

    def refuse(self, field: str | None, message: str) -> None:
        """Show a service's refusal at the field it concerns; a group of rows keeps it in `refusals`."""
        target = self._fields.get(field) if field else None
        if target is None:
            self.form_errors.append(message)
        elif hasattr(target, "entries"):
            self.refusals.setdefault(field, []).append(message)
        else:
            target.errors = [*target.errors, message]


def _translate_labels(form) -> None:
    for field in form:
        field.label.text = _(field.label.text)
        for entry in getattr(field, "entries", ()):  # FieldList of FormField rows
            _translate_labels(entry.form)
        if hasattr(field, "form") and not hasattr(field, "entries"):
            _translate_labels(field.form)


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes: easier on a phone than a multiple select.

    Unknown values are not refused here: the service resolving them says what is wrong.
    """

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validate_choice", False)
        super().__init__(*args, **kwargs)


class OrganisationForm(ManagementForm):
    name = StringField("Name", render_kw={"maxlength": 200, "autocomplete": "organization"})
    kind = SelectField("Kind", choices=[], validate_choice=False)
    city = SelectField("Home city", choices=[], validate_choice=False)
    work_areas = CheckboxesField(N_("Provinces where the NGO works"), choices=[])
    work_area_codes = StringField(N_("Other provinces (ISO 3166-2 codes, comma-separated)"),
                                  render_kw={"placeholder": "KH-22, KH-13", "autocapitalize": "characters"})
    federation = SelectField(N_("Member of the federation"), choices=[], validate_choice=False)

    def __init__(self, *args, cities=(), subdivisions=(), federations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.federation.choices = [("", _("None"))] + [(str(f.id), f.name) for f in federations]
        self.kind.choices = [(kind.value, _(label)) for kind, label in KIND_LABELS.items()]
        self.city.choices = [("", _("Choose a city"))] + [(str(c.id), city_label(c)) for c in cities]
        self.work_areas.choices = list(subdivisions)

    def kind_value(self) -> OrganisationKind:
        try:
            return OrganisationKind(self.kind.data)
        except ValueError:
            return OrganisationKind.ASSOCIATION

    def all_work_area_codes(self) -> list[str]:
        """Ticked provinces and typed codes together, each once."""
        return list(dict.fromkeys([*(self.work_areas.data or []), *split_codes(self.work_area_codes.data)]))


class CityForm(ManagementForm):
    subdivision = StringField(N_("Subdivision (ISO 3166-2 code)"),
                              render_kw={"placeholder": "FR-IDF", "autocapitalize": "characters", "maxlength": 16,
                                         "list": "subdivision-codes"})
    name = StringField(N_("City name"), render_kw={"maxlength": 200})


def city_label(city) -> str:
    return f"{city.name} ({city.subdivision_code or city.country_code})"
