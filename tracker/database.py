"""Per-database settings applied to every connection, and the upsert that rollups rely on."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from tracker.extensions import db


def configure(app: Flask) -> None:
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers run beside the one writer; the busy timeout makes writers queue, not fail.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def add_to_counters(model, key_names: tuple[str, ...], rows: list[dict], returning: tuple[str, ...] = ()):
    """Add each row's counters to the row with the same key, inserting it if missing.

    One INSERT … ON CONFLICT DO UPDATE statement, compiled once and executed for each row in the
    order given: each row's addition is atomic, and callers pass rows sorted by key so that
    concurrent writers lock rows in the same order and never wait on each other in a circle.
    With `returning`, gives back those columns of each row as they stand after the addition.
    """
    if not rows:
        return []
    engine: Engine = db.session.get_bind()
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    table = model.__table__
    stmt = insert(table)
    counters = [name for name in rows[0] if name not in key_names]
    stmt = stmt.on_conflict_do_update(
        index_elements=list(key_names),
        set_={name: table.c[name] + stmt.excluded[name] for name in counters},
    )
    if returning:
        stmt = stmt.returning(*(table.c[name] for name in returning))
        return [db.session.execute(stmt, row).one() for row in rows]
    db.session.execute(stmt, rows)
    return []
