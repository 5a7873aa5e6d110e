"""`flask imports run FILE --campaign ID`: the web's import, from the command line, for big files and scripts.

Exit status 0 when the file was imported (or would be, with --dry-run), 1 when any row is in
error or the file cannot be read (and then nothing is stored).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from tracker.accounts import services as accounts
from tracker.accounts.models import User
from tracker.campaigns import services as campaigns
from tracker.extensions import db
from tracker.imports import labels, operations, planning, queries
from tracker.imports.parsing import FORMATS, ValueRefused

imports_cli = AppGroup("imports", help="Gifts from platform exports.")


def _actor(email: str | None) -> User:
    user = accounts.find_by_email(email) if email else accounts.first_admin()
    if user is None or not user.is_active:
        raise click.UsageError(f"No active account {email}." if email else "No active admin: give --as EMAIL.")
    return user


@imports_cli.command("run")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--campaign", "campaign_id", type=int, required=True)
@click.option("--format", "format_name", type=click.Choice(["auto", *FORMATS]), default="auto", show_default=True)
@click.option("--dry-run", is_flag=True, help="Show what would be imported; store nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@click.option("--mapping", "mapping_id", type=int, default=None,
              help="Read the file through this column mapping of the campaign's organisation.")
@click.option("--as", "email", default=None, help="Whose import it is (the first admin by default).")
def run(path: Path, campaign_id: int, format_name: str, dry_run: bool, as_json: bool, mapping_id: int | None,
        email: str | None) -> None:
    """Import FILE into a campaign: all of it or, if any row is in error, nothing."""
    campaign = campaigns.get(campaign_id)
    if campaign is None:
        raise click.UsageError(f"No campaign {campaign_id}.")
    actor = _actor(email)
    mapping = queries.mapping(mapping_id) if mapping_id else None
    if mapping_id and (mapping is None or mapping.organisation_id != campaign.organisation_id):
        raise click.UsageError(f"No mapping {mapping_id} of the campaign's organisation.")

    def progress(records):
        with click.progressbar(records, label=f"Reading {path.name}", file=sys.stderr) as bar:
            yield from bar

    try:
        plan = planning.plan_import(campaign, path, path.name, format_name, progress=progress, mapping=mapping)
    except ValueRefused as refused:
        click.echo(labels.reason_text(refused.code, refused.params), err=True)
        sys.exit(1)
    for outcome in plan.outcomes:
        if outcome.status == planning.ERROR:
            click.echo(f"line {outcome.record.line}: {labels.reason_text(outcome.reason, outcome.params)}", err=True)
    for code, params in plan.warnings:
        click.echo(labels.reason_text(code, params), err=True)
    summary = plan.summary()
    if not plan.has_errors and not dry_run:
        click.echo(f"Storing {summary['new']} new gifts…", err=True)
        try:
            batch = operations.commit_import(actor, plan)
        except operations.ImportRefused as refused:
            click.echo(labels.reason_text(refused.code, refused.params), err=True)
            sys.exit(1)
        db.session.commit()
        summary["batch"] = batch.id
    click.echo(json.dumps(summary, ensure_ascii=False) if as_json else _text(summary, dry_run))
    if plan.has_errors:
        sys.exit(1)


def _text(summary: dict, dry_run: bool) -> str:
    totals = ", ".join(f"{amount} {currency}" for currency, amount in summary["totals"].items()) or "nothing"
    head = "Would import" if dry_run else ("Refused" if summary["errors"] else "Imported")
    return (f"{head} ({summary['format']}): {summary['rows']} rows, {summary['new']} new, {summary['duplicates']} "
            f"duplicates, {summary['refunds']} refunds, {summary['skipped']} skipped, {summary['errors']} errors; "
            f"new gifts count {totals}.")
