"""`flask rates update`: fetch the ECB's history, store the days not held yet, convert what they touch.

For cron, e.g. every weekday at 17:00 Frankfurt time, after the ECB publishes:
    0 17 * * 1-5  cd /srv/samaki && .venv/bin/flask --app tracker rates update
Exit status 0 when the rates are current (something added or not), 1 when the file was refused.
"""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from tracker.extensions import db
from tracker.rates import ecb_file
from tracker.rates import services as rates

rates_cli = AppGroup("rates", help="Exchange rates: fetch the ECB's reference rates.")

REFUSALS = {
    "unreadable": "Could not read {source}: {reason}.",
    "not_rates": "This is not the ECB's rate history (eurofxref-hist.zip or its CSV).",
    "truncated": "The file is truncated or damaged{where}: nothing was stored.",
    "bad_header": "Column {column} of the header, “{text}”, is not a currency code (the first column must be Date).",
    "bad_date": "Line {line}: “{text}” is not a day (YYYY-MM-DD), or the day is listed twice.",
    "not_a_number": "Line {line}: the {currency} rate “{text}” is not a positive number.",
    "implausible_jump": "The {currency} rate of {day}, {rate}, is implausible next to {previous} the day before: "
                        "the file was refused.",
    "empty": "The file holds no rates.",
}


def refusal_message(error: ecb_file.RateFileError) -> str:
    params = dict(error.params)
    params["where"] = f" at line {params['line']}" if "line" in params else ""
    return REFUSALS.get(error.code, error.code).format(**params)


@rates_cli.command("update")
@click.option("--from", "source", default=None, metavar="URL_OR_PATH",
              help="Where to read eurofxref-hist.zip (or its CSV); the ECB's address by default (ECB_RATES_URL).")
def update(source: str | None) -> None:
    """Add the ECB days not held yet; running it again adds nothing."""
    source = source or current_app.config.get("ECB_RATES_URL") or ecb_file.DEFAULT_SOURCE
    try:
        history = ecb_file.read_history(ecb_file.fetch(source))
        known = rates.known_ecb_rates()
        new = {currency: {day: rate for day, rate in days.items() if day not in known.get(currency, {})}
               for currency, days in history.items()}
        new = {currency: days for currency, days in new.items() if days}
        ecb_file.check_plausible(new, known)
    except ecb_file.RateFileError as error:
        click.echo(refusal_message(error), err=True)
        sys.exit(1)
    # The rollup layer converts the figures in batches once the rates are committed (and resumes any
    # conversion left unfinished); this command waits for it.
    current_app.config["RATE_CONVERSION_WAIT"] = True
    added = rates.add_ecb_rates(new, f"ECB reference rates, {source}")
    db.session.commit()
    if added:
        days = sorted({day for days in new.values() for day in days})
        click.echo(f"Added {added} rates for {len(days)} days ({days[0].isoformat()} to {days[-1].isoformat()}) "
                   f"of {len(new)} currencies.")
    else:
        click.echo(f"Nothing new: ECB rates are held up to {rates.last_ecb_day().isoformat()}.")
    click.echo("Figures are converted with every rate held.")
