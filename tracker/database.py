"""Per-database settings applied to every connection, and the upsert that rollups rely on."""

from __future__ import annotations

import functools

from flask import Flask, Response, request
from sqlalchemy import bindparam, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from tracker.extensions import db


def configure(app: Flask) -> None:
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_pragmas)


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def commit_per_request(app: Flask) -> None:
    """The one place a request's changes are committed: after a view that changes state answered
    without refusing. Operations only flush; a refusal (4xx) or a safe method rolls back. A failed
    commit becomes the 500 page, which says nothing was saved."""

    @app.after_request
    def _finish(response: Response) -> Response:
        if request.method not in SAFE_METHODS and response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        return response


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers run beside the one writer; the busy timeout makes writers queue, not fail.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _insert(model):
    engine: Engine = db.session.get_bind()
    return (postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert)(model.__table__)


@functools.lru_cache(maxsize=64)
def _upsert(model, key_names: tuple[str, ...], counters: tuple[str, ...], returning: tuple[str, ...] = (),
            insert_only: tuple[str, ...] = ()):
    """INSERT … ON CONFLICT (key) DO UPDATE SET counter = counter + excluded.counter [RETURNING …];
    `insert_only` columns are written by an insert and kept as they are by an update.

    Written once per table and shape as SQL text, the same on SQLite and PostgreSQL: the dialects'
    own ON CONFLICT constructs are compiled anew at every execution, which cost more than the write.
    """
    table = model.__table__
    names = key_names + insert_only + counters
    sql = (f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)}) "
           f"ON CONFLICT ({', '.join(key_names)}) DO UPDATE SET "
           + ", ".join(f"{n} = {table.name}.{n} + excluded.{n}" for n in counters))
    if returning:
        sql += f" RETURNING {', '.join(returning)}"
    return text(sql).bindparams(*(bindparam(n, type_=table.c[n].type) for n in names)).columns(
        *(table.c[n] for n in returning))


def upsert_returning(model, key_names: tuple[str, ...], counter: str, rows: list[dict],
                     returning: tuple[str, ...]) -> list[tuple]:
    """Insert each row, or add its `counter` to the existing row's, giving back `returning` as stored.

    Only `counter` changes on a conflict: the row's other columns keep their stored values.
    One statement per row, in the order given (callers sort by key: rows are locked in that order).
    """
    if not rows:
        return []
    others = tuple(name for name in rows[0] if name not in key_names and name != counter)
    stmt = _upsert(model, key_names, (counter,), returning, others)
    return [tuple(db.session.execute(stmt, row).one()) for row in rows]


def insert_ignoring_conflict(model, row: dict, unique_column: str) -> int | None:
    """Insert a row unless one with the same `unique_column` exists: the new id, or None if one did.

    On PostgreSQL a concurrent insert of the same value waits for the other transaction, then does
    nothing; the caller then reads the other's row. Nothing is rolled back either way.
    """
    stmt = _insert(model).on_conflict_do_nothing(index_elements=[unique_column]).returning(model.__table__.c.id)
    return db.session.execute(stmt, row).scalar()


def add_to_counters(model, key_names: tuple[str, ...], rows: list[dict]) -> None:
    """Add each row's counters to the row with the same key, inserting it if missing.

    One INSERT … ON CONFLICT DO UPDATE statement executed for each row in the order given: each
    row's addition is atomic, and callers pass rows sorted by key so that concurrent writers lock
    rows in the same order and never wait on each other in a circle.
    """
    if not rows:
        return
    counters = tuple(name for name in rows[0] if name not in key_names)
    db.session.execute(_upsert(model, tuple(key_names), counters), rows)
