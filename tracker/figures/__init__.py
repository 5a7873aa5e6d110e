"""Converted figures: the rollup cells converted to each reporting currency, kept up write by write."""
