"""Two gunicorn workers on loopback with REDIS_URL set share the count of failed sign-ins: a burst
spread over both is refused after the same number of tries as on one."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
import redis
from conftest import TEST_PASSWORD
from loopback_server import free_port

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
LIMIT, WINDOW_SECONDS, ATTEMPTS, MORE_TRIES = 5, 15, 8, 20
BOOT_SECONDS = 60
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def gunicorn(app, world, tmp_path):
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis is needed at {REDIS_URL}: {error}")
    prefix = f"samaki-test-limits:{uuid.uuid4().hex}"
    port, log = free_port(), tmp_path / "access.log"
    environment = {**os.environ, "TRACKER_SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                   "TRACKER_SECRET_KEY": "shared-limits-" + uuid.uuid4().hex, "TRACKER_REDIS_URL": REDIS_URL,
                   "TRACKER_RATELIMIT_KEY_PREFIX": prefix, "TRACKER_PAGE_CACHE_PREFIX": prefix + ":page:",
                   "TRACKER_PASSWORD_HASH_PROFILE": "cheapest",
                   "TRACKER_LOGIN_LIMIT_PER_ACCOUNT": f"{LIMIT} per {WINDOW_SECONDS} seconds"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--access-logfile", str(log),
         "--access-logformat", "%(p)s %(m)s %(U)s %(s)s", "tracker:create_app()"],
        env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + BOOT_SECONDS
    while True:
        try:
            urllib.request.urlopen(base + "/health", timeout=2).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("gunicorn did not start")
            time.sleep(0.2)
    yield base, log
    server.terminate()
    server.wait(timeout=20)
    store = redis.Redis.from_url(REDIS_URL)
    for key in store.scan_iter(match=prefix + "*"):
        store.delete(key)


def _sign_in(base: str, email: str, password: str) -> int:
    """A new browser (own cookies, own connections): draw the form, post it; the status of the post."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                         _NoRedirect())
    with opener.open(base + "/login", timeout=10) as page:
        token = CSRF.search(page.read().decode()).group(1)
    body = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token}).encode()
    try:
        with opener.open(base + "/login", data=body, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _workers_that_answered(log) -> set[str]:
    return {line.split()[0] for line in log.read_text().splitlines() if " POST /login " in line}


def test_two_workers_share_the_failed_sign_in_count_through_redis(gunicorn, world):
    base, log = gunicorn
    email = world.emails["volunteer"]
    statuses = [_sign_in(base, email, f"guess {n}") for n in range(ATTEMPTS)]
    # One idle worker may have taken every attempt: try again, with the other worker kept busy by a
    # client that sends half a request, until both have answered (whichever took the blocker).
    for _ in range(MORE_TRIES):
        if len(_workers_that_answered(log)) == 2:
            break
        with socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])), timeout=5) as blocker:
            blocker.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            time.sleep(0.2)
            statuses.append(_sign_in(base, email, "one more guess"))
    assert len(_workers_that_answered(log)) == 2, "only one worker answered: nothing shared was shown"
    assert statuses[:LIMIT] == [401] * LIMIT
    assert set(statuses[LIMIT:]) == {429}, statuses  # whichever worker answered, it knew of the others' failures
    time.sleep(WINDOW_SECONDS + 0.5)
    assert _sign_in(base, email, TEST_PASSWORD) == 302
