"""GET /history/: the audit trail, for admins (everything) and coordinators (their regions)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from tracker import permissions
from tracker.history import queries
from tracker.history.forms import SUBJECT_LABELS, HistoryFilterForm

bp = Blueprint("history", __name__)


@bp.route("/history/")
@login_required
def index():
    permissions.require(permissions.can_view_history(current_user))
    form = HistoryFilterForm(request.args)
    if request.args and not form.validate():
        return render_template("history/index.html", form=form, events=[], labels=SUBJECT_LABELS), 400
    events = queries.events(current_user, subject_type=form.subject.data or None, actor=form.actor.data or None,
                            since=form.since.data, until=form.until.data)
    return render_template("history/index.html", form=form, events=events, labels=SUBJECT_LABELS,
                           page_size=queries.PAGE_SIZE)
