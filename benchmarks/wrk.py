"""HTTP throughput measured by wrk (the Debian package, /usr/bin/wrk), on loopback only.

`wrk -t2 -c16 -d<seconds>s --latency URL`: its requests/s, latency percentiles (50, 75, 90, 99 %)
and maximum are read from its report, with the errors it counts (non-2xx/3xx answers, socket
errors). wrk is a C program: it spends far less CPU per request than any Python client, so the
gunicorn workers get the cores. The CPU used over the run by the workers, the database's processes,
wrk itself (from its own rusage when it exits) and the rest of the machine is reported beside it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass

from benchmarks.load import CpuUse, cpu_seconds, machine_busy_seconds

WRK = "/usr/bin/wrk"
THREADS = 2
GRACE = 30.0  # seconds past the run after which wrk is killed

_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_LATENCY = re.compile(r"^\s*Latency\s+([\d.]+\w+)\s+([\d.]+\w+)\s+([\d.]+\w+)", re.MULTILINE)
_PERCENTILE = re.compile(r"^\s*(50|75|90|99)%\s+([\d.]+\w+)", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in ([\d.]+\w+)", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def available() -> bool:
    return shutil.which(WRK) is not None or os.path.exists(WRK)


def _seconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)([a-z]+)", text)
    if match is None:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


@dataclass(frozen=True)
class WrkResult:
    path: str
    connections: int
    seconds: float
    requests: int
    per_second: float
    latency_mean: float
    latency_max: float
    percentiles: dict[int, float]  # 50, 75, 90, 99 -> seconds
    non_2xx: int
    socket_errors: dict[str, int]
    cpu: CpuUse
    output: str

    @property
    def errors(self) -> int:
        return self.non_2xx + sum(self.socket_errors.values())


def parse(output: str) -> dict:
    latency, rate, total = _LATENCY.search(output), _RATE.search(output), _TOTAL.search(output)
    if latency is None or rate is None or total is None:
        raise RuntimeError(f"wrk's report could not be read:\n{output}")
    non_2xx = _NON_2XX.search(output)
    socket = _SOCKET.search(output)
    return {
        "requests": int(total.group(1)), "seconds": _seconds(total.group(2)), "per_second": float(rate.group(1)),
        "latency_mean": _seconds(latency.group(1)), "latency_max": _seconds(latency.group(3)),
        "percentiles": {int(p): _seconds(value) for p, value in _PERCENTILE.findall(output)},
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": dict(zip(("connect", "read", "write", "timeout"), map(int, socket.groups())))
        if socket else {},
    }


class WrkRun:
    """wrk started on entry to `start()`, its report and CPU read by `finish()`."""

    def __init__(self, port: int, path: str, seconds: float, connections: int, worker_pids: list[int],
                 database_pids: list[int]) -> None:
        self.port, self.path, self.seconds, self.connections = port, path, seconds, connections
        self.worker_pids, self.database_pids = worker_pids, database_pids
        self.process: subprocess.Popen | None = None

    def _sample(self) -> tuple[float, float, float, float]:
        return (time.monotonic(), machine_busy_seconds(), sum(cpu_seconds(pid) for pid in self.worker_pids),
                sum(cpu_seconds(pid) for pid in self.database_pids))

    def start(self) -> WrkRun:
        command = [WRK, f"-t{THREADS}", f"-c{self.connections}", f"-d{self.seconds:g}s", "--latency",
                   "--timeout", "10s", f"http://127.0.0.1:{self.port}{self.path}"]
        self.before = self._sample()
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return self

    def finish(self) -> WrkResult:
        # Reaped here with os.wait4 (not by Popen), for the rusage of wrk alone.
        deadline = time.monotonic() + self.seconds + GRACE
        pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
        while pid == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
            pid, status, usage = os.wait4(self.process.pid, os.WNOHANG)
        if pid == 0:
            self.process.kill()
            pid, status, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = os.waitstatus_to_exitcode(status)
        output = self.process.stdout.read()
        self.process.stdout.close()
        after = self._sample()
        span = max(after[0] - self.before[0], 1e-9)
        wrk_cpu = (usage.ru_utime + usage.ru_stime) / span
        workers = (after[2] - self.before[2]) / span
        database = (after[3] - self.before[3]) / span
        machine = (after[1] - self.before[1]) / span
        rest = max(0.0, machine - workers - database - wrk_cpu)
        return WrkResult(self.path, self.connections, output=output, cpu=CpuUse(workers, wrk_cpu, database, rest),
                         **parse(output))


def run_wrk(port: int, path: str, seconds: float, connections: int, worker_pids: list[int],
            database_pids: list[int]) -> WrkResult:
    return WrkRun(port, path, seconds, connections, worker_pids, database_pids).start().finish()
