"""Coordinators' pages for organisations, NGOs and the cities campaigns happen in."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from tracker import permissions
from tracker.i18n import N_, gettext as _
from tracker.organisations import services
from tracker.organisations.forms import KIND_LABELS, CityForm, OrganisationForm
from tracker.organisations.models import OrganisationKind
from tracker.places import services as places

bp = Blueprint("organisations", __name__)

# Refusals by OrganisationError and PlaceError code.
MESSAGES = {
    "name_required": N_("Give the organisation a name."),
    "name_too_long": N_("The name is too long: at most {length} characters."),
    "name_taken": N_("An organisation called “{name}” already exists."),
    "city_required": N_("Choose the organisation's home city."),
    "region_not_yours": N_("{place} is not in your regions."),
    "work_area_unknown": N_("“{code}” is not an ISO 3166-2 subdivision code (for example KH-22 for Oddar Meanchey)."),
    "unknown_subdivision": N_("“{code}” is not an ISO 3166-2 subdivision code (for example FR-IDF or KH-22)."),
    "unknown_country": N_("“{code}” is not an ISO 3166 country code."),
    "subdivision_required": N_("Enter the ISO 3166-2 code of the city's subdivision, for example FR-IDF."),
    "city_name_required": N_("Enter the city's name."),
    "city_name_too_long": N_("The name is too long: at most {length} characters."),
    "subdivision_not_yours": N_("You do not coordinate {name} ({code}): you can only add cities in your regions."),
    "federation_not_an_association": N_("Only associations belong to federations, and a federation is an association."),
    "federation_cycle": N_("{name} is itself a member of this association: choose another federation."),
}


def _message(error) -> str:
    return _(MESSAGES.get(error.code, N_("The request could not be understood.")), **error.params)


def _form(organisation=None, **kwargs) -> OrganisationForm:
    federations = [o for o in services.associations() if organisation is None or o.id != organisation.id]
    return OrganisationForm(cities=places.coordinated_cities(current_user),
                            subdivisions=places.subdivision_choices(), federations=federations, **kwargs)


def _render(form: OrganisationForm, organisation=None, status: int = 200):
    return render_template("organisations/form.html", form=form, organisation=organisation), status


def _save(form: OrganisationForm, organisation=None):
    """Create or update from the posted form; the caller commits, or rolls back on a refusal."""
    kind = form.kind_value()
    work_areas = services.work_areas_from_codes(form.all_work_area_codes()) if kind is OrganisationKind.NGO else []
    city = places.get_by_form_value(form.city.data)
    federation = services.get_by_form_value(form.federation.data)
    if organisation is None:
        organisation = services.create_organisation(current_user, form.name.data, kind, city, work_areas)
    else:
        services.update_organisation(current_user, organisation, form.name.data, kind, city, work_areas)
    return services.set_federation(current_user, organisation, federation)


@bp.route("/manage/organisations/")
def manage():
    permissions.require(permissions.can_manage_places(current_user))
    return render_template("organisations/manage.html", organisations=services.manageable_by(current_user),
                           cities=places.coordinated_cities(current_user), kind_labels=KIND_LABELS)


@bp.route("/manage/organisations/new", methods=["GET", "POST"])
def create():
    permissions.require(permissions.can_manage_places(current_user))
    form = _form()
    if not form.validate_on_submit():
        return _render(form, status=400 if form.is_submitted() else 200)
    try:
        organisation = _save(form)
    except services.OrganisationError as error:
        form.refuse(error.field, _message(error))
        return _render(form, status=400)
    flash(_("Organisation “{name}” created.", name=organisation.name))
    return redirect(url_for("organisations.manage"))


@bp.route("/manage/organisations/<int:id>/edit", methods=["GET", "POST"])
def edit(id: int):
    organisation = services.get(id)
    if organisation is None:
        abort(404)
    permissions.require(permissions.can_manage_organisation(current_user, organisation))
    form = _form(organisation, data={
        "name": organisation.name, "kind": organisation.kind.value, "city": str(organisation.city_id),
        "work_areas": [place.code for place in organisation.work_areas],
        "federation": str(organisation.federation_id or "")})
    if not form.validate_on_submit():
        return _render(form, organisation, status=400 if form.is_submitted() else 200)
    try:
        _save(form, organisation)
    except services.OrganisationError as error:
        form.refuse(error.field, _message(error))
        return _render(form, organisation, status=400)
    flash(_("Organisation “{name}” saved.", name=organisation.name))
    return redirect(url_for("organisations.manage"))


@bp.route("/manage/cities/new", methods=["GET", "POST"])
def new_city():
    permissions.require(permissions.can_manage_places(current_user))
    form = CityForm()
    covered = [place for place in places.subdivisions_in_use() if permissions.coordinates(current_user, place)]
    context = {"form": form, "covered": covered}
    if not form.validate_on_submit():
        return render_template("organisations/city.html", **context), 400 if form.is_submitted() else 200
    try:
        subdivision = places.ensure_subdivision(form.subdivision.data or "")
        if not permissions.coordinates(current_user, subdivision):
            not_yours = MESSAGES["subdivision_not_yours"]
            form.refuse("subdivision", _(not_yours, name=subdivision.name, code=subdivision.code))
            return render_template("organisations/city.html", **context), 403
        city = places.ensure_city(subdivision.code, form.name.data or "")
    except places.PlaceError as error:
        form.refuse("name" if error.code.startswith("city_name") else "subdivision", _message(error))
        return render_template("organisations/city.html", **context), 400
    flash(_("{city} ({code}) can now be chosen for campaigns and organisations.", city=city.name,
            code=subdivision.code))
    return redirect(url_for("organisations.manage"))
