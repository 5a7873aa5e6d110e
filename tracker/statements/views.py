"""Upload a bank statement, see how its lines were matched, and decide on the lines nothing explained."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from tracker import permissions
from tracker.i18n import gettext as _
from tracker.statements import labels, operations, queries
from tracker.statements.forms import CsvMappingForm, LineDecisionForm, StatementForm
from tracker.statements.parsing import StatementRefused

bp = Blueprint("statements", __name__)


def _context() -> dict:
    return {"state_labels": labels.STATES}


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    form = StatementForm(queries.organisations_for(current_user) if current_user.is_authenticated else [],
                         formdata=None)
    form.file.errors = [_("The file is larger than {limit} MB.",
                          limit=current_app.config["IMPORT_MAX_BYTES"] // (1024 * 1024))]
    return render_template("statements/new.html", form=form), 413


@bp.route("/statements/new", methods=["GET", "POST"])
@login_required
def new():
    organisations = queries.organisations_for(current_user)
    permissions.require(bool(organisations))
    mappings = queries.csv_mappings_of({o.id for o in organisations})
    form = StatementForm(organisations, mappings)
    if not form.is_submitted():
        return render_template("statements/new.html", form=form)
    if not form.validate():
        return render_template("statements/new.html", form=form), 400
    organisation = next((o for o in organisations if o.id == form.organisation_id()), None)
    if organisation is None:
        form.organisation.errors = [_("Choose an organisation")]
        return render_template("statements/new.html", form=form), 400
    mapping = next((m for m in mappings if m.id == form.mapping_id()), None)
    if form.mapping.data and (mapping is None or mapping.organisation_id != organisation.id):
        form.mapping.errors = [labels.reason_text("mapping_not_found", {})]
        return render_template("statements/new.html", form=form), 400
    upload = form.file.data
    try:
        statement, summary = operations.import_statement(current_user, organisation, upload.read() if upload else b"",
                                                         (upload.filename if upload else "") or "statement", mapping)
    except StatementRefused as refused:
        form.file.errors = [labels.reason_text(refused.code, refused.params)]
        return render_template("statements/new.html", form=form), 400
    flash(_("Statement stored: {gifts} lines pay in gifts, {payouts} are payouts, {unmatched} wait for a person.",
            **summary))
    return redirect(url_for("statements.detail", statement_id=statement.id), 303)


@bp.route("/statements/mappings/new", methods=["GET", "POST"])
@login_required
def new_mapping():
    organisations = queries.organisations_for(current_user)
    permissions.require(bool(organisations))
    form = CsvMappingForm(organisations)
    if not form.is_submitted():
        return render_template("statements/mapping.html", form=form)
    if form.validate():
        organisation = next((o for o in organisations if o.id == form.organisation_id()), None)
        if organisation is None:
            form.organisation.errors = [_("Choose an organisation")]
            return render_template("statements/mapping.html", form=form), 400
        try:
            mapping = operations.save_csv_mapping(current_user, organisation, form.name.data, form.account.data,
                                                  form.columns(), form.fixed_currency.data, form.day_order.data,
                                                  form.decimal_mark.data)
        except StatementRefused as refused:
            form.form_errors.append(labels.reason_text(refused.code, refused.params))
        else:
            flash(_("Mapping “{name}” saved: choose it as the format when you upload the bank's CSV.",
                    name=mapping.name))
            return redirect(url_for("statements.new"), 303)
    return render_template("statements/mapping.html", form=form), 400


@bp.route("/statements/<int:statement_id>")
@login_required
def detail(statement_id: int):
    statement = queries.statement(statement_id)
    if statement is None:
        abort(404)
    permissions.require(permissions.coordinates(current_user, statement.organisation.city))
    return render_template("statements/detail.html", statement=statement, lines=queries.lines_of(statement_id),
                           **_context())


@bp.route("/statements/queue")
@login_required
def queue():
    permissions.require(permissions.can_view_dashboards(current_user))
    lines = queries.unmatched(current_user)
    campaigns = queries.active_campaigns_of({line.organisation_id for line in lines})
    return render_template("statements/queue.html", lines=lines, campaigns=campaigns, form=LineDecisionForm(),
                           **_context())


@bp.route("/statements/lines/<int:line_id>/decide", methods=["POST"])
@login_required
def decide(line_id: int):
    line = queries.line(line_id)
    if line is None:
        abort(404)
    permissions.require(permissions.coordinates(current_user, line.organisation.city))
    form = LineDecisionForm()
    if not form.validate():
        abort(400)
    try:
        if form.action.data == "log":
            campaign_id = form.number(form.campaign)
            donation = operations.log_as_gift(current_user, line, queries.campaign(campaign_id) if campaign_id else None)
            flash(_("Logged as gift #{gift}, verified by the bank line.", gift=donation.id))
        elif form.action.data == "link":
            gift_id = form.number(form.gift)
            donation = operations.link_to_gift(current_user, line, queries.donation(gift_id) if gift_id else None)
            flash(_("Gift #{gift} is verified by the bank line.", gift=donation.id))
        elif form.action.data == "aside":
            operations.set_aside(current_user, line, form.reason.data)
            flash(_("The line is set aside."))
        else:
            flash(_("Choose what to do with the line."))
    except operations.LineRefused as refused:
        flash(labels.reason_text(refused.code, refused.params))
        return redirect(url_for("statements.queue"), 303) if refused.code == "line_decided" else (
            render_template("statements/queue.html", lines=queries.unmatched(current_user), form=form,
                            campaigns=queries.active_campaigns_of({line.organisation_id}), **_context()), 400)
    return redirect(url_for("statements.queue"), 303)
