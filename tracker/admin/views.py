"""Admin pages: user accounts with their roles, and the exchange rates the ECB does not publish."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from tracker import permissions
from tracker.accounts import passwords
from tracker.accounts import services as accounts
from tracker.accounts.models import Role
from tracker.admin.forms import ROLE_LABELS, RateForm, UserForm
from tracker.i18n import N_, gettext as _
from tracker.organisations import services as organisations
from tracker.places import services as places
from tracker.rates import services as rates
from tracker.rollups import rate_conversion

bp = Blueprint("admin", __name__)

# Refusals by AccountError / PlaceError code, and the field each concerns.
USER_MESSAGES = {
    "email_invalid": ("email", N_("Enter a valid email address.")),
    "email_taken": ("email", N_("An account with the email {email} already exists.")),
    "name_too_long": ("name", N_("The name is too long: at most {length} characters.")),
    **{code: ("password", message) for code, message in passwords.MESSAGES.items()},
    "cannot_demote_self": ("role", N_("You cannot remove your own administrator role or close your own account.")),
    "organisation_unknown": ("organisations", N_("One of the chosen organisations no longer exists.")),
    "unknown_region": ("regions", N_("“{code}” is not a region: use world, a country (FR), a subdivision (FR-IDF) "
                                  "or an existing city (FR-IDF/paris).")),
    "unknown_country": ("regions", N_("“{code}” is not an ISO 3166 country code.")),
    "unknown_subdivision": ("regions", N_("“{code}” is not an ISO 3166-2 subdivision code.")),
}

# Refusals by RateError code.
RATE_MESSAGES = {
    "currency_unknown": N_("“{currency}” is not an ISO 4217 currency code."),
    "currency_is_base": N_("Rates are units per euro: the euro itself needs no rate."),
    "date_required": N_("Enter the day the rate applies to."),
    "date_in_future": N_("{day} is in the future: enter a rate for a day that has begun."),
    "rate_required": N_("Enter how many units of the currency one euro buys."),
    "rate_invalid": N_("“{text}” is not a rate: enter a number of units per euro, e.g. 4700 or 1.1702."),
    "rate_out_of_range": N_("The rate must be more than zero and at most one billion units per euro."),
    "rate_ambiguous": N_("“{text}” is ambiguous: write {whole} for thousands, or {decimal} with a decimal point."),
    "source_required": N_("Say where the rate comes from."),
    "source_too_long": N_("This is too long: at most {length} characters."),
}


class _Refusal(Exception):
    """What the form names cannot be found: an organisation that is gone, a code that is no region."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def _require_admin() -> None:
    permissions.require(permissions.can_admin(current_user))


def _user_form(**kwargs) -> UserForm:
    return UserForm(organisations=organisations.all_organisations(), **kwargs)


def _links(form: UserForm, role: Role) -> tuple[list, list]:
    """The organisations and regions the form names, for the role that uses them."""
    chosen, regions = [], []
    if role is Role.VOLUNTEER:
        chosen = [organisations.get_by_form_value(value) for value in form.organisations.data or []]
        if any(organisation is None for organisation in chosen):
            raise _Refusal("organisation_unknown")
    if role is Role.COORDINATOR:
        try:
            regions = [places.resolve_region(code) for code in places.split_codes(form.regions.data)]
        except places.PlaceError as error:
            raise _Refusal(error.code, **error.params)
    return chosen, regions


def _refuse_user(form: UserForm, code: str, params: dict) -> None:
    field, message = USER_MESSAGES.get(code, (None, N_("The request could not be understood.")))
    form.refuse(field, _(message, **params))


def _render_user(form: UserForm, user=None, status: int = 200):
    return render_template("admin/user_form.html", form=form, user=user,
                           min_password=accounts.MIN_PASSWORD_LENGTH), status


@bp.route("/admin/users/")
def users():
    _require_admin()
    return render_template("admin/users.html", users=accounts.all_users(), role_labels=ROLE_LABELS)


@bp.route("/admin/users/new", methods=["GET", "POST"])
def create_user():
    _require_admin()
    form = _user_form()
    if not form.validate_on_submit():
        return _render_user(form, status=400 if form.is_submitted() else 200)
    role = form.role_value()
    try:
        chosen, regions = _links(form, role)
        user = accounts.create_user(form.email.data or "", form.password.data or "", form.name.data or "", role,
                                    organisations=chosen, regions=regions, active=bool(form.active.data),
                                    chosen_by_admin=True)
    except (accounts.AccountError, _Refusal) as error:
        _refuse_user(form, error.code, error.params)
        return _render_user(form, status=400)
    flash(_("Account created for {email}.", email=user.email))
    return redirect(url_for("admin.users"))


@bp.route("/admin/users/<int:id>/edit", methods=["GET", "POST"])
def edit_user(id: int):
    _require_admin()
    user = accounts.get(id)
    if user is None:
        abort(404)
    form = _user_form(data={"email": user.email, "name": user.name, "role": user.role.value,
                            "organisations": [str(o.id) for o in user.organisations],
                            "regions": ", ".join(region.slug for region in user.regions), "active": user.active})
    if not form.validate_on_submit():
        return _render_user(form, user, status=400 if form.is_submitted() else 200)
    role = form.role_value()
    try:
        chosen, regions = _links(form, role)
        accounts.update_user(user, email=form.email.data or "", name=form.name.data or "", role=role,
                             active=bool(form.active.data), organisations=chosen, regions=regions,
                             password=form.password.data or None, actor=current_user)
    except (accounts.AccountError, _Refusal) as error:
        _refuse_user(form, error.code, error.params)
        return _render_user(form, user, status=400)
    flash(_("Account of {email} saved.", email=user.email))
    return redirect(url_for("admin.users"))


@bp.route("/admin/rates/", methods=["GET", "POST"], endpoint="rates")
def rates_page():
    _require_admin()
    form = RateForm()
    status = 200
    if form.validate_on_submit():
        try:
            rate = rates.add_rate(current_user, form.currency.data, form.day.data, form.per_eur.data,
                                  form.source.data)
        except rates.RateError as error:
            form.refuse(error.field, _(RATE_MESSAGES.get(error.code, N_("The request could not be understood.")),
                                       **error.params))
            status = 400
        else:
            flash(_("Rate saved: 1 EUR = {rate} {currency} on {day}.", rate=f"{rate.per_eur:f}",
                    currency=rate.currency, day=rate.day))
            if rates.ecb_has(rate.currency, rate.day):
                flash(_("The ECB published its own {currency} rate for that day; conversions keep using the ECB's.",
                        currency=rate.currency), "warning")
            return redirect(url_for("admin.rates"))
    elif form.is_submitted():
        status = 400
    return render_template("admin/rates.html", form=form, history=rates.history(), freshness=rates.freshness(),
                           last_ecb_day=rates.last_ecb_day(), converting=rate_conversion.pending()), status
