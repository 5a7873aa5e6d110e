"""A donor's requests: erase their details from a gift; see and download what is held about them."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from tracker import permissions
from tracker.donations import queries as donations
from tracker.donations.operations import DonationError
from tracker.donors import operations
from tracker.i18n import gettext as _

bp = Blueprint("donors", __name__)


@bp.route("/donations/<int:donation_id>/erase", methods=["GET", "POST"])
@login_required
def erase(donation_id: int):
    donation = donations.get(donation_id) or abort(404)
    permissions.require(permissions.can_erase_donor(current_user, donation))
    form = FlaskForm()
    if not form.validate_on_submit():
        return render_template("donors/erase.html", form=form, donation=donation), 400 if form.is_submitted() else 200
    try:
        operations.erase_donor(current_user, donation)
    except DonationError:
        abort(403)
    flash(_("The donor's name and contact are erased from this gift and its history. Its amount still counts."))
    return redirect(url_for("donations.detail", donation_id=donation.id), 303)


@bp.route("/donors/data")
@login_required
def held_data():
    permissions.require(permissions.can_answer_donor_requests(current_user))
    who = (request.args.get("who") or "")[:254]
    gifts = operations.held_about(current_user, who)
    if request.args.get("download") and who.strip():
        body = json.dumps(operations.export(gifts), ensure_ascii=False, indent=2)
        return Response(body, mimetype="application/json",
                        headers={"Content-Disposition": 'attachment; filename="donor-data.json"'})
    return render_template("donors/data.html", who=who, gifts=gifts, limit=operations.EXPORT_LIMIT)
