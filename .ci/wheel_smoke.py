"""Run by a virtualenv's Python with the built wheel installed (not editable), from a folder outside
the checkout: the installed app migrates a new SQLite database, serves the home page with its CSS
under `flask run` on loopback, and a French page in French."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import tracker

BOOT_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read().decode()


def main(checkout: str) -> int:
    installed = Path(tracker.__file__).resolve()
    assert "site-packages" in installed.parts, f"tracker imported from {installed}, not from the installed wheel"
    assert not installed.is_relative_to(Path(checkout).resolve()), f"tracker imported from the checkout: {installed}"
    flask = str(Path(sys.executable).with_name("flask"))
    with tempfile.TemporaryDirectory() as folder:
        environment = {**os.environ, "TRACKER_SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/smoke.sqlite",
                       "TRACKER_SECRET_KEY": "wheel-smoke-" + "0" * 32}
        upgrade = subprocess.run([flask, "--app", "tracker", "db", "upgrade"], env=environment, cwd=folder,
                                 timeout=120, capture_output=True, text=True)
        if upgrade.returncode != 0:
            raise SystemExit(f"the installed app could not migrate a new database:\n{upgrade.stderr[-4000:]}")
        port = _free_port()
        server = subprocess.Popen([flask, "--app", "tracker", "run", "--host", "127.0.0.1", "--port", str(port)],
                                  env=environment, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + BOOT_SECONDS
            while True:
                try:
                    _get(base + "/health")
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("the installed app did not start")
                    time.sleep(0.2)
            status, _, home = _get(base + "/")
            assert status == 200 and "Samaki" in home, status
            stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', home)
            assert stylesheet, "the home page links no stylesheet"
            status, kind, css = _get(base + stylesheet.group(1))
            assert status == 200 and kind.startswith("text/css") and "body" in css, (status, kind)
            status, _, french = _get(base + "/?lang=fr")
            assert status == 200 and '<html lang="fr">' in french and "Se connecter" in french, "not in French"
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"wheel on Python {sys.version.split()[0]}: home page, its CSS ({stylesheet.group(1)}) and French served "
          f"from {installed.parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
