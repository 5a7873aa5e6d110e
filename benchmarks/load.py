"""Driving the load processes (client.py) for a fixed time, and adding up what they saw.

The clients are shared out between `processes` processes. All of them open their connections
(and sign in) first; only then does a common start time go out, so that every client requests
during the same window. Over that window the CPU used by the gunicorn workers, by the load
processes and by everything else on the machine is measured from /proc, so a reader can see who
used the cores: a figure taken while something else was busy says so.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from dataclasses import dataclass, field

from benchmarks import ROOT
from benchmarks.stats import percentile

START_DELAY = 0.3  # seconds between sending the start time and the start
SETUP_TIMEOUT = 120.0  # connecting and signing in 16 users, with Argon2 at production cost
FINISH_GRACE = 30.0  # after the window and one request timeout, a process that has not answered is killed


@dataclass(frozen=True)
class CpuUse:
    """CPU used during a window, in cores (1.0: one core busy all the time)."""

    workers: float
    load_clients: float
    database: float  # PostgreSQL's processes for the benchmark database; 0 on SQLite (it runs in the workers)
    everything_else: float  # the rest of the machine: other processes, the gunicorn master, the kernel


@dataclass
class LoadResult:
    """The timed window's outcome, over every process."""

    label: str
    ok: int
    seconds: float  # from the common start to the last answer
    errors: dict[str, int]
    latencies: list[float]
    cpu: CpuUse
    accepted: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.ok / self.seconds if self.seconds > 0 else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def latency_p50(self) -> float:
        return percentile(self.latencies, 0.50) if self.latencies else float("nan")

    @property
    def latency_p95(self) -> float:
        return percentile(self.latencies, 0.95) if self.latencies else float("nan")


def _share_out(clients: int, processes: int) -> list[list[int]]:
    """Client numbers per process, as even as can be: 16 over 3 gives 6, 5, 5."""
    processes = max(1, min(processes, clients))
    return [list(range(clients))[start::processes] for start in range(processes)]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far, from /proc/<pid>/stat."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time the whole machine has spent busy (not idle, not waiting on disk), all cores together."""
    with open("/proc/stat") as stat:
        ticks = [int(value) for value in stat.readline().split()[1:9]]
    idle, iowait = ticks[3], ticks[4]
    return (sum(ticks) - idle - iowait) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class _CpuSample:
    at: float
    machine: float
    workers: float
    load_clients: float
    database: float

    @classmethod
    def now(cls, worker_pids: list[int], client_pids: list[int], database_pids: list[int]) -> _CpuSample:
        return cls(time.monotonic(), machine_busy_seconds(), sum(cpu_seconds(pid) for pid in worker_pids),
                   sum(cpu_seconds(pid) for pid in client_pids), sum(cpu_seconds(pid) for pid in database_pids))

    def until(self, later: _CpuSample) -> CpuUse:
        span = max(later.at - self.at, 1e-9)
        workers = (later.workers - self.workers) / span
        clients = (later.load_clients - self.load_clients) / span
        database = (later.database - self.database) / span
        machine = (later.machine - self.machine) / span
        return CpuUse(workers, clients, database, max(0.0, machine - workers - clients - database))


class _LoadProcess:
    def __init__(self, job: dict) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "benchmarks.client"], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.send(job)

    def send(self, message: dict) -> None:
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()

    def receive(self, deadline: float) -> dict:
        """The process's next line, waiting no later than `deadline` (epoch seconds)."""
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout=max(0.0, deadline - time.time())):
                raise TimeoutError("a load process did not answer in time")
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"a load process stopped (exit status {self.process.wait(timeout=10)})")
        return json.loads(line)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        for stream in (self.process.stdin, self.process.stdout):
            stream.close()


def run_load(label: str, job: dict, clients: int, processes: int, seconds: float, timeout: float,
             worker_pids: list[int], database_pids: list[int]) -> LoadResult:
    """Run `job` (see client.py) with `clients` clients for `seconds`, every request bounded by `timeout`."""
    job = {**job, "seconds": seconds, "timeout": timeout}
    loaders = [_LoadProcess({**job, "numbers": numbers}) for numbers in _share_out(clients, processes)]
    try:
        ready_by = time.time() + SETUP_TIMEOUT
        for loader in loaders:
            loader.receive(ready_by)
        client_pids = [loader.process.pid for loader in loaders]
        start_at = time.time() + START_DELAY
        for loader in loaders:
            loader.send({"start_at": start_at})
        time.sleep(max(0.0, start_at - time.time()))
        before = _CpuSample.now(worker_pids, client_pids, database_pids)
        finish_by = start_at + seconds + timeout + FINISH_GRACE
        tallies = [loader.receive(finish_by) for loader in loaders]
        cpu = before.until(_CpuSample.now(worker_pids, client_pids, database_pids))
    finally:
        for loader in loaders:
            loader.stop()
    return _add_up(label, tallies, start_at, cpu)


def _add_up(label: str, tallies: list[dict], start_at: float, cpu: CpuUse) -> LoadResult:
    errors: dict[str, int] = {}
    for tally in tallies:
        for kind, count in tally["errors"].items():
            errors[kind] = errors.get(kind, 0) + count
    last_end = max(tally["last_end"] for tally in tallies)
    return LoadResult(
        label=label, ok=sum(t["ok"] for t in tallies), seconds=max(0.0, last_end - start_at), errors=errors,
        latencies=[latency for t in tallies for latency in t["latencies"]],
        cpu=cpu,
        accepted=[name for t in tallies for name in t["accepted"]],
        refused=[name for t in tallies for name in t["refused"]])
