"""The SQLite file, which holds donors' details, is created readable by its owner only."""

from __future__ import annotations

import stat

from flask_migrate import upgrade

from tracker import create_app
from tracker.extensions import db


def test_a_new_sqlite_database_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "private" / "tracker.sqlite"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "x", "TESTING": True})
    with app.app_context():
        upgrade()
        db.session.execute(db.text("SELECT 1"))
        modes = {file.name: stat.S_IMODE(file.stat().st_mode) for file in path.parent.iterdir()}
        db.engine.dispose()
    assert modes["tracker.sqlite"] == 0o600
    assert all(mode == 0o600 for name, mode in modes.items() if name.startswith("tracker.sqlite")), modes
