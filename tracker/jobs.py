"""Background jobs: in a thread of this process by default, on RQ workers when REDIS_URL is set (run
`flask --app tracker jobs worker`); the same job function either way.

Features register their job functions when the app is made (`register`), so a worker made from the
same factory knows them by name. A job's state and progress live where every worker and host can
read them: in Redis, or in a file of the instance folder (one host, several workers).
"""

from __future__ import annotations

import json
import os
import threading
import traceback
import uuid
from collections.abc import Callable
from pathlib import Path

import click
import redis
from flask import Flask, current_app
from flask.cli import AppGroup

from tracker.extensions import db

QUEUE = "samaki"
KEEP_SECONDS = 24 * 3600
_registry: dict[str, Callable] = {}
jobs_cli = AppGroup("jobs", help="Background jobs.")


class JobRefused(Exception):
    """A job that ends with a message for its owner rather than a crash: `code` and `params` name it."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def register(name: str, function: Callable) -> None:
    """`function(progress, owner_id, **kwargs)` returns a JSON-able result; `progress(done, total)` reports
    how far; `owner_id` is the user who started it, the only one who may follow it."""
    _registry[name] = function


def _queue(connection):
    from rq import Queue  # RQ only where jobs go through Redis: it adds some 10 MB to every process otherwise

    return Queue(QUEUE, connection=connection)


def _redis(app: Flask):
    return redis.Redis.from_url(app.config["REDIS_URL"])


def _key(app: Flask, job_id: str) -> str:
    return f"{app.config['JOB_KEY_PREFIX']}{job_id}"


def _file(app: Flask, job_id: str) -> Path:
    folder = Path(app.instance_path) / "jobs"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / f"{job_id}.json"


def _save(app: Flask, job_id: str, state: dict) -> None:
    text = json.dumps(state)
    if app.config.get("REDIS_URL"):
        _redis(app).set(_key(app, job_id), text, ex=KEEP_SECONDS)
        return
    path = _file(app, job_id)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text)
    os.replace(temporary, path)  # a reader sees the old state or the new one, never half of one


def state(job_id: str) -> dict | None:
    app = current_app._get_current_object()
    if not job_id.isalnum() or len(job_id) > 64:
        return None
    if app.config.get("REDIS_URL"):
        text = _redis(app).get(_key(app, job_id))
        return json.loads(text) if text else None
    path = _file(app, job_id)
    return json.loads(path.read_text()) if path.exists() else None


def start(name: str, owner_id: int, **kwargs) -> str:
    """Queue `name` with `kwargs`; returns the job's id, whose state `state(id)` reads."""
    if name not in _registry:
        raise KeyError(name)
    app = current_app._get_current_object()
    job_id = uuid.uuid4().hex
    _save(app, job_id, {"state": "queued", "done": 0, "total": 0, "owner_id": owner_id, "name": name})
    if app.config.get("REDIS_URL"):
        _queue(_redis(app)).enqueue_call(
            execute, args=(job_id, name, owner_id, kwargs), timeout=3600, job_id=job_id)
    else:
        threading.Thread(target=_in_thread, args=(app, job_id, name, owner_id, kwargs), name=f"job-{name}",
                         daemon=True).start()
    return job_id


def _in_thread(app: Flask, job_id: str, name: str, owner_id: int, kwargs: dict) -> None:
    with app.app_context():
        execute(job_id, name, owner_id, kwargs)


def execute(job_id: str, name: str, owner_id: int, kwargs: dict) -> None:
    """Run a job inside an app context (a thread's, or the worker command's), recording how it ends."""
    app = current_app._get_current_object()
    base = {"owner_id": owner_id, "name": name}

    def progress(done: int, total: int) -> None:
        _save(app, job_id, {**base, "state": "running", "done": done, "total": total})

    try:
        result = _registry[name](progress, owner_id, **kwargs)
        _save(app, job_id, {**base, "state": "done", "result": result})
    except JobRefused as refused:
        db.session.rollback()
        _save(app, job_id, {**base, "state": "refused", "code": refused.code, "params": refused.params})
    except Exception:
        db.session.rollback()
        app.logger.error("job %s (%s) failed:\n%s", job_id, name, traceback.format_exc())
        _save(app, job_id, {**base, "state": "failed"})
    finally:
        db.session.remove()


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Run the jobs waiting now, then stop.")
def worker(burst: bool) -> None:
    """Run the background jobs queued in Redis (REDIS_URL), one at a time, in this process."""
    app = current_app._get_current_object()
    if not app.config.get("REDIS_URL"):
        raise click.UsageError("Set REDIS_URL: without it, jobs run inside the app's own processes.")
    from rq import SimpleWorker

    connection = _redis(app)
    SimpleWorker([_queue(connection)], connection=connection).work(burst=burst)
