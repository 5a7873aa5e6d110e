"""Coordinators' campaign pages: the list of campaigns they manage, creating and editing one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from tracker import money, permissions
from tracker.campaigns import services
from tracker.campaigns.forms import KIND_LABELS, STATUS_LABELS, CampaignForm, recipient_data
from tracker.i18n import N_, gettext as _
from tracker.i18n import MONEY_ERRORS, money_error_message
from tracker.organisations import services as organisations
from tracker.places import services as places

bp = Blueprint("campaigns", __name__)

# Refusals by CampaignError code (goal amounts are refused with the money messages).
MESSAGES = {
    "name_required": N_("Give the campaign a name."),
    "name_too_long": N_("The name is too long: at most {length} characters."),
    "text_too_long": N_("This is too long: at most {length} characters."),
    "organisation_required": N_("Choose the organisation that runs the campaign."),
    "organisation_not_yours": N_("{name} is not in your regions: choose an organisation you coordinate."),
    "city_required": N_("Choose the city where the campaign takes place."),
    "region_not_yours": N_("{place} is not in your regions."),
    "currency_unknown": N_("“{currency}” is not an ISO 4217 currency code."),
    "date_required": N_("Enter the day the campaign starts."),
    "ends_before_start": N_("The campaign cannot end before it starts."),
    "recipient_not_ngo": N_("{name} is not an NGO: only NGOs can receive a campaign's funds."),
    "share_invalid": N_("The share for {name} must be a percentage above 0 and at most 100."),
    "shares_must_total_100": N_("Give every NGO a share and make the shares total 100 %, or leave all shares empty."),
}


def refusal_message(error: services.CampaignError) -> str:
    if error.field == "goal" and error.code in MONEY_ERRORS:
        return money_error_message(money.MoneyError(error.code, **error.params))
    return _(MESSAGES.get(error.code, N_("The request could not be understood.")), **error.params)


def _form(**kwargs) -> CampaignForm:
    return CampaignForm(organisations=organisations.manageable_by(current_user),
                        cities=places.coordinated_cities(current_user), ngos=organisations.ngos(), **kwargs)


def _entry(form: CampaignForm) -> services.CampaignEntry:
    recipients = [(organisations.get_by_form_value(ngo), share) for ngo, share in form.recipient_rows()]
    return services.CampaignEntry(
        name=form.name.data or "", organisation=organisations.get_by_form_value(form.organisation.data),
        city=places.get_by_form_value(form.city.data), kind=form.kind_value(), currency=form.currency.data or "",
        goal=form.goal.data or "", starts_on=form.starts_on.data, ends_on=form.ends_on.data,
        status=form.status_value(), description=form.description.data or "", is_public=form.is_public.data,
        source_note=form.source_note.data or "", recipients=recipients)


def _render(form: CampaignForm, campaign=None, status: int = 200):
    return render_template("campaigns/form.html", form=form, campaign=campaign,
                           currencies=money.REPORTING_CURRENCIES), status


@bp.route("/manage/campaigns/")
def manage():
    permissions.require(permissions.can_manage_places(current_user))
    return render_template("campaigns/manage.html", campaigns=services.manageable_by(current_user),
                           kind_labels=KIND_LABELS, status_labels=STATUS_LABELS)


@bp.route("/manage/campaigns/new", methods=["GET", "POST"])
def create():
    permissions.require(permissions.can_manage_places(current_user))
    form = _form()
    if not form.validate_on_submit():
        return _render(form, status=400 if form.is_submitted() else 200)
    try:
        campaign = services.create_campaign(current_user, _entry(form))
    except services.CampaignError as error:
        form.refuse(error.field, refusal_message(error))
        return _render(form, status=400)
    flash(_("Campaign “{name}” created.", name=campaign.name))
    return redirect(url_for("campaigns.manage"))


@bp.route("/manage/campaigns/<int:campaign_id>/edit", methods=["GET", "POST"])
def edit(campaign_id: int):
    campaign = services.get(campaign_id)
    if campaign is None:
        abort(404)
    permissions.require(permissions.can_manage_campaign(current_user, campaign))
    form = _form(data=_current_values(campaign))
    if campaign.organisation_id not in {int(value) for value, _label in form.organisation.choices if value}:
        # An organiser outside the coordinator's regions stays selectable on its own campaign.
        form.organisation.choices.append((str(campaign.organisation_id), campaign.organisation.name))
    if not form.validate_on_submit():
        return _render(form, campaign, status=400 if form.is_submitted() else 200)
    try:
        services.update_campaign(current_user, campaign, _entry(form))
    except services.CampaignError as error:
        form.refuse(error.field, refusal_message(error))
        return _render(form, campaign, status=400)
    flash(_("Campaign “{name}” saved.", name=campaign.name))
    return redirect(url_for("campaigns.manage"))


def _current_values(campaign) -> dict:
    goal = "" if campaign.goal_minor is None else f"{money.from_minor(campaign.goal_minor, campaign.currency):f}"
    return {"name": campaign.name, "organisation": str(campaign.organisation_id), "city": str(campaign.city_id),
            "kind": campaign.kind.value, "currency": campaign.currency, "goal": goal,
            "starts_on": campaign.starts_on, "ends_on": campaign.ends_on, "status": campaign.status.value,
            "description": campaign.description, "is_public": campaign.is_public,
            "source_note": campaign.source_note, "recipients": recipient_data(campaign)}
