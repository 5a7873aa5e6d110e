"""Per-database settings applied to every connection, and the upsert that rollups rely on."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import operator
import os
from collections.abc import Callable

import sqlalchemy
from flask import Flask, Response, g, request
from sqlalchemy import bindparam, event, inspect, make_url, text
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from tracker.extensions import db

IN_CHUNK = 500  # values per IN (...)
SQLITE_VALUES = 4_000  # bound values per multi-row statement (SQLite allows 32,766; statements this long are cached)


def among(column, values: list) -> list:
    """Conditions that together say `column IN values`: one array on PostgreSQL (`= ANY`), bound once
    whatever its length; IN (...) lists of IN_CHUNK values on SQLite, which limits bound values."""
    if db.session.get_bind().dialect.name == "postgresql":
        return [column == sqlalchemy.any_(bindparam(f"among_{column.key}", values,
                                                     type_=postgresql.ARRAY(column.type)))]
    return [column.in_(values[start:start + IN_CHUNK]) for start in range(0, len(values), IN_CHUNK)]


def configure(app: Flask) -> None:
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite"):
        _create_private_file(make_url(url).database)
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_pragmas)


def _create_private_file(path: str | None) -> None:
    """The SQLite file holds donors' details: created readable and writable by its owner only
    (SQLite gives its -wal and -shm files the same permissions)."""
    if not path or path == ":memory:" or path.startswith("file:") or os.path.exists(path):
        return
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
AFTER_COMMIT_KEY = "after_commit"


def commit_per_request(app: Flask) -> None:
    """The one place a request's changes are committed: after a view that changes state answered
    without refusing. Operations only flush; a refusal (4xx) or a safe method rolls back. A failed
    commit becomes the 500 page, which says nothing was saved."""

    @app.after_request
    def _finish(response: Response) -> Response:
        waiting = g.pop(AFTER_COMMIT_KEY, [])
        if request.method not in SAFE_METHODS and response.status_code < 400:
            db.session.commit()
            for callback in waiting:
                try:
                    callback()
                except Exception:  # the change is saved: a failure after it must not read as "nothing was saved"
                    app.logger.exception("after the commit of %s %s", request.method, request.path)
        else:
            db.session.rollback()
        return response


def after_commit(callback: Callable[[], None]) -> None:
    """Run `callback` once this request's changes are committed, and never if they are rolled back:
    for what cannot be taken back, such as a mail sent."""
    g.setdefault(AFTER_COMMIT_KEY, []).append(callback)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers run beside the one writer; the busy timeout makes writers queue, not fail.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # SQLite's own lower() folds ASCII only ("É" stays "É"): searches use Python's, as PostgreSQL folds.
    dbapi_connection.create_function("unicode_lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


class lowered(FunctionElement):  # noqa: N801 (an SQL function, named as SQL names them)
    """lower(text) that folds every script on both databases, to compare with Python's str.lower()."""

    inherit_cache = True
    type = sqlalchemy.String()


@compiles(lowered)
def _lowered_default(element, compiler, **kw):
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(lowered, "sqlite")
def _lowered_sqlite(element, compiler, **kw):
    return f"unicode_lower({compiler.process(element.clauses, **kw)})"


def contains_text(column, text: str):
    """`column` holds `text`, whatever the case, in any script; % and _ in `text` are plain characters."""
    return lowered(column).contains(text.lower(), autoescape=True)


def upsert_returning(model, key_name: str, counter: str, rows: list[dict],
                     returning: tuple[str, ...]) -> list[tuple]:
    """Insert each row, or add its `counter` to the existing row's, giving back `returning` as stored.

    Only `counter` changes on a conflict: the row's other columns keep their stored values. Rows
    are locked in key order (sorted by the statement on PostgreSQL; SQLite has one writer at a
    time). What comes back is in no particular order.
    """
    if not rows:
        return []
    others = tuple(name for name in rows[0] if name not in (key_name, counter))
    names = (key_name,) + others + (counter,)
    return _upsert_rows_returning(model, (key_name,), (counter,), others, _tuples(rows, names), returning)


def _upsert_rows_returning(model, key_names: tuple[str, ...], counters: tuple[str, ...], insert_only: tuple[str, ...],
                           rows: list[tuple], returning: tuple[str, ...]) -> list[tuple]:
    """The upsert of `rows` (key, insert-only, then counter values), giving back `returning` as stored.

    On SQLite the rows as stored come back from the upsert itself (RETURNING, SQLite 3.35), a few
    hundred rows per statement, as raw values (days as ISO text)."""
    names = key_names + insert_only + counters
    if db.session.get_bind().dialect.name == "postgresql":
        statement = _upsert_arrays(model, key_names, counters, insert_only, returning)
        return [tuple(row) for row in db.session.execute(statement, dict(zip(names, _stored_columns(rows, False))))]
    stored, found = sorted(zip(*_stored_columns(rows, for_sqlite=True))), []
    per_statement = max(1, SQLITE_VALUES // len(names))
    for start in range(0, len(stored), per_statement):
        chunk = stored[start:start + per_statement]
        statement = _upsert_positional(model, key_names, counters, insert_only, len(chunk), returning)
        found += db.session.connection().exec_driver_sql(statement, tuple(v for row in chunk for v in row)).all()
    return [tuple(row) for row in found]


@functools.lru_cache(maxsize=16)
def _insert_or_nothing(model, names: tuple[str, ...], unique_column: str):
    table = model.__table__
    sql = (f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)}) "
           f"ON CONFLICT ({unique_column}) DO NOTHING RETURNING {', '.join(c.name for c in table.columns)}")
    return text(sql).bindparams(*(bindparam(n, type_=table.c[n].type) for n in names)).columns(*table.columns)


def insert_ignoring_conflict(model, row: dict, unique_column: str):
    """Insert a row and return it as an object, unless one with the same `unique_column` exists (None).

    On PostgreSQL a concurrent insert of the same value waits for the other transaction, then does
    nothing; the caller then reads the other's row. Nothing is rolled back either way. A row whose
    `unique_column` is NULL never conflicts. (SQL text: the dialects' ON CONFLICT is compiled anew
    at every execution.) The object is made from the row the insert returns, every column as
    stored, so it is not read again.
    """
    stored = db.session.execute(_insert_or_nothing(model, tuple(row), unique_column), row).mappings().first()
    if stored is None:
        return None
    mapper = inspect(model)
    instance = model(**{mapper.get_property_by_column(column).key: stored[column.name]
                        for column in model.__table__.columns})
    make_transient_to_detached(instance)
    db.session.add(instance)
    return instance


@functools.lru_cache(maxsize=64)
def _upsert_arrays(model, key_names: tuple[str, ...], counters: tuple[str, ...], insert_only: tuple[str, ...] = (),
                   returning: tuple[str, ...] = ()):
    """PostgreSQL: INSERT … ON CONFLICT (key) DO UPDATE SET counter = counter + excluded.counter for
    any number of rows in one statement, rows passed as arrays; `insert_only` columns are written
    by an insert and kept as they are by an update.

    The rows are sorted by key in the statement, so they are locked in key order. Written once
    per table and shape as SQL text: the dialect's ON CONFLICT construct is compiled anew at every
    execution, which cost more than the write.
    """
    table = model.__table__
    names = key_names + insert_only + counters
    dialect = postgresql.dialect()
    arrays = ", ".join(f"CAST(:{n} AS {table.c[n].type.compile(dialect=dialect)}[])" for n in names)
    return text(f"INSERT INTO {table.name} ({', '.join(names)}) SELECT * FROM unnest({arrays}) "
                f"AS given ({', '.join(names)}) ORDER BY {', '.join(key_names)} "
                f"ON CONFLICT ({', '.join(key_names)}) DO UPDATE SET "
                + ", ".join(f"{n} = {table.name}.{n} + excluded.{n}" for n in counters)
                + (f" RETURNING {', '.join(returning)}" if returning else ""))


_SQLITE_DATETIME = sqlite.DATETIME().bind_processor(sqlite.dialect())


def _tuples(rows: list[dict], names: tuple[str, ...]) -> list[tuple]:
    """The rows' values in the order of `names` (itemgetter: a large batch spends most of its Python
    time here otherwise)."""
    pick = operator.itemgetter(*names)
    return list(map(pick, rows)) if len(names) > 1 else [(pick(row),) for row in rows]


def _stored_columns(rows: list[tuple], for_sqlite: bool) -> list[list]:
    """The rows' values column by column, as the database stores them. A column's values share a
    type (the first row's), so each column is converted in one pass."""
    columns = [list(column) for column in zip(*rows)]
    for values in columns:
        first = values[0]
        if isinstance(first, enum.Enum):
            values[:] = [value.value for value in values]
        elif for_sqlite and isinstance(first, dt.datetime):  # as SQLAlchemy writes them, so they sort as text
            values[:] = [_SQLITE_DATETIME(value) for value in values]
        elif for_sqlite and isinstance(first, dt.date):
            values[:] = [value.isoformat() for value in values]
    return columns


@functools.lru_cache(maxsize=64)
def _upsert_positional(model, key_names: tuple[str, ...], counters: tuple[str, ...],
                       insert_only: tuple[str, ...] = (), rows: int = 1, returning: tuple[str, ...] = ()) -> str:
    """SQLite: the same upsert with `?` placeholders, for the driver's own executemany (one row), or
    for `rows` rows in one statement with `returning` columns given back."""
    table = model.__table__
    names = key_names + insert_only + counters
    one_row = f"({', '.join('?' for _ in names)})"
    return (f"INSERT INTO {table.name} ({', '.join(names)}) VALUES {', '.join([one_row] * rows)} "
            f"ON CONFLICT ({', '.join(key_names)}) DO UPDATE SET "
            + ", ".join(f"{n} = {table.name}.{n} + excluded.{n}" for n in counters)
            + (f" RETURNING {', '.join(returning)}" if returning else ""))


def insert_many_returning(model, rows: list[dict], returning: tuple[str, ...]) -> list[tuple]:
    """Insert many rows, giving back `returning` of each (in no particular order)."""
    if not rows:
        return []
    names = tuple(rows[0])
    if db.session.get_bind().dialect.name == "postgresql":
        # The ids are drawn from the table's sequence first, so the rows can go in by COPY.
        ids = list(db.session.scalars(text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                                           "FROM generate_series(1, :count)"),
                                      {"table": model.__table__.name, "count": len(rows)}))
        columns = _stored_columns(_tuples(rows, names), for_sqlite=False)
        _copy(model, ("id", *names), [ids, *columns])
        return [tuple(ids[index] if name == "id" else row[name] for name in returning)
                for index, row in enumerate(rows)]
    # SQLite: the first row goes in alone and takes the one write lock, and with it the table's largest
    # id; the others follow it with the next ids, through the driver's executemany.
    table = model.__table__
    first_id = db.session.execute(table.insert().returning(table.c.id), [rows[0]]).scalar_one()
    insert_plain(model, [{"id": first_id + offset, **row} for offset, row in enumerate(rows[1:], start=1)])
    return [tuple(first_id + index if name == "id" else row[name] for name in returning)
            for index, row in enumerate(rows)]


def insert_plain(model, rows: list[dict]) -> None:
    """Insert many rows with nothing back: the driver's own executemany on SQLite (SQLAlchemy's
    per-row parameter processing would cost more than the writes), COPY on PostgreSQL."""
    if not rows:
        return
    names = tuple(rows[0])
    if db.session.get_bind().dialect.name == "postgresql":
        _copy(model, names, _stored_columns(_tuples(rows, names), for_sqlite=False))
        return
    columns = _stored_columns(_tuples(rows, names), for_sqlite=True)
    statement = f"INSERT INTO {model.__table__.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    db.session.connection().exec_driver_sql(statement, list(zip(*columns)))


def _copy(model, names: tuple[str, ...], columns: list[list]) -> None:
    """PostgreSQL: rows in by COPY, in the session's transaction. (Passed as arrays, long text such as
    an imported row's JSON was escaped cell by cell in Python: most of an import's time.)"""
    db.session.flush()
    cursor = db.session.connection().connection.dbapi_connection.cursor()
    with cursor, cursor.copy(f"COPY {model.__table__.name} ({', '.join(names)}) FROM STDIN") as copy:
        for row in zip(*columns):
            copy.write_row(row)


def add_to_counters(model, key_names: tuple[str, ...], rows: list[dict]) -> None:
    """Add each row's counters to the row with the same key, inserting it if missing (rows as dicts)."""
    if rows:
        counters = tuple(name for name in rows[0] if name not in key_names)
        names = tuple(key_names) + counters
        add_rows_to_counters(model, tuple(key_names), counters, _tuples(rows, names))


def add_rows_to_counters_returning(model, key_names: tuple[str, ...], counters: tuple[str, ...],
                                   rows: list[tuple]) -> list[tuple]:
    """As `add_rows_to_counters`, giving back each row's key and counters as stored after the addition
    (in no particular order; on SQLite, days come back as ISO text)."""
    if not rows:
        return []
    return _upsert_rows_returning(model, key_names, counters, (), rows, key_names + counters)


def add_rows_to_counters(model, key_names: tuple[str, ...], counters: tuple[str, ...], rows: list[tuple]) -> None:
    """Add each row's counters (the key's values, then the counters') to the row with the same key,
    inserting it if missing.

    Each row's addition is atomic. On PostgreSQL all rows go in one statement (a gift touches some
    seventy figure rows), which sorts them by key before writing: every writer takes row locks in
    key order, so concurrent writers never wait on each other in a circle. SQLite has one writer
    at a time, so order does not matter there; its driver executes the statement for each row
    (SQLAlchemy's per-row parameter processing cost more than the writes, so the values are given
    as SQLAlchemy would store them).
    """
    if not rows:
        return
    names = key_names + counters
    if db.session.get_bind().dialect.name == "postgresql":
        columns = _stored_columns(rows, for_sqlite=False)
        db.session.execute(_upsert_arrays(model, key_names, counters), dict(zip(names, columns)))
        return
    # In key order, as on PostgreSQL: each row's page is then mostly the one just written.
    stored = sorted(zip(*_stored_columns(rows, for_sqlite=True)))
    db.session.connection().exec_driver_sql(_upsert_positional(model, key_names, counters), stored)
