"""Rendered public campaign pages, kept per worker process.

Thousands of donors refresh a campaign page at once in a crisis. Its HTML depends on the
campaign's revision (tracker.campaigns.models.Campaign.revision: every gift, edit or rate that
changes the page moves it on), the currency and the language, so a page cached under that key is
never out of date for gifts. Names the page shows from elsewhere (an organisation or NGO renamed)
refresh within MAX_AGE seconds.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from flask import Flask, current_app

MAX_ENTRIES = 512  # about 15 kB each
MAX_AGE = 30.0  # seconds


class PageCache:
    def __init__(self, max_entries: int = MAX_ENTRIES, max_age: float = MAX_AGE) -> None:
        self._pages: OrderedDict[tuple, tuple[float, str]] = OrderedDict()
        self._lock = threading.Lock()
        self.max_entries, self.max_age = max_entries, max_age

    def get(self, key: tuple) -> str | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is None or time.monotonic() - entry[0] > self.max_age:
                return None
            self._pages.move_to_end(key)
            return entry[1]

    def put(self, key: tuple, html: str) -> None:
        with self._lock:
            self._pages[key] = (time.monotonic(), html)
            self._pages.move_to_end(key)
            while len(self._pages) > self.max_entries:
                self._pages.popitem(last=False)


def init_app(app: Flask) -> None:
    app.extensions["campaign_pages"] = PageCache()


def campaign_pages() -> PageCache:
    return current_app.extensions["campaign_pages"]
