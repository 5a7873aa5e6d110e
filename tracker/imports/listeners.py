"""The imports' part of a gift's page: the records that are its evidence."""

from __future__ import annotations

from flask import Flask, render_template
from markupsafe import Markup

from tracker import signals
from tracker.imports import background, queries
from tracker.imports.forms import FORMAT_LABELS


def _evidence_panel(_sender, donation, show_donor: bool) -> Markup | None:
    records = queries.evidence_for(donation.id)
    if not records:
        return None
    return Markup(render_template("imports/evidence.html", records=records, show_donor=show_donor,
                                  raw_cells=queries.raw_cells, format_labels=FORMAT_LABELS))


def init_app(app: Flask) -> None:
    signals.gift_page_panels.connect(_evidence_panel)
    background.init_app()
