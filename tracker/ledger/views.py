"""A campaign's money page: its costs, transfers, pass-throughs and claims, and the forms that add them;
the proofs, served only to those who record the campaign's money."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from tracker import permissions
from tracker.campaigns import services as campaigns
from tracker.i18n import MONEY_ERRORS, N_, gettext as _
from tracker.ledger import documents, labels, operations, queries
from tracker.ledger.forms import AcknowledgeForm, ClaimForm, CostForm, SentForm, TransferForm, VoidForm, upload_of
from tracker.ledger.models import TransferStatus
from tracker.organisations import services as organisations

bp = Blueprint("ledger", __name__)


def _message(code: str, params: dict) -> str:
    template = labels.MESSAGES.get(code) or MONEY_ERRORS.get(code) or N_("The request could not be understood.")
    return _(template, **params)


def _show(form, error) -> None:
    field = getattr(form, getattr(error, "field", None) or "", None)
    message = _message(error.code, error.params)
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, message]
    else:
        form.form_errors.append(message)


def _campaign(campaign_id: int):
    campaign = campaigns.get(campaign_id)
    if campaign is None:
        abort(404)
    permissions.require(permissions.can_record_money(current_user, campaign))
    return campaign


def _forms(campaign, **given) -> dict:
    recipients = queries.recipients(campaign)
    targets = queries.pass_through_targets(campaign)
    made = {"cost_form": CostForm(campaign, formdata=None),
            "transfer_form": TransferForm(campaign, recipients, targets, formdata=None),
            "claim_form": ClaimForm(campaign, formdata=None)}
    made.update(given)
    return made


def _render(campaign, status: int = 200, **given):
    context = {
        "campaign": campaign, "costs": queries.costs_of(campaign.id), "transfers": queries.transfers_from(campaign.id),
        "passed_in": queries.transfers_to(campaign.id), "claims": queries.claims_of(campaign.id),
        "category_labels": labels.CATEGORY_LABELS, "status_labels": labels.TRANSFER_STATUS_LABELS,
        "TransferStatus": TransferStatus, "error_row": None,
        # Forms drawn once per transfer or cost: fresh ones, but the refused one (`error_row`) as it was sent.
        "blank": {"sent": SentForm(formdata=None), "acknowledge": AcknowledgeForm(formdata=None),
                  "void": VoidForm(formdata=None)}, "sent_form": None, "acknowledge_form": None, "void_form": None,
        "can_claim": permissions.can_manage_campaign(current_user, campaign), **_forms(campaign, **given)}
    return render_template("ledger/money.html", **context), status


def _refused(error) -> int:
    return 403 if error.code == "not_allowed" else 400


def _refused_action(campaign, error, row: str, **form):
    """The money page again, the refusal said at its top and at the entry's own form, if it is drawn."""
    return _render(campaign, _refused(error), refusal=_message(error.code, error.params), error_row=row, **form)


def _document(form_field, campaign):
    upload = upload_of(form_field)
    return documents.store(current_user, campaign.id, *upload) if upload else None


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    limit = current_app.config["DOCUMENT_MAX_BYTES"] // (1024 * 1024)
    return render_template("ledger/too_large.html", message=_message("document_too_large", {"limit": limit})), 413


@bp.route("/campaigns/<int:campaign_id>/money")
@login_required
def money(campaign_id: int):
    return _render(_campaign(campaign_id))


@bp.route("/campaigns/<int:campaign_id>/costs", methods=["POST"])
@login_required
def add_cost(campaign_id: int):
    campaign = _campaign(campaign_id)
    form = CostForm(campaign)
    if not form.validate():
        return _render(campaign, 400, cost_form=form)
    try:
        entry = form.entry()
        entry.evidence = _document(form.evidence, campaign)
        operations.record_cost(current_user, campaign, entry)
    except documents.DocumentRefused as error:
        form.evidence.errors = [_message(error.code, error.params)]
        return _render(campaign, 400, cost_form=form)
    except operations.LedgerError as error:
        _show(form, error)
        return _render(campaign, _refused(error), cost_form=form)
    flash(_("Cost recorded."))
    return redirect(url_for("ledger.money", campaign_id=campaign.id), 303)


def _destination(form):
    """The NGO or the campaign chosen; operations check it is one this campaign may send to."""
    found = form.destination_ids()
    if found is None:
        return None, None
    kind, number = found
    return (organisations.get(number), None) if kind == "ngo" else (None, campaigns.get(number))


@bp.route("/campaigns/<int:campaign_id>/transfers", methods=["POST"])
@login_required
def add_transfer(campaign_id: int):
    campaign = _campaign(campaign_id)
    form = TransferForm(campaign, queries.recipients(campaign), queries.pass_through_targets(campaign))
    if not form.validate():
        return _render(campaign, 400, transfer_form=form)
    try:
        recipient, to_campaign = _destination(form)
        entry = form.entry(recipient, to_campaign)
        entry.proof = _document(form.proof, campaign)
        transfer = operations.record_transfer(current_user, campaign, entry)
    except documents.DocumentRefused as error:
        form.proof.errors = [_message(error.code, error.params)]
        return _render(campaign, 400, transfer_form=form)
    except operations.LedgerError as error:
        _show(form, error)
        return _render(campaign, _refused(error), transfer_form=form)
    flash(_("Transfer recorded."))
    return redirect(url_for("ledger.money", campaign_id=transfer.campaign_id, _anchor=f"transfer-{transfer.id}"), 303)


def _transfer(transfer_id: int, answering: bool = False):
    """The transfer, if the user may act on it: mark it sent (its sender), or acknowledge or void it
    (`answering`: its sender, or the campaign a pass-through goes to)."""
    transfer = queries.get_transfer(transfer_id)
    if transfer is None:
        abort(404)
    allowed = (permissions.can_answer_for_transfer if answering else
               lambda user, t: permissions.can_record_money(user, t.campaign))
    permissions.require(allowed(current_user, transfer))
    return transfer


def _page_of(transfer):
    """The campaign whose money page the user acts from: the sender's, or the one a pass-through goes to."""
    if permissions.can_record_money(current_user, transfer.campaign) or transfer.to_campaign is None:
        return transfer.campaign
    return transfer.to_campaign


def _after(transfer, message: str):
    flash(message)
    return redirect(url_for("ledger.money", campaign_id=_page_of(transfer).id, _anchor=f"transfer-{transfer.id}"), 303)


@bp.route("/transfers/<int:transfer_id>/sent", methods=["POST"])
@login_required
def send(transfer_id: int):
    transfer = _transfer(transfer_id)
    form = SentForm()
    if not form.validate():
        abort(400)
    try:
        operations.mark_sent(current_user, transfer, form.day(), form.reference.data or "")
    except operations.LedgerError as error:
        _show(form, error)
        return _refused_action(transfer.campaign, error, f"transfer-{transfer.id}", sent_form=form)
    return _after(transfer, _("Transfer marked as sent."))


@bp.route("/transfers/<int:transfer_id>/acknowledge", methods=["POST"])
@login_required
def acknowledge(transfer_id: int):
    transfer = _transfer(transfer_id, answering=True)
    form = AcknowledgeForm()
    if not form.validate():
        abort(400)
    try:
        document = _document(form.document, _page_of(transfer))
        operations.acknowledge(current_user, transfer, form.day(), form.reference.data or "", document,
                               form.received_amount.data or "", form.received_currency.data or "")
    except documents.DocumentRefused as error:
        form.document.errors = [_message(error.code, error.params)]
        return _refused_action(_page_of(transfer), error, f"transfer-{transfer.id}", acknowledge_form=form)
    except operations.LedgerError as error:
        _show(form, error)
        return _refused_action(_page_of(transfer), error, f"transfer-{transfer.id}", acknowledge_form=form)
    return _after(transfer, _("Acknowledgement recorded."))


@bp.route("/transfers/<int:transfer_id>/void", methods=["POST"])
@login_required
def void_transfer(transfer_id: int):
    transfer = _transfer(transfer_id, answering=True)
    form = VoidForm()
    if not form.validate():
        abort(400)
    try:
        operations.void_transfer(current_user, transfer, form.reason.data or "")
    except operations.LedgerError as error:
        _show(form, error)
        return _refused_action(_page_of(transfer), error, f"transfer-{transfer.id}", void_form=form)
    return _after(transfer, _("Transfer voided."))


@bp.route("/costs/<int:cost_id>/void", methods=["POST"])
@login_required
def void_cost(cost_id: int):
    cost = queries.get_cost(cost_id)
    if cost is None:
        abort(404)
    permissions.require(permissions.can_record_money(current_user, cost.campaign))
    form = VoidForm()
    if not form.validate():
        abort(400)
    try:
        operations.void_cost(current_user, cost, form.reason.data or "")
    except operations.LedgerError as error:
        _show(form, error)
        return _refused_action(cost.campaign, error, f"cost-{cost.id}", void_form=form)
    flash(_("Cost voided."))
    return redirect(url_for("ledger.money", campaign_id=cost.campaign_id), 303)


@bp.route("/campaigns/<int:campaign_id>/claims", methods=["POST"])
@login_required
def add_claim(campaign_id: int):
    campaign = _campaign(campaign_id)
    permissions.require(permissions.can_manage_campaign(current_user, campaign))
    form = ClaimForm(campaign)
    if not form.validate():
        return _render(campaign, 400, claim_form=form)
    try:
        operations.record_claim(current_user, campaign, form.entry())
    except operations.LedgerError as error:
        _show(form, error)
        return _render(campaign, _refused(error), claim_form=form)
    flash(_("Claim recorded: it is shown beside the ledger on the campaign's page."))
    return redirect(url_for("ledger.money", campaign_id=campaign.id), 303)


@bp.route("/documents/<int:document_id>")
@login_required
def document(document_id: int):
    found = queries.get_document(document_id)
    campaign = campaigns.get(found.campaign_id) if found else None
    transfer = queries.transfer_documented_by(document_id) if found else None
    # A proof someone may not see does not exist for them.
    if found is None or campaign is None or not permissions.can_see_document(current_user, campaign, transfer):
        abort(404)
    path = documents.path_of(found)
    if not path.exists():
        abort(404)
    response = send_file(path, mimetype=found.content_type, download_name=found.filename,
                         as_attachment=not found.content_type.startswith("image/"), max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response
