"""Rendered public pages, kept per worker process, or in Redis (REDIS_URL) shared by every worker and host.

In a crisis thousands of visitors open the same campaign or region page. A page's HTML depends on
the versions of the figures beneath it (tracker.rollups: every gift, move or rate that changes
them moves them on), the campaign's own revision, the currency asked and the language, so a page
cached under that key is never out of date for money. Names shown from elsewhere (an organisation
renamed, a new city listed) refresh within MAX_AGE seconds.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

import redis
from flask import Flask, current_app

MAX_ENTRIES = 512  # about 15 kB each
MAX_AGE = 30  # seconds


class PageCache:
    """In this process only: the embedded default."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_age: float = MAX_AGE) -> None:
        self._pages: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._lock = threading.Lock()
        self.max_entries, self.max_age = max_entries, max_age

    def get(self, key: str) -> str | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is None or time.monotonic() - entry[0] > self.max_age:
                return None
            self._pages.move_to_end(key)
            return entry[1]

    def put(self, key: str, html: str) -> None:
        with self._lock:
            self._pages[key] = (time.monotonic(), html)
            self._pages.move_to_end(key)
            while len(self._pages) > self.max_entries:
                self._pages.popitem(last=False)


class RedisPageCache:
    """Shared by every worker and host. If Redis cannot be reached the page is simply made afresh."""

    def __init__(self, url: str, prefix: str, max_age: int = MAX_AGE) -> None:
        self.prefix = prefix
        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._errors = (redis.RedisError, OSError)
        self.max_age = max_age

    def get(self, key: str) -> str | None:
        try:
            value = self._redis.get(self.prefix + key)
        except self._errors:
            current_app.logger.warning("page cache: Redis unreachable")
            return None
        return None if value is None else value.decode()

    def put(self, key: str, html: str) -> None:
        try:
            self._redis.set(self.prefix + key, html.encode(), ex=self.max_age)
        except self._errors:
            current_app.logger.warning("page cache: Redis unreachable")


def init_app(app: Flask) -> None:
    url = app.config.get("REDIS_URL")
    app.extensions["public_pages"] = RedisPageCache(url, app.config["PAGE_CACHE_PREFIX"]) if url else PageCache()


def pages() -> PageCache | RedisPageCache:
    return current_app.extensions["public_pages"]


def key(*parts: object) -> str:
    return "|".join(str(part) for part in parts)
