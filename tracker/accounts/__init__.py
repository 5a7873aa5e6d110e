"""Accounts: users, their roles, their organisations and regions, and signing in."""
