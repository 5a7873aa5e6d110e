"""`flask rollups check|rebuild`: prove the rollup cells equal the donations (for cron)."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from tracker.extensions import db
from tracker.rollups import integrity, rate_conversion

rollups_cli = AppGroup("rollups", help="Check or rebuild the dashboard rollup cells.")


@rollups_cli.command("check")
@click.option("--rebuild", "rebuild_if_different", is_flag=True, help="Rebuild the cells when they differ.")
def check(rebuild_if_different: bool) -> None:
    """Recompute every cell from the donations; exit 1 if any differs."""
    differences = integrity.check()
    for difference in differences[:50]:
        click.echo(f"{difference.table} {difference.key}: stored {difference.stored}, "
                   f"donations say {difference.expected}")
    if len(differences) > 50:
        click.echo(f"... and {len(differences) - 50} more")
    waiting = rate_conversion.pending()
    db.session.rollback()  # the check read one snapshot; a rebuild writes in a transaction of its own
    if waiting:
        click.echo(f"{waiting} campaigns' figures are still being moved to newly arrived rates "
                   "(`flask --app tracker rates update` finishes it).")
    if not differences:
        click.echo("Rollups agree with the donations.")
        return
    if rebuild_if_different:
        integrity.rebuild()
        db.session.commit()
        click.echo(f"Rebuilt the rollups ({len(differences)} rows differed).")
    sys.exit(1)


@rollups_cli.command("rebuild")
def rebuild() -> None:
    """Rebuild every cell from the donations."""
    integrity.rebuild()
    db.session.commit()
    click.echo("Rollups rebuilt.")
