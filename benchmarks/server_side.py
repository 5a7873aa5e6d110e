"""Server-side time of the pages, through the Flask test client: no network, no HTTP server.

What is timed is the whole request as the app handles it (routing, permission checks, queries,
conversion, template), measured around `client.get` one request after another.
"""

from __future__ import annotations

import sys
import time

from flask.testing import FlaskClient

from benchmarks.stats import Timing

WARM_UP_REQUESTS = 2  # the first requests load the ECB history and fill caches; not counted


def time_page(client: FlaskClient, url: str, requests: int) -> Timing:
    for _ in range(WARM_UP_REQUESTS):
        _get(client, url)
    durations = []
    for _ in range(requests):
        started = time.perf_counter()
        _get(client, url)
        durations.append(time.perf_counter() - started)
    return Timing(tuple(durations))


def _get(client: FlaskClient, url: str) -> None:
    reply = client.get(url)
    reply.close()
    if reply.status_code != 200:
        raise RuntimeError(f"GET {url} answered {reply.status_code}, not 200: nothing to time")


def time_pages(client: FlaskClient, pages: dict[str, str], requests: int) -> dict[str, Timing]:
    timings = {}
    for name, url in pages.items():
        print(f"  timing {url}: {requests} requests", file=sys.stderr, flush=True)
        timings[name] = time_page(client, url, requests)
    return timings
