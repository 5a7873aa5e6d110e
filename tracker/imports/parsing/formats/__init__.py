"""The platform formats the importer knows, and which one a file is."""

from __future__ import annotations

from tracker.imports.parsing.formats import (
    donorbox,
    givewp,
    helloasso,
    opencollective,
    paypal,
    stripe,
)

# Most specific first: a Stripe export has an "Amount" column like Donorbox's.
FORMATS = {module.NAME: module for module in (helloasso, paypal, stripe, opencollective, givewp, donorbox)}
