"""What the ledger takes from features below it: an import's platform fees become costs."""

from __future__ import annotations

from flask import Flask

from tracker import signals
from tracker.ledger import operations


def _on_import_committed(_sender, batch_id: int, fees: dict) -> None:
    operations.record_import_fees(batch_id, fees)


def init_app(app: Flask) -> None:
    signals.import_committed.connect(_on_import_committed)
