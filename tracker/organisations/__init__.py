"""Organisations: associations that run campaigns, and the NGOs that receive the funds."""
