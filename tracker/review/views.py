"""The coordinator's review page: what waits for a person in their regions, filtered, acted on many at once."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from tracker import permissions
from tracker.campaigns import services as campaigns
from tracker.i18n import N_, gettext as _, ngettext
from tracker.imports.forms import DECISIONS, FORMAT_LABELS
from tracker.review import operations, queries
from tracker.review.forms import KIND_LABELS, FilterForm, SelectionForm

bp = Blueprint("review", __name__)

MESSAGES = {
    "selection_invalid": N_("The selection could not be read: tick the entries again."),
    "nothing_selected": N_("Tick at least one entry."),
    "too_many_selected": N_("Tick {count} entries at most at a time."),
    "no_longer_waiting": N_("Some of the entries ticked no longer wait (someone else dealt with them): nothing was "
                            "changed. Look at the list again."),
    "decision_required": N_("Choose whether they are the gifts typed by hand or other gifts."),
    "reason_required": N_("Give the reason these lines are not gifts."),
    "reason_too_long": N_("The reason is too long: {length} characters at most."),
    "not_allowed": N_("You cannot act on some of the entries ticked."),
}
FILTER_NAMES = ("kind", "campaign", "since", "until")


def _filters_in(source) -> dict:
    return {name: source.get(name) for name in FILTER_NAMES if source.get(name)}


@bp.route("/review/")
@login_required
def index():
    permissions.require(permissions.can_view_dashboards(current_user))
    form = FilterForm(campaigns.manageable_by(current_user), formdata=request.args)
    filters = form.filters()
    return render_template("review/index.html", form=form, filters=filters, kind_labels=KIND_LABELS,
                           counts=queries.counts(current_user, filters),
                           waiting=queries.waiting(current_user, filters), limit=queries.LIMIT,
                           selection=SelectionForm(), kept=_filters_in(request.args), decisions=DECISIONS,
                           format_labels=FORMAT_LABELS)


def _act(action):
    """Run a bulk action on the selection posted, then back to the page with its filters. A refusal
    comes before anything is changed (the selection is checked whole first) and is said there."""
    permissions.require(permissions.can_view_dashboards(current_user))
    selection = SelectionForm()
    if not selection.validate():
        abort(400)
    try:
        flash(action(selection))
    except operations.ReviewRefused as refused:
        if refused.forbidden:
            abort(403)
        flash(_(MESSAGES[refused.code], **refused.params))
    return redirect(url_for("review.index", **_filters_in(request.form)), 303)


@bp.route("/review/gifts/verify", methods=["POST"])
@login_required
def verify():
    def action(selection):
        ids = operations.selection(selection.ids())
        count = operations.verify_gifts(current_user, ids, queries.gifts(ids))
        return ngettext("{count} gift verified.", "{count} gifts verified.", count)
    return _act(action)


@bp.route("/review/duplicates/decide", methods=["POST"])
@login_required
def decide():
    def action(selection):
        ids = operations.selection(selection.ids())
        count = operations.decide_duplicates(current_user, ids, queries.records(ids), selection.decision.data)
        if selection.decision.data == "merge":
            return ngettext("{count} imported record merged with the gift typed by hand.",
                            "{count} imported records merged with the gifts typed by hand.", count)
        return ngettext("{count} imported record logged as a gift of its own.",
                        "{count} imported records logged as gifts of their own.", count)
    return _act(action)


@bp.route("/review/lines/aside", methods=["POST"])
@login_required
def aside():
    def action(selection):
        ids = operations.selection(selection.ids())
        count = operations.set_lines_aside(current_user, ids, queries.lines(ids), selection.reason.data)
        return ngettext("{count} bank line set aside.", "{count} bank lines set aside.", count)
    return _act(action)
