"""Dashboards: per-region totals in a chosen currency, read from the rollup cells."""
