"""The app under gunicorn, as deployed (README: `gunicorn 'tracker:create_app()'`), on loopback only.

It is configured the way a deployment is, through the environment: TRACKER_SQLALCHEMY_DATABASE_URI
names the benchmark database (it wins over DATABASE_URL) and TRACKER_SECRET_KEY is shared by the
workers. Passwords are hashed at production cost: nothing here asks for the cheap test profile.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import ROOT

HOST = "127.0.0.1"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0
WORKER_TIMEOUT = 60  # gunicorn restarts a worker silent for this long; a restart is reported


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class WorkerMemory:
    pid: int
    peak_kib: int  # VmHWM: the most resident memory the worker ever had
    resident_kib: int  # VmRSS: what it has now

    @property
    def peak_mb(self) -> float:
        return self.peak_kib * 1024 / 1_000_000

    @property
    def resident_mb(self) -> float:
        return self.resident_kib * 1024 / 1_000_000


def _status_fields(pid: int) -> dict[str, str]:
    with open(f"/proc/{pid}/status") as status:
        return dict(line.rstrip("\n").split(":\t", 1) for line in status if ":\t" in line)


def _kib(value: str) -> int:
    return int(value.split()[0])


class Gunicorn:
    """Started on entry, stopped on exit (SIGTERM, then SIGKILL if it lingers)."""

    def __init__(self, database_url: str, secret: str, workers: int, log_path: Path) -> None:
        self.database_url, self.secret, self.workers, self.log_path = database_url, secret, workers, log_path
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.first_workers: list[int] = []

    def __enter__(self) -> Gunicorn:
        self.port = free_port()
        environment = {**os.environ, "TRACKER_SQLALCHEMY_DATABASE_URI": self.database_url,
                       "TRACKER_SECRET_KEY": self.secret}
        command = [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--bind", f"{HOST}:{self.port}",
                   "--timeout", str(WORKER_TIMEOUT), "tracker:create_app()"]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
        try:
            self._wait_until_serving()
        except BaseException:
            self.stop()
            raise
        self.first_workers = self.worker_pids()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start (exit status {self.process.returncode}); "
                                   f"see {self.log_path}")
            if self._answers() and len(self.worker_pids()) == self.workers:
                return
            time.sleep(0.2)
        raise TimeoutError(f"gunicorn did not answer within {START_TIMEOUT:.0f} s; see {self.log_path}")

    def _answers(self) -> bool:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
        try:
            connection.request("GET", "/health")
            return connection.getresponse().status == 200
        except OSError:
            return False
        finally:
            connection.close()

    def worker_pids(self) -> list[int]:
        """The master's children, found through /proc (gunicorn names no worker pids itself)."""
        master = str(self.process.pid)
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if _status_fields(int(entry.name)).get("PPid") == master:
                    pids.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError, PermissionError):
                continue
        return sorted(pids)

    def restarted_workers(self) -> int:
        """How many of the first workers are gone (gunicorn replaces a worker that timed out or died)."""
        return len(set(self.first_workers) - set(self.worker_pids()))

    def worker_memory(self) -> list[WorkerMemory]:
        memory = []
        for pid in self.worker_pids():
            fields = _status_fields(pid)
            memory.append(WorkerMemory(pid, _kib(fields["VmHWM"]), _kib(fields["VmRSS"])))
        return memory

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT)
