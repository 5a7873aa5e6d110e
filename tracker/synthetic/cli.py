"""`flask synthetic generate`: the benchmark's data set, in bulk, committed once."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from tracker.extensions import db
from tracker.synthetic.generate import Sizes, generate

synthetic_cli = AppGroup("synthetic", help="Generate synthetic data for benchmarks.")
_defaults = Sizes()


@synthetic_cli.command("generate")
@click.option("--countries", default=_defaults.countries, show_default=True)
@click.option("--subdivisions", default=_defaults.subdivisions, show_default=True)
@click.option("--cities", default=_defaults.cities, show_default=True)
@click.option("--organisations", default=_defaults.organisations, show_default=True)
@click.option("--campaigns", default=_defaults.campaigns, show_default=True)
@click.option("--donations", default=_defaults.donations, show_default=True)
@click.option("--days", default=_defaults.days, show_default=True)
@click.option("--seed", default=2025, show_default=True)
def generate_command(seed: int, **sizes: int) -> None:
    """Fill an empty database with a deterministic data set."""
    started = time.perf_counter()
    try:
        counts = generate(Sizes(**sizes), seed=seed)
    except ValueError as refused:
        raise click.ClickException(str(refused))
    db.session.commit()
    summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
    click.echo(f"Generated {summary} in {time.perf_counter() - started:.1f} s.")
