"""Logging a gift on a phone, the volunteer's own entries, and correcting, voiding, verifying."""

from __future__ import annotations

import json

import segno
from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from markupsafe import Markup

from tracker import permissions, signals
from tracker.security import public_site
from tracker.campaigns import services as campaigns
from tracker.donations import operations, queries, receipt_mail
from tracker.donations.forms import (KIND_LABELS, METHOD_LABELS, STATUS_LABELS, CorrectionForm, GiftSearchForm,
                                     NewGiftForm, StatusForm, VoidForm)
from tracker.donations.models import Donation, DonationStatus, GiftKind, Method
from tracker.i18n import MONEY_ERRORS, N_, gettext as _
from tracker.rates import services as rates

bp = Blueprint("donations", __name__)

LAST_CAMPAIGN_KEY = "donations.last_campaign_id"
RECEIPT_MAIL_KEY = "donations.receipt_mail"  # gift id → how its receipt mail went, for the receipt screen
RECEIPT_MAILS_KEPT = 10

# Refusals by code, in English; translated with _() when shown. Money codes use MONEY_ERRORS.
MESSAGES = {
    "campaign_required": N_("Choose a campaign."),
    "campaign_not_allowed": N_("You cannot log gifts for the campaign “{campaign}”."),
    "date_required": N_("Enter the day the gift was received or promised."),
    "date_invalid": N_("Enter the date as a calendar date (year-month-day)."),
    "date_in_future": N_("{day} is in the future: enter the day the gift was received or promised."),
    "date_too_early": N_("{day} is too early: gifts can be recorded from 4 January 1999."),
    "status_not_allowed": N_("A new gift is either received or pledged."),
    "choice_invalid": N_("Choose one of the options offered."),
    "takings_not_an_evening": N_("Only a charity evening's gifts say what they paid for (tickets, meals, auction)."),
    "item_required": N_("Say what was given, for example rice or blankets."),
    "text_too_long": N_("This is too long: at most {length} characters."),
    "quantity_invalid": N_("Enter a whole quantity from 1 to 1,000,000."),
    "donor_too_long": N_("The donor's name or contact is too long."),
    "reason_required": N_("Give the reason for this change."),
    "reason_too_long": N_("The reason is too long: 500 characters at most."),
    "donation_not_editable": N_("You cannot change this entry."),
    "donation_not_verifiable": N_("You cannot verify this entry."),
    "probable_duplicate": N_("Gift #{gift}, logged by {name}, has the same amount, day, method and donor: this may be "
                             "the same gift typed twice. If it is another gift, tick “This is another gift” and save "
                             "again."),
}
# Refusals that are about who asks, not what was typed.
FORBIDDEN_CODES = ("donation_not_editable", "donation_not_verifiable")


def error_message(error: operations.DonationError) -> str:
    template = MESSAGES.get(error.code) or MONEY_ERRORS.get(error.code) or N_("The request could not be understood.")
    return _(template, **error.params)


def _show_error(form, error: operations.DonationError) -> None:
    """Put the message next to the field it is about, or above the form."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, error_message(error)]
    else:
        form.form_errors.append(error_message(error))


def _donation_or_404(donation_id: int) -> Donation:
    donation = queries.get(donation_id)
    if donation is None:
        abort(404)
    return donation


def _labels() -> dict:
    return {"kind_labels": KIND_LABELS, "method_labels": METHOD_LABELS, "status_labels": STATUS_LABELS,
            "GiftKind": GiftKind, "DonationStatus": DonationStatus}


def _preselected_campaign_id(loggable) -> str:
    ids = [c.id for c in loggable]
    asked = request.args.get("campaign", type=int)
    if asked in ids:
        return str(asked)
    remembered = session.get(LAST_CAMPAIGN_KEY)
    if remembered in ids:
        return str(remembered)
    return str(ids[0]) if len(ids) == 1 else ""


@bp.route("/donations/new", methods=["GET", "POST"])
@login_required
def new():
    permissions.require(permissions.is_staff(current_user))
    loggable = campaigns.loggable_for(current_user)
    form = NewGiftForm(loggable)
    if not form.is_submitted():
        form.campaign.data = _preselected_campaign_id(loggable)
        return render_template("donations/new.html", form=form, campaigns=loggable, **_labels())
    if form.validate():  # the CSRF token; everything else is checked by operations
        try:
            campaign = campaigns.get(form.campaign_id()) if form.campaign_id() else None
            donation, created = operations.log_donation(current_user, form.entry(campaign))
        except operations.DonationError as error:
            _show_error(form, error)
        else:
            session[LAST_CAMPAIGN_KEY] = donation.campaign_id
            if created:
                flash(_("Gift recorded."))
                gift_id = donation.id
                receipt_mail.send_when_committed(donation, _check_url(donation),
                                                 lambda outcome: _remember_mail(gift_id, outcome))
                if not rates.rate_book().has_rate(donation.currency, donation.received_on):
                    flash(_("No exchange rate for {currency} on {day} yet: the gift counts in {currency} now, and "
                            "in other currencies as soon as the rate arrives.", currency=donation.currency,
                            day=donation.received_on))
            else:
                flash(_("This gift was already recorded."))
            return redirect(url_for("donations.receipt", donation_id=donation.id), 303)
    return render_template("donations/new.html", form=form, campaigns=loggable, **_labels()), 400


@bp.route("/donations/mine")
@login_required
def mine():
    """What this volunteer logged, latest first, a page at a time, searched by donor, code, item or campaign."""
    permissions.require(permissions.is_staff(current_user))
    form = GiftSearchForm(request.args)
    if not form.validate():
        return render_template("donations/mine.html", form=form, found=None, **_labels()), 400
    found = queries.gift_page(queries.logged_by(current_user), form.search(), form.page_number)
    editable = {d.id for d in found.gifts if permissions.can_edit_donation(current_user, d)}
    kept = {name: request.args.getlist(name) for name in ("q", "status") if request.args.getlist(name)}
    return render_template("donations/mine.html", form=form, found=found, editable=editable, args=kept,
                           searched=bool(kept), **_labels())


def _revision_rows(donation: Donation, show_donor: bool) -> list[dict]:
    """Each earlier state of the gift, newest first, as the page shows it."""
    rows = []
    for revision in reversed(donation.revisions):
        before = json.loads(revision.snapshot)
        rows.append({
            "number": revision.number, "reason": revision.reason, "changed_by": revision.changed_by.name,
            "changed_at": revision.changed_at, "before": before,
            "status": DonationStatus(before["status"]), "kind": GiftKind(before["kind"]),
            "method": Method(before["method"]),
            "donor": (before.get("donor_name") or "") if show_donor else "",
        })
    return rows


def _render_detail(donation: Donation, status_form: StatusForm | None = None):
    can_edit = permissions.can_edit_donation(current_user, donation)
    show_donor = permissions.can_see_donor(current_user, donation)
    permissions.require(permissions.can_see_gift(current_user, donation))
    return render_template(
        "donations/detail.html", donation=donation, show_donor=show_donor, can_edit=can_edit,
        can_verify=permissions.can_verify(current_user, donation),
        can_erase=permissions.can_erase_donor(current_user, donation),
        can_log_again=permissions.can_log_for(current_user, donation.campaign),
        revisions=_revision_rows(donation, show_donor), status_form=status_form or StatusForm(),
        panels=signals.collect(signals.gift_page_panels, donation=donation, show_donor=show_donor), **_labels())


@bp.route("/donations/<int:donation_id>")
@login_required
def detail(donation_id: int):
    return _render_detail(_donation_or_404(donation_id))


def _check_url(donation: Donation) -> str:
    """The public receipt check with the gift's code filled in, as a link from anywhere."""
    return public_site() + url_for("public.receipt", code=donation.receipt_code)


def _remember_mail(gift_id: int, outcome: receipt_mail.MailOutcome) -> None:
    kept = {**session.get(RECEIPT_MAIL_KEY, {}), str(gift_id): outcome.value}
    session[RECEIPT_MAIL_KEY] = dict(list(kept.items())[-RECEIPT_MAILS_KEPT:])


@bp.route("/donations/<int:donation_id>/receipt")
@login_required
def receipt(donation_id: int):
    """The receipt to show the donor or print: the code, large, and a QR code of the receipt check."""
    donation = _donation_or_404(donation_id)
    permissions.require(permissions.can_see_gift(current_user, donation))
    check_url = _check_url(donation)
    qr_code = Markup(segno.make_qr(check_url, error="m").svg_inline(scale=4, omitsize=True, svgclass="qr-code"))
    mailed = session.get(RECEIPT_MAIL_KEY, {}).get(str(donation.id))
    return render_template(
        "donations/receipt.html", donation=donation, check_url=check_url, qr_code=qr_code,
        check_page=public_site() + url_for("public.receipt"),
        mail_outcome=receipt_mail.MailOutcome(mailed) if mailed else None, MailOutcome=receipt_mail.MailOutcome,
        show_donor=permissions.can_see_donor(current_user, donation),
        can_log_again=permissions.can_log_for(current_user, donation.campaign), **_labels())


@bp.route("/donations/<int:donation_id>/edit", methods=["GET", "POST"])
@login_required
def edit(donation_id: int):
    donation = _donation_or_404(donation_id)
    permissions.require(permissions.can_edit_donation(current_user, donation))
    loggable = campaigns.loggable_for(current_user)
    if donation.campaign not in loggable:
        loggable = [donation.campaign, *loggable]  # shown as it is; operations decides if it may stay
    form = CorrectionForm(loggable)
    if not form.is_submitted():
        form.fill(operations.entry_from(donation))
        return render_template("donations/edit.html", form=form, donation=donation, **_labels())
    status = 400
    if form.validate():
        try:
            campaign = campaigns.get(form.campaign_id()) if form.campaign_id() else None
            operations.correct_donation(current_user, donation, form.entry(campaign), form.reason.data)
        except operations.DonationError as error:
            _show_error(form, error)
            status = 403 if error.code in FORBIDDEN_CODES else 400
        else:
            flash(_("The correction is saved; the earlier values are kept in the history."))
            return redirect(url_for("donations.detail", donation_id=donation.id), 303)
    return render_template("donations/edit.html", form=form, donation=donation, **_labels()), status


@bp.route("/donations/<int:donation_id>/void", methods=["GET", "POST"])
@login_required
def void(donation_id: int):
    donation = _donation_or_404(donation_id)
    permissions.require(permissions.can_edit_donation(current_user, donation))
    form = VoidForm()
    if not form.is_submitted():
        return render_template("donations/void.html", form=form, donation=donation, **_labels())
    status = 400
    if form.validate():
        try:
            operations.void_donation(current_user, donation, form.reason.data)
        except operations.DonationError as error:
            _show_error(form, error)
            status = 403 if error.code in FORBIDDEN_CODES else 400
        else:
            flash(_("The entry is void: it no longer counts in any total."))
            return redirect(url_for("donations.detail", donation_id=donation.id), 303)
    return render_template("donations/void.html", form=form, donation=donation, **_labels()), status


@bp.route("/donations/<int:donation_id>/verify", methods=["POST"])
@login_required
def verify(donation_id: int):
    donation = _donation_or_404(donation_id)
    permissions.require(permissions.can_verify(current_user, donation))
    form = StatusForm()
    if form.validate():  # the CSRF token
        try:
            status = form.chosen_status()
            operations.set_status(current_user, donation, status)
        except operations.DonationError as error:
            _show_error(form, error)
            return _render_detail(donation, form), 403 if error.code in FORBIDDEN_CODES else 400
        if status is DonationStatus.VERIFIED:
            flash(_("The entry is verified."))
        else:
            flash(_("The entry is marked as received."))
        return redirect(url_for("donations.detail", donation_id=donation.id), 303)
    return _render_detail(donation, form), 400
