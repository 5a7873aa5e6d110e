"""Per-database settings applied to every connection, and the upsert that rollups rely on."""

from __future__ import annotations

import enum
import functools

from flask import Flask, Response, request
from sqlalchemy import bindparam, event, text
from sqlalchemy.dialects import postgresql

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


@functools.lru_cache(maxsize=16)
def _insert_or_nothing(model, names: tuple[str, ...], unique_column: str):
    table = model.__table__
    sql = (f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)}) "
           f"ON CONFLICT ({unique_column}) DO NOTHING RETURNING id")
    return text(sql).bindparams(*(bindparam(n, type_=table.c[n].type) for n in names))


def insert_ignoring_conflict(model, row: dict, unique_column: str):
    """Insert a row and return it as an object, unless one with the same `unique_column` exists (None).

    On PostgreSQL a concurrent insert of the same value waits for the other transaction, then does
    nothing; the caller then reads the other's row. Nothing is rolled back either way. A row whose
    `unique_column` is NULL never conflicts. (SQL text: the dialects' ON CONFLICT is compiled anew
    at every execution.)
    """
    new_id = db.session.execute(_insert_or_nothing(model, tuple(row), unique_column), row).scalar()
    return None if new_id is None else db.session.get(model, new_id)


@functools.lru_cache(maxsize=64)
def _upsert_arrays(model, key_names: tuple[str, ...], counters: tuple[str, ...]):
    """PostgreSQL: the same upsert for any number of rows, one statement, rows passed as arrays.

    unnest() keeps the arrays' order, so rows are still locked in the order given.
    """
    table = model.__table__
    names = key_names + counters
    dialect = postgresql.dialect()
    arrays = ", ".join(f"CAST(:{n} AS {table.c[n].type.compile(dialect=dialect)}[])" for n in names)
    return text(f"INSERT INTO {table.name} ({', '.join(names)}) SELECT * FROM unnest({arrays}) "
                f"ON CONFLICT ({', '.join(key_names)}) DO UPDATE SET "
                + ", ".join(f"{n} = {table.name}.{n} + excluded.{n}" for n in counters))


def _plain(value):
    return value.value if isinstance(value, enum.Enum) else value


def add_to_counters(model, key_names: tuple[str, ...], rows: list[dict]) -> None:
    """Add each row's counters to the row with the same key, inserting it if missing.

    Each row's addition is atomic, and rows are locked in the order given: callers pass them
    sorted by key, so concurrent writers never wait on each other in a circle. On PostgreSQL all
    rows go in one statement (a gift touches some seventy figure rows); on SQLite the statement
    is executed for each row without leaving the process.
    """
    if not rows:
        return
    counters = tuple(name for name in rows[0] if name not in key_names)
    if db.session.get_bind().dialect.name == "postgresql":
        names = tuple(key_names) + counters
        db.session.execute(_upsert_arrays(model, tuple(key_names), counters),
                           {n: [_plain(row[n]) for row in rows] for n in names})
        return
    db.session.execute(_upsert(model, tuple(key_names), counters), rows)
