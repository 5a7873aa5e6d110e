"""Signing in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required, login_user, logout_user

from tracker.accounts import services
from tracker.accounts.forms import LoginForm
from tracker.i18n import gettext as _

bp = Blueprint("accounts", __name__)


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site: never redirect a volunteer to another host."""
    if not target:
        return None
    parts = urlsplit(target)
    # Browsers read "/\host" as "//host": refuse backslashes and control characters too.
    if (parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//")
            or "\\" in target or any(ord(ch) < 32 for ch in target)):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.form_errors.append(_("Wrong email or password."))
            return render_template("accounts/login.html", form=form), 401
        login_user(user, remember=True)
        flash(_("Welcome, {name}.", name=user.name))
        return redirect(_safe_next(request.args.get("next")) or url_for("public.home"))
    status = 400 if form.is_submitted() else 200
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash(_("You are signed out."))
    return redirect(url_for("public.home"))
