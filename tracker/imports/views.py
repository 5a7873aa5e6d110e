"""Upload a platform export, read its preview row by row, commit it; the queue of records awaiting a person."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from tracker import jobs, permissions
from tracker.campaigns import services as campaigns
from tracker.i18n import gettext as _
from tracker.imports import background, labels, operations, planning, queries, uploads
from tracker.imports.models import RecordState
from tracker.imports.forms import FORMAT_LABELS, CommitForm, DecisionForm, MappingForm, UploadForm
from tracker.imports.parsing import ValueRefused

bp = Blueprint("imports", __name__)
PREVIEW_ROWS = 1000  # the preview lists this many rows; the summary counts them all


def _page_context() -> dict:
    return {"outcome_labels": labels.OUTCOMES, "reason_text": labels.reason_text, "format_labels": FORMAT_LABELS}


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    """An upload over the import limit (set for this route before its body is read: tracker.security)."""
    limit = current_app.config["IMPORT_MAX_BYTES"] // (1024 * 1024)
    form = UploadForm(queries.importable_for(current_user) if current_user.is_authenticated else [], formdata=None)
    form.file.errors = [labels.reason_text("too_large", {"limit": limit})]
    return render_template("imports/new.html", form=form), 413


@bp.route("/imports/new", methods=["GET", "POST"])
@login_required
def new():
    importable = queries.importable_for(current_user)
    permissions.require(bool(importable))
    mappings = queries.mappings_for({c.organisation_id for c in importable})
    form = UploadForm(importable, mappings)
    if not form.is_submitted():
        form.campaign.data = str(request.args.get("campaign", type=int) or "")
        return render_template("imports/new.html", form=form)
    campaign = campaigns.get(form.campaign_id()) if form.campaign_id() else None
    upload = request.files.get("file")
    if not form.validate():
        return render_template("imports/new.html", form=form), 400
    if campaign is None or campaign not in importable:
        form.campaign.errors = [_("Choose a campaign.")]
        return render_template("imports/new.html", form=form), 400
    data = upload.read() if upload else b""
    file_name = (upload.filename if upload else "") or "upload.csv"
    mapping = next((m for m in mappings if m.id == form.mapping_id()), None)
    if form.mapping_id() is not None and (mapping is None or mapping.organisation_id != campaign.organisation_id):
        form.format.errors = [labels.reason_text("mapping_not_found", {})]
        return render_template("imports/new.html", form=form), 400
    try:
        plan = planning.plan_import(campaign, data, file_name, form.format_name(), mapping=mapping)
    except ValueRefused as refused:
        form.file.errors = [labels.reason_text(refused.code, refused.params)]
        return render_template("imports/new.html", form=form), 400
    token = uploads.keep(data, current_user.id, campaign_id=campaign.id, file_name=file_name, format=plan.format,
                         mapping_id=mapping.id if mapping else None)
    commit_form = CommitForm(formdata=None, token=token)
    return render_template("imports/preview.html", plan=plan, summary=plan.summary(), commit_form=commit_form,
                           rows=plan.outcomes[:PREVIEW_ROWS], **_page_context())


@bp.route("/imports/mappings/new", methods=["GET", "POST"])
@login_required
def new_mapping():
    organisations = queries.organisations_for(current_user)
    permissions.require(bool(organisations))
    form = MappingForm(organisations)
    if not form.is_submitted():
        return render_template("imports/mapping.html", form=form)
    if form.validate():
        organisation = next((o for o in organisations if o.id == form.organisation_id()), None)
        if organisation is None:
            form.organisation.errors = [_("Choose an organisation")]
            return render_template("imports/mapping.html", form=form), 400
        try:
            mapping = operations.save_mapping(
                current_user, organisation, form.name.data, form.columns(), form.fixed_currency.data,
                form.counted_statuses.data, form.day_order.data, form.decimal_mark.data)
        except operations.ImportRefused as refused:
            form.form_errors.append(labels.reason_text(refused.code, refused.params))
        else:
            flash(_("Mapping “{name}” saved: choose it as the format when you upload.", name=mapping.name))
            return redirect(url_for("imports.new"), 303)
    return render_template("imports/mapping.html", form=form), 400


@bp.route("/imports/commit", methods=["POST"])
@login_required
def commit():
    permissions.require(bool(queries.importable_for(current_user)))
    form = CommitForm()
    if not form.validate():
        abort(400)
    kept = uploads.fetch(form.token.data, current_user.id)
    if kept is None:
        flash(_("This preview has expired: upload the file again."))
        return redirect(url_for("imports.new"), 303)
    path, details = kept
    campaign = campaigns.get(details["campaign_id"])
    permissions.require(campaign is not None and permissions.can_import_for(current_user, campaign))
    if uploads.size(path) > current_app.config["IMPORT_BACKGROUND_BYTES"]:
        job_id = jobs.start(background.JOB, current_user.id, token=form.token.data)
        return redirect(url_for("imports.job", job_id=job_id), 303)
    # Read again against the database as it is now: another import may have landed since the preview.
    mapping = queries.mapping(details.get("mapping_id")) if details.get("mapping_id") else None
    try:
        plan = planning.plan_import(campaign, path, details["file_name"], details["format"], mapping=mapping)
    except ValueRefused as refused:  # forgotten meanwhile: committed by another request (a second tap)
        flash(labels.reason_text(refused.code, refused.params))
        return redirect(url_for("imports.new"), 303)
    try:
        batch = operations.commit_import(current_user, plan)
    except operations.ImportRefused as refused:
        flash(labels.reason_text(refused.code, refused.params))
        return render_template("imports/preview.html", plan=plan, summary=plan.summary(),
                               commit_form=CommitForm(formdata=None, token=form.token.data),
                               rows=plan.outcomes[:PREVIEW_ROWS], **_page_context()), 400
    uploads.forget(form.token.data)
    flash(_("Imported: {new} new gifts, {refunds} refunds.", new=batch.new, refunds=batch.refunds))
    return redirect(url_for("imports.batch", batch_id=batch.id), 303)


@bp.route("/imports/jobs/<job_id>")
@login_required
def job(job_id: str):
    """How far a large import has got; the page reloads itself until it is done."""
    found = jobs.state(job_id)
    if found is None or found.get("owner_id") != current_user.id:
        abort(404)
    if found["state"] == "done":
        flash(_("Imported: {new} new gifts, {refunds} refunds.", new=found["result"]["new"],
                refunds=found["result"]["refunds"]))
        return redirect(url_for("imports.batch", batch_id=found["result"]["batch"]), 303)
    message = labels.reason_text(found["code"], found.get("params")) if found["state"] == "refused" else ""
    return render_template("imports/job.html", job=found, message=message)


@bp.route("/imports/<int:batch_id>")
@login_required
def batch(batch_id: int):
    found = queries.batch(batch_id)
    if found is None:
        abort(404)
    permissions.require(permissions.can_decide_import(current_user, found.campaign))
    return render_template("imports/batch.html", batch=found, records=queries.records_of(batch_id),
                           **_page_context())


@bp.route("/imports/records/<int:record_id>/decide", methods=["POST"])
@login_required
def decide(record_id: int):
    record = queries.record(record_id)
    if record is None or record.state is not RecordState.AWAITING_DECISION:
        abort(404)
    permissions.require(permissions.can_decide_import(current_user, record.batch.campaign))
    form = DecisionForm()
    if not form.validate() or form.chosen() is None:
        flash(_("Choose whether it is the same gift or another one."))
        return redirect(url_for("review.index", kind="duplicates"), 303)
    if form.chosen() == "merge":
        donation = operations.merge_with_typed(current_user, record)
        flash(_("Merged: gift #{gift} is verified by the imported record.", gift=donation.id))
    else:
        donation = operations.keep_separate(current_user, record)
        flash(_("Logged as a gift of its own: #{gift}.", gift=donation.id))
    return redirect(url_for("review.index", kind="duplicates"), 303)
