"""`flask demo load`: the illustrative demo data, loaded once and committed once.

Safe to run on every start: when the demo is already there it changes nothing, and it always
prints where to open the app and the demo logins.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup

from tracker import money
from tracker.demo import data
from tracker.extensions import db

demo_cli = AppGroup("demo", help="Demo data.")

DEV_SERVER_URL = "http://127.0.0.1:5000/"  # where `flask --app tracker run` listens by default


@demo_cli.command("load")
def load() -> None:
    """Load the illustrative demo data, unless it is already there."""
    if data.is_loaded():
        click.echo(f"Demo data already loaded ({data.ADMIN_EMAIL} exists): nothing changed.")
    else:
        try:
            summary = data.load()
        except ValueError as error:  # every service refusal is a ValueError with a code
            db.session.rollback()
            raise click.ClickException(f"demo data not loaded: {getattr(error, 'code', error)} "
                                       f"{getattr(error, 'params', '')}")
        db.session.commit()
        click.echo(f"Loaded demo data: {summary.organisations} organisations, {summary.campaigns} campaigns, "
                   f"{summary.gifts} gifts; the federation's first three days: "
                   f"{money.format_minor(summary.federation_first_days_cents, 'EUR')}; "
                   f"{summary.money_entries} costs, transfers and claims.")
    click.echo(f"Open {DEV_SERVER_URL} (after `flask --app tracker run`) and sign in as:")
    for user in data.DEMO_USERS:
        click.echo(f"  {user.email:<34} {user.role.value:<12} {user.scope}")
    click.echo(f"Demo password for every demo login: {data.DEMO_PASSWORD}")
