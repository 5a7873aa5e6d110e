"""A large upload is stored by a background job whose progress page reloads until it is done: in a thread
of the app by default, on an RQ worker through Redis when REDIS_URL is set."""

from __future__ import annotations

import io
import re
import time
import uuid

import pytest
import redis
from conftest import csrf_token
from dashboard_helpers import minor_of, page_text, shown_total
from rq import Queue, SimpleWorker
from sqlalchemy import func, select

from tracker import jobs
from tracker.extensions import db
from tracker.imports.models import ImportBatch

from test_platform_formats import EXPECTED, FILES

REDIS_URL = "redis://127.0.0.1:6379/0"
TOKEN = re.compile(r'name="token"[^>]*value="([^"]+)"')


def _preview_and_commit(client, world):
    data = (FILES / "paypal_activity_de.csv").read_bytes()
    preview = client.post("/imports/new", data={
        "csrf_token": csrf_token(client, "/imports/new"), "campaign": str(world.paris_campaign_id), "format": "auto",
        "file": (io.BytesIO(data), "paypal_activity_de.csv")}, content_type="multipart/form-data")
    token = TOKEN.search(page_text(preview)).group(1)
    committed = client.post("/imports/commit", data={"csrf_token": csrf_token(client, "/imports/new"), "token": token})
    assert committed.status_code == 303 and "/imports/jobs/" in committed.headers["Location"]
    return committed.headers["Location"]


def _follow(client, job_url: str, seconds: float = 60):
    """The job's page until it sends on to the batch (bounded: a job that never ends fails the test)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = client.get(job_url)
        if page.status_code == 303:
            return page.headers["Location"]
        assert page.status_code == 200 and 'http-equiv="refresh"' in page_text(page)
        time.sleep(0.2)
    pytest.fail("the import job did not finish")


def _expected_total() -> int:
    return int(EXPECTED["paypal_activity_de.csv"]["totals"]["EUR"].replace(".", ""))


def test_a_large_upload_is_stored_in_the_background(app, world, client, auth):
    app.config["IMPORT_BACKGROUND_BYTES"] = 100  # every upload is "large" here
    auth.login(world.emails["coordinator"])
    job_url = _preview_and_commit(client, world)
    batch_url = _follow(client, job_url)
    assert re.search(r"/imports/\d+$", batch_url)
    assert minor_of(shown_total(client.get(f"/campaigns/{world.paris_campaign_id}"))) == _expected_total()
    # Somebody else cannot follow it.
    auth.logout()
    auth.login(world.emails["admin"])
    assert client.get(job_url).status_code == 404


def test_with_redis_the_job_runs_on_a_worker(app, world, client, auth):
    app.config.update(IMPORT_BACKGROUND_BYTES=100, REDIS_URL=REDIS_URL, JOB_KEY_PREFIX=f"samaki-test:{uuid.uuid4().hex}:")
    connection = redis.Redis.from_url(REDIS_URL)
    queue = Queue(jobs.QUEUE, connection=connection)
    queue.empty()
    auth.login(world.emails["coordinator"])
    job_url = _preview_and_commit(client, world)
    page = client.get(job_url)
    assert page.status_code == 200 and "Waiting for its turn" in page_text(page)  # queued: no worker yet
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ImportBatch)) == 0
        SimpleWorker([queue], connection=connection).work(burst=True)
    batch_url = _follow(client, job_url, seconds=10)
    assert re.search(r"/imports/\d+$", batch_url)
    assert minor_of(shown_total(client.get(f"/campaigns/{world.paris_campaign_id}"))) == _expected_total()
