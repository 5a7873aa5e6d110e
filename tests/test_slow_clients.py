"""The README's production command (gunicorn, 2 workers) on loopback: four clients that open a
connection and send half a request, then stall, do not stop `/health` answering within a second.
The same four stall gunicorn's default sync workers, which shows what the test tells apart."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from loopback_server import free_port

README = Path(__file__).resolve().parents[1] / "README.md"
SLOW_CLIENTS, BOOT_SECONDS, ANSWER_WITHIN = 4, 60, 1.0


def _production_command() -> list[str]:
    line = next(line for line in README.read_text().splitlines() if line.startswith(".venv/bin/gunicorn "))
    return shlex.split(line.split("#")[0])[1:]  # without the executable: run by this Python


def _serve(arguments: list[str], app, port: int) -> subprocess.Popen:
    arguments = list(arguments)
    arguments[arguments.index("-b") + 1] = f"127.0.0.1:{port}"
    environment = {**os.environ, "TRACKER_SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                   "TRACKER_SECRET_KEY": "slow-clients-test-secret"}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", *arguments], env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + BOOT_SECONDS
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).close()
            return server
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("gunicorn did not start")
            time.sleep(0.2)


def _health_answers_while_clients_stall(app, arguments: list[str]) -> bool:
    port = free_port()
    server = _serve(arguments, app, port)
    stalled = []
    try:
        for _ in range(SLOW_CLIENTS):
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            connection.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # and nothing more
            stalled.append(connection)
        time.sleep(0.5)  # let the workers pick them up
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=ANSWER_WITHIN) as answer:
                return answer.status == 200
        except OSError:
            return False
    finally:
        for connection in stalled:
            connection.close()
        server.terminate()
        server.wait(timeout=30)


def test_stalled_clients_do_not_stop_the_readme_command_answering(app):
    arguments = _production_command()
    assert "-w" in arguments and "-b" in arguments
    assert _health_answers_while_clients_stall(app, arguments)


def test_the_default_sync_workers_would_stall(app):
    arguments = _production_command()
    sync = [a for a in arguments if a not in ("-k", "gthread", "--threads", "8")]
    assert sync != arguments
    assert not _health_answers_while_clients_stall(app, sync)
