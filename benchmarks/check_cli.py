"""`flask --app tracker rollups check` as cron runs it: its wall time and its peak memory.

Run as a child process on the benchmark database (TRACKER_* environment, as gunicorn gets it),
through `benchmarks.peak`, which gives its own peak resident memory (ru_maxrss, KiB on Linux). The
same child running only `flask --app tracker rollups --help` is timed too: what starting Python and
importing the app costs, inside the check's time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import ROOT

TIMEOUT = 1800.0


@dataclass(frozen=True)
class CheckRun:
    seconds: float
    peak_kib: int
    exit_status: int
    output: str
    startup_seconds: float  # the same command's start-up alone (`rollups --help`)
    startup_peak_kib: int

    @property
    def peak_mb(self) -> float:
        return self.peak_kib * 1024 / 1_000_000

    @property
    def last_line(self) -> str:
        lines = self.output.strip().splitlines()
        return lines[-1] if lines else ""


def _flask() -> str:
    beside = Path(sys.executable).with_name("flask")
    return str(beside) if beside.exists() else "flask"


def _run(arguments: list[str], environment: dict) -> tuple[float, int, int, str]:
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "benchmarks.peak", str(peak_file), _flask(), "--app",
                                    "tracker", *arguments], cwd=ROOT, env=environment, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, start_new_session=True)
        killer = threading.Timer(TIMEOUT, lambda: os.killpg(process.pid, signal.SIGKILL))
        killer.start()
        try:
            output = process.stdout.read()  # until the child closes it, at its end
            status = process.wait()
        finally:
            killer.cancel()
            process.stdout.close()
        seconds = time.perf_counter() - started
        peak = int(peak_file.read_text()) if peak_file.exists() else 0
    return seconds, peak, status, output


def run_check(database_url: str, secret: str) -> CheckRun:
    environment = {**os.environ, "TRACKER_SQLALCHEMY_DATABASE_URI": database_url, "TRACKER_SECRET_KEY": secret}
    startup, startup_peak, _, _ = _run(["rollups", "--help"], environment)
    seconds, peak, status, output = _run(["rollups", "check"], environment)
    return CheckRun(seconds, peak, status, output, startup, startup_peak)
