"""Has anything that a cached page's key is read from been committed since? Answered without a query.

A public page served from the cache still needs its key: the versions of the figures beneath it
and the campaign's revision (tracker.rollups.queries), one query per visit, which costs a crowd
more than the cached page itself. Those answers change only when a transaction that wrote them
commits, so each app keeps the answers it read while its database reports no such commit:

- SQLite: `PRAGMA data_version`, read on a connection of our own that never writes, changes as
  soon as any other connection, in any process, has committed anything. A commit that returned is
  always seen: there is no window in which a page lags it.
- PostgreSQL: a trigger on the tables those answers come from (campaigns, places and the figures'
  versions; migration 0013) notifies the channel `samaki_changes` from every transaction that
  writes them, delivered at its commit; one thread per process LISTENs. A page may lag a commit by
  the notification's delivery (well under a millisecond on one host) when another process made it;
  a commit made by this process is counted at once. Whenever the listener is not connected, every
  answer is read afresh, as with no watch at all.
- Any other database, or any error: nothing is kept, every answer is read afresh.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from pathlib import Path
from collections.abc import Callable, Hashable
from typing import Any

from flask import Flask, current_app
from sqlalchemy import event, make_url
from sqlalchemy.engine import Engine

from tracker.extensions import db

CHANNEL = "samaki_changes"
WATCHED_TABLES = ("campaigns", "places", "campaign_figure_states", "place_figure_versions")
REMEMBERED = 4096  # answers kept per app until the next commit
LISTEN_TIMEOUT = 5.0  # seconds the listener waits before it checks its connection is still wanted
RECONNECT_PAUSE = 1.0  # seconds between attempts while PostgreSQL cannot be reached
_log = logging.getLogger(__name__)


class SqliteWatch:
    """PRAGMA data_version on a read-only connection of this process's own."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def token(self) -> Hashable | None:
        with self._lock:
            try:
                if self._connection is None or self._pid != os.getpid():  # a forked worker opens its own
                    self._connection = sqlite3.connect(f"{Path(self.path).as_uri()}?mode=ro", uri=True,
                                                       check_same_thread=False)
                    self._pid = os.getpid()
                return self._connection.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error:
                self._connection = None
                return None


class PostgresWatch:
    """A count of notifications on CHANNEL, kept by a LISTENing thread; None while it is not listening."""

    def __init__(self, conninfo: str) -> None:
        self.conninfo = conninfo
        self._epoch = 0
        self._listening = False
        self._pid = 0
        self._lock = threading.Lock()

    def token(self) -> Hashable | None:
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():  # the thread of a parent process does not run in a fork
                    self._pid, self._listening = os.getpid(), False
                    threading.Thread(target=self._listen, name="samaki-changes", daemon=True).start()
        return (self._pid, self._epoch, _commits[0]) if self._listening else None

    def _listen(self) -> None:
        import psycopg  # the driver of the `postgres` extra: an install on SQLite alone does not carry it

        pid = os.getpid()
        while self._pid == pid:
            try:
                with psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self._epoch += 1  # whatever was committed while nobody listened
                    self._listening = True
                    while self._pid == pid:
                        for _notification in connection.notifies(timeout=LISTEN_TIMEOUT):
                            self._epoch += 1
            except psycopg.Error:
                _log.warning("database changes: not listening to PostgreSQL; every page key is read afresh")
            finally:
                self._listening = False
                self._epoch += 1
            time.sleep(RECONNECT_PAUSE)


_commits = [0]  # commits made by this process, which its own next visit must see without waiting


def _count_commit(_connection) -> None:
    _commits[0] += 1


_watches: dict[str, SqliteWatch | PostgresWatch] = {}  # one per database and process, shared by its apps
_watches_lock = threading.Lock()


def _watch_for(url: str) -> SqliteWatch | PostgresWatch | None:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = parsed.database
        if not path or path == ":memory:" or path.startswith("file:"):
            return None
        key, make = f"sqlite:{os.path.abspath(path)}", lambda: SqliteWatch(os.path.abspath(path))
    elif backend == "postgresql":
        conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
        key, make = conninfo, lambda: PostgresWatch(conninfo)
    else:
        return None
    with _watches_lock:
        if key not in _watches:
            _watches[key] = make()
        return _watches[key]


class Remembered:
    """Answers read from the database, kept while its watch reports no commit since they were read."""

    def __init__(self, watch: SqliteWatch | PostgresWatch | None) -> None:
        self.watch = watch
        self._token: Hashable | None = None
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, read: Callable[[], Any]) -> Any:
        # An answer may be kept only if it was read in a snapshot taken after the token: a
        # transaction already open could predate a commit the token has seen.
        token = self.watch.token() if self.watch is not None and not db.session().in_transaction() else None
        if token is None:
            return read()
        with self._lock:
            if token != self._token:
                self._answers.clear()
                self._token = token
            elif key in self._answers:
                return self._answers[key]
        answer = read()
        with self._lock:
            if token == self._token and answer is not None:  # a place made later must not stay unknown
                self._answers[key] = answer
                while len(self._answers) > REMEMBERED:
                    self._answers.popitem(last=False)
        return answer


def init_app(app: Flask) -> None:
    if not event.contains(Engine, "commit", _count_commit):
        event.listen(Engine, "commit", _count_commit)
    app.extensions["database_changes"] = Remembered(_watch_for(app.config["SQLALCHEMY_DATABASE_URI"]))


def remembered(key: Hashable, read: Callable[[], Any]) -> Any:
    """`read()`, or what it gave when last called with `key`, if nothing it reads was committed since.
    Only for answers read from WATCHED_TABLES (PostgreSQL is told of changes to those alone)."""
    return current_app.extensions["database_changes"].get(key, read)
