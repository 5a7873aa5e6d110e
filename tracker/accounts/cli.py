"""`flask users create`: the CLI reuses the account services and commits once."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from tracker.accounts import services
from tracker.accounts.models import Role
from tracker.extensions import db
from tracker.places import services as places

users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", default="")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.ADMIN.value, show_default=True)
@click.option("--region", "regions", multiple=True, help="Coordinator region: world, FR, FR-IDF ...")
@click.password_option()
def create_user(email: str, name: str, role: str, regions: tuple[str, ...], password: str) -> None:
    """Create a user (an admin unless --role says otherwise)."""
    places_found = []
    for code in regions:
        place = places.find_region(code) or (places.ensure_country(code) if len(code) == 2 else None)
        if place is None:
            raise click.UsageError(f"Unknown region: {code}")
        places_found.append(place)
    try:
        user = services.create_user(email, password, name, Role(role), regions=places_found)
    except services.AccountError as error:
        raise click.UsageError(f"{error.code}: {error.params}")
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email}")
