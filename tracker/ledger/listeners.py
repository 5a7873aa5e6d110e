"""What the ledger takes from features below it: an import's platform fees become costs."""

from __future__ import annotations

from flask import Flask

from tracker import signals
from tracker.ledger import operations


def _on_platform_fees(_sender, actor, batch_id: int, fees: dict) -> None:
    operations.record_import_fees(actor, batch_id, fees)


def init_app(app: Flask) -> None:
    signals.platform_fees.connect(_on_platform_fees)
