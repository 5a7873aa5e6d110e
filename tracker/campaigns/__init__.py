"""Campaigns: who raises money where, for which NGOs, towards which goal."""
