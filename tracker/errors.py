"""Error pages in the user's language, never a stack trace."""

from __future__ import annotations

from flask import Flask, current_app, render_template, session
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from tracker.extensions import db
from tracker.i18n import N_, gettext as _

MESSAGES = {
    400: N_("The request could not be understood."),
    403: N_("You do not have permission to see or do this."),
    404: N_("There is nothing at this address."),
    405: N_("This page cannot be used that way."),
    413: N_("What was sent is too large."),
    429: N_("Too many attempts: wait a moment and try again."),
    500: N_("Something went wrong on our side. Nothing you entered was saved; please try again."),
}


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _render(status: int, message: str):
    if status >= 500:
        # Nothing was saved: a message the view queued ("Gift recorded. Receipt code: …") must not show.
        db.session.rollback()
        session.pop("_flashes", None)
    return render_template("errors/error.html", status=status, message=message), status


def _csrf_error(error: CSRFError):
    return _render(400, _("This form has expired or was not sent from this site. Reload the page and try again."))


def _http_error(error: HTTPException):
    status = error.code or 500
    if status in (301, 302, 303, 307, 308):
        return error
    return _render(status, _(MESSAGES.get(status, MESSAGES[400])))


def _unexpected_error(error: Exception):
    current_app.logger.exception("Unhandled error")
    return _render(500, _(MESSAGES[500]))
