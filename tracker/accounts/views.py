"""Signing in and out, and changing one's own password."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from tracker import permissions
from tracker.accounts import passwords, services
from tracker.accounts.forms import LoginForm, PasswordChangeForm
from tracker.extensions import limiter
from tracker.i18n import N_, gettext as _

bp = Blueprint("accounts", __name__)

PASSWORD_MESSAGES = {
    "current_password_wrong": ("current", N_("This is not your current password.")),
    "password_unchanged": ("new", N_("Choose a password different from the current one.")),
    **{code: ("new", message) for code, message in passwords.MESSAGES.items()},
}


# What someone who must first choose a new password may still do.
BEFORE_A_NEW_PASSWORD = {"accounts.change_password", "accounts.logout", "accounts.login", "static", "public.health"}


@bp.before_app_request
def _new_password_first():
    """A password an admin chose is known to the admin: its owner replaces it before anything else."""
    if (current_user.is_authenticated and current_user.must_change_password
            and request.endpoint not in BEFORE_A_NEW_PASSWORD):
        flash(_("An administrator set your password: choose your own to go on."))
        return redirect(url_for("accounts.change_password"))
    return None


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


def _landing(user) -> str:
    """Where signing in (or choosing a new password) leads when no page was asked for: a volunteer
    comes to log gifts, so straight to the form; coordinators and admins to the overview."""
    return url_for("donations.new") if permissions.is_volunteer(user) else url_for("public.home")


def _failed(response) -> bool:
    return response.status_code == 401  # only wrong passwords count against the limits


def _account() -> str:
    return "account:" + services.normalise_email(request.form.get("email", ""))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"], key_func=_account, methods=["POST"],
               deduct_when=_failed, scope="login-account")
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], methods=["POST"], deduct_when=_failed,
               scope="login-address")
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.form_errors.append(_("Wrong email or password."))
            return render_template("accounts/login.html", form=form), 401
        session.clear()  # a fresh session: nothing from before signing in carries over
        login_user(user, remember=bool(form.remember.data))
        flash(_("Welcome, {name}.", name=user.name))
        return redirect(_safe_next(request.args.get("next")) or _landing(user))
    status = 400 if form.is_submitted() else 200
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    services.end_sessions(current_user)  # on every device: a copied cookie stops working too
    logout_user()
    flash(_("You are signed out."))
    return redirect(url_for("public.home"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if form.new.data != form.repeated.data:
            form.repeated.errors.append(_("The two new passwords differ."))
            return render_template("accounts/password.html", form=form), 400
        try:
            services.change_own_password(current_user, form.current.data, form.new.data)
        except services.AccountError as error:
            field, message = PASSWORD_MESSAGES[error.code]
            getattr(form, field).errors.append(_(message, **error.params))
            return render_template("accounts/password.html", form=form), 400
        remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
        login_user(current_user._get_current_object(), remember=remembered)  # this session goes on, renewed
        flash(_("Your password is changed. Every other session of yours has ended."))
        return redirect(_safe_next(request.args.get("next")) or _landing(current_user))
    return render_template("accounts/password.html", form=form), 400 if form.is_submitted() else 200
