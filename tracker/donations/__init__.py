"""Donations: gifts of money or in kind, their corrections and voids, and the rollup cells."""
