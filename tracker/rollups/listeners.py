"""Connecting the rollup layer to what features announce, and running rate conversions after commit."""

from __future__ import annotations

import threading

from flask import Flask, current_app, has_request_context
from sqlalchemy import event

from tracker import signals
from tracker.extensions import db
from tracker.rollups import operations, rate_conversion

JOB_TIMEOUT = 600.0  # seconds a request waits for its conversion when the app is set to wait (tests)


def _on_cells_changed(_sender, changes) -> None:
    if operations.gifts_changed(changes):
        _convert_after_commit()


def _on_campaign_changed(_sender, before) -> None:
    operations.campaign_changed(before)


def _on_rates_added(_sender, since_id: int, added) -> None:
    """Figures move to the new rates after this transaction commits, in short batches of their own."""
    _convert_after_commit()


def _convert_after_commit() -> None:
    app = current_app._get_current_object()
    session = db.session()
    if not session.info.get("convert_rates_after_commit"):
        session.info["convert_rates_after_commit"] = True
        event.listen(session, "after_commit", lambda s: _start_conversion(app, s), once=True)


def _start_conversion(app: Flask, session) -> None:
    session.info.pop("convert_rates_after_commit", None)
    thread = threading.Thread(target=_convert, args=(app,), name="rate-conversion", daemon=True)
    thread.start()
    # A request returns at once; a command (cron, the demo loader) waits, or its exit would cut the job short.
    if app.config.get("RATE_CONVERSION_WAIT") or not has_request_context():
        thread.join(JOB_TIMEOUT)


def _convert(app: Flask) -> None:
    # Several workers or hosts may run this at once: each batch re-reads its campaigns' states under
    # their locks, so a campaign another run already moved is skipped.
    with app.app_context():
        try:
            rate_conversion.convert_pending(db.session.commit)
        except Exception:
            db.session.rollback()
            app.logger.exception("Converting figures to new rates failed; `flask rates update` resumes it")
        finally:
            db.session.remove()


def init_app(app: Flask) -> None:
    signals.gifts_changed.connect(_on_cells_changed)
    signals.money_moved.connect(_on_cells_changed)
    signals.campaign_changed.connect(_on_campaign_changed)
    signals.rates_added.connect(_on_rates_added)
