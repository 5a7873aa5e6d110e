"""Samaki Tracker: humanitarian fundraising by diaspora associations, rolled up by region."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

PACKAGE = Path(__file__).resolve().parent


def asset_folder(name: str) -> Path:
    """templates/ or static/: inside the package once built into a wheel (setup.py maps them there),
    beside it in a checkout, where they stay at the top of the repository."""
    packaged = PACKAGE / name
    return packaged if packaged.is_dir() else PACKAGE.parent / name


def create_app(config: dict | None = None) -> Flask:
    # Flask's own instance folder: instance/ beside the package in a checkout, <prefix>/var/tracker-instance
    # when installed from a wheel.
    app = Flask(__name__, template_folder=str(asset_folder("templates")), static_folder=str(asset_folder("static")))
    from tracker.config import load_config

    load_config(app, config)
    register_security(app)
    register_extensions(app)
    register_rollups(app)
    register_feature_listeners(app)
    register_i18n(app)
    register_template_context(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_security(app: Flask) -> None:
    from tracker import security

    security.init_app(app)


def register_extensions(app: Flask) -> None:
    from tracker import database
    from tracker.extensions import csrf, db, limiter, login_manager, migrate
    from tracker.i18n import N_, gettext

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    database.configure(app)
    database.commit_per_request(app)
    from tracker.accounts import services as accounts

    login_manager.login_view = "accounts.login"
    # Flask-Login's own message is English only: ours, flashed in the reader's language.
    login_manager.login_message = N_("Please sign in to see this page.")
    login_manager.localize_callback = gettext
    login_manager.user_loader(accounts.load_user)
    from tracker import database_changes
    from tracker.public import page_cache

    database_changes.init_app(app)
    page_cache.init_app(app)


def register_rollups(app: Flask) -> None:
    from tracker.rollups import listeners

    listeners.init_app(app)


def register_feature_listeners(app: Flask) -> None:
    from tracker.imports import listeners as imports
    from tracker.ledger import listeners as ledger
    from tracker.statements import listeners as statements

    imports.init_app(app)
    ledger.init_app(app)
    statements.init_app(app)


def register_i18n(app: Flask) -> None:
    from tracker import i18n

    i18n.init_app(app)


def register_template_context(app: Flask) -> None:
    from flask_login import current_user

    from tracker import permissions
    from tracker.dashboards import charts
    from tracker.places.names import place_name

    app.jinja_env.filters["place_name"] = place_name
    # Dashboards and public pages draw the same charts (templates/macros/charts.html).
    app.jinja_env.globals.update(bar_chart_layout=charts.bar_chart, line_chart_layout=charts.line_chart)
    from tracker.form_errors import error_summary_items

    app.jinja_env.globals["error_summary_items"] = error_summary_items  # macros/forms.html error_summary

    @app.context_processor
    def navigation() -> dict:
        return {"nav": permissions.navigation(current_user)}


def register_blueprints(app: Flask) -> None:
    from tracker.accounts.views import bp as accounts_bp
    from tracker.admin.views import bp as admin_bp
    from tracker.campaigns.views import bp as campaigns_bp
    from tracker.dashboards.views import bp as dashboards_bp
    from tracker.donations.views import bp as donations_bp
    from tracker.donors.views import bp as donors_bp
    from tracker.history.views import bp as history_bp
    from tracker.imports.views import bp as imports_bp
    from tracker.ledger.views import bp as ledger_bp
    from tracker.statements.views import bp as statements_bp
    from tracker.organisations.views import bp as organisations_bp
    from tracker.public.views import bp as public_bp
    from tracker.review.views import bp as review_bp

    for bp in (public_bp, accounts_bp, donations_bp, campaigns_bp, organisations_bp, dashboards_bp, admin_bp,
               history_bp, donors_bp, imports_bp, statements_bp, review_bp, ledger_bp):
        app.register_blueprint(bp)


def register_errorhandlers(app: Flask) -> None:
    from tracker import errors

    errors.init_app(app)


def register_commands(app: Flask) -> None:
    from tracker.accounts.cli import users_cli
    from tracker.demo.cli import demo_cli
    from tracker.imports.cli import imports_cli
    from tracker.jobs import jobs_cli
    from tracker.rates.cli import rates_cli
    from tracker.rollups.cli import rollups_cli
    from tracker.synthetic.cli import synthetic_cli

    for group in (users_cli, demo_cli, imports_cli, jobs_cli, rates_cli, rollups_cli, synthetic_cli):
        app.cli.add_command(group)
