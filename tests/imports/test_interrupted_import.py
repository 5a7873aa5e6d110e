"""An import killed (SIGKILL, no chance to clean up) while it stores its rows leaves nothing partial."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from tracker.donations.models import Donation
from tracker.extensions import db
from tracker.imports.models import ImportBatch, ImportedRecord

ROWS = 20_000
KILL_AFTER = 0.3  # seconds after the command says it is storing: well inside a commit of 20,000 gifts


def _export(path) -> None:
    lines = ['"Date","Name","Type","Status","Currency","Gross","Fee","Transaction ID"']
    start = dt.date(2025, 7, 24)
    for n in range(ROWS):
        day = start + dt.timedelta(days=n % 15)
        lines.append(f'"{day.month}/{day.day}/{day.year}","Donor {n}","Donation Payment","Completed","EUR",'
                     f'"{10 + n % 90}.{n % 100:02d}","-0.{n % 90 + 10}","K{n:08d}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_killed_import_stores_nothing(app, world, runner, database_url, tmp_path):
    path = tmp_path / "big.csv"
    _export(path)
    env = {**os.environ, "DATABASE_URL": database_url, "TRACKER_SECRET_KEY": "test"}
    command = [sys.executable, "-m", "flask", "--app", "tracker", "imports", "run", str(path), "--campaign",
               str(world.paris_campaign_id)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               cwd=tmp_path)
    try:
        deadline = time.monotonic() + 120
        for line in process.stderr:  # ends when the process does
            if line.startswith("Storing"):
                time.sleep(KILL_AFTER)
                process.send_signal(signal.SIGKILL)
                break
            assert time.monotonic() < deadline, "the import never reached its commit"
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL, "the import finished before it could be killed: use more rows"
    with app.app_context():
        db.session.remove()
        stored = [db.session.scalar(select(func.count()).select_from(model))
                  for model in (Donation, ImportedRecord, ImportBatch)]
    assert stored == [0, 0, 0]
    check = runner.invoke(args=["rollups", "check"])
    assert check.exit_code == 0, check.output
    # And the same file, run to its end, stores every row.
    result = runner.invoke(args=["imports", "run", str(path), "--campaign", str(world.paris_campaign_id)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Donation)) == ROWS
