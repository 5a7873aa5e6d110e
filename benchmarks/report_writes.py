"""The report's tables and targets for wrk's runs, the rate entered under load, the rollups check
and the gift writes (the Target rows themselves are drawn by report.py)."""

from __future__ import annotations

from benchmarks.stats import ratio

# The targets.
BULK_VS_ONE_BY_ONE = 20.0  # the bulk path at least this many times faster than one by one
BULK_VS_PLAIN = 5.0  # and at most this many times the plain INSERTs of the same rows
ONE_GIFT_VS_PLAIN = 10.0  # one gift with its rollups ≤ this × a one-row INSERT transaction
REGIONS_VS_HEALTH = 0.5
CAMPAIGN_VS_HEALTH = 0.6
WORST_WAIT_SECONDS = 1.0
CHECK_PEAK_MB = 300.0
CHECK_VS_NAIVE = 3.0

WRK_NAMES = {"health": "Health check", "world": "World region page", "country": "Country region page",
             "campaign": "Campaign page"}


def _ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:,.2f}" if value < 10 else f"{value:,.1f}"


def targets(result, target_type) -> list:
    http, write = result.http, result.writes
    health = http.pages["health"].per_second
    found = []
    for page, limit in (("world", REGIONS_VS_HEALTH), ("country", REGIONS_VS_HEALTH), ("campaign", CAMPAIGN_VS_HEALTH)):
        run = http.pages[page]
        found.append(target_type(f"{WRK_NAMES[page]} `{run.path}` ÷ `/health`, wrk requests/s", ratio(
            run.per_second, health), limit, at_most=False, note=f"{run.errors} errors" if run.errors else "",
            also_met=run.errors == 0))
    rate = http.rate
    found.append(target_type("KHR rate entered under load: longest wait, s (admin post, wrk max, slowest gift)",
                             rate.worst_wait, WORST_WAIT_SECONDS, at_most=True,
                             note=f"post status {rate.post_status}" if rate.post_status != 302 else "",
                             also_met=rate.post_status == 302 and rate.wrk.errors == 0))
    check = result.check_run
    found.append(target_type("`flask rollups check` peak memory, MB (ru_maxrss)", check.peak_mb, CHECK_PEAK_MB,
                             at_most=True, note="" if check.exit_status == 0 else f"exit status {check.exit_status}",
                             also_met=check.exit_status == 0))
    found.append(target_type("`flask rollups check` time ÷ naive everywhere GROUP BY (median)",
                             ratio(check.seconds, result.naive["everywhere"].median), CHECK_VS_NAIVE, at_most=True))
    found.append(target_type(f"{write.gifts:,} gifts: one by one ÷ bulk path (total times)",
                             ratio(write.one_by_one_total, write.bulk), BULK_VS_ONE_BY_ONE, at_most=False))
    found.append(target_type(f"{write.gifts:,} gifts: bulk path ÷ plain INSERTs in one transaction",
                             ratio(write.bulk, write.plain_bulk), BULK_VS_PLAIN, at_most=True))
    found.append(target_type("One gift (log_donation + commit) ÷ one-row INSERT transaction (medians)",
                             ratio(write.one_by_one.median, write.plain_single.median), ONE_GIFT_VS_PLAIN,
                             at_most=True))
    return found


def _cpu(cpu) -> str:
    return f"{cpu.workers:.2f} / {cpu.database:.2f} / {cpu.load_clients:.2f} / {cpu.everything_else:.2f}"


def wrk_table(result) -> list[str]:
    lines = ["| Page | Requests/s | Errors | Latency p50 / p75 / p90 / p99 / max "
             "| CPU cores used: workers / database / wrk / rest of the machine |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for name, run in result.http.pages.items():
        p = run.percentiles
        spread = " / ".join(_ms(p.get(k, float("nan"))) for k in (50, 75, 90, 99))
        lines.append(f"| {WRK_NAMES[name]} `{run.path}` | {run.per_second:,.1f} | {run.errors} "
                     f"| {spread} / {_ms(run.latency_max)} ms | {_cpu(run.cpu)} |")
    return lines


def rate_lines(result) -> list[str]:
    rate = result.http.rate
    logging = rate.logging
    gifts = "no gift logging" if logging is None else (
        f"{len(logging.latencies):,} gifts logged meanwhile by {_loggers()} volunteers ({logging.error_count} "
        f"errors), slowest {_ms(max(logging.latencies, default=0))} ms")
    done = "not seen within the poll's limit" if rate.conversion_seconds != rate.conversion_seconds else \
        f"{rate.conversion_seconds:.2f} s after the post started"
    return [f"An admin posted 1 EUR = {_khr()} KHR for {rate.day} (the busiest day: {rate.day_gifts:,} gifts) "
            f"on POST /admin/rates/ while wrk loaded `{rate.wrk.path}` ({rate.wrk.connections} connections): "
            f"the post took {_ms(rate.post_seconds)} ms (status {rate.post_status}); wrk: "
            f"{rate.wrk.per_second:,.1f} requests/s, p99 {_ms(rate.wrk.percentiles.get(99, float('nan')))} ms, "
            f"max {_ms(rate.wrk.latency_max)} ms, {rate.wrk.errors} errors; {gifts}. Conversion of the figures "
            f"(up to {rate.campaigns_waiting:,} campaigns pending) finished {done}."]


def _khr() -> str:
    from benchmarks.rate_entry import PER_EUR
    return PER_EUR


def _loggers() -> int:
    from benchmarks.rate_entry import LOGGERS
    return LOGGERS


def check_lines(result) -> list[str]:
    check = result.check_run
    startup_mb = check.startup_peak_kib * 1024 / 1_000_000
    return [f"`flask --app tracker rollups check` (child process): {check.seconds:.2f} s, of which starting Python "
            f"and the app takes {check.startup_seconds:.2f} s (`rollups --help`: peak {startup_mb:.0f} MB); "
            f"peak resident memory {check.peak_mb:.0f} MB; exit status {check.exit_status}: "
            f"“{check.last_line}”. Naive everywhere GROUP BY: {_ms(result.naive['everywhere'].median)} ms."]


def writes_table(result) -> list[str]:
    write = result.writes
    singles = write.plain_single

    def per_gift(seconds: float) -> str:
        return _ms(seconds / write.gifts) + " ms"

    return [
        f"{write.gifts:,} gifts copied from random donations of active campaigns (seed 2025), written straight "
        "through the donation operations as an admin; the plain INSERT rows were deleted right after each "
        "floor measurement; the logged gifts stay (this step runs last on the large data set).",
        "",
        "| Way | Total | Per gift: mean / median / p95 |",
        "| --- | ---: | ---: |",
        f"| Plain INSERT of the rows, one transaction (floor) | {write.plain_bulk:.2f} s | {per_gift(write.plain_bulk)}"
        " | |",
        f"| Bulk path `log_donations`, {write.bulk_batch} per committed transaction | {write.bulk:.2f} s "
        f"| {per_gift(write.bulk)} | |",
        f"| `log_donation` + commit, one by one | {write.one_by_one_total:.2f} s | {per_gift(write.one_by_one_total)}"
        f" / {_ms(write.one_by_one.median)} / {_ms(write.one_by_one.p95)} ms |",
        f"| Plain one-row INSERT + commit ({singles.count:,} rows) | {sum(singles.seconds):.2f} s "
        f"| {_ms(sum(singles.seconds) / max(singles.count, 1))} / {_ms(singles.median)} / {_ms(singles.p95)} ms |",
    ]
