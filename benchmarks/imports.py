"""`python -m benchmarks.imports`: a 100,000-row PayPal activity download through `flask imports run`.

    .venv/bin/python -m benchmarks.imports --database sqlite \\
        --database postgresql+psycopg://postgres@127.0.0.1:5432/samaki_bench --write docs/benchmarks.md

For each database, in one run and a freshly migrated database each time:
1. The floor: the same file read with the csv module and its rows inserted into a plain table of
   the same columns with one executemany, in one transaction.
2. The import: `flask --app tracker imports run FILE --campaign ID --json` in its own process, timed
   from start to exit, its peak memory as GNU time (/usr/bin/time, Debian's `time`) reports it.
Both are measured --repeat times (3 by default), in turn, each import on a freshly migrated database:
the machine is shared and noisy, so the medians are compared. Rows per second of the import ÷ rows
per second of the floor (target ≥ 0.3) and the largest peak memory (target ≤ 200 MB) are printed
and, with --write, appended to the file.

DESTRUCTIVE like `python -m benchmarks`: instance/benchmark/imports.sqlite is replaced; a PostgreSQL
database's public schema is dropped and made again.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from benchmarks import ROOT, datasets
from tracker.accounts import services as accounts
from tracker.accounts.models import Role
from tracker.campaigns import services as campaigns
from tracker.campaigns.models import CampaignKind, CampaignStatus
from tracker.extensions import db
from tracker.organisations import services as organisations
from tracker.organisations.models import OrganisationKind
from tracker.places import services as places

HEADER = ["Date", "Time", "TimeZone", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net", "From Email Address",
          "To Email Address", "Transaction ID", "Shipping Address", "Address Status", "Item Title", "Item ID",
          "Shipping and Handling Amount", "Insurance Amount", "Sales Tax", "Option 1 Name", "Option 1 Value",
          "Option 2 Name", "Option 2 Value", "Reference Txn ID", "Invoice Number", "Custom Number", "Quantity",
          "Receipt ID", "Balance", "Address Line 1", "Address Line 2/District/Neighborhood", "Town/City",
          "State/Province/Region/County/Territory/Prefecture/Republic", "Zip/Postal Code", "Country",
          "Contact Phone Number", "Subject", "Note", "Country Code", "Balance Impact"]
FIRST_DAY = dt.date(2025, 7, 24)
TIME = "/usr/bin/time"  # GNU time, Debian's package `time`


def write_export(path: Path, rows: int) -> None:
    """Completed donations in euros and dollars over three weeks, every field quoted, as PayPal writes them."""
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(HEADER)
        for n in range(rows):
            day = FIRST_DAY + dt.timedelta(days=n % 21)
            cents = 500 + (n * 7919) % 20000
            fee = 35 + cents * 29 // 1000
            cells = dict.fromkeys(HEADER, "")
            cells.update({"Date": f"{day.month}/{day.day}/{day.year}", "Time": "10:00:00", "TimeZone": "PDT",
                          "Name": f"Donor {n}", "Type": "Donation Payment", "Status": "Completed",
                          "Currency": "EUR" if n % 3 else "USD", "Gross": f"{cents // 100}.{cents % 100:02d}",
                          "Fee": f"-{fee // 100}.{fee % 100:02d}", "Net": f"{(cents - fee) // 100}.{(cents - fee) % 100:02d}",
                          "From Email Address": f"donor{n}@example.org", "To Email Address": "asso@example.org",
                          "Transaction ID": f"{n:017d}", "Balance Impact": "Credit"})
            writer.writerow([cells[name] for name in HEADER])


def prepare(url: str, secret: str) -> int:
    """A fresh database with one admin, one association and one campaign to import into; the campaign's id."""
    datasets.fresh_database(url, secret)
    app = datasets.benchmark_app(url, secret)
    with app.app_context():
        admin = accounts.create_user("bench-admin@example.org", secrets.token_urlsafe(16) + "Aa1!", "Bench", Role.ADMIN)
        paris = places.ensure_city("FR-IDF", "Paris")
        federation = organisations.create_organisation(admin, "Fédération", OrganisationKind.ASSOCIATION, paris)
        campaign = campaigns.create_campaign(admin, campaigns.CampaignEntry(
            name="Solidarité frontière", organisation=federation, city=paris, kind=CampaignKind.ONLINE_FUNDRAISER,
            currency="EUR", goal="", starts_on=FIRST_DAY, ends_on=None, status=CampaignStatus.ACTIVE, recipients=[]))
        db.session.commit()
        campaign_id = campaign.id
    datasets.close(app)
    return campaign_id


def floor_seconds(url: str, path: Path) -> float:
    """csv module + one executemany of every row into a plain table, in one transaction."""
    engine = create_engine(url)
    columns = ", ".join(f"c{i} TEXT" for i in range(len(HEADER)))
    marks = ", ".join(f":c{i}" for i in range(len(HEADER)))
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS floor_rows"))
            key = "INTEGER PRIMARY KEY" if url.startswith("sqlite") else "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
            connection.execute(text(f"CREATE TABLE floor_rows (id {key}, {columns})"))
        started = time.perf_counter()
        with path.open(encoding="utf-8-sig", newline="") as file, engine.begin() as connection:
            reader = csv.reader(file)
            next(reader)
            rows = [{f"c{i}": cell for i, cell in enumerate(row)} for row in reader]
            connection.execute(text(f"INSERT INTO floor_rows ({', '.join(f'c{i}' for i in range(len(HEADER)))}) "
                                    f"VALUES ({marks})"), rows)
        return time.perf_counter() - started
    finally:
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS floor_rows"))
        engine.dispose()


def import_run(url: str, secret: str, path: Path, campaign_id: int) -> tuple[float, float, dict]:
    """(seconds, peak MB, summary) of the CLI importing the file in a process of its own."""
    env = {**os.environ, "DATABASE_URL": url, "TRACKER_SECRET_KEY": secret}
    env.pop("REDIS_URL", None)
    command = [sys.executable, "-m", "flask", "--app", "tracker", "imports", "run", str(path), "--campaign",
               str(campaign_id), "--json"]
    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak-kb"
        # GNU time reports its child's peak: this process's own size would count in a child it forked itself,
        # whose peak includes the copy of its parent it was before it became the import (exec).
        timed = [TIME, "-f", "%M", "-o", str(peak_file), *command]
        started = time.perf_counter()
        finished = subprocess.run(timed, env=env, cwd=ROOT, capture_output=True, text=True, timeout=3600)
        seconds = time.perf_counter() - started
        peak_mb = int(peak_file.read_text().split()[-1]) / 1024 if peak_file.exists() else float("nan")
    if finished.returncode != 0:
        raise RuntimeError(f"the import failed: {finished.stderr[-2000:]}")
    return seconds, peak_mb, json.loads(finished.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.imports", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", action="append", metavar="sqlite|URL")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--write", type=Path, metavar="FILE")
    parser.add_argument("--repeat", type=int, default=3,
                        help="floor and import measured this many times each, in turn; medians compared")
    options = parser.parse_args(argv)
    secret = secrets.token_hex(16)
    export = datasets.BENCHMARK_DIR / f"paypal-activity-{options.rows}.csv"
    export.parent.mkdir(parents=True, exist_ok=True)
    write_export(export, options.rows)
    lines = [f"\n### Imports, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC\n",
             f"`python -m benchmarks.imports {' '.join(argv)}`: {options.rows:,} rows of a PayPal activity "
             f"download ({export.stat().st_size / 1e6:.1f} MB). Floor and import measured {options.repeat} times "
             "each, in turn, on a freshly migrated database each time; the ratio is of the medians.\n",
             "| Database | Floor (csv + executemany): median (each) | `imports run`: median (each) "
             "| Rows/s ÷ floor's (≥ 0.3) | Peak memory, largest (≤ 200 MB) |",
             "| --- | --- | --- | --- | --- |"]
    for spec in options.database or ["sqlite"]:
        url = (f"sqlite:///{datasets.BENCHMARK_DIR / 'imports.sqlite'}" if datasets.is_sqlite(spec)
               else datasets.database_url(spec, options.rows))
        floors, imports, peaks = [], [], []
        for _ in range(options.repeat):
            campaign_id = prepare(url, secret)
            floors.append(floor_seconds(url, export))
            seconds, peak_mb, summary = import_run(url, secret, export, campaign_id)
            assert summary["new"] == options.rows, summary
            imports.append(seconds)
            peaks.append(peak_mb)
        floor, seconds, peak_mb = statistics.median(floors), statistics.median(imports), max(peaks)
        ratio = floor / seconds
        each = lambda values: ", ".join(f"{value:.2f}" for value in values)  # noqa: E731
        lines.append(f"| {'SQLite' if url.startswith('sqlite') else 'PostgreSQL'} | {floor:.2f} s ({each(floors)}) | "
                     f"{seconds:.2f} s ({each(imports)}) | {ratio:.2f} {'✓' if ratio >= 0.3 else '✗'} | "
                     f"{peak_mb:.0f} MB {'✓' if peak_mb <= 200 else '✗'} |")
        print(lines[-1], flush=True)
    if options.write:
        with options.write.open("a", encoding="utf-8") as file:
            file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
