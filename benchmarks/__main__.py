"""`python -m benchmarks`: read the options, measure each database in turn, print and write the results."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import shlex
import sys
from pathlib import Path

import benchmarks
from benchmarks import ROOT
from benchmarks import datasets, report, wrk
from benchmarks.run import Options, run_database

GUNICORN_WORKERS = 2  # the setting: what a small two-core deployment runs


def _positive(kind):
    def parse(text: str):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be above zero, not {text}")
        return value
    return parse


def _database_spec(text: str) -> str:
    try:
        datasets.database_url(text, 1)
    except ValueError as refused:
        raise argparse.ArgumentTypeError(str(refused))
    return text


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=benchmarks.__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", action="append", type=_database_spec, metavar="sqlite|URL",
                        help="`sqlite`, or a PostgreSQL URL whose public schema may be dropped; repeat to run "
                             "several (default: sqlite)")
    parser.add_argument("--donations", type=_positive(int), default=1_000_000, help="the large data set")
    parser.add_argument("--small", type=_positive(int), default=10_000, help="the small data set")
    parser.add_argument("--requests", type=_positive(int), default=50, help="timed requests per page")
    parser.add_argument("--naive-runs", type=_positive(int), default=5, help="timed runs of the naive GROUP BY")
    parser.add_argument("--clients", type=_positive(int), default=16, help="concurrent HTTP clients")
    parser.add_argument("--seconds", type=_positive(float), default=10.0, help="length of each HTTP load")
    parser.add_argument("--client-processes", type=_positive(int), default=1,
                        help="processes the HTTP clients are shared out between")
    parser.add_argument("--writes", type=_positive(int), default=10_000,
                        help="gifts written each way (bulk path, one by one, plain INSERTs)")
    parser.add_argument("--single-inserts", type=_positive(int), default=1_000,
                        help="one-row INSERT transactions timed for the floor of one gift")
    parser.add_argument("--write", type=Path, metavar="FILE", help="append the results to FILE (Markdown)")
    return parser.parse_args(argv)


def command_line(argv: list[str]) -> str:
    """The command as typed from the repository root, to be written beside the figures."""
    python = os.path.relpath(sys.executable, ROOT) if sys.executable.startswith(str(ROOT)) else sys.executable
    return shlex.join([python, "-m", "benchmarks", *argv])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    arguments = parse_arguments(argv)
    specs = arguments.database or ["sqlite"]
    if not wrk.available():
        sys.exit(f"The benchmark needs wrk at {wrk.WRK}: apt-get install wrk")
    needed = ["gunicorn"] + (["psycopg"] if not all(map(datasets.is_sqlite, specs)) else [])
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing:
        sys.exit(f"The benchmark needs {' and '.join(missing)}: .venv/bin/pip install -e '.[benchmark]'")
    options = Options(donations=arguments.donations, small=arguments.small, requests=arguments.requests,
                      naive_runs=arguments.naive_runs, clients=arguments.clients, seconds=arguments.seconds,
                      workers=GUNICORN_WORKERS, client_processes=arguments.client_processes,
                      writes=arguments.writes, single_inserts=arguments.single_inserts)
    started = dt.datetime.now().astimezone()
    results, sections = [], []
    for spec in specs:
        result = run_database(spec, options)
        results.append(result)
        sections.append(report.database_section(result))
        print(sections[-1], flush=True)
    header = report.run_header(results, command_line(argv), started)
    print(header, flush=True)
    text = header + "\n" + "\n".join(sections)
    if arguments.write:
        report.append_to(arguments.write, text)
        print(f"Appended to {arguments.write}.", file=sys.stderr)
    passed = all(target.passed for result in results for target in report.targets(result))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
