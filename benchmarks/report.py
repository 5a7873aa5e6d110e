"""The results as Markdown tables, the targets with PASS or FAIL, and the machine they ran on.

The same text goes to the terminal and, with --write, is appended to a file (docs/benchmarks.md),
so the figures in the repository are exactly the ones printed.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tracker import money
from benchmarks import report_writes
from benchmarks.run import DatabaseResult
from benchmarks.server_side import WARM_UP_REQUESTS
from benchmarks.stats import Timing, ratio

PAGE_NAMES = {"everywhere": "Everywhere dashboard", "country": "Country dashboard", "campaign": "Campaign page"}

# The targets.
DASHBOARD_VS_NAIVE = 0.1
LARGE_VS_SMALL = 1.5
LOGGING_VS_HEALTH = 0.25
WORKER_PEAK_MB = 200.0

# Beyond this many cores used by the rest of the machine during an HTTP load, its figures are flagged.
BUSY_MACHINE_CORES = 0.25


@dataclass(frozen=True)
class Target:
    name: str
    measured: float
    limit: float
    at_most: bool
    note: str = ""  # what else the target asks, shown beside the figure
    also_met: bool = True  # whether that too holds

    @property
    def passed(self) -> bool:
        within = self.measured <= self.limit if self.at_most else self.measured >= self.limit
        return within and self.also_met

    def row(self) -> str:
        measured = number(self.measured) + (f" ({self.note})" if self.note else "")
        limit = ("≤ " if self.at_most else "≥ ") + number(self.limit)
        return f"| {self.name} | {measured} | {limit} | {'PASS' if self.passed else 'FAIL'} |"


def number(value: float) -> str:
    """A ratio or a figure with about three significant digits, never in exponent notation."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:,.2f}" if value < 10 else f"{value:,.1f}"


def median_p95(timing: Timing) -> str:
    return f"{ms(timing.median)} / {ms(timing.p95)} ms"


def targets(result: DatabaseResult) -> list[Target]:
    http = result.http
    health = http.pages["health"].per_second
    found = report_writes.targets(result, Target)
    found.append(Target("Everywhere dashboard ÷ naive GROUP BY (medians)",
                        ratio(result.pages_large["everywhere"].median, result.naive["everywhere"].median),
                        DASHBOARD_VS_NAIVE, at_most=True))
    for page, name in PAGE_NAMES.items():
        found.append(Target(f"{name} at {result.large.donations:,} ÷ at {result.small.donations:,} donations "
                            "(medians)",
                            ratio(result.pages_large[page].median, result.pages_small[page].median), LARGE_VS_SMALL,
                            at_most=True, note="" if result.same_campaigns else "campaigns differ between sizes",
                            also_met=result.same_campaigns))
    errors, check = http.logging.error_count, http.gift_check
    found.append(Target("Gift logging (gifts/s) ÷ /health (wrk requests/s), with no error, lost or doubled gift",
                        ratio(http.logging.per_second, health), LOGGING_VS_HEALTH, at_most=False,
                        note=_logging_faults(errors, check),
                        also_met=errors == 0 and check.clean))
    peak = max((worker.peak_mb for worker in http.workers), default=float("nan"))
    found.append(Target("Gunicorn worker peak memory, MB (VmHWM, largest worker)", peak, WORKER_PEAK_MB,
                        at_most=True))
    return found


def _logging_faults(errors: int, check) -> str:
    faults = f"{errors} errors, {check.lost} lost, {check.doubled} doubled"
    if check.refused_but_stored:
        faults += f", {check.refused_but_stored} refused but stored"
    if check.rollup_differences:
        faults += f", {check.rollup_differences} rollup differences"
    return faults


def _pages_table(result: DatabaseResult) -> list[str]:
    large, small = f"{result.large.donations:,}", f"{result.small.donations:,}"
    lines = [f"| Page | {large} donations: median / p95 | {small}: median / p95 | {large} ÷ {small} "
             f"| Naive GROUP BY, median of {result.options.naive_runs} | Page ÷ naive |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for page, name in PAGE_NAMES.items():
        big, little, baseline = result.pages_large[page], result.pages_small[page], result.naive[page]
        lines.append(f"| {name} `{result.subjects.pages[page]}` | {median_p95(big)} | {median_p95(little)} "
                     f"| {number(ratio(big.median, little.median))} | {ms(baseline.median)} ms "
                     f"| {number(ratio(big.median, baseline.median))} |")
    return lines


def _load_row(label: str, load, unit: str) -> str:
    return (f"| {label} | {load.per_second:,.1f} {unit} | {load.error_count}{_error_kinds(load.errors)} "
            f"| {ms(load.latency_p50)} / {ms(load.latency_p95)} ms "
            f"| {load.cpu.workers:.2f} / {load.cpu.database:.2f} / {load.cpu.load_clients:.2f} "
            f"/ {load.cpu.everything_else:.2f} |")


def _error_kinds(errors: dict[str, int]) -> str:
    return f" ({', '.join(f'{kind}: {count}' for kind, count in sorted(errors.items()))})" if errors else ""


def _http_table(result: DatabaseResult) -> list[str]:
    return ["| Requests | Throughput | Errors | Latency p50 / p95 "
            "| CPU cores used: workers / database / load clients / rest of the machine |",
            "| --- | ---: | ---: | ---: | ---: |",
            _load_row("Gift logging (draw the form, post the gift)", result.http.logging, "gifts/s")]


def _busy_machine_warning(result: DatabaseResult) -> list[str]:
    loads = (*result.http.pages.values(), result.http.logging)
    busiest = max(load.cpu.everything_else for load in loads)
    if busiest <= BUSY_MACHINE_CORES:
        return []
    return [f"WARNING: the rest of the machine used up to {busiest:.2f} cores during the HTTP loads (other "
            "processes, or kernel work not charged to one): the throughput figures are disturbed.", ""]


def _naive_totals(result: DatabaseResult) -> str:
    parts = []
    for page, total in result.naive_totals.items():
        missing = f", {total.missing_rates} without a rate" if total.missing_rates else ""
        parts.append(f"{page} {money.format_minor(total.money_minor, total.currency)} "
                     f"({total.groups:,} groups{missing})")
    return "Naive totals (money gifts, counted statuses): " + "; ".join(parts) + "."


def database_section(result: DatabaseResult, level: int = 3) -> str:
    heading = "#" * level
    options, subjects, check = result.options, result.subjects, result.http.gift_check
    peaks = ", ".join(f"{worker.peak_mb:.1f} MB" for worker in result.http.workers)
    resident = ", ".join(f"{worker.resident_mb:.1f} MB" for worker in result.http.workers)
    lines = [
        f"{heading} {result.engine} {result.server_version}: {result.large.donations:,} and "
        f"{result.small.donations:,} donations",
        "",
        f"Database `{result.shown_url}` (a fresh one per size). Generated {result.large.donations:,} donations in "
        f"{result.large.seconds:.1f} s and {result.small.donations:,} in {result.small.seconds:.1f} s (seed 2025); "
        f"campaigns identical at both sizes: {'yes' if result.same_campaigns else 'NO'}.",
        f"Country: {subjects.country_code} ({subjects.country_gifts:,} gifts at the large size). "
        f"Campaign: {subjects.campaign_id} ({subjects.campaign_gifts:,} gifts, {subjects.campaign_currency}), "
        "the public campaign with most gifts.",
        "",
        f"{heading}# Server side: Flask test client, signed in as an admin, {options.requests} requests per page "
        f"after {WARM_UP_REQUESTS} unmeasured",
        "",
        *_pages_table(result),
        "",
        _naive_totals(result),
        "",
        f"{heading}# HTTP under gunicorn: {options.workers} workers; wrk -t2 -c{options.clients}, "
        f"{options.seconds:g} s per page",
        "",
        *report_writes.wrk_table(result),
        "",
        f"Gift logging: {options.clients} volunteers (Python clients in {options.client_processes} load process(es)),"
        f" {options.seconds:g} s:",
        "",
        *_http_table(result),
        "",
        *_busy_machine_warning(result),
        *report_writes.rate_lines(result),
        "",
        f"Logged gifts: {check.accepted:,} accepted, {check.refused:,} refused or unanswered; {check.stored:,} stored; "
        f"{check.lost} lost, {check.doubled} doubled, {check.refused_but_stored} refused but stored; "
        f"rollups check: {check.rollup_differences} differences.",
        f"Worker peak memory (VmHWM) after all the load: {peaks} (resident now: {resident}); "
        f"workers restarted: {result.http.restarted_workers}.",
        "",
        *report_writes.check_lines(result),
        "",
        f"{heading}# Gift writes through the donation operations (no HTTP)",
        "",
        *report_writes.writes_table(result),
        "",
        f"{heading}# Targets",
        "",
        "| Target | Measured | Limit | Result |",
        "| --- | ---: | ---: | :---: |",
        *(target.row() for target in targets(result)),
        "",
    ]
    return "\n".join(lines)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_gib() -> float:
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 ** 2
    return float("nan")


def machine(results: list[DatabaseResult]) -> str:
    postgresql = next((r.server_version for r in results if r.engine == "PostgreSQL"), "not in this run")
    return (f"{_cpu_model()}, {os.cpu_count()} cores, {_memory_gib():.1f} GiB RAM; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}; "
            f"PostgreSQL {postgresql}")


def run_header(results: list[DatabaseResult], command: str, started: dt.datetime) -> str:
    return "\n".join([
        f"## Benchmark of {started:%Y-%m-%d %H:%M %z}",
        "",
        f"- Command: `{command}`",
        f"- Machine: {machine(results)}",
        "",
    ])


def append_to(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists() or path.stat().st_size == 0
    with open(path, "a", encoding="utf-8") as document:
        if new:
            document.write("# Benchmarks\n\nWritten by `python -m benchmarks --write`; each run is "
                           "appended.\n\n")
        document.write(text + "\n")
