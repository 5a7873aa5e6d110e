"""The statements' part of a gift's page: the bank line that paid it in."""

from __future__ import annotations

from flask import Flask, render_template
from markupsafe import Markup

from tracker import signals
from tracker.statements import queries


def _bank_panel(_sender, donation, show_donor: bool) -> Markup | None:
    lines = queries.lines_paying_in(donation.id)
    if not lines:
        return None
    return Markup(render_template("statements/evidence.html", lines=lines, donation=donation, show_donor=show_donor))


def init_app(app: Flask) -> None:
    signals.gift_page_panels.connect(_bank_panel)
