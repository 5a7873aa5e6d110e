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


def add_to_counters(model, key: dict, increments: dict) -> None:
    """INSERT the row, or add `increments` to it if the key exists: one atomic statement."""
    engine: Engine = db.session.get_bind()
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    table = model.__table__
    stmt = insert(table).values(**key, **increments)
    stmt = stmt.on_conflict_do_update(
        index_elements=list(key),
        set_={name: table.c[name] + stmt.excluded[name] for name in increments},
    )
    db.session.execute(stmt)
